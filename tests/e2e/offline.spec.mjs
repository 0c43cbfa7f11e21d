// Offline: once the page has loaded, its service worker (www/sw.js) has a copy of every file it
// used, so a reload with no network at all (browser offline and the server gone) still opens the
// page from the link and draws the curves with the same numbers, and the layers view runs.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('offline', () => {
  it('reloads and draws with the network off and the server stopped', async () => {
    const server = await startServer(); // its own server, so this test can stop it
    const browser = await launchBrowser();
    let session;
    try {
      session = await openPage(browser, `${server.url}#activation=sigmoid,gelu&at=1`);
      const { page, context, problems } = session;
      await page.waitForSelector(READY);
      await page.waitForSelector('html[data-offline="ready"]', { timeout: 15_000 });
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js')), true);
      const cacheNames = await page.evaluate(() => caches.keys());
      assert.ok(cacheNames.some((n) => /^activation-lab-v\d+$/.test(n)), `a versioned cache: ${cacheNames}`);
      await page.waitForLoadState('networkidle'); // the layers worker's script too, so the reload aborts nothing
      assertClean(problems());

      await context.setOffline(true);
      await server.close();
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(READY);
      await page.waitForFunction(() => Number(document.querySelector('#curves-canvas').dataset.drawn || 0) > 0);
      // GELU(1) = Φ(1) = 0.84134; σ(1) = 0.73106 (closed forms).
      assert.equal(await page.locator('#readout tr[data-activation="gelu"] td.f').innerText(), '0.84134');
      assert.equal(await page.locator('#readout tr[data-activation="sigmoid"] td.f').innerText(), '0.73106');
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      // The layers workers were never started online; their script and module are cached.
      await page.getByRole('tab', { name: 'Layers' }).click();
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 60_000 });
      assertClean(problems());
    } finally {
      await session?.close();
      await browser.close();
      await server.close();
    }
  });
});
