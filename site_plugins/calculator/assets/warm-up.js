// The calculator engine's part of the offline copy's warm-up (lbp-offline's warm.js runs warmUp() once for
// each build's offline copy, right after it is installed). It starts the engine from the offline copy, as
// every later visit will, and gives it the worked cases to evaluate for about a second. The browser
// meanwhile optimises the engine's hottest WebAssembly, and Chromium stores the compiled code beside the
// offline copy once enough of it has been optimised. The next start reads that code instead of validating
// and compiling Pyodide's WebAssembly again (`make bench` gives what it buys: "warm, no stored WebAssembly
// code"). The settings and the cases are in engine.json, written at build time (the calculator plugin).
import { engineWorkerName } from "./engine.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const ROUNDS = 10; // each round evaluates every worked case and asks what would change it
const READY_TIMEOUT_MS = 60_000;
// Chromium stores the compiled code once a megabyte of it has been optimised, or two seconds after the
// last optimised function if less; the wait covers the optimising still under way and those two seconds.
const STORE_WAIT_MS = 2500;

function reply(worker, predicate, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${timeoutMs} ms`)), timeoutMs);
    worker.addEventListener("message", function listen({ data }) {
      const failed = data.type === "failed";
      if (!failed && !predicate(data)) return;
      clearTimeout(timer);
      worker.removeEventListener("message", listen);
      if (failed) reject(new Error(data.message));
      else resolve(data);
    });
  });
}

/** Starts the engine as the calculator does from the offline copy, runs the worked cases through it
 * ROUNDS times, waits for the browser to store the compiled code, and stops the engine. */
export async function warmUp() {
  const response = await fetch(new URL("assets/lbp-calculator/engine.json", SITE_ROOT));
  if (!response.ok) throw new Error(`engine.json: HTTP ${response.status}`);
  const settings = await response.json();
  const url = (path) => (path ? new URL(path, SITE_ROOT).href : "");
  const name = engineWorkerName({ runtime: url(settings.runtime), lock: url(settings.lock),
    snapshot: url(settings.snapshot), offline: "1" });
  const worker = new Worker(url(settings.worker), { type: "module", name });
  try {
    await reply(worker, (data) => data.type === "ready", READY_TIMEOUT_MS, "the engine");
    const requests = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const input of settings.cases) {
        const text = JSON.stringify(input);
        for (const type of ["evaluate", "changes"]) requests.push({ type, id: requests.length, text });
      }
    }
    let answered = 0;
    const done = reply(worker, (data) => data.type === "reply" && ++answered === requests.length,
      READY_TIMEOUT_MS, "the worked cases");
    requests.forEach((request) => worker.postMessage(request));
    await done;
    await new Promise((resolve) => { setTimeout(resolve, STORE_WAIT_MS); });
  } finally {
    worker.terminate();
  }
  return `${settings.cases.length * ROUNDS} cases`;
}
