"""axe-core finds no accessibility violation on any page, in the light and the dark colour scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.site_pages import site_pages
from tests.browser.waits import page_settled

AXE = Axe()


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(page: Page, base_url: str, site_dir: Path,
                                       scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    pages = site_pages(site_dir)
    assert len(pages) > 20
    problems = {}
    for path in pages:
        page.goto(f"{base_url}/{path}")
        page_settled(page)  # checked as the reader sees it once it has settled, not half-built
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())
