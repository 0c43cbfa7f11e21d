// A blog on another origin embeds the widget from this host, as the README describes: the host
// sends Access-Control-Allow-Origin, the blog has one script tag, and every view works,
// including the layers view, whose workers a browser will only start from the blog's origin.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openPage, assertClean } from './harness.mjs';

describe('widget on another origin', () => {
  // widget.js is the README's tag (it fetches the wasm at once and the modules in parallel);
  // activation-lab.js, the element itself, works as the tag's src too.
  for (const entry of ['widget.js', 'activation-lab.js']) it(`draws the curves and runs the layers pass on its worker pool (${entry})`, async () => {
    const host = await startServer(undefined, { headers: { 'Access-Control-Allow-Origin': '*' } });
    const blogRoot = await fsp.mkdtemp(path.join(os.tmpdir(), 'activation-lab-blog-'));
    await fsp.writeFile(path.join(blogRoot, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,">
<script type="module" src="${host.url}js/${entry}"></script></head>
<body><p>Why deep tanh networks collapse:</p>
<activation-lab id="curves" activation="tanh"></activation-lab>
<activation-lab id="layers" view="layers" activation="tanh" init="normal" std="0.01" depth="5" width="64" batch="256"></activation-lab>
</body></html>`);
    const blog = await startServer(blogRoot);
    const browser = await launchBrowser();
    let session;
    try {
      session = await openPage(browser, blog.url, { alsoAllow: [host.origin] });
      const { page, problems } = session;
      const status = (id) => page.locator(`activation-lab#${id} .status`);
      await page.locator('activation-lab#layers').scrollIntoViewIfNeeded();
      // Optional chaining: until the element script from the host has loaded, the element is not
      // upgraded and has no shadow root (a TypeError here would end the wait instead of retrying).
      await page.waitForFunction(() => /5 layers/.test(document.querySelector('#layers')?.shadowRoot?.querySelector('.status')?.textContent ?? ''), null, { timeout: 60_000 });
      assert.match(await status('layers').innerText(), /^tanh, 5 layers/);
      await page.locator('activation-lab#curves').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.querySelector('#curves').dataset.drawn || 0) > 0);
      assertClean(problems());
    } finally {
      await session?.close();
      await browser.close();
      await blog.close();
      await host.close();
      await fsp.rm(blogRoot, { recursive: true, force: true });
    }
  });
});
