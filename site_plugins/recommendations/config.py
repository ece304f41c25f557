"""Configuration of the recommendations plugin (``lbp-recommendations`` in ``mkdocs.yml``)."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import Type

__all__ = ["RecommendationsConfig"]


class RecommendationsConfig(Config):
    """Where the plugin finds its inputs and puts what it generates."""

    enabled = Type(bool, default=True)
    """Switch the plugin off: markers are then left in the pages as written."""

    registry = Type(str, default="registry/published-ids.txt")
    """Committed list of every published recommendation ID, relative to ``mkdocs.yml``."""

    references_page = Type(str, default="references.md")
    """The docs page that holds the reference list; citation links point to its anchors."""

    calculator_page = Type(str, default="calculator.md")
    """The calculator page that worked-case links open pre-filled; an empty string for no links."""

    cases_page = Type(str, default="")
    """The worked cases page, whose write-up of each case (anchored by its ID) a recommendation page
    links to; an empty string for no links."""

    pages_dir = Type(str, default="recommendations")
    """Folder (inside the docs) of the generated page per recommendation and their index; its ``cite/``
    folder holds the .bib and .ris file of each recommendation and of the whole guideline."""

    changes_page = Type(str, default="changes.md")
    """The generated page that lists every version's changes (from ``lbp_core.changelog``); an empty
    string for none."""
