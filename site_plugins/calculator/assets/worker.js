// The engine: Pyodide and lbp_core in a module Web Worker, so the page never waits on Python. This file is
// the whole start-up, in the order it runs (site_plugins/calculator/README.md gives each step's measured
// gain):
//   1. The settings come in the worker's name (engine-settings.js).
//   2. Every download starts at once: Pyodide's loader and glue module (imported), its WebAssembly and the
//      standard library (fetched, and handed to Pyodide when it asks: interceptPyodide, the one
//      interception of Pyodide's own start-up), and this device's stored snapshot for this build is looked up.
//   3. A snapshot start (`snapshotStart`) when this device has one: Pyodide restores the memory it holds
//      (lbp_core imported, the bridge defined) through its _loadSnapshot option.
//      Otherwise a fresh start (`freshStart`): Pyodide starts with the trimmed standard library (its
//      stdLibURL option) and an empty lock file (lockFileContents); the wheel is checked against the
//      build's sha256 and unpacked; the bridge is imported and warmed up; and, before any case is
//      evaluated, Pyodide's memory is copied (makeMemorySnapshot) so a later visit can restore it.
//   4. "ready": the case the page asked for meanwhile is answered at once.
//   5. Then, off the critical path, once the page says the reader lets the site keep files (a
//      "keep-snapshot" message): the snapshot is packed (sparse.mjs) and stored in the engine's cache, with
//      the runtime files this start downloaded (each checked against the build's sha256), so the next visit
//      starts from there, also offline, and nothing is downloaded twice.
// If the snapshot start fails for any reason, the engine starts fresh instead. If the WebAssembly cannot be
// had or compiled, or anything else fails, the page is told ("failed") rather than left waiting.
// Messages in: {type: "evaluate"|"changes"|"grouped"|"note", id, text}; {type: "keep-snapshot", keep}.
// Messages out: {type: "progress", fraction, text}, {type: "ready", info, mode, ms, timings},
// {type: "failed", message}, {type: "reply", id, text, ms}, {type: "snapshot", state, bytes}.
// Data crosses as JSON text only.
import { engineCacheName, settingsFromName } from "./engine-settings.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const SNAPSHOT_KEY = "engine.snapshot"; // in the runtime folder: a URL the site never serves
const WASM_TYPE = "application/wasm";

let python = null;
const timings = { origin: performance.timeOrigin }; // origin: to place the laps on the page's clock
function lap(name) {
  timings[name] = Math.round(performance.now());
}

function post(message) {
  self.postMessage(message);
}

function progress(fraction, text) {
  post({ type: "progress", fraction, text });
}

