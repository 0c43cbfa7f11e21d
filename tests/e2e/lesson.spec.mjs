// The guided lesson: keyboard-only walk through every step, each step linkable, the language
// switch changes the visible text, at every step every widget draws and shows no alert, the
// console stays clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

// The steps the page reads: each step's title and widget count are checked on screen.
const STEPS = JSON.parse(readFileSync(`${WWW_DIR}/js/lesson-steps.json`, 'utf8'));
const STEP_COUNT = STEPS.length;

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
      assert.ok(STEP_COUNT >= 20, `${STEP_COUNT} steps`);
      assert.deepEqual(counts, STEPS.map((s) => s.widgets.length), 'each step shows the widgets it declares');
      assert.deepEqual(titles, STEPS.map((s) => s.title.en));
      assert.equal(new Set(titles).size, STEP_COUNT, 'every step has its own title');
      assert.equal(await page.locator('#next').isDisabled(), true);

      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction((s) => location.hash === `#step=${s}`, STEP_COUNT - 1);
      await page.goBack();
      await page.waitForFunction((s) => location.hash === `#step=${s}`, STEP_COUNT);
      assert.equal(await title(page), STEPS[STEP_COUNT - 1].title.en);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('shows a step\'s words and walks between steps before the wasm module has arrived', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}lesson.html`, { navigate: false });
    try {
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route(/\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${shared.server.url}lesson.html#step=2&lang=ko`);
      await page.waitForFunction((t) => document.getElementById('step-title').textContent === t, STEPS[1].title.ko);
      assert.equal(await page.evaluate(() => Boolean(customElements.get('activation-lab'))), false, 'the element waits for the module');
      assert.equal(await page.locator('#step-widgets activation-lab').count(), STEPS[1].widgets.length);
      await page.locator('#next').click();
      await page.waitForFunction((t) => document.getElementById('step-title').textContent === t, STEPS[2].title.ko);
      // Each widget keeps its chart's room, so nothing below it moves when the chart comes.
      const box = await page.locator('#step-widgets activation-lab').first().boundingBox();
      assert.ok(box.height >= 320, `the widget's room: ${box.height} px`);
      release();
      await page.waitForSelector('body[data-ready="true"]');
      await allDrawnWithoutAlerts(page, 'step 3, once the module is in');
      // Once drawn, a widget's own layout decides its height (a race is shorter than its room).
      assert.deepEqual(await page.locator('#step-widgets activation-lab').evaluateAll((all) => all.map((w) => w.style.minHeight)),
        STEPS[2].widgets.map(() => ''));
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
      assert.equal(await page.locator('#step-counter').innerText(), `${STEP_COUNT}단계 중 5단계`);
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
