// Loads the wasm module, picking one of the two builds `make build` makes: with relaxed-SIMD
// fused multiply-adds in the deep network's matrix products (about 1.2× its pass) where the
// browser validates relaxed SIMD (Chrome 114, Firefox 120), else plain SIMD128 (Safari). Both
// share one JS loader; every page, widget and worker loads the module through here.

import init from '../pkg/activation_lab.js';

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

/** Resolves once the module is ready (the same promise for every caller in this realm). */
export const ready = init({ module_or_path: new URL(`../pkg/${file}`, import.meta.url) });
