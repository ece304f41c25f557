// The engine: Pyodide and lbp_core in a module Web Worker, so the page never waits on Python.
// Start-up restores the build-time memory snapshot (lbp_core already imported); if that fails for any
// reason it boots Pyodide normally and installs the wheel through the lock file (sha256 checked).
// Its settings (runtime, lock, snapshot: absolute URLs; offline: "1" when its page came from the offline
// copy) come in its name (engineWorkerName in engine.js),
// so it starts the moment its script has run. A message would wait: Chromium hands a starting worker the
// messages posted to it through the page's main thread, busy then with the page and Material's bundle (an
// "init" message arrived 50 ms after this script had run). Nor can they come in the script URL's fragment:
// a worker served from the offline copy gets the cached response's URL, which has none.
// Messages in: {type: "evaluate"|"changes"|"grouped"|"note", id, text}.
// Messages out: {type: "progress", fraction, text}, {type: "ready", info, mode, compiled, ms, timings},
// {type: "failed", message}, {type: "reply", id, text, ms}. Data crosses as JSON text only.
// Its two helper modules are imported when needed rather than statically: static imports are fetched and
// run before this script runs, which would hold up the start of the downloads.

let python = null;

function post(message) {
  self.postMessage(message);
}

function progress(fraction, text) {
  post({ type: "progress", fraction, text });
}

const WASM_TYPE = "application/wasm";
const timings = { origin: performance.timeOrigin }; // origin: to place the laps on the page's clock
function lap(name) {
  timings[name] = Math.round(performance.now());
}

async function bytesOf(pending, label) {
  const response = await pending;
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  // Through a blob, which the browser fills off this thread, in one piece: reading the stream here
  // (response.arrayBuffer(), a read loop, or WebAssembly's streaming compile) takes the body in chunk by
  // chunk on this thread, which on a warm start kept it busy for 50 to 200 ms while Pyodide's modules and
  // the snapshot waited.
  return new Uint8Array(await (await response.blob()).arrayBuffer());
}

/** Until the returned undo is called, a request for one of the given URLs (Pyodide's own, made while
 * it starts) gets the response already under way for it, once, instead of a new request. */
function answerFetches(responses) {
  const nativeFetch = self.fetch;
  self.fetch = (resource, options) => {
    const response = responses.get(String(resource));
    if (response === undefined) return nativeFetch(resource, options);
    responses.delete(String(resource));
    return response;
  };
  return () => { self.fetch = nativeFetch; };
}

// Pyodide requests and compiles its WebAssembly only once its glue module runs. The worker compiles it
// from the start instead (compiledWebAssembly), while the snapshot downloads, and answers Pyodide's request
// for the binary itself (answerFetches). Pyodide's instantiateStreaming call then instantiates the worker's
// module (or, if that compile failed, compiles what it was given). Returns the undo.
function useCompiled(module) {
  const { instantiateStreaming } = WebAssembly;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    lap("asked");
    let compiled;
    try {
      compiled = await module;
    } catch {
      return instantiateStreaming(source, imports);
    }
    const instance = await WebAssembly.instantiate(compiled, imports);
    lap("instantiated");
    return { module: compiled, instance };
  };
  return () => { WebAssembly.instantiateStreaming = instantiateStreaming; };
}

let compiler = null; // compile.js's worker, kept for the engine's lifetime (see there)
let compiledIn = ""; // where Pyodide's WebAssembly was compiled: reported with "ready", for tests

function compileInWorker(url) {
  return new Promise((resolve, reject) => {
    compiler = new Worker(new URL("./compile.js", import.meta.url), { name: url });
    compiler.onmessage = ({ data }) => (data.module ? resolve(data.module) : reject(new Error(data.error)));
    compiler.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || "the compile worker could not start"));
    };
  });
}

/** Pyodide's WebAssembly, compiled: {module, bytes} (bytes: the binary, when this worker read it whole).
 * From the offline copy it is compiled as it streams, in compile.js's worker: the browser may then reuse
 * the compiled code it stores beside the copy instead of compiling again, and this thread stays free to
 * import Pyodide and read the snapshot meanwhile. A first visit (not from the copy, with nothing stored)
 * reads the binary whole and compiles it here: streaming, it compiled slower (see bytesOf). */
function compiledWebAssembly(url, offline) {
  if (offline) {
    const module = compileInWorker(url).then((compiledModule) => {
      lap("compiled");
      compiledIn = "compile worker";
      return compiledModule;
    }, (error) => {
      console.warn("lbp calculator: compiling Pyodide's WebAssembly here instead:", error);
      compiledIn = "engine worker, streamed";
      return WebAssembly.compileStreaming(fetch(url));
    });
    return { module, bytes: null };
  }
  const bytes = bytesOf(fetch(url), "Pyodide's WebAssembly");
  compiledIn = "engine worker";
  return { module: bytes.then((body) => WebAssembly.compile(body)), bytes };
}

async function bootFromSnapshot(loadPyodide, glue, config, memory) {
  const pyodide = await loadPyodide({ indexURL: config.runtime, lockFileURL: config.lock,
    createPyodideModule: async (settings) => {
      const { default: createModule } = await glue;
      lap("create"); // the snapshot is in: Pyodide creates its module
      return createModule(settings);
    },
    _loadSnapshot: memory.then((bytes) => {
      lap("snapshot");
      return bytes;
    }) });
  // Only the site's glue module restores the heap from the packed snapshot (sparse.mjs): under any other,
  // the heap would hold the header alone.
  if (!(await memory).restored) throw new Error("the runtime did not restore the packed snapshot");
  return pyodide;
}

