"""The calculator in headless Chromium against a naive baseline page, in the same run on the same files.

Scenarios (median of ``RUNS`` runs each), all timed from navigation start to the first result on screen:

- **cold**: a fresh browser context (empty HTTP cache, no service worker), first visit;
- **warm**: a repeat visit in the same context (the service worker has precached the site, the engine's
  modules have been compiled once from that copy and the engine has run once from it,
  ``data-offline=ready``; the baseline has its HTTP cache);
- **recompute**: on a ready calculator, one input changed -> the new result rendered (p95 over
  ``CHANGES`` changes);
- **summary on a phone**: at 375x812, a tick -> the answer-at-a-glance bar updated and painted (p95 over
  ``CHANGES`` ticks), and the bar's height (it covers the bottom of the screen while the form is edited);
- **prose**: Pyodide files a prose page fetches before its load event (must be none);
- then what each technique buys: the calculator without it (``TECHNIQUES``), and as shipped on a host that
  labels its files otherwise (``HOSTS``);
- and cold visits over a network with ``ROUND_TRIP_MS`` round trips, where the techniques that save round
  trips (module preloads) show what the local server hides.

Chromium is launched as in the browser tests (``tools/chromium.py``: its own omnibox pop-up, which takes a
core of a 2-core machine while each page loads, is off; ``LBP_CHROMIUM_OMNIBOX_WEBUI=1`` keeps it).

The baseline (``bench/pages/baseline.html``) loads Pyodide from the site's own ``pyodide/`` files on the
main thread (its glue module as npm publishes it), installs the lbp_core wheel through the lock file,
imports it and evaluates the same case.
Call ``run(site_dir)`` for the rows and ``print_table(rows)`` to print them.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.serve import start

__all__ = ["CASE", "run", "print_table"]

PAGES = Path(__file__).with_name("pages")
NPM_PYODIDE = Path(__file__).resolve().parents[1] / "node_modules" / "pyodide"
CASE = "duration_weeks=8&conservative_care_weeks=6&radicular_symptoms=true"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHANGES = int(os.environ.get("BENCH_CHANGES", "40"))
TIMEOUT_MS = 120_000
TARGETS = {"cold": 0.35, "warm": 0.15}
TARGET_RECOMPUTE_P95_MS = 50.0
ROUND_TRIP_MS = 150  # a phone on a mobile network

CALCULATOR_READY = "#lbp-result[data-state=ready]"
_FIRST_RESULT = "performance.getEntriesByName('lbp-result')[0].startTime"


@contextmanager
def _served(site_dir: Path, mime_types: dict[str, str] | None = None) -> Iterator[str]:
    """The built site plus the baseline page (``__bench__/``), served like a static host. The baseline
    gets the site's runtime folder with Pyodide's glue module exactly as npm publishes it: the site's copy
    carries the site's changes (site_plugins/calculator/glue.py), which the naive page would not have."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for entry in site_dir.iterdir():
            (root / entry.name).symlink_to(entry.resolve())
        shutil.copytree(PAGES, root / "__bench__")
        runtime = root / "__bench__" / "pyodide"
        runtime.mkdir()
        for entry in (site_dir / "pyodide").iterdir():
            (runtime / entry.name).symlink_to(entry.resolve())
        (runtime / "pyodide.asm.mjs").unlink()
        (runtime / "pyodide.asm.mjs").symlink_to(NPM_PYODIDE / "pyodide.asm.mjs")
        server = start(root, mime_types=mime_types)
        host, port = server.server_address[:2]
        try:
            yield f"http://{host}:{port}"
        finally:
            server.shutdown()


def _first_result(page: Page, url: str, ready: str) -> float:
    page.goto(url)
    page.wait_for_selector(ready, state="attached", timeout=TIMEOUT_MS)
    return float(page.evaluate(_FIRST_RESULT))


def _calculator_ready(page: Page) -> None:
    page.wait_for_selector(CALCULATOR_READY, state="attached", timeout=TIMEOUT_MS)


def _wait_for_offline_cache(page: Page) -> None:
    """Until the service worker has precached this build, is active, and the engine's modules have been
    compiled once from that copy and the engine run once from it (register.js says ``data-offline=ready``):
    the warm visit's premise."""
    page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=TIMEOUT_MS)


def _visits(browser: Browser, url: str, ready: str, *, offline_cache: bool,
            variant: Variant | None = None) -> tuple[float, float]:
    """(cold, warm) milliseconds for one fresh context. With ``offline_cache`` the service worker runs
    and the warm visit waits for its offline copy; otherwise service workers are blocked."""
    context: BrowserContext = browser.new_context(service_workers="allow" if offline_cache else "block")
    if variant is not None:
        variant(context)
    try:
        page = context.new_page()
        cold = _first_result(page, url, ready)
        if offline_cache:
            _wait_for_offline_cache(page)
        page.wait_for_timeout(1000)  # let background work (code caching, precaching) settle
        page.close()
        page = context.new_page()
        warm = _first_result(page, url, ready)
        return cold, warm
    finally:
        context.close()


