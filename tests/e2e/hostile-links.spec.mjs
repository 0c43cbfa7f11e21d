// Issue #11, defect 9: a link with refused values is rewritten to the state in force, so Copy
// link never shares the bad values again, and a budget's fallback drops only what it must and
// says so once.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('hostile links (issue #11, defect 9)', () => {
  const shared = useBrowser();

  it('rewrites the hash to the state in force, so Copy link shares no refused value', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#activation=tanh&x-max=-9&depth=abc&depht=3&x-min=-2`);
    try {
      await page.waitForSelector(READY);
      const message = await page.locator('#message').innerText();
      assert.match(message, /depth must be a number, got "abc"/);
      assert.match(message, /unknown key "depht"/);
      assert.match(message, /x-min must be less than x-max/);
      // At once, not after the next change: a reload or a copy now carries only what is in force.
      assert.equal(await page.evaluate(() => location.hash), '#activation=tanh&x-min=-2');
      await page.locator('#copy-link').click();
      assert.equal(await page.locator('#share-text').inputValue(), `${shared.server.url}#activation=tanh&x-min=-2`);
      // A good link is left exactly as written.
      await page.evaluate(() => { location.hash = 'x-max=8&activation=relu'; });
      await page.waitForFunction(() => document.querySelector('#message').textContent === '');
      assert.equal(await page.evaluate(() => location.hash), '#x-max=8&activation=relu');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it("falls back from the training budget by dropping only the budget's keys, said once", async () => {
    const link = 'view=train&hidden=64,64,64,64,64,64,64,64&batch-size=1000&samples=5000&steps=1000'
      + '&activation=relu,tanh,sigmoid,elu,gelu,mish';
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#${link}`, { contextOptions: { reducedMotion: 'reduce' } });
    try {
      await page.waitForSelector(READY);
      const message = await page.locator('#message').innerText();
      assert.equal(message.split('is over the budget').length, 2, `one sentence: ${message}`);
      // activation, samples and hidden go (no one or two of them bring it under); view and
      // batch-size stay (steps=1000 is the default, so the canonical query leaves it out).
      assert.equal(await page.evaluate(() => location.hash), '#view=train&batch-size=1000');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('falls back from the layers budget keeping the view, said once', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=layers&batch=4096&width=1024&depth=64&seed=3`);
    try {
      await page.waitForSelector(READY);
      const message = await page.locator('#message').innerText();
      assert.equal(message.split('memory budget').length, 2, `one sentence: ${message}`);
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /^#view=layers&/);
      assert.match(hash, /seed=3/);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
