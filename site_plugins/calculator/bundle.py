"""Build-time bundle of the calculator's engine: the lbp_core wheel, Pyodide's lock file with that wheel
registered (sha256), the Pyodide runtime files (with the site's glue module, glue.py), and a memory
snapshot taken after importing lbp_core, from those same runtime files.

Each step is a tool made for it: ``python -m build`` builds the wheel, ``pyodide lockfile add-wheels``
(pyodide-build) registers it, and Pyodide itself (under Node) takes the snapshot. Results are cached in
``cache_dir`` under the hash of their inputs, so an unchanged core rebuilds in milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_plugins._hashing import sha256_file
from site_plugins.calculator.glue import patched_glue

__all__ = ["RUNTIME_FILES", "Bundle", "build_bundle", "sha256_file"]

log = logging.getLogger("mkdocs.plugins.lbp_calculator")

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
"""The files of the npm package ``pyodide`` the browser needs (the lock file is replaced by ours)."""

SNAPSHOT_SCRIPT = Path(__file__).with_name("snapshot.mjs")
BRIDGE = Path(__file__).with_name("assets") / "bridge.mjs"
SPARSE = Path(__file__).with_name("assets") / "sparse.mjs"
_FIXED_EPOCH = "315532800"  # 1980-01-01: the same source gives a byte-identical wheel and hash


@dataclass(frozen=True, kw_only=True, slots=True)
class Bundle:
    """What the site serves from its runtime folder, and the facts the page shows."""

    pyodide_version: str
    wheel: Path
    wheel_sha256: str
    lock_file: Path
    snapshot: Path | None
    """Pyodide's memory after importing lbp_core; ``None`` when disabled."""
    runtime: dict[str, Path]
    """Served file name -> the file to serve."""



def _run(args: list[str], *, what: str, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> None:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise PluginError(f"lbp-calculator: {what} failed ({' '.join(args)}):\n"
                          f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def _build_wheel(project_dir: Path, out_dir: Path) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": _FIXED_EPOCH}
    with tempfile.TemporaryDirectory() as tmp:
        _run([sys.executable, "-m", "build", "--wheel", "--outdir", tmp, str(project_dir)],
             what="building the lbp_core wheel", env=env)
        wheels = list(Path(tmp).glob("lbp_core-*.whl"))
        if len(wheels) != 1:
            raise PluginError(f"lbp-calculator: expected one lbp_core wheel from {project_dir}, "
                              f"got {[w.name for w in wheels]}")
        digest = sha256_file(wheels[0])
        target = out_dir / "wheels" / digest / wheels[0].name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(wheels[0], target)
    return target


def _register_wheel(pyodide_cli: Path, pyodide_dir: Path, wheel: Path) -> Path:
    lock = wheel.parent / "pyodide-lock.json"
    if lock.is_file():
        return lock
    partial = lock.with_suffix(".partial")
    _run([str(pyodide_cli), "lockfile", "add-wheels", "--input", str(pyodide_dir / "pyodide-lock.json"),
          "--output", str(partial), str(wheel)],
         what="registering the wheel in Pyodide's lock file", cwd=wheel.parent)
    partial.replace(lock)
    return lock


def _locked_sha256(lock: Path, wheel: Path) -> str:
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    entry = next((p for p in packages.values() if p.get("file_name") == wheel.name), None)
    if entry is None:
        raise PluginError(f"lbp-calculator: {lock} does not list {wheel.name}")
    if entry["sha256"] != sha256_file(wheel):
        raise PluginError(f"lbp-calculator: {lock} gives another sha256 for {wheel.name}")
    return entry["sha256"]


def _take_snapshot(node: str, pyodide_dir: Path, wheel: Path, sha256: str, version: str) -> Path:
    scripts = hashlib.sha256(SNAPSHOT_SCRIPT.read_bytes() + BRIDGE.read_bytes() + SPARSE.read_bytes()
                             + (pyodide_dir / "pyodide.asm.mjs").read_bytes()).hexdigest()[:12]
    snapshot = wheel.parent / f"{version}-{scripts}.snapshot"
    if snapshot.is_file():
        return snapshot
    partial = snapshot.with_suffix(".partial")
    _run([node, str(SNAPSHOT_SCRIPT), str(pyodide_dir), str(wheel), sha256, str(BRIDGE), str(partial)],
         what="taking the Pyodide memory snapshot")
    partial.replace(snapshot)
    return snapshot


def _runtime_with_glue(pyodide_dir: Path, cache_dir: Path) -> Path:
    """A copy of the npm package's runtime files with the site's glue module (glue.py), in ``cache_dir``
    under the glue's hash: the snapshot is taken from it and the site serves it."""
    glue = patched_glue((pyodide_dir / "pyodide.asm.mjs").read_bytes())
    runtime = cache_dir / "runtime" / hashlib.sha256(glue).hexdigest()[:16]
    if not (runtime / "pyodide.asm.mjs").is_file():
        partial = runtime.with_suffix(".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for name in RUNTIME_FILES:
            if name != "pyodide.asm.mjs":
                shutil.copy2(pyodide_dir / name, partial / name)
        shutil.copy2(pyodide_dir / "package.json", partial / "package.json")
        (partial / "pyodide.asm.mjs").write_bytes(glue)
        shutil.rmtree(runtime, ignore_errors=True)
        partial.replace(runtime)
    return runtime


def build_bundle(*, project_dir: Path, pyodide_dir: Path, pyodide_cli: Path, node: str,
                 cache_dir: Path, snapshot: bool) -> Bundle:
    """Build (or reuse from ``cache_dir``) everything the calculator's engine needs."""
    project_dir, pyodide_dir, cache_dir = project_dir.resolve(), pyodide_dir.resolve(), cache_dir.resolve()
    pyodide_cli = pyodide_cli.resolve()
    version = json.loads((pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]
    wheel = _build_wheel(project_dir, cache_dir)
    lock = _register_wheel(pyodide_cli, pyodide_dir, wheel)
    digest = _locked_sha256(lock, wheel)
    shipped = _runtime_with_glue(pyodide_dir, cache_dir)
    snap = _take_snapshot(node, shipped, wheel, digest, version) if snapshot else None
    runtime = {name: shipped / name for name in RUNTIME_FILES}
    runtime["pyodide-lock.json"] = lock
    runtime[wheel.name] = wheel
    if snap is not None:
        runtime[f"lbp-{digest[:16]}-{snap.name}"] = snap  # a new format or bridge is a new URL
    log.debug("lbp_core wheel %s sha256 %s", wheel.name, digest)
    return Bundle(pyodide_version=version, wheel=wheel, wheel_sha256=digest, lock_file=lock,
                  snapshot=snap, runtime=runtime)
