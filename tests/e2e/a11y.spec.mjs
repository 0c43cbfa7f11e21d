// Accessibility: axe-core finds no serious or critical violations on the page (each view), the
// embed example and the lesson; and the page has no horizontal overflow at 360 px.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const PAGES = [
  ['page, curves', ''],
  ['page, softmax', '#view=softmax'],
  ['page, layers', '#view=layers&width=50&batch=50&depth=3'],
  ['page in Korean, layers', '#view=layers&width=50&batch=50&depth=3', { locale: 'ko-KR' }],
  ['page, train', '#view=train&steps=200'],
  ['page in Korean, train', '#view=train&steps=200', { locale: 'ko-KR' }],
  ['embed example', 'embed-example.html'],
  ['lesson', 'lesson.html#step=11'],
  // The training widget's live race: its buttons and one labelled canvas per picture (issue #14).
  ['widget, live race', 'embed.html#view=train&activation=relu,tanh&hidden=4&panels=surface,loss,layers'],
  ['widget in Korean, live race', 'embed.html#view=train&activation=relu,tanh&hidden=4&panels=surface,loss,layers', { locale: 'ko-KR' }],
];

describe('accessibility', () => {
  const shared = useBrowser();

  for (const [name, path, contextOptions = {}] of PAGES) {
    it(`axe-core: no serious or critical violations (${name})`, async () => {
      const { page, problems, close, exemptLongTasks } = await openPage(shared.browser, `${shared.server.url}${path}`, { contextOptions });
      try {
        await page.waitForLoadState('load');
        await page.waitForTimeout(1500);
        // axe-core's scan is the test's own script, run in the page on its thread (half a
        // second here); the page's long tasks before and after it still count.
        const result = await exemptLongTasks("axe-core's scan, the test's own script in the page", () => new AxeBuilder({ page }).analyze());
        const bad = result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(bad, []);
        assertClean(problems());
      } finally {
        await close();
      }
    });
  }

  it('respects prefers-reduced-motion: no transitions, and nothing redraws on its own', async () => {
    // One duration per transitioned property ("0.15s, 0.15s"): the distinct ones.
    const durations = (el) => [...new Set(getComputedStyle(el).transitionDuration.split(', '))].join(', ');
    const transition = (page, id) => page.locator(id).evaluate(durations);
    const widgetTab = (page) => page.locator('activation-lab#try-it [role="tab"]').first().evaluate(durations);
    for (const reducedMotion of ['no-preference', 'reduce']) {
      const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}embed-example.html`, { contextOptions: { reducedMotion } });
      try {
        // The widgets above it take their height when the element is defined (after the wasm
        // module is ready); scrolling before that leaves the widget far below the fold.
        await page.waitForFunction(() => customElements.get('activation-lab'));
        await page.locator('activation-lab#try-it').scrollIntoViewIfNeeded();
        await page.waitForFunction(() => Number(document.querySelector('#try-it').dataset.drawn || 0) > 0);
        assert.equal(await widgetTab(page), reducedMotion === 'reduce' ? '0s' : '0.15s', `widget tab, ${reducedMotion}`);
        const drawn = await page.locator('activation-lab#try-it').evaluate((el) => el.dataset.drawn);
        await page.waitForTimeout(1000);
        assert.equal(await page.locator('activation-lab#try-it').evaluate((el) => el.dataset.drawn), drawn, 'an idle widget does not redraw');
        assertClean(problems());
      } finally {
        await close();
      }
    }
    const { page, problems, close } = await openPage(shared.browser, shared.server.url, { contextOptions: { reducedMotion: 'reduce' } });
    try {
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await transition(page, '#tab-curves'), '0s');
      assert.equal(await transition(page, '#lang-switch'), '0s');
      await page.waitForFunction(() => Number(document.querySelector('#curves-canvas').dataset.drawn || 0) > 0);
      const drawn = await page.locator('#curves-canvas').getAttribute('data-drawn');
      await page.waitForTimeout(1000);
      assert.equal(await page.locator('#curves-canvas').getAttribute('data-drawn'), drawn, 'the idle page does not redraw');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('has no horizontal overflow at 360 px wide', async () => {
    for (const path of ['', '#view=layers&width=50&batch=50&depth=3', '#view=train&steps=200', 'lesson.html']) {
      const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${path}`, { contextOptions: { viewport: { width: 360, height: 740 } } });
      try {
        await page.waitForLoadState('load');
        await page.waitForTimeout(1000);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${path || 'index'}: content is ${scroll} px wide in a ${client} px viewport`);
        assertClean(problems());
      } finally {
        await close();
      }
    }
  });
});
