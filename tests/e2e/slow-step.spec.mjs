// One training step in slow motion (issue #14), driven by keyboard: "Step slowly" takes one step
// (the status's step count moves by exactly one), the figure shows its stages in order (forward
// layer by layer, the loss, backward from the output, the update) with one sentence each, ← and
// → move between them, and the sentences' numbers are the step's own: a zero network's batch
// loss is ln 2 = 0.6931 (every logit 0), and δ reaching the hidden layers is 0. Under reduced
// motion the stages move only on request; without it they advance by themselves. Korean too.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';
const QUIET = { contextOptions: { reducedMotion: 'reduce', viewport: { width: 1280, height: 1000 } } };
const ZEROS = '#view=train&activation=tanh&dataset=moons&hidden=4,4&init=zeros&batch-size=16&steps=50';

const sentence = (page) => page.locator('#train-slow-sentence').innerText();
const stage = (page) => page.locator('#train-slow').getAttribute('data-stage-name');

describe('one training step in slow motion', () => {
  const shared = useBrowser();

  it('takes one step and walks its stages by keyboard, with the step\'s own numbers', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${ZEROS}`, QUIET);
    try {
      await page.waitForSelector(READY);
      assert.equal(await page.locator('#train-slow').isHidden(), true);
      assert.equal(await page.locator('#train-status').getAttribute('data-step'), '0');
      await page.locator('#train-slow-step').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('#train-slow').hidden);
      assert.equal(await page.locator('#train-status').getAttribute('data-step'), '1', 'one step, no more');
      assert.equal(await page.locator('#train-slow-counter').innerText(), 'Stage 1 of 8');
      assert.equal(await stage(page), 'forward');
      assert.match(await sentence(page), /^Forward: layer 1 computes its outputs from the layer below: mean 0, spread \(std\) 0\.$/);
      // Reduced motion: nothing moves by itself.
      await page.waitForTimeout(1500);
      assert.equal(await page.locator('#train-slow-counter').innerText(), 'Stage 1 of 8');
      await page.locator('#train-slow').focus();
      const walked = [];
      for (let i = 0; i < 7; i += 1) {
        await page.keyboard.press('ArrowRight');
        walked.push(await stage(page));
        if (walked.at(-1) === 'loss') {
          assert.match(await sentence(page), /on this batch of 16 examples the mean loss is 0\.6931\.$/);
        }
        if (i === 5) {
          assert.match(await sentence(page), /^Backward: δ reaches layer 1 with size 0 \(rms\), 0 times its size at the output\.$/);
        }
      }
      assert.deepEqual(walked, ['forward', 'forward', 'loss', 'backward', 'backward', 'backward', 'update']);
      assert.match(await sentence(page), /^Update: .* goes from 0\.6931 to /);
      assert.equal(await page.locator('#train-slow-next').isDisabled(), true);
      await page.keyboard.press('Home');
      assert.equal(await page.locator('#train-slow-counter').innerText(), 'Stage 1 of 8');
      await page.keyboard.press('End');
      assert.equal(await page.locator('#train-slow-counter').innerText(), 'Stage 8 of 8');
      assert.ok(Number(await page.locator('#train-slow-canvas').getAttribute('data-drawn')) >= 10);
      // Play hides it again: the race moves on.
      await page.locator('#train-play').click();
      await page.waitForFunction(() => document.querySelector('#train-slow').hidden);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('advances by itself without reduced motion', async () => {
    const options = { contextOptions: { reducedMotion: 'no-preference', viewport: { width: 1280, height: 1000 } } };
    // The race plays by itself here: a long budget, so it is still running when the button pauses it.
    const url = `${shared.server.url}${ZEROS.replace('steps=50', 'steps=100000')}`;
    const { page, problems, close } = await openPage(shared.browser, url, options);
    try {
      await page.waitForSelector(READY);
      await page.locator('#train-slow-step').click();
      await page.waitForFunction(() => document.querySelector('#train-slow-counter').textContent === 'Stage 8 of 8',
        null, { timeout: 20_000 });
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('says every stage in Korean on a Korean page', async () => {
    const options = { ...QUIET, contextOptions: { ...QUIET.contextOptions, locale: 'ko-KR' } };
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${ZEROS}`, options);
    try {
      await page.waitForSelector(READY);
      await page.locator('#train-slow-step').click();
      await page.waitForFunction(() => !document.querySelector('#train-slow').hidden);
      assert.equal(await page.locator('#train-slow-step').innerText(), '천천히 한 스텝');
      await page.locator('#train-slow').focus();
      for (let i = 0; i < 8; i += 1) {
        const text = await sentence(page);
        assert.match(text, /[가-힣]/, text);
        assert.doesNotMatch(text.replace(/rms|δ|∂L\/∂z|‖ΔW‖/g, ''), /[A-Za-z]{2,}/, text);
        await page.keyboard.press('ArrowRight');
      }
      assert.equal(await page.locator('#train-slow-counter').innerText(), '과정 8/8');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
