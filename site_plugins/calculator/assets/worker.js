// The engine: Pyodide and lbp_core in a module Web Worker, so the page never waits on Python.
// Start-up restores the build-time memory snapshot (lbp_core already imported); if that fails for any
// reason it boots Pyodide normally and installs the wheel through the lock file (sha256 checked).
// Messages in: {type: "init", runtime, lock, snapshot} then {type: "evaluate"|"changes", id, text}.
// Messages out: {type: "progress", fraction, text}, {type: "ready", info, mode, ms}, {type: "failed",
// message}, {type: "reply", id, text, ms}. Data crosses as JSON text only.
import { BRIDGE } from "./bridge.mjs";
import { unpack } from "./sparse.mjs";

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
  // In one piece, not chunk by chunk: a read loop on a fast stream runs as one long string of microtasks,
  // which holds up the worker's other work (evaluating Pyodide's modules) until the download ends. And
  // through a blob, which the browser collects off this thread: response.arrayBuffer() kept this thread
  // busy for some 200 ms on a warm start, taking in the snapshot piece by piece.
  return new Uint8Array(await (await response.blob()).arrayBuffer());
}

// Pyodide requests its WebAssembly when loadPyodide starts, and compiles it only once the snapshot is in
// and its glue module runs. The worker requests and compiles it from the start instead (on the browser's
// background threads, while the snapshot downloads). Until Pyodide has started, its request for the binary
// gets the worker's response, and its instantiateStreaming call instantiates the worker's module (or, if
// that compile failed, streams the binary itself). Returns the function that undoes this.
function useCompiled(url, response, module) {
  const { fetch } = self;
  const { instantiateStreaming } = WebAssembly;
  self.fetch = (resource, options) => (String(resource) === url ? response : fetch(resource, options));
  WebAssembly.instantiateStreaming = async (source, imports) => {
    let compiled;
    try {
      compiled = await module;
    } catch {
      return instantiateStreaming(fetch(url), imports);
    }
    return { module: compiled, instance: await WebAssembly.instantiate(compiled, imports) };
  };
  return () => {
    self.fetch = fetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  };
}

async function bootFromSnapshot(loadPyodide, glue, config, snapshot) {
  return loadPyodide({ indexURL: config.runtime, lockFileURL: config.lock,
    createPyodideModule: async (settings) => (await glue).default(settings),
    _loadSnapshot: snapshot.then((packed) => {
      const memory = unpack(packed);
      lap("snapshot");
      return memory;
    }) });
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
  // snapshot and Pyodide's WebAssembly binary (compiled as it arrives) here, its lock file and standard
  // library as soon as its small loader is there to call loadPyodide, which fetches them. Its large glue
  // module is imported only then: compiling it on this thread first would hold up the loader.
  const snapshot = config.snapshot ? download(config.snapshot, "engine snapshot") : null;
  snapshot?.catch(() => {}); // a failed download is handled where it is awaited
  const wasmURL = new URL("pyodide.asm.wasm", config.runtime).href;
  const wasmResponse = config.snapshot ? fetch(wasmURL) : null;
  const wasm = wasmResponse && WebAssembly.compileStreaming(wasmResponse);
  wasm?.catch(() => {});
  const { loadPyodide } = await import(new URL("pyodide.mjs", config.runtime).href);
  lap("imported");
  const glue = config.snapshot ? import(new URL("pyodide.asm.mjs", config.runtime).href) : null;
  glue?.catch(() => {});
  let pyodide = null;
  let mode = "snapshot";
  const undo = wasm ? useCompiled(wasmURL, wasmResponse, wasm) : () => {};
  try {
    if (snapshot) {
      try {
        pyodide = await bootFromSnapshot(loadPyodide, glue, config, snapshot);
      } catch (error) {
        console.warn("lbp calculator: the memory snapshot did not restore, starting normally:", error);
      }
    }
    if (pyodide === null) {
      mode = "wheel";
      pyodide = await bootFromWheel(loadPyodide, config);
    }
  } finally {
    undo();
  }
  lap("loaded");
  progress(0.9, "Starting the guidance engine");
  // The snapshot already holds the bridge: not compiling it again spares Python's compiler (WebAssembly
  // that is compiled on first use) at start-up.
  if (mode === "wheel") pyodide.runPython(BRIDGE);
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
