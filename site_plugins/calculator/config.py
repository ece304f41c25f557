"""Settings of the calculator plugin (``lbp-calculator`` in ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

__all__ = ["CalculatorConfig"]


class CalculatorConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Build the calculator page, bundle Pyodide and the lbp_core wheel."""
    project_dir = opt.Type(str, default=".")
    """The checkout whose ``pyproject.toml`` builds the ``lbp_core`` wheel (relative to mkdocs.yml)."""
    pyodide_dir = opt.Type(str, default="node_modules/pyodide")
    """The pinned npm package ``pyodide`` (``npm ci`` installs it; relative to mkdocs.yml)."""
    morphdom_dir = opt.Type(str, default="node_modules/morphdom")
    """The pinned npm package ``morphdom``, which updates the result in place (relative to mkdocs.yml)."""
    pyodide_cli = opt.Type(str, default=".venv-pyodide-build/bin/pyodide")
    """pyodide-build's command line, for ``pyodide lockfile add-wheels`` (relative to mkdocs.yml)."""
    node = opt.Type(str, default="node")
    """Node.js, which runs the engine at build time to find and check the standard library it needs."""
    stock_pyodide = opt.Choice((False, True), default=False)
    """Serve Pyodide's npm files unchanged: no glue change (glue.py), its whole standard library. The
    calculator works the same and starts slower (``make site LBP_STOCK_PYODIDE=1``; 1 and 0 are read as
    true and false)."""
    trim_stdlib = opt.Type(bool, default=True)
    """Serve only the standard library files the engine imports (stdlib.py), not Pyodide's whole zip."""
    compile_stdlib = opt.Type(bool, default=True)
    """Serve that trimmed standard library compiled to bytecode (stdlib.py, compile-stdlib.mjs): a first
    visit's engine imports it without compiling it."""
    snapshot = opt.Type(bool, default=True)
    """Let the engine take a memory snapshot on the device, before its first answer, and store it for
    later visits (the fast start-up path)."""
    cache_dir = opt.Type(str, default="build/lbp-calculator")
    """Where built wheels and standard libraries are kept between builds, keyed by their inputs' hashes."""
    runtime_dir = opt.Type(str, default="pyodide")
    """The site folder the runtime and the wheel are served from (in a sub-folder named after the
    engine's build)."""
    page = opt.Type(str, default="calculator.md")
    """The page whose ``<!-- lbp:calculator -->`` marker becomes the calculator."""
    cases_page = opt.Type(str, default="cases.md")
    """The page whose ``<!-- lbp:worked-cases -->`` marker becomes the worked cases; each case also gets a
    page of its own with the exercise, in the folder of the same name (``cases/<id>.md``)."""
    case_registry = opt.Type(str, default="registry/case-ids.txt")
    """Committed list of every published worked case ID (relative to mkdocs.yml): like recommendation
    IDs, a case's page never disappears (a withdrawn case needs a redirect for ``cases/<id>.md``)."""
