"""Rule by rule: thresholds at their exact edges, triage levels, and cautions for this patient."""

from __future__ import annotations

from typing import Any

import pytest

from lbp_core import evaluate
from lbp_core.case import FIELD_SPECS

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
    assert "imaging-no-routine" not in fired  # symptoms persisting beyond 6 weeks either way


@verifies("imaging-no-routine")
@pytest.mark.parametrize(("case", "advised_against"), [
    ({"duration_weeks": 6, "conservative_care_weeks": 5.9}, True),
    ({"duration_weeks": 6, "conservative_care_weeks": 6}, False),   # 6 weeks of failed care: MRI
    ({"duration_weeks": 6.1}, False),                                # persisting beyond 6 weeks
    ({"duration_weeks": 20, "conservative_care_weeks": 0}, False),
    ({"duration_weeks": 20, "improving": True}, True),               # improving: not persisting
])
def test_routine_imaging_is_advised_against_only_up_to_six_weeks_of_persistence(
        case: dict[str, Any], advised_against: bool) -> None:
    """Source: no routine imaging without red flags or persistent symptoms beyond 6 weeks."""
    assert ("imaging-no-routine" in recs(case)) is advised_against


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
    later = action({"duration_weeks": 30, "conservative_care_weeks": 6, "failed_other_treatments": True},
                   "pitfall-opioids-after-failed-treatments")
    assert later["stance"] == "consider"
    assert any("risks" in caution for caution in later["cautions"])


@verifies("pitfall-opioids-first-line", "pitfall-opioids-after-failed-treatments")
@pytest.mark.parametrize(("case", "reason"), [
    ({"duration_weeks": 0.5, "improving": True}, "improving is true"),
    ({"duration_weeks": 30}, "conservative_care_weeks is not given"),
    ({"duration_weeks": 30, "conservative_care_weeks": 5.9}, "conservative_care_weeks is 5.9 (fewer than 6)"),
    # Failed care, but before the chronic phase: its options (acupuncture, CBT...) were never open.
    ({"duration_weeks": 11.9, "conservative_care_weeks": 11.9},
     "duration_weeks is 11.9 (subacute phase) (under 12)"),
])
def test_no_opioid_while_the_case_does_not_show_that_other_treatments_failed(
        case: dict[str, Any], reason: str) -> None:
    """"All other treatments failed" ticked in week one, or while improving, cannot be so: the opioid
    stays a first-line pitfall, and the reason says why."""
    fired = recs({**case, "failed_other_treatments": True})
    assert "pitfall-opioids-after-failed-treatments" not in fired
    avoid = action({**case, "failed_other_treatments": True}, "pitfall-opioids-first-line")
    assert avoid["reasons"][0].startswith(reason)


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
def test_no_epidural_injection_for_the_stenosis_pattern_and_a_warning_says_why() -> None:
    """NICE NG59 advises against epidural injections for neurogenic claudication in central spinal
    stenosis: with flexion relief the injection is withheld, never dropped in silence."""
    case = {"duration_weeks": 10, "conservative_care_weeks": 8, "radicular_symptoms": True,
            "imaging_confirms_root_impingement": True}
    assert "radicular-epidural-steroid-injection" in recs(case)
    result = evaluate({**case, "flexion_relief": True})
    assert "radicular-epidural-steroid-injection" not in {a["rec"] for a in result["actions"]}
    assert [w for w in result["warnings"] if "central spinal stenosis" in w
            and "not listed" in w and w.startswith("flexion_relief is true")]
    # Too little care as well: the warning is about the stenosis, not a wait for failed care.
    early = evaluate({**case, "conservative_care_weeks": 2, "flexion_relief": True})
    assert any("central spinal stenosis" in w for w in early["warnings"])
    assert not any("an epidural steroid injection is not listed: it needs" in w
                   for w in early["warnings"])


@verifies("medication-nsaid")
@pytest.mark.parametrize(("age", "cautioned"), [(None, False), (64, False), (65, True), (82, True)])
def test_nsaid_caution_names_age_from_65(age: int | None, cautioned: bool) -> None:
    case: dict[str, Any] = {"duration_weeks": 2}
    if age is not None:
        case["age_years"] = age
    cautions = action(case, "medication-nsaid")["cautions"]
    assert any(c.startswith(f"age_years is {age}:") and "NICE NG59" in c for c in cautions) is cautioned


