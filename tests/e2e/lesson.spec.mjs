// The guided lesson: keyboard-only walk through every step, each step linkable, the language
// switch changes the visible text, every widget draws, the console stays clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const STEP_COUNT = 14;

describe('guided lesson', () => {
  const shared = useBrowser();

  const title = (page) => page.locator('#step-title').innerText();
  const allDrawn = (page) => page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('activation-lab')];
    return widgets.length > 0 && widgets.every((w) => Number(w.dataset.drawn) > 0);
  }, null, { timeout: 60000 });

  it('walks every step with the keyboard and each step is a link', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}lesson.html`);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await title(page), 'Sigmoid saturates');
      assert.equal(await page.locator('#back').isDisabled(), true);
      const titles = [await title(page)];
      for (let step = 2; step <= STEP_COUNT; step += 1) {
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((s) => location.hash === `#step=${s}`, step);
        titles.push(await title(page));
        // Focus moves to the step's heading, so a screen reader reads the new step.
        assert.equal(await page.evaluate(() => document.activeElement.id), 'step-title');
      }
      assert.equal(new Set(titles).size, STEP_COUNT, 'every step has its own title');
      assert.equal(titles[STEP_COUNT - 3], 'Skip connections');
      assert.equal(titles[STEP_COUNT - 1], 'Training: a large learning rate kills ReLUs');
      assert.equal(await page.locator('#next').isDisabled(), true);
      await allDrawn(page);
      assert.equal(await page.locator('activation-lab').count(), 1);

      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => location.hash === '#step=13');
      await page.goBack();
      await page.waitForFunction(() => location.hash === '#step=14');
      assert.equal(await title(page), 'Training: a large learning rate kills ReLUs');
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
      assert.equal(await page.locator('#step-counter').innerText(), '14단계 중 5단계');
      await allDrawn(page);
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
