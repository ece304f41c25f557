"""The guidance site in Chromium: navigation, the audience switch, copy links, the offline question
search, the built-in search, print and a 375 px phone viewport.

Runs against the built ``site/`` through the fixtures in ``conftest.py``: any JavaScript error, console
error or request outside the site's origin fails the test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from lbp_core.guideline import RECOMMENDATIONS, recommendation
from tests.browser.conftest import PageProblems, sitemap_for_this_server, with_search
from tests.browser.waits import SETTLE_TIMEOUT_MS, instant_navigation_ready
from tools.serve import start

RED_FLAGS = [r.id for r in RECOMMENDATIONS if r.red_flag]
# What Chromium reports while the tests cut the network on purpose (e.g. a service worker's update
# check); anything else still fails the test.
OFFLINE_CONSOLE_ERRORS = ["net::ERR_INTERNET_DISCONNECTED",
                          "An unknown error occurred when fetching the script"]


def go_offline(page: Page, page_problems: PageProblems) -> None:
    page_problems.allowed_console_errors.extend(OFFLINE_CONSOLE_ERRORS)
    page.context.set_offline(True)


class GuidancePage:
    """A page of the guidance: its recommendation blocks and the audience switch."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.locator("article h1")
        self.patient_option = page.get_by_label("Patient or carer")
        self.clinician_option = page.get_by_label("Health professional")

    def open(self, path: str) -> "GuidancePage":
        self.page.goto(f"{self.base_url}/{path}")
        return self

    def rec(self, rec_id: str) -> Locator:
        return self.page.locator(f"div.lbp-rec#{rec_id}")

    def wording(self, rec_id: str, audience: str) -> Locator:
        return self.rec(rec_id).locator(f'.lbp-rec__statement[data-audience="{audience}"]')

    def nav_link(self, name: str) -> Locator:
        return self.page.locator("nav.md-nav--primary").get_by_role("link", name=name, exact=True)

    def expect_audience(self, audience: str, rec_id: str) -> None:
        other = "clinician" if audience == "patient" else "patient"
        expect(self.wording(rec_id, audience)).to_be_visible()
        expect(self.wording(rec_id, other)).to_be_hidden()


