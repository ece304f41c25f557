"""The calculator in headless Chromium against a naive Pyodide page, in the same run, on a server that sends
files as static hosts do (gzip for text and WebAssembly, zip and wheel as they are: tools/serve.py), over a
phone's network (Chromium's network emulation, bandwidth and round trips, the engine worker's requests
included).

Scenarios (median of ``RUNS`` runs each), timed from navigation start to the first result on screen, with
the bytes the server sent:

- **cold**: a fresh browser profile, first visit; its bytes are counted until the visit is done with (the
  engine has stored its snapshot and files, the service worker has stored the page: ``data-offline=ready``);
- **warm**: the next visit in the same profile (the calculator starts from its stored snapshot; the naive
  page has its HTTP cache);
- both ``PROFILES`` (10 Mbit/s with 40 ms round trips, and 1.6 Mbit/s with 150 ms), and the loopback
  (no emulation), where bytes cost nothing;
- **recompute**: on a ready calculator, one input changed -> the new result rendered (p95 over ``CHANGES``);
- **summary on a phone**: at 375x812, a tick -> the answer-at-a-glance bar updated (p95), and its height;
- **prose page**: the bytes of a first visit to a guidance page, service worker included, and any Pyodide
  file among them (must be none);
- then what each start-up technique buys: the calculator without it (``TECHNIQUES``), on the phone profile.

The naive page (``bench/pages/baseline.html``) loads Pyodide exactly as npm publishes it (its glue module,
its whole standard library, its lock file with the lbp_core wheel registered by pyodide-build) on the main
thread, installs the wheel with loadPackage, imports it and evaluates the same case.
Chromium is launched as in the browser tests (``tools/chromium.py``).
Call ``run(site_dir)`` for the rows and ``print_table(rows)`` to print them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.serve import SiteServer, start

__all__ = ["CASE", "run", "print_table"]

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).with_name("pages")
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CASE = "duration_weeks=8&conservative_care_weeks=6&radicular_symptoms=true"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CHANGES = int(os.environ.get("BENCH_CHANGES", "40"))
TIMEOUT_MS = 180_000
PROFILES = {"10 Mbit/s, 40 ms": (10e6, 40), "1.6 Mbit/s, 150 ms": (1.6e6, 150)}
PHONE_NETWORK = "10 Mbit/s, 40 ms"
TARGETS = {"first visit bytes": 0.8, "cold": 0.8, "warm": 0.10}
AIMS = {"cold": 0.6, "warm": 0.07}
TARGET_RECOMPUTE_P95_MS = 50.0
TARGET_PROSE_BYTES = 1_000_000

CALCULATOR_READY = "#lbp-result[data-state=ready]"
BASELINE_READY = "body[data-state=ready]"
CALCULATOR_DONE = "#lbp-calculator[data-engine-snapshot]"  # the engine stored (or let go) its snapshot
_FIRST_RESULT = "performance.getEntriesByName('lbp-result')[0].startTime"


def _registered_lock(wheel: Path) -> Path:
    """The lock file with the wheel registered, as the build left it (bundle.py) for this wheel."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock = ROOT / "build" / "lbp-calculator" / "wheels" / digest / "pyodide-lock.json"
    if not lock.is_file():
        raise SystemExit(f"{lock} is missing: run `make site` first")
    return lock


