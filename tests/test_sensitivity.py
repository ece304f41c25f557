"""What would change this result: single-field edits that change triage or actions."""

from __future__ import annotations

import pytest

from lbp_core import CaseValidationError, evaluate, what_would_change


def test_red_flags_are_listed_first_with_their_triage() -> None:
    changes = what_would_change({"duration_weeks": 3})
    triage_changes = [c for c in changes if c["triage"]]
    assert changes[:len(triage_changes)] == triage_changes
    assert {c["field"] for c in triage_changes} >= {"urinary_retention", "fever",
                                                    "progressive_neuro_deficit"}
    assert {"field": "minor_trauma", "value": True} not in [
        {"field": c["field"], "value": c["value"]} for c in triage_changes]


def test_threshold_crossings_are_found() -> None:
    changes = what_would_change({"duration_weeks": 10, "conservative_care_weeks": 5})
    care = next(c for c in changes if c["field"] == "conservative_care_weeks")
    assert care["value"] == 6 and "imaging-mri-when-indicated" in care["added"]
    chronic = next(c for c in changes if c["field"] == "duration_weeks" and c["value"] == 12)
    assert "persistent-acupuncture" in chronic["added"]


@pytest.mark.parametrize("case", [
    {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True},
    {"duration_weeks": 12, "conservative_care_weeks": 12, "improving": True},
])
def test_each_change_really_changes_the_result(case: dict[str, object]) -> None:
    base = evaluate(case)
    for change in what_would_change(case):
        edited = evaluate({**case, change["field"]: change["value"], **change["also"]})
        assert (edited["triage"] != base["triage"]) == bool(change["triage"])
        assert {a["rec"] for a in edited["actions"]} == (
            {a["rec"] for a in base["actions"]} | set(change["added"])) - set(change["removed"])


def test_bad_case_raises_field_errors() -> None:
    with pytest.raises(CaseValidationError):
        what_would_change({"duration_weeks": "soon"})


def test_a_shorter_duration_is_found_when_care_lasted_as_long() -> None:
    """At exactly 12 weeks of symptoms and of care, any shorter duration needs shorter care too: the
    change says so (``also``) instead of being dropped as an invalid case."""
    changes = what_would_change({"duration_weeks": 12, "conservative_care_weeks": 12, "improving": True})
    shorter = next(c for c in changes if c["field"] == "duration_weeks" and c["value"] == 11)
    assert shorter["also"] == {"conservative_care_weeks": 11}
    assert "self-care-medium-firm-mattress" in shorter["removed"]
    assert all(c["also"] == {} for c in changes if c["field"] != "duration_weeks")



@pytest.mark.parametrize(("weeks", "nearest"), [(3, 7), (6, 7), (7, 6), (6.5, 6)])
def test_the_routine_imaging_line_is_found_where_it_lies(weeks: float, nearest: int) -> None:
    """Routine imaging is advised against up to 6 weeks: the nearest duration across that line is 7
    from below and 6 from above (not 6 and 5)."""
    moves = [c for c in what_would_change({"duration_weeks": weeks}) if c["field"] == "duration_weeks"
             and "imaging-no-routine" in c["added"] + c["removed"]]
    assert min(abs(c["value"] - weeks) for c in moves) == abs(nearest - weeks)
    assert nearest in [c["value"] for c in moves]


@pytest.mark.parametrize("case", [{"duration_weeks": 3}, {"duration_weeks": 7},
                                  {"duration_weeks": 20, "conservative_care_weeks": 9}])
def test_edits_of_one_field_with_the_same_effect_are_shown_once_the_nearest(
        case: dict[str, object]) -> None:
    durations = [c for c in what_would_change(case) if c["field"] == "duration_weeks"]
    effects = [(c["triage"], c["added"], c["removed"]) for c in durations]
    assert len(effects) == len({repr(effect) for effect in effects})
    distances = [abs(c["value"] - case["duration_weeks"]) for c in durations]  # type: ignore[operator]
    assert distances == sorted(distances)