class AskPage:
    """The offline question search."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        page.goto(f"{base_url}/ask/")
        self.input = page.get_by_label("Your question")
        self.submit = page.locator("form.lbp-ask").get_by_role("button", name="Search")
        self.status = page.locator(".lbp-ask__status")
        self.results = page.locator(".lbp-ask__results > li")

    def ask(self, question: str) -> None:
        self.input.fill(question)
        self.submit.click()

    def result(self, rec_id: str) -> Locator:
        return self.page.locator(f'.lbp-ask__results > li[data-rec="{rec_id}"]')


@pytest.fixture
def guidance(page: Page, base_url: str) -> GuidancePage:
    return GuidancePage(page, base_url)


def test_navigation_from_overview_to_a_recommendation_and_back_in_context(
        guidance: GuidancePage, page: Page, base_url: str) -> None:
    guidance.open("")
    expect(page.locator(".md-typeset .admonition.abstract")).to_contain_text("The bottom line")
    guidance.nav_link("Initial assessment").click()
    expect(page).to_have_url(f"{base_url}/assessment/")
    expect(guidance.heading).to_contain_text("Initial assessment")
    expect(guidance.rec("red-flags-cauda-equina")).to_be_visible()
    guidance.rec("imaging-no-routine").locator("a.lbp-rec__title").click()
    expect(page).to_have_url(f"{base_url}/recommendations/imaging-no-routine/")
    expect(guidance.heading).to_contain_text("No routine imaging without red flags")
    page.get_by_role("link", name="read it in context").click()
    expect(page).to_have_url(f"{base_url}/assessment/#imaging-no-routine")
    expect(guidance.rec("imaging-no-routine")).to_be_in_viewport()


def test_citation_link_opens_the_reference(guidance: GuidancePage, page: Page,
                                           base_url: str) -> None:
    guidance.open("persistent/")
    guidance.rec("medication-duloxetine").locator("a.lbp-cite").first.click()
    expect(page).to_have_url(f"{base_url}/references/#ref-4")
    expect(page.locator("#ref-4")).to_contain_text("cited in the source but not listed there")


def test_audience_switch_changes_every_wording_and_is_remembered(
        guidance: GuidancePage, page: Page) -> None:
    guidance.open("assessment/")
    guidance.expect_audience("clinician", "imaging-no-routine")
    guidance.patient_option.check()
    guidance.expect_audience("patient", "imaging-no-routine")
    guidance.expect_audience("patient", "red-flags-cauda-equina")
    page.reload()
    expect(guidance.patient_option).to_be_checked()
    guidance.expect_audience("patient", "imaging-mri-when-indicated")
    guidance.nav_link("First-line treatment").click()  # instant navigation, no reload
    expect(guidance.heading).to_contain_text("First-line treatment")
    expect(guidance.patient_option).to_be_checked()
    guidance.expect_audience("patient", "medication-nsaid")
    guidance.clinician_option.check()
    guidance.expect_audience("clinician", "medication-nsaid")
    assert page.evaluate("localStorage.getItem('lbp-audience')") == "clinician"


def test_audience_is_linkable(guidance: GuidancePage, page: Page) -> None:
    guidance.open("radicular/?audience=patient")
    guidance.expect_audience("patient", "radicular-natural-history")
    expect(guidance.patient_option).to_be_checked()
    guidance.open("radicular/?audience=clinician")
    guidance.expect_audience("clinician", "radicular-natural-history")


def test_patient_wording_keeps_red_flags_prominent(guidance: GuidancePage, page: Page) -> None:
    guidance.open("assessment/?audience=patient")
    for rec_id in RED_FLAGS:
        block = guidance.rec(rec_id)
        expect(block).to_be_visible()
        expect(block).to_have_class(re.compile(r"\badmonition danger\b"))
        expect(block.locator(".lbp-rec__flag")).to_be_visible()
        expect(guidance.wording(rec_id, "patient")).to_be_visible()
    expect(page.locator(".admonition.danger").first).to_contain_text("Cauda equina syndrome")


def test_copy_link_copies_the_recommendation_address(guidance: GuidancePage, page: Page,
                                                     base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    guidance.open("pitfalls/")
    block = guidance.rec("pitfall-bed-rest")
    block.get_by_role("button", name="Copy link").click()
    expect(block.locator(".lbp-rec__status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{base_url}/pitfalls/?audience=clinician#pitfall-bed-rest")


def test_a_copied_clinician_link_opens_in_the_clinician_wording_for_anyone(
        guidance: GuidancePage, page: Page, base_url: str) -> None:
    """A student who once chose the patient wording still sees what the educator shared."""
    page.goto("/pitfalls/")
    page.evaluate("localStorage.setItem('lbp-audience', 'patient')")
    guidance.open("pitfalls/?audience=clinician#pitfall-bed-rest")
    guidance.expect_audience("clinician", "pitfall-bed-rest")


def test_copy_link_copies_a_worked_case_address(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/cases/")
    button = page.locator('[data-lbp-copy="malignancy-history"]')
    expect(button).to_have_text("Copy link to this case")
    button.click()
    expect(button.locator("xpath=..").locator(".lbp-rec__status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/cases/#malignancy-history"


def test_question_search_finds_recommendations_offline(page: Page, base_url: str,
                                                       page_problems: PageProblems) -> None:
    ask = AskPage(page, base_url)
    ask.ask("steroid injection for sciatica")
    expect(ask.result("radicular-epidural-steroid-injection")).to_be_visible()
    expect(ask.status).to_contain_text("match")
    go_offline(page, page_problems)  # the index is loaded: no network needed from here on
    try:
        ask.ask("can't pass urine")
        expect(ask.results.first).to_have_attribute("data-rec", "red-flags-cauda-equina")
        ask.ask("paracetamol dose")
        expect(ask.result("medication-acetaminophen")).to_be_visible()
        ask.ask("qwertyuiop")
        expect(ask.results).to_have_count(0)
        expect(ask.status).to_contain_text("No recommendation matches")
    finally:
        page.context.set_offline(False)
    ask.ask("scan after a fall")
    ask.result("red-flags-vertebral-fracture").locator("a.lbp-ask__link").click()
    expect(page).to_have_url(f"{base_url}/assessment/#red-flags-vertebral-fracture")


def test_question_search_follows_the_audience(page: Page, base_url: str) -> None:
    ask = AskPage(page, base_url)
    page.locator('input[name="lbp-audience"][value="patient"]').check()
    ask.ask("acupuncture")
    hit = ask.result("persistent-acupuncture")
    expect(hit.locator('[data-audience="patient"]')).to_be_visible()
    expect(hit.locator('[data-audience="clinician"]')).to_be_hidden()


@with_search
def test_builtin_search_works_without_a_network(page: Page, base_url: str,
                                                page_problems: PageProblems) -> None:
    with page.expect_response(re.compile(r"/search/search_index\.json$")):
        page.goto(f"{base_url}/")
    go_offline(page, page_problems)  # the index is in the page's search worker from here on
    try:
        page.locator("label.md-search__icon, .md-search__input").first.click()
        field = page.locator("input.md-search__input")
        # Typed while the worker may still be building its index: Material runs the query once it is.
        field.press_sequentially("cauda", delay=20)
        expect(page.locator(".md-search-result__item").first).to_contain_text("Cauda",
                                                                             timeout=SETTLE_TIMEOUT_MS)
    finally:
        page.context.set_offline(False)


def test_dark_mode_keeps_recommendations_readable(guidance: GuidancePage, page: Page) -> None:
    guidance.open("first-line/")
    page.locator('label[title="Switch to dark mode"]:visible').first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(guidance.wording("medication-nsaid", "clinician")).to_be_visible()


def test_a_printed_worked_case_shows_the_address_that_reopens_it(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/cases/")
    link = page.locator('a[data-case="cauda-equina-retention"]')
    href = link.evaluate("a => a.href")
    assert href.startswith(f"{base_url}/calculator/#duration_weeks=1&")
    page.emulate_media(media="print")
    printed = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert printed == f'": {href}"'
    page.emulate_media(media="screen")
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


def test_print_shows_the_recommendation_without_controls(guidance: GuidancePage,
                                                         page: Page) -> None:
    guidance.open("recommendations/red-flags-cauda-equina/")
    page.emulate_media(media="print")
    expect(page.locator("#lbp-audience")).to_be_hidden()
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    # A handout: both wordings, whichever the switch shows on screen.
    expect(page.locator('.lbp-rec-page__wording[data-audience="clinician"]')).to_be_visible()
    expect(page.locator('.lbp-rec-page__wording[data-audience="patient"]')).to_be_visible()
    expect(page.locator(".lbp-rec-concordance").first).to_be_visible()


@pytest.fixture
def phone(browser: Browser, page_problems: PageProblems) -> Iterator[Page]:
    """A page on a 375 px touch phone, failing the test on any error or request off the site."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = page_problems.watch(context.new_page())
    context.on("request", page_problems.on_request)
    yield page
    context.close()
    assert not page_problems.errors, page_problems.errors
    assert not page_problems.foreign_requests, page_problems.foreign_requests


