"""The core is typed: mypy --strict passes on lbp_core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_passes_mypy_strict() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "lbp_core"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
