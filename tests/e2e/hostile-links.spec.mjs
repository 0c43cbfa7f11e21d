// Issue #11, defects 9 and 10: a link with refused values is rewritten to the state in force, so
// Copy link never shares the bad values again, and a budget's fallback drops only what it must
// and says so once; the embed snippet escapes names and values through one function and never
// throws, whatever the query holds; Escape closes the share panel and gives focus back; the
// lesson names a step it does not have, in English and Korean, and opens the first.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('hostile links (issue #11, defects 9 and 10)', () => {
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

  it('builds the embed snippet with one escaping function for names and values, and never throws', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}index.html`);
    try {
      await page.waitForSelector(READY);
      const results = await page.evaluate(async () => {
        const { embedSnippet } = await import('./js/share.js');
        const { KEYS } = await import('./js/domain.js');
        const hostile = [
          'activation=tanh&x-min=%',
          'x-min=%E0%A4%A&depth=%zz',
          'a%22%20onload%3Dalert(1)%20b=1',
          '"><img src=x onerror=alert(1)>=1',
          'onload=alert(1)&style=display:none',
          'activation=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
          "activation=tanh'onmouseover='alert(1)",
          'x min=1&x/min=2&x=min=3',
        ];
        return hostile.map((query) => {
          try {
            const snippet = embedSnippet(query, Object.keys(KEYS), 'http://127.0.0.1/');
            const doc = new DOMParser().parseFromString(snippet, 'text/html');
            const labs = [...doc.querySelectorAll('activation-lab')];
            return {
              query,
              elements: [...doc.querySelectorAll('*')].map((e) => e.localName).filter((n) => !['html', 'head', 'body'].includes(n)),
              attributes: labs.flatMap((lab) => lab.getAttributeNames().map((n) => [n, lab.getAttribute(n)])),
            };
          } catch (err) {
            return { query, error: String(err) };
          }
        });
      });
      for (const r of results) {
        assert.equal(r.error, undefined, `${r.query}: ${r.error}`);
        // One script, one widget, one iframe: nothing the query wrote became an element…
        assert.deepEqual(r.elements, ['script', 'activation-lab', 'iframe'], r.query);
        for (const [name] of r.attributes) {
          // …and every attribute is a name the key table could spell; no handler, no style.
          assert.match(name, /^[a-z][a-z0-9-]*$/, `${r.query}: ${name}`);
          assert.ok(!name.startsWith('on'), `${r.query}: ${name}`);
        }
      }
      // A value full of markup comes back as exactly that text.
      const markup = results.find((r) => r.query.startsWith('activation=%22'));
      assert.deepEqual(markup.attributes, [['activation', '"><script>alert(1)</script>']]);
      assert.deepEqual(results[0].attributes, [['activation', 'tanh'], ['x-min', '%']]);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('closes the share panel with Escape and gives focus back to its button', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#activation=tanh`);
    try {
      await page.waitForSelector(READY);
      await page.locator('#copy-embed').focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('#share-panel:not([hidden])');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'share-text');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#share-panel').isHidden(), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'copy-embed');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('names a step the lesson does not have, in English and Korean, and opens the first', async () => {
    for (const [step, shown] of [['1e9', '1e9'], ['NaN', 'NaN'], ['-1', '-1'], ['2.5', '2.5'], ['16', '16'], ['x'.repeat(100), `${'x'.repeat(39)}…`]]) {
      const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}lesson.html#step=${step}`);
      try {
        await page.waitForSelector(READY);
        assert.equal(await page.locator('#step-message').innerText(),
          `step must be a whole number in 1..=15, got "${shown}", so the lesson opens at step 1`);
        assert.equal(await page.locator('#step-title').innerText(), 'Sigmoid saturates');
        assertClean(problems());
      } finally {
        await close();
      }
    }
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}lesson.html#step=1e9&lang=ko`);
    try {
      await page.waitForSelector(READY);
      assert.equal(await page.locator('#step-message').innerText(),
        'step 값은 1..=15 범위의 정수여야 합니다 (입력: "1e9"). 그래서 1단계부터 엽니다');
      assert.equal(await page.locator('#step-title').innerText(), '시그모이드는 포화된다');
      // A good step says nothing.
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.hash === '#step=2&lang=ko');
      assert.equal(await page.locator('#step-message').innerText(), '');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
