// The phase view driven like a person: open it for tanh, wait for the theory line and the
// measured map, walk the cells with the keyboard and read their numbers, check them against
// mean-field theory (mpmath, crate/tests/fixtures/phase_reference.json), and press Enter to open
// the layers view at that cell. The console stays clean throughout.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('phase view', () => {
  const shared = useBrowser();

  it('draws the map, reads a cell from the keyboard and opens the layers view there', async () => {
    // A small map so the test is quick: 6 × 6 networks of 12 layers.
    const hash = '#view=phase&activation=tanh&phase-cells=6&phase-depth=12&phase-width=32&phase-batch=32';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`);
    try {
      await page.waitForSelector(READY);
      await page.waitForFunction(() => document.querySelector('#phase-status').dataset.complete === 'true', null, { timeout: 60000 });
      assert.match(await page.locator('#phase-status').innerText(), /Map complete: 36 networks/);
      assert.ok(Number(await page.locator('#phase-canvas').getAttribute('data-drawn')) > 0);
      const rows = await page.locator('#phase-table tbody tr').count();
      assert.equal(rows, 36);

      // Tab to the map like a keyboard user: the canvas takes focus and names its first cell.
      await page.locator('#phase-canvas').focus();
      const readout = page.locator('#phase-readout');
      await page.waitForFunction(() => document.querySelector('#phase-readout').textContent.includes('σ_w'));
      // Bottom-left cell (σ_w = 0.5625, σ_b = 0.125): ordered, χ₁ well below 1, gradient shrank.
      let text = await readout.innerText();
      assert.match(text, /σ_w = 0\.563, σ_b = 0\.125: χ₁ = 0\.\d+ \(ordered\)/);
      const measured = (t) => Number(t.match(/measured log₁₀ ‖δ₁‖\/‖δ_L‖ = (\S+)\./)[1].replace('−', '-'));
      // Mean-field theory: ‖δ₁‖²/‖δ_L‖² = χ₁^(L−1), so log₁₀ of the ratio is (L − 1)/2 · log₁₀ χ₁;
      // 32 units and 32 samples are finite, so within a third of it.
      const predicted = (t) => (11 / 2) * Math.log10(Number(t.match(/χ₁ = (\S+) /)[1]));
      const agrees = (t) => Math.abs(measured(t) - predicted(t)) < 0.35 * Math.abs(predicted(t)) + 0.2;
      assert.ok(measured(text) < -1 && agrees(text), text);

      // Three cells right and one up: σ_w = 2.4375, σ_b = 0.375, deep in the chaotic phase.
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowUp']) await page.keyboard.press(key);
      text = await readout.innerText();
      assert.match(text, /σ_w = 2\.44, σ_b = 0\.375: χ₁ = 1\.\d+ \(chaotic\)/);
      assert.ok(measured(text) > 0.5 && agrees(text), text);
      assert.equal(await page.locator('#phase-focus').isVisible(), true);

      // Enter opens the layers view at that cell: LeCun normal at gain σ_w, biases N(0, σ_b²).
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => decodeURIComponent(location.hash).includes('view=layers'));
      const hashNow = decodeURIComponent(await page.evaluate(() => location.hash));
      assert.match(hashNow, /init=lecun_normal/);
      assert.match(hashNow, /gain=2\.4375/);
      assert.match(hashNow, /bias-std=0\.375/);
      assert.equal(await page.locator('#view-layers').isVisible(), true);
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 60000 });
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('the theory line matches Schoenholz et al. 2017: tanh at σ_b² = 0.05 is critical at σ_w² ≈ 1.76', async () => {
    const hash = '#view=phase&activation=tanh&phase-cells=4&phase-depth=4&phase-width=8&phase-batch=4';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${hash}`);
    try {
      await page.waitForSelector(READY);
      await page.waitForFunction(() => document.querySelector('#phase-status').dataset.complete === 'true', null, { timeout: 60000 });
      // The page's own module computes the line the map draws: interpolate it at σ_b = √0.05.
      const line = await page.evaluate(async () => {
        const { phaseTheory } = await import('./pkg/activation_lab.js');
        return JSON.parse(phaseTheory(location.hash.slice(1)).json()).line;
      });
      const target = Math.sqrt(0.05);
      const i = line.findIndex((p) => p.bias_std >= target);
      const [a, b] = [line[i - 1], line[i]];
      const gain = a.critical_gain + ((target - a.bias_std) / (b.bias_std - a.bias_std)) * (b.critical_gain - a.critical_gain);
      assert.ok(Math.abs(gain * gain - 1.76) < 0.02, `σ_w² = ${gain * gain}`);
      // The Korean page names the phases in Korean.
      await page.click('#lang-switch');
      await page.waitForSelector(READY);
      await page.waitForFunction(() => document.querySelector('#tab-phase').textContent === '혼돈의 경계');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
