// End-to-end browser-test harness for Activation Lab.
//
// The page under test is served by a tiny static file server on 127.0.0.1
// (ephemeral port) and driven with playwright-core against Debian's
// /usr/bin/chromium (Playwright cannot download its own browsers here).
// Every page records its "problems": console errors and warnings, uncaught
// page errors, failed requests (but those the page's own navigation cancels),
// HTTP >= 400 responses and any request that leaves the server's origin
// (data: and blob: URLs are fine). A clean page has none.
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
//       server = await startServer();      // serves the site (target/site) by default
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

import { before, after, afterEach } from 'node:test';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SITE_DIR, WWW_DIR, staleFiles, staleSentence } from '../../tools/site.mjs';

/** The repository's www/ folder (the sources). */
export { WWW_DIR };

/** The site as served and packed (www/ with its scripts minified, tools/site.mjs), checked to be
 * no older than www/: a test of an old build would pass or fail for code no longer there. */
export function siteDir() {
  const stale = staleFiles(WWW_DIR, SITE_DIR);
  if (stale.length) {
    throw new Error(`${staleSentence(stale)}: \`make site\` rewrites it (make build does too)`);
  }
  return SITE_DIR;
}

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
 * @param {string} [rootDir] defaults to the site (siteDir())
 * @param {{headers?: object}} [options] extra headers on every file served (e.g. COOP/COEP)
 * @returns {Promise<{url: string, origin: string, port: number, root: string, close(): Promise<void>}>}
 */
