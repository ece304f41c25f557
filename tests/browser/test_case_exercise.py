"""A worked case's page in Chromium: the learner predicts, submits, and only then sees the core's answer,
each choice marked right, missed or extra; the engine starts when the learner starts, not on arrival; an
educator's #answer link shows the answer; nothing is shown when the engine cannot answer.

Service workers are blocked here: the offline copy (tested in test_calculator_offline.py) downloads the
whole site once after any first visit, which would hide what the page itself asks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect

from lbp_core import evaluate
from lbp_core.worked_cases import WORKED_CASES, worked_case
from tests.browser.calculator_page import CalculatorPage, fragment
from tests.browser.case_page import ENGINE_WORKER, CasePage
from tests.browser.conftest import PageProblems, sitemap_for_this_server

ROUTINE, EMERGENCY = "acute-first-visit", "cauda-equina-retention"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def case(returning_page: Page) -> CasePage:
    """A learner who has used the engine before (its snapshot stored: conftest.py's returning_page)."""
    return CasePage(returning_page)


@pytest.fixture
def fresh_case(page: Page) -> CasePage:
    """A first visit, in a fresh context (for the tests of the engine's start and of its failure)."""
    return CasePage(page)


def core(case_id: str) -> dict[str, Any]:
    return evaluate(worked_case(case_id).case)


def _wrong_triage(triage: str) -> str:
    return "routine" if triage != "routine" else "emergency"


@pytest.mark.parametrize("case_id", [
    pytest.param(ROUTINE, id="routine"),
    pytest.param(EMERGENCY, id="emergency", marks=pytest.mark.verifies("red-flags-cauda-equina")),
])
def test_the_answer_is_hidden_until_a_guess_is_submitted_then_it_is_the_cores(
        case: CasePage, returning_page: Page, case_id: str) -> None:
    page = returning_page
    result = core(case_id)
    case.open(case_id)
    expect(case.reveal).to_have_count(0)
    expect(case.answer).to_be_empty()
    assert page.locator("[data-lbp-teach] [data-mark], [data-lbp-teach] [data-triage]").count() == 0
    for action in result["actions"]:  # not a word of the result is on the page, not even hidden
        for reason in action["reasons"]:
            assert reason not in page.content()
    expect(case.root.locator('input[name="lbp-predict-triage"]')).to_have_count(4)
    first = result["actions"][0]["rec"]
    case.predict(result["triage"], [first])
    case.submit.click()
    case.revealed()
    expect(case.reveal).to_have_attribute("data-triage", result["triage"])
    expect(case.reveal).to_have_attribute("data-triage-mark", "right")
    expect(case.heading).to_be_focused()
    listed = [action["rec"] for action in result["actions"]]
    assert case.marks() == {rec: "right" if rec == first else "missed" for rec in listed}
    expect(case.score).to_have_text(f"Triage right. Actions: 1 right, {len(listed) - 1} missed, 0 extra.")
    # Every action of the core's result, by stance, linked to its recommendation's page.
    for action in result["actions"]:
        item = case.reveal.locator(f'[data-rec="{action["rec"]}"]')
        expect(item).to_have_attribute("data-stance", action["stance"])
        expect(item.locator("a").first).to_have_attribute("href", re.compile(
            rf"/recommendations/{action['rec']}/$"))
    expect(case.root.locator("[data-lbp-teach-announce]")).to_have_text(case.score.text_content() or "")


def test_wrong_choices_are_marked_wrong_missed_and_extra(case: CasePage) -> None:
    result = core(EMERGENCY)
    case.open(EMERGENCY)
    case.predict(_wrong_triage(result["triage"]), ["self-care-heat", "medication-nsaid"])
    case.submit.click()
    case.revealed()
    expect(case.reveal).to_have_attribute("data-triage", "emergency")
    expect(case.reveal).to_have_attribute("data-triage-mark", "wrong")
    expect(case.reveal).to_contain_text("You chose Routine care: wrong.")
    assert case.marks() == {"red-flags-cauda-equina": "missed", "self-care-heat": "extra",
                            "medication-nsaid": "extra"}
    expect(case.score).to_have_text("Triage wrong. Actions: 0 right, 1 missed, 2 extra.")
    extra = case.reveal.locator('[data-rec="self-care-heat"]')
    expect(extra).to_contain_text("Extra: you ticked it, but it is not in the result.")
    expect(extra).to_contain_text("The calculator lists it when: Every patient without a red flag.")
    expect(case.reveal.locator('[data-rec="red-flags-cauda-equina"]')).to_contain_text(
        "Missed: you did not tick it.")


def test_a_fully_right_prediction(case: CasePage) -> None:
    result = core(ROUTINE)
    case.open(ROUTINE)
    case.predict(result["triage"], [action["rec"] for action in result["actions"]])
    case.submit.click()
    case.revealed()
    assert set(case.marks().values()) == {"right"}
    expect(case.score).to_have_text(f"Triage right. Actions: {len(result['actions'])} right, 0 missed, 0 extra.")


def test_a_triage_must_be_chosen_before_the_answer(case: CasePage) -> None:
    case.open(ROUTINE)
    case.predict(None, ["self-care-heat"])
    case.submit.click()
    expect(case.error).to_have_text("Choose a triage first: the answer is shown once you have made your "
                                    "prediction.")
    expect(case.triage("emergency")).to_be_focused()
    expect(case.reveal).to_have_count(0)
    expect(case.root).to_have_attribute("data-state", "idle")


def test_an_answer_link_shows_the_cores_answer_without_marking(case: CasePage) -> None:
    result = core(EMERGENCY)
    case.open(EMERGENCY, answer=True)
    case.revealed()
    expect(case.reveal).to_have_attribute("data-triage", result["triage"])
    expect(case.reveal).to_have_attribute("data-predicted", "none")
    expect(case.score).to_have_text("No prediction was made: this is the calculator's answer for the case.")
    assert case.marks() == {}
    assert case.reveal.locator("[data-rec]").evaluate_all("items => items.map(i => i.dataset.rec)") == [
        action["rec"] for action in result["actions"]]
    case.again.click()  # the learner tries it after all: the answer goes, and so does #answer
    expect(case.reveal).to_have_count(0)
    assert not case.page.url.endswith("#answer")
    expect(case.triage("emergency")).to_be_focused()


def test_nothing_of_the_engine_loads_on_arrival_and_it_starts_when_the_learner_does(
        fresh_case: CasePage, page: Page) -> None:
    case = fresh_case
    engine_requests: list[str] = []
    page.on("request", lambda request: engine_requests.append(request.url)
            if "/pyodide/" in request.url or request.url.endswith(ENGINE_WORKER) else None)
    case.open(ROUTINE)
    expect(case.submit).to_be_visible()
    assert engine_requests == [] and case.engine_workers() == []
    assert case.root.get_attribute("data-engine") is None
    with page.expect_worker(lambda worker: worker.url.endswith(ENGINE_WORKER)):
        case.triage("routine").focus()  # the learner starts on the form
    expect(case.root).to_have_attribute("data-engine", re.compile("^(loading|ready)$"))
    expect(case.root).to_have_attribute("data-engine", "ready", timeout=90_000)
    expect(case.engine_text).to_contain_text("ready")


def test_the_answer_waits_for_the_engine_and_shows_its_progress(fresh_case: CasePage, page: Page) -> None:
    case = fresh_case
    held: list[Route] = []
    holding = True
    page.context.route("**/pyodide/**", lambda route: held.append(route) if holding else route.continue_())
    case.open(EMERGENCY)
    case.predict("emergency", ["red-flags-cauda-equina"])
    case.submit.click()
    expect(case.root).to_have_attribute("data-state", "waiting")
    expect(case.root).to_have_attribute("data-engine", "loading")
    expect(case.answer).to_have_text("Working out the answer…")
    expect(case.progress).to_be_visible()
    expect(case.reveal).to_have_count(0)  # the engine cannot answer yet: no answer from anywhere else
    holding = False
    for route in held:
        route.continue_()
    case.revealed()
    expect(case.reveal).to_have_attribute("data-triage", "emergency")


def test_an_answer_asked_for_before_try_again_is_never_shown(fresh_case: CasePage, page: Page) -> None:
    """The learner submits, then tries again before the engine answers: that first answer (for the first
    prediction) must not appear later; only the answer asked for next does, once."""
    case = fresh_case
    held: list[Route] = []
    holding = True
    page.context.route("**/pyodide/**", lambda route: held.append(route) if holding else route.continue_())
    case.open(EMERGENCY)
    page.evaluate("""() => {
      const root = document.querySelector("[data-lbp-teach]");
      window.lbpStates = [];
      new MutationObserver(() => window.lbpStates.push(root.dataset.state))
        .observe(root, { attributes: true, attributeFilter: ["data-state"] });
    }""")
    case.predict("routine", ["self-care-heat"])
    case.submit.click()
    expect(case.root).to_have_attribute("data-state", "waiting")
    case.again.click()
    expect(case.root).to_have_attribute("data-state", "idle")
    holding = False
    for route in held:
        route.continue_()
    expect(case.root).to_have_attribute("data-engine", "ready", timeout=90_000)
    case.predict("emergency", ["red-flags-cauda-equina"])
    case.submit.click()
    case.revealed()
    # The worker answers in the order asked: the first answer came before this one, and was dropped.
    assert page.evaluate("window.lbpStates") == ["waiting", "idle", "waiting", "revealed"]
    assert case.marks() == {"red-flags-cauda-equina": "right"}


def test_an_engine_that_cannot_load_says_so_and_shows_no_answer(fresh_case: CasePage, page: Page,
                                                                page_problems: PageProblems) -> None:
    case = fresh_case
    page_problems.allowed_console_errors += ["Failed to load resource", "net::ERR_FAILED"]
    page.context.route("**/pyodide/**", lambda route: route.abort())
    case.open(EMERGENCY)
    case.predict("routine", [])
    case.submit.click()
    expect(case.root).to_have_attribute("data-state", "failed", timeout=60_000)
    expect(case.root).to_have_attribute("data-engine", "failed")
    expect(case.answer).to_contain_text("The answer could not be worked out, so nothing has been marked.")
    expect(case.engine_text).to_contain_text("could not be loaded")
    expect(case.reveal).to_have_count(0)
    assert page.locator("[data-lbp-teach] [data-mark], [data-lbp-teach] [data-triage]").count() == 0
    expect(case.submit).to_be_visible()  # the form is the learner's again


def test_by_keyboard_alone(case: CasePage, returning_page: Page) -> None:
    page = returning_page
    case.open(ROUTINE)
    case.triage("emergency").focus()
    page.keyboard.press("ArrowDown")  # the radio group moves and selects with the arrows
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(case.triage("routine")).to_be_checked()
    page.keyboard.press("Tab")
    expect(case.action("red-flags-cauda-equina")).to_be_focused()
    page.keyboard.press("Space")
    case.submit.focus()
    page.keyboard.press("Enter")
    case.revealed()
    expect(case.heading).to_be_focused()
    assert case.marks()["red-flags-cauda-equina"] == "extra"
    case.again.focus()
    page.keyboard.press("Enter")
    expect(case.reveal).to_have_count(0)
    expect(case.triage("emergency")).to_be_focused()
    expect(case.triage("routine")).not_to_be_checked()


def test_open_in_the_calculator_remains(case: CasePage) -> None:
    case.open(EMERGENCY)
    expect(case.calculator_link).to_have_attribute(
        "href", re.compile(re.escape("calculator/#" + fragment(worked_case(EMERGENCY).case)) + "$"))


def test_the_cases_index_links_each_case_to_its_page_and_folds_the_answer_key(page: Page) -> None:
    page.goto("/cases/")
    tries = page.locator("a[data-case-page]")
    expect(tries).to_have_count(len(WORKED_CASES))
    for index, worked in enumerate(WORKED_CASES):
        expect(tries.nth(index)).to_have_attribute("href", re.compile(rf"/cases/{worked.id}/$"))
    key = page.locator(f"#{ROUTINE} ~ details.lbp-case-key").first
    expect(key.locator("table")).to_be_hidden()  # a student sees the case, not its answer
    expect(page.locator(f'a[data-case-answer="{ROUTINE}"]')).to_have_attribute(
        "href", re.compile(rf"/cases/{ROUTINE}/#answer$"))
    tries.first.click()
    expect(page).to_have_url(re.compile(rf"/cases/{WORKED_CASES[0].id}/$"))
    expect(page.locator("[data-lbp-teach]")).to_have_attribute("data-state", "idle")


def test_instant_navigation_between_cases_and_the_calculator_keeps_one_engine(
        case: CasePage, returning_page: Page, base_url: str) -> None:
    page = returning_page
    sitemap_for_this_server(page, base_url)
    page.goto("/cases/")
    expect(page.locator("a[data-case-page]").first).to_be_visible()
    page.evaluate("window.lbpSameDocument = true")  # gone if a link loads a whole new page
    page.locator(f'a[data-case-page="{EMERGENCY}"]').click()
    expect(page).to_have_url(f"{base_url}/cases/{EMERGENCY}/")
    case.mounted()
    case.predict("emergency", ["red-flags-cauda-equina"])
    case.submit.click()
    case.revealed()
    expect(case.reveal).to_have_attribute("data-triage", "emergency")
    page.locator("a", has_text="All worked cases").click()
    page.locator(f'a[data-case-page="{ROUTINE}"]').click()
    expect(page).to_have_url(f"{base_url}/cases/{ROUTINE}/")
    expect(case.reveal).to_have_count(0)  # the last case's answer is gone with it
    case.predict("routine", [])
    case.submit.click()
    case.revealed()
    expect(case.reveal).to_have_attribute("data-triage", core(ROUTINE)["triage"])
    case.calculator_link.click()
    calculator = CalculatorPage(page)
    calculator.ready()
    assert calculator.result.get_attribute("data-triage") == core(ROUTINE)["triage"]
    assert len(case.engine_workers()) == 1  # one Python for the exercise and the calculator
    assert page.evaluate("window.lbpSameDocument") is True


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_revealed_answer_has_no_axe_violations(case: CasePage, returning_page: Page, scheme: str) -> None:
    page = returning_page
    page.emulate_media(color_scheme=scheme)
    case.open(EMERGENCY)
    case.predict("routine", ["red-flags-cauda-equina", "self-care-heat"])
    case.submit.click()
    case.revealed()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                              for v in violations]


@pytest.fixture
def phone(browser: Browser, page_problems: PageProblems) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = page_problems.watch(context.new_page())
    yield page
    context.close()


def test_on_a_phone_the_case_and_its_answer_fit_the_screen(phone: Page, base_url: str) -> None:
    case = CasePage(phone)
    phone.goto(f"{base_url}/cases/{EMERGENCY}/")
    case.mounted()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    case.triage("urgent").tap()
    case.submit.tap()
    case.revealed()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    expect(case.heading).to_be_in_viewport()
