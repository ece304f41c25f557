"""Material's instant navigation to and from the calculator keeps one engine runtime; the worked cases
page opens the calculator pre-filled; prose pages load no Pyodide file."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Route, expect

from lbp_core import evaluate
from lbp_core.worked_cases import WORKED_CASES
from tests.browser.calculator_page import CalculatorPage


def _sitemap_for_this_server(page: Page, base_url: str) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml, whose URLs carry the
    port of ``site_url``; the test server's port is picked by the OS, so the sitemap is served as it
    would be at ``site_url``."""
    def rewrite(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base_url}/", response.text())
        route.fulfill(response=response, body=body)
    page.route("**/sitemap.xml", rewrite)


def test_instant_navigation_keeps_one_runtime(page: Page, base_url: str) -> None:
    _sitemap_for_this_server(page, base_url)
    wasm_requests: list[str] = []
    page.on("request", lambda request: wasm_requests.append(request.url)
            if request.url.endswith("pyodide.asm.wasm") else None)
    calculator = CalculatorPage(page).open({"duration_weeks": 8})
    calculator.ready()
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav__link[href$="cases/"]').first.click()
    expect(page).to_have_url(re.compile(r".*/cases/$"))
    expect(page.locator("h1")).to_contain_text("Worked cases")
    worked = WORKED_CASES[5]
    page.locator(f'a[data-case="{worked.id}"]').click()
    expect(page.locator("#lbp-calculator")).to_be_attached()
    calculator.ready()
    expected = evaluate(worked.case)
    expect(calculator.result).to_have_attribute("data-triage", expected["triage"])
    assert {a["rec"] for a in expected["actions"]} == {t[2] for t in calculator.action_triples()}
    assert page.evaluate("window.__sameDocument") is True  # no full reload happened
    assert calculator.runtime_starts() == 1
    assert len(wasm_requests) == 1
    # The form still works after coming back.
    calculator.field("urinary_retention").check()
    expect(calculator.result).to_have_attribute("data-triage", "emergency")


def test_prose_pages_load_no_pyodide_file(page: Page) -> None:
    for path in ("/", "/assessment/", "/cases/"):
        page.goto(path, wait_until="load")
        loaded = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
        assert not [url for url in loaded if "/pyodide/" in url], path
        assert page.evaluate("performance.getEntriesByName('lbp-engine-start').length") == 0
