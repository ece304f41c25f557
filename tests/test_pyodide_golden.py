"""The core gives byte-identical JSON in CPython and inside real Pyodide (npm package, under Node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lbp_core.golden import run_golden
from lbp_core.guideline import RECOMMENDATIONS
from tools.sample_cases import golden_cases

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tools" / "run_in_pyodide.mjs"
SCRIPT = "from lbp_core.golden import run_golden\nrun_golden(input_text)\n"


@pytest.mark.verifies(*(rec.id for rec in RECOMMENDATIONS))
def test_pyodide_matches_cpython_byte_for_byte(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the core inside Pyodide"
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file(), "run `npm ci` (make setup)"
    cases_json = json.dumps(golden_cases())
    (tmp_path / "cases.json").write_text(cases_json, encoding="utf-8")
    (tmp_path / "golden.py").write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run([node, str(RUNNER), str(tmp_path / "golden.py"),
                           str(tmp_path / "cases.json")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    expected = run_golden(cases_json)
    assert done.stdout == expected
    results = json.loads(expected)["results"]
    assert sum("errors" in r for r in results) >= 30 and sum("triage" in r for r in results) >= 300
    assert sum("red_flags" in r for r in results) >= 10  # invalid cases that raise a red flag all the same
