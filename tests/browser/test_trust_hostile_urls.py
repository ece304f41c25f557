"""Hostile URL states never execute, never open a dialog, always give a clear error, and leave the page
working. Property test: generated and hand-picked payloads in the calculator's fragment."""

from __future__ import annotations

import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, expect

from lbp_core.case import FIELD_SPECS
from tests.browser.calculator_page import CalculatorPage

# Each payload tries to run `window.__pwned = 1`; none may succeed.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "'><svg onload=window.__pwned=1>",
    "javascript:window.__pwned=1",
    "</textarea><script>window.__pwned=1</script>",
    "${window.__pwned=1}",
    "{{constructor.constructor('window.__pwned=1')()}}",
    "\u202e\u0000\ufeff𝕏" * 20,
    "x" * 100_000,
]
FIELDS = list(FIELD_SPECS)


def fragment(pairs: list[tuple[str, str]]) -> str:
    return urllib.parse.urlencode(pairs)


def _assert_safe_and_working(calculator: CalculatorPage, dialogs: list[str]) -> None:
    assert calculator.page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert calculator.show("duration_weeks=3&fever=true") == "ready"
    expect(calculator.result).to_have_attribute("data-triage", "prompt")


def _ready_page(page: Page, dialogs: list[str]) -> CalculatorPage:
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    calculator = CalculatorPage(page).open("duration_weeks=1")
    calculator.ready()
    return calculator


def test_hand_picked_payloads_in_every_field(returning_page: Page) -> None:
    page = returning_page  # a returning reader following a hostile link: conftest.py
    dialogs: list[str] = []
    calculator = _ready_page(page, dialogs)
    for payload in PAYLOADS:
        for field in FIELDS[::3] + ["unknown<b>field</b>", payload[:40]]:
            assert calculator.show(fragment([("duration_weeks", "2"), (field, payload)])) == "error"
            assert page.locator("#lbp-result [data-field]").count() >= 1
            assert page.evaluate("window.__pwned") is None and dialogs == []
    _assert_safe_and_working(calculator, dialogs)


def test_thousands_of_fields(returning_page: Page) -> None:
    page = returning_page  # a returning reader following a hostile link: conftest.py
    dialogs: list[str] = []
    calculator = _ready_page(page, dialogs)
    assert calculator.show(fragment([(f"f{i}", "<i>x</i>") for i in range(3000)])) == "error"
    _assert_safe_and_working(calculator, dialogs)


def test_generated_url_states(returning_page: Page) -> None:
    page = returning_page  # a returning reader following a hostile link: conftest.py
    dialogs: list[str] = []
    calculator = _ready_page(page, dialogs)
    tried: list[str] = []

    @settings(max_examples=150, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.one_of(st.sampled_from(FIELDS), st.text(max_size=30)),
                              st.one_of(st.sampled_from(PAYLOADS[:7] + ["true", "false", "-1",
                                                                        "1e999", "NaN", "08"]),
                                        st.text(max_size=60))),
                    max_size=8))
    def check(pairs: list[tuple[str, str]]) -> None:
        frag = fragment(pairs)
        tried.append(frag)
        state = calculator.show(frag)
        if state == "error":
            assert page.locator("#lbp-result [data-field]").count() >= 1, frag
        assert page.evaluate("window.__pwned") is None and dialogs == [], frag

    check()
    assert len(tried) >= 100
    _assert_safe_and_working(calculator, dialogs)
