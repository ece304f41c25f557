"""Every recommendation is verified by at least one focused test that declares it, and the site lists those
tests as pytest sees them: the build reads the declarations from the test files without running them."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from lbp_core.guideline import RECOMMENDATIONS
from site_plugins.trust.verifying import collect, matches
from tests.conftest import ROOT, verified_recommendations

# The golden Pyodide test declares every recommendation at once; it does not count as focused.
CATCH_ALL = "tests/test_pyodide_golden.py::"


def test_every_recommendation_has_a_focused_verifying_test(request: pytest.FixtureRequest) -> None:
    items = request.session.items
    assert len(items) > 50, "run the whole suite: traceability needs every test collected"
    declared = {rec for item in items if not item.nodeid.startswith(CATCH_ALL)
                for rec in verified_recommendations(item)}
    known = {rec.id for rec in RECOMMENDATIONS}
    assert not declared - known, f"tests declare unknown recommendations: {declared - known}"
    missing = sorted(known - declared)
    assert not missing, f"recommendations with no verifying test: {missing}"


def test_the_build_reads_what_pytest_sees(request: pytest.FixtureRequest) -> None:
    """The trust plugin's reading of the test files (site_plugins/trust/verifying.py) gives each collected
    test exactly the recommendations pytest's marks give it, and names no test pytest does not have."""
    items = request.session.items
    assert len(items) > 50, "run the whole suite: traceability needs every test collected"
    static = collect(ROOT)
    read: dict[str, set[str]] = defaultdict(set)
    used = set()
    for item in items:
        for test in static:
            if matches(test, item.nodeid):
                read[item.nodeid].update(test.recommendations)
                used.add(test)
        assert sorted(read[item.nodeid]) == verified_recommendations(item), item.nodeid
    collected = {item.nodeid.split("::")[0] for item in items}
    assert [test.nodeid for test in static if test not in used and test.nodeid.split("::")[0] in collected] == []
    assert {rec.id for rec in RECOMMENDATIONS} <= {rec for test in static for rec in test.recommendations}


def test_the_fingerprint_files_are_the_projects(tmp_path: Path) -> None:
    """The record of a run names the tree by fingerprint; nothing the run itself writes may change it."""
    from site_plugins.trust.fingerprint import fingerprint, fingerprinted_files
    names = {path.relative_to(ROOT).as_posix() for path in fingerprinted_files(ROOT)}
    assert {"lbp_core/engine.py", "tests/conftest.py", "mkdocs.yml", "requirements.txt",
            "site_plugins/trust/plugin.py", "docs/index.md", "safety/hazards.yml"} <= names
    assert not [name for name in names if name.startswith((".traceability", "site/", "build/", "bench/"))
                or "__pycache__" in name or ".egg-info" in name or name == "README.md"]
    assert fingerprint(ROOT) == fingerprint(ROOT)
