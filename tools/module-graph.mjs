// The static import graph of the page's ES modules, read from the sources: what each page must
// preload and what widget.js must request so the first load takes one round trip per file, not
// one per level of imports. `node tools/module-graph.mjs --write` rewrites the modulepreload links
// of the pages and widget.js's MODULES from it; tests/e2e/module-graph.spec.mjs checks them.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'www');

/**
 * The pages and the entry module each loads after js/wasm-fetch.js; index.html also has an async
 * entry for the first chart, in the body after its canvas, which runs as soon as its own few
 * modules have arrived.
 */
export const PAGES = [['index.html', 'js/main.js', 'js/page-first-chart.js'], ['lesson.html', 'js/lesson.js'], ['embed.html', 'js/embed-frame.js']];

/** The modules `file` imports or re-exports statically (absolute paths). */
export function importsOf(file) {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s+(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)]
    .map((m) => path.resolve(path.dirname(file), m[1]));
}

/** Every module `entry` needs, itself included, as sorted paths relative to www/. */
export function closure(entry) {
  const seen = new Set();
  const todo = [path.resolve(WWW_DIR, entry)];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...importsOf(file));
  }
  return [...seen].map((f) => path.relative(WWW_DIR, f)).sort();
}

/** What a page preloads: its entries' closures without the entries and wasm-fetch.js (script tags). */
export const preloadsOf = (...entries) => [...new Set(entries.flatMap(closure))].sort()
  .filter((m) => !entries.includes(m) && m !== 'js/wasm-fetch.js');

/** What widget.js requests, relative to js/. */
export const widgetModules = () => closure('js/activation-lab.js')
  .filter((m) => m !== 'js/wasm-fetch.js')
  .map((m) => (m.startsWith('js/') ? `./${m.slice(3)}` : `../${m}`));

if (process.argv.includes('--write')) {
  for (const [page, ...entries] of PAGES) {
    const file = path.join(WWW_DIR, page);
    const html = readFileSync(file, 'utf8');
    const links = preloadsOf(...entries).map((m) => `  <link rel="modulepreload" href="${m}">\n`).join('');
    writeFileSync(file, html.replace(/(  <link rel="modulepreload" href="[^"]+">\n)+/, links));
  }
  const file = path.join(WWW_DIR, 'js', 'widget.js');
  const list = widgetModules().map((m) => `  '${m}',`).join('\n');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/const MODULES = \[\n[\s\S]*?\n\];/, `const MODULES = [\n${list}\n];`));
}
