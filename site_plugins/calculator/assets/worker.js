// The engine: Pyodide and lbp_core in a module Web Worker, so the page never waits on Python.
// Start-up restores the build-time memory snapshot (lbp_core already imported); if that fails for any
// reason it boots Pyodide normally and installs the wheel through the lock file (sha256 checked).
// Messages in: {type: "init", runtime, lock, snapshot} then {type: "evaluate"|"changes", id, text}.
// Messages out: {type: "progress", fraction, text}, {type: "ready", info, mode, ms}, {type: "failed",
// message}, {type: "reply", id, text, ms}. Data crosses as JSON text only.
import { BRIDGE } from "./bridge.mjs";

let python = null;

function post(message) {
  self.postMessage(message);
}

function progress(fraction, text) {
  post({ type: "progress", fraction, text });
}

async function download(url, label) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  const total = Number(response.headers.get("Content-Length")) || 0;
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const bytes = new Uint8Array(total);
  const reader = response.body.getReader();
  let received = 0;
  let shown = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > total) throw new Error(`${label}: longer than announced`);
    bytes.set(value, received);
    received += value.length;
    if (received - shown > total / 20) {
      shown = received;
      progress(0.1 + 0.6 * (received / total),
        `Loading the calculator engine: ${(received / 1e6).toFixed(0)} of ${(total / 1e6).toFixed(0)} MB`);
    }
  }
  if (received !== total) throw new Error(`${label}: incomplete download`);
  return bytes;
}

async function bootFromSnapshot(loadPyodide, createPyodideModule, config, snapshot) {
  return loadPyodide({ indexURL: config.runtime, lockFileURL: config.lock, createPyodideModule,
    _loadSnapshot: snapshot });
}

async function bootFromWheel(loadPyodide, config) {
  const pyodide = await loadPyodide({ indexURL: config.runtime, lockFileURL: config.lock });
  progress(0.8, "Installing the guidance engine");
  await pyodide.loadPackage("lbp-core", { messageCallback: () => {} });
  return pyodide;
}

const timings = {};
function lap(name) {
  timings[name] = Math.round(performance.now());
}

async function boot(config) {
  const started = performance.now();
  lap("boot");
  progress(0.05, "Loading the calculator engine");
  // Everything the snapshot start needs is requested at once rather than one after another: the
  // snapshot, Pyodide's loader and its (large) WebAssembly glue module.
  const snapshot = config.snapshot
    ? download(config.snapshot, "engine snapshot").then((bytes) => { lap("snapshot"); return bytes; })
    : null;
  snapshot?.catch(() => {}); // a failed download is handled where it is awaited
  const [{ loadPyodide }, glue] = await Promise.all([
    import(new URL("pyodide.mjs", config.runtime).href),
    config.snapshot ? import(new URL("pyodide.asm.mjs", config.runtime).href) : null,
  ]);
  lap("imported");
  let pyodide = null;
  let mode = "snapshot";
  if (snapshot) {
    try {
      pyodide = await bootFromSnapshot(loadPyodide, glue.default, config, snapshot);
    } catch (error) {
      console.warn("lbp calculator: the memory snapshot did not restore, starting normally:", error);
    }
  }
  if (pyodide === null) {
    mode = "wheel";
    pyodide = await bootFromWheel(loadPyodide, config);
  }
  lap("loaded");
  progress(0.9, "Starting the guidance engine");
  pyodide.runPython(BRIDGE);
  python = {
    evaluate: pyodide.globals.get("lbp_evaluate"),
    changes: pyodide.globals.get("lbp_what_would_change"),
  };
  const info = JSON.parse(pyodide.globals.get("lbp_info")());
  lap("ready");
  post({ type: "ready", info, mode, ms: performance.now() - started, timings });
}

let booting = null;

self.addEventListener("message", async ({ data }) => {
  if (data.type === "init") {
    booting ??= boot(data).catch((error) => {
      post({ type: "failed", message: String(error && error.message ? error.message : error) });
    });
    return;
  }
  await booting;
  if (python === null) return;
  const started = performance.now();
  let text;
  try {
    text = data.type === "changes" ? python.changes(data.text) : python.evaluate(data.text);
  } catch (error) {
    post({ type: "reply", id: data.id, error: String(error && error.message ? error.message : error) });
    return;
  }
  post({ type: "reply", id: data.id, text, ms: performance.now() - started });
});
