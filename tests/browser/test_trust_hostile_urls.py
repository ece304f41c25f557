"""Hostile URL states never execute, never open a dialog, always give a clear error, and leave the page
working. Property test: generated and hand-picked payloads in the calculator's fragment."""

from __future__ import annotations

import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, expect

from lbp_core.case import FIELD_SPECS

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
    return "#" + urllib.parse.urlencode(pairs)


# Sets the fragment and resolves once the page's own hashchange handler has run (or at once if the
# fragment did not change), so the state read next belongs to this fragment.
SET_FRAGMENT = """frag => new Promise(done => {
  const before = location.hash;
  addEventListener("hashchange", () => setTimeout(done, 0), {once: true});
  location.hash = frag;
  if (location.hash === before) setTimeout(done, 0);
})"""


def _open(page: Page, base_url: str, frag: str) -> None:
    page.evaluate(SET_FRAGMENT, frag)
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.querySelector('#lbp-result').dataset.state)",
        timeout=30_000)


def _assert_safe_and_working(page: Page, base_url: str, dialogs: list[str]) -> None:
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    _open(page, base_url, "#duration_weeks=3&fever=true")
    expect(page.locator("#lbp-result")).to_have_attribute("data-triage", "prompt")


def _ready_page(page: Page, base_url: str, dialogs: list[str]) -> None:
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base_url}/calculator/#duration_weeks=1")
    expect(page.locator("#lbp-result")).to_have_attribute("data-state", "ready", timeout=60_000)


def test_hand_picked_payloads_in_every_field(page: Page, base_url: str) -> None:
    dialogs: list[str] = []
    _ready_page(page, base_url, dialogs)
    for payload in PAYLOADS:
        for field in FIELDS[::3] + ["unknown<b>field</b>", payload[:40]]:
            _open(page, base_url, fragment([("duration_weeks", "2"), (field, payload)]))
            result = page.locator("#lbp-result")
            expect(result).to_have_attribute("data-state", "error")
            assert page.locator("#lbp-result [data-field]").count() >= 1
            assert page.evaluate("window.__pwned") is None and dialogs == []
    _assert_safe_and_working(page, base_url, dialogs)


def test_thousands_of_fields(page: Page, base_url: str) -> None:
    dialogs: list[str] = []
    _ready_page(page, base_url, dialogs)
    _open(page, base_url, fragment([(f"f{i}", "<i>x</i>") for i in range(3000)]))
    expect(page.locator("#lbp-result")).to_have_attribute("data-state", "error")
    _assert_safe_and_working(page, base_url, dialogs)


def test_generated_url_states(page: Page, base_url: str) -> None:
    dialogs: list[str] = []
    _ready_page(page, base_url, dialogs)
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
        _open(page, base_url, frag)
        state = page.locator("#lbp-result").get_attribute("data-state")
        if state == "error":
            assert page.locator("#lbp-result [data-field]").count() >= 1, frag
        assert page.evaluate("window.__pwned") is None and dialogs == [], frag

    check()
    assert len(tried) >= 100
    _assert_safe_and_working(page, base_url, dialogs)
