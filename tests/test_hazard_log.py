"""The hazard log is complete and every control names tests that exist."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HAZARDS = yaml.safe_load((ROOT / "safety" / "hazards.yml").read_text(encoding="utf-8"))

# The hazards the project must always control, by a phrase from each hazard's description.
REQUIRED = ["red flag is missed", "hidden", "outdated drug advice", "off-by-one", "stale",
            "engine cannot load", "tampered", "patient wording"]


def test_required_hazards_are_logged() -> None:
    text = [hazard["hazard"].lower() for hazard in HAZARDS]
    missing = [phrase for phrase in REQUIRED if not any(phrase in line for line in text)]
    assert not missing, f"hazards not in the log: {missing}"


def _defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names |= {f"{node.name}::{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef)}
    return names


@pytest.mark.parametrize("hazard", HAZARDS, ids=lambda hazard: hazard["id"])
def test_every_control_is_verified_by_tests_that_exist(hazard: dict) -> None:
    assert hazard["controls"], hazard["id"]
    for control in hazard["controls"]:
        assert control["verified_by"], f"{hazard['id']}: a control with no verifying test"
        for test_id in control["verified_by"]:
            path, _, name = test_id.partition("::")
            assert (ROOT / path).is_file(), f"{hazard['id']}: no test file {path}"
            assert name in _defined_tests(ROOT / path), f"{hazard['id']}: no test {test_id}"
