// The site's service worker. Bytes cost the reader: it downloads nothing the reader did not ask for, beyond
// the site's small shell. offline-manifest.js lists every file of one build with its sha256, the bytes a
// host sends for it, and its kind (manifest.py):
// - the shell (style sheets, scripts, search index, home and not-found pages) is stored on install, unless
//   the browser asks to save data;
// - pages and any other site file are stored as they are fetched (read pages work offline);
// - the calculator's engine is stored from the very responses the calculator fetched (a "keep" message
//   with the files already in the browser's HTTP cache; later visits fetch through here), in a cache of
//   its own per engine build ("lbp-engine-<build>", where the engine also keeps the memory snapshot it
//   takes on the device), so a site update that leaves the engine alone keeps it;
// - "store-all" (the reader's "Make available offline") stores everything, with progress, and every later
//   build is then stored whole on install.
// Every stored file is checked against this build's hash, so a half-deployed site is never stored. A new
// build is a new manifest: the browser installs a new worker, which carries over the unchanged files it
// already has, stores the new shell, and waits; the page offers to reload. On activation the other builds'
// caches go: a page never mixes files of two builds.
importScripts("offline-manifest.js");

const { version: VERSION, files: FILES, sizes: SIZES, shell: SHELL_FILES, engine: ENGINE,
  offline_page: OFFLINE_PAGE } = self.LBP_OFFLINE;
const SITE_CACHE = `lbp-offline-${VERSION}`;
const ENGINE_CACHE = `lbp-engine-${ENGINE.build}`;
const CHOICE_CACHE = "lbp-offline-choice"; // the reader's "all" (store every build whole), as register.js says
const ROOT = new URL("./", self.location.href);
const PARALLEL = 4;
const ENGINE_PREFIX = ENGINE.files.length ? ENGINE.files[0].slice(0, ENGINE.files[0].lastIndexOf("/") + 1) : "\0";

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The site-relative path of a URL of this site, with a folder's index.html ("" for the root). */
function pathOf(url) {
  const { pathname } = new URL(url);
  const relative = decodeURIComponent(pathname.slice(ROOT.pathname.length));
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}

/** The URL a file is fetched at: a folder's index.html at the folder's own URL, as pages are linked (and
 * so as the browser's HTTP cache has them). */
function urlOf(path) {
  return new URL(path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path, ROOT).href;
}

function cacheFor(path) {
  return path.startsWith(ENGINE_PREFIX) ? ENGINE_CACHE : SITE_CACHE;
}

function saveData() {
  return Boolean(self.navigator.connection && self.navigator.connection.saveData);
}

// The copy keeps WebAssembly as application/wasm whatever the host said: the engine compiles it as it
// streams from the copy, which the browser refuses for any other type (S3 and older nginx send
// application/octet-stream).
function stored(body, response, path) {
  const headers = new Headers(response.headers);
  if (path.endsWith(".wasm")) headers.set("Content-Type", "application/wasm");
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  return new Response(body, { status: 200, statusText: "OK", headers });
}

/** Stores a response for ``path`` if it is this build's file (its hash); returns its size, or 0. */
async function keepResponse(path, response) {
  if (!(path in FILES) || !response.ok) return 0;
  const body = await response.arrayBuffer();
  if (hex(await crypto.subtle.digest("SHA-256", body)) !== FILES[path]) return 0;
  const cache = await caches.open(cacheFor(path));
  await cache.put(new URL(path, ROOT).href, stored(body, response, path));
  return SIZES[path] || 0;
}

async function isStored(path) {
  const cache = await caches.open(cacheFor(path));
  return (await cache.match(new URL(path, ROOT).href)) !== undefined;
}

/** Stores each of ``paths`` not stored yet. ``cacheMode`` "only-if-cached": only what the browser already
 * has (nothing downloaded). ``onProgress(bytes)`` after each file. Returns [stored, failed] counts. */
async function storeAll(paths, { cacheMode = "no-cache", onProgress = () => {} } = {}) {
  const queue = [...paths];
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (queue.length) {
      const path = queue.shift();
      if (await isStored(path)) {
        onProgress(SIZES[path] || 0);
        continue;
      }
      try {
        const response = await fetch(urlOf(path), { cache: cacheMode, mode: "same-origin",
          credentials: "same-origin" });
        if (await keepResponse(path, response)) done += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
      onProgress(SIZES[path] || 0);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return [done, failed];
}

/** The files of this build another build's cache already holds, byte for byte: copied, not downloaded. */
async function carryOver() {
  const names = (await caches.keys()).filter((name) => name.startsWith("lbp-offline-")
    && name !== SITE_CACHE && name !== CHOICE_CACHE);
  const target = await caches.open(SITE_CACHE);
  for (const name of names) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const path = pathOf(request.url);
      if (!(path in FILES) || cacheFor(path) !== SITE_CACHE || await target.match(request.url)) continue;
      const response = await cache.match(request);
      const body = await response.arrayBuffer();
      if (hex(await crypto.subtle.digest("SHA-256", body)) === FILES[path]) {
        await target.put(request.url, new Response(body, { headers: response.headers }));
      }
    }
  }
}

