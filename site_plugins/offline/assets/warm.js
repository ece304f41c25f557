// A module worker that register.js starts once, right after the service worker's first install. It
// imports the modules the offline manifest lists under "warm" through the new offline copy, so that the
// browser caches their compiled code now: a module served from the offline copy has its compiled code
// cached only after it has run from there once, so without this the first visit served offline would
// compile them all again (for the calculator's engine, over a megabyte of Pyodide's JavaScript).
// Importing them runs only their top level, which for these modules defines and starts nothing; they are
// run as the engine runs them, in a module worker (Pyodide refuses a classic one).
// Replies {modules, served}: how many were listed, and how many of those the service worker served.
const ROOT = new URL("../../", import.meta.url);

async function warm(path) {
  const url = new URL(path, ROOT).href;
  try {
    await import(url);
  } catch (error) {
    console.warn(`lbp offline: could not prepare ${path}:`, error);
    return false;
  }
  const [entry] = performance.getEntriesByName(url);
  return Boolean(entry && entry.workerStart > 0);
}

(async () => {
  try {
    await import(new URL("offline-manifest.js", ROOT).href); // sets self.LBP_OFFLINE, as in sw.js
  } catch (error) {
    // E.g. the network went away right after the install: the modules are compiled on first use instead.
    console.warn("lbp offline: modules not prepared:", error);
    self.postMessage({ modules: 0, served: 0 });
    return;
  }
  const paths = self.LBP_OFFLINE.warm || [];
  let served = 0;
  for (const path of paths) {
    if (await warm(path)) served += 1;
  }
  self.postMessage({ modules: paths.length, served });
})();
