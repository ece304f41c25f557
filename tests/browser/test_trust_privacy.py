"""Nothing leaves the site: no request outside its origin on any page, and every page carries the CSP."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser.conftest import PageProblems, with_service_worker
from tests.browser.site_pages import site_pages
from tests.browser.waits import offline_ready


@with_service_worker
def test_every_page_stays_on_its_origin_under_the_csp(page: Page, base_url: str, site_dir: Path,
                                                      page_problems: PageProblems) -> None:
    pages = site_pages(site_dir)
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    for path in pages:
        page.goto(f"{base_url}/{path}")
        # Until the page has done all it does on a visit, the offline copy included (installed from the
        # first page, with the engine's warm-up; on the calculator page after the engine).
        offline_ready(page)
        policy = page.locator('head meta[http-equiv="Content-Security-Policy"]')
        assert policy.count() == 1, path
        content = policy.get_attribute("content") or ""
        assert "script-src 'self' 'wasm-unsafe-eval'" in content and "unsafe-inline" not in (
            content.split("script-src", 1)[1].split(";", 1)[0]), path
    assert len(requests) >= len(pages)
    # The page fixture fails the test on any off-origin request or CSP violation (a console error).
    assert page_problems.foreign_requests == []


def test_no_inline_event_handlers_or_javascript_urls(site_dir: Path) -> None:
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8", errors="replace").lower()
        assert "javascript:" not in text, html
        for handler in (" onclick=", " onload=", " onerror=", " onchange=", " oninput="):
            assert handler not in text, f"{html}: inline {handler.strip()} handler"
