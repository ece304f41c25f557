"""Installable: Chromium finds nothing stopping the site from being put on a home screen, at the root and
under a sub-path, online and from the offline copy; the browser's bar takes the header's colour.

Chromium's own check is asked over the DevTools protocol (``Page.getInstallabilityErrors``). Chromium
decides it from the manifest alone: name, a start URL, ``display`` other than ``browser``, an icon of
purpose ``any`` of at least 144 px (components/webapps/browser/installable/installable_evaluator.cc); it
no longer asks for a service worker. It also refuses every page of an off-the-record profile
(``in-incognito``), which is what Playwright's ``browser.new_context()`` opens: these tests use a real
profile, in a temporary folder, as a reader's browser has.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Browser, BrowserContext, BrowserType, Page, expect

from site_plugins.offline.webmanifest import APPLE_TOUCH_ICON, ICON_SOURCE, ICONS, WEBMANIFEST_NAME
from tests.browser.calculator_page import MATERIAL_STARTED
from tests.browser.conftest import PageProblems, sitemap_for_this_server
from tools.app_icons import draw, logo_svg
from tools.serve import start

SUB_PATH = "/lbp/"
PAGES = ["", "calculator/"]


@pytest.fixture(scope="module")
def sub_path_url(site_dir: Path) -> Iterator[str]:
    server = start(site_dir, base=SUB_PATH)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}{SUB_PATH}"
    server.shutdown()


@pytest.fixture(params=["root", "sub-path"])
def site_root(request: pytest.FixtureRequest, base_url: str) -> str:
    """Where the site is served, with a trailing slash."""
    return base_url + "/" if request.param == "root" else request.getfixturevalue("sub_path_url")


@pytest.fixture
def profile(browser_type: BrowserType, browser_type_launch_args: dict[str, Any],
            tmp_path: Path) -> Iterator[BrowserContext]:
    """Chromium with a profile of its own on disk (not off the record), fresh for each test."""
    context = browser_type.launch_persistent_context(tmp_path / "profile", **browser_type_launch_args)
    yield context
    context.close()


@pytest.fixture
def app_page(profile: BrowserContext, site_root: str) -> Iterator[Page]:
    url = urlsplit(site_root)
    problems = PageProblems(f"{url.scheme}://{url.netloc}")
    page = problems.watch(profile.pages[0] if profile.pages else profile.new_page())
    profile.on("request", problems.on_request)
    yield page
    assert not problems.errors, "\n".join(problems.errors)
    assert not problems.foreign_requests, problems.foreign_requests


def installability_errors(page: Page) -> list[dict[str, Any]]:
    session = page.context.new_cdp_session(page)
    try:
        answer = session.send("Page.getInstallabilityErrors")
    finally:
        session.detach()
    print(f"Page.getInstallabilityErrors at {page.url}: {json.dumps(answer)}")  # shown with pytest -s
    return answer["installabilityErrors"]


def app_manifest(page: Page) -> dict[str, Any]:
    session = page.context.new_cdp_session(page)
    try:
        return session.send("Page.getAppManifest")
    finally:
        session.detach()


@pytest.mark.parametrize("path", PAGES, ids=["home", "calculator"])
def test_chromium_finds_the_page_installable(app_page: Page, site_root: str, path: str) -> None:
    app_page.goto(site_root + path)
    assert installability_errors(app_page) == []

    answer = app_manifest(app_page)
    assert answer["url"] == site_root + WEBMANIFEST_NAME
    assert answer["errors"] == []
    manifest = answer["manifest"]
    # Relative to the manifest, so inside wherever the site is served.
    assert manifest["startUrl"] == site_root
    assert manifest["scope"] == answer["parsed"]["scope"] == site_root
    assert manifest["display"] == "kStandalone"
    assert manifest["shortcuts"] == [{"name": "Calculator", "url": site_root + "calculator/"}]
    icons = manifest["icons"]
    assert len(icons) == 3 and all(icon["url"].startswith(site_root) for icon in icons)
    # The app's identity is on the site's origin (site_url's path: the address the site is built for).
    origin = urlsplit(site_root)
    assert urlsplit(manifest["id"])[:2] == origin[:2]
    for url in [icon["url"] for icon in icons] + [site_root + APPLE_TOUCH_ICON.url]:
        response = app_page.request.get(url)
        assert response.status == 200 and response.headers["content-type"] == "image/png", url


def test_the_installed_app_opens_from_the_offline_copy(app_page: Page, site_root: str) -> None:
    """Installing the site is the reader's say to keep it whole (register.js stores everything on the
    browser's "appinstalled", as "Make available offline" does): opened from the home screen with no
    network, its start page and its shortcut to the calculator load from the offline copy, which also holds
    the manifest and icons Chromium checks."""
    app_page.goto(site_root)
    app_page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=120_000)
    app_page.evaluate("window.dispatchEvent(new Event('appinstalled'))")  # as the browser says on install
    app_page.wait_for_selector("html[data-offline-stored=true]", state="attached", timeout=180_000)
    app_page.reload()
    assert app_page.evaluate("navigator.serviceWorker.controller !== null")
    manifest = app_manifest(app_page)["manifest"]
    app_page.context.set_offline(True)
    try:
        app_page.goto(manifest["startUrl"])
        expect(app_page.locator("h1").first).to_be_visible()
        assert installability_errors(app_page) == []
        app_page.goto(manifest["shortcuts"][0]["url"] + "#duration_weeks=2&saddle_anesthesia=true")
        result = app_page.locator("#lbp-result")
        expect(result).to_have_attribute("data-state", "ready", timeout=60_000)
        expect(result).to_have_attribute("data-triage", "emergency")
        assert installability_errors(app_page) == []
    finally:
        app_page.context.set_offline(False)


def test_pages_reached_by_instant_navigation_stay_installable(app_page: Page, site_root: str) -> None:
    """Material's instant navigation swaps the <head> of each page it loads in place: one manifest link
    remains, resolving to the same manifest, and the theme colours are not doubled."""
    sitemap_for_this_server(app_page, site_root.rstrip("/"))
    app_page.goto(site_root)
    app_page.wait_for_function(MATERIAL_STARTED)
    app_page.evaluate("window.__sameDocument = true")
    for path, title in [("assessment/", "Initial assessment"), ("calculator/", "Calculator")]:
        app_page.locator(f'.md-nav__link[href$="{path}"]').first.click()
        expect(app_page).to_have_url(site_root + path)
        expect(app_page.locator("h1").first).to_contain_text(title)
        assert app_page.evaluate("window.__sameDocument") is True
        head = app_page.evaluate("""() => ({
            manifests: [...document.querySelectorAll('link[rel="manifest"]')].map((link) => link.href),
            colours: document.querySelectorAll('meta[name="theme-color"][media]').length})""")
        assert head == {"manifests": [site_root + WEBMANIFEST_NAME], "colours": 2}, head
        assert installability_errors(app_page) == []


THEME_COLOUR = """() => {
    const css = (value) => {  // a CSS colour as the browser computes it: rgb(r, g, b)
      const probe = document.createElement("i");
      probe.style.color = value;
      document.body.append(probe);
      const computed = getComputedStyle(probe).color;
      probe.remove();
      return computed;
    };
    // The browser takes the first theme-color in tree order whose media matches (Material's palette
    // script appends one of its own, with no media, after ours).
    const meta = [...document.querySelectorAll('meta[name="theme-color"]')]
      .find((meta) => matchMedia(meta.getAttribute("media") || "all").matches);
    return {meta: css(meta.content),
            header: getComputedStyle(document.querySelector(".md-header")).backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_browsers_bar_takes_the_headers_colour(page: Page, base_url: str, site_dir: Path,
                                                   scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base_url + "/calculator/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default" if scheme == "light" else "slate")
    colours = page.evaluate(THEME_COLOUR)
    assert colours["meta"] == colours["header"], colours
    if scheme == "light":  # the manifest has one colour, the light scheme's, as the app opens in it
        manifest = json.loads((site_dir / WEBMANIFEST_NAME).read_text(encoding="utf-8"))
        rgb = tuple(int(manifest["theme_color"][i:i + 2], 16) for i in (1, 3, 5))
        assert colours["header"] == "rgb({}, {}, {})".format(*rgb)
    # The reader's own choice of scheme, against the system's: the bar still matches the header.
    page.locator("label[for^='__palette_']:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate" if scheme == "light" else "default")
    colours = page.evaluate(THEME_COLOUR)
    assert colours["meta"] == colours["header"], colours


def test_the_committed_icons_are_what_the_script_draws_now(browser: Browser) -> None:
    """Fails when the logo, the colour or ICONS changed without ``python -m tools.app_icons`` being run
    (tests/test_app_icons.py checks the committed files themselves)."""
    drawn = draw(*logo_svg(), browser=browser)
    assert sorted(drawn) == sorted(icon.file for icon in ICONS)
    for icon in ICONS:
        committed = Image.open(ICON_SOURCE / icon.file).convert("RGBA")
        fresh = Image.open(io.BytesIO(drawn[icon.file])).convert("RGBA")
        assert fresh.size == committed.size
        # A newer Chromium may shade an edge pixel differently; the picture itself must not change.
        difference = ImageStat.Stat(ImageChops.difference(fresh, committed)).mean
        assert max(difference) < 1.0, (icon.file, difference)
