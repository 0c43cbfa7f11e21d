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

const { minify } = createRequire(path.join(REPO, 'tests', 'e2e', 'package.json'))('terser');

/** Scripts the browser runs as classic scripts, not modules: their top-level names are globals. */
const CLASSIC = new Set(['sw.js']);

/** `source` (the file at `name`, relative to www/) minified, with its source map's text. */
export async function minifyScript(name, source) {
  const base = path.posix.basename(name);
  try {
    const { code, map } = await minify({ [`www/${name}`]: source }, {
      module: !CLASSIC.has(base),
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
function filesUnder(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, name) : [name];
  });
}

/** The files of www/ that changed after target/site was written, or that it lacks (the reason a
 * test of the site would test old code). */
export function staleFiles(from = WWW_DIR, to = SITE_DIR) {
  return filesUnder(from).filter((name) => {
    const copy = fs.statSync(path.join(to, name), { throwIfNoEntry: false });
    return !copy || copy.mtimeMs < fs.statSync(path.join(from, name)).mtimeMs;
  });
}

/** The site written anew: into a folder beside `to`, then renamed over it, so a server never
 * sends half of it. */
export async function buildSite(from = WWW_DIR, to = SITE_DIR) {
  const fresh = `${to}.${process.pid}.tmp`;
  await fsp.rm(fresh, { recursive: true, force: true });
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
    await fsp.rm(to, { recursive: true, force: true });
    await fsp.rename(fresh, to);
  } finally {
    await fsp.rm(fresh, { recursive: true, force: true });
  }
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
