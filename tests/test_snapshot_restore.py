"""The engine's memory snapshot, taken and restored as a device does (tests/node/snapshot_restore.mjs): a
fresh start from the site's runtime copies its memory before any case; a later start restores it. With the
site's glue module the packed copy is restored without being unpacked (glue.py's sparse restore) and the
heap it leaves is the image byte for byte; with Pyodide's stock glue the image is unpacked first. Either
way the restored engine answers every golden case exactly as the core does in CPython."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from site_plugins.calculator.stdlib import BRIDGE
from tools.sample_cases import golden_cases

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = ROOT / "site"
SCRIPT = Path(__file__).with_name("node") / "snapshot_restore.mjs"
SPARSE = ROOT / "site_plugins" / "calculator" / "assets" / "sparse.mjs"


def _bridge() -> dict[str, Any]:
    """The bridge the snapshot holds (bridge.mjs), defined in this CPython."""
    source = re.search(r"export const BRIDGE = `(.*?)`;", BRIDGE.read_text(encoding="utf-8"), re.S)
    assert source is not None
    namespace: dict[str, Any] = {}
    exec(source.group(1), namespace)  # noqa: S102 (the project's own bridge code)
    return namespace


def _site_settings() -> dict[str, Any]:
    if not (SITE_DIR / "index.html").is_file():
        pytest.fail(f"{SITE_DIR} has no built site: run `make site` first (make test does)")
    html = (SITE_DIR / "calculator" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div id="lbp-engine-settings" hidden data-json="([^"]*)"></div>', html)
    assert block is not None
    return json.loads(unescape(block.group(1)))


def _cycle(runtime: Path, stdlib: Path, wheel: Path, glue: str, cases: Path,
           lock_info: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the shipped engine"
    done = subprocess.run([node, str(SCRIPT), str(runtime), str(stdlib), str(wheel), str(SPARSE), str(BRIDGE),
                           str(cases), glue, json.dumps(lock_info)], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("restore") / "cases.json"
    path.write_text(json.dumps(golden_cases()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shipped(cases: Path) -> dict[str, Any]:
    """The cycle with the site's engine as built: its glue module, its trimmed standard library."""
    settings = _site_settings()
    assert settings["glue"] == "lbp"
    return _cycle(SITE_DIR / settings["runtime"], SITE_DIR / settings["stdlib"], SITE_DIR / settings["wheel"],
                  "lbp", cases, settings["lock_info"])


@pytest.fixture(scope="module")
def stock(cases: Path) -> dict[str, Any]:
    """The cycle with Pyodide's npm files, as `make site LBP_STOCK_PYODIDE=1` serves them."""
    settings = _site_settings()
    npm = ROOT / "node_modules" / "pyodide"
    return _cycle(npm, npm / "python_stdlib.zip", SITE_DIR / settings["wheel"], "stock", cases,
                  settings["lock_info"])


def test_the_sparse_restore_leaves_the_snapshots_heap_byte_for_byte(shipped: dict[str, Any]) -> None:
    restore = shipped["restore"]
    assert restore["calls"] == 1  # the shipped glue restored through the snapshot's own restore
    assert restore["differences"] == 0
    # Bytes were set, before the restore, where the runtime may have written and the image has nothing
    # (below the break, between segments): the restore zeroed them, so the zeroing is tested too.
    assert restore["written"] > 0 and restore["dirtied"] > 0


def test_a_fresh_start_has_imported_every_module_of_the_wheel_before_its_snapshot(shipped: dict[str, Any]) -> None:
    """A restored engine's file system has the standard library only: every lbp_core module it will ever
    run must be in the memory it restores."""
    wheel = SITE_DIR / _site_settings()["wheel"]
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = sorted(name[:-3].replace("/", ".").removesuffix(".__init__")
                          for name in archive.namelist() if name.endswith(".py"))
    # The command line, the golden runs, the worked cases and the changelog's check serve people, the site's
    # build and the tests: the page never calls them.
    tools = {"lbp_core.__main__", "lbp_core.golden", "lbp_core.worked_cases", "lbp_core.changelog",
             "lbp_core._changelog", "lbp_core.fingerprint"}
    assert shipped["modules"] == [name for name in in_wheel if name not in tools]


@pytest.mark.parametrize("engine", ["shipped", "stock"])
def test_the_restored_engine_answers_as_the_core_does_in_cpython(engine: str, request: pytest.FixtureRequest) -> None:
    restored = request.getfixturevalue(engine)
    evaluate = _bridge()["lbp_evaluate"]
    expected = [evaluate(json.dumps(case)) for case in golden_cases()]
    assert restored["replies"] == expected
    assert sum('"ok": true' in reply for reply in expected) >= 300
