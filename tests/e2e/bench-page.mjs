// The page the training benches measure in: index.html with the per-node JavaScript reference
// modules of bench/ served under /__bench/ by a route on its context. The page's CSP allows
// scripts from its own origin only (no blob: modules), and with the service worker blocked no
// cached answer comes before the route. Shared by bench-train.mjs and bench-deep-train.mjs.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Opens index.html on `serverUrl` with /__bench/*.mjs routed to bench/, ready; returns { page, context }. */
export async function openBenchPage(browser, serverUrl) {
  const { page, context } = await openPage(browser, `${serverUrl}index.html`, { navigate: false, contextOptions: { serviceWorkers: 'block' } });
  await context.route('**/__bench/*.mjs', async (route) => route.fulfill({
    contentType: 'text/javascript',
    body: await readFile(path.join(HERE, 'bench', path.basename(new URL(route.request().url()).pathname)), 'utf8'),
  }));
  await page.goto(`${serverUrl}index.html`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  return { page, context };
}
