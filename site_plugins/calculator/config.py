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
    """Node.js, which takes the memory snapshot at build time."""
    snapshot = opt.Type(bool, default=True)
    """Ship a Pyodide memory snapshot taken after importing lbp_core (the fast start-up path)."""
    cache_dir = opt.Type(str, default="build/lbp-calculator")
    """Where built wheels and snapshots are kept between builds, keyed by their inputs' hashes."""
    runtime_dir = opt.Type(str, default="pyodide")
    """The site folder the runtime, lock file, wheel and snapshot are served from."""
    page = opt.Type(str, default="calculator.md")
    """The page whose ``<!-- lbp:calculator -->`` marker becomes the calculator."""
    cases_page = opt.Type(str, default="cases.md")
    """The page whose ``<!-- lbp:worked-cases -->`` marker becomes the worked cases; each case also gets a
    page of its own with the exercise, in the folder of the same name (``cases/<id>.md``)."""
    case_registry = opt.Type(str, default="registry/case-ids.txt")
    """Committed list of every published worked case ID (relative to mkdocs.yml): like recommendation
    IDs, a case's page never disappears (a withdrawn case needs a redirect for ``cases/<id>.md``)."""
