// One small driver interface over three engines, so the cross-engine checks are written once:
// Chromium through playwright-core (the reference the other two are compared with), Firefox ESR
// through puppeteer-core over WebDriver BiDi, and WebKitGTK (Safari's engine) through
// selenium-webdriver and WebKitWebDriver, which needs a display (run under `xvfb-run -a`).
//
// WebKitWebDriver cannot hand over the console, so every engine gets the same witness instead:
// the test server adds one same-origin script (allowed by the pages' CSP) at the top of each page
// that records console errors and warnings, uncaught errors, rejected promises, failed resource
// loads and CSP refusals in `window.__problems`; the server itself records every HTTP error.

import http from 'node:http';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, Key } from 'selenium-webdriver';
import { siteDir, MIME_TYPES, CHROMIUM_PATH, CHROMIUM_ARGS } from '../harness.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const POLL_MS = 100;

const CAPTURE = `(() => {
  const problems = (window.__problems = []);
  for (const type of ['error', 'warn']) {
    const original = console[type];
    console[type] = (...args) => { problems.push('console.' + type + ': ' + args.join(' ')); original.apply(console, args); };
  }
  addEventListener('error', (e) => problems.push(e.target && e.target !== window
    ? 'failed to load ' + (e.target.src || e.target.href || e.target.tagName) : 'pageerror: ' + e.message), true);
  addEventListener('unhandledrejection', (e) => problems.push('unhandled rejection: ' + (e.reason?.message ?? e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => problems.push('CSP refused ' + e.effectiveDirective + ' ' + e.blockedURI));
})();`;

/** A static server for the site that puts the witness script first in every page. */
export async function startWitnessServer() {
  const root = await fsp.realpath(siteDir());
  const httpErrors = [];
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (pathname === '/__witness.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      return res.end(CAPTURE);
    }
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root)) return res.writeHead(404).end();
    try {
      let body = await fsp.readFile(file);
      if (file.endsWith('.html')) body = body.toString().replace('<head>', '<head><script src="/__witness.js"></script>');
      res.writeHead(200, { 'Content-Type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      httpErrors.push(`HTTP 404: ${pathname}`);
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    httpErrors,
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
});

/** Polls `test` (a function run in the page with `arg`) until it returns a truthy value. */
async function poll(evaluate, test, arg, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await evaluate(test, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${test.toString().slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Chromium, the reference: one page per `open`. */
async function launchChromium() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 60_000 });
  return {
    name: 'chromium',
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const evaluate = (fn, arg) => page.evaluate(fn, arg);
      return { evaluate, waitFor: (fn, arg, timeout = 60_000) => poll(evaluate, fn, arg, timeout), press: (key) => page.keyboard.press(key), reload: () => page.reload({ waitUntil: 'load' }), close: () => page.close() };
    },
    close: () => browser.close(),
  };
}

async function launchFirefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, timeout: 60_000 });
  return {
    name: 'firefox',
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const evaluate = (fn, arg) => page.evaluate(fn, arg);
      return { evaluate, waitFor: (fn, arg, timeout = 60_000) => poll(evaluate, fn, arg, timeout), press: (key) => page.keyboard.press(key), reload: () => page.reload({ waitUntil: 'load' }), close: () => page.close() };
    },
    close: () => browser.close(),
  };
}

const SELENIUM_KEYS = { ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, Tab: Key.TAB, Enter: Key.ENTER };

/** WebKitGTK: one MiniBrowser window, navigated for each `open`. */
async function launchWebkit() {
  const port = await freePort();
  const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const exited = new Promise((resolve) => driverProcess.once('exit', resolve));
  try {
    await poll(async () => fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false), () => true, null, 10_000);
    const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
    const evaluate = (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg ?? null);
    return {
      name: 'webkit',
      async open(url) {
        await driver.get('about:blank'); // a hash-only change would not reload the page
        await driver.get(url);
        await poll(evaluate, () => document.readyState === 'complete', null, 30_000);
        return {
          evaluate,
          waitFor: (fn, arg, timeout = 60_000) => poll(evaluate, fn, arg, timeout),
          press: (key) => driver.actions().sendKeys(SELENIUM_KEYS[key] ?? key).perform(),
          reload: async () => {
            await driver.navigate().refresh();
            await poll(evaluate, () => document.readyState === 'complete', null, 30_000);
          },
          close: async () => {},
        };
      },
      async close() {
        await driver.quit().catch(() => {});
        driverProcess.kill();
        await exited;
      },
    };
  } catch (err) {
    driverProcess.kill();
    throw err;
  }
}

/** Launches `name` (chromium | firefox | webkit). */
export function launch(name) {
  return { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebkit }[name]();
}
