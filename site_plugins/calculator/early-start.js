// Inlined at the top of the calculator page's <head> (the plugin replaces __LBP_ENGINE_URLS__): starts the
// engine worker while the page is still being parsed. calculator.js adopts it (Engine.start) with the
// messages it has sent by then. If this fails, calculator.js starts the worker itself and reports any failure.
// It also registers, before Material's bundle does, a guard that keeps a new case in the fragment from
// Material's instant navigation (see below).
(() => {
  try {
    const url = (path) => (path ? new URL(path, document.baseURI).href : "");
    const { worker: script, runtime, lock, snapshot } = __LBP_ENGINE_URLS__;
    performance.mark("lbp-engine-start");
    // Its settings travel in its name, as engineWorkerName (engine.js) puts them.
    const name = String(new URLSearchParams({ engine: "lbp", runtime: url(runtime), lock: url(lock),
      snapshot: url(snapshot) }));
    const worker = new Worker(url(script), { type: "module", name });
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

// Material's search worker builds its index (a few hundred ms of CPU) while the page loads, just when the
// engine needs the CPU: on this page the messages Material sends it (the index, then any query) are held
// until the engine is ready or has failed (or 10 s have passed). Search then works as usual.
(() => {
  const NativeWorker = window.Worker;
  let held = [];
  const release = () => {
    if (held === null) return;
    window.Worker = NativeWorker;
    held.forEach((send) => send());
    held = null;
  };
  window.Worker = function Worker(url, options) {
    const worker = new NativeWorker(url, options);
    if (!String(url).includes("/workers/search.")) return worker;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (...args) => (held === null ? post(...args) : held.push(() => post(...args)));
    return worker;
  };
  addEventListener("lbp:engine-settled", release, { once: true });
  setTimeout(release, 10000);
})();
