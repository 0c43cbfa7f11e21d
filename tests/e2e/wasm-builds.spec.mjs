// The two wasm builds (js/wasm.js picks one): Chromium validates relaxed SIMD, so the page loads
// the relaxed-SIMD build; a browser without it (simulated: the probe fails to validate) gets the
// plain SIMD128 build, and both give the same layers table and train to the same state.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

const HASH = '#view=layers&activation=tanh&init=xavier_normal&width=96&batch=128&depth=6';
const PLAIN = 'activation_lab_bg.wasm';
const RELAXED = 'activation_lab_relaxed_bg.wasm';

describe('wasm builds', () => {
  const shared = useBrowser();

  /** Opens the layers view; returns its table's text, the build it chose and the wasm it fetched. */
  async function layersTable({ withoutRelaxedSimd }) {
    const { page, context, problems, close } = await openPage(shared.browser, `${shared.server.url}${HASH}`, { navigate: false });
    const fetched = [];
    page.on('request', (req) => {
      if (req.url().endsWith('.wasm')) fetched.push(path.posix.basename(new URL(req.url()).pathname));
    });
    try {
      if (withoutRelaxedSimd) {
        // The probe fails to validate in the page, and the layers worker, which probes for
        // itself, is handed the plain build under the relaxed name: everything runs plain.
        await context.addInitScript(() => {
          WebAssembly.validate = () => false;
        });
        await context.route(`**/pkg/${RELAXED}`, (route) =>
          route.fulfill({ path: path.join(WWW_DIR, 'pkg', PLAIN), contentType: 'application/wasm' }));
      }
      await page.goto(`${shared.server.url}${HASH}`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 60000 });
      const table = await page.locator('#layers-table tbody').innerText();
      assertClean(problems());
      return { table, build: await page.evaluate(() => document.body.dataset.wasm), fetched };
    } finally {
      await close();
    }
  }

  it('Chromium gets the relaxed-SIMD build, a browser without it the plain one, with the same numbers', async () => {
    const relaxed = await layersTable({ withoutRelaxedSimd: false });
    assert.equal(relaxed.build, 'relaxed-simd');
    assert.ok(relaxed.fetched.includes(RELAXED), `fetched ${relaxed.fetched}`);
    assert.ok(!relaxed.fetched.includes(PLAIN), `fetched ${relaxed.fetched}`);

    const plain = await layersTable({ withoutRelaxedSimd: true });
    assert.equal(plain.build, 'simd128');
    assert.ok(plain.fetched.includes(PLAIN), `fetched ${plain.fetched}`);

    // 6 layers of statistics, printed to 3 significant digits: a fused multiply-add changes the
    // last bit of a product, not the third digit of a statistic.
    assert.equal(relaxed.table.trim().split('\n').length, 6);
    assert.equal(plain.table, relaxed.table);
  });

  it('trains every lesson to the same state in both builds (relaxed SIMD stays out of training)', async () => {
    const { page, problems, close } = await openPage(shared.browser, shared.server.url);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      const states = await page.evaluate(async () => {
        // The page's instance is the relaxed build; a second instance of the loader gets the plain one.
        const relaxed = await import('/pkg/activation_lab.js');
        const plain = await import('/pkg/activation_lab.js?plain');
        await plain.default({ module_or_path: '/pkg/activation_lab_bg.wasm' });
        return JSON.parse(relaxed.Race.presets()).map(({ query }) => {
          const [a, b] = [new relaxed.Race(query), new plain.Race(query)];
          a.step(300);
          b.step(300);
          const pair = [query, a.state(), b.state()];
          a.free();
          b.free();
          return pair;
        });
      });
      assert.equal(states.length, 5);
      for (const [query, relaxedState, plainState] of states) {
        assert.match(relaxedState, /"steps":300/, query);
        assert.equal(relaxedState, plainState, query);
      }
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
