"""The worker's Python side: what the browser's engine calls, with JSON text in and out.

Data crosses the Pyodide boundary as JSON text only: no Python object is handed to JavaScript or back.
The browser worker and the build-time snapshot (``site_plugins/calculator/snapshot.mjs``) import these
names through ``site_plugins/calculator/assets/bridge.mjs``.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import lbp_core
from lbp_core.engine import invalid_case_reply
from lbp_core.note import note_lines
from lbp_core.sensitivity import grouped_changes

__all__ = ["lbp_evaluate", "lbp_grouped_changes", "lbp_info", "lbp_note", "lbp_what_would_change",
           "warm_up"]


def lbp_evaluate(text: str) -> str:
    """A case as JSON text -> ``{"ok": true, "result": ...}`` or ``{"ok": false, "errors": [...]}``
    (with ``"red_flags"`` when the case raises one all the same), as text.

    >>> json.loads(lbp_evaluate('{"duration_weeks": 1}'))["result"]["triage"]
    'routine'
    """
    case = json.loads(text)
    try:
        return json.dumps({"ok": True, "result": lbp_core.evaluate(case)})
    except lbp_core.CaseValidationError as error:
        return json.dumps({"ok": False, **invalid_case_reply(error, case)})


def lbp_what_would_change(text: str) -> str:
    """A valid case as JSON text -> ``what_would_change(case)`` as JSON text."""
    return json.dumps(lbp_core.what_would_change(json.loads(text)))


def lbp_grouped_changes(text: str) -> str:
    """A valid case as JSON text -> ``grouped_changes(case)`` as JSON text."""
    return json.dumps(grouped_changes(json.loads(text)))


def lbp_note(text: str) -> str:
    """``{"case": {...}, "wheel_sha256": "..." | null, "date": "YYYY-MM-DD" | null}`` as JSON text ->
    ``{"ok": true, "lines": [...]}`` or the contract's ``{"ok": false, "errors": [...]}``, as text.
    The page gives the date (the user's local date) and the wheel it loaded."""
    request: Any = json.loads(text)
    case = request.get("case") if isinstance(request, dict) else None
    wheel = request.get("wheel_sha256") if isinstance(request, dict) else None
    date = request.get("date") if isinstance(request, dict) else None
    try:
        today = datetime.date.fromisoformat(date) if isinstance(date, str) else None
    except ValueError:
        today = None
    try:
        lines = note_lines(case, wheel_sha256=wheel if isinstance(wheel, str) else None, today=today)
    except lbp_core.CaseValidationError as error:
        return json.dumps({"ok": False, **invalid_case_reply(error, case)})
    return json.dumps({"ok": True, "lines": lines})


def lbp_info() -> str:
    """The engine's facts the page shows, as JSON text."""
    return json.dumps({"guideline_version": lbp_core.GUIDELINE_VERSION})


_WARM_CASES = ('{"duration_weeks": 1}',
               '{"duration_weeks": 13, "radicular_symptoms": true, "gi_risk": true}',
               '{"duration_weeks": 2, "urinary_retention": true}', '{"duration_weeks": -1, "x": "y"}',
               '{"urinary_retention": true}')


def warm_up() -> None:
    """Touch every code path the page needs, once, before a memory snapshot is taken."""
    lbp_info()
    for case in _WARM_CASES:
        lbp_evaluate(case)
    lbp_what_would_change('{"duration_weeks": 8, "radicular_symptoms": true}')
    lbp_grouped_changes('{"duration_weeks": 8, "radicular_symptoms": true}')
    lbp_note('{"case": {"duration_weeks": 8, "radicular_symptoms": true}, "date": "2026-01-01"}')
