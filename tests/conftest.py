"""Traceability: record which recommendations each test verifies, and the outcome of the last run.

Tests declare ``@pytest.mark.verifies("rec-id", ...)``. At the end of a run the map and each test's
outcome are written to ``.traceability/last-run.json``; the site build shows them per recommendation.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAST_RUN = ROOT / ".traceability" / "last-run.json"

_outcomes: dict[str, str] = {}


def verified_recommendations(item: pytest.Item) -> list[str]:
    return sorted({rec for mark in item.iter_markers("verifies") for rec in mark.args})


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or report.outcome != "passed":
        if _outcomes.get(report.nodeid) != "failed":
            _outcomes[report.nodeid] = report.outcome


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("LBP_SITE_DIR"):
        return  # a run against another build (make test's stock run) is not this tree's record
    items = getattr(session, "items", [])
    tests = {item.nodeid: {"verifies": verified_recommendations(item),
                           "outcome": _outcomes.get(item.nodeid, "not run")}
             for item in items if verified_recommendations(item)}
    if not tests:
        return
    LAST_RUN.parent.mkdir(exist_ok=True)
    LAST_RUN.write_text(json.dumps({
        "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "tests": tests,
    }, indent=1), encoding="utf-8")
