// Heavy and careless settings (issue 11, defects 4, 6, 7 and 8): a widget's quick layers changes
// are coalesced, list keys get list controls, echoed values are shortened, and `height` and `lang`
// are checked like every key.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean, waitDrawn, openWithWidget } from './harness.mjs';

const HUGE_VALUE_CHARS = 100_000;
// Long enough to need shortening, short enough that two of them fit in a link.
const LINK_VALUE_CHARS = 3000;

describe('widget limits', () => {
  const shared = useBrowser();

  /** The embed example with one extra widget at the top of the post. */
  const withWidget = (attrs) => openWithWidget(shared.browser, shared.server.url, attrs);

  it('layers: thirty quick depth changes cost one or two passes, and the table shows the last setting', async () => {
    // The frame holds one widget, so no other widget's pass shares the pool during the timing.
    const { page, problems, close } = await openPage(shared.browser,
      `${shared.server.url}embed.html#view=layers&activation=tanh&width=128&batch=256&depth=10&controls=depth`);
    try {
      const widget = page.locator('activation-lab');
      const statusSays = (n) => page.waitForFunction((layers) => new RegExp(`, ${layers} layers\\.`)
        .test(document.querySelector('activation-lab').shadowRoot?.querySelector('.status').textContent), n, { timeout: 120_000 });
      await statusSays(10);
      // One pass at the final setting, alone.
      let start = Date.now();
      await widget.evaluate((el) => el.setAttribute('depth', '40'));
      await statusSays(40);
      const onePass = Date.now() - start;
      await widget.evaluate((el) => el.setAttribute('depth', '10'));
      await statusSays(10);
      // Thirty presses on the depth slider, 10 → 40, as fast as the keyboard goes.
      const slider = widget.locator('[data-key="depth"] input[type="range"]');
      await slider.focus();
      // The pressing itself takes a while on a busy machine, so the clock that counts is the one
      // after the last press: at most the pass running then and the newest one remain.
      start = Date.now();
      for (let i = 0; i < 30; i += 1) await page.keyboard.press('ArrowRight');
      const pressed = Date.now();
      await statusSays(40);
      const after = Date.now() - pressed;
      assert.ok(after < 3 * onePass + 500,
        `the last result came ${after} ms after the last of thirty presses (${pressed - start} ms of pressing); one pass takes ${onePass} ms`);
      // The table is the last setting's.
      await widget.locator('summary').click();
      await page.waitForFunction(() => document.querySelector('activation-lab').shadowRoot.querySelectorAll('tbody tr').length === 40);
      const layers = await widget.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[0].textContent));
      assert.deepEqual(layers, Array.from({ length: 40 }, (_, i) => String(i + 1)));
      assert.equal(await widget.evaluate((el) => el.lab.get('depth')), '40');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('controls: a number list gets a text box that keeps "16,16"; a name list that repeats gets one select per entry', async () => {
    const { page, widget, problems, close } = await withWidget('controls="hidden layer-activations" activation="relu,tanh"');
    try {
      const hidden = widget.locator('[data-key="hidden"] input[type="text"]');
      assert.equal(await widget.locator('[data-key="hidden"] input[type="range"]').count(), 0, 'no slider for a list');
      assert.equal(await hidden.inputValue(), '8,8');
      await hidden.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('16,16');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#w').lab.get('hidden') === '16,16');
      assert.equal(await hidden.inputValue(), '16,16');

      const perLayer = widget.locator('[data-key="layer-activations"]');
      assert.equal(await perLayer.locator('legend').innerText(), 'Per-layer activations (optional, e.g. relu,tanh)');
      assert.equal(await perLayer.locator('select').count(), 0, 'unset: the same activation everywhere');
      // Add by keyboard: the first entry copies the first activation, the next copies the last entry.
      // The network has two hidden layers, so one entry is a draft beside the core's sentence.
      await perLayer.locator('button.add').focus();
      await page.keyboard.press('Enter');
      await perLayer.locator('select').first().waitFor();
      assert.match(await widget.locator('.alert').innerText(), /^layer-activations lists 1 activations for 2 hidden layers/);
      await perLayer.locator('button.add').press('Enter');
      await page.waitForFunction(() => document.querySelector('#w').lab.get('layer-activations') === 'relu,relu');
      assert.equal(await widget.locator('.alert').innerText(), '');
      const second = perLayer.locator('select').nth(1);
      assert.equal(await second.getAttribute('aria-label'), 'Per-layer activations (optional, e.g. relu,tanh) 2');
      assert.equal(await second.locator('option[value="softmax"]').count(), 0, 'a vector-valued function is not a layer');
      await second.selectOption('tanh');
      await page.waitForFunction(() => document.querySelector('#w').lab.get('layer-activations') === 'relu,tanh');
      assert.equal(await perLayer.locator('button.add').isDisabled(), false);
      // Removing both entries goes back to the same activation everywhere.
      await perLayer.locator('button.remove').press('Enter');
      assert.equal(await perLayer.locator('select').count(), 1, 'the draft stays on screen');
      assert.equal(await widget.evaluate((el) => el.lab.get('layer-activations')), 'relu,tanh', 'the refused list is not applied');
      await perLayer.locator('button.remove').press('Enter');
      await page.waitForFunction(() => document.querySelector('#w').lab.get('layer-activations') === '');
      assert.equal(await perLayer.locator('select').count(), 0);
      assert.equal(await widget.locator('.alert').innerText(), '');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('messages: a long value is echoed shortened with an ellipsis, on the page and in a widget; a 100 KB link says it was cut; nothing widens', async () => {
    const huge = 'x'.repeat(HUGE_VALUE_CHARS);
    const expectNoWidening = async (page) => {
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      assert.ok(widths[0] <= widths[1], `the page is ${widths[0]} px wide in a ${widths[1]} px window`);
    };
    // Under the link's 8192-character cap, so each value is read and its sentence echoes it.
    const long = LINK_VALUE_CHARS;
    const page1 = await openPage(shared.browser, `${shared.server.url}#activation=${'x'.repeat(long)}&x-max=${'9'.repeat(long)}z`);
    try {
      const { page } = page1;
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      const message = await page.locator('#message').innerText();
      assert.match(message, /unknown activation "x{39}…"/);
      assert.match(message, /x-max must be a number, got "9{39}…"/);
      assert.ok(message.length < 2000, `the message is ${message.length} characters`);
      await expectNoWidening(page);
      assertClean(page1.problems());
    } finally {
      await page1.close();
    }
    // Past the cap: one sentence says the link was cut, and the cut pair is not half read.
    const page2 = await openPage(shared.browser, `${shared.server.url}#activation=${huge}&x-max=${'9'.repeat(HUGE_VALUE_CHARS)}z`);
    try {
      const { page } = page2;
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      const message = await page.locator('#message').innerText();
      assert.match(message, /this link has 2000\d\d characters; only the first 8192 are read/);
      assert.doesNotMatch(message, /unknown activation/, 'the pair cut at 8192 characters is not read');
      assert.ok(message.length < 2000, `the message is ${message.length} characters`);
      await expectNoWidening(page);
      assertClean(page2.problems());
    } finally {
      await page2.close();
    }
    const { page, widget, problems, close } = await withWidget(`activation="${huge}"`);
    try {
      const alert = await widget.locator('.alert').innerText();
      assert.match(alert, /^unknown activation "x{39}…" \(expected one of: identity,/);
      await expectNoWidening(page);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('height has a range and a sentence like every key, in English and Korean; a bad lang says so', async () => {
    const { page, widget, problems, close } = await withWidget('height="1e9"');
    try {
      const alert = widget.locator('.alert');
      const height = () => widget.locator('canvas').evaluate((c) => c.offsetHeight);
      assert.equal(await alert.innerText(), 'height must be a number of pixels in 80..=2000, got 1e9');
      assert.equal(await height(), 320, 'the default height, not a 33-million-pixel canvas');
      for (const bad of ['NaN', '-5', 'Infinity', '79']) {
        await widget.evaluate((el, v) => el.setAttribute('height', v), bad);
        assert.equal(await alert.innerText(), `height must be a number of pixels in 80..=2000, got ${bad}`);
        assert.equal(await height(), 320);
      }
      await widget.evaluate((el) => el.setAttribute('lang', 'ko'));
      assert.equal(await alert.innerText(), 'height 값은 80..=2000 범위의 픽셀 수여야 합니다 (입력: 79)');
      await widget.evaluate((el) => el.setAttribute('height', '2000'));
      assert.equal(await alert.innerText(), '');
      assert.equal(await height(), 2000);
      await widget.evaluate((el) => el.setAttribute('lang', 'xx'));
      assert.equal(await alert.innerText(), 'lang: unsupported language "xx" (expected one of: en, ko), so en is used');
      await widget.evaluate((el) => el.setAttribute('lang', 'ko-KR'));
      assert.equal(await alert.innerText(), '', 'a region subtag is fine');
      const before = await widget.evaluate((el) => Number(el.dataset.drawn));
      await widget.evaluate((el) => el.setAttribute('height', '200'));
      await waitDrawn(page, 'w', before);
      assert.equal(await height(), 200);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
