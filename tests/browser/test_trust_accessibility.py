"""axe-core finds no accessibility violation on any page, in the light and the dark colour scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.site_pages import site_pages

AXE = Axe()


def _violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]]


# Every page of the site, over a hundred with the worked cases' pages (their revealed answers are checked in
# test_case_exercise.py), each loaded and checked: on a shared 2-core machine that takes more than the
# suite's default 300 s, which is there to catch a hang, not a long sweep.
@pytest.mark.timeout(1200)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(page: Page, base_url: str, site_dir: Path,
                                       scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    pages = site_pages(site_dir)
    assert len(pages) > 20
    problems = {}
    for path in pages:
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("load")
        found = _violations(page)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())
