// `make bench`, first load (issue: the first chart within a second, on a phone): time to the
// first chart (the small first-chart module's picture, on the page and in a widget), to the whole module's, and
// bytes on the wire in headless Chromium with its network emulation and the cache
// disabled, for the page and the first widget of the embed example, through make run's server
// (tools/serve.mjs: brotli/gzip, and in Chromium the whole module brotli-compressed against the
// first-chart module) and through a server that compresses nothing (what Python's
// http.server, make run's server before, sends), beside the targets.
// A benchmark, not a test: it asserts nothing, the machine is shared and noisy.
//
// Usage: node bench-load.mjs

import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';

const PROFILES = [
  // Chrome DevTools' presets: throughput in bytes/s, latency in ms.
  { name: '4G', latency: 170, down: (9e6 / 8), up: (9e6 / 8), target: 800 },
  { name: 'Fast 3G', latency: 560, down: (1.6e6 / 8) * 0.9, up: (750e3 / 8) * 0.9, target: 2500 },
];
const PAGES = [
  // The first picture: the small first-chart module's (data-first-chart) or the whole module's.
  { name: 'index.html', path: 'index.html', drawn: () => Number(document.querySelector('#curves-canvas')?.dataset.drawn || 0) > 0,
    pictured: () => { const c = document.querySelector('#curves-canvas'); return Boolean(c?.dataset.firstChart || Number(c?.dataset.drawn || 0) > 0); } },
  { name: 'embed-example.html, first widget', path: 'embed-example.html', drawn: () => Number(document.querySelector('activation-lab')?.dataset.drawn || 0) > 0,
    pictured: () => { const w = document.querySelector('activation-lab'); return Boolean(w?.shadowRoot?.querySelector('canvas')?.dataset.firstChart || Number(w?.dataset.drawn || 0) > 0); } },
  // The lesson's first step is a curves widget, which widget.js draws with the first-chart module.
  // #13 sets the lesson no target.
  { name: 'lesson.html, first step', path: 'lesson.html', untargeted: true,
    drawn: () => Number(document.querySelector('#step-widgets activation-lab')?.dataset.drawn || 0) > 0,
    pictured: () => { const w = document.querySelector('#step-widgets activation-lab'); return Boolean(w?.shadowRoot?.querySelector('canvas')?.dataset.firstChart || Number(w?.dataset.drawn || 0) > 0); } },
];
const RUNS = 3;
const BYTES_TARGET = 150_000;
// The target for the page with every view used, beside "KB in all": what the page has
// fetched by the time the whole module (which carries every view) has drawn.
const ALL_BYTES_TARGET = 300_000;
const kb = (bytes) => (bytes / 1000).toFixed(0);

/**
 * One cold load: ms to the first picture (`pictured`) and to the whole module's (`drawn`), bytes on
 * the wire before the first and in all, files fetched twice.
 */
async function load(browser, url, profile, drawn, pictured = drawn) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up });
  const finished = []; // [timestamp s, bytes, url]
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => finished.push([e.timestamp, e.encodedDataLength, urls.get(e.requestId)]));
  let start = null;
  cdp.on('Network.requestWillBeSent', (e) => { start ??= e.timestamp; });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(pictured, null, { polling: 'raf', timeout: 120_000 });
    const firstMs = await page.evaluate(() => performance.now());
    await page.waitForFunction(drawn, null, { polling: 'raf', timeout: 120_000 });
    const ms = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle');
    const firstAt = start + firstMs / 1000; // CDP timestamps are seconds on the same monotonic clock as timeOrigin
    const before = finished.filter(([t]) => t <= firstAt).reduce((sum, [, b]) => sum + b, 0);
    const total = finished.reduce((sum, [, b]) => sum + b, 0);
    const seen = new Map();
    for (const [, , key] of finished) seen.set(key, (seen.get(key) ?? 0) + 1);
    // Counted over every frame: the embed example's iframe fetching its own copy of the module counts.
    const twice = [...seen].filter(([, n]) => n > 1).map(([key]) => key.replace(/^https?:\/\/[^/]+/, ''));
    const wasm = finished.filter(([, , key]) => new URL(key).pathname.endsWith('.wasm')).reduce((sum, [, b]) => sum + b, 0);
    return { firstMs, ms, before, total, twice, wasm };
  } finally {
    await context.close();
  }
}