async function bytesOf(pending, label) {
  const response = await pending;
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The one interception of Pyodide's own start-up, until the returned undo is called:
 * - its request for one of the given URLs gets the response already under way for it (once) instead of a
 *   new request: Pyodide asks for its WebAssembly and standard library only once its 1.2 MB glue module
 *   has loaded; started here, they download meanwhile;
 * - a failure to compile its WebAssembly is passed to ``onFailure``: Pyodide only logs it, and its start
 *   would never settle. */
function interceptPyodide(responses, onFailure) {
  const nativeFetch = self.fetch;
  const { instantiateStreaming } = WebAssembly;
  self.fetch = (resource, options) => {
    const response = responses.get(String(resource));
    if (response === undefined) return nativeFetch(resource, options);
    responses.delete(String(resource));
    return response;
  };
  WebAssembly.instantiateStreaming = (source, imports) => instantiateStreaming(source, imports)
    .catch((error) => {
      onFailure(error);
      throw error;
    });
  return () => {
    self.fetch = nativeFetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  };
}

/** The WebAssembly's response labelled as such: Pyodide compiles it as it streams, which the browser
 * refuses for any other type (hosts such as S3 send application/octet-stream). */
async function asWebAssembly(pending) {
  const response = await pending;
  if (!response.ok) throw new Error(`Pyodide's WebAssembly: HTTP ${response.status}`);
  if (response.headers.get("Content-Type") === WASM_TYPE) return response;
  return new Response(response.body, { status: response.status, headers: { "Content-Type": WASM_TYPE } });
}

const downloaded = new Map(); // runtime file name -> a copy of the response this start got for it

/** ``fetch(url)``, keeping a copy of the response as ``name`` for the engine's cache (step 5). */
function fetchKept(url, name) {
  const pending = fetch(url);
  const copy = pending.then((response) => response.clone());
  copy.catch(() => {}); // a failed download is reported through ``pending``
  downloaded.set(name, copy);
  return pending;
}



async function sha256(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** This device's stored memory snapshot for this engine build (packed), or null. */
async function storedSnapshot(settings, url) {
  if (!settings.snapshot || typeof caches === "undefined") return null;
  try {
    // Looked up without caches.open, which would create the cache (after "Remove everything stored" too).
    const response = await caches.match(url(SNAPSHOT_KEY, settings.runtime),
      { cacheName: engineCacheName(settings) });
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null; // storage refused (e.g. a private window's limits): start fresh
  }
}

/** Starts Pyodide from the memory this device stored (packed: sparse.mjs). The site's glue module restores
 * the packed form segment by segment (glue.py's sparse restore); the npm glue gets the image unpacked. */
async function snapshotStart(loadPyodide, settings, options, packed) {
  const sparse = await import("./sparse.mjs");
  const image = settings.glue === "lbp" ? sparse.restorable(packed) : sparse.unpacked(packed);
  const pyodide = await loadPyodide({ ...options, _loadSnapshot: image });
  if (settings.glue === "lbp" && !image.restored) {
    throw new Error("the runtime did not restore the packed snapshot");
  }
  return pyodide;
}

/** Starts Pyodide afresh, installs the checked wheel and imports the bridge; returns it with a copy of its
 * memory taken before any case was evaluated (or null when snapshots are off). */
async function freshStart(loadPyodide, settings, options, wheel) {
  const { BRIDGE, WARM_UP, installWheel } = await import("./bridge.mjs");
  const pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(settings.snapshot) });
  lap("started");
  progress(0.8, "Installing the guidance engine");
  const bytes = await wheel;
  if ((await sha256(bytes)) !== settings.wheel_sha256) {
    throw new Error("the guidance engine's wheel differs from this build's (sha256)");
  }
  installWheel(pyodide, bytes, settings.wheel.split("/").pop());
  pyodide.runPython(BRIDGE);
  pyodide.runPython(WARM_UP);
  lap("imported");
  return { pyodide, memory: settings.snapshot ? pyodide.makeMemorySnapshot() : null };
}

let memoryToKeep = null; // the fresh start's snapshot, until the page says whether to keep it
let keepAnswer = null; // the page's answer, if it came first

async function boot(settings) {
  const started = performance.now();
  lap("boot");
  progress(0.05, "Loading the calculator engine");
  const url = (path, base = "") => new URL(base + path, SITE_ROOT).href;
  const runtime = url(settings.runtime);
  const wasmURL = url("pyodide.asm.wasm", settings.runtime);
  const stdlibURL = url(settings.stdlib);
  const wheelName = settings.wheel.split("/").pop();
  // Each of these is awaited, and its failure handled, later; until then a failure must not count as
  // unhandled (the page would see an uncaught error while the snapshot is looked up).
  const later = (pending) => {
    pending.catch(() => {});
    return pending;
  };
  const loader = later(import(url("pyodide.mjs", settings.runtime)));
  const glue = later(import(url("pyodide.asm.mjs", settings.runtime)));
  const wasm = later(asWebAssembly(fetchKept(wasmURL, "pyodide.asm.wasm")));
  const responses = new Map([[wasmURL, wasm], [stdlibURL, later(fetchKept(stdlibURL, "python_stdlib.zip"))]]);
  let failStart;
  const failed = later(new Promise((_, reject) => { failStart = reject; }));
  const packed = await storedSnapshot(settings, url);
  lap("looked-up");
  const fetchWheel = () => later(bytesOf(fetchKept(url(settings.wheel), wheelName), "the guidance engine's wheel"));
  const wheel = packed ? null : fetchWheel();
  const options = { indexURL: runtime, stdLibURL: stdlibURL,
    lockFileContents: { info: settings.lock_info, packages: {} } };
  const undo = interceptPyodide(responses, failStart);
  let pyodide;
  let mode;
  async function startPython() {
    const { loadPyodide } = await loader;
    await glue;
    lap("imported-js");
    if (packed) {
      try {
        pyodide = await snapshotStart(loadPyodide, settings, options, packed);
        mode = "snapshot";
        return;
      } catch (error) {
        console.warn("lbp calculator: the stored snapshot did not restore, starting afresh:", error);
      }
    }
    const fresh = await freshStart(loadPyodide, settings, options, wheel ?? fetchWheel());
    pyodide = fresh.pyodide;
    memoryToKeep = fresh.memory;
    mode = "fresh";
  }
  // Without its WebAssembly (missing, cut off, not compiling) Pyodide's start never settles: the failure
  // to have it or to compile it ends the start instead.
  const noWasm = later(wasm.then(() => new Promise(() => {})));
  try {
    await Promise.race([later(startPython()), noWasm, failed]);
  } finally {
    undo();
  }
  lap("loaded");
  progress(0.9, "Starting the guidance engine");
  python = {
    evaluate: pyodide.globals.get("lbp_evaluate"),
    changes: pyodide.globals.get("lbp_what_would_change"),
    grouped: pyodide.globals.get("lbp_grouped_changes"),
    note: pyodide.globals.get("lbp_note"),
  };
  const info = JSON.parse(pyodide.globals.get("lbp_info")());
  lap("ready");
  post({ type: "ready", info, mode, ms: performance.now() - started, timings });
  if (keepAnswer !== null) setTimeout(() => keepSnapshot(settings, keepAnswer), 0);
}

