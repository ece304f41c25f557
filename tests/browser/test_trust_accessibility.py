"""axe-core finds no accessibility violation on any page, in the light and the dark colour scheme.

One test per page of the built site (read when the tests are collected), so that a slow page cannot take
the others past the test timeout. The pages are loaded one after another in one tab (per test worker), as a
reader going from page to page would: its HTTP cache saves a fresh context's start and downloads for each of
the 232 loads (36 pages alone: 64 s before, 55 s after), and what axe checks, the page as shown, is
the same. Each test still fails on its own page's JavaScript or console errors and off-origin requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.conftest import SITE_DIR, PageProblems
from tests.browser.site_pages import site_pages
from tests.browser.waits import page_settled

AXE = Axe()
PAGES = site_pages(SITE_DIR) if (SITE_DIR / "index.html").is_file() else []


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]]


@pytest.fixture(scope="module")
def _tab(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(_tab: Page, page_problems: PageProblems) -> Iterator[Page]:
    """The module's one tab, watched for this test's errors and off-origin requests."""
    with page_problems.watching(_tab):
        yield _tab


def test_every_page_is_checked(site_dir: Path) -> None:
    assert len(site_pages(site_dir)) > 20
    assert site_pages(site_dir) == PAGES, "the site changed after the tests were collected"


@pytest.mark.parametrize("path", PAGES or ["(no built site)"])
def test_no_axe_violations(tab: Page, base_url: str, site_dir: Path, path: str) -> None:
    assert PAGES, f"{site_dir} has no built site: run `make site` first (make test does)"
    problems = {}
    for scheme in ("light", "dark"):
        tab.emulate_media(color_scheme=scheme)
        tab.goto(f"{base_url}/{path}")
        page_settled(tab)  # checked as the reader sees it once it has settled, not half-built
        found = _violations(tab)
        if found:
            problems[scheme] = found
    assert not problems, "\n".join(f"{scheme}: {found}" for scheme, found in problems.items())
