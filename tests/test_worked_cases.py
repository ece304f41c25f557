"""Each worked case gives the triage, phase and actions the guidance calls for, and nothing unsafe."""

from __future__ import annotations

import pytest

from lbp_core import evaluate
from lbp_core.worked_cases import WORKED_CASES, WorkedCase

CASES = [pytest.param(wc, id=wc.id, marks=pytest.mark.verifies(*{rec for _, _, rec in wc.expected}))
         for wc in WORKED_CASES]


@pytest.mark.parametrize("wc", CASES)
def test_worked_case(wc: WorkedCase) -> None:
    result = evaluate(wc.case)
    actions = {(a["intervention"], a["stance"], a["rec"]) for a in result["actions"]}
    assert (result["triage"], result["phase"]) == (wc.expected_triage, wc.expected_phase)
    assert set(wc.expected) <= actions, set(wc.expected) - actions
    assert not set(wc.absent) & {a["intervention"] for a in result["actions"]}


def test_worked_case_ids_are_unique() -> None:
    assert len({wc.id for wc in WORKED_CASES}) == len(WORKED_CASES)
