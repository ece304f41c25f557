"""What would change this result: single-field edits that change triage or actions."""

from __future__ import annotations

import pytest

from lbp_core import CaseValidationError, evaluate, grouped_changes, recommendation, what_would_change
from lbp_core.case import FIELD_SPECS


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


REFERENCE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
CAUDA_EQUINA = ("urinary_retention", "saddle_anesthesia", "bilateral_leg_weakness", "anal_sphincter_loss")


def test_reference_case_fits_in_eight_lines_naming_every_cauda_equina_sign() -> None:
    lines = grouped_changes(REFERENCE)
    assert 0 < len(lines) <= 8
    cauda = [line for line in lines if set(CAUDA_EQUINA) <= set(line["items"][0]["fields"])]
    assert len(cauda) == 1 and cauda[0]["kind"] == "triage"
    for name in CAUDA_EQUINA:
        assert FIELD_SPECS[name].label.lower() in cauda[0]["text"].lower()
    assert "emergency" in cauda[0]["text"]


@pytest.mark.parametrize("case", [REFERENCE, {"duration_weeks": 3}, {"duration_weeks": 2, "fever": True},
                                  {"duration_weeks": 12, "conservative_care_weeks": 12, "improving": True},
                                  {"duration_weeks": 30, "urinary_retention": True}])
def test_grouped_lines_hold_every_change_once_in_order(case: dict[str, object]) -> None:
    """Every edit of what_would_change is in the grouped lines (triage edits once, others once per kind
    of effect); triage lines come first, then added, then removed; one item's edits share one effect."""
    changes = what_would_change(case)
    lines = grouped_changes(case)
    kinds = [line["kind"] for line in lines]
    assert kinds == sorted(kinds, key=["triage", "added", "removed"].index)
    assert kinds.count("added") <= 1 and kinds.count("removed") <= 1
    for kind in ("triage", "added", "removed"):
        grouped = [edit for line in lines if line["kind"] == kind for item in line["items"]
                   for edit in item["edits"]]
        expected = [c for c in changes if (c["triage"] if kind == "triage" else not c["triage"] and c[kind])]
        assert sorted(map(repr, grouped)) == sorted(map(repr, expected))
    for line in lines:
        for item in line["items"]:
            key = "added" if line["kind"] == "triage" else line["kind"]
            assert all(edit[key] == item["actions"] for edit in item["edits"])
            assert len({repr(edit["triage"]) for edit in item["edits"]}) == 1
            assert item["text"] in line["text"]
            for rec in item["actions"]:
                assert recommendation(rec).short_title in item["text"]


def test_each_input_of_a_line_is_named_in_its_text() -> None:
    for line in grouped_changes(REFERENCE):
        for item in line["items"]:
            for edit in item["edits"]:
                label = FIELD_SPECS[edit["field"]].label
                assert label.lower() in line["text"].lower()


def test_an_unticked_box_reads_as_no() -> None:
    line = grouped_changes({"duration_weeks": 2, "fever": True})[2]
    assert line["items"][0]["fields"] == ["fever"] and line["text"].startswith("No fever → routine care")


def test_grouped_changes_of_a_bad_case_raise() -> None:
    with pytest.raises(CaseValidationError):
        grouped_changes({"duration_weeks": -1})