/** Ms from a click on the layers tab to its first drawing, on a page loaded and left idle 1.5 s. */
async function layersSwitch(browser, url, profile) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up });
    await page.goto(url);
    await page.waitForFunction(() => Number(document.querySelector('#curves-canvas')?.dataset.drawn || 0) > 0, null, { timeout: 120_000 });
    await page.waitForTimeout(1500);
    return await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      document.querySelector('#tab-layers').click();
      const drawn = () => Number(document.querySelector('#layers-canvas')?.dataset.drawn || 0) > 0;
      const tick = () => (drawn() ? resolve(Math.round(performance.now() - start)) : requestAnimationFrame(tick));
      tick();
    }));
  } finally {
    await context.close();
  }
}

const plain = await startServer();
const compressed = await serve({ root: plain.root });
const browser = await launchBrowser();
try {
  console.log(`\nFirst load in Chromium ${browser.version()}, cache disabled, service worker blocked; median of ${RUNS} cold loads\n`);
  console.log('| page | server | profile | first chart ms | target ms | whole module drawn ms | KB on the wire before the first chart | target KB | KB in all | target KB in all | fetched twice |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  let everyView = null;
  for (const pageSpec of PAGES) {
    for (const [serverName, server] of [['no compression (before)', plain], ['make run (brotli, dcb)', compressed]]) {
      for (const profile of PROFILES) {
        const runs = [];
        for (let r = 0; r < RUNS; r++) runs.push(await load(browser, `${server.url}${pageSpec.path}`, profile, pageSpec.drawn, pageSpec.pictured));
        runs.sort((a, b) => a.firstMs - b.firstMs);
        const m = runs[Math.floor(RUNS / 2)];
        const target = (value) => (pageSpec.untargeted ? '–' : value);
        if (pageSpec.path === 'index.html' && server === compressed && profile === PROFILES[0]) everyView = m;
        console.log(`| ${pageSpec.name} | ${serverName} | ${profile.name} | ${Math.round(m.firstMs)} | ${target(profile.target)} | ${Math.round(m.ms)} | ${kb(m.before)} | ${target(BYTES_TARGET / 1000)} | ${kb(m.total)} | ${target(ALL_BYTES_TARGET / 1000)} | ${m.twice.join(', ') || 'none'} |`);
      }
    }
  }
  // The floor under "KB in all" for the code as it is, however it is split into modules: the page
  // with every view used needs all of the whole module's code, at least the whole module alone
  // under brotli (as make run's server sends it to a browser without dcb), and the page's other
  // files (everything but wasm, as measured above). The first-chart module and the delta against
  // it only add to that; modules per view would each carry the shared code (charts, catalogue,
  // key table) again.
  const whole = await fsp.readFile(path.join(plain.root, 'pkg', 'activation_lab_relaxed_bg.wasm'));
  const wholeBrotli = zlib.brotliCompressSync(whole, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: whole.length } }).length;
  const others = everyView.total - everyView.wasm;
  console.log('\nThe floor under the page with every view used (index.html, make run, the 4G run above), for the code as it is, however split\n');
  console.log('| whole module alone, brotli KB | the page\'s other files KB | floor KB | measured KB in all | target KB in all |');
  console.log('|---:|---:|---:|---:|---:|');
  console.log(`| ${kb(wholeBrotli)} | ${kb(others)} | ${kb(wholeBrotli + others)} | ${kb(everyView.total)} | ${ALL_BYTES_TARGET / 1000} |`);
  // After the first load: the reader's first switch to the layers view, with the browser's cache
  // on (as a reader has it) and the page left idle a moment first, as a reader reads the first
  // chart. Its pass runs on the worker pool, which the page starts while idle.
  console.log('\nFirst switch to the layers view after the page has drawn and idled 1.5 s (index.html, make run, cache on); median of 3\n');
  console.log('| profile | click to layers drawn ms |');
  console.log('|---|---:|');
  for (const profile of PROFILES) {
    const times = [];
    for (let r = 0; r < RUNS; r++) times.push(await layersSwitch(browser, `${compressed.url}index.html`, profile));
    times.sort((a, b) => a - b);
    console.log(`| ${profile.name} | ${times[Math.floor(RUNS / 2)]} |`);
  }
} finally {
  await browser.close();
  await compressed.close();
  await plain.close();
}
