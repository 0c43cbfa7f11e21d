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
