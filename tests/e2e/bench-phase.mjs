// `make bench-browser`: the phase view's default map — 24 × 24 networks of 30 layers × 64 units ×
// 64 samples, tanh, each one forward and backward pass, plus the theory — from opening the page
// to the last cell, on the page's worker pool in headless Chromium. Prints the time, the
// GFLOP/s of the networks' GEMMs, and the ≤ 2 s target (issue #16).
//
// A benchmark, not a test: it asserts nothing (the machine is shared and noisy) and exits
// non-zero only when the page fails.
//
// Usage: node bench-phase.mjs

import { startServer, launchBrowser, openPage } from './harness.mjs';

const TARGET_MS = 2000;
const REPEATS = 3;
const [CELLS, DEPTH, WIDTH, BATCH] = [24, 30, 64, 64];
// One forward pass is DEPTH GEMMs of BATCH × WIDTH × WIDTH multiply-adds; the backward pass
// DEPTH − 1 more for δ and two for ∂L/∂W at the ends (the map reads no other layer's): 2 flops
// a multiply-add.
const FLOPS = CELLS * CELLS * (2 * DEPTH + 1) * 2 * BATCH * WIDTH * WIDTH;

const server = await startServer();
const browser = await launchBrowser();
let failed = false;
try {
  const times = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const { page, problems, close } = await openPage(browser, `${server.url}#view=phase&activation=tanh`);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      await page.waitForFunction(() => document.querySelector('#phase-status').dataset.complete === 'true', null, { timeout: 120000 });
      times.push(Number(await page.locator('#phase-status').getAttribute('data-ms')));
      const bad = problems();
      if (bad.length) throw new Error(`the page reported problems: ${JSON.stringify(bad)}`);
    } finally {
      await close();
    }
  }
  const best = Math.min(...times);
  console.log(`phase map ${CELLS}×${CELLS} (${DEPTH} layers × ${WIDTH} units × ${BATCH} samples, tanh): `
    + `best of ${REPEATS} ${best.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms), `
    + `${(FLOPS / best / 1e6).toFixed(2)} GFLOP/s; target ≤ ${TARGET_MS} ms: ${best <= TARGET_MS ? 'met' : 'NOT met'}`);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