export async function startServer(rootDir = siteDir(), { headers: extraHeaders = {} } = {}) {
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
  await context.addInitScript(LONG_TASK_RECORDER);
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
  // A navigation of the main frame (a reload, the language switch) cancels what its old document
  // still had in flight, such as the worker pool's start: net::ERR_ABORTED, the browser's doing
  // and no failure of the page. Only those are let through (aborted while the navigation is under
  // way, or asked for before its document replaced theirs): any other failure, and an abort no
  // navigation caused, is still reported.
  let requestCount = 0;
  let navigation = null; // the main frame's navigation request under way, if any
  let committedAt = 0;
  const issued = new WeakMap();
  page.on('request', (req) => {
    issued.set(req, ++requestCount);
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) navigation = req;
  });
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || !navigation) return; // a same-document (hash) navigation
    navigation = null;
    committedAt = requestCount;
  });
  const cancelledByNavigation = (req) => req.failure()?.errorText === 'net::ERR_ABORTED'
    && ((navigation && navigation !== req) || (issued.get(req) ?? Infinity) < committedAt);
  page.on('requestfailed', (req) => {
    if (req === navigation) navigation = null; // a navigation that never commits ends here
    if (offOrigin.has(req.url())) return; // already reported, and we aborted it
    if (cancelledByNavigation(req)) return;
    const failure = req.failure();
    list.push(`request failed: ${req.method()} ${req.url()}: ${failure ? failure.errorText : 'unknown'}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      list.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    }
  });

  const record = { context, closed: false, seen: new Set(), pending: [], exemptions: [] };
  watched.add(record);

  if (navigate) await page.goto(url, { waitUntil: 'load' });

  return {
    page,
    context,
    problems: () => [...list],
    /**
     * Runs `fn` with long tasks that start while it runs exempt from the limit, for `reason`
     * (said in the test's output with each task it covers). Times are the main frame's, so a
     * navigation inside `fn` ends the exemption.
     */
    async exemptLongTasks(reason, fn) {
      const from = await pageNow(page).catch(() => 0);
      const exemption = { reason, from, to: Infinity };
      record.exemptions.push(exemption);
      try {
        return await fn();
      } finally {
        exemption.to = await pageNow(page).catch(() => Infinity);
      }
    },
    close: async () => {
      if (!record.closed) {
        await unjudged(record).then((tasks) => record.pending.push(...tasks)).catch(() => {});
        record.closed = true;
      }
      await context.close().catch(() => {});
    },
  };
}

// ── Long tasks ────────────────────────────────────────────────────────────────────────────────
// Every page a test opens records its long tasks (PerformanceObserver 'longtask': a task on the
// page's thread over 50 ms) and its long animation frames ('long-animation-frame', which name
// the scripts that ran in them), from before any page script runs. `longTasks(page)` reads them
// from every frame of the page, each with where it came from.

/** A task longer than this, in normal use, is named in the test's output (issue #11's target). */
export const LONG_TASK_LIMIT_MS = 200;

/**
 * A task longer than this fails the test: a freeze, not a slow moment. Timing targets belong in
 * `make bench`, not in tests on a shared, noisy machine (where a 200 ms target flickers with the
 * load), but a page that holds its thread for a second is broken under any load: issue #11's
 * 57 s load and 60 s widget fail here. LONG_TASK_STRICT=1 makes the 200 ms target fail instead,
 * for a quiet machine.
 */
export const LONG_TASK_FAIL_MS = process.env.LONG_TASK_STRICT === '1' ? LONG_TASK_LIMIT_MS : 1000;

/**
 * Start-up, until a page says it is ready, is not normal use: the module graph evaluates and the
 * first calls into wasm run while V8 still compiles the module in its baseline tier, several
 * times slower, on a test machine shared by parallel builds. A start-up task is exempt up to
 * this bound (and said in the test's output); a freeze at start-up, like issue #11's 57 s load,
 * still fails.
 */
export const STARTUP_LIMIT_MS = 1000;

// Runs first in every frame (context.addInitScript). It defines one non-enumerable function on
// the window and touches nothing else, so the pages' own checks see no difference.
const LONG_TASK_RECORDER = `(() => {
  if (typeof PerformanceObserver !== 'function' || self.__longTasks) return;
  const types = PerformanceObserver.supportedEntryTypes || [];
  const tasks = [];
  const frames = [];
  const observers = [];
  const watch = (type, into) => {
    if (!types.includes(type)) return;
    const observer = new PerformanceObserver((list) => { into.push(...list.getEntries()); });
    observer.observe({ type, buffered: true });
    observers.push([observer, into]);
  };
  watch('longtask', tasks);
  watch('long-animation-frame', frames);
  // When the page says it is ready (body[data-ready="true"]), or, for a page that never says
  // so, when its load event ends: what starts before is start-up.
  let readyAt = Infinity;
  const ready = () => {
    if (readyAt === Infinity && document.body && document.body.dataset.ready === 'true') readyAt = performance.now();
  };
  new MutationObserver(ready).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  addEventListener('load', () => setTimeout(() => {
    ready();
    if (readyAt === Infinity && !document.querySelector('script[src$="main.js"], script[src$="lesson.js"], script[src$="embed-frame.js"]')) {
      readyAt = performance.now();
    }
  }));
  const scriptsDuring = (task) => frames
    .filter((f) => f.startTime <= task.startTime + task.duration && task.startTime <= f.startTime + f.duration)
    .flatMap((f) => f.scripts || [])
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => [s.invoker, s.sourceFunctionName && s.sourceFunctionName + '()',
      s.sourceURL && s.sourceURL.replace(location.origin, '') + ':' + s.sourceCharPosition,
      Math.round(s.duration) + ' ms'].filter(Boolean).join(' '));
  Object.defineProperty(self, '__longTasks', {
    value: () => {
      for (const [observer, into] of observers) into.push(...observer.takeRecords());
      return tasks.map((t) => ({
        start: t.startTime, duration: t.duration, url: location.href, scripts: scriptsDuring(t), startup: t.startTime < readyAt,
      }));
    },
  });
})();`;

// How long a frame may take to hand over its long tasks before it is taken to have none.
const FRAME_ANSWER_MS = 3000;

/**
 * The long tasks of every frame of `page` so far, oldest first: `{ start, duration, url,
 * scripts }` with `start` in the main frame's clock (ms since its navigation) and `scripts` the
 * longest scripts of the animation frames it overlapped (invoker, function, file:position).
 * `since` (main-frame ms) keeps only those that started after it.
 */
export async function longTasks(page, { since = 0 } = {}) {
  const all = [];
  const origin = await page.evaluate(() => performance.timeOrigin).catch(() => 0);
  for (const frame of page.frames()) {
    // A frame that never loaded (a lazy iframe below the fold) has no script context yet, and
    // Playwright's evaluate would wait for one forever: such a frame ran no task, so give up on it.
    let timer;
    const unanswered = new Promise((resolve) => { timer = setTimeout(() => resolve({ origin, tasks: [] }), FRAME_ANSWER_MS); });
    const found = await Promise.race([
      frame.evaluate(() => ({ origin: performance.timeOrigin, tasks: self.__longTasks?.() ?? [] }))
        .catch(() => ({ origin, tasks: [] })),
      unanswered,
    ]);
    clearTimeout(timer);
    // A frame's clock starts at its own navigation: move its times onto the main frame's.
    for (const task of found.tasks) all.push({ ...task, start: task.start + found.origin - origin });
  }
  return all.filter((t) => t.start >= since).sort((a, b) => a.start - b.start);
}

/** One long task as a line: how long, when, in which page, and the scripts that ran in it. */
export function describeLongTask(task) {
  const where = task.scripts.length ? task.scripts.join('; ') : 'no script attribution (layout, style, GC or a wasm compile)';
  const when = task.startup ? ' (start-up)' : '';
  return `${Math.round(task.duration)} ms task at ${Math.round(task.start)} ms${when} on ${task.url}: ${where}`;
}

// Every page opened since the last check, with what was already judged: after each test the
// harness reads their long tasks (a page closed by then was read as it closed) and fails the
// test with each task over LONG_TASK_LIMIT_MS that no exemption covers. Tests that open pages
// in a before() hook are judged by the test in which the task happened.
const watched = new Set();

/** Long tasks of `record`'s pages not judged yet (reads live pages; a closed one was read). */
async function unjudged(record) {
  if (!record.closed) {
    for (const page of record.context.pages()) {
      for (const task of await longTasks(page)) {
        const key = `${task.url} ${task.start} ${task.duration}`;
        if (record.seen.has(key)) continue;
        record.seen.add(key);
        record.pending.push(task);
      }
    }
  }
  const pending = record.pending;
  record.pending = [];
  return pending;
}

/** Whether one of `record`'s exemptions covers `task`, and which. */
const exemptionFor = (record, task) => record.exemptions.find((e) => task.start >= e.from && task.start <= e.to);

afterEach(async (t) => {
  const over = [];
  for (const record of [...watched]) {
    for (const task of await unjudged(record)) {
      if (task.duration <= LONG_TASK_LIMIT_MS) continue;
      const exemption = exemptionFor(record, task)
        ?? (task.startup && task.duration <= STARTUP_LIMIT_MS ? { reason: `start-up, under ${STARTUP_LIMIT_MS} ms` } : null);
      if (exemption) console.log(`# exempt (${exemption.reason}): ${describeLongTask(task)}`);
      else if (task.duration <= LONG_TASK_FAIL_MS) console.log(`# long task over ${LONG_TASK_LIMIT_MS} ms: ${describeLongTask(task)}`);
      else over.push(describeLongTask(task));
    }
    if (record.closed) watched.delete(record);
  }
  if (over.length) {
    throw new Error(`"${t.name}" held the page's thread over ${LONG_TASK_FAIL_MS} ms:\n` + over.map((line) => `  - ${line}`).join('\n'));
  }
});

