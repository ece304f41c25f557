"""The ``lbp-calculator`` MkDocs plugin: bundles the engine and renders the calculator and worked cases.

- ``on_config``: checks the prerequisites (Pyodide's npm package, pyodide-build, Node) and adds the
  calculator's script and style sheet to every page (the script does nothing on pages without a calculator,
  and loads no Pyodide file there).
- ``on_files``: builds the lbp_core wheel and the trimmed standard library (bundle.py), and adds the
  runtime (in ``<runtime_dir>/<engine build>/``) and the page scripts to the site with ``File.generated``.
- ``on_page_markdown``: the worked cases page; ``on_page_content``: the calculator's form and result view,
  with the engine's settings (``engine_settings``: the one place they are written; assets/engine-settings.js
  reads them); ``on_post_page``: the script at the top of the calculator page's ``<head>`` that starts the
  engine.
- ``on_files`` also adds a page per worked case (``cases/<id>.md``, IDs checked against
  ``registry/case-ids.txt`` in ``on_config``) with the predict-then-reveal exercise (``teach.py``,
  ``assets/teach.js``), which carries the same engine settings.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import lbp_core
from lbp_core.worked_cases import WORKED_CASES

from site_plugins.calculator.bundle import RUNTIME_FILES, Bundle, build_bundle
from site_plugins.calculator.cases import render_cases
from site_plugins.calculator.catalogue import page_catalogue
from site_plugins.calculator.config import CalculatorConfig
from site_plugins.calculator.form import render_form
from site_plugins.calculator.links import RecLinks
from site_plugins.calculator.page import render_calculator
from site_plugins.calculator.teach import case_page
from site_plugins.recommendations.registry import check_registry, read_registry

__all__ = ["CalculatorPlugin"]

log = logging.getLogger("mkdocs.plugins.lbp_calculator")

ASSETS = Path(__file__).with_name("assets")
EARLY_START = Path(__file__).with_name("early-start.js")
ASSET_DIR = "assets/lbp-calculator"
SETTINGS_ID = "lbp-engine-settings"
CALCULATOR_MARKER = "<!-- lbp:calculator -->"
CASES_MARKER = "<!-- lbp:worked-cases -->"
# Modules from pinned npm packages, served beside the calculator's own: {site name: file in the package},
# with the package's licence beside them.
VENDORED = {"morphdom.js": "dist/morphdom-esm.js"}
VENDORED_LICENCES = {"morphdom.LICENSE": "LICENSE"}


def _redirect_maps(config: MkDocsConfig) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps (a withdrawn case's page must redirect), or none."""
    plugin = config.plugins.get("redirects")
    return dict(plugin.config.get("redirect_maps") or {}) if plugin is not None else {}


def _file_url(files: Files, src: str) -> str:
    found = files.get_file_from_path(src)
    if found is None:
        raise PluginError(f"lbp-calculator: {src} is missing")
    return found.url


