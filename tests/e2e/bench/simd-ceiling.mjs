// What this machine's browser can do at best with wasm's 128-bit multiply-adds, measured in the
// page beside bench-network's GEMM figure: the issue's 45 GFLOP/s was set on a machine whose limit
// was about 63, and a machine with a lower clock has a lower limit for the same code.
//
// The probe is a loop of CHAINS independent f32x4.relaxed_madd chains (acc ← acc·b + c), enough
// to keep two FMA units busy through their 4-cycle latency, and few enough (with b and c) to stay
// in x86's 16 vector registers. With b = c = 1 every lane counts the steps, so the sum it returns
// (4·CHAINS·steps, exact in f32 below 2²⁴ steps) shows that every chain ran every step: nothing
// was folded away. Assembled from text with binaryen (a dev dependency already, for wasm-opt).

import binaryen from 'binaryen';

export const CHAINS = 12;
/** Steps per timed call: 2²³ × 12 chains × 8 flops ≈ 0.8 GFLOP, about 15 ms at 55 GFLOP/s. */
export const STEPS = 1 << 23;

/** The probe's bytes: `peak(steps, b, c) -> f32`, the sum of every lane of every chain. */
export function ceilingWasm() {
  const acc = Array.from({ length: CHAINS }, (_, i) => `$a${i}`);
  let sum = `(local.get ${acc[0]})`;
  for (const a of acc.slice(1)) sum = `(f32x4.add ${sum} (local.get ${a}))`;
  const lane = (i) => `(f32x4.extract_lane ${i} (local.get $s))`;
  const text = `(module
  (func (export "peak") (param $n i32) (param $x f32) (param $y f32) (result f32)
    (local $b v128) (local $c v128) ${acc.map((a) => `(local ${a} v128)`).join(' ')} (local $s v128)
    (local.set $b (f32x4.splat (local.get $x)))
    (local.set $c (f32x4.splat (local.get $y)))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $step
        ${acc.map((a) => `(local.set ${a} (f32x4.relaxed_madd (local.get ${a}) (local.get $b) (local.get $c)))`).join('\n        ')}
        (br_if $step (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.set $s ${sum})
    (f32.add (f32.add ${lane(0)} ${lane(1)}) (f32.add ${lane(2)} ${lane(3)}))))`;
  const module = binaryen.parseText(text);
  try {
    module.setFeatures(binaryen.Features.SIMD128 | binaryen.Features.RelaxedSIMD);
    if (!module.validate()) throw new Error('the SIMD ceiling probe does not validate');
    return Array.from(module.emitBinary());
  } finally {
    module.dispose();
  }
}

/**
 * In the page (serialised by page.evaluate: it uses only its arguments): the probe's best rate
 * over `calls` timed calls of `steps` steps, in GFLOP/s, and whether every call's sum was the
 * count it must be. `gflops` is null where the engine refuses relaxed SIMD.
 */
export async function measureCeiling({ bytes, chains, steps, calls }) {
  let instance;
  try {
    ({ instance } = await WebAssembly.instantiate(new Uint8Array(bytes)));
  } catch (err) {
    return { gflops: null, counted: false, error: String(err?.message ?? err) };
  }
  const { peak } = instance.exports;
  let counted = peak(1000, 1, 1) === 4 * chains * 1000; // also the warm-up: tiers up the function
  let best = Infinity;
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const sum = peak(steps, 1, 1);
    best = Math.min(best, performance.now() - start);
    counted &&= sum === 4 * chains * steps;
  }
  return { gflops: (chains * 8 * steps) / best / 1e6, counted, error: null };
}
