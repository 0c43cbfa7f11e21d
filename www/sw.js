// Activation Lab's service worker: a reload works offline. Same-origin GET requests go to the
// network first (so a new build is seen at once) and fall back to the copy cached the last time
// that file was fetched; requests to other origins are not touched. The page (js/offline.js)
// also sends the list of files it loaded before this worker took control, to be cached too.
// Bump CACHE when the caching rules change: the old cache is deleted on activation.

const CACHE = 'activation-lab-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('activation-lab-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

const sameOrigin = (url) => new URL(url, self.location.href).origin === self.location.origin;

async function store(cache, request, response) {
  if (response.status === 200 && response.type === 'basic') await cache.put(request, response);
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache') return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(event.data.urls.filter(sameOrigin).map(async (url) => {
      if (await cache.match(url)) return; // already cached by the fetch handler
      try {
        await store(cache, url, await fetch(url));
      } catch {
        // Unreachable now: it will be cached the next time it is fetched.
      }
    }));
    event.ports[0]?.postMessage('cached');
  })());
});

async function networkFirst(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    event.waitUntil(store(cache, event.request, response.clone()));
    return response;
  } catch (err) {
    const cached = await cache.match(event.request);
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || !sameOrigin(event.request.url)) return;
  event.respondWith(networkFirst(event));
});
