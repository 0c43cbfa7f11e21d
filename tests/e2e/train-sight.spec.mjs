// While the race plays, the training view redraws only the pictures in sight (issue #14: a frame
// draws one picture, and out-of-sight ones cost nothing): a chart scrolled out of view keeps its
// drawing count while the race goes on, and is drawn again once scrolled back into view. The
// console stays clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const RACE = '#view=train&activation=tanh,relu&dataset=moons&hidden=8,8&steps=100000';
const drawn = (page, selector) => page.locator(selector).evaluate((c) => Number(c.dataset.drawn || 0));
const stepNow = (page) => page.locator('#train-status').evaluate((s) => Number(s.dataset.step));

describe('the training view draws what is in sight', () => {
  const shared = useBrowser();

  it('leaves a chart out of sight alone while playing and draws it again in view', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${RACE}`,
      { contextOptions: { viewport: { width: 1000, height: 700 } } });
    try {
      await page.waitForSelector('body[data-ready="true"]');
      if (await page.locator('#train-play').getAttribute('data-playing') !== 'true') await page.locator('#train-play').click();
      // The first surface in view, the layer distributions far below it.
      await page.locator('#train-surfaces canvas').first().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.querySelector('#train-status').dataset.step) > 50);
      const hidden = await page.locator('#train-layers').evaluate((c) => c.getBoundingClientRect().top > innerHeight);
      assert.ok(hidden, 'the layer distributions start out of view');
      await page.waitForTimeout(300); // a full redraw owed by the start is spread over frames
      const [outBefore, inBefore, stepBefore] = [await drawn(page, '#train-layers'),
        await drawn(page, '#train-surfaces figure:first-child canvas'), await stepNow(page)];
      await page.waitForTimeout(1500);
      assert.ok(await stepNow(page) > stepBefore + 20, 'the race went on');
      assert.equal(await drawn(page, '#train-layers'), outBefore, 'out of sight: not redrawn');
      assert.ok(await drawn(page, '#train-surfaces figure:first-child canvas') > inBefore, 'in sight: redrawn');
      await page.locator('#train-layers').scrollIntoViewIfNeeded();
      await page.waitForFunction((n) => Number(document.querySelector('#train-layers').dataset.drawn) > n + 1, outBefore);
      await page.locator('#train-play').click(); // pause
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
