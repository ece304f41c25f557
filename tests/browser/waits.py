"""Waits on states the page declares, shared by the browser tests: never on the clock.

A test's verdict must not depend on how fast the machine is: each wait here ends on an event or a state the
page (or Material, or the browser's rendering) reports, with a timeout far beyond the slow path that only
turns a hang into a failure.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Page

__all__ = ["SETTLE_TIMEOUT_MS", "SITEMAP_PROBE", "frames_rendered", "instant_navigation_ready",
           "offline_ready", "page_settled", "scroll_recorded", "until"]

SETTLE_TIMEOUT_MS = 120_000
"""For waits on a state that comes after heavy work (the offline copy, a search index, a reload)."""

# Material's instant navigation handles a click only once it has its sitemap (a click before goes through
# as a full page load): the sitemap is parsed with DOMParser, and used in the same task, so once this flag
# is set a click is Material's. Installed by ``sitemap_for_this_server`` (conftest.py).
SITEMAP_PROBE = """(() => {
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const parsed = parse.call(this, text, type);
    if (parsed && parsed.documentElement && parsed.documentElement.localName === "urlset") {
      window.__lbpSitemapParsed = true;
    }
    return parsed;
  };
})();"""


def frames_rendered(page: Page, count: int = 2) -> None:
    """Until the browser has rendered ``count`` frames from now: scroll events, resize and intersection
    observers and the page's own corrections made in them (all run before a frame is drawn) are done."""
    page.evaluate("""count => new Promise((done) => {
      const step = (left) => left === 0 ? done() : requestAnimationFrame(() => step(left - 1));
      step(count);
    })""", count)


def instant_navigation_ready(page: Page) -> None:
    """Until Material has started and has its sitemap, so that a click on a site link is an instant
    navigation."""
    page.wait_for_function("() => typeof window.document$ === 'object' && window.__lbpSitemapParsed === true",
                           timeout=SETTLE_TIMEOUT_MS)


def scroll_recorded(page: Page) -> None:
    """Until the current scroll offset is the one Material keeps in ``history.state`` for Back (it records
    it after each scroll) and the page has handled the scroll events."""
    frames_rendered(page)
    page.wait_for_function("() => history.state !== null && history.state.y === Math.max(0, window.scrollY)",
                           timeout=SETTLE_TIMEOUT_MS)


def offline_ready(page: Page) -> None:
    """Until the page has finished with the site's offline copy: ``<html data-offline="ready">`` (set by the
    offline plugin's register.js once the service worker is active, the shell stored, and what this page
    fetched kept; on the calculator page that starts after the engine)."""
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=SETTLE_TIMEOUT_MS)


def until(page: Page, condition: Callable[[], bool], what: str) -> None:
    """Until ``condition``, a state the test itself records from the page's events (a request a route
    handler holds, say), holds: each turn renders a frame, which lets Playwright deliver those events."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_MS / 1000
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        frames_rendered(page, 1)


def page_settled(page: Page) -> None:
    """Until a freshly loaded page is as the reader will see it: Material has started, the calculator, if
    any, shows a result or an error, and the next frame is drawn."""
    page.wait_for_function("""() => typeof window.document$ === 'object' && (
        document.getElementById('lbp-calculator') === null
        || ['ready', 'error'].includes(document.getElementById('lbp-result')?.dataset.state))""",
                           timeout=SETTLE_TIMEOUT_MS)
    frames_rendered(page)
