// Checks bench-network's SIMD ceiling probe (simd-ceiling.mjs) in Chromium, so the ceiling it
// prints beside the GEMM counts real multiply-adds: every chain steps `steps` times (the lanes
// count them when b = c = 1), each step is acc·b + c (the closed form of the recurrence for
// b = ½), zero steps is zero (no 2³² loop), and measureCeiling rates a run it has counted.
//
// Usage: node --test simd-ceiling.check.mjs

import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage } from '../harness.mjs';
import { CHAINS, ceilingWasm, measureCeiling } from './simd-ceiling.mjs';

test('the SIMD ceiling probe runs every chain every step, and rates what it counted', async () => {
  const browser = await launchBrowser();
  try {
    const { page, problems, close } = await openPage(browser, 'about:blank', { navigate: false });
    try {
      const bytes = ceilingWasm();
      const sums = await page.evaluate(async (bytes) => {
        const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes));
        const { peak } = instance.exports;
        return [0, 1, 7, 1000].map((n) => [n, peak(n, 1, 1), peak(n, 0.5, 1)]);
      }, bytes);
      for (const [n, counted, halving] of sums) {
        assert.equal(counted, 4 * CHAINS * n, `${n} steps of acc + 1`);
        // acc ← acc/2 + 1 from 0: 2·(1 − 2⁻ⁿ) in every lane, exact in f32 for these n.
        assert.equal(halving, 4 * CHAINS * 2 * (1 - 2 ** -n), `${n} steps of acc/2 + 1`);
      }
      // 2²⁰ steps (about 2 ms at this machine's 50 GFLOP/s): 2¹⁶ (0.1 ms) could time as 0 under
      // the page's coarsened clock and rate as Infinity.
      const rated = await page.evaluate(measureCeiling, { bytes, chains: CHAINS, steps: 1 << 20, calls: 2 });
      assert.equal(rated.error, null);
      assert.equal(rated.counted, true);
      assert.ok(rated.gflops > 0 && Number.isFinite(rated.gflops), `rate ${rated.gflops}`);
      assert.deepEqual(problems(), []);
    } finally {
      await close();
    }
  } finally {
    await browser.close();
  }
});
