"""The case lives in the URL fragment: it round-trips, copy-link and reset work, and bad or hostile URL
state gives the core's own field errors and never executes anything."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from lbp_core import CaseValidationError, evaluate
from tests.browser.calculator_page import MATERIAL_STARTED, CalculatorPage, shown_error
from tests.browser.waits import frames_rendered, until

ISSUE_EXAMPLE = "duration_weeks=8&conservative_care_weeks=6&radicular_symptoms=true"


def fragment_pairs(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).fragment, keep_blank_values=True)


def test_the_issue_example_opens_filled_in(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open(ISSUE_EXAMPLE)
    calculator.ready()
    expect(calculator.field("duration_weeks")).to_have_value("8")
    expect(calculator.field("conservative_care_weeks")).to_have_value("6")
    expect(calculator.field("radicular_symptoms")).to_be_checked()
    expect(calculator.field("fever")).not_to_be_checked()
    expected = evaluate({"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True})
    assert calculator.result.get_attribute("data-triage") == expected["triage"]
    assert calculator.action_triples()[0][2] == expected["actions"][0]["rec"]


def test_what_is_typed_before_the_calculator_is_wired_up_is_kept(page: Page) -> None:
    """The form is usable at once: input typed while the calculator's script is still on its way is
    neither overwritten by the URL's case nor lost."""
    held: list[Route] = []
    page.context.route("**/assets/lbp-calculator/view.js", lambda route: held.append(route))
    with page.expect_request("**/assets/lbp-calculator/view.js"):
        calculator = CalculatorPage(page).open({"duration_weeks": 8, "fever": True})
    until(page, lambda: bool(held), "the calculator's view.js held on its way")
    calculator.field("conservative_care_weeks").fill("6")
    calculator.field("radicular_symptoms").check()
    held[0].continue_()
    calculator.ready()
    case = {"duration_weeks": 8, "fever": True, "conservative_care_weeks": 6, "radicular_symptoms": True}
    expect(calculator.field("duration_weeks")).to_have_value("8")
    expect(calculator.field("fever")).to_be_checked()
    expect(calculator.field("conservative_care_weeks")).to_have_value("6")
    expect(calculator.field("radicular_symptoms")).to_be_checked()
    assert dict(fragment_pairs(calculator.address())) == {name: str(value).lower() for name, value in case.items()}
    assert calculator.result.get_attribute("data-triage") == evaluate(case)["triage"]
    assert len(calculator.action_triples()) == len(evaluate(case)["actions"])


