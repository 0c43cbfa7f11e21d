// `make bench`, browser half: activation throughput (f and f' per element, f64) measured by the
// wasm module inside headless Chromium, printed beside the native numbers when given their JSON;
// both time the same scrambled inputs (activation::timing::inputs).
// A benchmark, not a test: it asserts nothing, the machine is shared and noisy.
//
// Usage: node bench.mjs [native.json]

import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, openPage } from './harness.mjs';

const ELEMENTS = 1_000_000;
const REPEATS = 5;

const nativePath = process.argv[2];
const native = nativePath ? JSON.parse(await readFile(nativePath, 'utf8').catch(() => '{}')) : {};

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, `${server.url}index.html`, { navigate: true });
  await page.waitForSelector('body[data-ready="true"]');
  const results = await page.evaluate(async ({ elements, repeats }) => {
    const module = await import('./pkg/activation_lab.js');
    await module.default();
    const lab = new module.Lab('');
    // A typed formula (custom) has no value without its text: cargo bench --bench formula times it.
    const names = JSON.parse(module.Lab.catalogue())
      .filter((c) => c.scalar && c.name !== 'custom')
      .map((c) => c.name);
    // A first pass lets V8 tier the wasm up from its baseline compiler before anything counts.
    for (const name of names) lab.cost(name, elements / 10, 2);
    const out = {};
    for (const name of names) out[name] = lab.cost(name, elements, repeats);
    lab.free();
    return out;
  }, { elements: ELEMENTS, repeats: REPEATS });

  const relu = results.relu;
  const rows = Object.entries(results).sort((a, b) => a[1] - b[1]);
  console.log(`\nActivation throughput in Chromium (wasm, f64, f and f′, ${ELEMENTS} elements, best of ${REPEATS})\n`);
  console.log('| activation | Chromium ns/element | × relu | native ns/element | Chromium / native |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, ns] of rows) {
    const n = native[name];
    const nativeCell = n === undefined ? '—' : n.toFixed(2);
    const ratio = n === undefined ? '—' : `${(ns / n).toFixed(2)}×`;
    console.log(`| ${name} | ${ns.toFixed(2)} | ${(ns / relu).toFixed(2)}× | ${nativeCell} | ${ratio} |`);
  }
} finally {
  await browser.close();
  await server.close();
}