@verifies("medication-nsaid", "medication-acetaminophen")
def test_liver_disease_cautions_both_first_line_medicines() -> None:
    case = {"duration_weeks": 2, "liver_disease": True}
    assert any("4 g ceiling" in c and "liver" in c
               for c in action(case, "medication-acetaminophen")["cautions"])
    assert any("liver toxicity" in c for c in action(case, "medication-nsaid")["cautions"])
    plain = {"duration_weeks": 2}
    assert action(plain, "medication-acetaminophen")["cautions"] == ["No more than 4 g in 24 hours."]


@verifies("red-flags-infection-malignancy")
@pytest.mark.parametrize("name", ["iv_drug_use", "recent_infection"])
def test_vertebral_infection_findings_beyond_the_source_raise_a_prompt_work_up(name: str) -> None:
    result = evaluate({"duration_weeks": 1, name: True})
    assert result["triage"] == "prompt"
    first = result["actions"][0]
    assert first["rec"] == "red-flags-infection-malignancy"
    assert first["reasons"] == [f"{name} is true: " + FIELD_SPECS[name].label.lower()]
    assert "(beyond the source)" in first["reasons"][0]


@verifies("red-flags-vertebral-fracture")
def test_prolonged_corticosteroid_use_alone_raises_a_fracture_work_up() -> None:
    result = evaluate({"duration_weeks": 1, "prolonged_corticosteroid_use": True})
    assert result["triage"] == "prompt"
    assert result["actions"][0]["rec"] == "red-flags-vertebral-fracture"
    assert "beyond the source" in result["actions"][0]["reasons"][0]


@verifies("red-flags-infection-malignancy")
@pytest.mark.parametrize(("age", "added"), [(50, False), (51, True)])
def test_age_over_50_is_a_further_cancer_finding(age: int, added: bool) -> None:
    result = evaluate({"duration_weeks": 1, "age_years": age, "cancer_history": True})
    assert result["warnings"][0].startswith("A red flag is present")
    assert any(w.startswith(f"age_years is {age}: ACP/APS 2007") and "cancer history" in w
               for w in result["warnings"]) is added


@pytest.mark.parametrize(("age", "weeks", "improving", "warned"), [
    (51, 4, False, True), (50, 4, False, False), (51, 3, False, False), (51, 3.99, False, False),
    (51, 4, True, False), (80, 30, False, True),
])
def test_age_over_50_without_improvement_after_a_month_warns(age: int, weeks: float, improving: bool,
                                                             warned: bool) -> None:
    result = evaluate({"duration_weeks": weeks, "age_years": age, "improving": improving})
    assert result["triage"] == "routine"  # a warning, not a red flag
    assert any("age over 50" in w and "malignancy" in w for w in result["warnings"]) is warned


MEDICINE_RECS = {"medication-acetaminophen", "medication-nsaid", "medication-muscle-relaxant",
                 "medication-gabapentin", "medication-tricyclic", "medication-duloxetine",
                 "pitfall-opioids-after-failed-treatments", "radicular-epidural-steroid-injection"}


@pytest.mark.parametrize("case", [
    {"duration_weeks": 2},
    {"duration_weeks": 20, "conservative_care_weeks": 14, "radicular_symptoms": True,
     "neuropathic_pain": True, "muscle_spasm": True, "failed_other_treatments": True,
     "imaging_confirms_root_impingement": True},
])
def test_pregnancy_withholds_every_medicine_and_says_so(case: dict[str, Any]) -> None:
    offered = recs(case) & MEDICINE_RECS
    assert offered  # the case offers medicines when not pregnant
    result = evaluate({**case, "pregnant": True})
    assert not {a["rec"] for a in result["actions"]} & MEDICINE_RECS
    warning = next(w for w in result["warnings"] if w.startswith("pregnant is true"))
    assert "does not cover pregnancy" in warning
    from lbp_core.guideline import recommendation
    for rec in offered:
        assert recommendation(rec).short_title in warning, rec
    # Advice against a medicine, the non-drug options and the follow-up still stand.
    assert {"medication-no-systemic-corticosteroids", "activity-stay-active"} <= {
        a["rec"] for a in result["actions"]}


def test_pregnancy_never_hides_a_red_flag() -> None:
    result = evaluate({"duration_weeks": 1, "pregnant": True, "saddle_anesthesia": True})
    assert result["triage"] == "emergency"
    assert result["actions"][0]["rec"] == "red-flags-cauda-equina"
    result = evaluate({"duration_weeks": 1, "pregnant": True, "fever": True})
    assert result["warnings"][0].startswith("A red flag is present")
    assert any(w.startswith("pregnant is true") for w in result["warnings"])


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


