// The one tag a blog needs for <activation-lab> widgets:
//
//   <script type="module" src="https://…/js/widget.js"></script>
//
// It defines the same element as activation-lab.js (which also still works as the tag's src), but
// loads faster on a phone: the wasm download starts at once (wasm-fetch.js imports nothing, so it
// runs as soon as it arrives), and every module of the element is requested in parallel (as
// modulepreload links) instead of one level of imports per round trip; then one import() evaluates
// the element. (One import of the element, not one per module: WebKit never finishes parallel
// import() calls into a graph holding top-level await, as domain.js does.) module-graph.spec.mjs
// checks this list against the imports.

import './wasm-fetch.js';

const MODULES = [
  './activation-lab.js',
  './canvas.js',
  './controls.js',
  './crosshair.js',
  './data-table.js',
  './domain.js',
  './error-strings.js',
  './format.js',
  './layers-controller.js',
  './layers-pool.js',
  './phase-controller.js',
  './race-loop.js',
  './strings.js',
  './tabs.js',
  './wasm.js',
  './widget-attributes.js',
  './widget-race.js',
  './widget-style.js',
  '../pkg/activation_lab.js',
];

export { MODULES };

for (const module of MODULES) {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = new URL(module, import.meta.url).href;
  document.head.append(link);
}
await import('./activation-lab.js');