/** Stores in the engine's cache the runtime files this start downloaded, each only if it is the build's
 * (its sha256) and not stored yet. Pyodide's own modules came through import(): they are read again from
 * the browser's HTTP cache, which has them. */
async function storeRuntime(settings, cache) {
  const folder = new URL(settings.runtime, SITE_ROOT);
  for (const name of Object.keys(settings.files)) {
    const key = new URL(name, folder).href;
    if (await cache.match(key)) continue;
    const response = await (downloaded.get(name) ?? fetch(key, { cache: "force-cache" }));
    const body = await response.arrayBuffer();
    if (!response.ok || (await sha256(body)) !== settings.files[name]) continue;
    const type = name.endsWith(".wasm") ? WASM_TYPE : response.headers.get("Content-Type") || "";
    await cache.put(key, new Response(body, { headers: { "Content-Type": type } }));
  }
  downloaded.clear();
}

let kept = false;

/** Packs and stores the fresh start's snapshot with the runtime (``keep``), or lets them go; only once. */
async function keepSnapshot(settings, keep) {
  if (kept) return;
  kept = true;
  const memory = memoryToKeep;
  memoryToKeep = null;
  if (!keep) {
    downloaded.clear();
    if (memory !== null) post({ type: "snapshot", state: "not kept", bytes: 0 });
    return;
  }
  try {
    const cache = await caches.open(engineCacheName(settings));
    let bytes = 0;
    if (memory !== null) {
      const { pack } = await import("./sparse.mjs");
      const packed = pack(memory);
      await cache.put(new URL(SNAPSHOT_KEY, new URL(settings.runtime, SITE_ROOT)).href,
        new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
      bytes = packed.byteLength;
    }
    await storeRuntime(settings, cache);
    if (memory !== null) post({ type: "snapshot", state: "stored", bytes });
  } catch (error) {
    // An extra: without it the next visit starts afresh, as this one did.
    console.warn("lbp calculator: the engine was not stored on this device:", error);
    if (memory !== null) post({ type: "snapshot", state: "failed", bytes: 0 });
  }
}

let settings = null;
async function start(name) {
  try {
    settings = settingsFromName(name);
    await boot(settings);
  } catch (error) {
    post({ type: "failed", message: String(error && error.message ? error.message : error) });
  }
}

const booting = start(self.name);

self.addEventListener("message", async ({ data }) => {
  if (data.type === "keep-snapshot") {
    keepAnswer = Boolean(data.keep);
    if (python !== null) keepSnapshot(settings, keepAnswer);
    return;
  }
  await booting;
  if (python === null) return;
  const began = performance.now();
  let text;
  try {
    const call = Object.hasOwn(python, data.type) ? python[data.type] : python.evaluate;
    text = call(data.text);
  } catch (error) {
    post({ type: "reply", id: data.id, error: String(error && error.message ? error.message : error) });
    return;
  }
  post({ type: "reply", id: data.id, text, ms: performance.now() - began });
});