/** The main frame's clock now (ms since navigation): a `since` for `longTasks`. */
export function pageNow(page) {
  return page.evaluate(() => performance.now());
}

/** The layers pool's size on `page` (layers-pool.js: one worker per core, at most 4). */
export const poolSize = (page) => page.evaluate(() => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)));

/** Resolves once `page` has at least `count` dedicated workers; fails after `ms`. */
export async function waitForWorkers(page, count, ms = 30_000) {
  const end = Date.now() + ms;
  while (page.workers().length < count) {
    if (Date.now() > end) throw new Error(`${page.workers().length} workers after ${ms} ms, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the widget `activation-lab#id` on `page` has drawn more than `more` times. */
export const waitDrawn = (page, id, more = 0) => page.waitForFunction(
  ([sel, n]) => Number(document.querySelector(sel)?.dataset.drawn || 0) > n, [`activation-lab#${id}`, more]);

/** The embed example with one extra widget (`id="w"`, `attrs`) at the top of the post, once drawn. */
export async function openWithWidget(browser, serverUrl, attrs) {
  const session = await openPage(browser, `${serverUrl}embed-example.html`);
  await session.page.waitForFunction(() => customElements.get('activation-lab'));
  await session.page.evaluate((a) => {
    document.querySelector('article').insertAdjacentHTML('afterbegin', `<activation-lab id="w" ${a}></activation-lab>`);
  }, attrs);
  await waitDrawn(session.page, 'w');
  return { ...session, widget: session.page.locator('activation-lab#w') };
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
 * Starts one server (on `rootDir`, default the site) and one browser for the enclosing describe(),
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
