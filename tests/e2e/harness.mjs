// End-to-end browser-test harness for Activation Lab.
//
// The page under test is served by a tiny static file server on 127.0.0.1
// (ephemeral port) and driven with playwright-core against Debian's
// /usr/bin/chromium (Playwright cannot download its own browsers here).
// Every page records its "problems": console errors and warnings, uncaught
// page errors, failed requests, HTTP >= 400 responses and any request that
// leaves the server's origin (data: and blob: URLs are fine). A clean page
// has none.
//
// Usage pattern (node:test; run with `npm test` in this folder):
//
//   import { describe, it, before, after } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { startServer, launchBrowser, openPage, assertClean } from './harness.mjs';
//
//   describe('lab', () => {
//     let server, browser;
//     before(async () => {
//       server = await startServer();      // serves ../../www by default
//       browser = await launchBrowser();
//     });
//     after(async () => {                  // always runs, even after a failed
//       await browser?.close();            // assertion; a browser left open
//       await server?.close();             // keeps node from exiting
//     });
//     it('loads cleanly', async () => {
//       const { page, problems, close } = await openPage(browser, server.url);
//       try {
//         await page.waitForLoadState('load');
//         assert.equal(await page.title(), 'Activation Lab');
//         assertClean(problems());
//       } finally {
//         await close();
//       }
//     });
//   });
//
// `withPage(browser, url, fn)` wraps the open/try/finally/close part.
//
// Environment: CHROMIUM_PATH overrides the browser binary (default
// /usr/bin/chromium).

import { before, after } from 'node:test';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The repository's www/ folder, resolved relative to this file. */
export const WWW_DIR = path.resolve(HERE, '..', '..', 'www');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
]);

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});

function mimeFor(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Start a static file server for rootDir on 127.0.0.1 with an ephemeral port.
 * GET/HEAD only; a directory serves its index.html; missing files are 404;
 * paths (including symlinks) that resolve outside rootDir are 404.
 * @param {string} [rootDir] defaults to the repo's www/
 * @param {{headers?: object}} [options] extra headers on every file served (e.g. COOP/COEP)
 * @returns {Promise<{url: string, origin: string, port: number, root: string, close(): Promise<void>}>}
 */
export async function startServer(rootDir = WWW_DIR, { headers: extraHeaders = {} } = {}) {
  const root = await fsp.realpath(path.resolve(rootDir));

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(body);
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      } catch {
        return send(res, 400, 'bad request\n');
      }
      if (pathname.includes('\0')) return send(res, 400, 'bad request\n');

      let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
      if (!isInside(root, file)) return send(res, 404, 'not found\n');

      let stat;
      try {
        file = await fsp.realpath(file);
        if (!isInside(root, file)) return send(res, 404, 'not found\n');
        stat = await fsp.stat(file);
        if (stat.isDirectory()) {
          file = await fsp.realpath(path.join(file, 'index.html'));
          if (!isInside(root, file)) return send(res, 404, 'not found\n');
          stat = await fsp.stat(file);
        }
      } catch {
        return send(res, 404, 'not found\n');
      }
      if (!stat.isFile()) return send(res, 404, 'not found\n');

      res.writeHead(200, {
        'Content-Type': mimeFor(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...extraHeaders,
      });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, `internal error: ${err}\n`);
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    port,
    root,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

/** Launch Debian's Chromium headless with the flags this machine needs. */
export async function launchBrowser(options = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium ` +
        `(apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
    ...options,
  });
}

/**
 * Open a fresh context + page that records problems. Navigates to url unless
 * options.navigate === false (then the page is blank and problems are
 * judged against url's origin).
 * Requests off url's origin (other than data:/blob: and the origins in
 * options.alsoAllow, e.g. a second local server) are recorded and aborted,
 * so a test never reaches the network.
 * @returns {Promise<{page, context, problems(): string[], close(): Promise<void>}>}
 */
export async function openPage(browser, url, options = {}) {
  const { navigate = true, contextOptions = {}, alsoAllow = [] } = options;
  const origins = new Set([new URL(url).origin, ...alsoAllow]);
  const list = [];
  const offOrigin = new Set();

  const allowed = (u) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return true;
    try {
      return origins.has(new URL(u).origin);
    } catch {
      return false;
    }
  };

  const context = await browser.newContext(contextOptions);
  await context.route(
    (u) => !allowed(u.href),
    (route) => {
      const u = route.request().url();
      if (!offOrigin.has(u)) {
        offOrigin.add(u);
        list.push(`off-origin request: ${route.request().method()} ${u}`);
      }
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();

  page.on('console', (msg) => {
    const type = msg.type();
    if (type === 'error' || type === 'warning') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}:${loc.lineNumber}:${loc.columnNumber})` : '';
      list.push(`console.${type}: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => {
    list.push(`pageerror: ${err && err.stack ? err.stack : String(err)}`);
  });
  page.on('crash', () => list.push('page crashed'));
  page.on('request', (req) => {
    // Requests the route above did not see (e.g. from workers) still count.
    const u = req.url();
    if (!allowed(u) && !offOrigin.has(u)) {
      offOrigin.add(u);
      list.push(`off-origin request: ${req.method()} ${u}`);
    }
  });
  page.on('requestfailed', (req) => {
    if (offOrigin.has(req.url())) return; // already reported, and we aborted it
    const failure = req.failure();
    list.push(`request failed: ${req.method()} ${req.url()}: ${failure ? failure.errorText : 'unknown'}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      list.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    }
  });

  if (navigate) await page.goto(url, { waitUntil: 'load' });

  return {
    page,
    context,
    problems: () => [...list],
    close: () => context.close().catch(() => {}),
  };
}

/** Throw if the problem list is non-empty, listing every problem. */
export function assertClean(problems) {
  const list = typeof problems === 'function' ? problems() : problems;
  if (list.length > 0) {
    const err = new Error(
      `page reported ${list.length} problem(s):\n` + list.map((p) => `  - ${p}`).join('\n'),
    );
    err.problems = list;
    throw err;
  }
}

/**
 * Open url, run fn({ page, context, problems }), and always close the context.
 * Returns what fn returns.
 */
export async function withPage(browser, url, fn, options) {
  const handle = await openPage(browser, url, options);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/**
 * Starts one server (on `rootDir`, default www/) and one browser for the enclosing describe(),
 * and closes both after it even when a test failed: returns an object whose `server` and
 * `browser` are set once the before() hook has run.
 */
export function useBrowser(rootDir) {
  const shared = {};
  before(async () => {
    shared.server = await startServer(rootDir);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
