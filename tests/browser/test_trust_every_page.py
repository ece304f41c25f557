"""Every page of the built site, visited as a reader visits it: it carries the CSP, nothing it does leaves
the site's origin, it shows no JavaScript or console error (a CSP violation is one), and axe-core finds no
accessibility violation on it in the light and the dark colour scheme: every rule in the scheme the page opens
in, and in the other the rules whose verdict a scheme can change (colour contrast, links told apart by colour;
the markup is the same).

One test per page (read when the tests are collected), so that a slow page cannot take the others past the
test timeout. The pages are loaded one after another in one tab (per test worker), as a reader going from
page to page would. Each test fails on its own page's errors and off-origin requests.

The site's service worker: each page that is the first of its kind (every page at the top of the site, and
the first recommendation, worked case, safety page and traceability page) is loaded in a tab of its own
profile with the service worker, installed from the first page as for a reader, and checked once it has stored
what the page fetched (the offline copy; on the calculator after the engine): its requests are watched there
too. The other pages, each made from the same template as the first of its kind, are loaded without it: what
the worker does for a page is the same for each (store the files it fetched), and it took a sixth of each
page's time here (measured 12-08). Every file the worker can fetch is fetched, watched, by the offline tests'
"Make available offline".

Each page is loaded once and checked in both schemes: in the scheme it opens in, then in the other, switched
with Material's palette toggle as a reader switches it (the browser's preferred scheme is emulated to match
both times). Material keeps the chosen palette for the next page, so the pages open alternately light and
dark: each scheme gets every rule on about half the pages and the colour rules on all of them. Which scheme
is shown is asserted before each check: a stored palette wins over the browser's preference, so loading a page
again with the preference changed showed the light scheme both times.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SITE_DIR, PageProblems
from tests.browser.site_pages import site_pages
from tests.browser.waits import frames_rendered, offline_ready, page_settled

AXE = Axe()
PAGES = site_pages(SITE_DIR) if (SITE_DIR / "index.html").is_file() else []

# The browser's preferred scheme, and the palette Material shows for it (body[data-md-color-scheme]).
SCHEMES = {"light": "default", "dark": "slate"}
PALETTE_TOGGLE = '[data-md-component="palette"] label:not([hidden])'


# The axe rules whose verdict a colour scheme can change: everything else (names, roles, structure,
# landmarks, targets) is the same markup in both schemes, checked fully in the scheme the page opens in.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as shown (axe injected once per load): every rule, or ``rules``."""
    violations = page.evaluate("""(rules) => axe.run(rules ? { runOnly: { type: 'rule', values: rules },
      resultTypes: ['violations'] } : { resultTypes: ['violations'] }).then((r) => r.violations)""", rules)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in violations]


def _shown(page: Page) -> str | None:
    """The scheme the page shows (None on a page without Material's palette: a load that failed)."""
    shown = page.evaluate("document.body?.dataset.mdColorScheme")
    return next((scheme for scheme, palette in SCHEMES.items() if palette == shown), None)


def _switch_to(page: Page, scheme: str) -> None:
    """The other scheme, as a reader switches it: the palette toggle in the header."""
    page.emulate_media(color_scheme=scheme)
    page.locator(PALETTE_TOGGLE).click()
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    # Material marks the switch (transitions off) until the next frame; checked once it is over.
    expect(body).not_to_have_attribute("data-md-color-switching", "")
    frames_rendered(page)


def _kind(path: str) -> str:
    """A page's kind: its own path at the top of the site, else its folder (``recommendations``,
    ``safety/traceability``)."""
    return path.rsplit("/", 2)[0] if path.count("/") > 1 else path


WITH_SERVICE_WORKER = {next(path for path in PAGES if _kind(path) == kind) for kind in map(_kind, PAGES)}


@pytest.fixture(scope="module")
def _tabs(browser: Browser, browser_context_args: dict) -> Iterator[dict[bool, Page]]:
    """Two tabs, each in a profile of its own: with the site's service worker (True), and without it."""
    contexts = {with_worker: browser.new_context(**{**browser_context_args,
                                                    "service_workers": "allow" if with_worker else "block"})
                for with_worker in (True, False)}
    yield {with_worker: context.new_page() for with_worker, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.fixture
def tab(_tabs: dict[bool, Page], page_problems: PageProblems, path: str) -> Iterator[Page]:
    """The tab for this page, watched for this test's errors and off-origin requests (the service
    worker's too: PageProblems.watching listens on the context)."""
    with page_problems.watching(_tabs[path in WITH_SERVICE_WORKER]) as tab:
        yield tab


def _assert_the_csp(page: Page) -> None:
    policy = page.locator('head meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1
    content = policy.get_attribute("content") or ""
    script_src = content.split("script-src", 1)[1].split(";", 1)[0]
    assert "script-src 'self' 'wasm-unsafe-eval'" in content and "unsafe-inline" not in script_src, content


def test_every_page_is_checked(site_dir: Path) -> None:
    assert len(site_pages(site_dir)) > 20
    assert site_pages(site_dir) == PAGES, "the site changed after the tests were collected"
    # The service worker sees the first page (its install), every page at the top of the site (the
    # calculator's included) and the first of each folder's pages, and not the rest of a folder's.
    assert {"", "calculator/", "offline/", "recommendations/", "cases/", "safety/"} <= WITH_SERVICE_WORKER
    for folder in ("recommendations/", "cases/", "safety/traceability/"):
        with_worker = [path for path in WITH_SERVICE_WORKER if path.startswith(folder) and path != folder]
        assert len(with_worker) == 1, (folder, with_worker)


@pytest.mark.parametrize("path", PAGES or ["(no built site)"])
def test_every_page(tab: Page, base_url: str, site_dir: Path, path: str) -> None:
    assert PAGES, f"{site_dir} has no built site: run `make site` first (make test does)"
    # The scheme the last page was left in is the one Material will open this page in.
    opens_in = (_shown(tab) if tab.url.startswith(base_url) else None) or "light"
    tab.emulate_media(color_scheme=opens_in)
    requested: list[str] = []
    record = lambda request: requested.append(request.url)  # noqa: E731
    tab.context.on("request", record)
    try:
        tab.goto(f"{base_url}/{path}")
    finally:
        tab.context.remove_listener("request", record)
    if path in WITH_SERVICE_WORKER:
        # Until the page has done all it does on a visit, the offline copy included (installed from the
        # first page; on the calculator page after the engine).
        offline_ready(tab)
    page_settled(tab)  # checked as the reader sees it once it has settled, not half-built
    _assert_the_csp(tab)
    # The requests are watched (off-origin ones fail the test: the tab fixture).
    assert f"{base_url}/{path}" in requested
    assert _shown(tab) == opens_in
    tab.evaluate(AXE.axe_script)
    problems = {}
    for scheme in (opens_in, *(other for other in SCHEMES if other != opens_in)):
        if scheme != opens_in:
            _switch_to(tab, scheme)
        found = _violations(tab, None if scheme == opens_in else COLOUR_RULES)
        if found:
            problems[scheme] = found
    assert not problems, "\n".join(f"{scheme}: {found}" for scheme, found in problems.items())
