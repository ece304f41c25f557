"""The calculator on a 375 px phone, by keyboard alone, printed, and when its engine cannot load."""

from __future__ import annotations

import random
import re

import pytest

from playwright.sync_api import Page, Route, expect

from lbp_core import evaluate, screen_red_flags
from lbp_core.case import RED_FLAG_FIELDS

from tests.browser.calculator_page import (ENGINE_TIMEOUT_MS, MATERIAL_STARTED,
                                           CalculatorPage, fragment)
from tests.browser.test_calculator_cases import expected_triples
from tests.browser.conftest import PageProblems, with_search
from tests.browser.waits import SETTLE_TIMEOUT_MS, frames_rendered, until


def test_phone_width_has_no_sideways_scroll(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    page.set_viewport_size({"width": 375, "height": 740})
    calculator = CalculatorPage(page).open({"duration_weeks": 14, "radicular_symptoms": True,
                                            "gi_risk": True, "saddle_anesthesia": True})
    calculator.ready()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for name in ("urinary_retention", "duration_weeks", "cardiovascular_risk"):
        calculator.field(name).scroll_into_view_if_needed()
        box = calculator.field(name).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, name
    expect(calculator.banner).to_be_in_viewport()
    calculator.actions.last.scroll_into_view_if_needed()
    expect(calculator.banner).to_be_in_viewport()


def test_phone_reader_can_jump_from_the_form_to_the_result(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    page.set_viewport_size({"width": 375, "height": 740})
    calculator = CalculatorPage(page).open({"duration_weeks": 8, "radicular_symptoms": True})
    calculator.ready()
    jump = page.locator("#lbp-jump")
    expect(jump).to_be_hidden()  # at the top of the page it would sit over the triage banner
    calculator.field("duration_weeks").scroll_into_view_if_needed()
    expect(jump).to_be_visible()  # in the form: the result is far below
    expect(calculator.result).not_to_be_in_viewport()
    jump.click()
    expect(calculator.result.locator("h2")).to_be_in_viewport()
    assert page.evaluate("document.activeElement.id") == "lbp-result"
    expect(jump).to_be_hidden()
    # Side by side (wide screen), the button never shows, even with the result scrolled out of view.
    page.set_viewport_size({"width": 1280, "height": 800})
    calculator.show({"duration_weeks": 1})  # a short result
    calculator.field("cardiovascular_risk").scroll_into_view_if_needed()
    expect(calculator.result.locator("h2")).not_to_be_in_viewport()
    expect(jump).to_be_hidden()


def test_a_changed_result_is_updated_in_place(returning_page: Page) -> None:
    """An input change that adds one action leaves the others' elements in place (the browser restyles
    and redraws only what changed), and the reasons and sources the reader opened stay open."""
    page = returning_page  # a returning reader: conftest.py
    case = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
    calculator = CalculatorPage(page).open(case)
    calculator.ready()
    gabapentin = page.locator('#lbp-result [data-intervention="gabapentin"]')
    gabapentin.locator("details.lbp-action-more > summary").click()  # reasons and sources, on demand
    gabapentin.evaluate("node => { node.lbpKept = true; }")
    assert not calculator.root.locator('[data-intervention="muscle_relaxant"]').count()
    calculator.field("muscle_spasm").check()
    expect(calculator.root.locator('[data-intervention="muscle_relaxant"]')).to_have_count(1)
    assert calculator.action_triples() == expected_triples(evaluate({**case, "muscle_spasm": True}))
    assert gabapentin.evaluate("node => node.lbpKept === true")  # the same element, not a new one
    expect(gabapentin.locator("details.lbp-action-more")).to_have_attribute("open", "")


def test_a_focused_field_is_never_under_the_sticky_banner(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    page.set_viewport_size({"width": 375, "height": 740})
    calculator = CalculatorPage(page).open({"duration_weeks": 2, "urinary_retention": True})
    calculator.ready()
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # Backwards through the form, as Shift+Tab does: each field scrolls into view below the banner.
    for name in ("cardiovascular_risk", "improving", "duration_weeks", "osteoporosis_risk", "fever",
                 "progressive_neuro_deficit"):
        calculator.field(name).focus()
        field = calculator.field(name).bounding_box()
        banner = calculator.banner.bounding_box()
        assert field is not None and banner is not None
        assert field["y"] >= banner["y"] + banner["height"] - 1, name


def test_only_a_short_summary_is_announced(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 8, "radicular_symptoms": True})
    calculator.ready()
    assert calculator.result.get_attribute("aria-live") is None
    announce = page.locator("#lbp-announce")
    expect(announce).to_have_attribute("role", "status")
    expect(announce).to_have_text(re.compile(
        rf"^Routine care\. Phase: subacute\. {calculator.actions.count()} actions\.$"))
    calculator.show({"duration_weeks": 8, "fever": "yes"})
    expect(announce).to_have_text("The case cannot be assessed yet: 1 input to correct.")


def test_a_blank_form_asks_for_the_case_without_marking_errors(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open()
    assert calculator.settled() == "error"
    expect(calculator.result.locator("h2")).to_have_text("Enter the case")
    assert calculator.error_fields() == ["duration_weeks"]  # the test hook, as for any error
    assert calculator.field("duration_weeks").get_attribute("aria-invalid") is None
    calculator.field("duration_weeks").fill("-1")
    expect(calculator.result.locator("h2")).to_have_text("The case cannot be assessed yet")
    expect(calculator.field("duration_weeks")).to_have_attribute("aria-invalid", "true")


def _tab_to(page: Page, element_id: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_only_use(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open()
    calculator.settled()
    _tab_to(page, "lbp-f-saddle_anesthesia")
    page.keyboard.press("Space")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    _tab_to(page, "lbp-f-duration_weeks")
    page.keyboard.type("2")
    calculator.ready()
    expect(calculator.result).to_have_attribute("data-triage", "emergency")
    expect(calculator.field("saddle_anesthesia")).to_be_checked()
    _tab_to(page, "lbp-reset")
    page.keyboard.press("Enter")
    expect(calculator.field("saddle_anesthesia")).not_to_be_checked()
    expect(calculator.result).to_have_attribute("data-state", "error")


def test_every_tab_stop_is_visible_and_marked(returning_page: Page) -> None:
    """Keyboard-only: each stop is something on screen, with a focus mark (the wording switch had none;
    Material's search results box was an invisible stop)."""
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 8})
    calculator.ready()
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => {
          const element = document.activeElement;
          // A hidden radio shows its focus on a label: Material's colour toggle on the label after it
          // (which switches to the other scheme), content tabs on their own label.
          const shown = element.matches("input.md-option") ? element.nextElementSibling
            : element.matches(".tabbed-set > input") ? document.querySelector(`label[for="${element.id}"]`)
            : element;
          const style = getComputedStyle(element);
          const box = shown ? shown.getBoundingClientRect() : { width: 0, height: 0 };
          return { what: element.id || element.className || element.tagName, name: element.name || "",
                   body: element === document.body,
                   visible: box.width > 0 && box.height > 0,
                   marked: style.outlineStyle !== "none" || style.boxShadow !== "none"
                           || element.matches(".md-search__input, input.md-option, .tabbed-set > input") };
        }"""))
    stops = [stop for stop in stops if not stop["body"]]
    assert any(stop["what"] == "lbp-f-duration_weeks" for stop in stops)
    assert any(stop["name"] == "lbp-audience" for stop in stops)
    assert [s for s in stops if not s["visible"]] == []
    assert [s for s in stops if not s["marked"]] == []


def test_print_is_a_one_page_summary(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 1.5, "age_years": 34})
    calculator.ready()
    page.emulate_media(media="print")
    expect(page.locator("#lbp-form")).to_be_hidden()
    stamp = page.locator(".lbp-print-stamp")
    expect(stamp).to_be_visible()
    digest = page.locator("#lbp-wheel-sha256").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    expect(stamp).to_contain_text(digest)
    expect(stamp).to_contain_text("Duration of symptoms: 1.5 weeks; Age: 34 years")  # labels, as on screen
    expect(page.locator("#lbp-print-date")).to_have_text(re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"))
    expect(page.locator("#lbp-print-link")).to_have_text(page.url)  # a printed case can be reopened
    expect(calculator.banner).to_be_visible()
    assert _pdf_pages(page) == 1
    page.emulate_media(media="screen")
    calculator.show({"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True})
    page.emulate_media(media="print")
    expect(stamp).to_contain_text("Weeks of optimal conservative care: 6 weeks")
    assert _pdf_pages(page) == 1


def _pdf_pages(page: Page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_red_flags_show_while_the_engine_is_still_loading(page: Page) -> None:
    """On a slow first visit the engine can take a minute: a red flag ticked meanwhile shows at once,
    from the core's build-time answers for every combination (the page works nothing out itself)."""
    held: list[Route] = []
    page.context.route("**/pyodide/**", lambda route: held.append(route))  # never answered: stays loading
    calculator = CalculatorPage(page).open({"duration_weeks": 2})
    expect(calculator.result).to_have_attribute("data-state", "loading")
    expect(calculator.banner).to_be_hidden()
    calculator.field("saddle_anesthesia").check()
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    expect(calculator.banner).to_have_attribute("data-source", "red-flags")
    expect(calculator.banner).to_have_attribute("role", "alert")
    expect(calculator.banner).to_contain_text("full result follows")
    calculator.field("saddle_anesthesia").uncheck()
    expect(calculator.banner).to_be_hidden()
    rng = random.Random(7)
    combos = [{"duration_weeks": 2, **{name: True for name in RED_FLAG_FIELDS if rng.random() < p}}
              for p in (0.05, 0.1, 0.2) for _ in range(10)]
    combos += [{"duration_weeks": 2, "minor_trauma": True},
               {"duration_weeks": 2, "minor_trauma": True, "osteoporosis_risk": True}]
    for case in combos:
        page.evaluate("frag => { location.hash = frag; }", fragment(case))
        screen = screen_red_flags(case)
        expect(calculator.banner).to_have_attribute("data-triage", screen["triage"] if screen else "none")
        if screen:
            first = screen["actions"][0]["rec"]
            expect(calculator.banner.locator(".lbp-triage-rec a")).to_have_attribute(
                "href", re.compile(f"#{first}$"))
    expect(calculator.result).to_have_attribute("data-state", "loading")
    assert held, "the engine's files were requested"


def test_a_case_the_engine_answers_with_an_error_is_reported_once(page: Page) -> None:
    """Should the engine ever answer a case with an error, the page says so, keeps the red flags in view,
    and does not ask again and again."""
    page.add_init_script("""(() => {
      const add = Worker.prototype.addEventListener;
      const post = Worker.prototype.postMessage;
      window.lbpEvaluations = 0;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message && message.type === "evaluate") window.lbpEvaluations += 1;
        return post.call(this, message, ...rest);
      };
      Worker.prototype.addEventListener = function (type, listener, ...rest) {
        if (type !== "message") return add.call(this, type, listener, ...rest);
        return add.call(this, type, (event) => {
          const data = event.data;
          const broken = data && data.type === "reply" && data.text && data.text.includes('"ok": true')
            ? { type: "reply", id: data.id, error: "a test-injected engine error" } : data;
          listener.call(this, { data: broken });
        }, ...rest);
      };
    })();""")
    calculator = CalculatorPage(page).open({"duration_weeks": 2, "fever": True})
    assert calculator.settled() == "error"
    expect(calculator.result).to_contain_text("could not assess this case")
    expect(calculator.result).to_contain_text("No result has been calculated")
    expect(calculator.result).to_contain_text("a test-injected engine error")
    assert calculator.result.get_attribute("data-engine") is None  # the engine itself is running
    expect(calculator.banner).to_have_attribute("data-triage", "prompt")
    expect(calculator.banner).to_have_attribute("data-source", "red-flags")
    assert page.evaluate("window.lbpEvaluations") == 1
    # Another case, asked for and answered after any second asking of the first would have been sent (the
    # worker answers in order): each was asked for once.
    assert calculator.show({"duration_weeks": 3, "fever": True}) == "error"
    expect(calculator.result).to_contain_text("a test-injected engine error")
    assert page.evaluate("window.lbpEvaluations") == 2


def test_engine_that_cannot_load_says_so(page: Page, page_problems: PageProblems) -> None:
    page_problems.allowed_console_errors += ["Failed to load resource", "net::ERR_FAILED"]
    page.context.route("**/pyodide/**", lambda route: route.abort())
    calculator = CalculatorPage(page).open({"duration_weeks": 2, "urinary_retention": True})
    assert calculator.settled() == "error"
    expect(calculator.result).to_have_attribute("data-engine", "failed")
    expect(calculator.result).to_contain_text("No result has been calculated")
    expect(calculator.result).not_to_contain_text("Routine")
    assert calculator.result.get_attribute("data-triage") is None
    # The red flag ticked still shows, from the core's build-time table, and says where it comes from.
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    expect(calculator.banner).to_have_attribute("data-source", "red-flags")
    expect(calculator.banner).to_contain_text("could not be loaded")
    calculator.field("urinary_retention").uncheck()
    expect(calculator.banner).to_be_hidden()  # no red flag: nothing that could read as "routine"
    expect(calculator.result).to_contain_text("No result has been calculated")
    expect(page.locator("#lbp-engine-text")).to_contain_text("could not be loaded")
    page.goto("/assessment/")
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize("answer", ["missing", "corrupt"])
def test_engine_without_its_webassembly_says_so(page: Page, page_problems: PageProblems,
                                                answer: str) -> None:
    """Only Pyodide's WebAssembly missing or corrupt: its start-up never settled, and the page said
    "loading" for ever."""
    page_problems.allowed_console_errors += ["Failed to load resource", "wasm instantiation failed",
                                             "HTTP 404", "CompileError", "status of 404"]
    page.context.route("**/pyodide/*/pyodide.asm.wasm", lambda route: route.fulfill(
        status=404, body="not here") if answer == "missing" else route.fulfill(
        status=200, content_type="application/wasm", body=b"\0asm not really"))
    calculator = CalculatorPage(page).open({"duration_weeks": 2, "urinary_retention": True})
    assert calculator.settled(timeout=30_000) == "error"
    expect(calculator.result).to_have_attribute("data-engine", "failed")
    expect(page.locator("#lbp-engine-text")).to_contain_text("could not be loaded")
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")


def test_engine_started_without_its_settings_says_so(page: Page) -> None:
    """A worker that cannot tell its settings fails visibly (it never waits silently)."""
    page.add_init_script("""(() => {
      const NativeWorker = window.Worker;
      window.Worker = function Worker(url, options) {
        const unnamed = String(url).includes("/lbp-calculator/worker.js") ? { ...options, name: "lbp-engine" } : options;
        return new NativeWorker(url, unnamed);
      };
    })();""")
    calculator = CalculatorPage(page).open({"duration_weeks": 2, "urinary_retention": True})
    assert calculator.settled() == "error"
    expect(calculator.result).to_have_attribute("data-engine", "failed")
    expect(calculator.result).to_contain_text("started without its settings")
    assert calculator.result.get_attribute("data-triage") is None
    expect(page.locator("#lbp-engine-text")).to_contain_text("could not be loaded")
    # The rest of the page works: Material's bundle runs whatever the engine does.
    page.wait_for_function(MATERIAL_STARTED, timeout=SETTLE_TIMEOUT_MS)


@with_search
def test_search_works_on_the_calculator_page(returning_page: Page) -> None:
    """Search (Material's) answers on the calculator page, beside the engine."""
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 2})
    calculator.ready()
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.press_sequentially("cauda", delay=20)
    expect(page.locator(".md-search-result__item").first).to_contain_text("Cauda", timeout=SETTLE_TIMEOUT_MS)


@with_search
def test_search_works_while_the_engine_is_still_loading(page: Page) -> None:
    """Material's part of the page (header, search, navigation) works at once, whatever the engine does."""
    page.context.route("**/pyodide/**", lambda route: None)  # the engine never finishes loading
    calculator = CalculatorPage(page).open({"duration_weeks": 2})
    expect(calculator.root).to_have_attribute("data-engine", "loading")
    page.wait_for_function(MATERIAL_STARTED, timeout=SETTLE_TIMEOUT_MS)
    field = page.locator("input.md-search__input")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field.press_sequentially("cauda", delay=20)
    expect(page.locator(".md-search-result__item").first).to_contain_text("Cauda", timeout=SETTLE_TIMEOUT_MS)
    expect(calculator.root).to_have_attribute("data-engine", "loading")


@pytest.mark.parametrize("engine", ["loading", "ready"])
def test_a_red_flag_case_opened_from_a_link_shows_its_banner_on_the_first_screen(
        page: Page, engine: str) -> None:
    """On a phone the banner sits below the introduction, near the bottom of the first screen: a case
    with a red flag is brought up to it (with the engine still loading, from the red flags alone)."""
    page.set_viewport_size({"width": 375, "height": 740})
    held: list[Route] = []
    if engine == "loading":
        page.context.route("**/pyodide/**", lambda route: held.append(route))  # never answered
    calculator = CalculatorPage(page).open({"duration_weeks": 1, "saddle_anesthesia": True})
    if engine == "ready":
        calculator.ready()
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    page.wait_for_function("() => window.scrollY > 0")
    box = calculator.banner.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 740 / 2


def test_a_routine_case_opened_from_a_link_opens_at_the_top(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    page.set_viewport_size({"width": 375, "height": 740})
    calculator = CalculatorPage(page).open({"duration_weeks": 1})
    calculator.ready()
    assert page.evaluate("window.scrollY") == 0


@pytest.mark.parametrize(("case", "clinician", "patient"), [
    ({"duration_weeks": 2, "saddle_anesthesia": True}, "refer for emergency surgical assessment now",
     "Get emergency medical help now"),
    ({"duration_weeks": 2, "progressive_neuro_deficit": True}, "arrange urgent evaluation with MRI",
     "needs checking urgently, with an MRI scan"),
    ({"duration_weeks": 2, "fever": True}, "work it up promptly", "Your clinician should check promptly"),
])
def test_the_banner_speaks_in_the_wording_chosen(returning_page: Page, case: dict[str, object], clinician: str,
                                                 patient: str) -> None:
    """A patient reading in the patient wording is told what to do in plain words, not a referral."""
    page = returning_page  # a returning reader: conftest.py
    page.goto("/calculator/?audience=patient#" + fragment(case))
    calculator = CalculatorPage(page)
    calculator.ready()
    expect(calculator.banner).to_contain_text(patient)
    assert clinician not in calculator.banner.inner_text()
    page.get_by_label("Health professional").check()
    expect(calculator.banner).to_contain_text(clinician)
    assert patient not in calculator.banner.inner_text()


@pytest.mark.parametrize("scrolled", [False, True])
def test_no_field_moves_when_the_engine_becomes_ready(page: Page, scrolled: bool) -> None:
    """A reader fills in the form while the engine loads, as the page invites them to: the status above the
    form shrank when the engine got ready (on a phone its text and progress bar take two rows, the ready
    text one) and moved every field up 22 to 45 px, so the next tap could tick the box below the one meant.
    At the top of the page the browser's scroll anchoring cannot keep the fields in place (44 px there
    before the fix); scrolled down it usually does, and the field must stay put there too."""
    page.set_viewport_size({"width": 375, "height": 740})
    held: list[Route] = []
    page.context.route("**/pyodide/*/pyodide.asm.wasm", lambda route: held.append(route))  # still loading
    calculator = CalculatorPage(page).open()
    until(page, lambda: bool(held), "the WebAssembly requested")
    expect(calculator.root).to_have_attribute("data-engine", "loading")
    field = calculator.field("saddle_anesthesia")
    if scrolled:
        calculator.field("duration_weeks").scroll_into_view_if_needed()
        field = calculator.field("duration_weeks")
    frames_rendered(page)
    before = field.bounding_box()
    held[0].fallback()
    expect(calculator.root).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT_MS)
    frames_rendered(page)
    after = field.bounding_box()
    assert before is not None and after is not None and abs(after["y"] - before["y"]) <= 1, (before, after)


def _layout(page: Page) -> dict:
    """What can move a field, for a failure's message: the scroll position and the heights above the form."""
    return page.evaluate("""() => ({ scrollY: window.scrollY,
      banner: document.querySelector('#lbp-triage').offsetHeight,
      status: document.querySelector('#lbp-engine').offsetHeight,
      focused: document.activeElement && document.activeElement.id })""")


@pytest.mark.parametrize("scrolled", [False, True])
def test_a_ticked_box_stays_under_the_finger_when_the_banner_appears(returning_page: Page, scrolled: bool) -> None:
    """The first red flag ticked on a phone inserted the banner above the form: the box moved about
    180 px down, and the next tap could land on another box."""
    page = returning_page  # a returning reader: conftest.py
    # At the top of the page (a tall phone shows the box there) and scrolled down a little.
    page.set_viewport_size({"width": 375, "height": 740 if scrolled else 1000})
    calculator = CalculatorPage(page).open()
    calculator.settled()
    box = calculator.field("urinary_retention")
    if scrolled:
        page.evaluate("window.scrollTo(0, 200)")
    before, layout = box.bounding_box(), _layout(page)
    assert before is not None and 0 < before["y"] < (690 if scrolled else 950)
    box.click()
    expect(calculator.banner).to_have_attribute("data-triage", "emergency")
    frames_rendered(page)  # the banner is laid out, and any correction made
    after = box.bounding_box()
    assert after is not None and abs(after["y"] - before["y"]) <= 2, (before["y"], after["y"], layout,
                                                                      _layout(page))
    # Typing the duration (the full result replaces the red-flag banner) moves nothing either.
    duration = calculator.field("duration_weeks")
    duration.scroll_into_view_if_needed()
    before, layout = duration.bounding_box(), _layout(page)
    duration.fill("3")
    calculator.ready()
    frames_rendered(page)
    after = duration.bounding_box()
    assert before is not None and after is not None and abs(after["y"] - before["y"]) <= 2, (
        before["y"], after["y"], layout, _layout(page))


def test_a_focused_field_is_never_under_the_show_the_result_button(returning_page: Page) -> None:
    """On a phone, the floating "Show the result" button must not hide the field that has keyboard
    focus (WCAG 2.4.11): tabbing down the form scrolls each field clear of it."""
    page = returning_page  # a returning reader: conftest.py
    page.set_viewport_size({"width": 375, "height": 740})
    calculator = CalculatorPage(page).open({"duration_weeks": 8, "radicular_symptoms": True})
    calculator.ready()
    calculator.field("saddle_anesthesia").focus()
    checked = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        # Measured in one go, once the page has settled the button for the new scroll position.
        focused = page.evaluate("""async () => {
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          const element = document.activeElement;
          if (!element || !element.closest('#lbp-form')) return null;
          const button = document.querySelector('#lbp-jump');
          if (button.hidden || button.getClientRects().length === 0) return {id: element.id, covered: null};
          const cover = button.getBoundingClientRect();
          // The control and its label: what the reader needs to see to know where they are.
          const covered = [element, ...(element.labels || [])].some((part) => {
            const box = part.getBoundingClientRect();
            return box.bottom > cover.top && box.top < cover.bottom && box.right > cover.left
              && box.left < cover.right;
          });
          return {id: element.id, covered};
        }""")
        if focused is None:
            break
        if focused["covered"] is None:
            continue
        assert not focused["covered"], f"#{focused['id']} is under the Show the result button"
        checked += 1
    assert checked >= 10  # the button was up for most of the form
