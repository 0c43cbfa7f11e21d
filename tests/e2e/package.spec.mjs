// `make package` (#13): the npm tarball of the widget, unpacked as a package CDN would
// (https://cdn…/npm/activation-lab@version/…), served from a second origin with CORS, embedded in
// a blog on the first origin by its package.json's main export under a strict
// Content-Security-Policy (the README's advice; a module worker's imports count as worker
// scripts, so worker-src names the CDN as well as blob:): it draws, its layers view runs on its workers,
// and the console stays clean. Only the package's files exist on that host, so a file the widget
// needs and the package lacks is a 404 here.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildPackage } from '../../tools/package.mjs';
import { filesUnder as unsorted } from '../../tools/site.mjs';
import { startServer, launchBrowser, openPage, assertClean, siteDir } from './harness.mjs';

/** Every file under `dir`, relative to it, sorted. */
const filesUnder = (dir) => unsorted(dir).sort();

describe('npm package of the widget', () => {
  it('unpacks with its exports, both wasm builds and a README, and runs from a CDN-like second origin', async () => {
    const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'activation-lab-cdn-'));
    let host;
    let blog;
    let browser;
    let session;
    try {
      const tarball = buildPackage(work);
      const { version } = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
      const cdnRoot = path.join(work, 'cdn');
      const unpacked = path.join(cdnRoot, 'npm', `activation-lab@${version}`);
      await fsp.mkdir(unpacked, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

      const manifest = JSON.parse(await fsp.readFile(path.join(unpacked, 'package.json'), 'utf8'));
      const files = filesUnder(unpacked);
      assert.equal(manifest.name, 'activation-lab');
      assert.equal(manifest.type, 'module');
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        assert.ok(files.includes(target.replace(/^\.\//, '')), `export ${subpath} → ${target} is not in the package`);
      }
      // Both builds of the whole module (one browser or another loads each) and the first chart's.
      for (const wasm of ['pkg/activation_lab_bg.wasm', 'pkg/activation_lab_relaxed_bg.wasm', 'pkg/first_chart_bg.wasm']) {
        assert.ok(files.includes(wasm), `${wasm} is missing from ${files.join(', ')}`);
      }
      assert.ok(files.includes('js/layers-worker.js'), 'the layers worker is missing');
      assert.deepEqual(files.filter((f) => !/^((js|pkg)\/.+\.js(\.map)?|pkg\/.+\.wasm|package\.json|README\.md)$/.test(f)), [],
        'the package holds only the widget\'s scripts and their source maps, its wasm, package.json and README.md');
      // The scripts as the site serves them (tools/site.mjs): minified, each with its map beside it.
      const site = siteDir();
      for (const script of files.filter((f) => f.endsWith('.js'))) {
        assert.ok(files.includes(`${script}.map`), `${script} has no source map beside it`);
        assert.ok((await fsp.readFile(path.join(unpacked, script))).equals(await fsp.readFile(path.join(site, script))),
          `${script} is not the site's copy`);
      }
      const readme = await fsp.readFile(path.join(unpacked, 'README.md'), 'utf8');
      assert.match(readme, new RegExp(`<script type="module" src="https://cdn\\.jsdelivr\\.net/npm/activation-lab@${version.replace(/\./g, '\\.')}/js/widget\\.js"></script>`));

      host = await startServer(cdnRoot, { headers: { 'Access-Control-Allow-Origin': '*' } });
      const src = `${host.url}npm/activation-lab@${version}/${manifest.exports['.'].replace(/^\.\//, '')}`;
      const blogRoot = path.join(work, 'blog');
      await fsp.mkdir(blogRoot);
      await fsp.writeFile(path.join(blogRoot, 'index.html'), `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>글</title><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${host.origin} 'wasm-unsafe-eval'; connect-src 'self' ${host.origin}; worker-src blob: ${host.origin}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:">
<script type="module" src="${src}"></script></head>
<body><p>깊은 tanh 신경망이 무너지는 이유:</p>
<activation-lab id="curves" activation="tanh"></activation-lab>
<activation-lab id="layers" view="layers" activation="tanh" init="normal" std="0.01" depth="5" width="64" batch="256"></activation-lab>
</body></html>`);
      blog = await startServer(blogRoot);
      browser = await launchBrowser();
      session = await openPage(browser, blog.url, { alsoAllow: [host.origin] });
      const { page, problems } = session;
      await page.locator('activation-lab#layers').scrollIntoViewIfNeeded();
      // A timeout says what the page said (a blocked file or a CSP refusal), not only that it waited.
      await page.waitForFunction(() => /5/.test(document.querySelector('#layers')?.shadowRoot?.querySelector('.status')?.textContent ?? ''), null, { timeout: 60_000 })
        .catch((err) => { throw new Error(`${err.message}\n${problems().join('\n')}`); });
      assert.match(await page.locator('activation-lab#layers .status').innerText(), /^tanh.*5/);
      await page.locator('activation-lab#curves').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.querySelector('#curves').dataset.drawn || 0) > 0);
      assertClean(problems());
    } finally {
      await session?.close();
      await browser?.close();
      await blog?.close();
      await host?.close();
      await fsp.rm(work, { recursive: true, force: true });
    }
  });
});
