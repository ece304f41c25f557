// Registers the site's service worker (sw.js at the site root) once the page has finished its own work:
// after load, and on the calculator page after the engine has started, so precaching never competes with
// what the reader is waiting for. When a new build has been precached it says so and offers a reload. Once
// for each build's offline copy (the first install, and each new build after it) it has the listed modules
// compiled once from that copy, and their warm-ups run (warm.js): the code the browser stores for them
// belongs to the copy they came from, and goes with it. <html data-offline> says how far it got:
// "registered", then "ready" (the offline copy is active and prepared); data-offline-warmed gives
// "served/listed" for the modules prepared, and data-offline-warmed-up "finished/listed" for their
// warm-ups.
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

/** Resolves when warm.js has imported the manifest's "warm" modules through the offline copy and run
 * their warm-ups. */
function warmModules() {
  return new Promise((resolve) => {
    const done = (text, warmedUp = text) => {
      document.documentElement.dataset.offlineWarmed = text;
      document.documentElement.dataset.offlineWarmedUp = warmedUp;
      resolve();
    };
    let worker;
    try {
      worker = new Worker(new URL("assets/lbp-offline/warm.js", SITE_ROOT), { type: "module" });
    } catch (error) {
      console.warn("lbp offline: modules not prepared:", error);
      done("failed");
      return;
    }
    worker.onmessage = ({ data }) => {
      worker.terminate();
      done(`${data.served}/${data.modules}`, `${data.warmedUp}/${data.warmUps}`);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      console.warn("lbp offline: modules not prepared:", event.message);
      done("failed");
    };
  });
}

const ASK_TIMEOUT_MS = 5000;

/** The service worker's answer to a {type} message, or ``silence`` if it gives none in time. */
function ask(worker, type, silence) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(silence), ASK_TIMEOUT_MS);
    channel.port1.onmessage = ({ data }) => {
      clearTimeout(timer);
      resolve(data);
    };
    worker.postMessage({ type }, [channel.port2]);
  });
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
    // Unanswered, it counts as prepared: better than preparing again on every page.
    if (!(await ask(active, "warmed?", true))) {
      await warmModules();
      await ask(active, "warmed", true); // tried once per build, whatever came of it
    }
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

if ("serviceWorker" in navigator && window.isSecureContext) {
  reloadWhenReplaced();
  whenIdle().then(register);
}
