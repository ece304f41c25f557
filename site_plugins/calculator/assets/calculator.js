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
let firstPage = true;

// When the reader last went Back or Forward: a page that follows within a second came from history.
let poppedAt = -Infinity;
addEventListener("popstate", () => { poppedAt = performance.now(); });

/** Where the calculator opens after Material's instant navigation. Material scrolls to the fragment's
 * element, but a case in the fragment is none, so the page kept the last page's scroll position (the
 * middle of a long result). A new visit starts at the top. Back or Forward returns to where the reader
 * was (Material keeps the offset in history.state), once the result has made the page long enough. */
function placeScroll(root) {
  if (performance.now() - poppedAt > 1000) {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id && document.getElementById(id) === null) window.scrollTo(0, 0);
    return;
  }
  const saved = history.state && typeof history.state.y === "number" ? history.state.y : 0;
  if (window.scrollY >= saved) return;
  root.addEventListener("lbp:result", () => returnTo(saved), { once: true });
}

/** Scroll to ``y`` as the result's cards lay out (they are sized as they come into view), for at most
 * 1.5 s, and never against the reader: any scrolling of their own stops it. */
function returnTo(y) {
  const until = performance.now() + 1500;
  let stopped = false;
  const stop = () => { stopped = true; };
  const inputs = ["wheel", "touchstart", "keydown", "pointerdown"];
  inputs.forEach((type) => addEventListener(type, stop, { once: true, passive: true }));
  const step = () => {
    if (!stopped && Math.abs(window.scrollY - y) >= 1 && performance.now() < until) {
      window.scrollTo(0, y);
      requestAnimationFrame(step);
      return;
    }
    inputs.forEach((type) => removeEventListener(type, stop));
  };
  step();
}

async function onPage() {
  const fullLoad = firstPage;
  firstPage = false;
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
  if (!fullLoad) placeScroll(root); // a full load is placed by the browser
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
