"""Material's instant navigation to and from the calculator keeps one engine runtime; the worked cases
page opens the calculator pre-filled; prose pages load no Pyodide file."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lbp_core import evaluate
from lbp_core.worked_cases import WORKED_CASES
from tests.browser.calculator_page import CalculatorPage
from tests.browser.conftest import sitemap_for_this_server
from tests.browser.waits import instant_navigation_ready, scroll_recorded


def test_instant_navigation_keeps_one_runtime(returning_page: Page, base_url: str) -> None:
    page = returning_page  # a returning reader: conftest.py
    sitemap_for_this_server(page, base_url)
    wasm_requests: list[str] = []
    page.on("request", lambda request: wasm_requests.append(request.url)
            if request.url.endswith("pyodide.asm.wasm") else None)
    calculator = CalculatorPage(page).open({"duration_weeks": 8})
    calculator.ready()
    # On a full load of the calculator Material (and with it instant navigation) starts after the engine;
    # a click before it has its sitemap would be a full load.
    instant_navigation_ready(page)
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav__link[href$="cases/"]').first.click()
    expect(page).to_have_url(re.compile(r".*/cases/$"))
    expect(page.locator("h1")).to_contain_text("Worked cases")
    # The site's scripts followed the page change although Material came after them (recommendations.js
    # gives the case links their printed address on each page).
    expect(page.locator("a[data-case]").first).to_have_attribute("data-print-url", re.compile(r"/calculator/#"))
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


def test_a_case_opened_from_another_page_starts_at_the_top(returning_page: Page, base_url: str) -> None:
    """Material scrolls to the fragment's element after instant navigation; a case in the fragment is
    none, so the calculator opened where the worked cases page had been scrolled to."""
    page = returning_page  # a returning reader: conftest.py
    sitemap_for_this_server(page, base_url)
    page.goto("/cases/")
    instant_navigation_ready(page)
    page.evaluate("window.__sameDocument = true")
    link = page.locator(f'a[data-case="{WORKED_CASES[-1].id}"]')
    link.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 1000
    link.click()
    calculator = CalculatorPage(page)
    calculator.ready()
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.scrollY") == 0


def test_back_to_the_calculator_returns_to_the_place_in_the_result(returning_page: Page, base_url: str) -> None:
    page = returning_page  # a returning reader: conftest.py
    sitemap_for_this_server(page, base_url)
    calculator = CalculatorPage(page).open({"duration_weeks": 20, "conservative_care_weeks": 8,
                                            "radicular_symptoms": True})
    calculator.ready()
    instant_navigation_ready(page)
    page.evaluate("window.__sameDocument = true")
    link = calculator.actions.nth(12).locator("h4 a")
    for _ in range(2):  # the cards are sized as they come into view: the second pass lands
        link.scroll_into_view_if_needed()
        scroll_recorded(page)  # Material keeps the offset in history.state for Back
    place = page.evaluate("window.scrollY")
    assert place > 1500
    link.click()
    expect(page.locator("#lbp-calculator")).not_to_be_attached()
    page.go_back()
    calculator.ready()
    # Back in the result, with the card the reader left from in view (the cards above it are sized as
    # they render, so the same place need not be the same offset).
    page.wait_for_function("""() => {
        const card = document.querySelectorAll('#lbp-result [data-intervention]')[12];
        const box = card && card.getBoundingClientRect();
        return Boolean(box) && window.scrollY > 1500 && box.bottom > 0 && box.top < window.innerHeight;
    }""")
    assert page.evaluate("window.__sameDocument") is True
