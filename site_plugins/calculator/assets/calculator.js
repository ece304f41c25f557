// Loaded on every page (it is tiny). On the calculator page it mounts the calculator; elsewhere it does
// nothing and fetches nothing. The engine worker is created once per document and kept across Material's
// instant navigation (document$ emits on each page change), so Python starts at most once.
import { Engine } from "./engine.js";

const SITE_ROOT = new URL("../../", import.meta.url);
let engine = null;
let unmount = null;

/** settings: {runtime, lock, snapshot}, site-root-relative (the calculator's data- attributes). */
function startEngine(settings) {
  if (engine === null) {
    const url = (name) => (settings[name] ? new URL(settings[name], SITE_ROOT).href : "");
    engine = new Engine({
      worker: new URL("worker.js", import.meta.url).href,
      runtime: url("runtime"),
      lock: url("lock"),
      snapshot: url("snapshot"),
    });
    engine.addEventListener("state", () => {
      if (engine.state === "loading") return;
      document.documentElement.dataset.lbpEngine = engine.state; // read by the offline plugin's register.js
      window.dispatchEvent(new Event("lbp:engine-settled"));
    });
    engine.start(window.lbpEarlyEngine); // on a fresh load of the calculator, started from its <head>
    window.lbpEarlyEngine = undefined;
  }
  return engine;
}

let mounted = null;

async function onPage() {
  // document$ can emit before Material has finished swapping the new page in: look after it has.
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  const root = document.getElementById("lbp-calculator");
  if (root !== null && root === mounted) return;
  if (unmount !== null) {
    unmount();
    unmount = null;
    mounted = null;
  }
  if (root === null) return;
  const pageEngine = startEngine(root.dataset); // start Python first: it is the slow part
  const { mount } = await import("./view.js");
  if (document.getElementById("lbp-calculator") !== root || mounted === root) return;
  unmount = mount(root, pageEngine, SITE_ROOT);
  mounted = root;
}

// Material defines document$ in its bundle, at the end of <body>; subscribe once the document is parsed.
function subscribe() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => { onPage(); });
  } else {
    onPage(); // a theme without instant navigation: one page per load
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
