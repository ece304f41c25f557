"""The case is checked at the edge: every problem is reported at once, naming the field."""

from __future__ import annotations

import math

import pytest

from lbp_core import Case, CaseValidationError, evaluate
from lbp_core.case import FIELD_SPECS


def errors_of(data: object) -> dict[str, str]:
    with pytest.raises(CaseValidationError) as caught:
        Case.from_dict(data)
    return {error.field: error.message for error in caught.value.errors}


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "duration_weeks", "is required: must be a number from 0 to 520"),
    ({"duration_weeks": -3}, "duration_weeks", "must be a number from 0 to 520, got -3"),
    ({"duration_weeks": 521}, "duration_weeks", "must be a number from 0 to 520, got 521"),
    # A whole number sent as a float (JSON's 600.0) is shown as the reader wrote it, without ".0".
    ({"duration_weeks": 600.0}, "duration_weeks", "must be a number from 0 to 520, got 600"),
    ({"duration_weeks": "8"}, "duration_weeks", "must be a number from 0 to 520, got the text '8'"),
    ({"duration_weeks": True}, "duration_weeks", "must be a number from 0 to 520, got true"),
    ({"duration_weeks": math.nan}, "duration_weeks", "must be a number from 0 to 520, got nan"),
    ({"duration_weeks": math.inf}, "duration_weeks", "must be a number from 0 to 520, got inf"),
    ({"duration_weeks": None}, "duration_weeks", "must be a number from 0 to 520, got null"),
    ({"duration_weeks": [1]}, "duration_weeks", "must be a number from 0 to 520, got a list"),
    ({"duration_weeks": 2, "fever": 1}, "fever", "must be true or false, got 1"),
    ({"duration_weeks": 2, "fever": "true"}, "fever", "must be true or false, got the text 'true'"),
    # An unanswered red flag is not read as "no".
    ({"duration_weeks": 2, "saddle_anesthesia": None}, "saddle_anesthesia",
     "must be true or false, got null (leave the field out for false)"),
    ({"duration_weeks": 2, "age_years": 30.5}, "age_years",
     "must be a whole number from 0 to 120, got 30.5"),
    ({"duration_weeks": 2, "age_years": 121}, "age_years",
     "must be a whole number from 0 to 120, got 121"),
    ({"duration_weeks": 2, "conservative_care_weeks": 3}, "conservative_care_weeks",
     "cannot be more than duration_weeks (2), got 3"),
    ({"duration_weeks": 2, "feverish": True}, "feverish", "unknown field; allowed fields are "),
    # British spelling of a red flag: the field meant is named, since its value is not counted.
    ({"duration_weeks": 2, "saddle_anaesthesia": True}, "saddle_anaesthesia",
     "unknown field; did you mean saddle_anesthesia? allowed fields are "),
])
def test_each_bad_field_is_named_with_what_is_allowed(data: dict, field: str, message: str) -> None:
    assert errors_of(data)[field].startswith(message)


@pytest.mark.parametrize("data", [[], "case", 3, None, True])
def test_a_case_must_be_an_object(data: object) -> None:
    assert errors_of(data) == {"case": errors_of(data)["case"]}
    assert "must be a JSON object" in errors_of(data)["case"]


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_of({"duration_weeks": -1, "fever": "yes", "age_years": 200, "colour": "red"})
    assert set(errors) == {"duration_weeks", "fever", "age_years", "colour"}


def test_error_message_carries_field_path() -> None:
    with pytest.raises(CaseValidationError, match=r"^duration_weeks: must be a number"):
        evaluate({"duration_weeks": -3})


@pytest.mark.parametrize(("data", "expected"), [
    ({"duration_weeks": 0}, {"duration_weeks": 0}),
    ({"duration_weeks": 520, "conservative_care_weeks": 520}, {"duration_weeks": 520,
                                                               "conservative_care_weeks": 520}),
    ({"duration_weeks": 2.5, "age_years": 40.0}, {"duration_weeks": 2.5, "age_years": 40}),
    ({"duration_weeks": 1, "age_years": None}, {"duration_weeks": 1}),
])
def test_valid_edges_are_accepted(data: dict, expected: dict) -> None:
    case = Case.from_dict(data)
    assert {k: v for k, v in case.to_dict().items() if not isinstance(v, bool)} == expected


def test_booleans_default_to_false() -> None:
    case = Case.from_dict({"duration_weeks": 1})
    assert all(getattr(case, name) is False for name, spec in FIELD_SPECS.items()
               if spec.kind == "boolean")


def test_case_is_frozen() -> None:
    case = Case.from_dict({"duration_weeks": 1})
    with pytest.raises(AttributeError):
        case.fever = True  # type: ignore[misc]