def test_form_edits_round_trip_through_the_url(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open()
    calculator.settled()
    calculator.field("duration_weeks").fill("13")
    calculator.field("gi_risk").check()
    calculator.field("muscle_spasm").check()
    calculator.ready()
    pairs = dict(fragment_pairs(calculator.address()))
    assert pairs == {"duration_weeks": "13", "muscle_spasm": "true", "gi_risk": "true"}
    triples = calculator.action_triples()
    # The same URL in a fresh page gives the same form and the same result.
    other = page.context.new_page()
    try:
        again = CalculatorPage(other)
        other.goto(calculator.address())
        again.ready()
        expect(again.field("duration_weeks")).to_have_value("13")
        expect(again.field("gi_risk")).to_be_checked()
        assert again.action_triples() == triples
    finally:
        other.close()


def test_copy_link_and_reset(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    calculator = CalculatorPage(page).open("duration_weeks=3&fever=true")
    calculator.ready()
    calculator.copy_link.click()
    expect(page.locator("#lbp-toolbar-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    expect(calculator.link_box).to_have_value(page.url)
    calculator.reset.click()
    expect(calculator.field("fever")).not_to_be_checked()
    expect(calculator.field("duration_weeks")).to_have_value("")
    assert urlsplit(page.url).fragment == ""
    expect(calculator.result).to_have_attribute("data-state", "error")
    assert calculator.error_fields() == ["duration_weeks"]
    expect(page.locator("#lbp-toolbar-status")).to_contain_text("Back brings the case back")
    # A reset is no loss: Back shows the case again.
    page.go_back()
    expect(calculator.field("fever")).to_be_checked()
    expect(calculator.field("duration_weeks")).to_have_value("3")
    assert urlsplit(page.url).fragment == "duration_weeks=3&fever=true"
    expect(calculator.result).to_have_attribute("data-triage", "prompt")


# Holds the address's pending write (address.js: setTimeout(write, 100)) while the test says so, and runs
# it when the test says: at the next hashchange, before the page's own handler (added later, runs later).
HOLD_THE_ADDRESS_WRITE = """(() => {
  const held = [];
  const native = window.setTimeout;
  window.lbpHeldWrites = () => held.length;
  window.setTimeout = function (handler, delay, ...rest) {
    if (window.lbpHoldWrites && typeof handler === "function" && handler.name === "write") {
      held.push(handler);
      return -held.length; // an id that clearTimeout ignores (address.js takes 0 for "none pending")
    }
    return native.call(this, handler, delay, ...rest);
  };
  addEventListener("hashchange", () => {
    if (!window.lbpHoldWrites) return;
    window.lbpHoldWrites = false;
    held.splice(0).forEach((write) => write());
  });
})();"""


@pytest.mark.parametrize("history_api", ["navigation", "address-only"])
def test_back_straight_after_a_reset_brings_the_case_back(returning_page: Page, history_api: str) -> None:
    """The cleared form's address is written a moment after the reset (address.js). Back within that
    moment goes to the case's entry: the late write must not land there and clear it. The write is held
    and run exactly where its timer can fall: after the move in history, before the page's hashchange
    handler. Also in a browser without the Navigation API, where address.js tells the entries apart by
    their address."""
    page = returning_page
    page.add_init_script(HOLD_THE_ADDRESS_WRITE)
    if history_api == "address-only":
        page.add_init_script('Object.defineProperty(window, "navigation", { value: undefined });')
    calculator = CalculatorPage(page).open("duration_weeks=3&fever=true")
    calculator.ready()
    page.evaluate("() => { window.lbpHoldWrites = true; }")
    calculator.reset.click()
    expect(calculator.field("fever")).not_to_be_checked()
    assert page.evaluate("window.lbpHeldWrites()") > 0, "the reset left no address write pending"
    expect(calculator.root).to_have_attribute("data-address", "pending")
    page.go_back()
    expect(calculator.field("fever")).to_be_checked()
    expect(calculator.field("duration_weeks")).to_have_value("3")
    expect(calculator.result).to_have_attribute("data-triage", "prompt")
    assert page.evaluate("window.lbpHeldWrites()") == 0, "the held write was not run"
    assert urlsplit(page.url).fragment == "duration_weeks=3&fever=true"
    # Forward again: the cleared form, whose entry the late write did not touch either.
    page.go_forward()
    expect(calculator.field("fever")).not_to_be_checked()
    assert urlsplit(page.url).fragment == ""


def test_a_link_copied_straight_after_a_change_names_the_case_on_screen(page: Page) -> None:
    """The address follows the form a moment after each change; copy-link never copies the case before."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    calculator = CalculatorPage(page).open("duration_weeks=3")
    calculator.ready()
    page.evaluate("""() => {
      document.querySelector('#lbp-f-fever').click();
      document.querySelector('#lbp-copy-link').click();
    }""")
    expect(page.locator("#lbp-toolbar-status")).to_have_text("Link copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert dict(fragment_pairs(copied)) == {"duration_weeks": "3", "fever": "true"}
    assert copied == page.url
    expect(calculator.link_box).to_have_value(copied)
    expect(page.locator("#lbp-print-link")).to_have_text(copied)


def test_a_link_followed_straight_after_a_change_leaves_the_case_to_come_back_to(returning_page: Page) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open("duration_weeks=3")
    calculator.ready()
    page.wait_for_function(MATERIAL_STARTED)
    # Where the link is followed from: the address as the click reaches the page (instant navigation
    # listens on the document; this listener on the window comes after the calculator's own).
    held = page.evaluate("""() => new Promise((resolve) => {
      window.addEventListener('click', function held(event) {
        if (!event.target.closest('a')) return;
        event.preventDefault();
        event.stopPropagation();
        window.removeEventListener('click', held, true);
        resolve(location.href);
      }, true);
      document.querySelector('#lbp-f-fever').click();
      document.querySelector('a.md-logo').click();
    })""")
    assert dict(fragment_pairs(held)) == {"duration_weeks": "3", "fever": "true"}
    # Followed for real: Back comes back to the case as changed.
    calculator.field("improving").check()
    page.evaluate("document.querySelector('a.md-logo').click()")
    expect(calculator.root).to_have_count(0)
    page.wait_for_load_state()
    page.go_back()
    calculator.ready()
    expect(calculator.field("fever")).to_be_checked()
    expect(calculator.field("improving")).to_be_checked()


def test_a_late_address_update_never_lands_on_another_page(returning_page: Page) -> None:
    """Instant navigation changes the address before it replaces the page: a change made just before
    must not write its case into the address of the page navigated to."""
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open("duration_weeks=3")
    calculator.ready()
    page.evaluate("""() => {
      document.querySelector('#lbp-f-fever').click();
      history.pushState(null, '', new URL('../cases/', location.href).href);
    }""")
    expect(calculator.root).to_have_attribute("data-address", "settled")  # written, or left alone
    assert urlsplit(page.url).path.endswith("/cases/") and urlsplit(page.url).fragment == ""


@pytest.mark.parametrize(("typed", "case"), [
    ("1,5", {"duration_weeks": 1.5}),     # a decimal comma, as many phone keypads offer
    ("1.5", {"duration_weeks": 1.5}),
    (" 12 ", {"duration_weeks": 12}),
])
def test_a_typed_duration_is_read_as_meant(returning_page: Page, typed: str, case: dict[str, float]) -> None:
    """Chromium's number box dropped the comma of "1,5": 15 weeks, chronic, with no word."""
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open()
    calculator.settled()
    calculator.field("duration_weeks").fill(typed)
    calculator.ready()
    assert dict(fragment_pairs(calculator.address())) == {name: str(value) for name, value in case.items()}
    assert calculator.result.get_attribute("data-phase") == evaluate(case)["phase"]


@pytest.mark.parametrize("typed", ["2,5,1", "1e3", "8 weeks"])
def test_a_duration_that_is_not_a_number_is_named_not_guessed(returning_page: Page, typed: str) -> None:
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open()
    calculator.settled()
    calculator.field("duration_weeks").fill(typed)
    expect(calculator.result).to_have_attribute("data-state", "error")
    assert calculator.error_fields() == ["duration_weeks"]
    with pytest.raises(CaseValidationError) as raised:
        evaluate({"duration_weeks": typed})
    assert calculator.errors.all_inner_texts() == [
        shown_error("duration_weeks", raised.value.errors[0].message)]


@pytest.mark.parametrize("frag", [
    "duration_weeks=8&not_a_field=1",                        # unknown field
    "duration_weeks=eight",                                  # wrong type
    "duration_weeks=8&fever=1",                              # number for a boolean
    "duration_weeks=600",                                    # out of range
    "duration_weeks=8&conservative_care_weeks=9",            # impossible combination
    "duration_weeks=8&age_years=2.5",                        # not a whole number
    "duration_weeks=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",  # script payload in a value
    "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E=true&duration_weeks=1",  # and in a name
    "",                                                      # nothing: the required field
])
def test_bad_url_state_gives_the_cli_errors(returning_page: Page, frag: str) -> None:
    page = returning_page  # a returning reader: conftest.py
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    calculator = CalculatorPage(page).open(frag)
    assert calculator.settled() == "error"
    case = {name: (True if value == "true" else False if value == "false" else
                   float(value) if value.replace(".", "", 1).isdigit() and "." in value else
                   int(value) if value.isdigit() else value)
            for name, value in parse_qsl(frag, keep_blank_values=True)}
    with pytest.raises(CaseValidationError) as raised:
        evaluate(case)
    assert calculator.error_fields() == [e.field for e in raised.value.errors]
    assert calculator.errors.all_inner_texts() == [shown_error(e.field, e.message) for e in raised.value.errors]
    assert calculator.result.get_attribute("data-triage") is None
    expect(calculator.banner).to_be_hidden()
    assert dialogs == []
    assert page.locator("#lbp-result img, #lbp-result script").count() == 0


@pytest.mark.parametrize("field", ["conservative_care_weeks", "age_years", "duration_weeks"])
def test_a_number_too_long_for_the_browser_is_named_not_dropped(returning_page: Page, field: str) -> None:
    """400 nines became Infinity, then null on the way to the engine: an optional field read as "not
    given", with a routine result and no error."""
    page = returning_page  # a returning reader: conftest.py
    case = {"duration_weeks": "16", "age_years": "55", field: "9" * 400}
    calculator = CalculatorPage(page).open("&".join(f"{name}={value}" for name, value in case.items()))
    assert calculator.settled() == "error"
    assert calculator.error_fields() == [field]
    assert calculator.result.get_attribute("data-triage") is None


def test_a_new_case_in_the_url_is_shown_in_place(returning_page: Page) -> None:
    """A fragment change (a pasted link, Back between cases) updates the page in place: Material's
    instant navigation must not fetch and swap in the calculator again, which would flash the page and
    lose what is on it."""
    page = returning_page  # a returning reader: conftest.py
    calculator = CalculatorPage(page).open({"duration_weeks": 2})
    calculator.ready()
    page.evaluate("document.querySelector('#lbp-result').lbpMark = 1")
    page_fetches: list[str] = []
    page.on("request", lambda request: page_fetches.append(request.url)
            if request.url.rstrip("/").endswith("/calculator") else None)
    for case in ({"duration_weeks": 3, "fever": True}, {"duration_weeks": 3, "urinary_retention": True}):
        calculator.show(case)
        expect(calculator.result).to_have_attribute("data-triage", evaluate(case)["triage"])
    page.go_back()
    expect(calculator.result).to_have_attribute("data-triage", "prompt")
    # Material would have asked for the page as Back happened (on popstate), before the calculator showed
    # the case (on hashchange): its request would be reported by now.
    frames_rendered(page)
    assert page.evaluate("document.querySelector('#lbp-result').lbpMark") == 1
    assert page_fetches == []