async function bootFromWheel(loadPyodide, config) {
  const pyodide = await loadPyodide({ indexURL: config.runtime, lockFileURL: config.lock });
  progress(0.8, "Installing the guidance engine");
  await pyodide.loadPackage("lbp-core", { messageCallback: () => {} });
  return pyodide;
}

async function boot(config) {
  const started = performance.now();
  lap("boot");
  progress(0.05, "Loading the calculator engine");
  const runtime = (name) => new URL(name, config.runtime).href;
  // Everything a snapshot start needs is requested at once: the snapshot, Pyodide's WebAssembly, its
  // standard library and lock file, its loader and its glue module (whose compiled code the browser has
  // cached since the offline copy's warm-up, so importing it early costs this thread little).
  const snapshotStart = Boolean(config.snapshot);
  const memory = snapshotStart
    ? Promise.all([bytesOf(fetch(config.snapshot), "engine snapshot"), import("./sparse.mjs")])
      .then(([packed, { restorable }]) => restorable(packed))
    : null;
  const wasmURL = runtime("pyodide.asm.wasm");
  const compiled = snapshotStart ? compiledWebAssembly(wasmURL, config.offline === "1") : null;
  const wasm = compiled?.module;
  // Pyodide's request for the binary gets the bytes read here or, if the module is compiled in its own
  // worker, an empty body: the module instantiated (useCompiled) is the worker's either way.
  const binary = compiled?.bytes ?? Promise.resolve(new Uint8Array(0));
  const answered = snapshotStart ? new Map([
    [wasmURL, binary.then((body) => new Response(body, { headers: { "Content-Type": WASM_TYPE } }))],
    [runtime("python_stdlib.zip"), fetch(runtime("python_stdlib.zip"))],
    [config.lock, fetch(config.lock)],
  ]) : new Map();
  const loader = import(runtime("pyodide.mjs"));
  const glue = snapshotStart ? import(runtime("pyodide.asm.mjs")) : null;
  const pendings = [memory, wasm, binary, loader, glue, ...answered.values()];
  pendings.forEach((pending) => pending?.catch(() => {})); // each is awaited, and its failure handled, later
  let pyodide = null;
  let mode = "snapshot";
  const undoFetches = answerFetches(answered);
  const undoCompiled = wasm ? useCompiled(wasm) : () => {};
  async function start() {
    const { loadPyodide } = await loader;
    lap("imported");
    if (memory) {
      try {
        return await bootFromSnapshot(loadPyodide, glue, config, memory);
      } catch (error) {
        console.warn("lbp calculator: the memory snapshot did not restore, starting normally:", error);
      }
    }
    mode = "wheel";
    return bootFromWheel(loadPyodide, config);
  }
  // Without its WebAssembly (missing, cut off, corrupt) Pyodide's start-up never settles: it logs
  // "wasm instantiation failed" and waits. The failure to read or compile it ends the start instead,
  // so the page says the engine could not be loaded rather than "loading" for ever.
  const noWasm = wasm ? wasm.then(() => new Promise(() => {})) : new Promise(() => {});
  try {
    pyodide = await Promise.race([start(), noWasm]);
  } finally {
    undoCompiled();
    undoFetches();
  }
  lap("loaded");
  progress(0.9, "Starting the guidance engine");
  // The snapshot already holds the bridge: not compiling it again spares Python's compiler (WebAssembly
  // that is compiled on first use) at start-up.
  if (mode === "wheel") pyodide.runPython((await import("./bridge.mjs")).BRIDGE);
  python = {
    evaluate: pyodide.globals.get("lbp_evaluate"),
    changes: pyodide.globals.get("lbp_what_would_change"),
    grouped: pyodide.globals.get("lbp_grouped_changes"),
    note: pyodide.globals.get("lbp_note"),
  };
  const info = JSON.parse(pyodide.globals.get("lbp_info")());
  lap("ready");
  post({ type: "ready", info, mode, compiled: compiledIn, ms: performance.now() - started, timings });
}

const NO_SETTINGS = "the engine worker was started without its settings";

/** The settings in the worker's name (engineWorkerName in engine.js). */
function settingsFromName(name) {
  const settings = Object.fromEntries(new URLSearchParams(name));
  if (settings.engine !== "lbp" || !settings.runtime || !settings.lock) {
    throw new Error(NO_SETTINGS);
  }
  return settings;
}

async function start(name) {
  try {
    await boot(settingsFromName(name));
  } catch (error) {
    post({ type: "failed", message: String(error && error.message ? error.message : error) });
  }
}

// The offline copy's warm-up imports this module in a worker without a name: then it starts nothing.
const booting = self.name === "" ? null : start(self.name);

self.addEventListener("message", async ({ data }) => {
  if (booting === null) {
    post({ type: "failed", message: NO_SETTINGS });
    return;
  }
  await booting;
  if (python === null) return;
  const started = performance.now();
  let text;
  try {
    const call = Object.hasOwn(python, data.type) ? python[data.type] : python.evaluate;
    text = call(data.text);
  } catch (error) {
    post({ type: "reply", id: data.id, error: String(error && error.message ? error.message : error) });
    return;
  }
  post({ type: "reply", id: data.id, text, ms: performance.now() - started });
});