@contextmanager
def _served(site_dir: Path, mime_types: dict[str, str] | None = None) -> Iterator[tuple[str, SiteServer]]:
    """The built site plus the naive page (``__bench__/``, with Pyodide's npm files and the site's wheel),
    served as a static host does."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for entry in site_dir.iterdir():
            (root / entry.name).symlink_to(entry.resolve())
        shutil.copytree(PAGES, root / "__bench__")
        runtime = root / "__bench__" / "pyodide"
        runtime.mkdir()
        for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
            (runtime / name).symlink_to(NPM_PYODIDE / name)
        wheel = next(site_dir.glob("pyodide/*/lbp_core-*.whl"))
        (runtime / wheel.name).symlink_to(wheel.resolve())
        (runtime / "pyodide-lock.json").symlink_to(_registered_lock(wheel))
        server = start(root, mime_types=mime_types, gzip=True)
        try:
            yield "http://{}:{}".format(*server.server_address[:2]), server
        finally:
            server.shutdown()


def _emulate(page: Page, profile: str | None) -> None:
    if profile is None:
        return
    bits, latency = PROFILES[profile]
    page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency, "downloadThroughput": bits / 8, "uploadThroughput": bits / 16})


def _bytes(server: SiteServer) -> int:
    return sum(sent.body_bytes for sent in server.sent)


Variant = Callable[[BrowserContext], None]


def _visits(browser: Browser, server: SiteServer, url: str, *, naive: bool, profile: str | None,
            variant: Variant | None = None, before_warm: Callable[[Page], None] | None = None,
            ) -> dict[str, float]:
    """Cold and warm visits in one fresh profile: {"cold", "warm" (ms), "cold_bytes", "warm_bytes"}."""
    context = browser.new_context()
    if variant is not None:
        variant(context)
    try:
        page = context.new_page()
        _emulate(page, profile)
        server.sent.clear()
        page.goto(url)
        page.wait_for_selector(BASELINE_READY if naive else CALCULATOR_READY, state="attached",
                               timeout=TIMEOUT_MS)
        cold = float(page.evaluate(_FIRST_RESULT))
        if not naive:  # the first visit is done with once the engine and the service worker have stored
            page.wait_for_selector(CALCULATOR_DONE, state="attached", timeout=TIMEOUT_MS)
            page.wait_for_selector("html[data-offline=ready], html[data-offline=off]", state="attached",
                                   timeout=TIMEOUT_MS)
        cold_bytes = _bytes(server)
        if before_warm is not None:
            before_warm(page)
        page.close()
        page = context.new_page()
        _emulate(page, profile)
        server.sent.clear()
        page.goto(url)
        page.wait_for_selector(BASELINE_READY if naive else CALCULATOR_READY, state="attached",
                               timeout=TIMEOUT_MS)
        warm = float(page.evaluate(_FIRST_RESULT))
        return {"cold": cold, "warm": warm, "cold_bytes": cold_bytes, "warm_bytes": _bytes(server)}
    finally:
        context.close()


def _serving_page(context: BrowserContext, edit: Callable[[str], str]) -> None:
    """The calculator page served with ``edit`` applied to its HTML. A request of the page that comes as
    its context closes (the service worker keeping its offline copy) is left unanswered: the response is
    gone by then, and the error would otherwise surface in the bench's next call."""
    def serve(route: Route) -> None:
        try:
            response = route.fetch()
            route.fulfill(response=response, body=edit(response.text()))
        except PlaywrightError as error:
            if "disposed" not in str(error) and "closed" not in str(error):
                raise
    context.route("**/calculator/", serve)


def _as_shipped(context: BrowserContext) -> None:
    """The calculator page passed through the same interception as the variants, unchanged."""
    _serving_page(context, lambda html: html)


def _without_early_start(context: BrowserContext) -> None:
    """Without the engine's start from the page's <head>: it starts once the page is parsed."""
    def unearly(html: str) -> str:
        body, count = re.subn(r"<script>[^<]*lbpEarlyEngine[^<]*</script>", "", html)
        assert count == 1
        return body
    _serving_page(context, unearly)


def _forget_snapshot(page: Page) -> None:
    """The warm visit without the snapshot the first one stored: a fresh start from the stored runtime."""
    page.evaluate("""async () => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const key of await cache.keys()) if (key.url.endsWith('/engine.snapshot')) await cache.delete(key);
      }
    }""")


