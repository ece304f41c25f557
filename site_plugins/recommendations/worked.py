"""Which worked cases trigger each recommendation, and the calculator link that replays a case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from lbp_core import evaluate
from lbp_core.worked_cases import WORKED_CASES, WorkedCase

__all__ = ["calculator_fragment", "cases_by_recommendation"]


def cases_by_recommendation() -> dict[str, list[WorkedCase]]:
    """Recommendation ID -> the worked cases whose evaluated result cites it, in case order."""
    triggered: dict[str, list[WorkedCase]] = {}
    for case in WORKED_CASES:
        for rec_id in dict.fromkeys(action["rec"] for action in evaluate(case.case)["actions"]):
            triggered.setdefault(rec_id, []).append(case)
    return triggered


def calculator_fragment(case: Mapping[str, Any]) -> str:
    """The case's contract fields as a URL query string, for the calculator's ``#`` fragment.

    >>> calculator_fragment({"duration_weeks": 1.5, "fever": True, "age_years": 34})
    'duration_weeks=1.5&fever=true&age_years=34'
    """
    return urlencode({field: _value(value) for field, value in case.items()})


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
