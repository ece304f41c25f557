"""Build-time bundle of the calculator's engine: the lbp_core wheel, Pyodide's runtime files (with the site's
glue module, glue.py) and a standard library cut down to what the engine imports (stdlib.py).

Each step is a tool made for it: ``python -m build`` builds the wheel, ``pyodide lockfile add-wheels``
(pyodide-build) registers it in a lock file (for the naive page of ``make bench`` and for the facts the engine
needs of the lock file), and Pyodide itself (under Node) finds and checks the standard library's files.
Results are cached in ``cache_dir`` under the hash of their inputs, so an unchanged core rebuilds in
milliseconds.

With ``stock`` (``make site LBP_STOCK_PYODIDE=1``) the runtime is the npm package's files exactly: no glue
change, Pyodide's whole standard library. The calculator works the same, only starts slower.

No memory snapshot is built: a first visit would download it (6 MB even compressed). The engine takes one on
the device instead, before its first answer, and stores it for later visits (assets/worker.js).
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
from typing import Any

from mkdocs.exceptions import PluginError

from site_plugins._hashing import sha256_file
from site_plugins.calculator.glue import patched_glue
from site_plugins.calculator.stdlib import trimmed_stdlib

__all__ = ["RUNTIME_FILES", "Bundle", "build_bundle", "sha256_file"]

log = logging.getLogger("mkdocs.plugins.lbp_calculator")

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
"""The files of the npm package ``pyodide`` the build reads (the browser gets all but the lock file)."""

SERVED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
"""The runtime files the engine loads, as the site serves them (with the wheel)."""

_FIXED_EPOCH = "315532800"  # 1980-01-01: the same source gives a byte-identical wheel and hash


@dataclass(frozen=True, kw_only=True, slots=True)
class Bundle:
    """What the site serves from its runtime folder, and the facts the page shows."""

    pyodide_version: str
    wheel: Path
    wheel_sha256: str
    lock_file: Path
    """Pyodide's lock file with the wheel registered (not served: the engine does not use it)."""
    lock_info: dict[str, Any]
    """The lock file's ``info``: loadPyodide needs a lock file, and gets this with no packages."""
    glue: str
    """``"lbp"``: the site's glue module (glue.py) and trimmed standard library; ``"stock"``: npm's files."""
    runtime: dict[str, Path]
    """Served file name -> the file to serve."""
    hashes: dict[str, str]
    """Served file name -> its sha256: the engine checks each file it stores on the device."""
    build: str
    """A hash of every file the engine loads: names the runtime's folder (so a changed engine is new
    URLs, never a stale cached file) and keys the memory snapshot each device stores."""


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


def _runtime_with_glue(pyodide_dir: Path, cache_dir: Path, version: str) -> Path:
    """A copy of the npm package's runtime files with the site's glue module (glue.py), in ``cache_dir``
    under the glue's hash."""
    glue = patched_glue((pyodide_dir / "pyodide.asm.mjs").read_bytes(), version=version)
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


def _build_key(hashes: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(hashes):
        digest.update(f"{name}\0{hashes[name]}\n".encode())
    return digest.hexdigest()[:16]


def build_bundle(*, project_dir: Path, pyodide_dir: Path, pyodide_cli: Path, node: str,
                 cache_dir: Path, stock: bool = False, trim_stdlib: bool = True,
                 compile_stdlib: bool = True) -> Bundle:
    """Build (or reuse from ``cache_dir``) everything the calculator's engine needs."""
    project_dir, pyodide_dir, cache_dir = project_dir.resolve(), pyodide_dir.resolve(), cache_dir.resolve()
    pyodide_cli = pyodide_cli.resolve()
    version = json.loads((pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]
    wheel = _build_wheel(project_dir, cache_dir)
    lock = _register_wheel(pyodide_cli, pyodide_dir, wheel)
    digest = _locked_sha256(lock, wheel)
    source = pyodide_dir if stock else _runtime_with_glue(pyodide_dir, cache_dir, version)
    runtime = {name: source / name for name in SERVED}
    if not stock and trim_stdlib:
        runtime["python_stdlib.zip"] = trimmed_stdlib(node=node, runtime_dir=source, wheel=wheel,
                                                      cache_dir=cache_dir, compiled=compile_stdlib)
    runtime[wheel.name] = wheel
    lock_info = json.loads(lock.read_text(encoding="utf-8"))["info"]
    hashes = {name: sha256_file(path) for name, path in runtime.items()}
    log.debug("lbp_core wheel %s sha256 %s", wheel.name, digest)
    return Bundle(pyodide_version=version, wheel=wheel, wheel_sha256=digest, lock_file=lock,
                  lock_info=lock_info, glue="stock" if stock else "lbp", runtime=runtime, hashes=hashes,
                  build=_build_key(hashes))