@verifies("follow-up-reassess")
@pytest.mark.parametrize("red_flag", ["progressive_neuro_deficit", "fever", "significant_trauma"])
def test_with_a_red_flag_the_review_comes_after_the_work_up_and_sets_no_month(red_flag: str) -> None:
    """A one-month review is for routine symptoms: beside an urgent or prompt work-up it would read as
    the timescale."""
    actions = evaluate({"duration_weeks": 3, "radicular_symptoms": True, red_flag: True})["actions"]
    assert actions[-1]["rec"] == "follow-up-reassess"
    assert not any("1 month" in reason for reason in actions[-1]["reasons"])
    routine = evaluate({"duration_weeks": 3})["actions"]
    assert routine[0]["rec"] == "follow-up-reassess"
    assert any("reassess within 1 month" in reason for reason in routine[0]["reasons"])


@verifies("radicular-surgical-consultation")
@pytest.mark.parametrize(("case", "consulted"), [
    ({"duration_weeks": 1, "conservative_care_weeks": 0}, False),
    ({"duration_weeks": 26}, False),                                  # care not given
    ({"duration_weeks": 26, "conservative_care_weeks": 5.9}, False),
    ({"duration_weeks": 26, "conservative_care_weeks": 6}, True),
    ({"duration_weeks": 26, "conservative_care_weeks": 20, "improving": True}, False),
])
def test_surgical_consultation_for_disability_only_after_failed_conservative_care(
        case: dict[str, Any], consulted: bool) -> None:
    fired = recs({**case, "persistent_functional_disability": True})
    assert ("radicular-surgical-consultation" in fired) is consulted


@verifies("education-reassurance", "radicular-natural-history")
@pytest.mark.parametrize(("case", "reassured"), [
    ({"duration_weeks": 3.99}, True),
    ({"duration_weeks": 4}, False),
    ({"duration_weeks": 52}, False),
    ({"duration_weeks": 11.9, "improving": True}, True),
    ({"duration_weeks": 12, "improving": True}, False),   # chronic: the first month is long past
    ({"duration_weeks": 52, "improving": True}, False),
])
def test_the_favourable_first_month_is_not_promised_once_it_has_passed(
        case: dict[str, Any], reassured: bool) -> None:
    fired = recs({**case, "radicular_symptoms": True})
    assert ("education-reassurance" in fired) is reassured
    assert ("radicular-natural-history" in fired) is reassured


# Phase fidelity (issue 23, point 2): each second-line option at the week before its threshold, just
# under it, and the week of it; and never while improving.
@verifies("medication-tricyclic")
@pytest.mark.parametrize(("weeks", "improving", "offered"), [
    (1, False, False), (3, False, False), (3.99, False, False), (4, False, True), (12, False, True),
    (4, True, False), (20, True, False),
])
def test_tricyclic_from_four_weeks_of_persisting_neuropathic_pain(weeks: float, improving: bool,
                                                                  offered: bool) -> None:
    fired = recs({"duration_weeks": weeks, "neuropathic_pain": True, "improving": improving})
    assert ("medication-tricyclic" in fired) is offered
    assert "medication-tricyclic" not in recs({"duration_weeks": weeks, "improving": improving})


@verifies("medication-gabapentin")
@pytest.mark.parametrize(("weeks", "improving", "offered"), [
    (1, False, False), (3, False, False), (3.99, False, False), (4, False, True), (30, False, True),
    (4, True, False), (30, True, False),
])
def test_gabapentin_for_persisting_radicular_symptoms_from_four_weeks(weeks: float, improving: bool,
                                                                      offered: bool) -> None:
    """The source's second-line options for persistent symptoms (after 4 to 6 weeks)."""
    fired = recs({"duration_weeks": weeks, "radicular_symptoms": True, "improving": improving})
    assert ("medication-gabapentin" in fired) is offered


@verifies("medication-gabapentin")
@pytest.mark.parametrize("weeks", [0, 1, 3, 3.99, 4])
@pytest.mark.parametrize("improving", [False, True])
def test_gabapentin_for_neuropathic_radicular_pain_at_any_time(weeks: float, improving: bool) -> None:
    """The source's conservative care of radicular symptoms: consider gabapentin for neuropathic pain."""
    case = {"duration_weeks": weeks, "radicular_symptoms": True, "neuropathic_pain": True,
            "improving": improving}
    assert "medication-gabapentin" in recs(case)
    assert "medication-gabapentin" not in recs({**case, "radicular_symptoms": False})


