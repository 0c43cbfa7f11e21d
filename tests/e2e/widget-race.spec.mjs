// The training widget plays its race live (issue #14): Play / Pause / Step by keyboard move and
// stop the step counter (the status line's data-step), `autoplay` starts it by itself, a hidden
// tab or a widget scrolled out of view stops it, reduced motion waits for Play even with
// autoplay, `panels` shows exactly the pictures it names, and a bad panel name is said in the
// page's language.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean, longTasks, pageNow, LONG_TASK_LIMIT_MS } from './harness.mjs';

// A light race (one small network, many steps) so the counter moves fast and never finishes.
const RACE = 'view="train" activation="relu" hidden="4" samples="100" steps="100000"';

/** The widget's step counter. */
const stepOf = (widget) => widget.evaluate((el) => Number(el.shadowRoot.querySelector('.status').dataset.step ?? NaN));

/** Two animation frames of the page: anything a frame would do has happened. */
const frames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Waits until the counter passes `step`. */
const passes = (page, step) => page.waitForFunction(
  (s) => Number(document.querySelector('activation-lab#w').shadowRoot.querySelector('.status').dataset.step) > s, step, { timeout: 20_000 });

/** The embed example with one widget (`id="w"`) at the top of the post, in a context of `options`. */
async function withWidget(browser, url, attrs, contextOptions = {}) {
  const session = await openPage(browser, `${url}embed-example.html`, { contextOptions });
  await session.page.waitForFunction(() => customElements.get('activation-lab'));
  await session.page.evaluate((a) => {
    document.querySelector('article').insertAdjacentHTML('afterbegin', `<activation-lab id="w" ${a}></activation-lab>`);
  }, attrs);
  await session.page.waitForFunction(() => Number(document.querySelector('activation-lab#w')?.dataset.drawn || 0) > 0, null, { timeout: 30_000 });
  return { ...session, widget: session.page.locator('activation-lab#w') };
}

