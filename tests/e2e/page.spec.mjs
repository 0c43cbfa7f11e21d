// The explorer page driven like a person would: pick activations, drag sliders with the
// keyboard, move the crosshair, reload, type bad values, switch to softmax. Every test also
// requires a clean console and no request leaving 127.0.0.1.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('explorer page', () => {
  const shared = useBrowser();

  async function open(hash = '', options = {}) {
    const session = await openPage(shared.browser, `${shared.server.url}${hash}`, options);
    await session.page.waitForSelector(READY);
    return session;
  }

  const cell = (page, activation, cls) =>
    page.locator(`#readout tr[data-activation="${activation}"] td.${cls}`).innerText();
  const hashOf = (page) => page.evaluate(() => decodeURIComponent(location.hash));
  const waitForHash = (page, text) =>
    page.waitForFunction((t) => decodeURIComponent(location.hash).includes(t), text);

  it('opens with sigmoid, tanh and relu, a drawn chart and the closed-form readout', async () => {
    const { page, problems, close } = await open('', { contextOptions: { deviceScaleFactor: 2 } });
    try {
      assert.equal(await page.title(), 'Activation Lab');
      // σ(0) = 1/2, σ'(0) = 1/4, (1/4)^10 = 9.5367e-7: vanishing gradients made concrete.
      assert.equal(await cell(page, 'sigmoid', 'f'), '0.5');
      assert.equal(await cell(page, 'sigmoid', 'df'), '0.25');
      assert.equal(await cell(page, 'sigmoid', 'chain'), '9.5367e−7');
      assert.equal(await cell(page, 'tanh', 'df'), '1');
      await page.waitForFunction(() => Number(document.querySelector('#curves-canvas').dataset.drawn) > 0);
      const canvas = await page.evaluate(() => {
        const c = document.querySelector('#curves-canvas');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        return { width: c.width, css: c.clientWidth, colours: colours.size };
      });
      assert.equal(canvas.width, Math.round(canvas.css * 2), 'backing store is CSS size × devicePixelRatio');
      assert.ok(canvas.colours > 5, `the chart has drawn content (${canvas.colours} colours sampled)`);
      assert.equal(await page.locator('.card').count(), 3);
      assert.match(await page.locator('.card[data-activation="sigmoid"]').innerText(), /0\.25 at x = 0/);
      await page.waitForFunction(() => /ns\/element/.test(document.querySelector('.card .cost').textContent));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('switches activation by keyboard, follows a slider, and restores it all on reload', async () => {
    const { page, problems, close } = await open();
    try {
      // Uncheck sigmoid, tanh, relu; check leaky_relu — with the keyboard (focus + Space).
      for (const name of ['leaky_relu', 'sigmoid', 'tanh', 'relu']) {
        await page.locator(`#activation-picker input[value="${name}"]`).focus();
        await page.keyboard.press('Space');
      }
      await page.waitForFunction(() => location.hash === '#activation=leaky_relu');
      assert.deepEqual(await page.locator('#readout tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.activation)), ['leaky_relu']);

      // Put the crosshair at x = −1 by typing, then drag the slope slider with arrow keys.
      const at = page.locator('[data-key="at"] input[type="number"]');
      await at.fill('-1');
      await at.press('Enter');
      assert.equal(await cell(page, 'leaky_relu', 'f'), '−0.01');
      const slider = page.locator('[data-key="negative-slope"] input[type="range"]');
      await slider.focus();
      for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
      assert.equal(await cell(page, 'leaky_relu', 'f'), '−0.06');
      assert.equal(await cell(page, 'leaky_relu', 'df'), '0.06');
      await waitForHash(page, 'negative-slope=0.06');
      assert.equal(await hashOf(page), '#activation=leaky_relu&negative-slope=0.06&at=-1');

      await page.reload();
      await page.waitForSelector(READY);
      assert.equal(await page.locator('#activation-picker input[value="leaky_relu"]').isChecked(), true);
      assert.equal(await page.locator('#activation-picker input[value="sigmoid"]').isChecked(), false);
      assert.equal(await slider.inputValue(), '0.06');
      assert.equal(await cell(page, 'leaky_relu', 'f'), '−0.06');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('moves the crosshair with the arrow keys on the chart', async () => {
    const { page, problems, close } = await open('#activation=tanh');
    try {
      await page.locator('#curves-canvas').focus();
      for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
      // Ten steps of (5 − (−5))/100 = 0.1 land at x = 1, where tanh'(1) = sech²(1) = 0.41997.
      assert.equal(await page.locator('#readout tr[data-activation="tanh"] td').nth(1).innerText(), '1');
      assert.equal(await cell(page, 'tanh', 'df'), '0.41997');
      await page.keyboard.press('End');
      assert.equal(await page.locator('#readout tr[data-activation="tanh"] td').nth(1).innerText(), '5');
      const box = await page.locator('#curves-canvas').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const x = Number((await page.locator('#readout tr[data-activation="tanh"] td').nth(1).innerText()).replace('−', '-'));
      assert.ok(Math.abs(x) < 1, `hovering the middle puts the crosshair near 0, got ${x}`);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('explains a bad value next to its control and keeps the last good state', async () => {
    const { page, problems, close } = await open('#activation=relu');
    try {
      const from = page.locator('[data-key="x-min"] input[type="number"]');
      await from.fill('10');
      await from.press('Enter');
      assert.equal(await page.locator('[data-key="x-min"] .field-error').innerText(),
        'x-min must be less than x-max, got x-min=10 and x-max=5');
      assert.equal(await from.inputValue(), '10', 'what the user typed is not thrown away');
      await page.waitForTimeout(300);
      assert.equal(await hashOf(page), '#activation=relu');
      await from.fill('-2');
      await from.press('Enter');
      assert.equal(await page.locator('[data-key="x-min"] .field-error').innerText(), '');
      await waitForHash(page, 'x-min=-2');
      // Seven activations is one more than the chart can tell apart.
      for (const name of ['sigmoid', 'tanh', 'gelu', 'mish', 'elu']) {
        await page.locator(`#activation-picker input[value="${name}"]`).check();
      }
      await page.locator('#activation-picker input[value="selu"]').click();
      assert.match(await page.locator('#activation-picker .field-error').innerText(), /^activation takes 1\.\.=6 values, got 7$/);
      assert.equal(await page.locator('#activation-picker input[value="selu"]').isChecked(), false);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('opens a link with a typo: says what was wrong, applies the rest', async () => {
    const { page, problems, close } = await open('#activation=rleu&x-max=8');
    try {
      const message = await page.locator('#message').innerText();
      assert.match(message, /unknown activation "rleu" \(expected one of: identity, step, sigmoid/);
      assert.equal(await page.locator('[data-key="x-max"] input').inputValue(), '8');
      // Editing the hash by hand is followed too.
      await page.evaluate(() => { location.hash = 'activation=gelu&at=1'; });
      await page.waitForFunction(() => document.querySelector('#readout tr[data-activation="gelu"]'));
      // GELU(1) = Φ(1) = 0.8413447… (closed form).
      assert.equal(await cell(page, 'gelu', 'f'), '0.84134');
      assert.equal(await page.locator('#message').innerText(), '');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('softmax view: probabilities, temperature and the p − y gradient', async () => {
    const { page, problems, close } = await open();
    try {
      await page.locator('#tab-softmax').click();
      await waitForHash(page, 'view=softmax');
      const column = (i) => page.locator('#softmax-table tbody tr').evaluateAll(
        (rows, k) => rows.map((r) => r.children[k].textContent), i);
      // numpy: softmax([2, 1, 0.1]) = [0.659001, 0.242433, 0.0985659].
      assert.deepEqual(await column(2), ['0.659', '0.24243', '0.098566']);
      assert.deepEqual(await column(3), ['−0.341', '0.24243', '0.098566']);
      const temperature = page.locator('[data-key="temperature"] input[type="number"]');
      await temperature.fill('100');
      await temperature.press('Enter');
      // A very high temperature flattens p towards uniform (1/3 each).
      const flat = (await column(2)).map((t) => Number(t));
      assert.ok(flat.every((p) => Math.abs(p - 1 / 3) < 0.01), `near uniform: ${flat}`);
      await page.locator('#add-logit').click();
      assert.equal(await page.locator('#softmax-table tbody tr').count(), 4);
      await page.waitForFunction(() => Number(document.querySelector('#softmax-canvas').dataset.drawn) > 0);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('measures every activation in this browser', async () => {
    const { page, problems, close } = await open();
    try {
      await page.locator('#measure-all').click();
      await page.waitForSelector('#cost-table:not([hidden])', { timeout: 30000 });
      const rows = await page.locator('#cost-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.dataset.activation, Number(tr.children[1].textContent.replace('−', '-'))]));
      // One row per element-wise activation of the catalogue, each once, whatever it holds.
      const scalar = await page.evaluate(async () => {
        const { Lab } = await import('/pkg/activation_lab.js');
        // custom (a typed formula) has no function until one is typed, so it is not measured.
        return JSON.parse(Lab.catalogue()).filter((c) => c.scalar && c.name !== 'custom').map((c) => c.name);
      });
      assert.ok(scalar.length >= 27, `the catalogue's element-wise activations: ${scalar}`);
      assert.deepEqual(rows.map(([name]) => name).sort(), [...scalar].sort());
      assert.ok(rows.every(([, ns]) => Number.isFinite(ns) && ns > 0), JSON.stringify(rows));
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
