// Permalink round trip for every view: set controls the way a person does (clicks, typing,
// arrow keys), read the link the page wrote, open it in a fresh browser context (no shared
// storage), and check that the controls and every number the page prints are the same.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

/** Waits until the page's hash holds every `key=value` in `parts`, then returns it. */
async function settledHash(page, parts) {
  await page.waitForFunction((want) => {
    const hash = decodeURIComponent(location.hash);
    return want.every((p) => hash.includes(p));
  }, parts);
  return page.evaluate(() => location.hash);
}

/** Everything a reader sees for a view: control values and the text of the listed elements. */
function snapshot(page, selectors) {
  return page.evaluate((sels) => ({
    controls: [...document.querySelectorAll('main section:not([hidden]) input, main section:not([hidden]) select')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => `${el.closest('[data-key]')?.dataset.key || el.id || el.name}=${el.type === 'checkbox' ? el.checked : el.value}`),
    text: sels.map((s) => document.querySelector(s)?.innerText ?? `missing ${s}`),
  }), selectors);
}

describe('permalinks', () => {
  const shared = useBrowser();

  async function roundTrip(drive, parts, selectors, ready = async () => {}) {
    const first = await openPage(shared.browser, shared.server.url);
    let hash;
    let before;
    try {
      await first.page.waitForSelector(READY);
      await drive(first.page);
      hash = await settledHash(first.page, parts);
      await ready(first.page);
      before = await snapshot(first.page, selectors);
      assertClean(first.problems());
    } finally {
      await first.close();
    }
    const second = await openPage(shared.browser, `${shared.server.url}${hash}`);
    try {
      await second.page.waitForSelector(READY);
      await ready(second.page);
      const after = await snapshot(second.page, selectors);
      assert.deepEqual(after, before, `the link ${hash} reproduces the view`);
      assert.equal(await second.page.locator('#message').innerText(), '', 'the link applied without a warning');
      assertClean(second.problems());
    } finally {
      await second.close();
    }
    return { hash, before };
  }

  it('curves: activations, a parameter, the chain depth, second derivative and the crosshair', async () => {
    const { before } = await roundTrip(async (page) => {
      await page.locator('#activation-picker input[value="relu"]').click(); // off
      await page.locator('#activation-picker input[value="leaky_relu"]').click(); // on
      const slope = page.locator('[data-key="negative-slope"] input[type="number"]');
      await slope.fill('0.15');
      await slope.press('Enter');
      const depth = page.locator('#chain-controls [data-key="chain-depth"] input[type="range"]');
      await depth.focus();
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
      await page.locator('[data-key="second-derivative"] input').check();
      await page.locator('#curves-canvas').focus();
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('ArrowLeft');
    }, ['activation=sigmoid,tanh,leaky_relu', 'negative-slope=0.15', 'chain-depth=7', 'second-derivative=true', 'at=-1.1'],
    ['#readout', '#chain-note']);
    assert.match(before.text[0], /leaky_relu/);
    assert.ok(before.controls.includes('chain-depth=7'), before.controls.join(' '));
  });

  it('softmax: logits, temperature and target', async () => {
    const { before } = await roundTrip(async (page) => {
      await page.locator('#tab-softmax').click();
      await page.locator('#add-logit').click();
      const z3 = page.locator('#logit-sliders [data-key="logits"] input[type="number"]').nth(3);
      await z3.fill('2.5');
      await z3.press('Enter');
      const temperature = page.locator('[data-key="temperature"] input[type="number"]');
      await temperature.fill('0.5');
      await temperature.press('Enter');
      await page.locator('#softmax-target').selectOption('3');
    }, ['view=softmax', 'logits=2,1,0.1,2.5', 'temperature=0.5', 'target=3'],
    ['#softmax-table', '#softmax-loss', '#jacobian']);
    assert.ok(before.controls.includes('temperature=0.5') && before.controls.includes('softmax-target=3'), before.controls.join(' '));
    assert.equal(before.text[0].split('\n').length, 6, 'caption, header and four classes');
  });

  it('layers: activation, initialiser, sizes, bias, seed and skip connections', async () => {
    const rows = (n) => async (page) => {
      await page.waitForFunction((k) => document.querySelectorAll('#layers-table tbody tr').length === k
        && !document.querySelector('#layers-status').textContent.includes('…'), n);
    };
    const { before } = await roundTrip(async (page) => {
      await page.locator('#tab-curves').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight'); // curves → softmax → layers, as a keyboard user does
      await page.locator('#layers-activation').selectOption('tanh');
      await page.locator('#layers-init').selectOption('xavier_uniform');
      for (const [key, value] of [['depth', '5'], ['width', '40'], ['batch', '60'], ['bias', '0.1'], ['seed', '9']]) {
        const box = page.locator(`#layers-controls [data-key="${key}"] input[type="number"]`);
        await box.fill(value);
        await box.press('Enter');
      }
      await page.locator('#layers-controls [data-key="residual"] input').check();
    }, ['view=layers', 'activation=tanh', 'init=xavier_uniform', 'depth=5', 'width=40', 'batch=60', 'bias=0.1', 'seed=9', 'residual=true'],
    ['#layers-table'], rows(5));
    assert.match(before.text[0], /^Per layer/);
    for (const want of ['seed=9', 'bias=0.1', 'width=40', 'init=xavier_uniform', 'residual=true']) {
      assert.ok(before.controls.includes(want), `${want} in ${before.controls.join(' ')}`);
    }
  });
});
