// The layers view's preview (#13): while a slider is dragged at the cs231n size (10 tanh layers
// of 500 units, a batch of 1000), each setting is first drawn from its first 16 samples through
// the same network, labelled as a preview in the reader's language, and the whole pass replaces
// it once the slider stops; a small network, and an over-budget one, get no preview. (The core's
// side, that the preview is the same network's first samples, is crate/tests/layers_preview.rs;
// the latency is in `make bench`.)

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, openWithWidget, assertClean } from './harness.mjs';

const CS231N = 'view=layers&activation=tanh&depth=10&width=500&batch=1000';

/** Records every drawing of `canvas` (in the page, or in widget `id`'s shadow root): preview or not, and its query. */
const recordDraws = (page, id) => page.evaluate((id) => {
  const canvas = id ? document.getElementById(id).shadowRoot.querySelector('canvas') : document.getElementById('layers-canvas');
  const status = id ? document.getElementById(id).shadowRoot.querySelector('.status') : document.getElementById('layers-status');
  window.draws = [];
  // The page counts drawings on its canvas, a widget on its element.
  new MutationObserver(() => window.draws.push({ preview: canvas.dataset.preview, query: canvas.dataset.query ?? '', status: status.textContent }))
    .observe(id ? document.getElementById(id) : canvas, { attributes: true, attributeFilter: ['data-drawn'] });
}, id);

