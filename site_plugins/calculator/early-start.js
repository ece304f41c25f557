// Inlined at the top of the calculator page's <head> (the plugin replaces __LBP_ENGINE_SETTINGS__ with the
// engine's settings, and __LBP_SITE_ROOT__ with the site root relative to the page): starts the engine
// worker while the page is still being parsed. calculator.js adopts it (Engine.start) with the messages it
// has sent by then. If this fails, calculator.js starts the worker itself and reports any failure.
// It also registers, before Material's bundle does, a guard that keeps a new case in the fragment from
// Material's instant navigation, and it loads Material's bundle once the engine has started (see below).
(() => {
  try {
    const settings = __LBP_ENGINE_SETTINGS__;
    performance.mark("lbp-engine-start");
    // Named as engine-settings.js's workerName names it: the settings' JSON text.
    const worker = new Worker(new URL(settings.worker, new URL(__LBP_SITE_ROOT__, document.baseURI)),
      { type: "module", name: JSON.stringify(settings) });
    const messages = [];
    worker.onmessage = ({ data }) => messages.push(data);
    worker.onerror = (event) => {
      event.preventDefault();
      messages.push({ type: "failed", message: event.message || "the engine script could not be loaded" });
    };
    window.lbpEarlyEngine = { worker, messages };
  } catch {
    performance.clearMarks("lbp-engine-start");
  }
})();

// After a full load, Material's instant navigation fetches and swaps in the page again on the first
// history entry it sees, even when only the fragment (the case) changed. Chromium runs a window's
// listeners in the order they were added, so only a listener added before Material's can stop that.
// Entries of other pages, or arriving back here from another page, still reach Material.
(() => {
  const pathname = location.pathname;
  addEventListener("popstate", (event) => {
    if (location.pathname === pathname && document.getElementById("lbp-calculator")) {
      event.stopImmediatePropagation();
    }
  });
})();

// Material's bundle runs a few hundred ms of script, style and layout work while the page loads, on a core
// the engine needs then (on a 2-core machine the first result came 6 to 14% later with it). On a full load
// of this page the plugin holds it back (its tag does not run: type "lbp/held"). It loads once the engine
// is ready and its first answer has been shown, or the engine has failed, or 10 s have passed, or at once
// when the reader turns to Material's part of the page (the header, search, navigation: anything outside
// the calculator). The calculator works without it; links work as plain links until it has loaded.
// Material starts on DOMContentLoaded, which has gone by: it gets that event again, and then
// "lbp:material" tells the site's scripts that subscribe to its document$. <html data-lbp-material> says
// what let it in: "engine" (ready or failed), "reader" or "fallback".
(() => {
  const READER_TURNS = ["pointerdown", "focusin", "keydown"];
  let fallback = 0;
  const outsideCalculator = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target === null || target.closest("#lbp-calculator") === null) release("reader");
  };
  // Once, whichever comes first; then nothing of this stays listening (every key typed in the form would
  // otherwise still pass through here).
  function release(reason) {
    if (fallback === null) return;
    clearTimeout(fallback);
    fallback = null;
    document.documentElement.dataset.lbpMaterial = reason;
    READER_TURNS.forEach((type) => removeEventListener(type, outsideCalculator, { capture: true }));
    const held = document.querySelector('script[type="lbp/held"]');
    if (held === null) return;
    const bundle = document.createElement("script");
    bundle.onload = () => {
      document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
      dispatchEvent(new Event("lbp:material"));
    };
    bundle.src = held.src;
    held.replaceWith(bundle);
  }
  // The first answer follows "ready" at once; a frame later it is on screen.
  addEventListener("lbp:engine-settled", () => requestAnimationFrame(() => setTimeout(release, 0, "engine")),
    { once: true });
  fallback = setTimeout(release, 10000, "fallback");
  READER_TURNS.forEach((type) => addEventListener(type, outsideCalculator, { capture: true, passive: true }));
})();
