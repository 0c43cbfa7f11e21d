// The training view in the browser: a preset lesson played to the end by keyboard, the race's
// numbers read from its table, divergence reported as a state, bad input refused next to its
// control, and a running race that survives a learning-rate change but restarts for a new
// network. Reduced motion is emulated so nothing plays until the test presses Play.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';
const QUIET = { contextOptions: { reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } } };

/** The race table as [{label, steps, 'steps-to-target', status, ...}], one entry per run. */
function raceTable(page) {
  return page.locator('#train-table tbody tr').evaluateAll((rows) => rows.map((row) => Object.fromEntries(
    [...row.children].map((cell) => [cell.dataset.col, cell.textContent]),
  )));
}

/** Waits until the race has rows and none of them is still training (an empty table is not finished). */
async function finished(page, timeout = 90_000) {
  await page.waitForFunction(() => {
    const status = [...document.querySelectorAll('#train-table tbody [data-col="status"]')];
    return status.length > 0 && status.every((cell) => !/training/.test(cell.textContent))
      && document.querySelector('#train-play').dataset.playing === 'false';
  }, null, { timeout });
}

describe('training view', () => {
  const shared = useBrowser();

  it('plays the "ReLU trains faster" lesson from its preset button, by keyboard', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=train`, QUIET);
    try {
      await page.waitForSelector(READY);
      const preset = page.locator('#train-presets [data-preset="relu-fastest"]');
      await preset.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#view=train&activation=relu,tanh,sigmoid&learning-rate=0.03&steps=3000');
      assert.match(await page.locator('#train-claim').innerText(), /Krizhevsky et al\. \(2012\)/);
      // Run fast: 100 steps a frame, then Play with the keyboard.
      const speed = page.locator('[data-key="speed"] input[type="number"]');
      await speed.fill('100');
      await speed.press('Enter');
      await page.locator('#train-play').focus();
      await page.keyboard.press('Space');
      assert.equal(await page.locator('#train-play').innerText(), 'Pause');
      await finished(page);
      const rows = await raceTable(page);
      assert.deepEqual(rows.map((r) => r.label), ['relu', 'tanh', 'sigmoid']);
      assert.ok(rows.every((r) => r.steps === '3000'), JSON.stringify(rows));
      const steps = Object.fromEntries(rows.map((r) => [r.label, Number(r['steps-to-target'])]));
      // The same outcome as tests/train_lessons.rs asserts natively for this preset.
      assert.ok(steps.relu < steps.tanh, `relu ${steps.relu} before tanh ${steps.tanh}`);
      assert.ok(Number.isNaN(steps.sigmoid), `sigmoid never reaches the target: ${rows[2]['steps-to-target']}`);
      for (const id of ['train-loss', 'train-accuracy', 'train-gradient-flow', 'train-dead', 'train-learned']) {
        assert.ok(Number(await page.locator(`#${id}`).getAttribute('data-drawn')) > 0, `${id} drawn`);
      }
      assert.equal(await page.locator('#train-surfaces canvas').count(), 3);
      assert.match(await page.locator('#train-status').innerText(), /Finished: step 3000 of 3000/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('plays the other four lessons from their buttons to the outcomes the native tests assert', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=train`, QUIET);
    const percent = (text) => text.split(' / ').map((p) => Number(p.replace('%', '')) / 100);
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    try {
      await page.waitForSelector(READY);
      const speed = page.locator('[data-key="speed"] input[type="number"]');
      await speed.fill('100');
      await speed.press('Enter');
      const play = async (id) => {
        await page.locator(`#train-presets [data-preset="${id}"]`).click();
        await page.waitForFunction(() => document.querySelector('#train-status').dataset.step === '0');
        await page.locator('#train-play').click();
        await finished(page);
        return Object.fromEntries((await raceTable(page)).map((r) => [r.label, r]));
      };
      const dead = await play('dead-relu');
      assert.ok(mean(percent(dead.relu.dead)) >= 0.4, `relu dead ${dead.relu.dead}`);
      for (const alive of ['leaky_relu', 'prelu']) assert.ok(mean(percent(dead[alive].dead)) <= 0.05, `${alive} dead ${dead[alive].dead}`);

      const xor = await play('linear-xor');
      assert.ok(percent(xor.identity['train-accuracy'])[0] <= 0.75, `identity ${xor.identity['train-accuracy']}`);
      assert.ok(percent(xor.relu['train-accuracy'])[0] > 0.95, `relu ${xor.relu['train-accuracy']}`);

      const learned = await play('learned-activations');
      const values = (text) => [...text.matchAll(/= (−?[\d.]+)/g)].map((m) => Number(m[1].replace('−', '-')));
      // hidden=16,16 with one learned parameter per layer: two values each, every one moved
      // more than 0.2 from its start (0.25 and 1), as tests/train_lessons.rs asserts natively.
      const [prelu, swish] = [values(learned.prelu.learned), values(learned.swish.learned)];
      assert.equal(prelu.length, 2, learned.prelu.learned);
      assert.equal(swish.length, 2, learned.swish.learned);
      assert.ok(prelu.every((v) => Math.abs(v - 0.25) > 0.2), learned.prelu.learned);
      assert.ok(swish.every((v) => Math.abs(v - 1) > 0.2), learned.swish.learned);

      const spiral = await play('spiral-softmax');
      assert.ok(percent(spiral.relu['train-accuracy'])[0] > 0.95, spiral.relu['train-accuracy']);
      assert.match(await page.locator('#train-status').innerText(), /softmax \+ cross-entropy/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('reports divergence as a state, not a crash', async () => {
    const hash = '#view=train&activation=tanh&dataset=sine&hidden=8,8&learning-rate=10&record-every=1';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`, QUIET);
    try {
      await page.waitForSelector(READY);
      await page.locator('#train-play').click();
      await finished(page, 30_000);
      const [row] = await raceTable(page);
      const step = Number(/diverged at step (\d+)/.exec(row.status)?.[1]);
      assert.ok(step > 0 && step < 1000, row.status);
      assert.match(await page.locator('#train-divergence').innerText(),
        new RegExp(`tanh: diverged at step ${step}: the loss became NaN or infinite, so the learning rate 10 is too large`));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('per-layer activations: one select per hidden layer, built by keyboard, and unset by removing every entry', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=train&activation=tanh&hidden=4,4`, QUIET);
    try {
      await page.waitForSelector(READY);
      const perLayer = page.locator('#train-network [data-key="layer-activations"]');
      const error = perLayer.locator('.field-error');
      assert.equal(await perLayer.locator('select').count(), 0);
      await perLayer.locator('button.add').focus();
      await page.keyboard.press('Enter');
      assert.match(await error.innerText(), /^layer-activations lists 1 activations for 2 hidden layers/);
      assert.equal(await perLayer.locator('select').count(), 1, 'the refused list stays as a draft');
      await page.keyboard.press('Enter');
      await perLayer.locator('select').nth(1).selectOption('relu');
      const hash = await page.waitForFunction(() => decodeURIComponent(location.hash).includes('layer-activations=tanh,relu'));
      assert.ok(hash);
      assert.equal(await error.innerText(), '');
      await perLayer.locator('button.remove').press('Enter');
      await perLayer.locator('button.remove').press('Enter');
      await page.waitForFunction(() => !location.hash.includes('layer-activations'));
      assert.equal(await perLayer.locator('select').count(), 0);
      assert.equal(await error.innerText(), '');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('refuses bad input next to its control and keeps the link unchanged', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=train`, QUIET);
    try {
      await page.waitForSelector(READY);
      const hidden = page.locator('#train-hidden');
      await hidden.fill('8,0');
      await hidden.press('Enter');
      assert.equal(await page.locator('[data-key="hidden"] .field-error').innerText(), 'hidden must be integers in 1..=64, got 0');
      // Up to 64 hidden layers, in the list form or the repeat form units x layers (issue #14).
      await hidden.fill('8x65');
      await hidden.press('Enter');
      assert.equal(await page.locator('[data-key="hidden"] .field-error').innerText(), 'hidden takes 1..=64 values, got 65');
      await hidden.fill('16x');
      await hidden.press('Enter');
      assert.equal(await page.locator('[data-key="hidden"] .field-error').innerText(),
        'hidden entry "16x" is not a repeat: write units x layers, e.g. 16x20 for 20 layers of 16 units, with 1..=64 layers');
      const lr = page.locator('[data-key="learning-rate"] input[type="number"]');
      await lr.fill('11');
      await lr.press('Enter');
      assert.equal(await page.locator('[data-key="learning-rate"] .field-error').innerText(), 'learning-rate must be a number in [0.00001, 10], got 11');
      await page.locator('#train-dataset').selectOption('xor');
      await page.locator('[data-key="classes"] input[type="number"]').evaluate((el) => el.closest('.field').hidden)
        .then((isHidden) => assert.ok(isHidden, 'classes is hidden for xor'));
      await page.waitForTimeout(300);
      assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), '#view=train&dataset=xor');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('keeps the run through a learning-rate change and restarts it for a new network', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=train&activation=relu`, QUIET);
    try {
      await page.waitForSelector(READY);
      const step = page.locator('#train-step');
      for (let i = 0; i < 3; i++) await step.click();
      await page.waitForFunction(() => document.querySelector('#train-status').dataset.step === '3');
      const lr = page.locator('[data-key="learning-rate"] input[type="number"]');
      await lr.fill('0.1');
      await lr.press('Enter');
      await step.click();
      await page.waitForFunction(() => document.querySelector('#train-status').dataset.step === '4');
      assert.equal(await page.locator('#train-divergence').innerText(), '');
      // Swapping the run's activation (here through its link) keeps its weights and steps too.
      await page.evaluate(() => { location.hash = 'view=train&activation=tanh'; });
      await page.waitForFunction(() => [...document.querySelectorAll('#train-table tbody tr')].map((r) => r.dataset.run).join() === 'tanh');
      assert.equal(await page.locator('#train-status').getAttribute('data-step'), '4');
      await step.click();
      await page.waitForFunction(() => document.querySelector('#train-status').dataset.step === '5');
      const hidden = page.locator('#train-hidden');
      await hidden.fill('6,6');
      await hidden.press('Enter');
      await page.waitForFunction(() => document.querySelector('#train-status').dataset.step === '0');
      assert.match(await page.locator('#train-divergence').innerText(), /Restarted/);
      await page.locator('#train-reset').click();
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('embeds the race, played to the end on Play, with its numbers in the data table', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}embed.html#view=train&activation=relu,tanh`, QUIET);
    try {
      await page.waitForFunction(() => Number(document.querySelector('activation-lab')?.dataset.drawn) > 0, null, { timeout: 30_000 });
      // The widget plays its race live; under reduced motion (and without autoplay) it waits for Play.
      await page.locator('activation-lab').getByRole('button', { name: 'Play' }).press('Enter');
      await page.waitForFunction(() => /Finished: step 1000 of 1000/.test(document.querySelector('activation-lab').shadowRoot.querySelector('.status').textContent), null, { timeout: 60_000 });
      await page.locator('activation-lab').evaluate((el) => { el.shadowRoot.querySelector('details').open = true; });
      await page.waitForFunction(() => document.querySelector('activation-lab').shadowRoot.querySelectorAll('details tbody tr').length > 0);
      const rows = await page.locator('activation-lab').evaluate((el) => [...el.shadowRoot.querySelectorAll('details tbody tr')]
        .map((tr) => [...tr.cells].map((td) => td.textContent)));
      // The finished race, every record of it: 2 runs × (steps 0, 10, …, 1000), as the CSV
      // export's rows. The reference is the native CLI on the same keys,
      // `actlab train --activation relu,tanh --format csv` (training gives the same bits natively
      // and in wasm), whose last rows are
      //   relu,1000,0.013526112660605633,0.017363656248517104,1.0,1.0,…
      //   tanh,1000,0.05542573200594603,0.05894880754476294,1.0,1.0,…
      // shown by the table to 4 significant digits.
      assert.equal(rows.length, 202);
      assert.deepEqual(rows.map((r) => r[0]), [...Array(101).fill('relu'), ...Array(101).fill('tanh')]);
      assert.deepEqual(rows[0].slice(0, 2), ['relu', '0']);
      assert.deepEqual(rows[100].slice(0, 6), ['relu', '1000', '0.01353', '0.01736', '1', '1']);
      assert.deepEqual(rows[201].slice(0, 6), ['tanh', '1000', '0.05543', '0.05895', '1', '1']);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('widget: preset="…" starts from a lesson, hidden="…" sets the layers, an unknown preset is explained', async () => {
    const url = `${shared.server.url}embed.html#preset=linear-xor&hidden=6`;
    const { page, problems, close } = await openPage(shared.browser, url, QUIET);
    try {
      const widget = page.locator('activation-lab');
      await page.waitForFunction(() => Number(document.querySelector('activation-lab')?.dataset.drawn) > 0, null, { timeout: 30_000 });
      assert.equal(await widget.evaluate((el) => getComputedStyle(el).display), 'block');
      await widget.evaluate((el) => { el.shadowRoot.querySelector('details').open = true; });
      await page.waitForFunction(() => document.querySelector('activation-lab').shadowRoot.querySelectorAll('details tbody tr').length > 0);
      const table = await widget.evaluate((el) => el.shadowRoot.querySelector('details table').textContent);
      assert.match(table, /identity/);
      // hidden=6: one hidden layer, so one dead-fraction column (dead_1) and two gradient norms.
      const header = await widget.evaluate((el) => [...el.shadowRoot.querySelectorAll('details thead th')].map((th) => th.textContent).join(' '));
      assert.match(header, /dead_1/);
      assert.doesNotMatch(header, /dead_2/);
      await page.evaluate(() => { location.hash = 'view=train&preset=no-such-lesson'; });
      await page.waitForFunction(() => /unknown preset "no-such-lesson" \(expected one of: relu-fastest, dead-relu/.test(
        document.querySelector('activation-lab').shadowRoot.textContent));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('a link made by driving the controls reproduces the same race in a fresh browser', async () => {
    const run = async (url, drive) => {
      const { page, problems, close } = await openPage(shared.browser, url, QUIET);
      try {
        await page.waitForSelector(READY);
        await drive(page);
        const speed = page.locator('[data-key="speed"] input[type="number"]');
        await speed.fill('100');
        await speed.press('Enter');
        await page.locator('#train-play').click();
        await finished(page);
        await page.waitForTimeout(300); // the hash is written 150 ms after the last change
        const result = { hash: await page.evaluate(() => location.hash), table: await raceTable(page) };
        assertClean(problems());
        return result;
      } finally {
        await close();
      }
    };
    const first = await run(`${shared.server.url}#view=train`, async (page) => {
      await page.locator('#train-dataset').selectOption('moons');
      await page.locator('#train-optimizer').selectOption('adam');
      for (const [key, value] of [['learning-rate', '0.01'], ['steps', '300'], ['seed', '7']]) {
        const box = page.locator(`#view-train [data-key="${key}"] input[type="number"]`);
        await box.fill(value);
        await box.press('Enter');
      }
      const hidden = page.locator('#train-hidden');
      await hidden.fill('6,4');
      await hidden.press('Enter');
      await page.locator('.racers input[value="sigmoid"]').uncheck();
    });
    assert.equal(decodeURIComponent(first.hash),
      '#view=train&activation=tanh,relu&seed=7&dataset=moons&hidden=6,4&optimizer=adam&learning-rate=0.01&steps=300');
    const second = await run(`${shared.server.url}${first.hash}`, async () => {});
    assert.deepEqual(second.table, first.table);
    assert.deepEqual(first.table.map((r) => [r.label, r.steps]), [['tanh', '300'], ['relu', '300']]);
  });
});