describe('the live race in the widget', () => {
  const shared = useBrowser();

  it('Play, Pause and Step by keyboard move and stop the step counter', async () => {
    const { page, widget, problems, close } = await withWidget(shared.browser, shared.server.url, RACE);
    try {
      // Without autoplay the race waits at step 0 for the reader.
      await frames(page);
      assert.equal(await stepOf(widget), 0);
      const play = widget.getByRole('button', { name: 'Play' });
      const step = widget.getByRole('button', { name: 'Train one step' });
      assert.equal(await widget.getByRole('group', { name: 'Race controls' }).count(), 1);
      // Step: exactly one step per press, by Enter and by Space.
      await step.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('activation-lab#w').shadowRoot.querySelector('.status').dataset.step === '1');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('activation-lab#w').shadowRoot.querySelector('.status').dataset.step === '2');
      assert.match(await widget.locator('.status').innerText(), /Step 2 of 100000/);
      // Play: the counter runs; the button now says Pause.
      await play.focus();
      await page.keyboard.press('Enter');
      await passes(page, 50);
      const pause = widget.getByRole('button', { name: 'Pause' });
      assert.equal(await pause.count(), 1);
      // Pause: the counter stops within a frame and stays stopped.
      await pause.focus();
      await page.keyboard.press('Space');
      await frames(page);
      const stopped = await stepOf(widget);
      await page.waitForTimeout(400);
      assert.equal(await stepOf(widget), stopped, 'no step after Pause');
      assert.equal(await widget.getByRole('button', { name: 'Play' }).count(), 1);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('autoplay starts the race; a hidden tab and scrolling away stop it, coming back resumes it', async () => {
    const { page, widget, problems, close } = await withWidget(shared.browser, shared.server.url, `${RACE} autoplay`);
    try {
      await passes(page, 20);
      // The tab hidden: document.hidden and visibilityState say so, and visibilitychange is sent.
      await page.evaluate(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await frames(page);
      const hidden = await stepOf(widget);
      await page.waitForTimeout(400);
      assert.equal(await stepOf(widget), hidden, 'no step while the tab is hidden');
      // Shown again: the race goes on by itself (it was never paused by the reader).
      await page.evaluate(() => {
        delete document.hidden;
        delete document.visibilityState;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await passes(page, hidden);
      // Scrolled far out of view: stopped; back in view: going again.
      await page.evaluate(() => {
        const spacer = document.createElement('div');
        spacer.id = 'spacer';
        spacer.style.height = '6000px';
        document.body.append(spacer);
        window.scrollTo(0, document.body.scrollHeight);
      });
      await page.waitForTimeout(300); // the observer's callback comes a frame or two later
      const away = await stepOf(widget);
      await page.waitForTimeout(400);
      assert.equal(await stepOf(widget), away, 'no step while out of view');
      await page.evaluate(() => window.scrollTo(0, 0));
      await passes(page, away);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('under reduced motion, autoplay waits for Play', async () => {
    const { page, widget, problems, close } = await withWidget(shared.browser, shared.server.url, `${RACE} autoplay`, { reducedMotion: 'reduce' });
    try {
      await page.waitForTimeout(500);
      assert.equal(await stepOf(widget), 0, 'no step before Play');
      await widget.getByRole('button', { name: 'Play' }).press('Enter');
      await passes(page, 10);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('panels="inside layer-lines" draws each run\'s layers and their lines over the steps', async () => {
    const attrs = 'view="train" activation="relu,tanh" hidden="4,4" panels="inside layer-lines" autoplay steps="60" record-every="10"';
    const { widget, problems, close } = await withWidget(shared.browser, shared.server.url, attrs);
    try {
      const shown = await widget.evaluate((el) => [...el.shadowRoot.querySelectorAll('.race-panel')]
        .map((f) => `${f.dataset.panel}${f.dataset.run ?? ''}`));
      assert.deepEqual(shown, ['inside0', 'inside1', 'layer-lines0', 'layer-lines1']);
      await widget.page().waitForFunction(() => [...document.querySelector('activation-lab#w').shadowRoot.querySelectorAll('.race-panel canvas')]
        .every((c) => Number(c.dataset.drawn) > 0));
      const labels = await widget.locator('.race-panel canvas').evaluateAll((all) => all.map((c) => c.getAttribute('aria-label')));
      assert.match(labels[0], /^relu: each hidden layer/);
      assert.match(labels[3], /^tanh: the saturated share, zero share and dead-unit share of each hidden layer over the steps/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('panels shows exactly the pictures it names, a surface per run', async () => {
    const attrs = 'view="train" activation="relu,tanh" hidden="4" panels="surface loss layers"';
    const { widget, problems, close } = await withWidget(shared.browser, shared.server.url, attrs);
    try {
      const shown = await widget.evaluate((el) => [...el.shadowRoot.querySelectorAll('.race-panel')]
        .map((f) => `${f.dataset.panel}${f.dataset.run ?? ''}`));
      assert.deepEqual(shown, ['surface0', 'surface1', 'loss', 'layers']);
      // Each is drawn, and labelled for a screen reader.
      await widget.page().waitForFunction(() => [...document.querySelector('activation-lab#w').shadowRoot.querySelectorAll('.race-panel canvas')]
        .every((c) => Number(c.dataset.drawn) > 0));
      const labels = await widget.locator('.race-panel canvas').evaluateAll((all) => all.map((c) => c.getAttribute('aria-label')));
      assert.ok(labels.every(Boolean), labels.join(' | '));
      assert.match(labels[0], /^relu: decision surface/);
      // The unset widget shows the composite's six kinds of picture; the main canvas is hidden.
      await widget.evaluate((el) => el.removeAttribute('panels'));
      await widget.page().waitForFunction(() => document.querySelector('activation-lab#w').shadowRoot.querySelectorAll('.race-panel').length === 7);
      const kinds = await widget.evaluate((el) => [...new Set([...el.shadowRoot.querySelectorAll('.race-panel')].map((f) => f.dataset.panel))]);
      assert.deepEqual(kinds, ['surface', 'loss', 'accuracy', 'gradient-flow', 'dead', 'learned']);
      assert.equal(await widget.evaluate((el) => el.shadowRoot.querySelector('canvas[part="canvas"]').hidden), true);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('three 20-layer networks play with the layer distributions shown, a frame budget at a time', async () => {
    // The benchmark's race (bench-deep-train.mjs): 3 × 16x20 on 200 examples, inside the budget.
    const attrs = 'view="train" activation="sigmoid,tanh,relu" dataset="spiral" samples="200" hidden="16x20" steps="100000" panels="surface loss layers" autoplay';
    const { page, widget, problems, close } = await withWidget(shared.browser, shared.server.url, attrs);
    try {
      assert.equal(await widget.locator('.alert').innerText(), '', 'inside the training budget');
      await passes(page, 0);
      const since = await pageNow(page);
      await page.waitForTimeout(3000);
      assert.ok(await stepOf(widget) > 0);
      // The harness fails the test on a task that freezes the page; here the longest is said.
      const tasks = await longTasks(page, { since });
      const longest = Math.max(0, ...tasks.map((t) => t.duration));
      console.log(`# 3 × 16x20 with layers: step ${await stepOf(widget)}, ${tasks.length} long task(s), longest ${Math.round(longest)} ms (limit ${LONG_TASK_LIMIT_MS} ms)`);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('a bad panel name is said in Korean on a Korean page', async () => {
    const url = `${shared.server.url}embed.html#view=train&activation=relu&hidden=4&panels=surface,histogram`;
    const { page, problems, close } = await openPage(shared.browser, url, { contextOptions: { locale: 'ko-KR' } });
    try {
      const alert = page.locator('activation-lab').locator('.alert');
      await alert.getByText('panels').waitFor({ timeout: 30_000 });
      const text = await alert.innerText();
      assert.match(text, /panels에 알 수 없는 값 "histogram" \(가능한 값: surface, loss, accuracy, gradient-flow, dead, learned, layers, inside, layer-lines\)/);
      assert.doesNotMatch(text, /unknown/);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
