// The <activation-lab> widget on a sample tutorial post (www/embed-example.html) and its iframe
// form (www/embed.html): lazy drawing near the viewport, live attributes, inline messages for
// bad attributes, freeing on removal, and never touching the host page's URL.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean, waitDrawn } from './harness.mjs';

const HOST_HASH = '#section-2';
const drawn = (page, id) => page.locator(`activation-lab#${id}`).evaluate((el) => Number(el.dataset.drawn || 0));

describe('embeddable widget', () => {
  const shared = useBrowser();

  async function open(path = `embed-example.html${HOST_HASH}`, options = {}) {
    const session = await openPage(shared.browser, `${shared.server.url}${path}`, options);
    await session.page.waitForFunction(() => customElements.get('activation-lab'));
    return session;
  }

  it('draws lazily: offscreen widgets wait until scrolled near, then every widget draws', async () => {
    const { page, problems, close } = await open(undefined, { contextOptions: { deviceScaleFactor: 2 } });
    try {
      await waitDrawn(page, 'sigmoid');
      await page.waitForTimeout(200);
      for (const id of ['relu-kaiming', 'typo']) {
        assert.equal(await drawn(page, id), 0, `${id} is far below the fold and has not drawn yet`);
      }
      assert.equal(await page.locator('activation-lab#typo canvas').evaluate((c) => c.width), 300, 'no backing store sized yet');
      for (const id of ['sigmoid', 'leaky', 'tanh-layers', 'relu-kaiming', 'typo']) {
        await page.locator(`activation-lab#${id}`).scrollIntoViewIfNeeded();
        await waitDrawn(page, id);
      }
      const canvas = await page.locator('activation-lab#sigmoid canvas').evaluate((c) => {
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        return { width: c.width, css: c.clientWidth, height: c.height, cssHeight: c.clientHeight, box: c.offsetHeight, colours: colours.size };
      });
      assert.equal(canvas.width, Math.round(canvas.css * 2), 'backing store is CSS size × devicePixelRatio');
      assert.equal(canvas.box, 320, 'default height (border box)');
      assert.equal(canvas.height, Math.round(canvas.cssHeight * 2));
      assert.ok(canvas.colours > 5, `the chart has drawn content (${canvas.colours} colours)`);
      assert.equal(await page.locator('activation-lab#tanh-layers canvas').evaluate((c) => c.offsetHeight), 480, 'height attribute');
      assert.match(await page.locator('activation-lab#tanh-layers .status').innerText(), /tanh, 8 layers/);
      assert.equal(await page.evaluate(() => location.hash), HOST_HASH);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('shows a bad attribute inline, draws with the rest, and keeps the console clean', async () => {
    const { page, problems, close } = await open();
    try {
      const typo = page.locator('activation-lab#typo');
      await typo.scrollIntoViewIfNeeded();
      await waitDrawn(page, 'typo');
      const alert = typo.locator('[role="alert"]');
      assert.match(await alert.innerText(), /^unknown activation "rleu" \(expected one of: identity, step, sigmoid/);
      // x-max=3 was still applied: the readout is for the default activations.
      assert.equal(await typo.locator('.curve').count(), 3);
      assert.equal(await typo.evaluate((el) => el.shadowRoot.querySelector('[role="alert"]') !== null), true, 'inside the shadow root');
      // An unknown attribute name and an out-of-range value, added later.
      await typo.evaluate((el) => { el.setAttribute('activation', 'relu'); });
      await page.waitForFunction(() => !document.querySelector('#typo').shadowRoot.querySelector('[role="alert"]').textContent);
      await typo.evaluate((el) => el.setAttribute('depth', '999'));
      await page.waitForFunction(() => /depth/.test(document.querySelector('#typo').shadowRoot.querySelector('[role="alert"]').textContent));
      const before = await drawn(page, 'typo');
      await typo.evaluate((el) => el.setAttribute('depth', '3'));
      await waitDrawn(page, 'typo', before);
      assert.equal(await alert.innerText(), '');
      assert.equal(await page.evaluate(() => location.hash), HOST_HASH);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('re-renders when an attribute changes, resets it when removed, and moves the crosshair by keyboard', async () => {
    const { page, problems, close } = await open();
    try {
      const leaky = page.locator('activation-lab#leaky');
      await leaky.scrollIntoViewIfNeeded();
      await waitDrawn(page, 'leaky');
      const f = () => leaky.locator('.curve[data-activation="leaky_relu"] .f').innerText();
      assert.equal(await f(), '−0.05');
      let before = await drawn(page, 'leaky');
      await leaky.evaluate((el) => el.setAttribute('negative-slope', '0.2'));
      await waitDrawn(page, 'leaky', before);
      assert.equal(await f(), '−0.2');
      assert.equal(await leaky.locator('.curve[data-activation="leaky_relu"] .df').innerText(), '0.2');
      before = await drawn(page, 'leaky');
      await leaky.evaluate((el) => el.removeAttribute('negative-slope'));
      await waitDrawn(page, 'leaky', before);
      assert.equal(await f(), '−0.01', 'back to leaky_relu\'s default slope');

      const canvas = leaky.locator('canvas');
      assert.match(await canvas.getAttribute('aria-label'), /arrow keys/);
      await canvas.focus();
      for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
      // Ten steps of (5 − (−5))/100 = 0.1 from x = −1 land at x = 0.
      await page.waitForFunction(() => /^x = 0:/.test(document.querySelector('#leaky').shadowRoot.querySelector('.readout').textContent));
      assert.equal(await leaky.locator('.curve[data-activation="relu"] .df').innerText(), '0');
      await page.keyboard.press('End');
      await page.waitForFunction(() => /^x = 5:/.test(document.querySelector('#leaky').shadowRoot.querySelector('.readout').textContent));
      assert.equal(await f(), '5');
      assert.equal(await page.evaluate(() => location.hash), HOST_HASH);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('pauses while offscreen or while the tab is hidden, and catches up when visible again', async () => {
    const { page, problems, close } = await open();
    try {
      await waitDrawn(page, 'sigmoid');
      const sigmoid = page.locator('activation-lab#sigmoid');
      // Offscreen: an attribute change is applied but not drawn until the widget comes back.
      await page.locator('activation-lab#typo').scrollIntoViewIfNeeded();
      // Intersection observers report after a frame has rendered, so on a loaded machine the
      // widget may not know yet that it left: wait until an observer with its margin, made after
      // its own (so told after it), says so, and let any draw already asked for land first.
      await sigmoid.evaluate((el) => new Promise((resolve) => {
        const observer = new IntersectionObserver((entries) => {
          if (entries.some((e) => !e.isIntersecting)) {
            observer.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(resolve));
          }
        }, { rootMargin: '200px' });
        observer.observe(el);
      }));
      let before = await drawn(page, 'sigmoid');
      await sigmoid.evaluate((el) => el.setAttribute('at', '0'));
      await page.waitForTimeout(300);
      assert.equal(await drawn(page, 'sigmoid'), before, 'no redraw offscreen');
      await sigmoid.scrollIntoViewIfNeeded();
      await waitDrawn(page, 'sigmoid', before);
      assert.equal(await sigmoid.locator('.curve .df').innerText(), '0.25');
      // Hidden tab: the same.
      before = await drawn(page, 'sigmoid');
      await page.evaluate(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange'));
        document.querySelector('#sigmoid').setAttribute('at', '2');
      });
      await page.waitForTimeout(300);
      assert.equal(await drawn(page, 'sigmoid'), before, 'no redraw while hidden');
      await page.evaluate(() => {
        delete document.hidden;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await waitDrawn(page, 'sigmoid', before);
      assert.match(await sigmoid.locator('.readout').innerText(), /^x = 2:/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('frees a removed widget without errors, and re-creates it when put back', async () => {
    const { page, problems, close } = await open();
    try {
      await waitDrawn(page, 'sigmoid');
      const layers = page.locator('activation-lab#tanh-layers');
      await layers.scrollIntoViewIfNeeded();
      await layers.evaluate((el) => el.setAttribute('depth', '6')); // a pass in flight when removed
      const freed = await page.evaluate(() => {
        const el = document.querySelector('#sigmoid');
        el.remove();
        document.querySelector('#tanh-layers').remove();
        return el.lab === null;
      });
      assert.equal(freed, true);
      await page.waitForTimeout(500);
      await page.evaluate(() => {
        const el = document.createElement('activation-lab');
        el.id = 'fresh';
        el.setAttribute('activation', 'gelu');
        el.setAttribute('at', '1');
        el.setAttribute('slope', '0.1'); // not a key: reported, the rest still applies
        document.querySelector('article').prepend(el);
        window.scrollTo(0, 0);
      });
      await waitDrawn(page, 'fresh');
      // GELU(1) = Φ(1) = 0.8413447…
      assert.equal(await page.locator('activation-lab#fresh .curve .f').innerText(), '0.84134');
      assert.match(await page.locator('activation-lab#fresh [role="alert"]').innerText(), /^unknown key "slope" \(expected one of: view, activation/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('the iframe embed draws from its own hash, inside the post and standalone', async () => {
    const { page, problems, close } = await open();
    try {
      await page.locator('#frame').scrollIntoViewIfNeeded();
      const frame = page.frameLocator('#frame');
      await frame.locator('activation-lab[data-drawn]').waitFor();
      assert.equal(await frame.locator('activation-lab').getAttribute('temperature'), '2');
      assert.equal(await page.evaluate(() => location.hash), HOST_HASH);
      assertClean(problems());
    } finally {
      await close();
    }
    const alone = await open('embed.html#view=curves&activation=tanh&at=1');
    try {
      assert.equal(await alone.page.title(), 'Activation Lab widget');
      await alone.page.locator('activation-lab[data-drawn]').waitFor();
      // tanh'(1) = sech²(1) = 0.41997.
      assert.equal(await alone.page.locator('activation-lab .curve[data-activation="tanh"] .df').innerText(), '0.41997');
      await alone.page.evaluate(() => { location.hash = 'activation=relu&at=-2'; });
      await alone.page.waitForFunction(() => document.querySelector('activation-lab').shadowRoot.querySelector('.curve[data-activation="relu"]'));
      assert.equal(await alone.page.locator('activation-lab .curve[data-activation="relu"] .f').innerText(), '0');
      assert.equal(await alone.page.evaluate(() => location.hash), '#activation=relu&at=-2', 'the widget never rewrites the hash');
      assertClean(alone.problems());
    } finally {
      await alone.close();
    }
  });
});
