"""The engine as shipped: the site's glue module restores the packed snapshot without unpacking it
(glue.py's sparse restore), and the heap it leaves is the snapshot's image byte for byte; the restored
engine then answers every golden case exactly as the core does in CPython."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from site_plugins.calculator.bundle import BRIDGE, SPARSE
from tools.sample_cases import golden_cases

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = ROOT / "site"
SCRIPT = Path(__file__).with_name("node") / "snapshot_restore.mjs"


def _bridge() -> dict[str, Any]:
    """The bridge the snapshot holds (bridge.mjs), defined in this CPython."""
    source = re.search(r"export const BRIDGE = `(.*?)`;", BRIDGE.read_text(encoding="utf-8"), re.S)
    assert source is not None
    namespace: dict[str, Any] = {}
    exec(source.group(1), namespace)  # noqa: S102 (the project's own bridge code)
    return namespace


@pytest.fixture(scope="module")
def restored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the shipped engine"
    if not (SITE_DIR / "index.html").is_file():
        pytest.fail(f"{SITE_DIR} has no built site: run `make site` first (make test does)")
    snapshots = list((SITE_DIR / "pyodide").glob("*.snapshot"))
    assert len(snapshots) == 1
    cases = tmp_path_factory.mktemp("restore") / "cases.json"
    cases.write_text(json.dumps(golden_cases()), encoding="utf-8")
    done = subprocess.run([node, str(SCRIPT), str(SITE_DIR / "pyodide"), str(snapshots[0]), str(SPARSE),
                           str(cases)], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_sparse_restore_leaves_the_snapshots_heap_byte_for_byte(restored: dict[str, Any]) -> None:
    restore = restored["restore"]
    assert restore["calls"] == 1  # the shipped glue restored through the snapshot's own restore
    assert restore["differences"] == 0
    # Bytes were set, before the restore, where the runtime may have written and the image has nothing
    # (below the break, between segments): the restore zeroed them, so the zeroing is tested too.
    assert restore["written"] > 0 and restore["dirtied"] > 0


def test_the_restored_engine_answers_as_the_core_does_in_cpython(restored: dict[str, Any]) -> None:
    evaluate = _bridge()["lbp_evaluate"]
    expected = [evaluate(json.dumps(case)) for case in golden_cases()]
    assert restored["replies"] == expected
    assert sum('"ok": true' in reply for reply in expected) >= 300
