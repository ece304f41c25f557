"""The standard library the engine ships: Pyodide's ``python_stdlib.zip`` cut down to the files the engine
imports, handed to Pyodide through its own ``stdLibURL`` option.

Pyodide imports its standard library from that zip (zipimport): a file nobody imports is never read, yet
every first visit downloads the whole zip (2.5 MB as hosts send it: a zip is not compressed again). The
engine imports about 140 of its 600 files.

How the list is found, and checked (``stdlib.mjs``, under Node, starting Pyodide as the engine worker does):

1. with Pyodide's whole zip: install the wheel, import the bridge, run its warm-up, then every call the page
   makes on every golden case (``lbp_core.golden.golden_cases``); list the zip's files that were imported,
   with their packages' ``__init__.py``;
2. write those files, byte for byte, to a new zip (sorted, fixed dates: the same inputs give the same zip);
3. run the same again with the new zip: the build fails naming the module if one is missing, or if any
   reply differs from the first run's;
4. unless ``compiled`` is off (``compile_stdlib: false``): compile those files to bytecode, in Pyodide's own
   Python (``compile-stdlib.mjs``: as ``python -OO`` does, without PEP 657's column ranges) before step 3,
   which then checks the compiled zip, as it is served. A first visit's engine then imports them without
   compiling them: the compiling was about a sixth of a first result's time on a 10 Mbit/s phone network (``make bench``), for
   0.16 MB more to download (1.0 MB instead of 0.82 MB). Docstrings and asserts of the standard library are
   left out (``lbp_core`` keeps its own: the wheel is not compiled); the golden replies must not change.

The result is cached under the hash of its inputs, and step 1's run on its own (the compiled and the source
zips start from it).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from lbp_core.golden import golden_cases

__all__ = ["trimmed_stdlib"]

SCRIPT = Path(__file__).with_name("stdlib.mjs")
COMPILE_SCRIPT = Path(__file__).with_name("compile-stdlib.mjs")
BRIDGE = Path(__file__).with_name("assets") / "bridge.mjs"
_DATE = (1980, 1, 1, 0, 0, 0)


def _run(node: str, runtime_dir: Path, stdlib: Path, wheel: Path, cases: Path) -> dict[str, Any]:
    done = subprocess.run([node, str(SCRIPT), str(runtime_dir), str(stdlib), str(wheel), str(BRIDGE),
                           str(cases)], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 3):
        raise PluginError(f"lbp-calculator: running the engine under Node with {stdlib.name} failed:\n"
                          f"{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def _with_packages(files: list[str], available: set[str]) -> list[str]:
    """The files and the ``__init__.py`` of every package they are in."""
    found = set(files)
    for name in files:
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            init = "/".join(parts[:depth]) + "/__init__.py"
            if init in available:
                found.add(init)
    return sorted(found)


def _write_zip(source: Path, names: list[str], target: Path) -> None:
    with zipfile.ZipFile(source) as full, zipfile.ZipFile(target, "w") as out:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, full.read(name), compresslevel=9)


def _compile(node: str, runtime_dir: Path, source: Path, target: Path) -> None:
    done = subprocess.run([node, str(COMPILE_SCRIPT), str(runtime_dir), str(source), str(target)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(f"lbp-calculator: compiling the trimmed standard library under Node failed:\n"
                          f"{done.stderr[-3000:]}")


def _digest(*parts: bytes) -> str:
    key = hashlib.sha256()
    for part in parts:
        key.update(hashlib.sha256(part).digest())
    return key.hexdigest()[:16]


def _whole_run(node: str, runtime_dir: Path, wheel: Path, cases_json: str, cache_dir: Path,
               inputs: tuple[bytes, ...]) -> dict[str, Any]:
    """Step 1, cached on its own under the hash of its ``inputs`` (``stdlib/whole-run-<hash>.json``): the
    compiled and the source zips, and the plugin's tests of the check, start from the same run."""
    stdlib = runtime_dir / "python_stdlib.zip"
    cached = cache_dir / "stdlib" / f"whole-run-{_digest(*inputs)}.json"
    if cached.is_file():
        return dict(json.loads(cached.read_text(encoding="utf-8")))
    cached.parent.mkdir(parents=True, exist_ok=True)
    cases = cached.with_suffix(".cases")
    cases.write_text(cases_json, encoding="utf-8")
    run = _run(node, runtime_dir, stdlib, wheel, cases)
    cases.unlink()
    if "missing" in run:
        raise PluginError(f"lbp-calculator: the engine imports {run['missing']!r}, which Pyodide's own "
                          f"{stdlib} does not have")
    partial = cached.with_suffix(".partial")
    partial.write_text(json.dumps(run), encoding="utf-8")
    partial.replace(cached)
    return run


def trimmed_stdlib(*, node: str, runtime_dir: Path, wheel: Path, cache_dir: Path,
                   compiled: bool = True) -> Path:
    """``python_stdlib.zip`` of ``runtime_dir`` cut down to what the engine imports (and, if ``compiled``,
    compiled to bytecode), checked as above."""
    stdlib = runtime_dir / "python_stdlib.zip"
    cases_json = json.dumps(golden_cases())
    inputs = (stdlib.read_bytes(), wheel.read_bytes(), SCRIPT.read_bytes(), BRIDGE.read_bytes(),
              (runtime_dir / "pyodide.asm.mjs").read_bytes(), cases_json.encode())
    folder = cache_dir / "stdlib" / _digest(*inputs, COMPILE_SCRIPT.read_bytes() if compiled else b"sources")
    trimmed = folder / "python_stdlib.zip"
    if trimmed.is_file():
        return trimmed
    full_run = _whole_run(node, runtime_dir, wheel, cases_json, cache_dir, inputs)
    folder.mkdir(parents=True, exist_ok=True)
    cases = folder / "cases.json"
    cases.write_text(cases_json, encoding="utf-8")
    with zipfile.ZipFile(stdlib) as full:
        available = set(full.namelist())
    partial = folder / "python_stdlib.partial"
    _write_zip(stdlib, _with_packages(full_run["files"], available), partial)
    if compiled:  # checked once, as served: compiled
        sources = partial.with_suffix(".sources")
        partial.replace(sources)
        _compile(node, runtime_dir, sources, partial)
        sources.unlink()
    _check(_run(node, runtime_dir, partial, wheel, cases), full_run,
           "trimmed and compiled" if compiled else "trimmed")
    partial.replace(trimmed)
    return trimmed


def _check(check: dict[str, Any], full_run: dict[str, Any], kind: str) -> None:
    if "missing" in check:
        raise PluginError(f"lbp-calculator: the {kind} standard library lacks the module "
                          f"{check['missing']!r}, which the engine imports; add it in "
                          f"site_plugins/calculator/stdlib.py or build with trim_stdlib: false")
    if check["replies"] != full_run["replies"]:
        raise PluginError(f"lbp-calculator: with the {kind} standard library the engine answers the golden "
                          "cases otherwise than with Pyodide's whole one")
