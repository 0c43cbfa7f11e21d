// The layers pool's workers start while the page is idle where a view run on them is offered
// (issue #13: a reader's first switch to the layers view waited two round trips for its workers,
// their script and then the module's JS), and not on a post whose widgets only show curves.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean, poolSize, waitForWorkers } from './harness.mjs';

const layersWorkers = (page) => page.workers().filter((w) => w.url().endsWith('/js/layers-worker.js'));

describe('the worker pool starts while the page is idle', () => {
  const shared = useBrowser();

  it('index.html starts its workers before the reader opens the layers view, which then starts none', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}index.html`);
    try {
      await page.waitForFunction(() => Number(document.querySelector('#curves-canvas')?.dataset.drawn || 0) > 0);
      const size = await poolSize(page);
      await waitForWorkers(page, size); // nobody has asked for a layers pass yet
      assert.equal(layersWorkers(page).length, size);
      const before = new Set(page.workers());
      await page.click('#tab-layers');
      await page.waitForFunction(() => Number(document.querySelector('#layers-canvas')?.dataset.drawn || 0) > 0);
      assert.deepEqual(page.workers().filter((w) => !before.has(w)), [], 'the pass ran on the workers already started');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  // A reader may leave, or switch language (a reload), while the workers start: what the old
  // document still had in flight is cancelled (net::ERR_ABORTED). The harness lets exactly those
  // through and still reports an abort no navigation caused. A page's own fetch stands in for the
  // workers' here, whose cancellation Playwright reports only sometimes.
  it('the harness passes what a reload cancels, and reports any other abort', async () => {
    const { page, context, problems, close } = await openPage(shared.browser, `${shared.server.url}index.html`);
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: -1, uploadThroughput: -1 });
      const failed = [];
      page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
      const sent = page.waitForRequest(/index\.html\?in-flight$/);
      await page.evaluate(() => { fetch('index.html?in-flight').catch(() => {}); });
      await sent;
      await page.reload();
      for (let waited = 0; !failed.length && waited < 3000; waited += 50) await page.waitForTimeout(50);
      assert.ok(failed.some((f) => f.endsWith('index.html?in-flight net::ERR_ABORTED')), `the reload cancelled the fetch: ${failed.join(', ')}`);
      await page.waitForFunction(() => Number(document.querySelector('#curves-canvas')?.dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      assertClean(problems());
      await page.evaluate(async () => {
        const abort = new AbortController();
        const request = fetch('index.html?aborted', { signal: abort.signal }).catch(() => {});
        abort.abort();
        await request;
      });
      await page.waitForTimeout(200);
      assert.equal(problems().filter((p) => p.includes('index.html?aborted') && p.includes('ERR_ABORTED')).length, 1, problems().join('\n'));
    } finally {
      await close();
    }
  });

  /** A blog post holding `widgets` (markup) and the one widget tag, open in a fresh page. */
  async function openPost(widgets) {
    const session = await openPage(shared.browser, `${shared.server.url}index.html`, { navigate: false });
    await session.page.route(`${shared.server.url}post.html`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
        <script type="module" src="js/widget.js"></script></head><body>${widgets}</body></html>`,
    }));
    await session.page.goto(`${shared.server.url}post.html`);
    return session;
  }

  it('a widget offering the layers view starts the workers before it is near the viewport', async () => {
    const { page, problems, close } = await openPost(`<activation-lab id="top" activation="relu"></activation-lab>
      <div style="height: 5000px"></div><activation-lab id="far" activation="tanh" views="curves,layers"></activation-lab>`);
    try {
      await page.waitForFunction(() => Number(document.querySelector('#top')?.dataset.drawn || 0) > 0);
      await waitForWorkers(page, await poolSize(page));
      assert.equal(await page.evaluate(() => document.querySelector('#far').dataset.drawn), undefined, 'the far widget has not drawn');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('a post whose widgets only show curves or softmax starts no worker', async () => {
    const { page, problems, close } = await openPost(`<activation-lab id="a" activation="relu"></activation-lab>
      <activation-lab id="b" view="softmax"></activation-lab>`);
    try {
      await page.waitForFunction(() => ['a', 'b'].every((id) => Number(document.getElementById(id)?.dataset.drawn || 0) > 0));
      // Idle callbacks have had their chance (their timeout is 5 s).
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 5500)));
      assert.equal(page.workers().length, 0);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
