// A typed formula (activation=custom, issue #15) on the page and in a widget: typed by keyboard,
// its numbers read back against closed forms, the link round-trip, hostile formulas refused with
// their sentence and never becoming markup, its letters learned in training, the console clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean, openWithWidget } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('typed formula', () => {
  const shared = useBrowser();

  async function open(hash = '') {
    const session = await openPage(shared.browser, `${shared.server.url}${hash}`);
    await session.page.waitForSelector(READY);
    return session;
  }
  const cell = (page, activation, cls) =>
    page.locator(`#readout tr[data-activation="${activation}"] td.${cls}`).innerText();
  const formulaInput = (page) => page.locator('.field[data-key="formula"] input');

  it('types a formula, checks custom, reads its exact numbers, and the link reopens it', async () => {
    const { page, problems, close } = await open();
    try {
      const input = formulaInput(page);
      await input.focus();
      await page.keyboard.type('x*tanh(softplus(x)) + k*x^2');
      await page.keyboard.press('Enter');
      const params = page.locator('.field[data-key="formula-params"] input');
      await params.focus();
      await page.keyboard.type('k:0.5');
      await page.keyboard.press('Enter');
      await page.locator('#activation-picker input[value="custom"]').focus();
      await page.keyboard.press('Space');
      await page.waitForSelector('#readout tr[data-activation="custom"]');
      // At x = 0: f = 0, f′ = tanh(ln 2) = 0.6 (mish′(0); the k·x² term adds 2kx = 0).
      assert.equal(await cell(page, 'custom', 'f'), '0');
      assert.equal(await cell(page, 'custom', 'df'), '0.6');
      // The card typesets f and f′ as MathML, built by the core from the parsed formula.
      const card = page.locator('.card[data-activation="custom"]');
      assert.equal(await card.locator('math').count(), 2);
      assert.match(await card.innerText(), /softplus/);
      // The link carries the formula encoded, and a fresh page opens the same formula.
      await page.waitForFunction(() => location.hash.includes('formula='));
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /formula=x\*tanh\(softplus\(x\)\)%20%2B%20k\*x%5E2/);
      const again = await open(hash);
      try {
        assert.equal(await formulaInput(again.page).inputValue(), 'x*tanh(softplus(x)) + k*x^2');
        assert.equal(await cell(again.page, 'custom', 'df'), '0.6');
        assertClean(again.problems());
      } finally {
        await again.close();
      }
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('refuses hostile formulas with their sentence; nothing typed becomes markup', async () => {
    const { page, problems, close } = await open('#activation=custom&formula=x*sigmoid(x)');
    try {
      const input = formulaInput(page);
      const error = page.locator('.field[data-key="formula"] .field-error');
      for (const [text, sentence] of [
        ['sin(x))+1', "unexpected ')' at column 7 of the formula"],
        ['<img src=x onerror=alert(1)>', "unexpected '<' at column 1 of the formula"],
        ['foo(x)', /unknown function 'foo' at column 1/],
        ['x+'.repeat(100) + 'x', 'the formula has 201 characters; at most 200 are allowed'],
        ['('.repeat(33) + 'x' + ')'.repeat(33), /nests deeper than 32 levels/],
      ]) {
        await input.fill(text);
        await input.press('Enter');
        await page.waitForFunction(() => document.querySelector('.field[data-key="formula"] .field-error').textContent !== '');
        const said = await error.innerText();
        if (typeof sentence === 'string') assert.equal(said, sentence);
        else assert.match(said, sentence);
        assert.equal(await page.locator('img[src="x"]').count(), 0);
      }
      // The previous formula stays in force: x·σ(x) at 0 has f′ = 1/2.
      assert.equal(await cell(page, 'custom', 'df'), '0.5');
      // Overflow is a state on the card, not a crash.
      await input.fill('exp(x)');
      await input.press('Enter');
      await page.waitForFunction(() => /f overflows beyond x ≈ 709\.8/.test(document.querySelector('.card[data-activation="custom"]')?.innerText ?? ''));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('trains a formula\'s letter with the weights and shows where it went', async () => {
    const quiet = { contextOptions: { reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } } };
    const hash = '#view=train&dataset=xor&activation=custom&formula=x*sigmoid(k*x)&formula-params=k:1.5'
      + '&learned=per-layer&hidden=6,4&steps=300';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`, quiet);
    try {
      await page.waitForSelector(READY);
      // The formula has a letter, so the "learned" control is offered.
      assert.ok(await page.locator('[data-key="learned"]').isVisible());
      const speed = page.locator('[data-key="speed"] input[type="number"]');
      await speed.fill('100');
      await speed.press('Enter');
      await page.locator('#train-play').click();
      await page.waitForFunction(() => {
        const status = [...document.querySelectorAll('#train-table tbody [data-col="status"]')];
        return status.length > 0 && status.every((cell) => !/training/.test(cell.textContent))
          && document.querySelector('#train-play').dataset.playing === 'false';
      }, null, { timeout: 90_000 });
      const learned = await page.locator('#train-table tbody [data-col="learned"]').first().textContent();
      // One k per hidden layer, each moved from its start of 1.5.
      const values = [...learned.matchAll(/k = (−?[\d.]+)/g)].map((m) => Number(m[1].replace('−', '-')));
      assert.equal(values.length, 2, learned);
      assert.ok(values.every((v) => Math.abs(v - 1.5) > 1e-3), learned);
      assertClean(problems());
    } finally {
      await close();
    }
    // A formula without letters has nothing to learn: the control is hidden.
    const plain = await openPage(shared.browser,
      `${shared.server.url}#view=train&dataset=xor&activation=custom&formula=x*sigmoid(x)`, quiet);
    try {
      await plain.page.waitForSelector(READY);
      assert.equal(await plain.page.locator('[data-key="learned"]').isVisible(), false);
      assertClean(plain.problems());
    } finally {
      await plain.close();
    }
  });

  it('a widget with a formula attribute draws it', async () => {
    const { widget, problems, close } = await openWithWidget(shared.browser, shared.server.url,
      'activation="custom" formula="x/(1+abs(x))" at="1"');
    try {
      // softsign(1) = 1/2, softsign′(1) = 1/(1+1)² = 1/4.
      assert.equal(await widget.locator('.curve[data-activation="custom"] .f').innerText(), '0.5');
      assert.equal(await widget.locator('.curve[data-activation="custom"] .df').innerText(), '0.25');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
