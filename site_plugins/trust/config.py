"""Configuration of the trust plugin: hazard log, traceability, intended use and the security policy."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TrustConfig(Config):
    enabled = c.Type(bool, default=True)
    hazards = c.Type(str, default="safety/hazards.yml")
    """The hazard log (YAML), relative to the directory of mkdocs.yml."""
    tests = c.Type(str, default="tests")
    """The test files whose ``verifies`` marks the traceability pages list (relative to mkdocs.yml's folder,
    which is also the tree a recorded run must match)."""
    last_run = c.Type(str, default=".traceability/last-run.json")
    """Written by the test suite; optional. Its results are shown only if it was recorded on this very tree
    (the same fingerprint); otherwise each test is "not run for this version"."""
    content_security_policy = c.Type(bool, default=True)
