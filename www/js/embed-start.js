// The iframe form's one script (embed.html). It imports nothing, so it runs as soon as it
// arrives; once the frame is in the reader's viewport (or at once, opened on its own page), it
// starts the wasm download, asks for every module of the frame in parallel and evaluates the
// frame (embed-frame.js). A frame further down a post, which Chromium loads up to thousands of
// pixels ahead even when it is `loading="lazy"`, so takes nothing from the post's first chart
// and fetches nothing twice while the reader is above it. module-graph.spec.mjs checks this list
// against the imports.

const MODULES = [
  './activation-lab.js',
  './canvas.js',
  './controls.js',
  './crosshair.js',
  './data-table.js',
  './domain.js',
  './embed-frame.js',
  './error-strings.js',
  './format.js',
  './language.js',
  './layers-controller.js',
  './layers-pool.js',
  './phase-controller.js',
  './race-loop.js',
  './strings.js',
  './tabs.js',
  './wasm.js',
  './widget-attributes.js',
  './widget-race.js',
  './widget-shell.js',
  '../pkg/activation_lab.js',
];

export { MODULES };

/** Resolves when the frame is in the top page's viewport (an IntersectionObserver in a frame
 * watches the top-level viewport), or at once for a page on its own. */
function inView() {
  if (window.top === window) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.documentElement);
  });
}

await inView();
const wasmFetch = import('./wasm-fetch.js');
// At low priority, so the wasm download wasm-fetch.js starts takes the next free connection
// rather than waiting behind every module (REST_PRIORITY in tools/module-graph.mjs).
for (const module of MODULES) {
  const link = Object.assign(document.createElement('link'), {
    rel: 'modulepreload', href: new URL(module, import.meta.url).href, fetchPriority: 'low',
  });
  document.head.append(link);
}
await wasmFetch;
await import('./embed-frame.js');
