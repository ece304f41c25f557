// The Python side of the worker, shared by the browser worker and the build-time snapshot (snapshot.mjs).
// Data crosses the boundary as JSON text only: no Python object is handed to JavaScript or back.

export const BRIDGE = `
import json as _json

import lbp_core as _lbp_core
from lbp_core.engine import invalid_case_reply as _invalid_case_reply


def lbp_evaluate(text):
    """A case as JSON text -> {"ok": true, "result": ...} or {"ok": false, "errors": [...]} (with
    "red_flags" when the case raises one all the same), as text."""
    case = _json.loads(text)
    try:
        return _json.dumps({"ok": True, "result": _lbp_core.evaluate(case)})
    except _lbp_core.CaseValidationError as error:
        return _json.dumps({"ok": False, **_invalid_case_reply(error, case)})


def lbp_what_would_change(text):
    """A valid case as JSON text -> what_would_change(case) as JSON text."""
    return _json.dumps(_lbp_core.what_would_change(_json.loads(text)))


def lbp_info():
    return _json.dumps({"guideline_version": _lbp_core.GUIDELINE_VERSION})
`;

// Run once before a snapshot is taken, so the restored engine has touched every code path it needs.
export const WARM_UP = `
lbp_info()
for _case in ('{"duration_weeks": 1}', '{"duration_weeks": 13, "radicular_symptoms": true, "gi_risk": true}',
              '{"duration_weeks": 2, "urinary_retention": true}', '{"duration_weeks": -1, "x": "y"}',
              '{"urinary_retention": true}'):
    lbp_evaluate(_case)
lbp_what_would_change('{"duration_weeks": 8, "radicular_symptoms": true}')
del _case
`;
