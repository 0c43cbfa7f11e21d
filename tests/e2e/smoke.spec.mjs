// Smoke tests for the harness itself. They build their own pages in a temp
// directory and do not depend on the real www/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openPage, assertClean, withPage } from './harness.mjs';

const page = (title, script) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
</head>
<body>
<p>${title}</p>
<script type="module">${script}</script>
</body>
</html>
`;

/** Raw GET that does not normalise the path (unlike browsers and fetch). */
function rawGet(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: rawPath, method: 'GET' },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            type: res.headers['content-type'],
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('e2e harness smoke', () => {
  let tmp, root, server, browser;

  before(async () => {
    tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'lab-e2e-'));
    root = path.join(tmp, 'root');
    await fsp.mkdir(path.join(root, 'sub'), { recursive: true });
    await fsp.writeFile(path.join(tmp, 'secret.txt'), 'outside the root\n');
    await fsp.writeFile(
      path.join(root, 'index.html'),
      page('Harness Smoke', 'document.body.dataset.ready = "1";'),
    );
    await fsp.writeFile(path.join(root, 'error.html'), page('Error Page', "console.error('x');"));
    await fsp.writeFile(path.join(root, 'sub', 'index.html'), page('Sub', ''));
    // Smallest valid wasm module: magic + version.
    await fsp.writeFile(path.join(root, 'empty.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await fsp.writeFile(path.join(root, 'mod.mjs'), 'export const x = 1;\n');
    await fsp.symlink(path.join(tmp, 'secret.txt'), path.join(root, 'escape.txt'));

    server = await startServer(root);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
  });

  it('loads a clean page with no problems', async () => {
    await withPage(browser, server.url, async ({ page, problems }) => {
      assert.equal(await page.title(), 'Harness Smoke');
      assert.equal(await page.evaluate(() => document.body.dataset.ready), '1');
      assert.deepEqual(problems(), []);
      assertClean(problems());
    });
  });

  it('reports console.error, so the harness can fail', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}error.html`);
    try {
      assert.equal(await page.title(), 'Error Page');
      await page.waitForFunction(() => document.readyState === 'complete');
      const list = problems();
      assert.equal(list.length, 1, `expected exactly one problem, got ${JSON.stringify(list)}`);
      assert.match(list[0], /^console\.error: x\b/);
      assert.throws(() => assertClean(list), /1 problem\(s\):\n {2}- console\.error: x/);
    } finally {
      await close();
    }
  });

  it('reports page errors, 404s and off-origin requests', async () => {
    await withPage(browser, server.url, async ({ page, problems }) => {
      const other = `http://localhost:${server.port}/elsewhere.png`; // loopback, other origin
      await page.evaluate(async (other) => {
        setTimeout(() => {
          throw new Error('boom');
        }, 0);
        await fetch('/missing.js').catch(() => {});
        await fetch(other).catch(() => {});
        await new Promise((r) => setTimeout(r, 50));
      }, other);
      const all = problems().join('\n');
      assert.match(all, /pageerror: Error: boom/);
      assert.match(all, /HTTP 404: GET http:\/\/127\.0\.0\.1:\d+\/missing\.js/);
      assert.match(all, new RegExp(`off-origin request: GET ${other.replace(/[.]/g, '\\.')}`));
      assert.doesNotMatch(all, /request failed: .*elsewhere/);
    });
  });

  it('serves MIME types, 404s and refuses traversal', async () => {
    const wasm = await rawGet(server.port, '/empty.wasm');
    assert.equal(wasm.status, 200);
    assert.equal(wasm.type, 'application/wasm');
    assert.equal(wasm.body.length, 8);

    const mjs = await rawGet(server.port, '/mod.mjs');
    assert.equal(mjs.status, 200);
    assert.match(mjs.type, /^text\/javascript/);

    const html = await rawGet(server.port, '/');
    assert.equal(html.status, 200);
    assert.match(html.type, /^text\/html/);

    const sub = await rawGet(server.port, '/sub/');
    assert.equal(sub.status, 200);
    assert.match(sub.body.toString(), /<title>Sub<\/title>/);

    assert.equal((await rawGet(server.port, '/nope.js')).status, 404);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub/..%2f..%2fsecret.txt', '/escape.txt']) {
      const r = await rawGet(server.port, p);
      assert.equal(r.status, 404, `${p} should be 404, got ${r.status}`);
      assert.doesNotMatch(r.body.toString(), /outside the root/);
    }
  });
});