# name: (variant, its effect shows in "cold" or "warm", the URL's site: "site", "stock" or "octet")
TECHNIQUES: dict[str, tuple[Variant | None, str, str, Callable[[Page], None] | None]] = {
    "stock Pyodide files (LBP_STOCK_PYODIDE=1)": (_as_shipped, "cold", "stock", None),
    "stock Pyodide files, warm": (_as_shipped, "warm", "stock", None),
    "no stored snapshot (warm)": (_as_shipped, "warm", "site", _forget_snapshot),
    "no early engine start": (_without_early_start, "cold", "site", None),
    "wasm sent as application/octet-stream": (_as_shipped, "cold", "octet", None),
}


def _stock_site() -> Path:
    """The site built with Pyodide's npm files unchanged (``make site LBP_STOCK_PYODIDE=1``), once."""
    target = ROOT / "build" / "bench-stock-site"
    env = {**os.environ, "LBP_STOCK_PYODIDE": "1", "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--clean", "-q",
                           "-d", str(target)], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"building the stock site failed:\n{done.stderr[-2000:]}")
    return target


def _recompute(browser: Browser, url: str) -> tuple[list[float], list[float]]:
    """Milliseconds from an input change to the new result painted, and the worker's share of each."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(CALCULATOR_READY, state="attached", timeout=TIMEOUT_MS)
        page.wait_for_selector(CALCULATOR_DONE, state="attached", timeout=TIMEOUT_MS)
        page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=TIMEOUT_MS)
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
        page.wait_for_selector(CALCULATOR_READY, state="attached", timeout=TIMEOUT_MS)
        page.wait_for_selector(CALCULATOR_DONE, state="attached", timeout=TIMEOUT_MS)
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


def _prose_visit(browser: Browser, server: SiteServer, base: str) -> tuple[int, list[str]]:
    """A first visit to a guidance page over the phone network, until the service worker has stored it:
    the bytes sent, and any Pyodide file among them."""
    context = browser.new_context()
    try:
        page = context.new_page()
        _emulate(page, PHONE_NETWORK)
        server.sent.clear()
        page.goto(base + "/first-line/")
        page.wait_for_selector("html[data-offline=ready]", state="attached", timeout=TIMEOUT_MS)
        return _bytes(server), [sent.path for sent in server.sent if sent.path.startswith("/pyodide/")]
    finally:
        context.close()


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _row(scenario: str, baseline: float | None, calculator: float, *, target: float | None = None,
         aim: float | None = None, unit: str = "ms", samples: list[float] | None = None,
         limit: float | None = None) -> dict[str, Any]:
    ratio = calculator / baseline if baseline else None
    met = None
    goal = ""
    if target is not None and ratio is not None:
        met = ratio <= target
        goal = f"<= {target:.2f}x" + (f" (aim {aim:.2f}x)" if aim else "")
    elif limit is not None:
        met = calculator <= limit
        goal = f"<= {limit:g} {unit}"
    return {"scenario": scenario, "baseline": baseline, "calculator": calculator, "ratio": ratio,
            "unit": unit, "target": goal, "met": met, "samples": samples or []}


def _medians(results: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def run(site_dir: Path) -> list[dict[str, Any]]:
    """Rows of the benchmark table: one per scenario, with baseline, calculator, ratio and target."""
    if not (site_dir / "calculator" / "index.html").is_file():
        raise SystemExit(f"{site_dir} has no built calculator: run `make site` first")
    stock_dir = _stock_site()
    with ExitStack() as stack:
        base, server = stack.enter_context(_served(site_dir))
        sites = {"site": (base, server), "stock": stack.enter_context(_served(stock_dir)),
                 "octet": stack.enter_context(_served(site_dir, {".wasm": "application/octet-stream"}))}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            naive_url = f"{base}/__bench__/baseline.html#{CASE}"
            calculator_url = f"{base}/calculator/#{CASE}"
            rows: list[dict[str, Any]] = []
            shipped: dict[str | None, dict[str, float]] = {}
            for profile in [*PROFILES, None]:
                naive_runs, shipped_runs = [], []
                for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits both alike
                    naive_runs.append(_visits(browser, server, naive_url, naive=True, profile=profile))
                    # No route here: Playwright turns the HTTP cache off in a context with one, and the
                    # offline copy then downloads again what the page had just fetched (0.48 MB more).
                    shipped_runs.append(_visits(browser, server, calculator_url, naive=False, profile=profile))
                naive, ours = _medians(naive_runs), _medians(shipped_runs)
                shipped[profile] = ours
                where = profile or "loopback"
                phone = profile == PHONE_NETWORK
                rows.append(_row(f"first visit bytes ({where})", naive["cold_bytes"], ours["cold_bytes"],
                                 target=TARGETS["first visit bytes"] if phone else None, unit="B"))
                rows.append(_row(f"cold ({where})", naive["cold"], ours["cold"],
                                 target=TARGETS["cold"] if phone else None, aim=AIMS["cold"] if phone else None,
                                 samples=[r["cold"] for r in shipped_runs]))
                rows.append(_row(f"warm ({where})", naive["warm"], ours["warm"],
                                 target=TARGETS["warm"] if phone else None, aim=AIMS["warm"] if phone else None,
                                 samples=[r["warm"] for r in shipped_runs]))
                rows.append(_row(f"warm visit bytes ({where})", naive["warm_bytes"], ours["warm_bytes"], unit="B"))
            times, engine = _recompute(browser, calculator_url)
            rows.append(_row("recompute p95", None, _p95(times), limit=TARGET_RECOMPUTE_P95_MS))
            ticks, height = _summary_on_phone(browser, calculator_url)
            rows.append(_row("phone: tick -> summary p95", None, _p95(ticks), limit=TARGET_RECOMPUTE_P95_MS))
            rows.append(_row("phone: summary height (of 812)", None, height, unit="px",
                             limit=TARGET_SUMMARY_HEIGHT_PX))
            prose_bytes, prose_pyodide = _prose_visit(browser, server, base)
            rows.append(_row("prose page, first visit bytes", None, prose_bytes, unit="B",
                             limit=TARGET_PROSE_BYTES))
            rows.append(_row("prose page: Pyodide files", None, len(prose_pyodide), unit="files", limit=0))
            # The techniques' reference: the shipped page through the same interception as the variants
            # (a route, so the HTTP cache is off in both), on the phone network.
            routed = [_visits(browser, server, calculator_url, naive=False, profile=PHONE_NETWORK,
                              variant=_as_shipped) for _ in range(RUNS)]
            reference = _medians(routed)
            for name, (variant, scenario, where, before_warm) in TECHNIQUES.items():
                site_base, site_server = sites[where]
                runs = [_visits(browser, site_server, f"{site_base}/calculator/#{CASE}", naive=False,
                                profile=PHONE_NETWORK, variant=variant, before_warm=before_warm)
                        for _ in range(RUNS)]
                value = statistics.median(r[scenario] for r in runs)
                # Above 1: the technique (or the shipped way) saves time.
                rows.append({"scenario": f"technique: {name}", "baseline": reference[scenario],
                             "calculator": value, "ratio": value / reference[scenario], "unit": "ms",
                             "target": f"vs shipped {scenario}", "met": None,
                             "samples": [r[scenario] for r in runs]})
            return rows
        finally:
            browser.close()


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "B":
        return f"{value / 1e6:.2f} MB"
    if unit in ("px", "files"):
        return f"{value:.0f}"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"Calculator in headless Chromium vs a naive Pyodide page (median of {RUNS} runs; ms from navigation "
          "to first result; bytes as a gzip-ing static host sends them)")
    print(f"Chromium: {CHROMIUM} {' '.join(CHROMIUM_ARGS)}")
    print(f"{'scenario':<52}{'naive/ref':>12}{'calculator':>12}{'ratio':>8}  {'target':<24}{'met':>4}")
    for row in rows:
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
        met = "" if row["met"] is None else "yes" if row["met"] else "NO"
        print(f"{row['scenario']:<52}{_value(row['baseline'], row['unit']):>12}"
              f"{_value(row['calculator'], row['unit']):>12}{ratio:>8}  {row['target']:<24}{met:>4}")


if __name__ == "__main__":
    print_table(run(ROOT / "site"))
