"""Every recommendation is verified by at least one focused test that declares it."""

from __future__ import annotations

import pytest

from lbp_core.guideline import RECOMMENDATIONS
from tests.conftest import verified_recommendations

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
