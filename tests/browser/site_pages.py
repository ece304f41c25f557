"""The pages of the built site, as URL paths, for tests that visit every page."""

from __future__ import annotations

from pathlib import Path


def site_pages(site_dir: Path) -> list[str]:
    """Every real page (not redirect stubs, not the 404 page), as a path like ``safety/`` or ``""``."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        text = html.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in text:
            continue
        relative = html.parent.relative_to(site_dir).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages
