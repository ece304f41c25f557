"""The trust plugin: hazard log, calculator logic and inputs, traceability pages, and the CSP."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lbp_core.guideline import RECOMMENDATIONS
from site_plugins.trust import render
from site_plugins.trust.config import TrustConfig
from site_plugins.trust.csp import add_policy
from site_plugins.trust.fingerprint import fingerprint
from site_plugins.trust.verifying import VerifiesError, collect

log = logging.getLogger("mkdocs.plugins.lbp-trust")

MARKERS = {
    "<!-- lbp:hazard-log -->": "hazard_log",
    "<!-- lbp:calculator-logic -->": "calculator_logic",
    "<!-- lbp:calculator-inputs -->": "calculator_inputs",
}


class TrustPlugin(BasePlugin[TrustConfig]):
    def __init__(self) -> None:
        self.hazards: list[dict[str, Any]] = []
        self.verification = render.Verification(())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        hazards_path = root / self.config.hazards
        try:
            self.hazards = yaml.safe_load(hazards_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise PluginError(f"lbp-trust: cannot read the hazard log {hazards_path}: {error}")
        if not isinstance(self.hazards, list) or not all(
                {"id", "hazard", "cause", "controls"} <= set(h) for h in self.hazards):
            raise PluginError(f"lbp-trust: {hazards_path} must be a list of hazards, each with id, "
                              "hazard, cause and controls")
        self.verification = self._verification(root)
        return config

    def _verification(self, root: Path) -> render.Verification:
        """The tests behind each recommendation, from the test files, and the recorded run that is of this
        very tree (same fingerprint), if there is one."""
        tests_dir = root / self.config.tests
        try:
            tests = collect(root, self.config.tests) if tests_dir.is_dir() else []
        except VerifiesError as error:
            raise PluginError(f"lbp-trust: {error}") from None
        except SyntaxError as error:
            raise PluginError(f"lbp-trust: cannot read the test file {error.filename}: {error}") from None
        last_run_path = root / self.config.last_run
        if not last_run_path.is_file():
            log.info("lbp-trust: no test run recorded at %s; the traceability pages list the tests without "
                     "results", last_run_path)
            return render.Verification(tuple(tests))
        try:
            last_run = json.loads(last_run_path.read_text(encoding="utf-8"))
            last_run.setdefault("finished", "at an unknown time")
        except (OSError, ValueError, AttributeError) as error:
            raise PluginError(f"lbp-trust: cannot read the test run record {last_run_path}: {error}; "
                              "delete it, or run the tests again") from None
        # A record from before fingerprints (or another tree's) is another version's.
        if last_run.get("fingerprint") != fingerprint(root) or not isinstance(last_run.get("outcomes"), dict):
            log.info("lbp-trust: the test run recorded at %s was of another version of the project; its "
                     "results are not shown", last_run_path)
            return render.Verification(tuple(tests), other_run=last_run)
        return render.Verification(tuple(tests), run=last_run)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        files.append(File.generated(config, "safety/traceability/index.md",
                                    content=render.traceability_index(self.verification)))
        for rec in RECOMMENDATIONS:
            files.append(File.generated(config, f"safety/traceability/{rec.id}.md",
                                        content=render.traceability_page(rec, self.verification)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        prefix = "../" * page.file.src_uri.count("/")
        for marker, kind in MARKERS.items():
            if marker in markdown:
                if kind == "hazard_log":
                    content = render.hazard_log(self.hazards)
                elif kind == "calculator_logic":
                    content = render.calculator_logic(prefix)
                else:
                    content = render.calculator_inputs()
                markdown = markdown.replace(marker, content)
        return markdown

    # Last of all plugins: the policy must hash the final inline scripts of the page.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or not self.config.content_security_policy:
            return None
        return add_policy(output)
