"""Rule by rule: thresholds at their exact edges, triage levels, and cautions for this patient."""

from __future__ import annotations

from typing import Any

import pytest

from lbp_core import evaluate

verifies = pytest.mark.verifies


def recs(case: dict[str, Any]) -> set[str]:
    return {action["rec"] for action in evaluate(case)["actions"]}


def action(case: dict[str, Any], rec: str) -> dict[str, Any]:
    return next(a for a in evaluate(case)["actions"] if a["rec"] == rec)


@pytest.mark.parametrize(("weeks", "phase"), [
    (0, "acute"), (3.99, "acute"), (4, "subacute"), (11.99, "subacute"), (12, "chronic"),
    (520, "chronic"),
])
def test_phase_boundaries(weeks: float, phase: str) -> None:
    assert evaluate({"duration_weeks": weeks})["phase"] == phase


@pytest.mark.parametrize(("case", "triage"), [
    ({"duration_weeks": 1}, "routine"),
    ({"duration_weeks": 1, "minor_trauma": True}, "routine"),
    ({"duration_weeks": 1, "osteoporosis_risk": True}, "routine"),
    ({"duration_weeks": 1, "minor_trauma": True, "osteoporosis_risk": True}, "prompt"),
    ({"duration_weeks": 1, "significant_trauma": True}, "prompt"),
    ({"duration_weeks": 1, "night_sweats": True}, "prompt"),
    ({"duration_weeks": 1, "progressive_neuro_deficit": True, "fever": True}, "urgent"),
    ({"duration_weeks": 1, "anal_sphincter_loss": True, "progressive_neuro_deficit": True},
     "emergency"),
])
def test_triage_levels(case: dict[str, Any], triage: str) -> None:
    assert evaluate(case)["triage"] == triage


@verifies("imaging-mri-when-indicated", "imaging-no-routine")
@pytest.mark.parametrize(("care_weeks", "mri"), [(5.9, False), (6, True), (6.1, True)])
def test_mri_after_exactly_six_weeks_of_failed_conservative_care(care_weeks: float,
                                                                 mri: bool) -> None:
    fired = recs({"duration_weeks": 10, "conservative_care_weeks": care_weeks})
    assert ("imaging-mri-when-indicated" in fired) is mri
    assert ("imaging-no-routine" in fired) is not mri


@verifies("imaging-mri-when-indicated")
def test_no_mri_when_improving_or_care_weeks_unknown() -> None:
    assert "imaging-mri-when-indicated" not in recs(
        {"duration_weeks": 10, "conservative_care_weeks": 8, "improving": True})
    result = evaluate({"duration_weeks": 10})
    assert "imaging-mri-when-indicated" not in {a["rec"] for a in result["actions"]}
    assert any("conservative_care_weeks is not given" in w for w in result["warnings"])


@verifies("persistent-exercise-therapy")
@pytest.mark.parametrize(("weeks", "fires"), [(1.9, False), (2, True)])
def test_exercise_from_two_weeks(weeks: float, fires: bool) -> None:
    assert ("persistent-exercise-therapy" in recs({"duration_weeks": weeks})) is fires


@verifies("persistent-spinal-manipulation", "pitfall-normal-aging")
@pytest.mark.parametrize(("weeks", "fires"), [(3.9, False), (4, True)])
def test_four_week_rules(weeks: float, fires: bool) -> None:
    fired = recs({"duration_weeks": weeks})
    assert ("persistent-spinal-manipulation" in fired) is fires
    assert ("pitfall-normal-aging" in fired) is fires


@verifies("persistent-acupuncture", "persistent-massage", "persistent-cbt", "medication-duloxetine",
          "self-care-medium-firm-mattress")
@pytest.mark.parametrize(("weeks", "fires"), [(11.9, False), (12, True)])
def test_twelve_week_rules(weeks: float, fires: bool) -> None:
    fired = recs({"duration_weeks": weeks})
    for rec in ("persistent-acupuncture", "persistent-massage", "persistent-cbt",
                "medication-duloxetine", "self-care-medium-firm-mattress"):
        assert (rec in fired) is fires, rec


