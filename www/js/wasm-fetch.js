// Starts downloading the wasm module the moment a page or widget begins to load, instead of after
// its whole tree of ES modules has arrived (each level of imports costs a round trip: four on the
// widget's path, 2.2 s on Fast 3G). It imports nothing, so it runs as soon as it arrives; wasm.js
// hands the same response to the module's loader. It picks one of the two builds `make build`
// makes: relaxed-SIMD fused multiply-adds in the deep network's matrix products (about 1.2× its
// pass) where the browser validates relaxed SIMD (Chrome 114, Firefox 120), else plain SIMD128.

// The smallest module using a relaxed-SIMD instruction: () -> v128 { i8x16.relaxed_swizzle(
// i8x16.splat(1), i8x16.splat(2)) }. Only a browser with relaxed SIMD validates it.
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, // \0asm, version 1
  1, 5, 1, 96, 0, 1, 123, // type section: one type, () -> v128
  3, 2, 1, 0, // function section: one function of type 0
  10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2, 253, 15, 253, 128, 2, 11, // code: the body above
]);

/** Which build this browser gets: 'relaxed-simd' or 'simd128'. */
export const wasmBuild = WebAssembly.validate(RELAXED_SIMD_PROBE) ? 'relaxed-simd' : 'simd128';

const file = wasmBuild === 'relaxed-simd' ? 'activation_lab_relaxed_bg.wasm' : 'activation_lab_bg.wasm';

/** The module's URL, beside this file's folder, wherever the widget is served from. */
export const wasmUrl = new URL(`../pkg/${file}`, import.meta.url);

// Where the page has asked for the first-chart module (its preload link: index.html, widget.js), the
// whole module is asked for once that has arrived: the first chart has the link to itself meanwhile,
// and a browser speaking Compression Dictionary Transport then names it as the dictionary the whole
// module comes compressed against (tools/serve.mjs: 38 KB fewer on the wire). A browser ignoring
// preload links would never say it arrived: there the whole module is asked for at once. Its
// resource timing says it settled before this ran (Chromium lists failed fetches too); where a
// browser does not, the wait still ends after FIRST_CHART_WAIT_MS.
const FIRST_CHART_WAIT_MS = 10_000;
const firstChart = globalThis.document?.querySelector('link[rel=preload][href$="first_chart_bg.wasm"]');
const firstChartArrived = firstChart?.relList.supports('preload') && !performance.getEntriesByName(firstChart.href).length
  ? new Promise((resolve) => {
    firstChart.addEventListener('load', resolve);
    firstChart.addEventListener('error', resolve);
    setTimeout(resolve, FIRST_CHART_WAIT_MS);
  })
  : null;

/** The response, requested once per page (workers are handed the compiled module), already on its way. */
export const wasmResponse = firstChartArrived ? firstChartArrived.then(() => fetch(wasmUrl)) : fetch(wasmUrl);
