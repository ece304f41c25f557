// Registers the site's service worker (sw.js at the site root) once the page has finished its own work:
// after load, and on the calculator page after the engine has started, so storing never competes with what
// the reader is waiting for. Not at all when the reader removed the offline copy (choice.js: "off"), nor,
// for a first registration, when the browser asks to save data (Save-Data): nothing is then downloaded in
// the background. Once it is active, the files this page has already fetched are stored from the browser's
// HTTP cache (nothing is downloaded again); the calculator's engine stores its own files (worker.js), so
// after one visit to the calculator it answers with the network off. When a new build has been stored it
// says so and offers a reload.
// Installing the site as an app (the browser's "appinstalled") is the reader's say to store it whole, as
// "Make available offline" is: the app then opens offline, calculator included (not under Save-Data, where
// the control stays for them to use).
// <html data-offline> says how far it got: "registered", then "ready" (active, this page's files stored),
// or "off" (nothing registered: the reader's choice or Save-Data).
import { offlineChoice } from "./choice.js";
import { ask, bindControls, storeEverything } from "./control.js";

const SITE_ROOT = new URL("../../", import.meta.url);

function showUpdateReady(registration) {
  if (document.getElementById("lbp-update-ready")) return;
  const notice = document.createElement("div");
  notice.id = "lbp-update-ready";
  notice.className = "lbp-update-ready md-typeset"; // md-typeset: Material styles its buttons only there
  notice.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "A new version of this guidance is ready. ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Reload to update";
  button.addEventListener("click", () => {
    // The new build takes over every tab at once; each then reloads (reloadWhenReplaced). If another
    // tab has already let it in, this one only has to reload.
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
    else location.reload();
  });
  // Not now: the notice goes until the next page load, and the current build goes on working.
  const later = document.createElement("button");
  later.type = "button";
  later.className = "md-button";
  later.textContent = "Later";
  later.addEventListener("click", () => notice.remove());
  notice.append(text, button, later);
  document.body.append(notice);
}

function watch(registration) {
  if (registration.waiting && navigator.serviceWorker.controller) showUpdateReady(registration);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) showUpdateReady(registration);
    });
  });
}

/** This page's own files so far (the page and what it loaded from the site), as URLs. */
function pageFiles() {
  const urls = [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)];
  return urls.filter((url) => url.startsWith(SITE_ROOT.href));
}

async function keepWhatWasFetched(active) {
  await ask(active, { type: "keep", urls: pageFiles() });
}

async function register() {
  try {
    const registration = await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
      scope: SITE_ROOT.pathname,
      updateViaCache: "none", // check sw.js and its imported manifest against the server, never HTTP cache
    });
    watch(registration);
    document.documentElement.dataset.offline = "registered";
    const { active } = await navigator.serviceWorker.ready;
    await keepWhatWasFetched(active);
    document.documentElement.dataset.offline = "ready";
  } catch (error) {
    // Offline use is an extra: without it the site still works online, so this is only a warning.
    console.warn("lbp offline: service worker not registered:", error);
  }
}

function whenIdle() {
  const onCalculator = document.getElementById("lbp-calculator") !== null;
  return new Promise((resolve) => {
    const afterLoad = () => {
      if (!onCalculator || document.documentElement.dataset.lbpEngine) { resolve(); return; }
      window.addEventListener("lbp:engine-settled", () => resolve(), { once: true });
      setTimeout(resolve, 15000);
    };
    if (document.readyState === "complete") afterLoad();
    else window.addEventListener("load", afterLoad, { once: true });
  });
}

/** A new build took over the offline copy (from "Reload to update" here or in another tab): this page,
 * and any calculator engine it started, belong to the old build, whose files are gone from the copy.
 * The page reloads, so a tab never mixes pages or results of two builds; the case is in the address. */
function reloadWhenReplaced() {
  if (!navigator.serviceWorker.controller) return; // a first install replaces nothing
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
}

/** Registers now (the reader asked for offline use); resolves with the active worker. */
export async function registerNow() {
  await register();
  return (await navigator.serviceWorker.ready).active;
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  const saveData = Boolean(navigator.connection && navigator.connection.saveData);
  if (offlineChoice() === "off" || (saveData && !navigator.serviceWorker.controller)) {
    document.documentElement.dataset.offline = "off";
  } else {
    reloadWhenReplaced();
    whenIdle().then(register);
  }
  bindControls({ registerNow });
  addEventListener("appinstalled", () => {
    if (saveData) return;
    storeEverything(registerNow).catch((error) => console.warn("lbp offline: storing failed:", error));
  });
}
