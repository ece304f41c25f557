"""The clinical note: the same lines from the library, the command line and the worker's bridge."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lbp_core import CaseValidationError, clinical_note, evaluate, note_lines, recommendation
from lbp_core.bridge import lbp_note
from lbp_core.case import FIELD_SPECS
from lbp_core.worked_cases import WORKED_CASES

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
DAY = datetime.date(2026, 12, 6)


def _cli(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lbp_core", "note", "-", *args], input=stdin, cwd=ROOT,
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("case", [REFERENCE, *(w.case for w in WORKED_CASES)])
def test_the_note_names_triage_phase_every_action_and_caution(case: dict[str, object]) -> None:
    result = evaluate(case)
    lines = note_lines(case, today=DAY)
    text = "\n".join(lines)
    assert lines[1].startswith("Triage: ") and lines[2].startswith("Phase: ")
    assert {"emergency": "Emergency", "urgent": "Urgent", "prompt": "Prompt work-up",
            "routine": "Routine care"}[result["triage"]] in lines[1]
    for stance, label in (("recommend", "Do now"), ("consider", "Consider"), ("avoid", "Avoid")):
        line = next(line for line in lines if line.startswith(f"{label}: "))
        for action in result["actions"]:
            named = f"{recommendation(action['rec']).short_title} [{action['rec']}]"
            assert (named in line) == (action["stance"] == stance)
    for action in result["actions"]:
        for caution in action["cautions"]:
            assert caution in text
    for warning in result["warnings"]:
        assert warning in text
    assert f"Guideline version: {result['guideline_version']}" in lines
    assert lines[-1] == "Date: 2026-12-06"
    assert not any(line.startswith("Engine wheel sha256") for line in lines)


def test_inputs_are_listed_as_entered() -> None:
    line = next(line for line in note_lines(REFERENCE) if line.startswith("Inputs as entered: "))
    assert line == ("Inputs as entered: Duration of symptoms: 8 weeks; "
                    f"{FIELD_SPECS['conservative_care_weeks'].label}: 6 weeks; Radicular symptoms: yes")


def test_the_wheel_is_named_by_its_first_12_hex_digits() -> None:
    lines = note_lines(REFERENCE, wheel_sha256="0123456789abcdef" * 4)
    assert "Engine wheel sha256: 0123456789ab" in lines


def test_a_bad_case_raises() -> None:
    with pytest.raises(CaseValidationError):
        note_lines({"duration_weeks": "soon"})


def test_cli_prints_the_same_lines_and_exits_0() -> None:
    done = _cli(json.dumps(REFERENCE), "--date", "2026-12-06", "--wheel-sha256", "ab" * 32)
    assert done.returncode == 0, done.stderr
    assert done.stdout == clinical_note(REFERENCE, today=DAY, wheel_sha256="ab" * 32)
    plain = _cli(json.dumps(REFERENCE))
    assert plain.returncode == 0 and plain.stdout.splitlines()[-1] == f"Date: {datetime.date.today()}"


def test_cli_bad_input_exits_2_with_the_error_object_and_red_flags() -> None:
    done = _cli('{"duration_weeks": "x", "fever": true}')
    assert done.returncode == 2 and "Traceback" not in done.stderr
    reply = json.loads(done.stdout)
    assert reply["errors"][0]["field"] == "duration_weeks" and reply["red_flags"]["triage"] == "prompt"
    assert json.loads(_cli("not json").stdout)["errors"][0]["field"] == "case"


def test_bridge_note_gives_the_lines_the_page_copies() -> None:
    reply = json.loads(lbp_note(json.dumps({"case": REFERENCE, "wheel_sha256": "cd" * 32,
                                            "date": "2026-12-06"})))
    assert reply == {"ok": True, "lines": note_lines(REFERENCE, wheel_sha256="cd" * 32, today=DAY)}
    bad = json.loads(lbp_note(json.dumps({"case": {"duration_weeks": -1}})))
    assert bad["ok"] is False and bad["errors"][0]["field"] == "duration_weeks"


def test_boxes_sent_unticked_and_numbers_sent_empty_are_not_listed_as_entered() -> None:
    """The form sends only what is entered; a link or the CLI may still send a box as false or a number
    as null: neither is an input the clinician entered."""
    lines = note_lines({"duration_weeks": 3, "fever": False, "age_years": None}, today=datetime.date(2026, 1, 31))
    assert "Inputs as entered: Duration of symptoms: 3 weeks" in lines


def test_the_bridge_note_with_a_date_that_is_not_iso_falls_back_to_today() -> None:
    reply = json.loads(lbp_note(json.dumps({"case": {"duration_weeks": 3}, "date": "31/01/2026"})))
    assert reply["ok"] and reply["lines"][-1] == f"Date: {datetime.date.today().isoformat()}"