def _without_snapshot(context: BrowserContext) -> None:
    """The engine as without the memory snapshot: the worker falls back to loading the wheel."""
    _as_shipped(context)
    context.route("**/*.snapshot", lambda route: route.abort())


def _as_shipped(context: BrowserContext) -> None:
    """The calculator page passed through the same interception as the variants, unchanged (every
    variant without the service worker is routed alike: the interception itself takes time)."""
    def passthrough(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text())
    context.route("**/calculator/", passthrough)


def _without_warm_up(context: BrowserContext) -> None:
    """The offline copy without its warm-up: the engine's modules are compiled on the first visit it
    serves, as for any script, and no compiled WebAssembly is stored with the copy. (The warm-up worker
    cannot be started; register.js goes on without it.)"""
    context.add_init_script("""(() => {
      const NativeWorker = window.Worker;
      window.Worker = function Worker(url, options) {
        if (String(url).includes("/lbp-offline/warm.js")) throw new Error("warm-up left out by the bench");
        return new NativeWorker(url, options);
      };
    })();""")


def _without_stored_wasm_code(context: BrowserContext) -> None:
    """The engine compiles Pyodide's WebAssembly from its bytes, as on a first visit, instead of streaming
    it from the offline copy, so the compiled code the engine warm-up left there is not read. (Its pages
    are told that no service worker controls them; they are still served from the offline copy.)"""
    context.add_init_script(
        "Object.defineProperty(ServiceWorkerContainer.prototype, 'controller', { get() { return null; } });")


def _without_early_start(context: BrowserContext) -> None:
    """The calculator without its <head> start of the engine (it starts when the page is parsed): the
    engine worker cannot be created while the page is still being parsed."""
    _as_shipped(context)
    context.add_init_script("""(() => {
      const NativeWorker = window.Worker;
      window.Worker = function Worker(url, options) {
        if (String(url).includes("/lbp-calculator/worker.js") && document.readyState === "loading") {
          throw new Error("early start left out by the bench");
        }
        return new NativeWorker(url, options);
      };
    })();""")


def _without_module_preloads(context: BrowserContext) -> None:
    """The calculator page without its <link rel=modulepreload> tags: each module of the view is then
    fetched only once the module importing it has been parsed."""
    def unpreload(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r'<link rel="modulepreload"[^>]*>', "", response.text())
        route.fulfill(response=response, body=body)
    context.route("**/calculator/", unpreload)


