"""Where each recommendation lives on the site, as site-root-relative URLs.

Every recommendation has an anchor ``id=<rec id>`` on its section's page and a page of its own at
``recommendations/<rec id>/`` (both made by the recommendations plugin).
"""

from __future__ import annotations

from mkdocs.structure.files import Files

from lbp_core import recommendation
from lbp_core.guideline import SECTIONS

__all__ = ["RecLinks"]


class RecLinks:
    def __init__(self, files: Files | None, *, use_directory_urls: bool = True) -> None:
        self._files = files
        self._directory_urls = use_directory_urls
        self._sections = {section.id: section for section in SECTIONS}

    def _page_url(self, src_uri: str) -> str:
        found = self._files.get_file_from_path(src_uri) if self._files is not None else None
        if found is not None:
            return found.url
        stem = src_uri.removesuffix(".md")
        return f"{stem}/" if self._directory_urls else f"{stem}.html"

    def anchor(self, rec_id: str) -> str:
        """The recommendation on its section's page, e.g. ``first-line/#medication-nsaid``."""
        section = self._sections[recommendation(rec_id).section]
        return f"{self._page_url(section.page)}#{rec_id}"

    def page(self, rec_id: str) -> str:
        """The recommendation's own page, e.g. ``recommendations/medication-nsaid/``."""
        return self._page_url(f"recommendations/{rec_id}.md")

    def section_title(self, rec_id: str) -> str:
        return self._sections[recommendation(rec_id).section].title
