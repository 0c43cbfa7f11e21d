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
  ['embed example', 'embed-example.html'],
  ['lesson', 'lesson.html#step=11'],
];

describe('accessibility', () => {
  const shared = useBrowser();

  for (const [name, path, contextOptions = {}] of PAGES) {
    it(`axe-core: no serious or critical violations (${name})`, async () => {
      const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${path}`, { contextOptions });
      try {
        await page.waitForLoadState('load');
        await page.waitForTimeout(1500);
        const result = await new AxeBuilder({ page }).analyze();
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

  it('has no horizontal overflow at 360 px wide', async () => {
    for (const path of ['', '#view=layers&width=50&batch=50&depth=3', 'lesson.html']) {
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
