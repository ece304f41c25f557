"""Golden runs: the same cases, serialised the same way, in CPython and in Pyodide.

``golden_cases()`` is the fixed, seeded set of cases every such comparison uses: the worked cases plus
generated valid and bad ones. The site's build runs it too (the trimmed standard library is checked
against it), which is why it lives in the core rather than with the tests.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from lbp_core.case import FIELD_SPECS, CaseValidationError
from lbp_core.engine import evaluate, invalid_case_reply
from lbp_core.worked_cases import WORKED_CASES

__all__ = ["golden_cases", "run_golden"]

_THRESHOLD_WEEKS = [0, 1.9, 2, 3.9, 4, 5.9, 6, 11.9, 12, 520]
_BAD_VALUES: list[Any] = [-1, 521, "8", None, [], {}, True, 2.5, "<script>alert(1)</script>", "∞"]


def golden_cases(count: int = 400, seed: int = 2026) -> list[Any]:
    """The worked cases, ``count`` generated cases (thresholds over-sampled, one in ten with a bad
    value) and four inputs that are not cases at all; the same list for the same arguments.

    >>> len(golden_cases(count=0)) == len(WORKED_CASES) + 4
    True
    """
    boolean_fields = [name for name, spec in FIELD_SPECS.items() if spec.kind == "boolean"]
    rng = random.Random(seed)
    cases: list[Any] = [wc.case for wc in WORKED_CASES]
    for i in range(count):
        duration = rng.choice(_THRESHOLD_WEEKS + [round(rng.uniform(0, 520), 2)])
        case: dict[str, Any] = {"duration_weeks": duration}
        for name in rng.sample(boolean_fields, rng.randint(0, len(boolean_fields))):
            case[name] = rng.random() < 0.6
        if rng.random() < 0.5:
            case["conservative_care_weeks"] = round(rng.uniform(0, duration), 1)
        if rng.random() < 0.5:
            case["age_years"] = rng.randint(0, 120)
        if i % 10 == 0:
            case[rng.choice(list(FIELD_SPECS) + ["unknown_field"])] = rng.choice(_BAD_VALUES)
        cases.append(case)
    cases += [[], "not an object", 42, None]
    return cases


def run_golden(cases_json: str) -> str:
    """Evaluate every case in a JSON list; return one JSON text of results or field errors (as the CLI).

    >>> run_golden('[{"duration_weeks": -1}]')
    '{"results": [{"errors": [{"field": "duration_weeks", "message": "must be a number from 0 to 520, got -1"}]}]}'
    """
    results = []
    for case in json.loads(cases_json):
        try:
            results.append(evaluate(case))
        except CaseValidationError as error:
            results.append(invalid_case_reply(error, case))
    return json.dumps({"results": results}, ensure_ascii=False)


if __name__ == "__main__":
    sys.stdout.write(run_golden(sys.stdin.read()))
