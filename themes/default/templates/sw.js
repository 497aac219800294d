/* Wistakon service worker. The cache name is tied to the build; a new build replaces every old cache. */
"use strict";
const CACHE = {{ cache_name | tojson }};
const PREFIX = {{ cache_prefix | tojson }};
const PRECACHE = {{ precache | tojson }};
const OFFLINE = {{ offline_pages | tojson }};
const NETWORK_TIMEOUT_MS = 4000; /* patchy 3G: after this, answer from the cache if we can */

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
    /* The page that registered us loaded before we existed: keep it too, so it reloads offline. */
    const cache = await caches.open(CACHE);
    for (const client of await self.clients.matchAll({ type: "window" })) {
      const url = new URL(client.url);
      if (url.origin === location.origin) await cache.add(url.pathname).catch(() => {});
    }
  })());
});

function offlinePage(url) {
  return caches.match(url.pathname.startsWith("/en/") ? OFFLINE.en : OFFLINE.id);
}

async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT_MS)),
    ]);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    if (request.mode === "navigate") return (await offlinePage(url)) || Response.error();
    return Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  /* Map tiles and anything else from elsewhere go straight to the network. */
  if (request.method !== "GET" || url.origin !== location.origin) return;
  /* Fingerprinted files never change: answer from the cache first. */
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/media/r/") || url.pathname.startsWith("/pagefind/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  event.respondWith(networkFirst(request, url));
});
