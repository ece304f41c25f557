"""The command line speaks the contract: exit 0 with a result, exit 2 with field errors, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lbp_core import catalogue, evaluate, input_schema
from lbp_core.worked_cases import WORKED_CASES, WorkedCase

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lbp_core", *args], input=stdin, text=True,
                          capture_output=True, cwd=ROOT, check=False)


def test_evaluate_from_stdin_matches_the_library() -> None:
    case = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
    done = run("evaluate", "-", stdin=json.dumps(case))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == evaluate(case)


def test_evaluate_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"duration_weeks": 2, "saddle_anesthesia": True}))
    done = run("evaluate", str(path))
    assert done.returncode == 0
    assert json.loads(done.stdout)["triage"] == "emergency"


@pytest.mark.parametrize(("stdin", "field"), [
    ('{"duration_weeks": -3}', "duration_weeks"),
    ('{"duration_weeks": 2, "fever": "yes"}', "fever"),
    ("not json", "case"),
    ("[1, 2]", "case"),
    ("", "case"),
    ('{"duration_weeks": NaN}', "duration_weeks"),
    ('{"duration_weeks": ' + "9" * 5000 + "}", "case"),   # beyond Python's integer conversion limit
    ('{"duration_weeks": 1' + "0" * 309 + "}", "duration_weeks"),  # too big for a float
    ("[" * 100_000 + "]" * 100_000, "case"),              # deeper than the JSON decoder can go
])
def test_bad_input_exits_2_with_field_errors_and_no_traceback(stdin: str, field: str) -> None:
    done = run("evaluate", "-", stdin=stdin)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    errors = json.loads(done.stdout)["errors"]
    assert field in {error["field"] for error in errors}
    assert all(error["message"] for error in errors)


@pytest.mark.verifies("red-flags-cauda-equina")
def test_bad_input_still_reports_its_red_flags() -> None:
    """An incomplete case never hides an emergency: the red flags come with the field errors."""
    done = run("evaluate", "-", stdin='{"urinary_retention": true, "fever": "yes"}')
    assert done.returncode == 2
    reply = json.loads(done.stdout)
    assert [error["field"] for error in reply["errors"]] == ["fever", "duration_weeks"]
    assert reply["red_flags"]["triage"] == "emergency"
    assert [a["intervention"] for a in reply["red_flags"]["actions"]] == ["emergency_surgical_referral"]


def test_bad_input_without_a_red_flag_claims_no_triage() -> None:
    done = run("evaluate", "-", stdin='{"minor_trauma": true}')
    assert done.returncode == 2
    assert list(json.loads(done.stdout)) == ["errors"]


def test_missing_file_is_a_field_error() -> None:
    done = run("evaluate", "/nonexistent/case.json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["field"] == "case"


def test_recommendations_and_schema_commands() -> None:
    assert json.loads(run("recommendations").stdout) == catalogue()
    assert json.loads(run("schema").stdout) == input_schema()


@pytest.fixture(scope="module")
def printed_cases() -> dict[str, Any]:
    """``python -m lbp_core cases``, by case ID (in the order printed)."""
    done = run("cases")
    assert done.returncode == 0, done.stderr
    return {case["id"]: case for case in json.loads(done.stdout)}


def test_cases_command_lists_every_worked_case_in_order(printed_cases: dict[str, Any]) -> None:
    assert list(printed_cases) == [worked.id for worked in WORKED_CASES]
    for case in printed_cases.values():
        assert set(case) == {"id", "title", "story", "case", "expected_triage", "expected_phase",
                             "expected_actions", "absent"}


@pytest.mark.parametrize("worked", WORKED_CASES, ids=[worked.id for worked in WORKED_CASES])
def test_each_printed_case_is_the_worked_case_and_the_core_agrees(
        worked: WorkedCase, printed_cases: dict[str, Any]) -> None:
    printed = printed_cases[worked.id]
    assert (printed["title"], printed["story"], printed["case"]) == (worked.title, worked.story, worked.case)
    assert printed["expected_actions"] == [{"intervention": intervention, "stance": stance, "rec": rec}
                                           for intervention, stance, rec in worked.expected]
    assert printed["absent"] == list(worked.absent)
    result = evaluate(printed["case"])
    assert (result["triage"], result["phase"]) == (printed["expected_triage"], printed["expected_phase"])
    listed = [{key: action[key] for key in ("intervention", "stance", "rec")} for action in result["actions"]]
    assert [action for action in printed["expected_actions"] if action not in listed] == []
    assert not set(printed["absent"]) & {action["intervention"] for action in result["actions"]}


def test_a_case_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"duration_weeks": 2}), encoding="utf-8-sig")
    done = run("evaluate", str(path))
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout) == evaluate({"duration_weeks": 2})


def test_an_enormous_number_still_reports_the_red_flags() -> None:
    done = run("evaluate", "-", stdin='{"saddle_anesthesia": true, "duration_weeks": 1' + "0" * 400 + "}")
    assert done.returncode == 2, done.stderr
    reply = json.loads(done.stdout)
    assert reply["errors"] == [{"field": "duration_weeks",
                                "message": "must be a number from 0 to 520, got a number of 401 digits"}]
    assert reply["red_flags"]["triage"] == "emergency"
