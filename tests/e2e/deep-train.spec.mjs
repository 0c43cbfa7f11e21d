// Deep networks in the training view (issue #14), driven by keyboard: a deep preset opens from its
// button, the repeat form of `hidden`, skip connections and batch norm set from their controls,
// the race played, and the layer-distributions panel drawn with its numbers in words (a 20-layer
// network of 16 units has 320 hidden units). Reduced motion is emulated so nothing plays until
// the test presses Play; the console stays clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';
const QUIET = { contextOptions: { reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } } };

describe('deep networks in the training view', () => {
  const shared = useBrowser();

  it('opens a deep lesson from its preset button, by keyboard', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=train`, QUIET);
    try {
      await page.waitForSelector(READY);
      await page.locator('#train-presets [data-preset="deep-sigmoid-skips"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#view=train&activation=sigmoid&residual=true&dataset=spiral&hidden=16x20&steps=3000');
      assert.match(await page.locator('#train-claim').innerText(), /He et al\. 2016, ResNet/);
      assert.equal(await page.locator('#train-hidden').inputValue(), '16x20');
      assert.equal(await page.locator('#train-residual').isChecked(), true);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('sets skips and batch norm by keyboard, plays, and draws each layer with its numbers', async () => {
    const start = '#view=train&activation=sigmoid&dataset=spiral&hidden=8,8&steps=40&record-every=10';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${start}`, QUIET);
    try {
      await page.waitForSelector(READY);
      const hidden = page.locator('#train-hidden');
      await hidden.fill('16x20');
      await hidden.press('Enter');
      await page.waitForFunction(() => location.hash.includes('hidden=16x20'));
      await page.locator('#train-residual').focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => location.hash.includes('residual=true'));
      await page.locator('#train-norm').focus();
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => location.hash.includes('norm=batch'));
      await page.locator('#train-play').focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => /Finished: step 40 of 40/.test(document.querySelector('#train-status').textContent),
        null, { timeout: 60_000 });
      const canvas = page.locator('#train-layers');
      await page.waitForFunction(() => Number(document.querySelector('#train-layers').dataset.drawn) > 0);
      const label = await canvas.getAttribute('aria-label');
      const match = label.match(/sigmoid: most saturated layer (\d+) \(([\d.]+)%\), (\d+) of (\d+) units dead\./);
      assert.ok(match, label);
      const [layer, share, dead, units] = match.slice(1).map(Number);
      assert.equal(units, 320, '20 layers of 16');
      assert.ok(layer >= 1 && layer <= 20 && share >= 0 && share <= 100 && dead <= units, label);
      assert.equal(await page.locator('#train-layers-caption').innerText(),
        'Inside each hidden layer at the latest record, layer 1 at the bottom as in the gradient flow: the share saturated (|f′| < 1 % of its largest, solid), the share at exactly 0 (dashed) and the share of dead units (dotted).');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
