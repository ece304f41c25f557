// The engine's settings: one object, written once at build time (the calculator plugin's engine_settings)
// and carried by the page in a data block (#lbp-engine-settings; the <head>'s early start has the same
// object). A worker's settings travel in its name, as the JSON text of that object: it starts the moment its
// script has run (a message would wait on the page's busy main thread, and a URL fragment is lost when the
// worker is served from the offline copy). Paths are site-root-relative.
// Keys: engine ("lbp"), build (the engine build: names the runtime folder and the device's snapshot),
// worker, runtime, stdlib, wheel, wheel_sha256, glue ("lbp" or "stock"), snapshot (take and keep one on the
// device), lock_info (loadPyodide's lock file info), files (each runtime file's sha256, by name).

const REQUIRED = ["build", "worker", "runtime", "stdlib", "wheel", "wheel_sha256", "glue", "lock_info", "files"];

/** The settings the page carries (its #lbp-engine-settings data block). */
export function pageSettings(doc = document) {
  const block = doc.getElementById("lbp-engine-settings");
  if (block === null) throw new Error("this page has no calculator engine settings");
  return checked(JSON.parse(block.dataset.json));
}

/** The worker name that carries ``settings``. */
export function workerName(settings) {
  return JSON.stringify(settings);
}

/** The settings a worker was named with; throws if it was started without them. */
export function settingsFromName(name) {
  let settings;
  try {
    settings = JSON.parse(name);
  } catch {
    throw new Error("the engine worker was started without its settings");
  }
  return checked(settings);
}

function checked(settings) {
  const missing = REQUIRED.filter((key) => settings?.[key] === undefined);
  if (settings?.engine !== "lbp" || missing.length) {
    throw new Error(`the engine's settings lack ${missing.join(", ") || "engine"}`);
  }
  return settings;
}

/** The engine's cache (the runtime's files and the memory snapshot taken on this device), one per build. */
export function engineCacheName(settings) {
  return `lbp-engine-${settings.build}`;
}
