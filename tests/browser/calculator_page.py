"""Page object for the calculator: its locators, defined once, and the waits every test needs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from lbp_core import input_schema
from playwright.sync_api import Locator, Page, expect

ENGINE_TIMEOUT_MS = 90_000
# Material's bundle has run (it defines document$): its instant navigation follows links from then on.
MATERIAL_STARTED = "() => typeof window.document$ === 'object'"
LABELS = {field["name"]: field["label"] for field in input_schema()["fields"]}


def shown_error(field: str, message: str) -> str:
    """An error as the page shows it: the field's label, its contract name, the core's message."""
    return f"{LABELS[field]} ({field}): {message}" if field in LABELS else f"{field}: {message}"


def fragment(case: dict[str, Any]) -> str:
    return urlencode([(name, ("true" if value else "false") if isinstance(value, bool) else str(value))
                      for name, value in case.items()])


class CalculatorPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator("#lbp-calculator")
        self.result: Locator = page.locator("#lbp-result")
        self.banner: Locator = page.locator("#lbp-triage")
        self.actions: Locator = page.locator("#lbp-result [data-intervention]")
        self.errors: Locator = page.locator("#lbp-result [data-field]")
        self.changes: Locator = page.locator("#lbp-changes li[data-change-field]")
        self.copy_link: Locator = page.locator("#lbp-copy-link")
        self.reset: Locator = page.locator("#lbp-reset")
        self.link_box: Locator = page.locator("#lbp-link")

    def field(self, name: str) -> Locator:
        return self.page.locator(f"#lbp-f-{name}")

    def open(self, case: dict[str, Any] | str | None = None) -> CalculatorPage:
        frag = case if isinstance(case, str) else fragment(case or {})
        self.page.goto("/calculator/" + (f"#{frag}" if frag else ""))
        return self

    def settled(self, timeout: float = ENGINE_TIMEOUT_MS) -> str:
        """Wait until the result is ready or an error, and return which."""
        self.page.wait_for_function(
            "() => ['ready', 'error'].includes(document.querySelector('#lbp-result')?.dataset.state)",
            timeout=timeout)
        return self.result.get_attribute("data-state") or ""

    def ready(self, timeout: float = ENGINE_TIMEOUT_MS) -> None:
        expect(self.result).to_have_attribute("data-state", "ready", timeout=timeout)

    def show(self, case: dict[str, Any] | str) -> str:
        """Put a case in the fragment of the open calculator and wait for its result."""
        frag = case if isinstance(case, str) else fragment(case)
        want = self.page.evaluate("frag => { location.hash = frag; return location.hash.slice(1); }", frag)
        self._wait_for(want)
        return self.result.get_attribute("data-state") or ""

    def _wait_for(self, want: str) -> None:
        self.page.wait_for_function(
            """want => {
                const result = document.querySelector('#lbp-result');
                return result && result.dataset.fragment === want
                    && ['ready', 'error'].includes(result.dataset.state);
            }""", arg=want, timeout=ENGINE_TIMEOUT_MS)

    def address(self) -> str:
        """The page's address once it has caught up with the case on screen (the form writes it a moment
        after each change; the link box and the printed link always name the case shown)."""
        self.page.wait_for_function(
            "() => location.href === document.querySelector('#lbp-link').value", timeout=ENGINE_TIMEOUT_MS)
        return self.page.url

    def action_triples(self) -> list[tuple[str, str, str]]:
        return [tuple(item) for item in self.actions.evaluate_all(
            "nodes => nodes.map(n => [n.dataset.intervention, n.dataset.stance, n.dataset.rec])")]

    def reasons(self, within: str = "#lbp-result") -> list[tuple[str, str]]:
        """(the core's text, the text shown) of every reason, caution and warning, in page order."""
        return [tuple(item) for item in self.page.locator(f"{within} li[data-reason]").evaluate_all(
            "nodes => nodes.map(n => [n.dataset.reason, n.textContent])")]

    def error_fields(self) -> list[str]:
        return self.errors.evaluate_all("nodes => nodes.map(n => n.dataset.field)")

    def runtime_starts(self) -> int:
        return self.page.evaluate("performance.getEntriesByName('lbp-engine-start').length")
