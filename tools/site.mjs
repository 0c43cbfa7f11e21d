// The site `make run` serves and `make package` packs: www/ as it is, but each script without its
// comments, spaces and long local names. Half of the page's JavaScript on the wire was comments
// and layout: with every view used, index.html's scripts, HTML and CSS were 88 KB of its 457, 30
// fewer as this writes them. Every file stays the same module at the same path (no bundling,
// nothing renamed that another file names), and each script's source map (`name.js.map`, with
// the source inside it) gives the browser's developer tools the original back; a page never
// fetches it. terser (tests/e2e's dev packages, from the committed lock) does the rewriting: a
// parser is the only safe way to tell a comment from a string or a regular expression.
//
//   node tools/site.mjs   → writes target/site/ from www/ (make build runs it last)

import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WWW_DIR = path.join(REPO, 'www');
export const SITE_DIR = path.join(REPO, 'target', 'site');

/** Scripts the browser runs as classic scripts, not modules (their top-level names are globals),
 * relative to www/. */
const CLASSIC = new Set(['sw.js']);

let terser = null; // loaded on the first script: the server, the package and the tests only read the site

/** `source` (the file at `name`, relative to www/) minified, with its source map's text. */
export async function minifyScript(name, source) {
  terser ??= createRequire(path.join(REPO, 'tests', 'e2e', 'package.json'))('terser');
  const base = path.posix.basename(name);
  try {
    // The source named as the map's neighbour (terser's own CLI does the same): its text is
    // inside the map, so nothing is fetched for it.
    const { code, map } = await terser.minify({ [base]: source }, {
      module: !CLASSIC.has(name),
      // Names and layout only: compress's rewrites of the logic took 0.7 KB more off the page's
      // scripts under brotli, not worth code that no longer reads as it was written.
      compress: false,
      mangle: true,
      sourceMap: { url: `${base}.map`, includeSources: true },
    });
    return { code, map };
  } catch (err) {
    throw new Error(`www/${name}:${err.line ?? '?'}:${err.col ?? '?'}: ${err.message}`);
  }
}

/** Every file under `dir`, relative to it, with forward slashes. */
export function filesUnder(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, name) : [name];
  });
}

/** The site's files that come from `names` (files of www/): each one, and each script's map. */
export const withMaps = (names) => names.flatMap((name) => (name.endsWith('.js') ? [name, `${name}.map`] : [name]));

/** What makes the site at `to` older than www/ at `from` (the reason a test of it would test code
 * no longer there): the files of www/ changed since it was written or missing from it, and the
 * files it has that www/ no longer does. */
export function staleFiles(from = WWW_DIR, to = SITE_DIR) {
  const sources = filesUnder(from);
  const changed = sources.filter((name) => {
    const copy = fs.statSync(path.join(to, name), { throwIfNoEntry: false });
    return !copy || copy.mtimeMs < fs.statSync(path.join(from, name)).mtimeMs;
  });
  if (!fs.existsSync(to)) return changed;
  const expected = new Set(withMaps(sources));
  return [...changed, ...filesUnder(to).filter((name) => !expected.has(name))];
}

/** The sentence that says the site is stale, naming a few of `stale` (staleFiles()), for the
 * harness, the server and the package to end with what to do. */
export function staleSentence(stale) {
  return `target/site is older than www/ (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''})`;
}

/** The site written anew: into a folder beside `to`, then swapped in by two renames, so a server
 * never sends half of it. */
export async function buildSite(from = WWW_DIR, to = SITE_DIR) {
  const [fresh, old] = [`${to}.${process.pid}.tmp`, `${to}.${process.pid}.old`];
  // Folders a killed build left behind.
  const parent = path.dirname(to);
  const base = path.basename(to);
  const leftover = (name) => name.startsWith(`${base}.`) && /^[0-9]+\.(tmp|old)$/.test(name.slice(base.length + 1));
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    if (leftover(name)) await fsp.rm(path.join(parent, name), { recursive: true, force: true });
  }
  try {
    for (const name of filesUnder(from)) {
      const target = path.join(fresh, name);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      if (name.endsWith('.js')) {
        const { code, map } = await minifyScript(name, await fsp.readFile(path.join(from, name), 'utf8'));
        await fsp.writeFile(target, code);
        await fsp.writeFile(`${target}.map`, map);
      } else {
        await fsp.copyFile(path.join(from, name), target);
      }
    }
  } catch (err) {
    await fsp.rm(fresh, { recursive: true, force: true });
    throw err; // the site before it stays as it was
  }
  if (fs.existsSync(to)) await fsp.rename(to, old);
  await fsp.rename(fresh, to);
  await fsp.rm(old, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scripts = (dir) => filesUnder(dir).filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  await buildSite().catch((err) => {
    console.error(`cannot write the site: ${err.message}`);
    process.exit(1);
  });
  console.log(`${path.relative(process.cwd(), SITE_DIR)}: scripts ${scripts(WWW_DIR)} -> ${scripts(SITE_DIR)} bytes`);
}
