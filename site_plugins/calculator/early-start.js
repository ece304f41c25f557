// Inlined at the top of the calculator page's <head> (the plugin replaces __LBP_ENGINE_SETTINGS__ with the
// engine's settings, and __LBP_SITE_ROOT__ with the site root relative to the page): starts the engine
// worker while the page is still being parsed. calculator.js adopts it (Engine.start) with the messages it
// has sent by then. If this fails, calculator.js starts the worker itself and reports any failure.
// It also registers, before Material's bundle does, a guard that keeps a new case in the fragment from
// Material's instant navigation (see below). Material's bundle itself runs as Material ships it.
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
