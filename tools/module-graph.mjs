// The import graph of the page's ES modules (static imports and imports by name), read from the
// sources: what each page must preload and what widget.js must request so the first load takes
// one round trip per file, not one per level of imports. `node tools/module-graph.mjs --write`
// rewrites the modulepreload links of the pages and widget.js's MODULES from it;
// tests/e2e/module-graph.spec.mjs checks them.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WWW_DIR } from './site.mjs';

export { WWW_DIR };

/**
 * The pages and the entry module each loads after js/wasm-fetch.js; index.html also has an async
 * entry for the first chart, in the body after its canvas, which runs as soon as its own few
 * modules have arrived.
 */
export const PAGES = [['index.html', 'js/main.js', 'js/page-first-chart.js']];

/**
 * Pages whose entry loads the element through widget.js, as a blog does (lesson.html: its first
 * step is a curves widget, which widget.js draws with the first-chart module): the page, its
 * entry, and what the page preloads for the entry to start at once (widget.js, and wasm-fetch.js,
 * which widget.js imports). widget.js requests the rest.
 */
export const WIDGET_PAGES = [['lesson.html', 'js/lesson.js', ['js/widget.js', 'js/wasm-fetch.js']]];

/**
 * Entries that start a page's downloads themselves, later (embed.html's once its frame is in
 * view): the script the page loads, its MODULES list, and the module it then evaluates.
 */
export const STARTERS = [['embed.html', 'js/embed-start.js', 'js/embed-frame.js']];

/** The modules `file` imports or re-exports statically (absolute paths). */
export function importsOf(file) {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s+(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)]
    .map((m) => path.resolve(path.dirname(file), m[1]));
}

/** The modules `file` imports later by name, `import('./x.js')` (absolute paths): main.js
 * evaluates domain.js only once the wasm is in, but its file can arrive with the rest. */
export function laterImportsOf(file) {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => path.resolve(path.dirname(file), m[1]));
}

/** Every module `entry` needs, itself included, as sorted paths relative to www/. */
export function closure(entry) {
  const seen = new Set();
  const todo = [path.resolve(WWW_DIR, entry)];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...importsOf(file), ...laterImportsOf(file));
  }
  return [...seen].map((f) => path.relative(WWW_DIR, f)).sort();
}

/** What a page preloads: its entries' closures without the entries and wasm-fetch.js (script tags). */
export const preloadsOf = (...entries) => [...new Set(entries.flatMap(closure))].sort()
  .filter((m) => !entries.includes(m) && m !== 'js/wasm-fetch.js');

/**
 * A page's preloads in the order its head lists them: the first-chart entry's closure (the entry
 * too, whose tag sits in the body) right after the small module's wasm preload, so the browser's
 * six HTTP/1.1 connections fetch them before anything else; then the rest, before the main entry.
 */
export function preloadGroups(entry, firstChart) {
  const first = firstChart ? closure(firstChart) : [];
  return { first, rest: preloadsOf(entry).filter((m) => !first.includes(m)) };
}

/**
 * The attribute a page's later preloads carry. Over HTTP/1.1's six connections a page's twenty-odd
 * modules queue for a connection; wasm-fetch.js starts the wasm download only once it has arrived,
 * and a fetch of the same priority waits behind every preload asked for before it (lesson.html on
 * 4G: the module's download queued 502 ms). At low priority the preloads let the wasm, the
 * longest download, take the next free connection.
 */
export const REST_PRIORITY = ' fetchpriority="low"';

const relativeToJs = (m) => (m.startsWith('js/') ? `./${m.slice(3)}` : `../${m}`);

/** What a script that starts the downloads itself requests for `entry`, relative to js/ (not
 * wasm-fetch.js, which it imports first). */
export const starterModules = (entry) => closure(entry).filter((m) => m !== 'js/wasm-fetch.js').map(relativeToJs);

/** What widget.js requests for the element, relative to js/. */
export const widgetModules = () => starterModules('js/activation-lab.js');

/** The modules widget.js imports to draw a first chart (its firstChartImports), relative to www/. */
function widgetFirstChartEntries() {
  const source = readFileSync(path.join(WWW_DIR, 'js', 'widget.js'), 'utf8');
  const line = source.match(/^const firstChartImports = .*$/m)[0];
  return [...line.matchAll(/import\('([^']+)'\)/g)].map((m) => path.relative(WWW_DIR, path.resolve(WWW_DIR, 'js', m[1])));
}

/** Every module widget.js's first chart needs, relative to www/, sorted. */
export const widgetFirstChartClosure = () => [...new Set(widgetFirstChartEntries().flatMap(closure))].sort();

/** What widget.js requests first when it draws a first chart, relative to js/. */
export const widgetFirstChartModules = () => widgetFirstChartClosure().map(relativeToJs);

if (process.argv.includes('--write')) {
  const links = (modules, attributes = '') => modules.map((m) => `  <link rel="modulepreload" href="${m}"${attributes}>\n`).join('');
  const list = (modules) => modules.map((m) => `  '${m}',`).join('\n');
  for (const [page, entry, firstChart] of PAGES) {
    const file = path.join(WWW_DIR, page);
    const { first, rest } = preloadGroups(entry, firstChart);
    let html = readFileSync(file, 'utf8').replace(/  <link rel="modulepreload" href="[^"]+"[^>]*>\n/g, '');
    html = html.replace(`  <script type="module" src="${entry}"></script>\n`, (tag) => links(rest, REST_PRIORITY) + tag);
    if (firstChart) html = html.replace(/(  <link rel="preload" as="fetch" href="pkg\/first_chart_bg\.wasm"[^>]*>\n)/, (tag) => tag + links(first));
    writeFileSync(file, html);
  }
  for (const [, starter, entry] of STARTERS) {
    const file = path.join(WWW_DIR, starter);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/const MODULES = \[\n[\s\S]*?\];/, `const MODULES = [\n${list(starterModules(entry))}\n];`));
  }
  const file = path.join(WWW_DIR, 'js', 'widget.js');
  writeFileSync(file, readFileSync(file, 'utf8')
    .replace(/const MODULES = \[\n[\s\S]*?\n\];/, `const MODULES = [\n${list(widgetModules())}\n];`)
    .replace(/const FIRST_CHART_MODULES = \[\n[\s\S]*?\];/, `const FIRST_CHART_MODULES = [\n${list(widgetFirstChartModules())}\n];`));
}
