"""The ``lbp-offline`` MkDocs plugin: the site works offline, on the reader's terms, at little cost in bytes.

- ``on_config``: adds the registration script to every page.
- ``on_files``: adds the service worker (``sw.js``, at the site root so its scope is the whole site,
  whatever sub-path the site is served from), its page scripts, and the web app manifest with its icons
  (webmanifest.py).
- ``on_env``: gives the templates ``lbp_webapp`` (overrides/main.html links the manifest, the theme colours
  and the iOS icon from every page).
- ``on_page_content``: the privacy page's panel of what is stored (marker ``<!-- lbp:offline-storage -->``).
- ``on_post_page``: "Make available offline (N MB)" at the foot of every page.
- ``on_post_build``: writes the offline manifest (manifest.py) with a content hash and size of every built
  file, and fills in N: both exist only once every page and every other plugin's files have been written,
  so these are the files written straight into ``site_dir``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_plugins.offline.config import OfflineConfig
from site_plugins.offline.manifest import (MANIFEST_NAME, SERVICE_WORKER_NAME, build_manifest,
                                           manifest_script)
from site_plugins.offline.webmanifest import (APPLE_TOUCH_ICON, ICON_SOURCE, ICONS, SHORT_NAME_MAX,
                                              WEBMANIFEST_NAME, build_webmanifest, check_colour,
                                              webmanifest_text)

__all__ = ["OfflinePlugin"]

log = logging.getLogger("mkdocs.plugins.lbp_offline")

ASSETS = Path(__file__).with_name("assets")
ASSET_DIR = "assets/lbp-offline"
PAGE_ASSETS = ("register.js", "control.js", "choice.js", "offline.css")
STORAGE_MARKER = "<!-- lbp:offline-storage -->"
FOOTER_ANCHOR = '<div class="md-copyright">'
SIZE_PLACEHOLDER = "__LBP_OFFLINE_BYTES__"

CONTROL = f"""<div class="lbp-offline-control" data-lbp-offline-control hidden>
  <button type="button" class="md-button" data-lbp-offline-action="store-all"
          data-bytes="{SIZE_PLACEHOLDER}">Make available offline</button>
  <progress max="100" value="0" hidden aria-label="Storing for offline use"></progress>
  <span role="status" data-lbp-offline-status></span>
</div>
"""

STORAGE_PANEL = """<div class="lbp-offline-storage" data-lbp-offline-storage>
  <p data-lbp-offline-summary>What this site stores on this device is listed here when JavaScript runs.</p>
  <ul data-lbp-offline-list></ul>
  <p>
    <button type="button" class="md-button" data-lbp-offline-action="store-all"
            data-bytes="__LBP_OFFLINE_BYTES__">Make available offline</button>
    <button type="button" class="md-button" data-lbp-offline-action="remove" hidden>Remove everything stored</button>
  </p>
  <progress max="100" value="0" hidden aria-label="Storing for offline use"></progress>
  <p role="status" data-lbp-offline-status></p>
