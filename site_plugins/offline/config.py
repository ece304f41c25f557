"""Settings of the offline plugin (``lbp-offline`` in ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

__all__ = ["OfflineConfig", "WebAppConfig"]


class WebAppConfig(Config):
    """The web app manifest (``manifest.webmanifest``) and what each page links of it."""

    enabled = opt.Type(bool, default=True)
    """Write the manifest and link it, with the theme colours and the iOS icon, from every page."""
    short_name = opt.Type(str, default="")
    """The name under the icon on a home screen, at most 12 characters; empty: ``site_name``."""
    theme_color = opt.Type(str, default="#4051b5")
    """The header's colour in the light scheme (Material's indigo), #rrggbb: the browser's bar and the
    installed app's title bar take it."""
    theme_color_dark = opt.Type(str, default="#4051b5")
    """The header's colour in the dark scheme (Material keeps the primary colour there too)."""
    background_color = opt.Type(str, default="#ffffff")
    """The page's background in the light scheme: the splash screen's, while the app opens."""
    shortcuts = opt.DictOfItems(opt.Type(str), default={})
    """Long-press shortcuts on the app's icon: name to a page's source file (``Calculator: calculator.md``)."""


class OfflineConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Write the precache manifest and register the service worker on every page."""
    exclude = opt.ListOfItems(opt.Type(str), default=["*.map"])
    """Glob patterns (site-relative) of built files not to precache."""
    warm_modules = opt.ListOfItems(opt.Type(str), default=[])
    """Site-relative JavaScript modules the browser compiles once right after each install (so the
    first start from the offline copy is as quick as later ones); each must be a precached file. A module
    that exports ``warmUp()`` has it run then too, and awaited (assets/warm.js)."""
    webapp = opt.SubConfig(WebAppConfig)
    """Installable: the web app manifest and its icons (webmanifest.py)."""
