// The first load's module graph (issue: the first chart within a second, on a phone): index.html
// starts the wasm download first (js/wasm-fetch.js, which imports nothing) and preloads every ES
// module its entry imports, directly or not, so the graph arrives in one round trip instead of one
// per level of imports; widget.js, the blog's one tag, requests the element's modules in parallel
// the same way, and lesson.html loads the element through it (WIDGET_PAGES). The lists live in the
// HTML and in widget.js (`node tools/module-graph.mjs --write` rewrites them): this test derives
// the import closure from the sources and fails when a list drifts from it. In the browser, each
// page fetches the wasm once and draws.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openPage, assertClean, poolSize, waitForWorkers, WWW_DIR } from './harness.mjs';
import {
  PAGES, STARTERS, WIDGET_PAGES, closure, importsOf, laterImportsOf, preloadGroups, preloadsOf, starterModules, widgetFirstChartClosure,
} from '../../tools/module-graph.mjs';

describe('first-load module graph', () => {
  for (const [page, entry, firstChart] of PAGES) {
    it(`${page} starts the wasm download first and preloads every module ${entry} imports`, () => {
      const html = readFileSync(path.join(WWW_DIR, page), 'utf8');
      const scripts = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      // The first chart's entry sits in the body, after the canvas it draws on.
      assert.deepEqual(scripts, ['js/wasm-fetch.js', entry, ...(firstChart ? [firstChart] : [])], 'wasm-fetch.js comes first');
      const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"( fetchpriority="low")?>/g)];
      const { first, rest } = preloadGroups(entry, firstChart);
      assert.deepEqual(preloads.map((m) => m[1]), [...first, ...rest]);
      // The first chart's files at the browser's priority; the rest low, so the whole module's
      // download, which wasm-fetch.js starts once it has arrived, does not queue behind them.
      assert.deepEqual(preloads.map((m) => Boolean(m[2])), [...first.map(() => false), ...rest.map(() => true)]);
      assert.deepEqual([...first, ...rest].sort(), [...new Set([...preloadsOf(entry, ...(firstChart ? [firstChart] : [])), ...first])].sort(),
        'every module of the entries, each once');
      if (firstChart) {
        // The first chart's files take the browser's first connections: its wasm and scripts are
        // requested before the whole module's download (wasm-fetch.js) and the page's other modules.
        const wasmFetch = html.indexOf('<script type="module" async src="js/wasm-fetch.js">');
        assert.ok(html.indexOf('href="pkg/first_chart_bg.wasm"') < wasmFetch, 'the small module is requested before the whole one');
        for (const m of preloads.slice(0, first.length)) assert.ok(m.index < wasmFetch, `${m[1]} is requested before the whole module`);
        assert.ok(!first.includes('js/strings.js'), 'the first chart waits for no string table');
      }
      assert.ok(closure(entry).includes('js/wasm-fetch.js'), 'the entry loads the module through wasm.js');
    });
  }

  for (const [page, starter, entry] of STARTERS) {
    it(`${page} loads one script, which asks for every module ${entry} imports once it starts`, () => {
      const html = readFileSync(path.join(WWW_DIR, page), 'utf8');
      assert.deepEqual([...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]), [starter]);
      assert.deepEqual([...html.matchAll(/<link rel="modulepreload"/g)], [], 'nothing is fetched before the frame is in view');
      const source = readFileSync(path.join(WWW_DIR, starter), 'utf8');
      const list = source.slice(source.indexOf('const MODULES = ['), source.indexOf('];', source.indexOf('const MODULES = [')));
      assert.deepEqual([...list.matchAll(/'([^']+)'/g)].map((m) => m[1]), starterModules(entry));
      assert.deepEqual(importsOf(path.join(WWW_DIR, starter)), [], 'it imports nothing statically, so it runs on arrival');
      assert.match(source, /rel: 'modulepreload', href: [^\n]*, fetchPriority: 'low'/, 'its preloads let the wasm download go first');
    });
  }

  for (const [page, entry, preloads] of WIDGET_PAGES) {
    it(`${page} loads the element through widget.js, and asks at once for what ${entry} needs to start it`, () => {
      const html = readFileSync(path.join(WWW_DIR, page), 'utf8');
      assert.deepEqual([...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]), [entry],
        'no wasm-fetch.js of its own: widget.js asks for the whole module once any first chart is in');
      // At the browser's priority: these are the first round trip, with nothing else queued.
      assert.deepEqual([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]), preloads);
      assert.equal([...html.matchAll(/<link rel="modulepreload"/g)].length, preloads.length, 'nothing else preloaded');
      const file = path.join(WWW_DIR, entry);
      assert.deepEqual(importsOf(file), [], 'it imports nothing statically, so its words show before any module is in');
      const later = laterImportsOf(file).map((m) => path.relative(WWW_DIR, m));
      assert.equal(later[0], 'js/widget.js', 'the element comes through widget.js');
      assert.ok(!later.includes('js/activation-lab.js'), 'and not around it');
      const widgetNeeds = [...importsOf(path.join(WWW_DIR, 'js/widget.js')), ...laterImportsOf(path.join(WWW_DIR, 'js/widget.js'))]
        .map((m) => path.relative(WWW_DIR, m));
      for (const m of preloads.filter((p) => p !== 'js/widget.js')) assert.ok(widgetNeeds.includes(m), `widget.js imports ${m}`);
    });
  }

  it('widget.js preloads every module of the element, and of its first chart, in parallel', async () => {
    const source = readFileSync(path.join(WWW_DIR, 'js/widget.js'), 'utf8');
    const listOf = (name) => {
      const list = source.slice(source.indexOf(`const ${name} = [`), source.indexOf('];', source.indexOf(`const ${name} = [`)));
      return [...list.matchAll(/'([^']+)'/g)].map((m) => path.relative(WWW_DIR, path.resolve(WWW_DIR, 'js', m[1]))).sort();
    };
    assert.deepEqual(listOf('MODULES'), closure('js/activation-lab.js').filter((m) => m !== 'js/wasm-fetch.js'));
    assert.deepEqual(listOf('FIRST_CHART_MODULES'), widgetFirstChartClosure());
    // HTTP/1.1 gives a host six connections: the small wasm module and five scripts arrive in the
    // first round trip, a seventh file would wait for a second one.
    assert.ok(listOf('FIRST_CHART_MODULES').length + 1 <= 6, `the first chart's wave is ${listOf('FIRST_CHART_MODULES').length + 1} files`);
    assert.ok(!listOf('FIRST_CHART_MODULES').includes('js/strings.js'), 'the first chart waits for no string table');
    assert.deepEqual(importsOf(path.join(WWW_DIR, 'js/widget.js')), [],
      'it imports nothing statically, so it runs as soon as it arrives and asks for the rest at once');
  });

  const shared = useBrowser();

  it('the embed example\'s iframe, far down the post, fetches nothing until it is scrolled into view, then draws', async () => {
    const { page: tab, problems, close } = await openPage(shared.browser, `${shared.server.url}embed-example.html`, { navigate: false });
    try {
      const fromFrame = [];
      tab.on('request', (r) => {
        if (r.frame() !== tab.mainFrame()) fromFrame.push(new URL(r.url()).pathname);
      });
      await tab.goto(`${shared.server.url}embed-example.html`);
      await tab.waitForFunction(() => Number(document.querySelector('activation-lab')?.dataset.drawn || 0) > 0, null, { timeout: 60_000 });
      await tab.waitForLoadState('networkidle');
      assert.deepEqual(fromFrame.filter((p) => !['/embed.html', '/js/embed-start.js'].includes(p)), [], 'the frame asked for nothing but its page and script');
      await tab.locator('#frame').scrollIntoViewIfNeeded();
      await tab.frameLocator('#frame').locator('activation-lab[data-drawn]').waitFor({ timeout: 60_000 });
      assert.equal(fromFrame.filter((p) => p.endsWith('.wasm')).length, 1, `the frame's wasm, once: ${fromFrame.join(' ')}`);
      assertClean(problems());
    } finally {
      await close();
    }
  });
  it('lesson.html asks for the steps lesson.js fetches with its modules, not after them', () => {
    const html = readFileSync(path.join(WWW_DIR, 'lesson.html'), 'utf8');
    const source = readFileSync(path.join(WWW_DIR, 'js/lesson.js'), 'utf8');
    const fetched = [...source.matchAll(/fetch\(new URL\('\.\/([^']+)', import\.meta\.url\)\)/g)].map((m) => `js/${m[1]}`);
    assert.deepEqual(fetched, ['js/lesson-steps.json']);
    // crossorigin: fetch() asks in CORS mode, and a preload is used only by a request like it.
    assert.ok(html.includes(`<link rel="preload" as="fetch" href="${fetched[0]}" crossorigin`), 'lesson.html preloads it');
  });

  for (const [page, ready] of [['index.html', '#curves-canvas'], ['embed-example.html', 'activation-lab'], ['lesson.html', '#step-widgets activation-lab']]) {
    it(`${page} fetches each file once in its own frame and draws`, async () => {
      const { page: tab, problems, close } = await openPage(shared.browser, `${shared.server.url}${page}`, { navigate: false });
      try {
        const requests = [];
        tab.on('request', (r) => {
          if (r.frame() === tab.mainFrame()) requests.push(new URL(r.url()).pathname);
        });
        await tab.goto(`${shared.server.url}${page}`);
        await tab.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.drawn || 0) > 0, ready, { timeout: 60_000 });
        // The whole module once; the page also fetches the small first-chart module, once.
        const wasm = requests.filter((p) => p.endsWith('.wasm') && !p.endsWith('/first_chart_bg.wasm'));
        assert.equal(wasm.length, 1, `one wasm request, got ${wasm.join(', ')}`);
        assert.ok(requests.filter((p) => p.endsWith('/first_chart_bg.wasm')).length <= 1, 'the first-chart module at most once');
        // Each of these pages offers a view run on the worker pool and starts it while idle: a
        // worker fetches its script and the module's JS for a module map of its own (never the
        // wasm: it is handed the page's compiled module). Any other file twice is a preload the
        // page's own request did not match.
        const workers = await poolSize(tab);
        await waitForWorkers(tab, workers);
        const count = (file) => requests.filter((p) => p === file).length;
        for (let waited = 0; count('/pkg/activation_lab.js') < 1 + workers || count('/js/layers-worker.js') < workers; waited += 50) {
          assert.ok(waited < 30_000, `the workers' files: ${requests.join(' ')}`);
          await tab.waitForTimeout(50);
        }
        await tab.waitForLoadState('networkidle');
        await tab.waitForTimeout(500);
        const expected = [...Array(workers - 1).fill('/js/layers-worker.js'), ...Array(workers).fill('/pkg/activation_lab.js')];
        assert.deepEqual(requests.filter((p, i) => requests.indexOf(p) !== i).sort(), expected.sort(), 'no file twice but the workers\' own');
        if (page === 'embed-example.html') {
          // widget.js asks for wasm-fetch.js and the first chart's module (its first widget is a
          // curves chart near the top) at once, and for the element's modules only after the
          // whole module's download has started.
          const element = requests.indexOf('/js/activation-lab.js');
          const before = ['/js/wasm-fetch.js', '/pkg/first_chart_bg.wasm', wasm[0]].map((p) => requests.indexOf(p));
          assert.ok(before.every((i) => i >= 0 && i < element), `the wasm downloads before the element's modules: ${requests.join(' ')}`);
        }
        assertClean(problems());
      } finally {
        await close();
      }
    });
  }
});
