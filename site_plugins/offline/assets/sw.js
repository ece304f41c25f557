// The site's service worker. It precaches every file of one build, listed with its sha256 in
// offline-manifest.js, into a cache named after that build's version; it serves only from that cache.
// A new build is a new manifest, so the browser installs a new worker, which fills a new cache (checking
// every hash, so a half-deployed site is never cached) and waits; the page offers to reload. On
// activation the old caches are deleted: a page never mixes files of two builds.
importScripts("offline-manifest.js");

const { version: VERSION, files: FILES } = self.LBP_OFFLINE;
const PREFIX = "lbp-offline-";
const CACHE = PREFIX + VERSION;
const ROOT = new URL("./", self.location.href);
const PARALLEL = 6;
// Marks this build's copy as prepared by a page (register.js's warm-up of the engine's modules). Its query
// keeps it apart from the site's files: the fetch handler looks files up without one.
const WARMED = new URL("?warmed", ROOT).href;
// Requests under these paths are answered by the browser straight from this build's cache, without
// running this script (the ServiceWorker static routing API; elsewhere the fetch handler below answers
// them the same way). They are all precached and never carry a query, so the cache always has them.
const CACHE_ROUTES = ["assets/*", "pyodide/*"];

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The copy keeps WebAssembly as application/wasm whatever the host said: the engine compiles it as it
// streams from the copy (and reuses the compiled code stored beside it), which the browser refuses for any
// other type. A host that serves it as application/octet-stream (many do: S3 by default, older nginx) would
// otherwise have the calculator work on the first visit and fail on every later one.
function asWebAssembly(body, response) {
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "application/wasm");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

async function precacheOne(cache, path) {
  const url = new URL(path, ROOT);
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await response.clone().arrayBuffer();
  const digest = hex(await crypto.subtle.digest("SHA-256", body));
  if (digest !== FILES[path]) throw new Error(`${path}: content differs from build ${VERSION}`);
  await cache.put(url, path.endsWith(".wasm") ? asWebAssembly(body, response) : response);
  if (path === "index.html" || path.endsWith("/index.html")) {
    await cache.put(new URL(path.slice(0, -"index.html".length), ROOT), new Response(body, response));
  }
}

async function precache() {
  await caches.delete(CACHE); // a half-filled cache from an interrupted install starts again
  const cache = await caches.open(CACHE);
  const queue = Object.keys(FILES);
  const workers = Array.from({ length: PARALLEL }, async () => {
    while (queue.length) await precacheOne(cache, queue.shift());
  });
  await Promise.all(workers);
}

function addCacheRoutes(event) {
  if (typeof event.addRoutes !== "function" || typeof URLPattern !== "function") return Promise.resolve();
  const routes = CACHE_ROUTES.map((path) => ({
    condition: { urlPattern: new URLPattern({ pathname: ROOT.pathname + path }) },
    source: { cacheName: CACHE },
  }));
  // A browser without the "cache" source refuses the routes: the fetch handler then answers instead.
  return event.addRoutes(routes).catch(() => {});
}

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all([addCacheRoutes(event), precache()]).then(async () => {
    // The very first install has no pages to keep consistent, so it starts at once.
    if (!self.registration.active) await self.skipWaiting();
  }));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)))));
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  if (event.data && event.data.type === "version" && event.ports[0]) event.ports[0].postMessage(VERSION);
  if (event.data && event.data.type === "warmed?" && event.ports[0]) {
    const port = event.ports[0];
    event.waitUntil(caches.open(CACHE).then((cache) => cache.match(WARMED))
      .then((marked) => port.postMessage(Boolean(marked))));
  }
  if (event.data && event.data.type === "warmed" && event.ports[0]) {
    const port = event.ports[0];
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(WARMED, new Response("")))
      .then(() => port.postMessage(true)));
  }
});

function cacheKey(request) {
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  return url.href;
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(cacheKey(request));
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    const fallback = request.mode === "navigate" ? await cache.match(new URL("404.html", ROOT)) : undefined;
    // The site's not-found page, with the status a host would give it (the cached copy says 200).
    if (fallback) {
      return new Response(fallback.body, { status: 404, statusText: "Not Found", headers: fallback.headers });
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(ROOT.href)) return;
  event.respondWith(respond(request));
});