</div>
"""


class OfflinePlugin(BasePlugin[OfflineConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        for name in (SERVICE_WORKER_NAME, *PAGE_ASSETS):
            if not (ASSETS / name).is_file():
                raise PluginError(f"lbp-offline: {ASSETS / name} is missing from the plugin package")
        if self.config.webapp.enabled:
            self._check_webapp(config)
        script = ExtraScriptValue(f"{ASSET_DIR}/register.js")
        script.type = "module"
        config.extra_javascript.append(script)
        config.extra_css.append(f"{ASSET_DIR}/offline.css")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for name in (SERVICE_WORKER_NAME, MANIFEST_NAME):
            if files.get_file_from_path(name) is not None:
                raise PluginError(f"lbp-offline: docs/{name} would clash with the generated {name}")
        files.append(File.generated(config, SERVICE_WORKER_NAME,
                                    abs_src_path=str(ASSETS / SERVICE_WORKER_NAME)))
        for name in PAGE_ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(ASSETS / name)))
        if self.config.webapp.enabled:
            self._add_webapp(files, config)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or STORAGE_MARKER not in html:
            return None
        return html.replace(STORAGE_MARKER, STORAGE_PANEL)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        if output.count(FOOTER_ANCHOR) != 1:
            raise PluginError(f"lbp-offline: {page.file.src_uri} has {FOOTER_ANCHOR!r} "
                              f"{output.count(FOOTER_ANCHOR)} times, not once: is this Material's footer?")
        return output.replace(FOOTER_ANCHOR, CONTROL + FOOTER_ANCHOR)

    def _manifest(self, site_dir: Path) -> dict[str, object]:
        try:
            return build_manifest(site_dir, exclude=self.config.exclude, shell=self.config.shell,
                                  engine_dir=self.config.engine_dir, offline_page=self.config.offline_page)
        except ValueError as error:
            raise PluginError(f"lbp-offline: {error}") from error

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled or not self.config.webapp.enabled:
            return None
        webapp = self.config.webapp
        env.globals["lbp_webapp"] = {
            "manifest": WEBMANIFEST_NAME,
            "apple_touch_icon": APPLE_TOUCH_ICON.url,
            "theme_color": {"light": webapp.theme_color.lower(), "dark": webapp.theme_color_dark.lower()},
        }
        return env

    def _check_webapp(self, config: MkDocsConfig) -> None:
        webapp = self.config.webapp
        try:
            for setting in ("theme_color", "theme_color_dark", "background_color"):
                check_colour(webapp[setting], f"lbp-offline webapp.{setting}")
        except ValueError as error:
            raise PluginError(f"{config.config_file_path}: {error}") from error
        short_name = webapp.short_name or config.site_name
        if not short_name.strip() or len(short_name) > SHORT_NAME_MAX:
            setting = "lbp-offline webapp.short_name" if webapp.short_name else "site_name"
            raise PluginError(f"{config.config_file_path}: {setting} {short_name!r} cannot stand under a "
                              f"home-screen icon: set lbp-offline webapp.short_name, 1 to {SHORT_NAME_MAX} "
                              "characters")
        for icon in ICONS:
            if not (ICON_SOURCE / icon.file).is_file():
                raise PluginError(f"lbp-offline: {ICON_SOURCE / icon.file} is missing from the plugin "
                                  "package (python -m tools.app_icons draws it)")

    def _add_webapp(self, files: Files, config: MkDocsConfig) -> None:
        """The manifest and its icons; a shortcut's page must be one of the site's pages."""
        webapp = self.config.webapp
        if files.get_file_from_path(WEBMANIFEST_NAME) is not None:
            raise PluginError(f"lbp-offline: docs/{WEBMANIFEST_NAME} would clash with the generated "
                              f"{WEBMANIFEST_NAME}")
        shortcuts = {}
        for label, page in webapp.shortcuts.items():
            file = files.get_file_from_path(page)
            if file is None or not file.is_documentation_page():
                raise PluginError(f"{config.config_file_path}: lbp-offline webapp.shortcuts: "
                                  f"{label!r} names {page!r}, which is not a page of docs/")
            shortcuts[label] = file.url or "./"
        try:
            manifest = build_webmanifest(
                name=config.site_name, short_name=webapp.short_name or config.site_name,
                description=config.site_description or "", lang=config.theme.get("language", "en"),
                site_url=config.site_url, theme_color=webapp.theme_color,
                background_color=webapp.background_color, shortcuts=shortcuts)
        except ValueError as error:
            raise PluginError(f"{config.config_file_path}: lbp-offline webapp: {error}") from error
        files.append(File.generated(config, WEBMANIFEST_NAME, content=webmanifest_text(manifest)))
        for icon in ICONS:
            files.append(File.generated(config, icon.url, abs_src_path=str(ICON_SOURCE / icon.file)))

    # Last of all post-build hooks, so files other plugins write then (the search index) are hashed too.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        sizes = self._manifest(site_dir)["sizes"]
        assert isinstance(sizes, dict)
        total = str(sum(sizes.values()))
        for page in site_dir.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            if SIZE_PLACEHOLDER in text:
                page.write_text(text.replace(SIZE_PLACEHOLDER, total), encoding="utf-8")
        manifest = self._manifest(site_dir)  # the pages again, with N in them
        (site_dir / MANIFEST_NAME).write_text(manifest_script(manifest), encoding="utf-8")
        log.info("offline manifest: %d files, version %s, %s bytes in all", len(manifest["files"]),
                 manifest["version"], total)
