"""Browser-test fixtures: one static server for the built site, Debian's Chromium, and no silent errors.

The site must be built first (``make test`` does it). A JavaScript error, a console error, or a request
that leaves the site's origin fails the test that caused it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route, expect

from tests.browser.waits import SITEMAP_PROBE
from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.serve import start

ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = Path(os.environ.get("LBP_SITE_DIR") or ROOT / "site")
# `make site-stock`: the site with Pyodide's npm files unchanged (LBP_STOCK_PYODIDE=1).
STOCK_SITE_DIR = ROOT / "site-stock"

# Each `expect` waits for a state the page declares and returns as soon as it holds. Playwright's default
# limit, 5 s, is shorter than a loaded shared machine can take for a state that follows real work (the
# engine's answer, a reload, Back): the limit only turns a hang into a failure, so it is the actions' own.
expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A test marked `stock` runs twice in the same session: on the site (`site_build` None, the id "site")
    # and on the stock build ("stock"), so that a Pyodide upgrade is a version bump that works, slower,
    # before glue.py is derived again.
    if metafunc.definition.get_closest_marker("stock") and "site_build" in metafunc.fixturenames:
        metafunc.parametrize("site_build", [None, "stock"], ids=["site", "stock"], indirect=True,
                             scope="session")


@pytest.fixture(scope="session")
def site_build(request: pytest.FixtureRequest) -> str | None:
    """Which build the browser tests see: None for the site (``make site``), "stock" for ``make site-stock``.
    The site's value is None, as for a test that is not parametrized, so that pytest keeps one server and
    one returning reader for both (it sets a session fixture up again when its parameter changes)."""
    return getattr(request, "param", None)


@pytest.fixture(scope="session")
def site_dir(site_build: str | None) -> Path:
    folder, target = (STOCK_SITE_DIR, "make site-stock") if site_build == "stock" else (SITE_DIR, "make site")
    if not (folder / "index.html").is_file():
        pytest.fail(f"{folder} has no built site: run `{target}` first (make test does)")
    return folder


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server = start(site_dir)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# The site's service worker stores the site's small shell once a page has loaded, then each page read and
# the calculator's engine as it was used (site_plugins/offline). In a test about something else that is work
# beside the test (a quarter of the browser tests' CPU time when it also downloaded every file and warmed the
# engine up) and nothing it checks, so each test's fresh context blocks service workers unless the test is
# marked `with_service_worker`: the offline tests, the privacy and storage tests (everything a visit does,
# the offline copy included) and the sub-path tests (their own contexts).
with_service_worker = pytest.mark.browser_context_args(service_workers="allow")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "service_workers": "block"}


# Material's search starts a worker on every page load that downloads the site's search index and builds it:
# about a fifth of the CPU time a prose page's load costs (measured 12-07: 0.13 of 0.65 CPU-seconds), on a
# machine whose two cores both test workers share. A test on the `page` or `returning_page` fixture gets an
# inert stand-in for that one worker (it takes messages and never answers, so the search box stays as it is
# before the index is ready); every other worker, the engine's included, is the browser's own. Tests of
# search are marked `with_search`; the every-page sweep and the tests with their own contexts run
# Material's real worker.
with_search = pytest.mark.with_search
SEARCH_STAND_IN = """(() => {
  const BrowserWorker = self.Worker;
  self.Worker = class extends BrowserWorker {
    constructor(url, options) {
      if (!String(url).includes("/javascripts/workers/search.")) {
        super(url, options);
        return;
      }
      const inert = new EventTarget();
      inert.postMessage = () => {};
      inert.terminate = () => {};
      return inert;
    }
  };
})();"""


def _quiet_search(page: Page, request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("with_search") is None:
        page.add_init_script(SEARCH_STAND_IN)


class PageProblems:
    """JavaScript errors, console errors and off-origin requests seen by one page."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.allowed_console_errors: list[str] = []

    def watch(self, page: Page) -> Page:
        """Records the page's JavaScript errors and console errors; returns the page."""
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        return page

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not any(
                allowed in message.text for allowed in self.allowed_console_errors):
            self.errors.append(f"console error: {message.text}")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"page error: {error}")

    def on_request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if f"{url.scheme}://{url.netloc}" != self.origin:
            self.foreign_requests.append(request.url)

    def assert_none(self) -> None:
        assert not self.errors, "\n".join(self.errors)
        assert not self.foreign_requests, (
            "requests left the site's origin: " + ", ".join(self.foreign_requests))

    @contextmanager
    def watching(self, page: Page) -> Iterator[Page]:
        """Watches ``page`` (a tab shared by several tests) for one test: its errors, and the off-origin
        requests of its context (the page's, its workers' and its service worker's), until the block ends,
        which then fails on any."""
        watchers = [(page, "console", self.on_console), (page, "pageerror", self.on_page_error),
                    (page.context, "request", self.on_request)]
        for target, event, handler in watchers:
            target.on(event, handler)
        try:
            yield page
        finally:
            for target, event, handler in watchers:
                target.remove_listener(event, handler)
        self.assert_none()


@pytest.fixture
def page_problems(base_url: str) -> PageProblems:
    return PageProblems(base_url)


@pytest.fixture
def page(page: Page, page_problems: PageProblems, request: pytest.FixtureRequest) -> Iterator[Page]:
    _quiet_search(page, request)
    page_problems.watch(page)
    page.context.on("request", page_problems.on_request)
    yield page
    page_problems.assert_none()


# A reader's second visit: the calculator has been used once in this context (per test worker), so its
# engine starts from the snapshot that first visit stored (worker.js), in about a quarter of a fresh
# start's time. Tests of what the calculator shows for one case or input (parametrized over many) use it;
# tests of the first visit, of start-up or of what is stored keep the function-scoped `page` and its fresh
# context. Each test gets its own page (tab) and no localStorage or IndexedDB from an earlier one; the
# Cache Storage (the stored snapshot and runtime) stays, as it does for the reader.
RETURNING_START = "/calculator/#duration_weeks=2"


@pytest.fixture(scope="session")
def returning_context(browser: Browser, browser_context_args: dict, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args)
    first = context.new_page()
    first.goto(base_url + RETURNING_START)
    first.wait_for_selector("#lbp-calculator[data-engine-snapshot]", state="attached", timeout=120_000)
    stored = first.get_attribute("#lbp-calculator", "data-engine-snapshot")
    assert stored == "stored", f"the first visit did not store its snapshot: {stored}"
    first.close()
    yield context
    context.close()


@pytest.fixture
def returning_page(returning_context: BrowserContext, base_url: str,
                   page_problems: PageProblems, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = returning_context.new_page()
    _quiet_search(page, request)
    session = returning_context.new_cdp_session(page)
    session.send("Storage.clearDataForOrigin", {"origin": base_url, "storageTypes": "local_storage,indexeddb"})
    session.detach()
    page_problems.watch(page)
    page.on("request", page_problems.on_request)
    yield page
    page.close()
    page_problems.assert_none()


def sitemap_for_this_server(page: Page, base_url: str) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml, whose URLs carry the
    port of ``site_url``; the test server's port is picked by the OS, so the sitemap is served as it
    would be at ``site_url``. Tests then wait for ``waits.instant_navigation_ready`` before a click that
    must be Material's (its probe is installed here)."""
    page.add_init_script(SITEMAP_PROBE)

    def rewrite(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base_url}/", response.text())
        route.fulfill(response=response, body=body)
    page.route("**/sitemap.xml", rewrite)
