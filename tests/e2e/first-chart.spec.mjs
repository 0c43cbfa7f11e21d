// The first chart (issue #13): the small first-chart module draws the curves a link describes
// before the whole module has arrived, the same picture the whole module then draws over it, and
// it stays out of the way of any other view.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

const WHOLE_MODULE = /\/pkg\/activation_lab(_relaxed)?_bg\.wasm$/;

/** The canvas's pixels as one string, to compare two drawings: the page's, or, given a selector,
 * the one in that widget's shadow root. */
const pixelsOf = (page, widget) => page.evaluate((widget) => {
  // Read from a copy: one readback per canvas keeps Chromium's readback warning out of the console.
  const canvas = widget ? document.querySelector(widget).shadowRoot.querySelector('canvas') : document.getElementById('curves-canvas');
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  copy.getContext('2d').drawImage(canvas, 0, 0);
  const { data } = copy.getContext('2d').getImageData(0, 0, copy.width, copy.height);
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
  const { x, y, width, height } = canvas.getBoundingClientRect();
  return { inked, total: data.length / 4, digest: Array.from(data).join(','), box: [x, y, width, height].join(' ') };
}, widget);

/** Opens `where`, a page with its hash (or blog.html, serving `blog`, a post's HTML, on the same
 * origin) with the whole module held back until `release()` is called. */
async function openHeld(shared, where, blog) {
  const url = `${shared.server.url}${where}`;
  const handle = await openPage(shared.browser, url, { navigate: false });
  if (blog) await handle.page.route(url, (route) => route.fulfill({ body: blog, contentType: 'text/html; charset=utf-8' }));
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await handle.page.route(WHOLE_MODULE, async (route) => {
    await released;
    await route.continue();
  });
  await handle.page.goto(url, { waitUntil: 'commit' });
  return { ...handle, release };
}

/** Waits for the first-chart module's picture in the widget `widget` selects, while the element
 * is not yet defined; returns its pixels (pixelsOf). */
async function firstChartIn(page, widget) {
  await page.waitForFunction((w) => document.querySelector(w)?.shadowRoot?.querySelector('canvas')?.dataset.firstChart, widget, { timeout: 60_000 });
  const first = await pixelsOf(page, widget);
  assert.ok(first.inked > first.total * 0.5, `a chart was drawn (${first.inked} of ${first.total} pixels inked)`);
  assert.equal(await page.evaluate(() => customElements.get('activation-lab')), undefined, 'the element waits for the whole module');
  return first;
}

/** Once the whole module is released: the element draws in that widget exactly `first`'s
 * picture, in the same place. */
async function sameChartFromTheElement(page, widget, first) {
  await page.waitForFunction((w) => Number(document.querySelector(w).dataset.drawn || 0) > 0, widget, { timeout: 60_000 });
  const whole = await pixelsOf(page, widget);
  assert.equal(whole.box, first.box, 'the element draws where the first chart was: nothing moved');
  assert.ok(first.digest === whole.digest, 'the whole module drew exactly the first module\'s picture');
}

/** The page's first-chart module has had its chance, shortly after its own download was done,
 * and drew nothing. Read from the resource timings, not a response event, which the preload may
 * finish before we listen. */
async function assertNoFirstChart(page) {
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((entry) => entry.name.endsWith('/first_chart_bg.wasm')), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById('curves-canvas').dataset.firstChart), undefined);
}

