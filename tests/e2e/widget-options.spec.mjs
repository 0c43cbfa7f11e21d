// The widget's reader-facing options: `controls` (a labelled native control per listed key),
// `views` (tabs between just the listed views) and the "Data table" text alternative under the
// chart, all operated by keyboard.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, assertClean, waitDrawn, openWithWidget } from './harness.mjs';

const drawnCount = (page, id) => page.locator(`activation-lab#${id}`).evaluate((el) => Number(el.dataset.drawn || 0));

describe('widget options', () => {
  const shared = useBrowser();

  /** The embed example with one extra widget at the top of the post. */
  const withWidget = (attrs) => openWithWidget(shared.browser, shared.server.url, attrs);

  it('controls: one labelled control per listed key, operated by keyboard, drives the chart', async () => {
    const { page, widget, problems, close } = await withWidget('controls="activation, negative-slope depth" activation="sigmoid,tanh" at="-2"');
    try {
      const labels = await widget.locator('.controls label').allInnerTexts();
      assert.deepEqual(labels, ['Activation', 'Negative slope', 'Layers (depth)']);
      const select = widget.getByLabel('Activation');
      assert.equal(await select.inputValue(), 'sigmoid');
      // Keyboard: focus the select and pick leaky_relu by typing; it replaces the first curve only.
      let before = await drawnCount(page, 'w');
      await select.focus();
      await select.selectOption('leaky_relu'); // what typing "leaky" + Enter does in a native select
      await waitDrawn(page, 'w', before);
      const curves = await widget.locator('.readout .curve').evaluateAll((els) => els.map((e) => e.dataset.activation));
      assert.deepEqual(curves, ['leaky_relu', 'tanh']);
      // The unset negative slope shows leaky_relu's default, 0.01; leaky_relu(−2) = −0.02.
      const slope = widget.locator('[data-key="negative-slope"] input[type="number"]');
      assert.equal(await slope.inputValue(), '0.01');
      assert.equal(await widget.locator('.curve[data-activation="leaky_relu"] .f').innerText(), '−0.02');
      before = await drawnCount(page, 'w');
      await slope.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('0.2');
      await page.keyboard.press('Enter');
      await waitDrawn(page, 'w', before);
      assert.equal(await widget.locator('.curve[data-activation="leaky_relu"] .f').innerText(), '−0.4');
      // The depth slider moves with arrow keys.
      const depth = widget.locator('[data-key="depth"] input[type="range"]');
      assert.equal(await depth.inputValue(), '10');
      await depth.focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await widget.locator('[data-key="depth"] input[type="number"]').inputValue(), '11');
      // A bad value is explained inside the widget, and the previous value stays.
      await slope.fill('5');
      await slope.press('Enter');
      assert.equal(await widget.locator('.alert').innerText(), 'negative-slope must be a number in [0, 1], got 5');
      assert.equal(await widget.locator('.curve[data-activation="leaky_relu"] .f').innerText(), '−0.4', 'still slope 0.2');
      assert.equal(await page.evaluate(() => location.hash), '', 'the host page URL is untouched');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('controls and views: unknown names are explained inline; none means no controls', async () => {
    const { widget, problems, close } = await withWidget('controls="depth colour" views="curves graphs"');
    try {
      const alert = await widget.locator('.alert').innerText();
      assert.match(alert, /controls: unknown key "colour"/);
      assert.match(alert, /views: unknown view "graphs" \(expected one of: curves, softmax, layers/);
      assert.equal(await widget.locator('.controls label').count(), 1);
      assert.equal(await widget.locator('[role="tab"]').count(), 0, 'one valid view leaves nothing to switch');
      await widget.evaluate((el) => { el.setAttribute('controls', 'none'); el.removeAttribute('views'); });
      assert.equal(await widget.locator('.controls').isVisible(), false);
      assert.equal(await widget.locator('.alert').innerText(), '');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('views: tabs switch between the listed views only, with arrow keys', async () => {
    const { page, widget, problems, close } = await withWidget('views="softmax layers" depth="3" width="20" batch="20"');
    try {
      const tabs = widget.locator('[role="tab"]');
      assert.deepEqual(await tabs.allInnerTexts(), ['Softmax', 'Layers']);
      assert.equal(await tabs.nth(0).getAttribute('aria-selected'), 'true', 'view (curves) is not listed, so the first listed view shows');
      assert.ok(await widget.locator('canvas').getAttribute('aria-label').then((l) => l.startsWith('Bar chart of softmax')));
      await tabs.nth(0).focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => /3 layers/.test(document.querySelector('#w').shadowRoot.querySelector('.status').textContent));
      assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.querySelector('#w').shadowRoot.activeElement?.dataset.view), 'layers');
      assert.equal(await widget.locator('[role="tabpanel"]').getAttribute('aria-labelledby'), 'tab-layers');
      await page.keyboard.press('ArrowRight');
      assert.equal(await tabs.nth(0).getAttribute('aria-selected'), 'true', 'wraps around');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('data table: the numbers behind the chart, for curves and layers', async () => {
    const { page, widget, problems, close } = await withWidget('activation="sigmoid,relu" views="curves layers" depth="4" width="20" batch="20"');
    try {
      const summary = widget.locator('summary');
      assert.equal(await summary.innerText(), 'Data table');
      assert.equal(await widget.locator('table').count(), 0, 'built only when opened');
      await summary.focus();
      await page.keyboard.press('Enter');
      const rows = () => widget.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      // The table is built on the toggle event, a task after the key press.
      await widget.locator('thead th').first().waitFor();
      assert.deepEqual(await widget.locator('thead th').allInnerTexts(), ['activation', 'x', 'f(x)', 'f′(x)']);
      const curves = await rows();
      assert.equal(curves.length, 22, '11 points per curve');
      // Closed forms: σ(0) = 1/2, σ′(0) = 1/4, σ(5) = 0.993307, relu(5) = 5, relu′(−5) = 0.
      assert.deepEqual(curves[5], ['sigmoid', '0', '0.5', '0.25']);
      assert.deepEqual(curves[10], ['sigmoid', '5', '0.9933', '0.006648']);
      assert.deepEqual(curves[21], ['relu', '5', '5', '1']);
      assert.deepEqual(curves[11], ['relu', '−5', '0', '0']);
      await widget.locator('[role="tab"]').nth(1).click();
      await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelectorAll('tbody tr').length === 4);
      assert.deepEqual(await widget.locator('thead th').allInnerTexts(), ['layer', 'mean', 'std', 'saturated', 'zero', 'dead units', '‖∂L/∂W‖']);
      const layers = await rows();
      assert.deepEqual(layers.map((r) => r[0]), ['1', '2', '3', '4']);
      // The same numbers as the JSON export of that snapshot.
      const exported = await widget.evaluate((el) => JSON.parse(el.snapshot.exportJson(el.lab)));
      const std1 = exported.layers?.[0]?.std ?? exported[0]?.std;
      assert.equal(Number(layers[0][2].replace('−', '-')).toPrecision(3), Number(std1).toPrecision(3));
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
