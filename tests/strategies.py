"""Hypothesis strategies for valid cases, shared by the property and exhaustive tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from lbp_core.case import FIELD_SPECS, RED_FLAG_FIELDS

BOOLEAN_FIELDS = [name for name, spec in FIELD_SPECS.items() if spec.kind == "boolean"]
# Weeks near every threshold the rules use, plus anything in range.
WEEKS = st.one_of(st.sampled_from([0, 1.9, 2, 3.9, 4, 5.9, 6, 11.9, 12, 520]),
                  st.floats(min_value=0, max_value=520, allow_nan=False))


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    duration = draw(WEEKS)
    case: dict[str, Any] = {"duration_weeks": duration}
    for name in BOOLEAN_FIELDS:
        if draw(st.booleans()):
            case[name] = draw(st.booleans())
    if draw(st.booleans()):
        case["conservative_care_weeks"] = draw(st.floats(min_value=0, max_value=duration,
                                                         allow_nan=False))
    if draw(st.booleans()):
        case["age_years"] = draw(st.integers(min_value=0, max_value=120))
    return case


def routine_cases() -> st.SearchStrategy[dict[str, Any]]:
    """Valid cases without a red-flag field: cases() makes those rare, as 13 fields may each be true."""
    return cases().map(lambda case: {k: v for k, v in case.items() if k not in RED_FLAG_FIELDS})
