// Service worker: keeps one build of the course in Cache Storage so it works offline.
// `scripts/offline.py` fills in BUILD (a hash of every file of the build), PREFIX (the cache names'
// prefix, SITE_CACHE_PREFIX in widgets/constants.py), FILES (pages and assets, fetched when the
// worker installs) and RUNTIME (Python's files, kept when a page first uses them,
// so reading a lesson never downloads Python). Under `make serve` this file is not published.
const BUILD = "__BUILD__";
const FILES = [/* __FILES__ */];
const RUNTIME = [/* __RUNTIME__ */];
const PREFIX = "__SITE_CACHE_PREFIX__";
const COPY = "__OFFLINE_COPY_PATH__";           // OFFLINE_COPY_PATH: answered from the copy, never the network
const CACHE = PREFIX + BUILD;
const ROOT = new URL("./", self.location.href);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // revalidate with the server, so no file from an older build slips in from the HTTP cache
    await cache.addAll(FILES.map((path) => new Request(new URL(path, ROOT), { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return;
  const path = url.pathname.slice(ROOT.pathname.length);
  if (path.startsWith(COPY)) return event.respondWith(fromCopy(path.slice(COPY.length)));
  // Python's files go to the network while online: straight from the browser's HTTP cache, the
  // browser can reuse the WebAssembly it compiled last time, which it cannot for a copy handed
  // over by a service worker. Offline, the copy kept here is used.
  // When that network fails although the browser says it is online (a connection that reaches
  // nothing), Python's worker asks again under COPY (below).
  if (self.navigator.onLine && RUNTIME.includes(path)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true })
      ?? (url.pathname.endsWith("/") ? await cache.match(new URL("index.html", url), { ignoreSearch: true }) : undefined);
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok && RUNTIME.includes(path)) event.waitUntil(cache.put(request, response.clone()));
      return response;
    } catch (error) {
      const notFound = await cache.match(new URL("404.html", ROOT));
      if (request.mode === "navigate" && notFound) return notFound;
      throw error;
    }
  })());
});

/** A file of the build as kept here, or a network error (as if offline) when it is not kept. */
async function fromCopy(path) {
  const hit = await (await caches.open(CACHE)).match(new URL(path, ROOT), { ignoreSearch: true });
  return hit ?? Response.error();
}

self.addEventListener("message", (event) => {
  if (event.data !== "status" && event.data !== "cache-python") return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    if (event.data === "cache-python") {      // the page used Python: keep its files for offline use
      await cache.addAll(RUNTIME.map((path) => new Request(new URL(path, ROOT), { cache: "no-cache" })));
    }
    const missing = [];
    for (const path of RUNTIME) if (!(await cache.match(new URL(path, ROOT)))) missing.push(path);
    event.source?.postMessage({ type: "status", build: BUILD, python: missing.length === 0 });
  })());
});
