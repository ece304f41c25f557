"""Offline: after one visit the site and the calculator work with the network off, under the root or a
sub-path; a new build replaces the old one whole, and the page says when it is ready."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lbp_core.worked_cases import WORKED_CASES
from site_plugins.offline.manifest import MANIFEST_NAME, build_manifest, manifest_script
from tests.browser.calculator_page import CalculatorPage
from tests.browser.test_calculator_cases import assert_same_as_core, expected_triples
from tests.browser.conftest import PageProblems, with_service_worker
from tests.test_cli import run as run_cli
from tools.serve import start

CASE = {"duration_weeks": 8, "conservative_care_weeks": 6, "radicular_symptoms": True}
pytestmark = with_service_worker


def wait_for_offline_copy(page: Page) -> str:
    """Until a service worker has precached this build and is active, and the page has finished with it
    (after a first install, the engine's modules are compiled from it); returns its cache name."""
    page.wait_for_function("navigator.serviceWorker.ready.then(r => !!r.active)", timeout=120_000)
    page.wait_for_function(
        "caches.keys().then(keys => keys.some(k => k.startsWith('lbp-offline-')))", timeout=120_000)
    page.wait_for_function("() => document.documentElement.dataset.offline === 'ready'", timeout=120_000)
    return page.evaluate("caches.keys().then(keys => keys.find(k => k.startsWith('lbp-offline-')))")


def manifest_of(site_dir: Path) -> dict:
    script = (site_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    return json.loads(script.split("=", 1)[1].strip().rstrip(";"))


def rebuild_manifest(site_dir: Path) -> dict:
    """The offline manifest of a site changed in place, as a new build writes it (same warm-up list)."""
    manifest = build_manifest(site_dir, exclude=["*.map"], warm=manifest_of(site_dir)["warm"])
    (site_dir / MANIFEST_NAME).write_text(manifest_script(manifest), encoding="utf-8")
    return manifest


def test_a_missing_page_offline_is_the_sites_not_found_page(page: Page,
                                                           page_problems: PageProblems) -> None:
    page_problems.allowed_console_errors.append("status of 404 (Not Found)")  # the page's own status
    page.goto("/")
    wait_for_offline_copy(page)
    page.context.set_offline(True)
    try:
        response = page.goto("/no-such-page/")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
    finally:
        page.context.set_offline(False)


def test_offline_reload_gives_the_same_result(page: Page) -> None:
    calculator = CalculatorPage(page).open(CASE)
    calculator.ready()
    wait_for_offline_copy(page)
    page.context.set_offline(True)
    try:
        page.reload()
        calculator.ready()
        assert page.evaluate("!!navigator.serviceWorker.controller")
        assert_same_as_core(calculator, CASE)
        # Cases opened from their links, each a fresh load with the network off, give what the CLI gives.
        for worked in WORKED_CASES[::4]:
            page.goto("/assessment/")
            calculator.open(worked.case)
            calculator.ready()
            cli = run_cli("evaluate", "-", stdin=json.dumps(worked.case))
            assert cli.returncode == 0, cli.stderr
            expected = json.loads(cli.stdout)
            assert calculator.result.get_attribute("data-triage") == expected["triage"], worked.case
            assert calculator.action_triples() == expected_triples(expected), worked.case
            assert_same_as_core(calculator, worked.case)
        page.goto("/assessment/")
        expect(page.locator("h1")).to_be_visible()
        page.goto("/cases/")
        expect(page.locator("a[data-case]").first).to_be_visible()
    finally:
        page.context.set_offline(False)


@pytest.fixture
def served_copy(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the built site under the sub-path /lbp/, as project sites on static hosts are."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = start(copy, base="/lbp/")
    host, port = server.server_address[:2]
    yield copy, f"http://{host}:{port}"
    server.shutdown()


def test_first_install_compiles_the_engine_modules_from_the_offline_copy(page: Page, site_dir: Path) -> None:
    warm = manifest_of(site_dir)["warm"]
    assert "pyodide/pyodide.asm.mjs" in warm
    CalculatorPage(page).open(CASE).ready()
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=120_000)
    # Every listed module was imported through the service worker, i.e. from the offline copy, and the
    # one with a warm-up (the engine's) finished it.
    assert page.get_attribute("html", "data-offline-warmed") == f"{len(warm)}/{len(warm)}"
    assert page.get_attribute("html", "data-offline-warmed-up") == "1/1"
    page.reload()  # now controlled: nothing to prepare again
    CalculatorPage(page).ready()
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=120_000)
    assert page.get_attribute("html", "data-offline-warmed") is None
    assert page.get_attribute("html", "data-offline-warmed-up") is None


def _trace_events(trace: bytes) -> list[str]:
    events = json.loads(trace)
    return [event.get("name", "") for event in (events["traceEvents"] if isinstance(events, dict) else events)]


def test_from_the_offline_copy_the_engine_reuses_the_code_its_warm_up_left(page: Page) -> None:
    """A first visit compiles Pyodide's WebAssembly in the engine worker. After the install, the engine
    runs once from the offline copy (warm-up.js); from then on it compiles the WebAssembly as it streams
    from the copy, in its compile worker, and Chromium reads the compiled code its warm-up left instead of
    compiling it again. The results are the core's."""
    calculator = CalculatorPage(page).open(CASE)
    calculator.ready()
    expect(calculator.root).to_have_attribute("data-engine-compiled", "engine worker")
    wait_for_offline_copy(page)
    browser = page.context.browser
    assert browser is not None
    browser.start_tracing(page=page, categories=["disabled-by-default-devtools.timeline"])
    try:
        page.reload()
        calculator.ready()
    finally:
        events = _trace_events(browser.stop_tracing())
    expect(calculator.root).to_have_attribute("data-engine-compiled", "compile worker")
    assert "v8.wasm.streamFromResponseCallback" in events  # the trace did see the compile
    assert "v8.wasm.moduleCacheHit" in events
    assert "v8.wasm.moduleCacheInvalid" not in events and "v8.wasm.moduleCacheInvalidDigest" not in events
    for worked in WORKED_CASES:
        calculator.show(worked.case)
        assert_same_as_core(calculator, worked.case)


def test_a_host_that_labels_webassembly_octet_stream_still_works_from_the_offline_copy(
        browser: Browser, site_dir: Path) -> None:
    """Many hosts (S3 by default, older nginx) send .wasm as application/octet-stream. The first visit
    reads it whole and does not mind; later visits compile it as it streams from the offline copy, which
    the browser allows only for application/wasm, so the copy keeps it under that type."""
    server = start(site_dir, mime_types={".wasm": "application/octet-stream"})
    origin = "http://{}:{}".format(*server.server_address[:2])
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    page = problems.watch(context.new_page())
    try:
        wasm = page.request.get("/pyodide/pyodide.asm.wasm")
        assert wasm.headers["content-type"] == "application/octet-stream"
        calculator = CalculatorPage(page).open(CASE)
        calculator.ready()
        wait_for_offline_copy(page)
        assert page.get_attribute("html", "data-offline-warmed-up") == "1/1"
        context.set_offline(True)
        page.reload()
        calculator.ready()
        expect(calculator.root).to_have_attribute("data-engine-compiled", "compile worker")
        for worked in WORKED_CASES[:3]:
            calculator.show(worked.case)
            assert_same_as_core(calculator, worked.case)
        assert not problems.errors, "\n".join(problems.errors)
    finally:
        context.close()
        server.shutdown()


def test_the_offline_copy_answers_assets_without_running_the_service_worker(page: Page) -> None:
    CalculatorPage(page).open(CASE).ready()
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=120_000)
    page.reload()
    CalculatorPage(page).ready()
    sources = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter((entry) => /\\/(assets|pyodide)\\//.test(new URL(entry.name).pathname))
        .map((entry) => [new URL(entry.name).pathname, entry.workerMatchedSourceType])""")
    assert sources and all(source == "cache" for _, source in sources), sources


def test_sub_path_offline_and_clean_update(browser: Browser, served_copy: tuple[Path, str]) -> None:
    copy, origin = served_copy
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    page = problems.watch(context.new_page())
    context.on("request", problems.on_request)
    try:
        calculator = CalculatorPage(page)
        page.goto(f"/lbp/calculator/#duration_weeks=3&fever=true")
        calculator.ready()
        old_cache = wait_for_offline_copy(page)
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
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = page.locator("#lbp-update-ready")
        expect(notice).to_be_visible(timeout=120_000)
        # On a phone, in the form, it sits above "Show the result" rather than over it.
        viewport = page.viewport_size
        page.set_viewport_size({"width": 375, "height": 812})
        page.locator("#lbp-f-duration_weeks").focus()
        jump = page.locator("#lbp-jump")
        expect(jump).to_be_visible()
        assert notice.bounding_box()["y"] + notice.bounding_box()["height"] <= jump.bounding_box()["y"]
        page.set_viewport_size(viewport)
        page.evaluate("window.__oldBuild = true")
        notice.get_by_role("button", name="Reload to update").click()
        # Waits for the reload itself: a same-document change of the address (the calculator rewrites
        # the case in it) also counts as a navigation, and waiting for "a navigation" let the checks
        # below run in the page being replaced (they then hung).
        page.wait_for_function("() => !window.__oldBuild", timeout=120_000)
        calculator.ready()
        # The new worker deletes the old cache as it activates.
        page.wait_for_function("caches.keys().then(keys => keys.filter(k => k.startsWith('lbp-offline-'))"
                               ".length === 1)", timeout=120_000)
        ours = [name for name in page.evaluate("caches.keys()") if name.startswith("lbp-offline-")]
        assert ours == [f"lbp-offline-{manifest['version']}"]
        assert old_cache != f"lbp-offline-{manifest['version']}"
        # The code stored for the engine went with the old copy: the new one is prepared once, as the first
        # install was, and not again on the next page.
        page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=120_000)
        assert page.get_attribute("html", "data-offline-warmed-up") == "1/1"
        page.reload()
        calculator.ready()
        page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=120_000)
        assert page.get_attribute("html", "data-offline-warmed-up") is None
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
        browser: Browser, served_copy: tuple[Path, str]) -> None:
    """Another tab let the new build in: this one then fetched the new build's pages into the old one's
    shell (instant navigation), and its calculator engine stayed the old build's."""
    copy, origin = served_copy
    context = browser.new_context(base_url=origin)
    problems = PageProblems(origin)
    context.on("request", problems.on_request)
    try:
        first, other = problems.watch(context.new_page()), problems.watch(context.new_page())
        first.goto("/lbp/")
        wait_for_offline_copy(first)
        calculator = CalculatorPage(other)
        other.goto("/lbp/calculator/#duration_weeks=3&fever=true")
        calculator.ready()
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
