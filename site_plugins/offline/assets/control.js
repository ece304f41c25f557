// The reader's say over what the site keeps on this device:
// - "Make available offline (N MB)", at the foot of every page ([data-lbp-offline-control]): stores the
//   whole site and the calculator's engine, with progress, for someone about to lose signal. N is what is
//   still to download (the build's total until the service worker can say).
// - On the privacy page ([data-lbp-offline-storage]): what is stored, by kind, and "Remove everything
//   stored", after which nothing is stored again until the reader asks (choice.js: "off").
// Clicks are handled once for the whole document, so the controls keep working across Material's instant
// navigation; the figures are refreshed on each page change.
import { offlineChoice, setOfflineChoice } from "./choice.js";

const MB = 1e6;

function megabytes(bytes) {
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}

/** Sends ``message`` to the service worker ``worker`` and resolves with its final answer ({type: "done" |
 * "status" | "failed", ...}); each {type: "progress"} on the way goes to ``onProgress``. With
 * ``timeoutMs``, resolves with null if no answer came by then. */
export function ask(worker, message, { onProgress = () => {}, timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = timeoutMs ? setTimeout(() => resolve(null), timeoutMs) : 0;
    channel.port1.onmessage = ({ data }) => {
      if (data.type === "progress") {
        onProgress(data);
        return;
      }
      clearTimeout(timer);
      resolve(data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

async function activeWorker() {
  if (!("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration(new URL("../../", import.meta.url));
  return registration ? registration.active : null;
}

async function status() {
  const worker = await activeWorker();
  return worker ? ask(worker, { type: "status" }, { timeoutMs: 10000 }) : null;
}

function missingBytes(value) {
  return Object.keys(value.totals).reduce((sum, kind) => sum + value.totals[kind] - value.stored[kind], 0);
}

async function refresh() {
  const controls = [...document.querySelectorAll("[data-lbp-offline-control]")];
  const panels = [...document.querySelectorAll("[data-lbp-offline-storage]")];
  if (!controls.length && !panels.length) return;
  const value = await status().catch(() => null);
  for (const button of document.querySelectorAll("[data-lbp-offline-action=store-all]")) {
    const bytes = value ? missingBytes(value) : Number(button.dataset.bytes);
    button.hidden = bytes === 0;
    button.textContent = `Make available offline (${megabytes(bytes)})`;
  }
  for (const control of controls) {
    control.hidden = false;
    if (value && missingBytes(value) === 0) {
      control.querySelector("[data-lbp-offline-status]").textContent =
        "This guidance and its calculator are stored on this device for offline use.";
    }
  }
  for (const panel of panels) renderPanel(panel, value);
  document.documentElement.dataset.offlineStored = value ? String(missingBytes(value) === 0) : "none";
}

function renderPanel(panel, value) {
  const list = panel.querySelector("[data-lbp-offline-list]");
  const rows = value ? [
    ["The site's shell (styles, scripts, search)", value.stored.shell, value.totals.shell],
    ["Pages", value.stored.page, value.totals.page],
    ["The calculator's engine", value.stored.engine, value.totals.engine],
  ] : [];
  list.replaceChildren(...rows.map(([label, stored, total]) => {
    const item = document.createElement("li");
    item.textContent = `${label}: ${megabytes(stored)} of ${megabytes(total)}`;
    return item;
  }));
  if (value && value.snapshot) {
    const item = document.createElement("li");
    item.textContent = `The calculator engine's start-up memory, made on this device: ${megabytes(value.snapshot)}`;
    list.append(item);
  }
  const summary = panel.querySelector("[data-lbp-offline-summary]");
  summary.textContent = value ? "Stored on this device for offline use:"
    : offlineChoice() === "off" ? "Nothing of this site is stored on this device: you removed it."
      : "Nothing of this site is stored on this device.";
  panel.querySelector("[data-lbp-offline-action=remove]").hidden = !value;
}

/** Stores the whole site and the engine (the reader's say: the control, or installing the site as an app),
 * and keeps every later build whole; ``onProgress({bytes, total})`` as it goes. */
export async function storeEverything(registerNow, onProgress = () => {}) {
  setOfflineChoice("all");
  const worker = await registerNow();
  const answer = await ask(worker, { type: "store-all" }, { onProgress });
  await refresh();
  return answer;
}

async function storeFromControl(button, registerNow) {
  const control = button.closest("[data-lbp-offline-control], [data-lbp-offline-storage]");
  const bar = control.querySelector("progress");
  const note = control.querySelector("[data-lbp-offline-status]");
  button.disabled = true;
  note.textContent = "Storing for offline use…";
  try {
    await storeEverything(registerNow, ({ bytes, total }) => {
      bar.hidden = false;
      bar.max = total;
      bar.value = bytes;
      note.textContent = `Storing for offline use: ${megabytes(bytes)} of ${megabytes(total)}`;
    });
    bar.hidden = true;
  } catch (error) {
    note.textContent = "Storing failed: check the connection and try again.";
    console.warn("lbp offline: storing failed:", error);
  } finally {
    button.disabled = false;
  }
  await refresh();
}

async function removeEverything(button) {
  const panel = button.closest("[data-lbp-offline-storage]");
  const note = panel.querySelector("[data-lbp-offline-status]");
  button.disabled = true;
  const worker = await activeWorker();
  if (worker) await ask(worker, { type: "remove" }, { timeoutMs: 10000 });
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((registration) => registration.unregister()));
  const names = (await caches.keys()).filter((name) => name.startsWith("lbp-"));
  await Promise.all(names.map((name) => caches.delete(name)));
  setOfflineChoice("off");
  document.documentElement.dataset.offline = "off";
  button.disabled = false;
  note.textContent = "Removed. Nothing of this site is kept on this device until you choose "
    + "\"Make available offline\".";
  await refresh();
}

/** Wires the controls (once), and refreshes their figures now and on every page change. */
export function bindControls({ registerNow }) {
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-lbp-offline-action]");
    if (!button) return;
    if (button.dataset.lbpOfflineAction === "store-all") storeFromControl(button, registerNow);
    else if (button.dataset.lbpOfflineAction === "remove") removeEverything(button);
  });
  const follow = () => {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(() => { refresh(); });
    } else {
      refresh();
    }
  };
  follow();
}