@pytest.mark.parametrize("path", ["", "algorithm/", "assessment/", "first-line/", "persistent/",
                                  "radicular/", "pitfalls/", "follow-up/", "references/", "about/",
                                  "ask/", "recommendations/", "changes/", "cases/",
                                  "recommendations/pitfall-opioids-after-failed-treatments/"])
def test_phone_viewport_has_no_horizontal_overflow(phone: Page, base_url: str, path: str) -> None:
    phone.goto(f"{base_url}/{path}?audience=patient")
    expect(phone.locator("article h1")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path}: content is {width}px wide on a 375px screen"


def test_every_recommendation_id_is_on_screen_on_a_phone(phone: Page, base_url: str) -> None:
    phone.goto(f"{base_url}/recommendations/")
    ids = phone.locator("article .lbp-index__id")
    expect(ids).to_have_count(len(RECOMMENDATIONS))
    assert ids.all_text_contents() == [r.id for r in RECOMMENDATIONS]
    right = phone.evaluate("""() => Math.max(...[...document.querySelectorAll(
        "article .lbp-index__id")].map((code) => code.getBoundingClientRect().right))""")
    assert right <= 375


@pytest.mark.parametrize("path", ["recommendations/", "safety/traceability/", "cases/",
                                  "safety/hazard-log/"])
def test_no_table_hides_a_column_on_a_phone(phone: Page, base_url: str, path: str) -> None:
    """Material puts each table in a box that scrolls sideways, so the page itself never overflows:
    a column can be out of sight all the same."""
    phone.goto(f"{base_url}/{path}")
    # The worked cases' answer keys are folded: the educator who opens one must see every column.
    phone.evaluate("document.querySelectorAll('article details').forEach((details) => { details.open = true; })")
    expect(phone.locator("article table").first).to_be_visible()
    sideways = phone.evaluate("""() => [...document.querySelectorAll("article table")]
        .map((table) => table.closest(".md-typeset__scrollwrap"))
        .filter((box) => box.scrollWidth > box.clientWidth + 1).length""")
    assert sideways == 0, f"{path}: {sideways} tables scroll sideways on a 375px screen"


@pytest.fixture(scope="module")
def sub_path_url(site_dir: Path) -> Iterator[str]:
    """The same site served under /lbp/, as on a host that gives it a sub-path."""
    server = start(site_dir, base="/lbp/")
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/lbp"
    server.shutdown()


