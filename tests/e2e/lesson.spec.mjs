// The guided lesson: keyboard-only walk through every step, each step linkable, the language
// switch changes the visible text, at every step every widget draws and shows no alert, the
// console stays clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const STEP_COUNT = 16;

describe('guided lesson', () => {
  const shared = useBrowser();

  const title = (page) => page.locator('#step-title').innerText();

  /**
   * Every widget of the step on screen draws (each is scrolled into view in turn: a widget draws
   * only near the viewport) and its alert, where a refused attribute or a failed draw is said,
   * stays empty. Returns how many widgets the step has.
   */
  async function allDrawnWithoutAlerts(page, where) {
    const widgets = page.locator('#step-widgets activation-lab');
    const count = await widgets.count();
    assert.ok(count > 0, `${where}: no widget`);
    for (let i = 0; i < count; i += 1) {
      await widgets.nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((k) => Number(document.querySelectorAll('#step-widgets activation-lab')[k].dataset.drawn) > 0,
        i, { timeout: 60000 });
    }
    const alerts = await widgets.evaluateAll((all) => all.map((w) => w.shadowRoot.querySelector('[role="alert"]').textContent));
    assert.deepEqual(alerts, Array(count).fill(''), `${where}: a widget shows an alert`);
    return count;
  }

  it('walks every step with the keyboard and each step is a link', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}lesson.html`);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await title(page), 'Sigmoid saturates');
      assert.equal(await page.locator('#back').isDisabled(), true);
      const titles = [await title(page)];
      const counts = [await allDrawnWithoutAlerts(page, 'step 1')];
      for (let step = 2; step <= STEP_COUNT; step += 1) {
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((s) => location.hash === `#step=${s}`, step);
        titles.push(await title(page));
        // Focus moves to the step's heading, so a screen reader reads the new step.
        assert.equal(await page.evaluate(() => document.activeElement.id), 'step-title');
        counts.push(await allDrawnWithoutAlerts(page, `step ${step}`));
      }
      // The widgets each step declares in www/js/lesson.js: steps 11, 12 and 15 show two each.
      assert.deepEqual(counts, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 2, 1]);
      assert.equal(new Set(titles).size, STEP_COUNT, 'every step has its own title');
      assert.equal(titles[11], 'Skip connections');
      assert.equal(titles[13], 'Training: a large learning rate kills ReLUs');
      assert.equal(titles[STEP_COUNT - 1], 'Training: dead ReLUs appear within the first steps');
      assert.equal(await page.locator('#next').isDisabled(), true);

      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => location.hash === '#step=15');
      await page.goBack();
      await page.waitForFunction(() => location.hash === '#step=16');
      assert.equal(await title(page), 'Training: dead ReLUs appear within the first steps');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('opens a step from its link, in Korean, and switches language', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}lesson.html#step=5&lang=ko`);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await title(page), '죽은 ReLU');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
      assert.equal(await page.locator('#step-counter').innerText(), '16단계 중 5단계');
      await allDrawnWithoutAlerts(page, 'step 5 in Korean');
      await page.locator('#lang').click();
      await page.waitForFunction(() => location.hash === '#step=5');
      assert.equal(await title(page), 'Dead ReLUs');
      assert.equal(await page.locator('#next').innerText(), 'Next');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