describe('layers preview', () => {
  const shared = useBrowser();

  it('draws a labelled preview per step while the width slider is dragged, then the whole pass of the last width', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}index.html#${CS231N}`);
    try {
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 120_000 });
      const firstMs = await page.evaluate(() => document.querySelector('#layers-status').dataset.ms);
      await recordDraws(page);
      await page.evaluate(async () => {
        // What the page asks the workers, to check a preview costs one round trip.
        window.sent = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
          if (message?.type) window.sent.push({ type: message.type, count: message.count, pass: message.pass });
          return post.call(this, message, ...rest);
        };
        const range = document.querySelector('#layers-controls [data-key="width"] input[type="range"]');
        for (let width = 480; width < 492; width++) {
          range.value = String(width);
          range.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((resolve) => setTimeout(resolve, 16));
        }
      });
      await page.waitForFunction((ms) => {
        const { ms: now } = document.querySelector('#layers-status').dataset;
        return now && now !== ms && document.getElementById('layers-canvas').dataset.preview === 'false';
      }, firstMs, { timeout: 120_000 });
      const draws = await page.evaluate(() => window.draws);
      const previews = draws.filter((d) => d.preview === 'true');
      assert.ok(previews.length >= 2, `previews while dragging: ${JSON.stringify(draws.map((d) => d.preview))}`);
      for (const d of previews) assert.match(d.status, /^Preview: the first 16 of 1000 samples, through the same network/);
      // Previews come in the order of the settings, and the whole pass is the last width's.
      const widths = previews.map((d) => Number(new URLSearchParams(d.query).get('width')));
      assert.deepEqual(widths, [...widths].sort((a, b) => a - b));
      const last = draws.at(-1);
      assert.equal(last.preview, 'false');
      assert.equal(new URLSearchParams(last.query).get('width'), '491');
      assert.match(last.status, /^Forward and backward pass with statistics in/);
      assert.equal(await page.locator('#layers-table tbody tr').count(), 10);
      // A preview is one shard, whose worker sends its counts with its partial: no second
      // message; a pass of more shards asks each for its counts over the merged ranges.
      const sent = await page.evaluate(() => window.sent);
      const runs = sent.filter((m) => m.type === 'run');
      const lone = new Set(runs.filter((m) => m.count === 1).map((m) => m.pass));
      assert.ok(lone.size >= previews.length, JSON.stringify(sent));
      const counted = sent.filter((m) => m.type === 'counts').map((m) => m.pass);
      assert.deepEqual(counted.filter((pass) => lone.has(pass)), [], JSON.stringify(sent));
      assert.equal(counted.length, runs.length - runs.filter((m) => m.count === 1).length, JSON.stringify(sent));
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('labels the preview in Korean in a widget, and the whole pass replaces it', async () => {
    const { page, widget, problems, close } = await openWithWidget(shared.browser, shared.server.url,
      'view="layers" activation="tanh" depth="10" width="500" batch="1000" lang="ko"');
    try {
      await page.waitForFunction(() => /^tanh/.test(document.getElementById('w').shadowRoot.querySelector('.status').textContent), null, { timeout: 120_000 });
      await recordDraws(page, 'w');
      await widget.evaluate(async (el) => {
        for (let width = 490; width < 496; width++) {
          el.setAttribute('width', String(width));
          await new Promise((resolve) => setTimeout(resolve, 16));
        }
      });
      await page.waitForFunction(() => {
        const root = document.getElementById('w').shadowRoot;
        return root.querySelector('canvas').dataset.preview === 'false' && /^tanh/.test(root.querySelector('.status').textContent);
      }, null, { timeout: 120_000 });
      const draws = await page.evaluate(() => window.draws);
      const previews = draws.filter((d) => d.preview === 'true');
      assert.ok(previews.length >= 1, `previews: ${JSON.stringify(draws)}`);
      for (const d of previews) assert.match(d.status, /^미리보기: 표본 1000개 중 처음 16개를 같은 신경망에 통과시킨 결과입니다/);
      assert.equal(draws.at(-1).preview, 'false');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  // A preview takes ~20 ms on a worker; waiting for the next frame to ask for it added up to a
  // frame (more while the page draws) to every step of a drag (bench-preview).
  it('asks the workers for a changed pass at the change, not at the next frame, on the page and in a widget', async () => {
    /** Stops animation frames and records what the page posts to its workers from now on. */
    const freezeAndRecord = (page) => page.evaluate(() => {
      window.requestAnimationFrame = () => 0;
      window.posted = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        window.posted.push(message);
        return post.call(this, message, ...rest);
      };
    });
    // The pass (or its preview) of width 480: not another widget's on the same page.
    const askedFor = (page) => page.waitForFunction(() => window.posted
      .some((m) => m?.type === 'run' && new URLSearchParams(m.query).get('width') === '480'), null, { timeout: 10_000 })
      .then(() => true, () => false);
    {
      const { page, close } = await openPage(shared.browser, `${shared.server.url}index.html#${CS231N}`);
      try {
        await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 120_000 });
        await freezeAndRecord(page);
        await page.evaluate(() => {
          const range = document.querySelector('#layers-controls [data-key="width"] input[type="range"]');
          range.value = '480';
          range.dispatchEvent(new Event('input', { bubbles: true }));
        });
        assert.ok(await askedFor(page), 'the page asked for no pass without a frame');
      } finally {
        await close();
      }
    }
    const { page, widget, close } = await openWithWidget(shared.browser, shared.server.url,
      'view="layers" activation="tanh" depth="10" width="500" batch="1000"');
    try {
      await page.waitForFunction(() => /^tanh/.test(document.getElementById('w').shadowRoot.querySelector('.status').textContent), null, { timeout: 120_000 });
      await freezeAndRecord(page);
      await widget.evaluate((el) => el.setAttribute('width', '480'));
      assert.ok(await askedFor(page), 'the widget asked for no pass without a frame');
    } finally {
      await close();
    }
  });

  // Asked for at each change, a pass can be on its way when the slider comes back to the setting
  // shown: it must not then replace the picture with one the controls no longer show.
  it('keeps the picture of the setting shown when a slider goes away and back before the pass is in', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}index.html#${CS231N}`);
    try {
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 120_000 });
      await recordDraws(page);
      await page.evaluate(async () => {
        const range = document.querySelector('#layers-controls [data-key="width"] input[type="range"]');
        range.value = '480';
        range.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 30));
        range.value = '500';
        window.backAt = window.draws.length; // 480's preview may be drawn by now, while it was shown
        range.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.waitForTimeout(2500); // a preview and a whole pass of 480 would be in by now
      // 500 is the default width, which a query leaves out.
      const widthOf = (query) => new URLSearchParams(query).get('width') ?? '500';
      const after = await page.evaluate(() => window.draws.slice(window.backAt));
      assert.deepEqual(after.map((d) => widthOf(d.query)).filter((w) => w !== '500'), [], 'a picture of 480 after coming back to 500');
      assert.equal(widthOf(await page.evaluate(() => document.getElementById('layers-canvas').dataset.query)), '500');
      assert.match(await page.locator('#layers-status').innerText(), /^Forward and backward pass with statistics in/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('gives a small network no preview, and an over-budget one its sentence', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}index.html#view=layers&depth=4&width=50&batch=60`);
    try {
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 60_000 });
      await recordDraws(page);
      const depth = page.locator('#layers-controls [data-key="depth"] input[type="number"]');
      await depth.fill('6');
      await depth.press('Enter');
      await page.waitForFunction(() => window.draws.length > 0);
      assert.deepEqual(await page.evaluate(() => window.draws.map((d) => d.preview)), ['false']);
      const batch = page.locator('#layers-controls [data-key="batch"] input[type="number"]');
      await batch.fill('4096');
      await batch.press('Enter');
      const width = page.locator('#layers-controls [data-key="width"] input[type="number"]');
      await width.fill('1024');
      await width.press('Enter');
      assert.match(await page.locator('[data-key="width"] .field-error').innerText(), /over the memory budget/);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
