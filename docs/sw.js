// Service worker: keeps one build of the course in Cache Storage so it works offline.
// `scripts/offline.py` fills in BUILD (a hash of every file of the build) and FILES at build time;
// under `make serve` this file is not published and nothing registers it.
const BUILD = "__BUILD__";
const FILES = [/* __FILES__ */];
const PREFIX = "alliance-site-";
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
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true })
      ?? (url.pathname.endsWith("/") ? await cache.match(new URL("index.html", url), { ignoreSearch: true }) : undefined);
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      const notFound = await cache.match(new URL("404.html", ROOT));
      if (request.mode === "navigate" && notFound) return notFound;
      throw error;
    }
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "build") event.source?.postMessage({ type: "build", build: BUILD });
});
