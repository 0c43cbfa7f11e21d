// The first load's module graph (issue: the first chart within a second, on a phone): every page
// starts the wasm download first (js/wasm-fetch.js, which imports nothing) and preloads every ES
// module its entry imports, directly or not, so the graph arrives in one round trip instead of one
// per level of imports; widget.js, the blog's one tag, requests the element's modules in parallel
// the same way. The lists live in the HTML and in widget.js (`node tools/module-graph.mjs --write`
// rewrites them): this test derives the import closure from the sources and fails when a list
// drifts from it. In the browser, each page fetches the wasm once and draws.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';
import { PAGES, closure, importsOf, preloadsOf } from '../../tools/module-graph.mjs';

describe('first-load module graph', () => {
  for (const [page, entry, firstChart] of PAGES) {
    it(`${page} starts the wasm download first and preloads every module ${entry} imports`, () => {
      const html = readFileSync(path.join(WWW_DIR, page), 'utf8');
      const scripts = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      // The first chart's entry sits in the body, after the canvas it draws on.
      assert.deepEqual(scripts, ['js/wasm-fetch.js', entry, ...(firstChart ? [firstChart] : [])], 'wasm-fetch.js comes first');
      const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
      const needed = preloadsOf(entry, ...(firstChart ? [firstChart] : []));
      assert.deepEqual(preloaded, needed);
      assert.ok(closure(entry).includes('js/wasm-fetch.js'), 'the entry loads the module through wasm.js');
    });
  }

  it('widget.js preloads every module of the element in parallel', async () => {
    const source = readFileSync(path.join(WWW_DIR, 'js/widget.js'), 'utf8');
    const list = source.slice(source.indexOf('const MODULES'), source.indexOf('];', source.indexOf('const MODULES')));
    const listed = [...list.matchAll(/'([^']+)'/g)]
      .map((m) => path.relative(WWW_DIR, path.resolve(WWW_DIR, 'js', m[1]))).sort();
    const needed = closure('js/activation-lab.js').filter((m) => m !== 'js/wasm-fetch.js');
    assert.deepEqual(listed, needed);
    assert.deepEqual(importsOf(path.join(WWW_DIR, 'js/widget.js')).map((f) => path.relative(WWW_DIR, f)), ['js/wasm-fetch.js'],
      'its only static import is wasm-fetch.js, so it runs before the rest arrives');
  });

  const shared = useBrowser();
  for (const [page, ready] of [['index.html', '#curves-canvas'], ['embed-example.html', 'activation-lab']]) {
    it(`${page} fetches each wasm module once in its own frame and draws`, async () => {
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
        if (page === 'embed-example.html') {
          // widget.js requests the element's modules only after wasm-fetch.js has run.
          const element = requests.indexOf('/js/activation-lab.js');
          assert.ok(element > 0 && requests.indexOf(wasm[0]) < element, `wasm first: ${requests.join(' ')}`);
        }
        assertClean(problems());
      } finally {
        await close();
      }
    });
  }
});