describe('the first chart', () => {
  const shared = useBrowser();

  // The first-chart module's bytes are the first chart's wait on a phone: it leaves out what it
  // never shows. The whole module, which shows cards, proves the searches find what they look for.
  it('leaves the cards\' and keys\' sentences, Unicode\'s case tables and std\'s float-parsing table out of the first-chart module', () => {
    const bytes = (file) => readFileSync(path.join(WWW_DIR, 'pkg', file));
    const first = bytes('first_chart_bg.wasm');
    const whole = bytes('activation_lab_bg.wasm');
    const relu = Buffer.from('x > 0에서 포화되지 않고 계산이 싸지만'); // ReLU's Korean summary
    const citation = Buffer.from('Nair & Hinton 2010');
    const help = Buffer.from('samples pushed through the network at once'); // the batch key's help line
    assert.ok([relu, citation, help].every((text) => whole.includes(text)), 'the whole module holds the texts');
    assert.ok([relu, citation, help].every((text) => !first.includes(text)), 'the first-chart module does not');
    // str::to_lowercase's table starts with the pair (À, à) as two little-endian u32s.
    const lowercaseTable = Buffer.from([0xc0, 0, 0, 0, 0xe0, 0, 0, 0]);
    // str::parse::<f64>'s 128-bit powers of five start with 5^-342's, two little-endian u64s (11 KB,
    // a tenth of the first-chart module on the wire, before formula/src/number.rs replaced it).
    const powersOfFive = Buffer.alloc(16);
    powersOfFive.writeBigUInt64LE(0xeef453d6923bd65an, 0);
    powersOfFive.writeBigUInt64LE(0x113faa2906a13b3fn, 8);
    for (const [name, module] of [['first-chart', first], ['whole', whole]]) {
      assert.ok(!module.includes(lowercaseTable), `the ${name} module holds no Unicode lowercase table`);
      assert.ok(!module.includes(powersOfFive), `the ${name} module holds no table of powers of five`);
    }
  });

  it('draws the linked curves before the whole module arrives, and the whole module draws the same picture', async () => {
    const { page, problems, close, release } = await openHeld(shared, 'index.html#activation=tanh,gelu&x-min=-4&x-max=4&at=1');
    try {
      await page.waitForFunction(() => document.getElementById('curves-canvas').dataset.firstChart, null, { timeout: 60_000 });
      const first = await pixelsOf(page);
      assert.equal(await page.evaluate(() => document.getElementById('curves-canvas').dataset.drawn), undefined,
        'the whole module was held back, so the picture is the first module\'s');
      assert.ok(first.inked > first.total * 0.5, `a chart was drawn (${first.inked} of ${first.total} pixels inked)`);
      release();
      await page.waitForFunction(() => Number(document.getElementById('curves-canvas').dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      const whole = await pixelsOf(page);
      assert.ok(first.digest === whole.digest, 'the whole module drew exactly the first module\'s picture');
      assertClean(problems());
    } finally {
      release();
      await close();
    }
  });

  it('draws another activation than the default when the link names one', async () => {
    const pictures = [];
    for (const hash of ['#activation=relu', '#activation=sigmoid']) {
      const { page, problems, close, release } = await openHeld(shared, `index.html${hash}`);
      try {
        await page.waitForFunction(() => document.getElementById('curves-canvas').dataset.firstChart, null, { timeout: 60_000 });
        pictures.push((await pixelsOf(page)).digest);
        assertClean(problems());
      } finally {
        release();
        await close();
      }
    }
    assert.notEqual(pictures[0], pictures[1], 'the picture follows the link');
  });

  // A typed formula is the whole module's: the first-chart module carries no formula parser.
  it('leaves a link to a typed formula to the whole module, which draws it', async () => {
    const { page, problems, close, release } = await openHeld(shared, 'index.html#activation=custom&formula=x*tanh(x)');
    try {
      await assertNoFirstChart(page);
      release();
      await page.waitForFunction(() => Number(document.getElementById('curves-canvas').dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      const { inked, total } = await pixelsOf(page);
      assert.ok(inked > total * 0.5, `the whole module drew the formula's chart (${inked} of ${total} pixels inked)`);
      assertClean(problems());
    } finally {
      release();
      await close();
    }
  });

  it('leaves a link to another view to the whole module', async () => {
    const { page, problems, close, release } = await openHeld(shared, 'index.html#view=layers');
    try {
      await assertNoFirstChart(page);
      release();
      await page.waitForFunction(() => Number(document.getElementById('layers-canvas')?.dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      assertClean(problems());
    } finally {
      release();
      await close();
    }
  });

  // The page asks for the whole module once its first-chart module has arrived (wasm-fetch.js), so
  // a first-chart module that never comes must not keep the page from its whole module: the wait
  // ends after 10 s, and the whole module draws the chart.
  it('draws the page with the whole module when the first-chart module never arrives', async () => {
    const url = `${shared.server.url}index.html`;
    const { page, problems, close } = await openPage(shared.browser, url, { navigate: false });
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    try {
      await page.route(/\/pkg\/first_chart_bg\.wasm$/, async (route) => {
        await released;
        await route.abort().catch(() => {});
      });
      const asked = [];
      page.on('request', (request) => { if (WHOLE_MODULE.test(request.url())) asked.push(Date.now()); });
      const start = Date.now();
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => Number(document.getElementById('curves-canvas')?.dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      assert.ok(asked[0] - start >= 9_000, `the whole module was asked for after ${asked[0] - start} ms, not at the wait's end`);
      assert.equal(await page.evaluate(() => document.getElementById('curves-canvas').dataset.firstChart), undefined);
      assertClean(problems());
    } finally {
      release();
      await close();
    }
  });

  // A blog's widgets (widget.js): the first curves widget is drawn by the small module in a shadow
  // root the element takes over; a layers widget, one with a bad attribute (which the whole module
  // must word), a typed formula and one far below the viewport are left to the whole module.
  const BLOG = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>글</title><link rel="icon" href="data:,">
<script type="module" src="js/widget.js"></script></head><body>
<activation-lab id="first" activation="tanh,gelu" x-min="-4" x-max="4" at="1" height="260"></activation-lab>
<activation-lab id="layers" view="layers" depth="3" width="16" batch="32"></activation-lab>
<activation-lab id="typo" activaton="relu"><p>fallback</p></activation-lab>
<activation-lab id="formula" activation="custom" formula="x*tanh(x)"><p>fallback</p></activation-lab>
<div style="height: 3000px"></div>
<activation-lab id="far" activation="relu"></activation-lab>
</body></html>`;

  it('draws a blog\'s first curves widget before the whole module arrives, where and as the element then draws it', async () => {
    const { page, problems, close, release } = await openHeld(shared, 'blog.html', BLOG);
    try {
      const first = await firstChartIn(page, '#first');
      // The typo widget's and the typed formula's first charts were refused: their roots show the
      // post's fallback again.
      await page.waitForFunction(() => ['typo', 'formula'].every((id) => document.getElementById(id).shadowRoot?.innerHTML === '<slot></slot>'), null, { timeout: 10_000 });
      assert.ok(await page.evaluate(() => document.querySelector('#typo p').getClientRects().length > 0), 'the fallback shows');
      assert.deepEqual(await page.evaluate(() => ['layers', 'far'].map((id) => document.getElementById(id).shadowRoot)), [null, null]);
      release();
      await sameChartFromTheElement(page, '#first', first);
      // The whole module words the typo (in the page's Korean) and draws the rest.
      await page.waitForFunction(() => Number(document.getElementById('typo').dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      assert.match(await page.evaluate(() => document.getElementById('typo').shadowRoot.querySelector('.alert').textContent), /activaton/);
      // The typo's sentence pushed the formula's widget below the fold: the element starts it in view.
      await page.evaluate(() => document.getElementById('formula').scrollIntoView());
      await page.waitForFunction(() => Number(document.getElementById('formula').dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      assertClean(problems());
    } finally {
      release();
      await close();
    }
  });

  // The lesson loads the element through widget.js, as a blog does: its first step, a curves
  // widget, is drawn by the small module while the step's words are already up.
  const LESSON_WIDGET = '#step-widgets activation-lab';
  it('draws the lesson\'s first step before the whole module arrives, where and as the element then draws it', async () => {
    const { page, problems, close, release } = await openHeld(shared, 'lesson.html#step=1&lang=ko');
    try {
      const first = await firstChartIn(page, LESSON_WIDGET);
      const [step] = JSON.parse(readFileSync(path.join(WWW_DIR, 'js/lesson-steps.json'), 'utf8'));
      assert.equal(await page.locator('#step-title').innerText(), step.title.ko, 'the step\'s words are up');
      release();
      await page.waitForSelector('body[data-ready="true"]');
      await sameChartFromTheElement(page, LESSON_WIDGET, first);
      assertClean(problems());
    } finally {
      release();
      await close();
    }
  });

  it('opens a lesson link to a layers step with the whole module alone', async () => {
    const url = `${shared.server.url}lesson.html#step=2`;
    const { page, problems, close } = await openPage(shared.browser, url, { navigate: false });
    try {
      const wasm = [];
      page.on('request', (request) => {
        if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname);
      });
      await page.goto(url);
      await page.waitForFunction((w) => Number(document.querySelector(w)?.dataset.drawn || 0) > 0, LESSON_WIDGET, { timeout: 60_000 });
      assert.equal(wasm.length, 1, `the whole module and nothing else: ${wasm.join(' ')}`);
      assert.match(wasm[0], WHOLE_MODULE);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  // On a phone every file shares one slow link: the whole module (three times the first-chart
  // module's bytes) is asked for only once the first-chart module is in, not beside it. The
  // first-chart module is held back here, so asking early would show as a request during the hold.
  for (const [name, where, blog, widget] of [
    ['a blog\'s', 'blog.html', BLOG, '#first'],
    ['the lesson\'s', 'lesson.html', null, LESSON_WIDGET],
  ]) {
    it(`asks for ${name} whole module only after the first-chart module has arrived`, async () => {
      const url = `${shared.server.url}${where}`;
      const { page, problems, close } = await openPage(shared.browser, url, { navigate: false });
      try {
        if (blog) await page.route(url, (route) => route.fulfill({ body: blog, contentType: 'text/html; charset=utf-8' }));
        const events = [];
        await page.route(/\/pkg\/first_chart_bg\.wasm$/, async (route) => {
          events.push('first-chart module held');
          await new Promise((resolve) => { setTimeout(resolve, 800); });
          await route.continue();
        });
        page.on('requestfinished', (request) => {
          if (/first_chart_bg\.wasm$/.test(request.url())) events.push('first-chart module arrived');
        });
        page.on('request', (request) => {
          if (WHOLE_MODULE.test(request.url())) events.push('whole module asked for');
        });
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForFunction((w) => Number(document.querySelector(w)?.dataset.drawn || 0) > 0, widget, { timeout: 60_000 });
        assert.deepEqual(events, ['first-chart module held', 'first-chart module arrived', 'whole module asked for']);
        assertClean(problems());
      } finally {
        await close();
      }
    });
  }
});