class CalculatorPlugin(BasePlugin[CalculatorConfig]):
    def __init__(self) -> None:
        self.bundle: Bundle | None = None
        self.files: Files | None = None
        self._paths: dict[str, Path] = {}

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        paths = {name: self._path(config, getattr(self.config, name))
                 for name in ("project_dir", "pyodide_dir", "morphdom_dir", "pyodide_cli", "cache_dir")}
        if not (paths["project_dir"] / "pyproject.toml").is_file():
            raise PluginError(f"lbp-calculator: project_dir {paths['project_dir']} has no pyproject.toml "
                              "to build the lbp_core wheel from")
        for name in (*RUNTIME_FILES, "package.json"):
            if not (paths["pyodide_dir"] / name).is_file():
                raise PluginError(f"lbp-calculator: {paths['pyodide_dir'] / name} is missing; "
                                  "run `npm ci` to install the pinned pyodide package (setting pyodide_dir)")
        for file in (*VENDORED.values(), *VENDORED_LICENCES.values()):
            if not (paths["morphdom_dir"] / file).is_file():
                raise PluginError(f"lbp-calculator: {paths['morphdom_dir'] / file} is missing; "
                                  "run `npm ci` to install the pinned morphdom package (setting morphdom_dir)")
        if not paths["pyodide_cli"].is_file():
            raise PluginError(f"lbp-calculator: {paths['pyodide_cli']} is missing; install pyodide-build "
                              "(make setup) or set pyodide_cli")
        if self._trims_stdlib() and shutil.which(self.config.node) is None:
            raise PluginError(f"lbp-calculator: Node.js ({self.config.node!r}, setting node) is needed "
                              "to find the standard library files the engine imports; install it or set "
                              "trim_stdlib: false")
        self._paths = paths
        # A worked case's page is a link an educator hands out: like a recommendation's, it never goes.
        registry = self._path(config, self.config.case_registry)
        check_registry(registry, read_registry(registry, plugin="lbp-calculator"),
                       [worked.id for worked in WORKED_CASES], _redirect_maps(config), self._case_dir(),
                       noun="worked case", plugin="lbp-calculator")
        # The teaching exercise's script is tiny and does nothing on other pages; it loads the rest
        # (teach-view.js) only on a case page.
        for name in ("calculator.js", "teach.js"):
            script = ExtraScriptValue(f"{ASSET_DIR}/{name}")
            script.type = "module"
            config.extra_javascript.append(script)
        config.extra_css.append(f"{ASSET_DIR}/calculator.css")
        config.extra_css.append(f"{ASSET_DIR}/teach.css")
        return config

    def _trims_stdlib(self) -> bool:
        return self.config.trim_stdlib and not self.config.stock_pyodide

    def _case_dir(self) -> str:
        """The folder of the case pages: the cases page's own name (``cases.md`` -> ``cases``)."""
        return self.config.cases_page.removesuffix(".md")

    # Late, so the pages other plugins generate in on_files are already listed when links are resolved.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.bundle = build_bundle(
            project_dir=self._paths["project_dir"], pyodide_dir=self._paths["pyodide_dir"],
            pyodide_cli=self._paths["pyodide_cli"], node=self.config.node,
            cache_dir=self._paths["cache_dir"], stock=bool(self.config.stock_pyodide),
            trim_stdlib=self._trims_stdlib(), compile_stdlib=self.config.compile_stdlib)
        for name, source in self.bundle.runtime.items():
            files.append(File.generated(config, f"{self._runtime_folder()}{name}", abs_src_path=str(source)))
        for name, source in self._asset_sources().items():
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(source)))
        for page in (self.config.page, self.config.cases_page):
            if files.get_file_from_path(page) is None:
                raise PluginError(f"lbp-calculator: the page {page} (setting "
                                  f"{'page' if page == self.config.page else 'cases_page'}) is missing")
        self._generate_case_pages(files, config)
        self.files = files
        return files

    def _generate_case_pages(self, files: Files, config: MkDocsConfig) -> None:
        """``cases/<id>.md`` for each worked case: reached from the worked cases page, not the nav."""
        calculator = files.get_file_from_path(self.config.page)
        index = files.get_file_from_path(self.config.cases_page)
        assert calculator is not None and index is not None  # checked by the caller
        for worked in WORKED_CASES:
            src = f"{self._case_dir()}/{worked.id}.md"
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"lbp-calculator: {src} is generated from the worked case "
                                  f"'{worked.id}'; remove it from the docs")
            file = File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.content_string = case_page(
                worked, url=lambda target, here=file: get_relative_url(target, here.url),
                calculator=calculator.url, cases_index=index.url, settings=self.engine_settings(),
                links=RecLinks(files))
            files.append(file)

    def _asset_sources(self) -> dict[str, Path]:
        """The files of assets/lbp-calculator/ in the site, by name: the plugin's own and the vendored."""
        sources = {asset.name: asset for asset in sorted(ASSETS.iterdir()) if asset.is_file()}
        package = self._paths["morphdom_dir"]
        for name, file in (VENDORED | VENDORED_LICENCES).items():
            sources[name] = package / file
        return sources

    def _links(self, config: MkDocsConfig) -> RecLinks:
        return RecLinks(self.files, use_directory_urls=config.use_directory_urls)

    def _runtime_folder(self) -> str:
        assert self.bundle is not None
        return f"{self.config.runtime_dir.strip('/')}/{self.bundle.build}/"

    def engine_settings(self) -> dict[str, object]:
        """The engine's settings, written once here: the page carries them (a data block, and the early
        start in its ``<head>``) and the worker gets them as its name (assets/engine-settings.js). Paths are
        site-root-relative; the worker resolves them against the site root."""
        bundle = self.bundle
        assert bundle is not None
        runtime = self._runtime_folder()
        return {"engine": "lbp", "build": bundle.build, "worker": f"{ASSET_DIR}/worker.js",
                "runtime": runtime, "stdlib": runtime + "python_stdlib.zip",
                "wheel": runtime + bundle.wheel.name, "wheel_sha256": bundle.wheel_sha256,
                "glue": bundle.glue, "snapshot": self.config.snapshot, "lock_info": bundle.lock_info,
                "files": bundle.hashes}

    def _engine_facts(self) -> dict[str, str]:
        """What the calculator's root shows of its engine (data- attributes and the provenance line)."""
        bundle = self.bundle
        assert bundle is not None  # on_files ran
        return {"wheel-name": bundle.wheel.name, "wheel-sha256": bundle.wheel_sha256,
                "pyodide-version": bundle.pyodide_version, "guideline-version": lbp_core.GUIDELINE_VERSION}

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled or page.file.src_uri != self.config.cases_page:
            return None
        if CASES_MARKER not in markdown:
            raise PluginError(f"lbp-calculator: {page.file.src_uri} has no {CASES_MARKER} marker")
        calculator = files.get_file_from_path(self.config.page)
        assert calculator is not None  # checked in on_files
        cases = render_cases(url=lambda target: get_relative_url(target, page.file.url),
                             calculator=calculator.url, links=RecLinks(files),
                             case_page=lambda case_id: _file_url(files, f"{self._case_dir()}/{case_id}.md"))
        return markdown.replace(CASES_MARKER, cases)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if not self.config.enabled or page.file.src_uri != self.config.page:
            return None
        if CALCULATOR_MARKER not in html:
            raise PluginError(f"lbp-calculator: {page.file.src_uri} has no {CALCULATOR_MARKER} marker")
        calculator = render_calculator(form=render_form(lbp_core.input_schema()),
                                       catalogue=page_catalogue(RecLinks(files)), engine=self._engine_facts(),
                                       settings=self.engine_settings())
        return html.replace(CALCULATOR_MARKER, calculator)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or page.file.src_uri != self.config.page:
            return None
        # Start the engine from the top of <head>, before style sheets and scripts load: an inline script
        # (allowed by its hash in the page's Content-Security-Policy) runs as soon as it is parsed.
        code = "\n".join(line for line in EARLY_START.read_text(encoding="utf-8").splitlines()
                         if not line.startswith("//"))
        settings = json.dumps(self.engine_settings(), separators=(",", ":")).replace("<", "\\u003c")
        root = json.dumps(get_relative_url("./", page.url))  # the site root, relative to this page
        script = "<script>" + code.replace("__LBP_ENGINE_SETTINGS__", settings).replace(
            "__LBP_SITE_ROOT__", root) + "</script>"
        charset = re.search(r"<meta charset=[^>]*>", output)
        if charset is None:
            raise PluginError(f"lbp-calculator: {page.file.src_uri} has no <meta charset> to start the "
                              "engine after")
        output = output[:charset.end()] + script + output[charset.end():]
        return output
