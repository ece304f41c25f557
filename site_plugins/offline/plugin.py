"""The ``lbp-offline`` MkDocs plugin: the whole built site, calculator engine included, works offline.

- ``on_config``: adds the registration script to every page.
- ``on_files``: adds the service worker (``sw.js``, at the site root so its scope is the whole site,
  whatever sub-path the site is served from).
- ``on_post_build``: writes the precache manifest with a content hash of every built file. It is the one
  file written straight into ``site_dir``: its content is the hash of the finished output, which only
  exists after every page and every other plugin's files have been written.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from site_plugins.offline.config import OfflineConfig
from site_plugins.offline.manifest import (MANIFEST_NAME, SERVICE_WORKER_NAME, build_manifest,
                                           manifest_script)

__all__ = ["OfflinePlugin"]

log = logging.getLogger("mkdocs.plugins.lbp_offline")

ASSETS = Path(__file__).with_name("assets")
ASSET_DIR = "assets/lbp-offline"
PAGE_ASSETS = ("register.js", "warm.js", "offline.css")


class OfflinePlugin(BasePlugin[OfflineConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        for name in (SERVICE_WORKER_NAME, *PAGE_ASSETS):
            if not (ASSETS / name).is_file():
                raise PluginError(f"lbp-offline: {ASSETS / name} is missing from the plugin package")
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
        return files

    # Last of all post-build hooks, so files other plugins write then (the search index) are hashed too.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        try:
            manifest = build_manifest(site_dir, exclude=self.config.exclude, warm=self.config.warm_modules)
        except ValueError as error:
            raise PluginError(f"lbp-offline: {error}") from error
        (site_dir / MANIFEST_NAME).write_text(manifest_script(manifest), encoding="utf-8")
        log.info("offline manifest: %d files, version %s", len(manifest["files"]), manifest["version"])
