// The layers view in the browser: the pass runs in a worker, the chart and the table show the
// classic numbers, controls re-run it, and a size beyond the memory budget is explained.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('layers view', () => {
  const shared = useBrowser();

  async function finished(page, previous = '') {
    await page.waitForFunction((prev) => {
      const ms = document.querySelector('#layers-status').dataset.ms;
      return ms && ms !== prev;
    }, previous, { timeout: 60000 });
    return page.evaluate(() => document.querySelector('#layers-status').dataset.ms);
  }
  const column = (page, k) => page.locator('#layers-table tbody tr').evaluateAll(
    (rows, i) => rows.map((r) => Number(r.children[i].textContent.replace('−', '-').replace('%', ''))), k);

  it('shows tanh with N(0, 0.01) collapsing layer by layer, then recovering with Xavier', async () => {
    const hash = '#view=layers&activation=tanh&init=normal&std=0.01&width=200&batch=300&depth=8';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`);
    try {
      await page.waitForSelector(READY);
      let ms = await finished(page);
      const std = await column(page, 2);
      assert.equal(std.length, 8);
      // Var(z₁) = 200 · 0.01² = 0.02, so std(a₁) ≈ √0.02 = 0.141 (tanh is linear there); each
      // later layer multiplies the std by about √(200) · 0.01 = 0.141.
      assert.ok(Math.abs(std[0] - 0.141) < 0.01, `layer 1 std ${std[0]}`);
      assert.ok(std[7] < 1e-5, `layer 8 std ${std[7]} has collapsed`);
      assert.match(await page.locator('#layers-status').innerText(), /Forward and backward pass with statistics in/);
      assert.ok(Number(await page.locator('#layers-canvas').getAttribute('data-drawn')) > 0);

      await page.locator('#layers-init').selectOption('xavier_normal');
      ms = await finished(page, ms);
      await page.waitForFunction(() => decodeURIComponent(location.hash).includes('init=xavier_normal'));
      const xavier = await column(page, 2);
      // Mean-field theory (Poole et al. 2016): Xavier's Var(w) = 2/(200 + 200) makes
      // q_l = E[tanh(√q_(l−1)·z)²] from q_1 = 1, so std(a_l) = √E[tanh(√q_l·z)²]; by quadrature
      // (Simpson, 200 001 nodes on ±12σ, off-line) 0.628, 0.486, 0.408, 0.358, 0.322, 0.294, 0.273,
      // 0.255. Width 200 and batch 300 are finite: 4 % (the native run differs by at most 2 %).
      const theory = [0.6279, 0.4863, 0.4082, 0.3576, 0.3216, 0.2944, 0.2729, 0.2554];
      assert.equal(xavier.length, 8);
      xavier.forEach((got, l) => assert.ok(Math.abs(got - theory[l]) <= 0.04 * theory[l],
        `Xavier keeps the spread: layer ${l + 1} std ${got}, mean-field ${theory[l]}`));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('zeros init: one distinct neuron per layer, every unit dead; a size over budget is refused next to its control', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=layers&activation=tanh&init=zeros&width=50&batch=60&depth=4`);
    try {
      await page.waitForSelector(READY);
      await finished(page);
      // Every unit outputs tanh(0) = 0 for every example: all 50 are dead, and all alike.
      assert.deepEqual(await column(page, 5), [50, 50, 50, 50]);
      assert.deepEqual(await column(page, 6), [1, 1, 1, 1]);
      const batch = page.locator('[data-key="batch"] input[type="number"]');
      await batch.fill('4096');
      await batch.press('Enter');
      const width = page.locator('[data-key="width"] input[type="number"]');
      await width.fill('1024');
      await width.press('Enter');
      assert.match(await page.locator('[data-key="width"] .field-error').innerText(),
        /^batch × width × depth = 4096 × 1024 × 4 = 16777216 values is over the memory budget/);
      await page.waitForTimeout(300);
      assert.ok(!decodeURIComponent(await page.evaluate(() => location.hash)).includes('width=1024'));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('shows only the parameter the chosen initialiser reads', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=layers&width=50&batch=60&depth=3`);
    try {
      await page.waitForSelector(READY);
      const shown = () => page.evaluate(() => ['std', 'value', 'limit', 'gain']
        .filter((k) => !document.querySelector(`#layers-controls [data-key="${k}"]`)?.hidden));
      const init = page.locator('#layers-init');
      // What PyTorch's initialisers take: normal_(std), constant_(val), uniform_(a, b), the fan-scaled ones a gain.
      for (const [scheme, keys] of [['normal', ['std']], ['constant', ['value']], ['uniform', ['limit']], ['zeros', []],
        ['xavier_normal', ['gain']], ['kaiming_uniform', ['gain']], ['orthogonal', ['gain']]]) {
        await init.selectOption(scheme);
        await page.waitForFunction((s) => location.hash.includes(`init=${s}`), scheme);
        assert.deepEqual(await shown(), keys, scheme);
      }
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('a worker that fails is replaced: the next pass runs', async () => {
    const hash = '#view=layers&activation=tanh&width=64&batch=200&depth=3';
    const { page, context, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`, { navigate: false });
    try {
      // The workers' script throws as it starts, as a broken deploy or a trap would leave them.
      await context.route('**/js/layers-worker.js', (route) =>
        route.fulfill({ contentType: 'text/javascript', body: "throw new Error('worker boom');" }));
      await page.goto(`${shared.server.url}${hash}`);
      await page.waitForSelector(READY);
      await page.waitForFunction(() => /layers worker failed/.test(document.querySelector('#layers-status').textContent));
      await context.unroute('**/js/layers-worker.js');
      const depth = page.locator('[data-key="depth"] input[type="number"]').last();
      await depth.fill('4');
      await depth.press('Enter');
      await finished(page);
      assert.equal((await column(page, 2)).length, 4);
      assertClean(problems().filter((p) => !/worker boom/.test(p)));
    } finally {
      await close();
    }
  });

  it('splits the pass over the worker pool (not with batch norm) and prints the one-thread numbers', async () => {
    const hash = '#view=layers&activation=relu&init=kaiming_normal&width=64&batch=300&depth=5';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`);
    try {
      await page.waitForSelector(READY);
      let ms = await finished(page);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const shards = Number(await page.locator('#layers-status').getAttribute('data-shards'));
      assert.equal(shards, Math.min(4, cores), `${cores} cores`);
      assert.match(await page.locator('#layers-status').innerText(), new RegExp(`on ${shards} worker`));
      // The same pass in one piece, on this thread.
      const whole = await page.evaluate(async () => {
        const { Lab } = await import('/pkg/activation_lab.js');
        const lab = new Lab(location.hash.slice(1));
        try {
          return JSON.parse(lab.layers()).layers.map((l) => [l.std, l.frac_zero, l.dead_units, l.distinct_neurons, l.grad_weight_norm]);
        } finally {
          lab.free();
        }
      });
      const cells = await page.locator('#layers-table tbody tr').evaluateAll((rows) =>
        rows.map((r) => [2, 4, 5, 6, 7].map((i) => Number(r.children[i].textContent.replace('−', '-').replace('%', '')))));
      assert.equal(cells.length, 5);
      // A unit dead in the batch is zero in every shard; one zero in a shard only is not dead.
      assert.ok(whole.some(([, , dead]) => dead > 0), `some dead units to compare: ${JSON.stringify(whole)}`);
      cells.forEach(([std, zero, dead, distinct, grad], l) => {
        const [wStd, wZero, wDead, wDistinct, wGrad] = whole[l];
        assert.equal(std.toPrecision(3), wStd.toPrecision(3), `layer ${l + 1} std`);
        assert.equal(zero.toPrecision(3), (100 * wZero).toPrecision(3), `layer ${l + 1} zero %`);
        assert.equal(dead, wDead, `layer ${l + 1} dead units`);
        assert.equal(distinct, wDistinct, `layer ${l + 1} distinct`);
        assert.equal(grad.toPrecision(3), wGrad.toPrecision(3), `layer ${l + 1} gradient`);
      });

      await page.locator('#layers-norm').selectOption('batch');
      ms = await finished(page, ms);
      assert.equal(await page.locator('#layers-status').getAttribute('data-shards'), '1', 'batch norm couples the rows');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
