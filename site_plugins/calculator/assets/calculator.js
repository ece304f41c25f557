// Loaded on every page (it is tiny). On the calculator page it mounts the calculator; elsewhere it does
// nothing and fetches nothing. The engine worker is created once per document and kept across Material's
// instant navigation (document$ emits on each page change), so Python starts at most once.
import { Engine } from "./engine.js";
import { pageSettings } from "./engine-settings.js";

const SITE_ROOT = new URL("../../", import.meta.url);
let engine = null;
let unmount = null;

/** Whether the reader lets the site keep files on this device: the offline plugin's choice.js says (its
 * "Remove" turns it off). Without that plugin nothing offers a choice, and the engine's snapshot is kept. */
async function keepsFiles() {
  try {
    const { storingAllowed } = await import("../lbp-offline/choice.js");
    return storingAllowed();
  } catch {
    return true;
  }
}

/** The engine, started once per document with the settings this page carries (the calculator's, or a
 * worked case's exercise: teach.js, which shares this one engine). */
export function startEngine() {
  if (engine === null) {
    engine = new Engine({ settings: pageSettings(document), siteRoot: SITE_ROOT, keepSnapshot: keepsFiles });
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

// Back or Forward to another page's history entry: the page change that follows (Material fetches and
// swaps in that page) came from history. Told by the event, not by how soon the page follows: on a slow
// device the page can take seconds. A change of the fragment alone brings no page change.
let fromHistory = false;
let shownPath = location.pathname;
addEventListener("popstate", () => { fromHistory = location.pathname !== shownPath; });

// Per page address, the result card at the top of the screen and its offset there, kept as the reader
// scrolls: Back returns to that card. A scroll offset alone would not: the cards are sized as they come
// into view, so after Back the same offset shows other cards.
const anchors = new Map();

function trackAnchor(root) {
  let pending = false;
  const record = () => {
    pending = false;
    if (!root.isConnected) return; // the page is being replaced: keep what was recorded
    const header = document.querySelector(".md-header");
    const line = header ? header.getBoundingClientRect().bottom : 0;
    const card = [...root.querySelectorAll("#lbp-result [data-rec]")]
      .find((candidate) => candidate.getBoundingClientRect().bottom > line);
    if (card) anchors.set(location.href, { rec: card.dataset.rec, top: card.getBoundingClientRect().top });
  };
  const onScroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(record);
  };
  addEventListener("scroll", onScroll, { passive: true });
  return () => removeEventListener("scroll", onScroll);
}

/** Where the calculator opens after Material's instant navigation. Material scrolls to the fragment's
 * element, but a case in the fragment is none, so the page kept the last page's scroll position (the
 * middle of a long result). A new visit starts at the top; Back or Forward returns to the card the
 * reader was at, once the result is shown. */
function placeScroll(root, returning) {
  const anchor = anchors.get(location.href);
  if (!returning || anchor === undefined) {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id && document.getElementById(id) === null) window.scrollTo(0, 0);
    return;
  }
  root.addEventListener("lbp:result", () => returnTo(root, anchor), { once: true });
}

/** Keep the anchor card at its offset while the cards lay out, for at most 90 frames (1.5 s at 60 frames a
 * second; counted in frames, so a slow device gets as many layouts), and never against the reader: any
 * scrolling of their own stops it. */
function returnTo(root, { rec, top }) {
  let frames = 90;
  let stopped = false;
  const stop = () => { stopped = true; };
  const inputs = ["wheel", "touchstart", "keydown", "pointerdown"];
  inputs.forEach((type) => addEventListener(type, stop, { once: true, passive: true }));
  const step = () => {
    const card = root.querySelector(`#lbp-result [data-rec="${CSS.escape(rec)}"]`);
    if (!stopped && card && frames-- > 0) {
      const off = card.getBoundingClientRect().top - top;
      if (Math.abs(off) >= 1) window.scrollBy(0, off);
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
  const returning = fromHistory;
  fromHistory = false;
  shownPath = location.pathname;
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
  if (!fullLoad) placeScroll(root, returning); // a full load is placed by the browser
  const pageEngine = startEngine(); // start Python first: it is the slow part
  const { mount } = await import("./view.js");
  if (document.getElementById("lbp-calculator") !== root || mounted === root) return;
  const unmountView = mount(root, pageEngine, SITE_ROOT);
  const untrack = trackAnchor(root);
  unmount = () => {
    untrack();
    unmountView();
  };
  mounted = root;
}

// Material defines document$ in its bundle, at the end of <body>; subscribe once the document is parsed.
function subscribe() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => { onPage(); });
  } else {
    onPage(); // a theme without instant navigation (one page per load)
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