async function choice() {
  const answer = await (await caches.open(CHOICE_CACHE)).match(new URL("?choice", ROOT).href);
  return answer ? answer.text() : "auto";
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await carryOver();
    if (!saveData()) {
      const all = (await choice()) === "all";
      await storeAll(all ? Object.keys(FILES) : SHELL_FILES);
    }
    // The very first install has no pages to keep consistent, so it starts at once.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names.filter((name) =>
    (name.startsWith("lbp-offline-") && name !== SITE_CACHE && name !== CHOICE_CACHE)
    || (name.startsWith("lbp-engine-") && name !== ENGINE_CACHE)).map((name) => caches.delete(name)))));
});

/** What this device holds of this build, in bytes as a host sends them, by kind; and what all would be. */
async function status() {
  const kinds = { shell: 0, page: 0, engine: 0 };
  const totals = { shell: 0, page: 0, engine: 0 };
  const shell = new Set(SHELL_FILES);
  for (const path of Object.keys(FILES)) {
    const kind = path.startsWith(ENGINE_PREFIX) ? "engine" : shell.has(path) ? "shell" : "page";
    totals[kind] += SIZES[path] || 0;
    if (await isStored(path)) kinds[kind] += SIZES[path] || 0;
  }
  let snapshot = 0;
  for (const request of await (await caches.open(ENGINE_CACHE)).keys()) {
    if (!(pathOf(request.url) in FILES)) {
      snapshot += (await (await caches.match(request)).arrayBuffer()).byteLength;
    }
  }
  return { stored: kinds, totals, snapshot, choice: await choice() };
}

async function removeEverything() {
  const names = (await caches.keys()).filter((name) => name.startsWith("lbp-"));
  await Promise.all(names.map((name) => caches.delete(name)));
}

self.addEventListener("message", (event) => {
  const { data } = event;
  const port = event.ports[0];
  if (!data) return;
  if (data.type === "skip-waiting") {
    self.skipWaiting();
    return;
  }
  if (!port) return;
  const reply = (message) => port.postMessage(message);
  let work;
  if (data.type === "keep") {
    // Files the page has already fetched (its own, and the calculator's engine once it has run): stored
    // from the browser's HTTP cache; one not there is left for the next visit that fetches it through here.
    const paths = (data.urls || []).map(pathOf).filter((path) => path in FILES);
    work = storeAll([...new Set(paths)], { cacheMode: "only-if-cached" })
      .then(([done]) => reply({ type: "done", stored: done }));
  } else if (data.type === "store-all") {
    const paths = Object.keys(FILES);
    const total = paths.reduce((sum, path) => sum + (SIZES[path] || 0), 0);
    let bytes = 0;
    work = caches.open(CHOICE_CACHE)
      .then((cache) => cache.put(new URL("?choice", ROOT).href, new Response("all")))
      .then(() => storeAll(paths, { onProgress: (size) => {
        bytes += size;
        reply({ type: "progress", bytes, total });
      } }))
      .then(([, failed]) => reply({ type: "done", failed }));
  } else if (data.type === "status") {
    work = status().then((value) => reply({ type: "status", ...value }));
  } else if (data.type === "remove") {
    work = removeEverything().then(() => reply({ type: "done" }));
  } else {
    return;
  }
  event.waitUntil(work.catch((error) => reply({ type: "failed", message: String(error) })));
});

async function respond(event) {
  const { request } = event;
  const path = pathOf(request.url);
  const cache = await caches.open(cacheFor(path));
  const hit = await cache.match(new URL(path, ROOT).href);
  if (hit) return hit;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    if (request.mode !== "navigate") throw error;
    // Offline: a page of the site not stored here says so (503, as a host that cannot be reached); any
    // other address gets the site's not-found page with the status a host would give it.
    const known = path in FILES && OFFLINE_PAGE;
    const fallback = await (await caches.open(SITE_CACHE)).match(new URL(known ? OFFLINE_PAGE : "404.html",
      ROOT).href);
    if (!fallback) throw error;
    return new Response(fallback.body, { status: known ? 503 : 404,
      statusText: known ? "Service Unavailable" : "Not Found", headers: fallback.headers });
  }
  // A file of this build fetched now (a page read, the engine's runtime) is stored for offline use: it
  // was downloaded anyway. Checked against the build's hash first, like every stored file.
  if (response.ok && path in FILES && new URL(request.url).search === "") {
    event.waitUntil(keepResponse(path, response.clone()).catch(() => 0));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(ROOT.href)) return;
  event.respondWith(respond(event));
});
