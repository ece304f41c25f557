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
    const offline = navigator.serviceWorker && navigator.serviceWorker.controller ? "1" : "";
    const name = String(new URLSearchParams({ engine: "lbp", runtime: url(runtime), lock: url(lock),
      snapshot: url(snapshot), offline }));
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

// Material's search worker loads its script and builds its index (a few hundred ms of CPU) while the page
// loads, just when the engine needs the CPU: on this page it is started only once the engine is ready or
// has failed (or 10 s have passed). Until then Material holds a stand-in that keeps what Material sends it
// (the index, then any query) and passes on what the worker answers. Search then works as usual.
(() => {
  const NativeWorker = window.Worker;
  const waiting = [];
  let released = false;

  class DeferredWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.sent = [];
      this.worker = null;
      waiting.push(() => this.start(url, options));
    }

    start(url, options) {
      if (this.sent === null) return; // terminated before it started
      this.worker = new NativeWorker(url, options);
      for (const type of ["message", "messageerror", "error"]) {
        this.worker.addEventListener(type, (event) => {
          const copy = type === "error" ? new ErrorEvent("error", { message: event.message })
            : new MessageEvent(type, { data: event.data });
          this.dispatchEvent(copy);
          const handler = type === "message" ? this.onmessage : type === "error" ? this.onerror : null;
          if (typeof handler === "function") handler.call(this, copy);
        });
      }
      this.sent.forEach((args) => this.worker.postMessage(...args));
      this.sent = null;
    }

    postMessage(...args) {
      if (this.worker !== null) this.worker.postMessage(...args);
      else this.sent?.push(args);
    }

    terminate() {
      if (this.worker === null) this.sent = null;
      else this.worker.terminate();
    }
  }

  const release = () => {
    if (released) return;
    released = true;
    window.Worker = NativeWorker;
    waiting.forEach((start) => start());
  };
  window.Worker = function Worker(url, options) {
    if (released || !String(url).includes("/workers/search.")) return new NativeWorker(url, options);
    return new DeferredWorker(url, options);
  };
  addEventListener("lbp:engine-settled", release, { once: true });
  setTimeout(release, 10000);
})();
