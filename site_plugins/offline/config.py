"""Settings of the offline plugin (``lbp-offline`` in ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

__all__ = ["OfflineConfig"]


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
