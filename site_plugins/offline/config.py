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
    """Write the offline manifest, register the service worker and show the offline controls."""
    exclude = opt.ListOfItems(opt.Type(str), default=["*.map", "assets/javascripts/lunr/*"])
    """Glob patterns (site-relative) of built files never stored for offline use (source maps; the search
    language packs, which an English site never loads)."""
    shell = opt.ListOfItems(opt.Type(str), default=[
        "index.html", "404.html", "offline/index.html", "assets/*", "search/*", "recommendations/search.json",
        "*.ico", "*.webmanifest"])
    """Glob patterns of the site's shell: what every page needs, stored when the service worker installs.
    Pages other than these are stored as they are read (or all at once on the reader's say)."""
    offline_page = opt.Type(str, default="offline/index.html")
    """The page shown, offline, for a page of the site not stored on this device (it must be in the
    shell). A missing page gets the site's not-found page (``404.html``)."""
    engine_dir = opt.Type(str, default="pyodide")
    """The calculator's runtime folder (the calculator plugin's ``runtime_dir``): stored, in a cache of its
    own, once the calculator has been used."""
    webapp = opt.SubConfig(WebAppConfig)
    """Installable: the web app manifest and its icons (webmanifest.py)."""
