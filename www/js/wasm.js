// Loads the wasm module: every page and widget loads it through here. The download itself was
// started by wasm-fetch.js, which pages list before their other scripts so that it runs first
// (see there for which of the two builds this browser gets). The module is compiled once per
// page; the layers pool's workers are handed the compiled module instead of fetching their own.

import init from '../pkg/activation_lab.js';
import { wasmBuild, wasmResponse } from './wasm-fetch.js';

export { wasmBuild };

/** The compiled module (the same promise for every caller in this realm). */
export const compiled = wasmResponse.then((response) => {
  if (!response.ok) throw new Error(`the wasm module could not be loaded: HTTP ${response.status}`);
  // Streaming compiles while the bytes arrive, but only from a server that says application/wasm.
  return response.headers.get('Content-Type')?.startsWith('application/wasm')
    ? WebAssembly.compileStreaming(response)
    : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
});

/** Resolves once the module is ready (the same promise for every caller in this realm). */
export const ready = compiled.then((module) => init({ module_or_path: module }));