@verifies("persistent-exercise-therapy", "persistent-acupuncture")
def test_improving_patients_are_not_escalated() -> None:
    fired = recs({"duration_weeks": 20, "improving": True})
    assert not fired & {"persistent-exercise-therapy", "persistent-acupuncture",
                        "medication-duloxetine", "pitfall-normal-aging"}


@verifies("medication-nsaid")
def test_nsaid_cautions_name_each_risk() -> None:
    plain = action({"duration_weeks": 1}, "medication-nsaid")["cautions"]
    risky = action({"duration_weeks": 1, "gi_risk": True, "renal_impairment": True,
                    "cardiovascular_risk": True}, "medication-nsaid")["cautions"]
    assert plain == ["Use the lowest effective dose for the shortest time."]
    assert [c.split(" is true")[0] for c in risky[1:]] == ["gi_risk", "renal_impairment",
                                                           "cardiovascular_risk"]


@verifies("medication-acetaminophen")
def test_acetaminophen_carries_its_daily_ceiling() -> None:
    cautions = action({"duration_weeks": 1}, "medication-acetaminophen")["cautions"]
    assert any("4 g in 24 hours" in caution for caution in cautions)


@verifies("pitfall-opioids-first-line", "pitfall-opioids-after-failed-treatments")
def test_opioids_only_considered_after_every_other_treatment_failed() -> None:
    assert action({"duration_weeks": 30}, "pitfall-opioids-first-line")["stance"] == "avoid"
    later = action({"duration_weeks": 30, "failed_other_treatments": True},
                   "pitfall-opioids-after-failed-treatments")
    assert later["stance"] == "consider"
    assert any("risks" in caution for caution in later["cautions"])


@verifies("radicular-epidural-steroid-injection", "pitfall-imaging-findings-alone")
@pytest.mark.parametrize(("changes", "stance"), [
    ({}, "consider"),
    ({"conservative_care_weeks": 5}, None),
    ({"improving": True}, None),
    ({"imaging_confirms_root_impingement": False}, None),
    ({"radicular_symptoms": False}, "avoid"),
])
def test_epidural_injection_needs_failed_care_and_confirmed_impingement(changes: dict,
                                                                        stance: str | None) -> None:
    case = {"duration_weeks": 10, "conservative_care_weeks": 8, "radicular_symptoms": True,
            "imaging_confirms_root_impingement": True, **changes}
    stances = [a["stance"] for a in evaluate(case)["actions"]
               if a["intervention"] == "epidural_steroid_injection"]
    assert stances == ([stance] if stance else [])


@verifies("radicular-epidural-steroid-injection")
def test_epidural_injection_warns_for_stenosis_claudication() -> None:
    case = {"duration_weeks": 10, "conservative_care_weeks": 8, "radicular_symptoms": True,
            "imaging_confirms_root_impingement": True, "flexion_relief": True}
    cautions = action(case, "radicular-epidural-steroid-injection")["cautions"]
    assert any("central spinal stenosis" in caution for caution in cautions)


@verifies("imaging-plain-radiograph-limits")
def test_plain_radiograph_caution_is_not_given_when_a_fracture_is_suspected() -> None:
    assert "imaging-plain-radiograph-limits" in recs({"duration_weeks": 1,
                                                      "radicular_symptoms": True})
    assert "imaging-plain-radiograph-limits" not in recs(
        {"duration_weeks": 1, "radicular_symptoms": True, "significant_trauma": True})


@verifies("red-flags-cauda-equina")
def test_emergency_lists_only_red_flag_actions_and_says_why() -> None:
    result = evaluate({"duration_weeks": 3, "saddle_anesthesia": True, "fever": True,
                       "muscle_spasm": True})
    assert [a["rec"] for a in result["actions"]] == ["red-flags-cauda-equina",
                                                     "red-flags-infection-malignancy"]
    assert any("cauda equina" in warning for warning in result["warnings"])


def test_under_18_is_warned() -> None:
    assert any("adults" in w for w in evaluate({"duration_weeks": 1, "age_years": 17})["warnings"])
    assert evaluate({"duration_weeks": 1, "age_years": 18})["warnings"] == []


@verifies("follow-up-reassess")
def test_routine_triage_action_is_the_red_flag_reassessment() -> None:
    first = evaluate({"duration_weeks": 1})["actions"][0]
    assert (first["intervention"], first["rec"]) == ("follow_up", "follow-up-reassess")
