// Offline support: registers sw.js (same origin only, network first with a cache fallback) when
// the page is served over http(s), then hands the service worker the list of files this load
// fetched, so the next load works without a network even for files fetched before it took over.

import { ready as wasmReady } from './wasm.js';

const SW_URL = new URL('../sw.js', import.meta.url);

/** Asks the active worker to cache `urls`; resolves when it has. */
function cacheNow(worker, urls) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    worker.postMessage({ type: 'cache', urls }, [channel.port2]);
  });
}

/** Registers the service worker; without support (or over file://) the page works as before. */
export async function registerOffline() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  try {
    await navigator.serviceWorker.register(SW_URL);
    const registration = await navigator.serviceWorker.ready;
    if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
    // The wasm module is fetched by script, which the load event does not wait for: without
    // this, a slow download was missing from the list below and the reload offline failed.
    await wasmReady.catch(() => {});
    // The layers workers start with the first layers pass; their script is cached now anyway
    // (everything it imports, the page has loaded already).
    const worker = new URL('./layers-worker.js', import.meta.url).href;
    const urls = [location.href, worker, ...performance.getEntriesByType('resource').map((e) => e.name)]
      .map((u) => new URL(u, location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => { u.hash = ''; return u.href; });
    await cacheNow(registration.active, [...new Set(urls)]);
    document.documentElement.dataset.offline = 'ready'; // for the e2e test: the files are cached
  } catch {
    // Offline use is a bonus; a browser that refuses it still has the whole page.
  }
}
