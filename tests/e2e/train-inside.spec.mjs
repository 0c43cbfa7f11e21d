// Inside each layer while it learns, and the history scrubber (issue #14), by keyboard: the radio
// group switches the small multiples between a, ẑ and δ (their words and their picture change);
// after some steps the step slider rewinds the charts, the status and the table to an earlier
// record, whose numbers are those of an independent page whose run stopped at that step (same
// seed); Home goes to step 0, End and Play return to the present. The console stays clean.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';
const QUIET = { contextOptions: { reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } } };
const RUN = '#view=train&activation=tanh&dataset=moons&hidden=6,6,6&record-every=10&learning-rate=0.05';

/** The table's cell `col` of the first run. */
const cell = (page, col) => page.locator(`#train-table tbody tr:first-child [data-col="${col}"]`).innerText();

/** The per-layer words of the first run's small multiples (their numbers). */
async function layerWords(page) {
  const label = await page.locator('#train-inside-0').getAttribute('aria-label');
  return label.split(/(?=Layer \d+:)/).slice(1).join('');
}

async function playUntil(page, test) {
  await page.locator('#train-play').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(test, null, { timeout: 60_000 });
}

describe('inside each layer, and the history scrubber', () => {
  const shared = useBrowser();

  it('switches the small multiples between a, ẑ and δ by keyboard', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${RUN}&steps=20`, QUIET);
    try {
      await page.waitForSelector(READY);
      await playUntil(page, () => /step 20 of 20/.test(document.querySelector('#train-status').textContent));
      const canvas = page.locator('#train-inside-0');
      await page.waitForFunction(() => Number(document.querySelector('#train-inside-0')?.dataset.drawn) > 0);
      assert.match(await canvas.getAttribute('aria-label'), /at step 20: outputs a of each hidden layer\. Layer 1: [\d.]+% saturated/);
      const picture = () => canvas.evaluate((c) => c.toDataURL());
      const before = await picture();
      await page.locator('input[name="train-inside-values"][value="activations"]').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('input[name="train-inside-values"]:checked').getAttribute('value'), 'pre-activations');
      await page.waitForFunction(() => /pre-activations ẑ of each/.test(document.querySelector('#train-inside-0').getAttribute('aria-label')));
      const pre = await picture();
      assert.notEqual(pre, before, 'the small multiples were drawn again with ẑ');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => /deltas δ of each/.test(document.querySelector('#train-inside-0').getAttribute('aria-label')));
      assert.notEqual(await picture(), pre);
      // The lines of each share per layer are drawn too.
      assert.ok(Number(await page.locator('#train-inside-lines-0').getAttribute('data-drawn')) > 0);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('rewinds every chart and the table to an earlier step, and returns to the present', async () => {
    // The reference: an independent page whose run stops at step 40.
    const reference = await openPage(shared.browser, `${shared.server.url}${RUN}&steps=40`, QUIET);
    let expected;
    try {
      await reference.page.waitForSelector(READY);
      await playUntil(reference.page, () => /step 40 of 40/.test(document.querySelector('#train-status').textContent));
      await reference.page.waitForFunction(() => Number(document.querySelector('#train-inside-0')?.dataset.step) === 40);
      expected = {
        loss: await cell(reference.page, 'train-loss'),
        accuracy: await cell(reference.page, 'test-accuracy'),
        layers: await layerWords(reference.page),
      };
      assertClean(reference.problems());
    } finally {
      await reference.close();
    }

    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${RUN}&steps=80`, QUIET);
    try {
      await page.waitForSelector(READY);
      await playUntil(page, () => /step 80 of 80/.test(document.querySelector('#train-status').textContent));
      const slider = page.locator('#train-history-slider');
      await page.waitForFunction(() => document.querySelector('#train-history-slider').max === '8');
      assert.equal(await slider.inputValue(), '8', 'the slider starts at the present');
      const present = await cell(page, 'train-loss');
      // Home, then four steps right: the record at step 40.
      await slider.focus();
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === '0');
      assert.equal(await cell(page, 'steps'), '0');
      assert.match(await page.locator('#train-status').innerText(), /Rewound to step 0\./);
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === '40');
      assert.equal(await page.locator('#train-history-step').innerText(), 'step 40 (rewound)');
      assert.equal(await slider.getAttribute('aria-valuetext'), 'step 40 (rewound)');
      assert.equal(await cell(page, 'steps'), '40');
      assert.equal(await cell(page, 'train-loss'), expected.loss, 'the table shows step 40 as the run stopped there');
      assert.equal(await cell(page, 'test-accuracy'), expected.accuracy);
      assert.equal(await page.locator('#train-status').getAttribute('data-step'), '40');
      assert.equal(await layerWords(page), expected.layers, 'the small multiples show step 40');
      assert.equal(await page.locator('#train-inside-0').getAttribute('data-step'), '40');
      // End: back to the present.
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === '');
      assert.equal(await cell(page, 'train-loss'), present);
      assert.match(await page.locator('#train-status').innerText(), /step 80 of 80/);
      // Rewound again, Step returns to the present (the slider jumps to the latest).
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === '70');
      await page.locator('#train-step').focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === '');
      assert.equal(await slider.inputValue(), await slider.getAttribute('max'));
      // And Play: rewind, then play from the present.
      await slider.focus();
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === '0');
      await page.locator('#train-play').focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('#train-inside').dataset.rewound === ''
        && !/Rewound/.test(document.querySelector('#train-status').textContent));
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
