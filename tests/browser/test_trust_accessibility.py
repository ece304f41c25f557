"""axe-core finds no accessibility violation on any page, in the light and the dark colour scheme.

One test per page of the built site (read when the tests are collected), so that a slow page cannot take
the others past the test timeout, and the pages can be shared out between test workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import SITE_DIR
from tests.browser.site_pages import site_pages
from tests.browser.waits import page_settled

AXE = Axe()
PAGES = site_pages(SITE_DIR) if (SITE_DIR / "index.html").is_file() else []


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]]


def test_every_page_is_checked(site_dir: Path) -> None:
    assert len(site_pages(site_dir)) > 20
    assert site_pages(site_dir) == PAGES, "the site changed after the tests were collected"


@pytest.mark.parametrize("path", PAGES or ["(no built site)"])
def test_no_axe_violations(page: Page, base_url: str, site_dir: Path, path: str) -> None:
    assert PAGES, f"{site_dir} has no built site: run `make site` first (make test does)"
    problems = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{base_url}/{path}")
        page_settled(page)  # checked as the reader sees it once it has settled, not half-built
        found = _violations(page)
        if found:
            problems[scheme] = found
    assert not problems, "\n".join(f"{scheme}: {found}" for scheme, found in problems.items())
