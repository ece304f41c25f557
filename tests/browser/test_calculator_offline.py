"""Offline, on the reader's terms and at little cost in bytes, counted at a server that sends files as static
hosts do (gzip for text and WebAssembly): a prose page costs its own files and the site's small shell; the
first calculator visit costs less than a plain Pyodide page and downloads nothing twice, and then the
calculator answers with the network off; "Make available offline" stores everything; Save-Data stops every
background download; "Remove everything stored" removes it and stops storing; a new build replaces the old
one whole, downloading only what changed; and a host that labels WebAssembly application/octet-stream works
too. Under the root or a sub-path."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from lbp_core.worked_cases import WORKED_CASES
from site_plugins.offline.manifest import MANIFEST_NAME, build_manifest, manifest_script, transfer_size
from tests.browser.calculator_page import CalculatorPage
from tests.browser.conftest import PageProblems, with_service_worker
from tests.browser.waits import offline_ready
from tests.browser.test_calculator_cases import assert_same_as_core, expected_triples
from tests.test_cli import run as run_cli
from tools.serve import SiteServer, start

ROOT = Path(__file__).resolve().parents[2]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CASE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
CHOICE_CACHE = "lbp-offline-choice"
PROSE_PAGE_BYTES = 1_000_000
CALCULATOR_SHARE_OF_NAIVE = 0.8
OFFLINE_CONFIG = {"exclude": ["*.map", "assets/javascripts/lunr/*"],
                  "shell": ["index.html", "404.html", "offline/index.html", "assets/*", "search/*",
                            "recommendations/search.json", "*.ico", "*.webmanifest"],
                  "engine_dir": "pyodide", "offline_page": "offline/index.html"}
pytestmark = with_service_worker


def manifest_of(site_dir: Path) -> dict:
    script = (site_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    return json.loads(script.split("=", 1)[1].strip().rstrip(";"))


def rebuild_manifest(site_dir: Path) -> dict:
    """The offline manifest of a site changed in place, as a new build writes it."""
    manifest = build_manifest(site_dir, **OFFLINE_CONFIG)
    (site_dir / MANIFEST_NAME).write_text(manifest_script(manifest), encoding="utf-8")
    return manifest


def engine_settings(page: Page) -> dict:
    return json.loads(page.locator("#lbp-engine-settings").get_attribute("data-json") or "{}")


def cache_names(page: Page) -> list[str]:
    return sorted(name for name in page.evaluate("caches.keys()") if name.startswith("lbp-"))


def sent_bytes(server: SiteServer) -> int:
    return sum(sent.body_bytes for sent in server.sent)


def naive_page_bytes(wheel: Path) -> int:
    """What a plain Pyodide page (loadPyodide, loadPackage of the wheel) downloads for the same case, as a
    host sends it: npm's runtime files, lock file and standard library, and the wheel."""
    return sum(transfer_size(NPM_PYODIDE / name) for name in (
        "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
    ) + transfer_size(wheel)


@pytest.fixture
def host(site_dir: Path) -> Iterator[tuple[SiteServer, str]]:
    """The built site on a server that compresses as static hosts do, counting what it sends."""
    server = start(site_dir, gzip=True)
    yield server, "http://{}:{}".format(*server.server_address[:2])
    server.shutdown()


@pytest.fixture
def fresh(browser: Browser, host: tuple[SiteServer, str]) -> Iterator[tuple[BrowserContext, PageProblems]]:
    """A fresh browser profile on ``host`` (empty caches, no service worker yet), watched for errors."""
    _, origin = host
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    context.on("request", problems.on_request)
    yield context, problems
    context.close()
    assert not problems.errors, "\n".join(problems.errors)
    assert not problems.foreign_requests, problems.foreign_requests


def test_a_prose_page_costs_its_own_files_and_the_small_shell_and_no_runtime_file(
        site_dir: Path, host: tuple[SiteServer, str], fresh: tuple[BrowserContext, PageProblems]) -> None:
    server, _ = host
    context, problems = fresh
    page = problems.watch(context.new_page())
    page.goto("/first-line/")
    offline_ready(page)  # the service worker has installed (the shell stored) and kept this page
    paths = [sent.path for sent in server.sent]
    assert not [path for path in paths if path.startswith("/pyodide/")], paths
    assert sent_bytes(server) <= PROSE_PAGE_BYTES, sent_bytes(server)
    downloaded = [sent.path for sent in server.sent if sent.status == 200]
    assert len(downloaded) == len(set(downloaded)), "a file was downloaded twice"
    # What it stored: the shell and this page, not the calculator's engine.
    assert [name for name in cache_names(page) if name != CHOICE_CACHE] == [
        f"lbp-offline-{manifest_of(site_dir)['version']}"]
    page.context.set_offline(True)
    try:
        page.reload()
        expect(page.locator("h1")).to_be_visible()
    finally:
        page.context.set_offline(False)


@pytest.mark.stock
def test_the_first_calculator_visit_costs_less_than_plain_pyodide_and_then_works_offline(
        site_dir: Path, host: tuple[SiteServer, str], fresh: tuple[BrowserContext, PageProblems]) -> None:
    server, _ = host
    context, problems = fresh
    page = problems.watch(context.new_page())
    calculator = CalculatorPage(page).open(CASE)
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-mode", "fresh")
    expect(calculator.root).to_have_attribute("data-engine-snapshot", "stored", timeout=60_000)
    offline_ready(page)  # the engine's files stored, from what the calculator fetched
    settings = engine_settings(page)
    expect(page.locator("html")).to_have_attribute("data-offline", "ready")
    page.wait_for_function("(name) => caches.open(name).then(c => c.keys()).then(k => k.length === 6)",
                           arg=f"lbp-engine-{settings['build']}", timeout=60_000)  # 5 files and the snapshot
    paths = [sent.path for sent in server.sent]
    runtime = [sent.path for sent in server.sent if sent.path.startswith("/pyodide/") and sent.status == 200]
    assert sorted(runtime) == sorted(f"/{settings['runtime']}{name}" for name in (
        "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
        settings["wheel"].rsplit("/", 1)[1])), "each runtime file once"
    naive = naive_page_bytes(site_dir / settings["wheel"])
    if settings["glue"] == "lbp":  # the build as shipped; npm's files unchanged (LBP_STOCK_PYODIDE=1) cost more
        assert sent_bytes(server) <= CALCULATOR_SHARE_OF_NAIVE * naive, (sent_bytes(server), naive)

    # The network goes: the calculator restores the snapshot it stored and answers as the CLI does.
    context.set_offline(True)
    try:
        page.reload()
        calculator.ready()
        assert page.evaluate("!!navigator.serviceWorker.controller")
        expect(calculator.root).to_have_attribute("data-engine-mode", "snapshot")
        assert_same_as_core(calculator, CASE)
        for worked in WORKED_CASES[4::12]:  # a red flag and a chronic case, each from its link (a load)
            page.goto("/")
            calculator.open(worked.case)
            calculator.ready()
            cli = run_cli("evaluate", "-", stdin=json.dumps(worked.case))
            assert cli.returncode == 0, cli.stderr
            expected = json.loads(cli.stdout)
            assert calculator.result.get_attribute("data-triage") == expected["triage"], worked.case
            assert calculator.action_triples() == expected_triples(expected), worked.case
            assert_same_as_core(calculator, worked.case)
        # A page never read is not on the device: the page says so (503), not "not found".
        problems.allowed_console_errors.append("status of 503 (Service Unavailable)")
        response = page.goto("/assessment/")
        assert response is not None and response.status == 503
        expect(page.locator("h1")).to_contain_text("Not stored on this device")
    finally:
        context.set_offline(False)


def test_a_missing_page_offline_is_the_sites_not_found_page(page: Page,
                                                           page_problems: PageProblems) -> None:
    page_problems.allowed_console_errors.append("status of 404 (Not Found)")  # the page's own status
    page.goto("/")
    offline_ready(page)
    page.context.set_offline(True)
    try:
        response = page.goto("/no-such-page/")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
    finally:
        page.context.set_offline(False)


def test_make_available_offline_stores_every_page_and_the_calculator(
        site_dir: Path, fresh: tuple[BrowserContext, PageProblems]) -> None:
    context, problems = fresh
    page = problems.watch(context.new_page())
    page.goto("/about/")
    offline_ready(page)
    manifest = manifest_of(site_dir)
    control = page.locator("[data-lbp-offline-control]")
    button = control.get_by_role("button", name="Make available offline")
    expect(button).to_be_visible()
    expect(button).to_have_text(re.compile(r"^Make available offline \(\d+(\.\d)? MB\)$"))
    button.click()
    expect(page.locator("html")).to_have_attribute("data-offline-stored", "true", timeout=120_000)
    expect(control.locator("[data-lbp-offline-status]")).to_contain_text("stored on this device")
    page.reload()  # a first visit's page is not the service worker's until it loads again
    assert page.evaluate("!!navigator.serviceWorker.controller")
    context.set_offline(True)
    try:
        # Every file of the build is there: the service worker answers each without the network.
        missing = page.evaluate("""async (paths) => {
          const missing = [];
          for (const path of paths) {
            const url = new URL(path.replace(/index\\.html$/, ""), document.baseURI.replace(/about\\/$/, ""));
            const response = await fetch(url).catch(() => null);
            if (!response || !response.ok) missing.push(path);
          }
          return missing;
        }""", sorted(manifest["files"]))
        assert missing == []
        page.goto("/assessment/")
        expect(page.locator("h1")).to_be_visible()
        calculator = CalculatorPage(page).open(CASE)
        calculator.ready()  # from the stored runtime, a fresh start with no network at all
        assert_same_as_core(calculator, CASE)
    finally:
        context.set_offline(False)


def test_save_data_downloads_nothing_in_the_background(
        host: tuple[SiteServer, str], fresh: tuple[BrowserContext, PageProblems]) -> None:
    server, _ = host
    context, problems = fresh
    page = problems.watch(context.new_page())
    context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    assert page.evaluate("navigator.connection.saveData")
    page.goto("/first-line/")
    expect(page.locator("html")).to_have_attribute("data-offline", "off")
    calculator = CalculatorPage(page).open(CASE)
    calculator.ready()  # the calculator itself still works, with what it needs
    assert_same_as_core(calculator, CASE)
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    # Everything downloaded was fetched by the pages themselves or by the calculator's engine worker.
    resources = "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
    fetched = {*page.evaluate(resources), *(path for worker in page.workers for path in worker.evaluate(resources))}
    background = [sent.path for sent in server.sent
                  if sent.path.split("?")[0] not in fetched and sent.path not in ("/first-line/", "/calculator/")]
    assert not [path for path in background if path.endswith(("sw.js", MANIFEST_NAME))], background
    assert not background, background


def test_remove_everything_stored_and_nothing_is_stored_again_until_asked(
        host: tuple[SiteServer, str], fresh: tuple[BrowserContext, PageProblems]) -> None:
    server, _ = host
    context, problems = fresh
    page = problems.watch(context.new_page())
    calculator = CalculatorPage(page).open(CASE)
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-snapshot", "stored", timeout=60_000)
    offline_ready(page)
    page.goto("/safety/privacy/")
    panel = page.locator("[data-lbp-offline-storage]")
    expect(panel.locator("[data-lbp-offline-list] li")).to_have_count(4)  # shell, pages, engine, snapshot
    expect(panel).to_contain_text("The calculator's engine")
    panel.get_by_role("button", name="Remove everything stored").click()
    expect(panel.locator("[data-lbp-offline-status]")).to_contain_text("Removed")
    assert cache_names(page) == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    server.sent.clear()
    page.goto("/first-line/")
    expect(page.locator("html")).to_have_attribute("data-offline", "off")
    calculator.open(CASE)
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-snapshot", "not kept", timeout=60_000)
    assert cache_names(page) == []
    assert not [sent.path for sent in server.sent if sent.path.endswith(("sw.js", MANIFEST_NAME))]
    # Asked again, it stores everything again.
    page.goto("/safety/privacy/")
    panel.get_by_role("button", name="Make available offline").click()
    expect(page.locator("html")).to_have_attribute("data-offline-stored", "true", timeout=120_000)


def test_a_host_that_labels_webassembly_octet_stream_still_works_offline(
        browser: Browser, site_dir: Path) -> None:
    """Many hosts (S3 by default, older nginx) send .wasm as application/octet-stream, which the browser
    will not compile as it streams: the engine and the offline copy relabel it."""
    server = start(site_dir, mime_types={".wasm": "application/octet-stream"})
    origin = "http://{}:{}".format(*server.server_address[:2])
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    page = problems.watch(context.new_page())
    try:
        calculator = CalculatorPage(page).open(CASE)
        wasm = page.request.get(f"/{engine_settings(page)['runtime']}pyodide.asm.wasm")
        assert wasm.headers["content-type"] == "application/octet-stream"
        calculator.ready()
        expect(calculator.root).to_have_attribute("data-engine-snapshot", "stored", timeout=60_000)
        offline_ready(page)
        context.set_offline(True)
        page.reload()
        calculator.ready()
        for worked in WORKED_CASES[:3]:
            calculator.show(worked.case)
            assert_same_as_core(calculator, worked.case)
        # A fresh start from the stored copy compiles its WebAssembly as it streams from there.
        page.evaluate("""async (name) => { const c = await caches.open(name);
          for (const k of await c.keys()) if (k.url.endsWith('/engine.snapshot')) await c.delete(k); }""",
                      f"lbp-engine-{engine_settings(page)['build']}")
        calculator.open(CASE)
        page.reload()
        calculator.ready()
        expect(calculator.root).to_have_attribute("data-engine-mode", "fresh")
        assert_same_as_core(calculator, CASE)
        assert not problems.errors, "\n".join(problems.errors)
    finally:
        context.close()
        server.shutdown()


@pytest.fixture
def served_copy(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, str, SiteServer]]:
    """A copy of the built site under the sub-path /lbp/, as project sites on static hosts are."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = start(copy, base="/lbp/", gzip=True)
    host, port = server.server_address[:2]
    yield copy, f"http://{host}:{port}", server
    server.shutdown()


def test_sub_path_offline_and_clean_update(browser: Browser, served_copy: tuple[Path, str, SiteServer]) -> None:
    copy, origin, server = served_copy
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    page = problems.watch(context.new_page())
    context.on("request", problems.on_request)
    try:
        calculator = CalculatorPage(page)
        page.goto("/lbp/calculator/#duration_weeks=3&fever=true")
        calculator.ready()
        offline_ready(page)
        engine_cache = f"lbp-engine-{engine_settings(page)['build']}"
        old_cache = next(name for name in cache_names(page)
                         if name.startswith("lbp-offline-") and name != CHOICE_CACHE)
        context.set_offline(True)
        page.reload()
        calculator.ready()
        expect(calculator.result).to_have_attribute("data-triage", "prompt")
        context.set_offline(False)

        # A new build: one page changes, so the manifest (and the version) changes.
        index = copy / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "</h1>", " (revised)</h1>", 1), encoding="utf-8")
        manifest = rebuild_manifest(copy)
        server.sent.clear()
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = page.locator("#lbp-update-ready")
        expect(notice).to_be_visible(timeout=120_000)
        # Only what changed was downloaded: the unchanged shell was carried over from the old copy.
        downloaded = {sent.path for sent in server.sent}
        assert downloaded <= {"/lbp/sw.js", f"/lbp/{MANIFEST_NAME}", "/lbp/"}, downloaded
        # On a phone, in the form, it sits above "Show the result" and the summary rather than over them.
        viewport = page.viewport_size
        page.set_viewport_size({"width": 375, "height": 812})
        page.locator("#lbp-f-duration_weeks").focus()
        jump = page.locator("#lbp-jump")
        expect(jump).to_be_visible()
        boxes = page.evaluate("""() => ['#lbp-update-ready', '#lbp-jump', '[data-lbp-summary]'].map((s) => {
          const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom]; })""")
        (_, notice_bottom), (jump_top, jump_bottom), (summary_top, _) = boxes
        assert notice_bottom <= jump_top <= jump_bottom <= summary_top, boxes
        page.set_viewport_size(viewport)
        page.evaluate("window.__oldBuild = true")
        notice.get_by_role("button", name="Reload to update").click()
        # Waits for the reload itself: a same-document change of the address (the calculator rewrites
        # the case in it) also counts as a navigation.
        page.wait_for_function("() => !window.__oldBuild", timeout=120_000)
        calculator.ready()
        # The new worker deleted the old copy as it activated; the engine, unchanged, kept its cache.
        page.wait_for_function("(old) => caches.keys().then(keys => !keys.includes(old))", arg=old_cache,
                               timeout=120_000)
        assert f"lbp-offline-{manifest['version']}" in cache_names(page)
        assert engine_cache in cache_names(page)
        expect(calculator.root).to_have_attribute("data-engine-mode", "snapshot")
        context.set_offline(True)
        page.goto("/lbp/")
        expect(page.locator("h1")).to_contain_text("(revised)")

        # Another build: "Later" puts the notice away, and the current build goes on working.
        context.set_offline(False)
        index.write_text(index.read_text(encoding="utf-8").replace(
            "(revised)", "(revised again)", 1), encoding="utf-8")
        rebuild_manifest(copy)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        expect(notice).to_be_visible(timeout=120_000)
        notice.get_by_role("button", name="Later").click()
        expect(notice).not_to_be_attached()
        expect(page.locator("h1")).to_contain_text("(revised)")
    finally:
        context.close()
    assert not problems.errors, problems.errors
    assert not problems.foreign_requests, problems.foreign_requests


def test_a_new_build_reloads_every_tab_so_none_mixes_two_builds(
        browser: Browser, served_copy: tuple[Path, str, SiteServer]) -> None:
    """Another tab let the new build in: this one then fetched the new build's pages into the old one's
    shell (instant navigation), and its calculator engine stayed the old build's."""
    copy, origin, _ = served_copy
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    context.on("request", problems.on_request)
    try:
        first, other = problems.watch(context.new_page()), problems.watch(context.new_page())
        first.goto("/lbp/")
        offline_ready(first)
        calculator = CalculatorPage(other)
        other.goto("/lbp/calculator/#duration_weeks=3&fever=true")
        calculator.ready()
        offline_ready(other)
        first.reload()  # both tabs now run under the offline copy
        assert first.evaluate("!!navigator.serviceWorker.controller")
        assert other.evaluate("!!navigator.serviceWorker.controller")
        other.evaluate("window.__oldBuild = true")

        index = copy / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "</h1>", " (revised)</h1>", 1), encoding="utf-8")
        rebuild_manifest(copy)
        first.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = first.locator("#lbp-update-ready")
        expect(notice).to_be_visible(timeout=120_000)
        with first.expect_navigation():
            notice.get_by_role("button", name="Reload to update").click()
        expect(first.locator("h1")).to_contain_text("(revised)")
        # The other tab reloaded by itself, with its case, under the new build.
        other.wait_for_function("!window.__oldBuild", timeout=120_000)
        calculator.ready()
        expect(calculator.result).to_have_attribute("data-triage", "prompt")
        other.goto("/lbp/")
        expect(other.locator("h1")).to_contain_text("(revised)")
    finally:
        context.close()
    assert not problems.errors, problems.errors
    assert not problems.foreign_requests, problems.foreign_requests