@verifies("medication-muscle-relaxant")
@pytest.mark.parametrize(("weeks", "improving", "offered"), [
    (0, False, False), (3, False, False), (3.99, False, False), (4, False, True), (12, False, True),
    (4, True, False),
])
def test_muscle_relaxant_from_four_weeks_of_persisting_spasm(weeks: float, improving: bool,
                                                             offered: bool) -> None:
    fired = recs({"duration_weeks": weeks, "muscle_spasm": True, "improving": improving})
    assert ("medication-muscle-relaxant" in fired) is offered
    assert "medication-muscle-relaxant" not in recs({"duration_weeks": weeks})


@verifies("medication-duloxetine")
@pytest.mark.parametrize(("weeks", "offered"), [(4, False), (11, False), (11.99, False), (12, True)])
def test_duloxetine_only_in_the_chronic_phase(weeks: float, offered: bool) -> None:
    assert ("medication-duloxetine" in recs({"duration_weeks": weeks})) is offered


@verifies("persistent-exercise-therapy")
@pytest.mark.parametrize(("weeks", "offered"), [(1, False), (1.99, False), (2, True), (4, True)])
def test_exercise_therapy_from_the_sources_earliest_start(weeks: float, offered: bool) -> None:
    assert ("persistent-exercise-therapy" in recs({"duration_weeks": weeks})) is offered
    assert "persistent-exercise-therapy" not in recs({"duration_weeks": weeks, "improving": True})


def test_each_phase_choice_is_explained_where_the_calculator_states_its_rule() -> None:
    from lbp_core import rule_descriptions
    when = rule_descriptions()
    for rec in ("medication-tricyclic", "medication-muscle-relaxant"):
        assert "second-line treatment for persistent symptoms" in when[rec], rec
    assert "4 to 6 weeks" in when["medication-gabapentin"]
    assert "2 to 6 weeks" in when["persistent-exercise-therapy"]
    assert "chronic" in when["medication-duloxetine"]


@verifies("imaging-mri-when-indicated")
def test_no_further_mri_once_imaging_has_confirmed_the_impingement() -> None:
    case = {"duration_weeks": 52, "conservative_care_weeks": 40, "radicular_symptoms": True}
    assert "imaging-mri-when-indicated" in recs(case)
    assert "imaging-mri-when-indicated" not in recs({**case, "imaging_confirms_root_impingement": True})
    # A red flag's MRI is still asked for.
    assert "imaging-mri-when-indicated" in recs(
        {**case, "imaging_confirms_root_impingement": True, "cancer_history": True})


@verifies("imaging-no-routine")
def test_minor_trauma_alone_is_not_called_free_of_red_flag_fields() -> None:
    reasons = action({"duration_weeks": 1, "minor_trauma": True}, "imaging-no-routine")["reasons"]
    assert reasons[0] == "no red flag is raised by the inputs"


@verifies("pitfall-opioids-after-failed-treatments")
def test_opioids_are_considered_from_the_chronic_phase_after_failed_care() -> None:
    fired = action({"duration_weeks": 12, "conservative_care_weeks": 6, "failed_other_treatments": True},
                   "pitfall-opioids-after-failed-treatments")
    assert fired["reasons"][1] == "duration_weeks is 12 (chronic phase) (at least 12)"


@verifies("imaging-plain-radiograph-limits", "imaging-mri-when-indicated")
def test_the_radiograph_reason_claims_an_mri_only_when_one_is_listed() -> None:
    case: dict[str, Any] = {"duration_weeks": 10, "conservative_care_weeks": 8,
                            "imaging_confirms_root_impingement": True}
    assert "imaging-mri-when-indicated" not in recs(case)
    assert "imaging-plain-radiograph-limits" not in recs(case)
    case["radicular_symptoms"] = True
    reasons = action(case, "imaging-plain-radiograph-limits")["reasons"]
    assert not any("an MRI is indicated" in reason for reason in reasons)


@verifies("radicular-surgical-consultation")
@pytest.mark.parametrize(("changes", "why"), [
    ({"conservative_care_weeks": 3}, "conservative care has lasted 3 weeks"),
    ({"conservative_care_weeks": 20, "improving": True}, "symptoms are improving"),
    ({"duration_weeks": 4}, "the weeks of conservative care are not given"),
])
def test_a_ticked_disability_is_never_dropped_in_silence(changes: dict[str, Any], why: str) -> None:
    result = evaluate({"duration_weeks": 30, "persistent_functional_disability": True, **changes})
    assert "radicular-surgical-consultation" not in {a["rec"] for a in result["actions"]}
    assert any(w.startswith(f"persistent_functional_disability is true, but {why}, so surgical "
                            "consultation") for w in result["warnings"])


