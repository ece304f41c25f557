"""Golden runs: the same cases, serialised the same way, in CPython and in Pyodide."""

from __future__ import annotations

import json
import sys

from lbp_core.case import CaseValidationError
from lbp_core.engine import evaluate, invalid_case_reply

__all__ = ["run_golden"]


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
