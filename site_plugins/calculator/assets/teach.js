// Loaded on every page (it is tiny). On a worked case's page (cases/<id>/) it mounts the predict-then-reveal
// exercise, importing teach-view.js only there; elsewhere it does nothing and fetches nothing. Material's
// instant navigation swaps pages without reloading: each page change mounts the new case, or unmounts.
import { startEngine } from "./calculator.js";

const SITE_ROOT = new URL("../../", import.meta.url);

/** The engine the exercise asks for the answer: the calculator's own, started with the settings the page
 * carries (#lbp-engine-settings, in the exercise, as on the calculator page). One per document, shared
 * with the calculator across instant navigation, so Python starts at most once. The one place the
 * exercise obtains its engine; it is called only when the learner starts (teach-view.js), never on
 * arrival. */
export function obtainEngine() {
  return startEngine();
}

let mounted = null;
let unmount = null;

async function onPage() {
  // document$ can emit before Material has finished swapping the new page in: look after it has.
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  const root = document.querySelector("[data-lbp-teach]");
  if (root !== null && root === mounted) return;
  if (unmount !== null) unmount();
  unmount = null;
  mounted = root;
  if (root === null) return;
  const { mount } = await import("./teach-view.js");
  if (mounted !== root || !root.isConnected) return; // the reader has moved on meanwhile
  unmount = mount(root, obtainEngine, SITE_ROOT);
}

// As calculator.js: Material's document$, or one page per load without it.
function subscribe() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => { onPage(); });
  } else {
    onPage();
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
