"""Nothing a user typed is kept on the device: cookies, localStorage, sessionStorage and IndexedDB stay
free of the case after using the calculator."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.calculator_page import ENGINE_TIMEOUT_MS
from tests.browser.conftest import with_service_worker

STORAGE_DUMP = """async () => {
  const dbs = indexedDB.databases ? await indexedDB.databases() : [];
  return {
    cookie: document.cookie,
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    indexedDB: dbs.map(db => db.name),
  };
}"""


@with_service_worker
def test_typed_case_is_not_stored(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/calculator/")
    duration = page.locator('[name="duration_weeks"]')
    duration.fill("37")
    page.locator('[name="age_years"]').fill("93")
    page.locator('[name="night_sweats"]').check()
    result = page.locator("#lbp-result")
    expect(result).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT_MS)
    expect(result).to_have_attribute("data-triage", "prompt")
    page.goto(f"{base_url}/")
    stored = page.evaluate(STORAGE_DUMP)
    text = repr(stored)
    for typed in ("37", "93", "night_sweats", "duration_weeks"):
        assert typed not in text, f"{typed!r} was stored: {stored}"
    assert stored["cookie"] == ""
    assert stored["indexedDB"] == []