def _with_material_at_once(context: BrowserContext) -> None:
    """The calculator with Material's bundle run as on any other page, at the end of <body>, instead of
    once the engine has started."""
    def unhold(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace('<script type="lbp/held" src=', "<script src=")
        route.fulfill(response=response, body=body)
    context.route("**/calculator/", unhold)


Variant = Callable[[BrowserContext], None]
TECHNIQUES: dict[str, tuple[Variant, bool]] = {
    # name: (variant, with the service worker's offline copy)
    "no offline warm-up": (_without_warm_up, True),
    "no stored WebAssembly code": (_without_stored_wasm_code, True),
    "all techniques (no SW)": (_as_shipped, False),
    "no memory snapshot (no SW)": (_without_snapshot, False),
    "no early engine start (no SW)": (_without_early_start, False),
    "Material's bundle at once (no SW)": (_with_material_at_once, False),
    "no module preloads (no SW)": (_without_module_preloads, False),
}
# Hosts that label files otherwise than tools/serve.py does: name -> MIME types by suffix. Each row is the
# calculator as shipped, with the service worker, on a second server that labels them so.
HOSTS: dict[str, dict[str, str]] = {
    "wasm sent as application/octet-stream": {".wasm": "application/octet-stream"},
}


def _recompute(browser: Browser, url: str) -> tuple[list[float], list[float]]:
    """Milliseconds from an input change to the new result painted, and the worker's share of each."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        _calculator_ready(page)
        _wait_for_offline_cache(page)  # steady state: the one-off precaching is not an input change
        page.wait_for_timeout(1000)
        return page.evaluate("""async (changes) => {
          const box = document.querySelector('#lbp-f-muscle_spasm');
          const result = document.querySelector('#lbp-result');
          const times = [], engine = [];
          for (let i = 0; i < changes; i++) {
            const done = new Promise((resolve) => result.addEventListener('lbp:result', resolve, {once: true}));
            const started = performance.now();
            box.click();
            await done;
            await new Promise((resolve) => requestAnimationFrame(resolve));
            times.push(performance.now() - started);
            engine.push(Number(result.dataset.engineMs));
          }
          return [times, engine];
        }""", CHANGES)
    finally:
        context.close()


PHONE = {"width": 375, "height": 812}
TARGET_SUMMARY_HEIGHT_PX = 0.4 * PHONE["height"]  # the bar's CSS cap (40vh): the form keeps the rest


def _summary_on_phone(browser: Browser, url: str) -> tuple[list[float], float]:
    """Milliseconds from a tick to the summary bar re-rendered and painted, on a 375x812 phone; and the
    bar's height in CSS pixels for the case."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(url)
        _calculator_ready(page)
        _wait_for_offline_cache(page)
        height = page.evaluate("document.querySelector('[data-lbp-summary]').getBoundingClientRect().height")
        times = page.evaluate("""async (changes) => {
          const box = document.querySelector('#lbp-f-muscle_spasm');
          const summary = document.querySelector('[data-lbp-summary]');
          const times = [];
          for (let i = 0; i < changes; i++) {
            const done = new Promise((resolve) => {
              const seen = new MutationObserver(() => { seen.disconnect(); resolve(); });
              seen.observe(summary, {childList: true});
            });
            const started = performance.now();
            box.click();
            await done;
            await new Promise((resolve) => requestAnimationFrame(resolve));
            times.push(performance.now() - started);
          }
          return times;
        }""", CHANGES)
        return times, height
    finally:
        context.close()


def _prose_pyodide_requests(browser: Browser, base: str) -> list[str]:
    context = browser.new_context()
    try:
        page = context.new_page()
        found = []
        for path in ("/", "/assessment/", "/cases/"):
            page.goto(base + path, wait_until="load")
            found += page.evaluate("performance.getEntriesByType('resource').map(r => r.name)"
                                   ".filter(n => n.includes('/pyodide/'))")
        return found
    finally:
        context.close()


def _techniques(browser: Browser, url: str, samples: dict[str, dict[str, list[float]]],
                host_urls: dict[str, str]) -> list[dict[str, Any]]:
    """What each technique buys: the calculator without it, against the same run's baseline. The
    warm-up needs the service worker; the others are measured with it blocked (so the warm visit is
    the HTTP cache's, as for the baseline), beside the calculator as shipped, also without it. Then the
    calculator as shipped on each of ``HOSTS`` (``host_urls``: its URL there)."""
    rows = []
    baseline = {scenario: statistics.median(values["baseline"]) for scenario, values in samples.items()}
    measured: list[tuple[str, str, Variant | None, bool]] = [
        (name, url, variant, offline_cache) for name, (variant, offline_cache) in TECHNIQUES.items()]
    measured += [(name, host_url, None, True) for name, host_url in host_urls.items()]
    for name, page_url, variant, offline_cache in measured:
        colds, warms = [], []
        for _ in range(RUNS):
            cold, warm = _visits(browser, page_url, CALCULATOR_READY,
                                 offline_cache=offline_cache, variant=variant)
            colds.append(cold)
            warms.append(warm)
        for scenario, values in (("cold", colds), ("warm", warms)):
            median = statistics.median(values)
            rows.append({"scenario": f"{scenario}, {name}", "baseline_ms": baseline[scenario],
                         "calculator_ms": median, "ratio": median / baseline[scenario],
                         "target": "", "met": None, "samples": values})
    return rows


def _cold_over_network(browser: Browser, url: str, ready: str, variant: Variant | None = None) -> float:
    """A first visit with every request, the engine worker's too, taking ``ROUND_TRIP_MS`` more (Chromium's
    network emulation), service workers blocked: what the bench's own server, on this machine, leaves
    out of the cold visit."""
    context = browser.new_context(service_workers="block")
    if variant is not None:
        variant(context)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Network.emulateNetworkConditions", {
            "offline": False, "latency": ROUND_TRIP_MS, "downloadThroughput": -1, "uploadThroughput": -1})
        return _first_result(page, url, ready)
    finally:
        context.close()


