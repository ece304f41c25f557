"""The built site works when served under a sub-path (as project sites on static hosts are), online and
offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser.calculator_page import ENGINE_TIMEOUT_MS
from tests.browser.waits import SETTLE_TIMEOUT_MS, offline_ready
from tools.serve import start

BASE = "/lbp/"


@pytest.fixture(scope="module")
def sub_path_url(site_dir: Path) -> Iterator[str]:
    server = start(site_dir, base=BASE)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}{BASE}"
    server.shutdown()


@pytest.fixture
def sub_path_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors


def test_pages_and_assets_resolve_under_the_sub_path(sub_path_page: Page, sub_path_url: str) -> None:
    failures: list[str] = []
    outside: list[str] = []

    def check(response: Response) -> None:
        if response.status >= 400:
            failures.append(f"{response.status} {response.url}")
        if not response.url.startswith(sub_path_url):
            outside.append(response.url)

    sub_path_page.on("response", check)
    for path in ["", "assessment/", "recommendations/", "recommendations/red-flags-cauda-equina/",
                 "safety/", "calculator/"]:
        sub_path_page.goto(sub_path_url + path)
        offline_ready(sub_path_page)  # all it fetches on a visit, the offline copy of every file included
    assert not failures, failures
    assert not outside, outside


def test_calculator_works_under_the_sub_path_online_and_offline(sub_path_page: Page,
                                                                sub_path_url: str) -> None:
    sub_path_page.goto(sub_path_url + "calculator/#duration_weeks=2&saddle_anesthesia=true")
    result = sub_path_page.locator("#lbp-result")
    expect(result).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT_MS)
    expect(result).to_have_attribute("data-triage", "emergency")
    # The service worker is active once it has stored the shell and this page (and the engine stored its
    # files); a guidance page read now is stored too; a reload puts the page under the service worker.
    expect(sub_path_page.locator("#lbp-calculator")).to_have_attribute("data-engine-snapshot", "stored",
                                                                      timeout=ENGINE_TIMEOUT_MS)
    offline_ready(sub_path_page)
    sub_path_page.goto(sub_path_url + "assessment/")
    offline_ready(sub_path_page)
    sub_path_page.goto(sub_path_url + "calculator/")
    sub_path_page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=SETTLE_TIMEOUT_MS)
    sub_path_page.context.set_offline(True)
    sub_path_page.goto(sub_path_url + "calculator/#duration_weeks=9&conservative_care_weeks=7")
    expect(result).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT_MS)
    expect(result).to_have_attribute("data-triage", "routine")
    expect(sub_path_page.locator('#lbp-result [data-intervention="mri"]').first).to_be_visible()
    sub_path_page.goto(sub_path_url + "assessment/")
    expect(sub_path_page.locator("h1").first).to_be_visible()
