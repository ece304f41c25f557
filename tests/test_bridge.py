"""The worker's Python side (lbp_core.bridge): JSON text in, JSON text out, as the library answers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lbp_core
from lbp_core import bridge

ROOT = Path(__file__).resolve().parents[1]
BRIDGE_MJS = ROOT / "site_plugins" / "calculator" / "assets" / "bridge.mjs"
REFERENCE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}


def test_evaluate_answers_as_the_library() -> None:
    assert json.loads(bridge.lbp_evaluate(json.dumps(REFERENCE))) == {
        "ok": True, "result": lbp_core.evaluate(REFERENCE)}
    bad = json.loads(bridge.lbp_evaluate('{"duration_weeks": "x", "saddle_anesthesia": true}'))
    assert bad["ok"] is False and bad["errors"][0]["field"] == "duration_weeks"
    assert bad["red_flags"]["triage"] == "emergency"


def test_changes_and_grouped_changes_answer_as_the_library() -> None:
    assert json.loads(bridge.lbp_what_would_change(json.dumps(REFERENCE))) == json.loads(
        json.dumps(lbp_core.what_would_change(REFERENCE)))
    assert json.loads(bridge.lbp_grouped_changes(json.dumps(REFERENCE))) == json.loads(
        json.dumps(lbp_core.grouped_changes(REFERENCE)))


def test_info_names_the_guideline_version() -> None:
    assert json.loads(bridge.lbp_info()) == {"guideline_version": lbp_core.GUIDELINE_VERSION}


def _run(name: str) -> dict[str, Any]:
    source = re.search(rf"export const {name} = `(.*?)`;", BRIDGE_MJS.read_text(encoding="utf-8"), re.S)
    assert source is not None
    namespace: dict[str, Any] = {}
    exec(source.group(1), namespace)  # noqa: S102 (the project's own bridge code)
    return namespace


def test_bridge_mjs_puts_every_bridge_function_in_the_globals_the_worker_reads() -> None:
    namespace = _run("BRIDGE")
    worker = (BRIDGE_MJS.parent / "worker.js").read_text(encoding="utf-8")
    for name in re.findall(r'globals\.get\("(\w+)"\)', worker):
        assert namespace[name] is getattr(bridge, name)
    assert {"lbp_grouped_changes", "lbp_note"} <= set(re.findall(r'globals\.get\("(\w+)"\)', worker))


def test_warm_up_runs() -> None:
    _run("WARM_UP")  # raises if any warm-up call fails
