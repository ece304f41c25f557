// Registers the site's service worker (sw.js at the site root) once the page has finished its own work:
// after load, and on the calculator page after the engine has started, so precaching never competes with
// what the reader is waiting for. When a new build has been precached it says so and offers a reload.
const SITE_ROOT = new URL("../../", import.meta.url);

function showUpdateReady(registration) {
  if (document.getElementById("lbp-update-ready")) return;
  const notice = document.createElement("div");
  notice.id = "lbp-update-ready";
  notice.className = "lbp-update-ready";
  notice.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "A new version of this guidance is ready. ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Reload to update";
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
  });
  notice.append(text, button);
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

async function register() {
  try {
    const registration = await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
      scope: SITE_ROOT.pathname,
      updateViaCache: "none", // check sw.js and its imported manifest against the server, never HTTP cache
    });
    watch(registration);
    document.documentElement.dataset.offline = "registered";
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

if ("serviceWorker" in navigator && window.isSecureContext) {
  whenIdle().then(register);
}
