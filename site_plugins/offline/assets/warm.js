// A module worker that register.js starts once for each build's offline copy, right after it is installed.
// It imports the modules the offline manifest lists under "warm" through the new offline copy, so that the
// browser caches their compiled code now: a module served from the offline copy has its compiled code
// cached only after it has run from there once, so without this the first visit served offline would
// compile them all again (for the calculator's engine, over a megabyte of Pyodide's JavaScript).
// Importing them runs only their top level, which for these modules defines and starts nothing; they are
// run as the engine runs them, in a module worker (Pyodide refuses a classic one).
// A listed module that exports warmUp() prepares more than its own code: it is then awaited, one at a
// time, in the order listed (the calculator's warm-up.js runs its engine once from the offline copy).
// Replies {modules, served, warmUps, warmedUp}: how many modules were listed, how many of those the
// service worker served, how many export warmUp(), and how many of those finished without an error.
const ROOT = new URL("../../", import.meta.url);

async function warm(path) {
  const url = new URL(path, ROOT).href;
  let module;
  try {
    module = await import(url);
  } catch (error) {
    console.warn(`lbp offline: could not prepare ${path}:`, error);
    return { served: false, warmUp: null };
  }
  const [entry] = performance.getEntriesByName(url);
  return { served: Boolean(entry && entry.workerStart > 0), warmUp: module.warmUp };
}

async function warmUp(path, run) {
  try {
    await run();
    return true;
  } catch (error) {
    // An extra: the offline copy works without it, only the first start from it is slower.
    console.warn(`lbp offline: ${path}'s warm-up did not finish:`, error);
    return false;
  }
}

(async () => {
  try {
    await import(new URL("offline-manifest.js", ROOT).href); // sets self.LBP_OFFLINE, as in sw.js
  } catch (error) {
    // E.g. the network went away right after the install: the modules are compiled on first use instead.
    console.warn("lbp offline: modules not prepared:", error);
    self.postMessage({ modules: 0, served: 0, warmUps: 0, warmedUp: 0 });
    return;
  }
  const paths = self.LBP_OFFLINE.warm || [];
  let served = 0;
  const warmUps = [];
  for (const path of paths) {
    const prepared = await warm(path);
    if (prepared.served) served += 1;
    if (typeof prepared.warmUp === "function") warmUps.push([path, prepared.warmUp]);
  }
  let warmedUp = 0;
  for (const [path, run] of warmUps) {
    if (await warmUp(path, run)) warmedUp += 1;
  }
  self.postMessage({ modules: paths.length, served, warmUps: warmUps.length, warmedUp });
})();
