"""Page object for a worked case's exercise (cases/<id>/): its locators, defined once, and its waits."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.calculator_page import ENGINE_TIMEOUT_MS

ENGINE_WORKER = "/lbp-calculator/worker.js"


class CasePage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator("[data-lbp-teach]")
        self.form: Locator = self.root.locator("form")
        self.submit: Locator = self.root.locator('[type="submit"]')
        self.again: Locator = self.root.locator("[data-lbp-teach-again]")
        self.error: Locator = self.root.locator("[data-lbp-teach-error]")
        self.engine_text: Locator = self.root.locator("[data-lbp-teach-engine-text]")
        self.progress: Locator = self.root.locator("[data-lbp-teach-engine] progress")
        self.answer: Locator = self.root.locator("[data-lbp-teach-answer]")
        self.reveal: Locator = page.locator("[data-lbp-reveal]")
        self.score: Locator = self.reveal.locator("[data-lbp-score]")
        self.heading: Locator = page.locator("#lbp-answer-heading")
        self.calculator_link: Locator = self.root.locator("a[data-case]")

    def open(self, case_id: str, *, answer: bool = False) -> CasePage:
        self.page.goto(f"/cases/{case_id}/" + ("#answer" if answer else ""))
        self.mounted()
        return self

    def mounted(self) -> None:
        """The exercise's script has taken over the form (it sets data-state once it has)."""
        expect(self.root).to_have_attribute("data-state", re.compile(r"^(idle|waiting|revealed|failed)$"),
                                            timeout=10_000)

    def triage(self, value: str) -> Locator:
        return self.root.locator(f'input[name="lbp-predict-triage"][value="{value}"]')

    def action(self, rec_id: str) -> Locator:
        return self.root.locator(f'input[name="lbp-predict-action"][value="{rec_id}"]')

    def predict(self, triage: str | None, actions: list[str]) -> None:
        if triage is not None:
            self.triage(triage).check()
        for rec_id in actions:
            self.action(rec_id).check()

    def revealed(self) -> None:
        expect(self.root).to_have_attribute("data-state", "revealed", timeout=ENGINE_TIMEOUT_MS)

    def marks(self) -> dict[str, str]:
        """Each action in the reveal, by recommendation ID: right, missed or extra."""
        items = self.reveal.locator("[data-rec][data-mark]")
        return {items.nth(i).get_attribute("data-rec") or "": items.nth(i).get_attribute("data-mark") or ""
                for i in range(items.count())}

    def engine_workers(self) -> list[str]:
        return [worker.url for worker in self.page.workers if worker.url.endswith(ENGINE_WORKER)]
