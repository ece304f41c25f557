"""Traceability: record the outcome of each test, the tree it ran on, and what it covered of lbp_core.

Tests declare ``@pytest.mark.verifies("rec-id", ...)``; the site build reads those declarations from the
test files (``site_plugins/trust/verifying.py``) and shows, beside each, its outcome in the run recorded
here, ``.traceability/last-run.json``, when that run was of the same tree (``fingerprint``: see
``site_plugins/trust/fingerprint.py``). With pytest-cov's JSON report (``make test`` asks for it), the record
also carries the branch coverage of ``lbp_core``.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_plugins.trust.fingerprint import fingerprint

ROOT = Path(__file__).resolve().parents[1]
LAST_RUN = ROOT / ".traceability" / "last-run.json"

_outcomes: dict[str, str] = {}
_tree: dict[str, str] = {}


def verified_recommendations(item: pytest.Item) -> list[str]:
    return sorted({rec for mark in item.iter_markers("verifies") for rec in mark.args})


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


# The test files that take longest (make test, 12-07 evening: seconds of one worker's time), about longest
# first. Test workers take whole files (--dist loadfile) from a queue in the order collected; with these first,
# only short files are left for the end and the two workers finish within seconds of each other (xdist's
# own order, by number of tests, left a one-minute test for the end). Only the order changes. Sorted
# strictly by time (the calculator's cases before the offline tests) the suite took 550-613 s against
# 491-506 s in this order, the workers balanced either way: keep it unless make test shows better.
LONGEST_FIRST = (
    "tests/browser/test_trust_every_page.py",  # 195
    "tests/browser/test_calculator_offline.py",  # 106, and its stock-build tests
    "tests/browser/test_calculator_cases.py",  # 128, and its stock-build tests
    "tests/browser/test_calculator_bedside.py",  # 56
    "tests/test_calculator_plugin.py",  # 65
    "tests/browser/test_calculator_layout.py",  # 37
    "tests/browser/test_calculator_url_state.py",  # 49
    "tests/browser/test_site_guidance.py",  # 42
    "tests/test_exhaustive.py",  # 40
    "tests/browser/test_case_exercise.py",  # 27
    "tests/browser/test_trust_installable.py",  # 31
    "tests/test_safety_properties.py",  # 38
    "tests/browser/test_trust_hostile_urls.py",  # 25
)


# The tests of the site (its plugins, its pages in the browser) are not measured for lbp_core's coverage,
# which is the core's own tests' (make test, 12-08: the same 1,363 of 1,392 statements and 409 of 428
# branches, every missing line and branch the same, with these measured or not). Measuring them traced every
# Python call of a site build and of Playwright, doubling their Python time (the plugin tests: 35 s alone
# against 70 s measured). Marked `no_cover`, made to hold below.
NOT_MEASURED = ("tests/browser/", "tests/test_calculator_plugin.py", "tests/test_site_citations_history.py",
                "tests/test_site_plugin.py", "tests/test_trust_traceability.py", "tests/test_webmanifest.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(LONGEST_FIRST)))
    for item in items:
        if item.nodeid.startswith(NOT_MEASURED):
            item.add_marker(pytest.mark.no_cover)


# pytest-cov's `no_cover` mark does not stop the measuring in a test worker (pytest-xdist; make test runs
# two): pytest-cov 7.1 starts a second coverage there, and pausing the worker's own lets that one trace on
# (sys.gettrace() is still coverage's tracer inside a no_cover test). Tests marked `no_cover` run what other
# tests reach of lbp_core again, and tracing made them several times slower (the exhaustive checks: 54 s
# against 17 s alone). So here a marked test's setup, call and teardown run with no tracer at all, in its
# thread and in any thread it starts (the browser tests' static server), and each tracer is put back after.
def _untraced(item: pytest.Item) -> Iterator[None]:
    if item.get_closest_marker("no_cover") is None:
        yield
        return
    tracer, thread_tracer = sys.gettrace(), threading.gettrace()
    sys.settrace(None)
    threading.settrace(None)
    try:
        yield
    finally:
        threading.settrace(thread_tracer)
        sys.settrace(tracer)


# Innermost (trylast): inside pytest-cov's own wrapper of the call, whose pause turns the other one on.
pytest_runtest_setup = pytest.hookimpl(hookwrapper=True, trylast=True)(_untraced)
pytest_runtest_call = pytest.hookimpl(hookwrapper=True, trylast=True)(_untraced)
pytest_runtest_teardown = pytest.hookimpl(hookwrapper=True, trylast=True)(_untraced)


def pytest_sessionstart(session: pytest.Session) -> None:
    # Taken before any test runs: the run's results are valid for the tree as it was then.
    if not _is_xdist_worker(session.config):
        _tree["fingerprint"] = fingerprint(ROOT)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Each phase's report (xdist sends the workers' reports here too): a failed setup or teardown fails
    # the test; a skip at setup is a skip.
    if report.when == "call" or report.outcome != "passed":
        if _outcomes.get(report.nodeid) != "failed":
            _outcomes[report.nodeid] = report.outcome


def _coverage(config: pytest.Config) -> dict[str, Any] | None:
    """lbp_core's coverage from pytest-cov's JSON report of this run, or None if none was asked for."""
    reports = getattr(config.option, "cov_report", None) or {}
    destination = reports.get("json") if isinstance(reports, dict) else None
    if not getattr(config.option, "cov_source", None) or not destination:
        return None
    path = Path(destination)
    path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
    if not path.is_file():
        return None
    report = json.loads(path.read_text(encoding="utf-8"))
    files = {}
    for name, data in sorted(report["files"].items()):
        files[Path(name).as_posix()] = {"summary": data["summary"], "missing_lines": data["missing_lines"],
                                        "missing_branches": data.get("missing_branches", [])}
    return {"branch": report["meta"].get("branch_coverage", False), "totals": report["totals"],
            "files": files}


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("LBP_SITE_DIR"):
        return  # a run against another build (make test's stock run) is not this tree's record
    if _is_xdist_worker(session.config) or not _outcomes or "fingerprint" not in _tree:
        return
    LAST_RUN.parent.mkdir(exist_ok=True)
    LAST_RUN.write_text(json.dumps({
        "fingerprint": _tree["fingerprint"],
        "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "outcomes": dict(sorted(_outcomes.items())),
        "coverage": _coverage(session.config),
    }, indent=1) + "\n", encoding="utf-8")