def test_missing_care_weeks_warning_names_every_rule_left_unapplied() -> None:
    (warning,) = evaluate({"duration_weeks": 30, "persistent_functional_disability": True,
                           "failed_other_treatments": True})["warnings"]
    assert warning.startswith("conservative_care_weeks is not given, so the MRI rule, surgical "
                              "consultation for persistent disability and opioids after every other "
                              "treatment has failed could not be applied: each needs at least 6 weeks")
    # Imaging has confirmed the impingement: no weeks of care would bring an MRI, only the injection.
    (warning,) = evaluate({"duration_weeks": 8, "radicular_symptoms": True,
                           "imaging_confirms_root_impingement": True})["warnings"]
    assert warning.startswith("conservative_care_weeks is not given, so an epidural steroid injection "
                              "could not be applied: it needs")
    assert evaluate({"duration_weeks": 6, "imaging_confirms_root_impingement": True})["warnings"] == []
    # Before the chronic phase an opioid would not apply with any weeks of care: it is not named.
    (warning,) = evaluate({"duration_weeks": 8, "failed_other_treatments": True})["warnings"]
    assert warning.startswith("conservative_care_weeks is not given, so the MRI rule could not be "
                              "applied: it needs")


@verifies("radicular-epidural-steroid-injection", "radicular-surgical-consultation")
@pytest.mark.parametrize(("case", "warning"), [
    ({"duration_weeks": 10, "conservative_care_weeks": 3, "radicular_symptoms": True,
      "imaging_confirms_root_impingement": True},
     "imaging_confirms_root_impingement is true, but conservative care has lasted 3 weeks, so an "
     "epidural steroid injection is not listed"),
    # With a red flag other than cauda equina, surgical consultation is part of the work-up.
    ({"duration_weeks": 8, "conservative_care_weeks": 3, "fever": True,
      "persistent_functional_disability": True},
     "persistent_functional_disability is true, but conservative care has lasted 3 weeks, so surgical "
     "consultation for persistent disability is not listed"),
    ({"duration_weeks": 8, "conservative_care_weeks": 0, "persistent_functional_disability": True},
     "persistent_functional_disability is true, but no conservative care is recorded"),
])
def test_a_ticked_rule_that_waits_on_failed_care_says_so(case: dict[str, Any], warning: str) -> None:
    assert any(w.startswith(warning) for w in evaluate(case)["warnings"]), evaluate(case)["warnings"]


@pytest.mark.parametrize("flag", ["fever", "urinary_retention", "progressive_neuro_deficit"])
def test_a_red_flag_case_asks_for_no_weeks_of_care(flag: str) -> None:
    """The work-up (or the emergency) comes first and orders its own imaging."""
    warnings = evaluate({"duration_weeks": 6, flag: True})["warnings"]
    assert not any("conservative_care_weeks" in w for w in warnings)


@verifies("medication-gabapentin")
def test_gabapentin_for_improving_radicular_symptoms_only_with_neuropathic_pain() -> None:
    """The source's radicular care: "consider gabapentin for neuropathic pain"."""
    case = {"duration_weeks": 5, "radicular_symptoms": True, "improving": True}
    assert "medication-gabapentin" not in recs(case)
    fired = action({**case, "neuropathic_pain": True}, "medication-gabapentin")
    assert fired["reasons"] == ["radicular_symptoms is true: radicular symptoms",
                                "neuropathic_pain is true: neuropathic pain features"]


def test_weeks_are_shown_exactly_as_given() -> None:
    """Rounded, 11.9999999 weeks read "12 (subacute phase)" and 5.9999999 weeks "6 (fewer than 6)"."""
    result = evaluate({"duration_weeks": 11.9999999, "conservative_care_weeks": 5.9999999,
                       "failed_other_treatments": True})
    reasons = [r for a in result["actions"] for r in a["reasons"]]
    assert "duration_weeks is 11.9999999 (subacute phase): staying active applies at every phase" in reasons
    assert any(r.startswith("conservative_care_weeks is 5.9999999 (fewer than 6)") for r in reasons)


@verifies("education-written-material", "education-reassurance")
@pytest.mark.parametrize("case", [{"duration_weeks": 1}, {"duration_weeks": 4},
                                  {"duration_weeks": 52}, {"duration_weeks": 16, "improving": True}])
def test_written_material_is_given_at_every_phase(case: dict[str, Any]) -> None:
    """The source's written self-care material has no condition; it once went with the reassurance,
    which stops after the first month, and was lost with it."""
    assert "education-written-material" in recs(case)
    assert "education-written-material" not in recs({**case, "fever": True})