def test_site_works_under_a_sub_path(page: Page, page_problems: PageProblems,
                                     sub_path_url: str) -> None:
    page_problems.origin = sub_path_url.removesuffix("/lbp")
    page.goto(f"{sub_path_url}/recommendations/red-flags-cauda-equina/")
    case_link = page.locator('a.lbp-case-link[data-case="cauda-equina-retention"]')
    href = case_link.evaluate("a => a.href")
    assert href.startswith(f"{sub_path_url}/calculator/#duration_weeks=1&")
    assert "urinary_retention=true" in href
    ask = AskPage(page, sub_path_url)
    ask.ask("saddle numbness")
    ask.result("red-flags-cauda-equina").locator("a.lbp-ask__link").click()
    expect(page).to_have_url(f"{sub_path_url}/assessment/#red-flags-cauda-equina")
    expect(page.locator("div.lbp-rec#red-flags-cauda-equina")).to_be_in_viewport()


def test_search_leaves_out_the_per_recommendation_verification_pages(site_dir: Path) -> None:
    """They repeat each recommendation's title and outranked the guidance in search."""
    locations = [doc["location"] for doc in
                 json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]]
    assert any(location.startswith("safety/traceability/") for location in locations)  # the index
    assert not [location for location in locations
                if re.match(r"safety/traceability/[^/#]+/", location)]
    assert any(location.startswith("first-line/") for location in locations)


def test_the_not_found_page_offers_the_ways_on(page: Page) -> None:
    """What a host (or the offline copy) serves for a mistyped or old address. Its links are
    root-relative, so they work from whatever address it is served at."""
    page.goto("/404.html")
    expect(page.locator("h1")).to_have_text("Page not found")
    for name, path in (("The calculator", "/calculator/"), ("Worked cases", "/cases/")):
        expect(page.get_by_role("article").get_by_role("link", name=name)).to_have_attribute(
            "href", re.compile(f"{path}$"))
    page.get_by_role("article").get_by_role("link", name="All recommendations").click()
    expect(page).to_have_url(re.compile(r"/recommendations/$"))
    expect(page.locator("h1")).to_contain_text("All recommendations")


def test_a_mistyped_recommendation_address_suggests_the_one_meant(page: Page,
                                                                 page_problems: PageProblems) -> None:
    """An educator's link to /recommendations/nsaid/ (the ID is medication-nsaid) is served the
    not-found page, as a host (and the local server, tools/serve.py) does: it names the
    recommendations whose ID is close."""
    page_problems.allowed_console_errors.append("status of 404 (Not Found)")  # the page's own status
    response = page.goto("/recommendations/nsaid/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    suggestion = page.locator("#lbp-not-found li a")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_text(recommendation("medication-nsaid").title)
    suggestion.click()
    expect(page).to_have_url(re.compile(r"/recommendations/medication-nsaid/$"))


def test_a_linked_wording_holds_for_the_visit_but_is_not_remembered(guidance: GuidancePage,
                                                                    page: Page) -> None:
    sitemap_for_this_server(page, guidance.base_url)
    guidance.open("radicular/?audience=patient")
    guidance.expect_audience("patient", "radicular-natural-history")
    assert page.evaluate("localStorage.getItem('lbp-audience')") is None
    instant_navigation_ready(page)
    page.evaluate("window.__sameDocument = true")
    guidance.nav_link("First-line treatment").click()  # instant navigation: the same visit
    expect(guidance.heading).to_contain_text("First-line treatment")
    assert page.evaluate("window.__sameDocument") is True
    guidance.expect_audience("patient", "medication-nsaid")
    guidance.open("first-line/")  # a new visit: the reader never chose
    guidance.expect_audience("clinician", "medication-nsaid")


def test_copy_link_carries_the_patient_wording_on_screen(guidance: GuidancePage, page: Page,
                                                         base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    guidance.open("pitfalls/")
    guidance.patient_option.check()
    guidance.rec("pitfall-bed-rest").get_by_role("button", name="Copy link").click()
    expect(guidance.rec("pitfall-bed-rest").locator(".lbp-rec__status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{base_url}/pitfalls/?audience=patient#pitfall-bed-rest")


def test_the_switch_changes_a_recommendation_page(guidance: GuidancePage, page: Page) -> None:
    guidance.open("recommendations/medication-nsaid/")
    clinician = page.locator('.lbp-rec-page__wording[data-audience="clinician"]')
    patient = page.locator('.lbp-rec-page__wording[data-audience="patient"]')
    expect(clinician).to_be_visible()
    expect(patient).to_be_hidden()
    guidance.patient_option.check()
    expect(patient).to_be_visible()
    expect(clinician).to_be_hidden()


def test_an_id_in_the_list_of_all_recommendations_is_a_link_target(guidance: GuidancePage,
                                                                    page: Page) -> None:
    guidance.open("recommendations/#medication-nsaid")
    target = page.locator("code.lbp-index__id:target")
    expect(target).to_have_text("medication-nsaid")
    expect(target).to_be_in_viewport()