def _over_network(browser: Browser, baseline_url: str, url: str) -> list[dict[str, Any]]:
    """Cold visits over a network with round trips (interleaved): baseline, calculator as shipped (no
    SW), and the calculator without the techniques that save round trips rather than work."""
    measured: dict[str, tuple[str, str, Variant | None]] = {
        "baseline": (baseline_url, "body[data-state=ready]", None),
        f"cold, {ROUND_TRIP_MS} ms round trips (no SW)": (url, CALCULATOR_READY, _as_shipped),
        f"cold, {ROUND_TRIP_MS} ms round trips, no module preloads":
            (url, CALCULATOR_READY, _without_module_preloads),
    }
    samples: dict[str, list[float]] = {name: [] for name in measured}
    for _ in range(RUNS):
        for name, (page_url, page_ready, variant) in measured.items():
            samples[name].append(_cold_over_network(browser, page_url, page_ready, variant))
    baseline = statistics.median(samples.pop("baseline"))
    return [{"scenario": name, "baseline_ms": baseline, "calculator_ms": statistics.median(values),
             "ratio": statistics.median(values) / baseline, "target": "", "met": None, "samples": values}
            for name, values in samples.items()]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def run(site_dir: Path) -> list[dict[str, Any]]:
    """Rows of the benchmark table: one per scenario, with baseline, calculator, ratio and target."""
    if not (site_dir / "calculator" / "index.html").is_file():
        raise SystemExit(f"{site_dir} has no built calculator: run `make site` first")
    with ExitStack() as stack:
        base = stack.enter_context(_served(site_dir))
        host_urls = {name: stack.enter_context(_served(site_dir, mime_types)) + f"/calculator/#{CASE}"
                     for name, mime_types in HOSTS.items()}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            baseline_url = f"{base}/__bench__/baseline.html#{CASE}"
            calculator_url = f"{base}/calculator/#{CASE}"
            samples: dict[str, dict[str, list[float]]] = {"cold": {"baseline": [], "calculator": []},
                                                          "warm": {"baseline": [], "calculator": []}}
            for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits both alike
                cold, warm = _visits(browser, baseline_url, "body[data-state=ready]", offline_cache=False)
                samples["cold"]["baseline"].append(cold)
                samples["warm"]["baseline"].append(warm)
                cold, warm = _visits(browser, calculator_url, CALCULATOR_READY,
                                     offline_cache=True)
                samples["cold"]["calculator"].append(cold)
                samples["warm"]["calculator"].append(warm)
            rows = []
            for scenario, values in samples.items():
                baseline = statistics.median(values["baseline"])
                calculator = statistics.median(values["calculator"])
                rows.append({"scenario": scenario, "baseline_ms": baseline, "calculator_ms": calculator,
                             "ratio": calculator / baseline, "target": f"<= {TARGETS[scenario]:.2f}x",
                             "met": calculator / baseline <= TARGETS[scenario],
                             "samples": values})
            times, engine = _recompute(browser, calculator_url)
            p95 = _p95(times)
            rows.append({"scenario": "recompute p95", "baseline_ms": None, "calculator_ms": p95,
                         "ratio": None, "target": f"<= {TARGET_RECOMPUTE_P95_MS:.0f} ms",
                         "met": p95 <= TARGET_RECOMPUTE_P95_MS, "median_ms": statistics.median(times),
                         "engine_p95_ms": _p95(engine)})
            ticks, height = _summary_on_phone(browser, calculator_url)
            p95 = _p95(ticks)
            rows.append({"scenario": "phone: tick -> summary p95", "baseline_ms": None, "calculator_ms": p95,
                         "ratio": None, "target": f"<= {TARGET_RECOMPUTE_P95_MS:.0f} ms",
                         "met": p95 <= TARGET_RECOMPUTE_P95_MS, "median_ms": statistics.median(ticks)})
            rows.append({"scenario": "phone: summary height (px of 812)", "baseline_ms": None,
                         "calculator_ms": height, "ratio": None,
                         "target": f"<= {TARGET_SUMMARY_HEIGHT_PX:.0f} px",
                         "met": height <= TARGET_SUMMARY_HEIGHT_PX})
            prose = _prose_pyodide_requests(browser, base)
            rows.append({"scenario": "prose: Pyodide requests", "baseline_ms": None,
                         "calculator_ms": float(len(prose)), "ratio": None, "target": "0",
                         "met": not prose, "requests": prose})
            rows += _techniques(browser, calculator_url, samples, host_urls)
            rows += _over_network(browser, baseline_url, calculator_url)
            return rows
        finally:
            browser.close()


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"Calculator in headless Chromium vs a naive Pyodide page (median of {RUNS} runs; ms from "
          "navigation to first result)")
    print(f"Chromium: {CHROMIUM} {' '.join(CHROMIUM_ARGS)}")
    print(f"{'scenario':<46}{'baseline':>10}{'calculator':>12}{'ratio':>8}  {'target':<12}{'met':>4}")
    for row in rows:
        baseline = "" if row["baseline_ms"] is None else f"{row['baseline_ms']:.0f}"
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
        value = (f"{row['calculator_ms']:.0f}" if row["scenario"].startswith("prose")
                 else f"{row['calculator_ms']:.1f}" if row["ratio"] is None else f"{row['calculator_ms']:.0f}")
        met = "" if row["met"] is None else "yes" if row["met"] else "NO"
        print(f"{row['scenario']:<46}{baseline:>10}{value:>12}{ratio:>8}  {row['target']:<12}{met:>4}")


if __name__ == "__main__":
    print_table(run(Path(__file__).resolve().parents[1] / "site"))
