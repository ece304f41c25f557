"""tools.stress: runs a command beside CPU burners, stops at the first failure, and leaves no burner behind."""

from __future__ import annotations

import sys

import pytest

from tools import stress

PASSING = [sys.executable, "-c", "print('===== 3 passed, 1 skipped in 0.01s =====')"]
FAILING = [sys.executable, "-c", "print('= 1 failed, 2 passed in 0.01s ='); raise SystemExit(1)"]


def test_runs_in_a_row_and_reads_pytests_closing_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert stress.main(["--runs", "2", "--", *PASSING]) == 0
    out = capsys.readouterr().out
    assert "run 1: passed" in out and "run 2: passed" in out
    assert "(3 passed, 1 skipped in 0.01s)" in out


def test_stops_at_the_first_failure() -> None:
    runs = stress.run_beside_burners(FAILING, burners=1, runs=3)
    assert [run.returncode for run in runs] == [1]
    assert runs[0].summary == "1 failed, 2 passed in 0.01s"
    assert stress.main(["--runs", "3", "--burners", "1", "--", *FAILING]) == 1


def test_burners_spin_until_stopped_and_stop_by_themselves() -> None:
    spinning = stress.burn(2, limit=60)
    try:
        assert all(burner.poll() is None for burner in spinning)
    finally:
        stress._stop(spinning)
    assert all(burner.returncode is not None for burner in spinning)
    bounded = stress.burn(1, limit=0.2)
    assert bounded[0].wait(timeout=30) == 0  # its own limit ended it


def test_a_command_is_required() -> None:
    with pytest.raises(SystemExit):
        stress.main(["--runs", "1"])
