"""Exhaustive checks where the space is small: every combination of the 16 red-flag fields (13 from the
source, 3 beyond it from ACP/APS 2007), in each clinical context, with pregnancy on and off."""

from __future__ import annotations

import itertools
import sys
import threading

import pytest

from lbp_core import evaluate
from lbp_core.case import CAUDA_EQUINA_FIELDS, INFECTION_MALIGNANCY_FIELDS, RED_FLAG_FIELDS
from lbp_core.engine import MEDICINES
from lbp_core.guideline import recommendation

TRIAGE_RANK = {"routine": 0, "prompt": 1, "urgent": 2, "emergency": 3}
RED_FLAG_RECS = {"red-flags-cauda-equina", "red-flags-progressive-deficit",
                 "red-flags-infection-malignancy", "red-flags-vertebral-fracture"}


# Not measured for coverage (pytest-cov's no_cover): these 262,144 cases run again code the other
# tests reach, and tracing made them 3.8x slower. lbp_core's printed coverage is the same without them.
pytestmark = pytest.mark.no_cover


def expected(flags: dict[str, bool]) -> tuple[str, set[str]]:
    """Triage and red-flag recommendations, written out from the guidance."""
    cauda = any(flags[name] for name in CAUDA_EQUINA_FIELDS)
    infection = any(flags[name] for name in INFECTION_MALIGNANCY_FIELDS)
    fracture = (flags["significant_trauma"] or (flags["minor_trauma"] and flags["osteoporosis_risk"])
                or flags["prolonged_corticosteroid_use"])
    progressive = flags["progressive_neuro_deficit"]
    recs = {rec for rec, on in [("red-flags-cauda-equina", cauda),
                                ("red-flags-progressive-deficit", progressive),
                                ("red-flags-infection-malignancy", infection),
                                ("red-flags-vertebral-fracture", fracture)] if on}
    triage = ("emergency" if cauda else "urgent" if progressive
              else "prompt" if infection or fracture else "routine")
    return triage, recs


@pytest.mark.verifies(*sorted(RED_FLAG_RECS))
@pytest.mark.parametrize("clinical_context", [
    {"duration_weeks": 1},
    {"duration_weeks": 14, "conservative_care_weeks": 10, "radicular_symptoms": True,
     "imaging_confirms_root_impingement": True, "failed_other_treatments": True,
     "improving": True, "muscle_spasm": True},
    {"duration_weeks": 6, "conservative_care_weeks": 6, "age_years": 31, "pregnant": True,
     "radicular_symptoms": True, "neuropathic_pain": True, "muscle_spasm": True,
     "liver_disease": True},
    {"duration_weeks": 8, "age_years": 82, "gi_risk": True, "renal_impairment": True,
     "flexion_relief": True},
], ids=["acute-plain", "chronic-with-everything", "pregnant-persisting", "older-persisting"])
def test_every_red_flag_combination(clinical_context: dict) -> None:
    assert len(RED_FLAG_FIELDS) == 16
    assert {"iv_drug_use", "recent_infection"} <= set(INFECTION_MALIGNANCY_FIELDS)
    for values in itertools.product((False, True), repeat=len(RED_FLAG_FIELDS)):
        flags = dict(zip(RED_FLAG_FIELDS, values))
        result = evaluate({**clinical_context, **flags})
        triage, red_recs = expected(flags)
        assert result["triage"] == triage, flags
        fired = [a["rec"] for a in result["actions"]]
        assert {rec for rec in fired if rec in RED_FLAG_RECS} == red_recs, flags
        assert fired[:len(red_recs)] == [rec for rec in fired if rec in red_recs], flags
        if triage == "emergency":
            assert all(recommendation(rec).red_flag for rec in fired), flags
        if triage != "routine":
            assert result["warnings"][0].startswith(("A cauda equina sign", "A red flag")), flags
        if clinical_context.get("pregnant"):
            assert not {a["intervention"] for a in result["actions"]
                        if a["stance"] != "avoid"} & MEDICINES, flags


def test_these_checks_run_untraced() -> None:
    """``no_cover`` holds in make test's test workers too (tests/conftest.py): no tracer in this thread or in
    a thread it starts."""
    assert sys.gettrace() is None and threading.gettrace() is None
