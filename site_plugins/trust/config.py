"""Configuration of the trust plugin: hazard log, traceability, intended use and the security policy."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TrustConfig(Config):
    enabled = c.Type(bool, default=True)
    hazards = c.Type(str, default="safety/hazards.yml")
    """The hazard log (YAML), relative to the directory of mkdocs.yml."""
    last_run = c.Type(str, default=".traceability/last-run.json")
    """Written by the test suite; optional. Without it the pages say no run was recorded."""
    content_security_policy = c.Type(bool, default=True)
