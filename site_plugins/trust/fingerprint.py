"""The fingerprint of a project tree: what a recorded test run is valid for.

A test run records the fingerprint of the tree it ran on (``tests/conftest.py``), and the site shows that
run's results only when it is built from a tree with the same fingerprint (the trust plugin): a result of
another version is never shown as this one's.

It hashes every file that can change a test's result: the core, the plugins, the tests and tools, the pages
and the data they render, the build configuration and the pinned requirements (``FINGERPRINTED``). It leaves
out what changes no result: ``README.md``, ``bench/``, ``.ci/``, and everything generated or installed
(virtual environments, ``node_modules``, ``site/``, ``build/``, caches, ``.traceability/`` itself). Files are
read from the disk, not from git, so a clean export (no ``.git``) has the same fingerprint as its checkout.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["FINGERPRINTED", "fingerprint", "fingerprinted_files"]

FINGERPRINTED = ("lbp_core", "site_plugins", "tests", "tools", "docs", "overrides", "safety", "registry",
                 "mkdocs.yml", "pyproject.toml", "requirements.txt", "requirements-pyodide-build.txt",
                 "package.json", "package-lock.json", "Makefile")
"""Files and folders (relative to the project root) whose content makes up the fingerprint."""

_SKIPPED_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".hypothesis"}


def _skipped_dir(name: str) -> bool:
    return name in _SKIPPED_DIRS or name.endswith(".egg-info")


def fingerprinted_files(root: Path) -> list[Path]:
    """The files of ``FINGERPRINTED`` under ``root``, sorted by their path relative to it."""
    found: list[Path] = []
    for entry in FINGERPRINTED:
        path = root / entry
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(name for name in dirs if not _skipped_dir(name))
                found += [Path(folder) / name for name in files if not name.endswith((".pyc", ".pyo"))]
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def fingerprint(root: Path) -> str:
    """A SHA-256 over the path and content of every fingerprinted file under ``root``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "mkdocs.yml").write_text("site_name: x")
    ...     before = fingerprint(Path(tmp))
    ...     _ = (Path(tmp) / "README.md").write_text("not fingerprinted")
    ...     same = fingerprint(Path(tmp)) == before
    ...     _ = (Path(tmp) / "mkdocs.yml").write_text("site_name: y")
    ...     same, fingerprint(Path(tmp)) == before
    (True, False)
    """
    digest = hashlib.sha256()
    for path in fingerprinted_files(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
