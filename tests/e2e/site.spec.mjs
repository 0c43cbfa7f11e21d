// The site make run serves and make package packs (tools/site.mjs): every file of www/, the scripts
// minified, each with a source map that gives the browser's developer tools the original back;
// and the harness's refusal to test a site older than www/. The pages themselves are tested on
// the site by every other spec (the harness serves it by default).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
// Decodes the maps' mappings (the decoder terser's own source-map library is built on).
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { buildSite, filesUnder as unsorted, staleFiles } from '../../tools/site.mjs';
import { siteDir, WWW_DIR } from './harness.mjs';

const SITE = siteDir();

/** Every file under `dir`, relative to it, sorted. */
const filesUnder = (dir) => unsorted(dir).sort();

const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** What kind of token `text` starts with: strings and numbers by kind (the minifier may requote
 * a string or rewrite 0.001 as .001), a name or any other character as itself. */
function tokenAt(text) {
  if (/^['"`]/.test(text)) return 'a string';
  if (/^\.?[0-9]/.test(text)) return 'a number';
  return text.match(/^[A-Za-z_$][\w$]*|^./su)?.[0];
}

describe('the site (target/site)', () => {
  it('holds every file of www/: the scripts minified, the rest as they are', () => {
    const sources = filesUnder(WWW_DIR);
    const scripts = sources.filter((name) => name.endsWith('.js'));
    assert.deepEqual(filesUnder(SITE), [...sources, ...scripts.map((name) => `${name}.map`)].sort(),
      'the site has each file of www/ and a map per script, nothing else');
    for (const name of sources.filter((n) => !n.endsWith('.js'))) {
      assert.ok(fs.readFileSync(path.join(SITE, name)).equals(fs.readFileSync(path.join(WWW_DIR, name))), `${name} changed`);
    }
    // Under brotli, as make run sends them: the scripts' comments and layout were about half of it.
    const onWire = (dir) => scripts.reduce((sum, name) => sum + brotli(fs.readFileSync(path.join(dir, name))), 0);
    const [before, after] = [onWire(WWW_DIR), onWire(SITE)];
    assert.ok(after < 0.7 * before, `the scripts are ${after} bytes under brotli against the sources' ${before}`);
  });

  it('maps each minified script back to its source', () => {
    let allMarks = 0;
    let allSame = 0;
    for (const name of filesUnder(WWW_DIR).filter((n) => n.endsWith('.js'))) {
      const code = fs.readFileSync(path.join(SITE, name), 'utf8');
      const source = fs.readFileSync(path.join(WWW_DIR, name), 'utf8');
      assert.ok(code.endsWith(`\n//# sourceMappingURL=${path.basename(name)}.map`), `${name} does not name its map`);
      const map = new TraceMap(fs.readFileSync(path.join(SITE, `${name}.map`), 'utf8'));
      assert.deepEqual(map.sourcesContent, [source], `${name}'s map does not hold its source`);
      // Each mapped position must land on the same token in both: the name the map gives (a
      // minified local's), or the same name, punctuation or kind of literal. terser places a few
      // marks a character early (in `{ a, b } =`, after `})()`): 15 of 8146 in five scripts.
      const generatedLines = code.split('\n');
      const sourceLines = source.split('\n');
      let marks = 0;
      let same = 0;
      eachMapping(map, (m) => {
        if (m.originalLine == null) return;
        marks += 1;
        const generated = generatedLines[m.generatedLine - 1].slice(m.generatedColumn);
        const original = sourceLines[m.originalLine - 1].slice(m.originalColumn);
        if (m.name ? original.startsWith(m.name) : tokenAt(generated) === tokenAt(original)) same += 1;
      });
      assert.ok(marks > 0 && same >= 0.9 * marks, `${name}: ${same} of ${marks} mapped positions land on the same token`);
      allMarks += marks;
      allSame += same;
    }
    assert.ok(allSame >= 0.99 * allMarks, `${allSame} of ${allMarks} mapped positions land on the same token`);
  });

  it('is refused by the harness when older than www/, and written anew by make build', async () => {
    const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'activation-lab-site-'));
    try {
      const from = path.join(work, 'www');
      const to = path.join(work, 'site');
      await fsp.mkdir(path.join(from, 'js'), { recursive: true });
      await fsp.writeFile(path.join(from, 'index.html'), '<!doctype html><title>t</title>');
      await fsp.writeFile(path.join(from, 'js', 'a.js'), '// a comment\nexport const answer = 42;\n');
      assert.deepEqual(staleFiles(from, to), ['index.html', 'js/a.js'], 'no site yet: every file is stale');
      await buildSite(from, to);
      assert.deepEqual(staleFiles(from, to), []);
      assert.match(await fsp.readFile(path.join(to, 'js', 'a.js'), 'utf8'), /^export const answer=42;\n/);
      // a.js edited after the site was written: its copy is the older.
      const earlier = new Date(Date.now() - 60_000);
      await fsp.utimes(path.join(to, 'js', 'a.js'), earlier, earlier);
      await fsp.writeFile(path.join(from, 'js', 'b.js'), 'export const b = 1;\n');
      assert.deepEqual(staleFiles(from, to), ['js/a.js', 'js/b.js']);
      // A file the site has and www/ no longer does (a module removed or renamed) is stale too.
      await fsp.writeFile(path.join(to, 'js', 'gone.js'), 'export {};\n');
      assert.deepEqual(staleFiles(from, to), ['js/a.js', 'js/b.js', 'js/gone.js']);
      await fsp.rm(path.join(to, 'js', 'gone.js'));
      // A script that does not parse: the build names it, and the site before it stays whole.
      await fsp.writeFile(path.join(from, 'js', 'b.js'), 'export const b = ;\n');
      await assert.rejects(buildSite(from, to), /js\/b\.js:1:\d+: Unexpected token/);
      assert.deepEqual(filesUnder(to), ['index.html', 'js/a.js', 'js/a.js.map']);
      assert.deepEqual(fs.readdirSync(work).sort(), ['site', 'www'], 'the half-written site is removed');
      // A build a kill stopped halfway leaves its folder; the next one removes it.
      await fsp.mkdir(path.join(work, 'site.12345.tmp'));
      await fsp.writeFile(path.join(from, 'js', 'b.js'), 'export const b = 2;\n');
      await buildSite(from, to);
      assert.deepEqual(fs.readdirSync(work).sort(), ['site', 'www']);
      assert.deepEqual(staleFiles(from, to), []);
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  });
});
