"""Settings of the offline plugin (``lbp-offline`` in ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

__all__ = ["OfflineConfig"]


class OfflineConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Write the precache manifest and register the service worker on every page."""
    exclude = opt.ListOfItems(opt.Type(str), default=["*.map"])
    """Glob patterns (site-relative) of built files not to precache."""
    warm_modules = opt.ListOfItems(opt.Type(str), default=[])
    """Site-relative JavaScript modules the browser compiles once right after each install (so the
    first start from the offline copy is as quick as later ones); each must be a precached file. A module
    that exports ``warmUp()`` has it run then too, and awaited (assets/warm.js)."""
