// `make run`'s server (tools/serve.mjs): compressed answers a browser can decode, revalidation
// by ETag, the wasm MIME type, nothing outside its root, and the whole module as a delta against the
// first-chart module where the browser has that (Compression Dictionary Transport), which
// Chromium then decodes on the page and in a blog's widget.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import http from 'node:http';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve, HELPER } from '../../tools/serve.mjs';
import { siteDir, launchBrowser, openPage, assertClean } from './harness.mjs';

const SITE = siteDir();

const SERVE = fileURLToPath(new URL('../../tools/serve.mjs', import.meta.url));
// What the dictionary saves on the whole module against brotli alone: 52 KB (307 → 255); zstd's
// best, the dcz sent before, saved 31.
const DICTIONARY_SAVES = 48_000;

/** The `Available-Dictionary` value naming `bytes` (RFC 9842: its SHA-256, base64, between colons). */
const dictionaryId = (bytes) => `:${crypto.createHash('sha256').update(bytes).digest('base64')}:`;

/** A raw GET (fetch would decode the body and hide the encoding). */
const get = (url, headers = {}) => new Promise((resolve, reject) => {
  http.get(url, { headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});

describe('make run\'s static server', () => {
  let server;
  let wasm;
  let firstChart;
  before(async () => {
    server = await serve({ root: SITE });
    wasm = await fsp.readFile(path.join(SITE, 'pkg', 'activation_lab_bg.wasm'));
    firstChart = await fsp.readFile(path.join(SITE, 'pkg', 'first_chart_bg.wasm'));
  });
  after(() => server?.close());

  it('sends the wasm module brotli-compressed, then gzip, then as is, each decoding to the file', async () => {
    const url = `${server.url}pkg/activation_lab_bg.wasm`;
    const br = await get(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.ok(br.body.length < wasm.length / 2, `brotli: ${br.body.length} of ${wasm.length} bytes`);
    assert.ok(zlib.brotliDecompressSync(br.body).equals(wasm));
    const gz = await get(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(zlib.gunzipSync(gz.body).equals(wasm));
    const plain = await get(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.equals(wasm));
    assert.equal(br.headers.vary, 'Accept-Encoding, Available-Dictionary');
    const page = await get(`${server.url}index.html`, { 'Accept-Encoding': 'br' });
    assert.equal(page.headers.vary, 'Accept-Encoding');
  });

  // RFC 9842: the dictionary's response says which URLs it serves and stays fresh a while (a
  // browser keeps no dictionary from a no-cache answer); a request naming its SHA-256 and
  // accepting dcb gets the magic number, that hash and a brotli stream, which the helper's
  // decompressor (not the server's code; Chromium's own decoder below) decodes against the
  // dictionary to the very file.
  it('offers the first-chart module as a dictionary and sends a whole module brotli-compressed against it', async () => {
    const dictionary = await get(`${server.url}pkg/first_chart_bg.wasm`, { 'Accept-Encoding': 'br' });
    assert.equal(dictionary.headers['use-as-dictionary'], 'match="/pkg/activation_lab*_bg.wasm"');
    assert.match(dictionary.headers['cache-control'], /^max-age=[1-9][0-9]*$/);
    const hash = crypto.createHash('sha256').update(firstChart).digest();
    const url = `${server.url}pkg/activation_lab_bg.wasm`;
    const br = await get(url, { 'Accept-Encoding': 'br' });
    const dcb = await get(url, { 'Accept-Encoding': 'gzip, br, zstd, dcb, dcz', 'Available-Dictionary': dictionaryId(firstChart) });
    assert.equal(dcb.headers['content-encoding'], 'dcb');
    assert.deepEqual([...dcb.body.subarray(0, 4)], [0xff, 0x44, 0x43, 0x42]);
    assert.ok(dcb.body.subarray(4, 36).equals(hash));
    assert.ok(dcb.body.length < br.body.length - DICTIONARY_SAVES, `dcb ${dcb.body.length} bytes, brotli ${br.body.length}`);
    const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'activation-lab-dcb-'));
    try {
      writeFileSync(path.join(work, 'whole.br'), dcb.body.subarray(36));
      const dictionaryFile = path.join(SITE, 'pkg', 'first_chart_bg.wasm');
      const decoded = execFileSync(HELPER, ['--decompress', dictionaryFile, path.join(work, 'whole.br')], { maxBuffer: 1 << 28 });
      assert.ok(decoded.equals(wasm));
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  });

  it('sends brotli to a request naming another dictionary or not accepting dcb', async () => {
    const url = `${server.url}pkg/activation_lab_bg.wasm`;
    const named = dictionaryId(firstChart);
    const stale = dictionaryId('an older first-chart module');
    for (const headers of [
      { 'Accept-Encoding': 'br, dcb', 'Available-Dictionary': stale },
      { 'Accept-Encoding': 'br, dcb', 'Available-Dictionary': 'not a hash' },
      { 'Accept-Encoding': 'br, dcz', 'Available-Dictionary': named },
      { 'Accept-Encoding': 'br', 'Available-Dictionary': named },
    ]) {
      const res = await get(url, headers);
      assert.equal(res.headers['content-encoding'], 'br', JSON.stringify(headers));
      assert.ok(zlib.brotliDecompressSync(res.body).equals(wasm));
    }
  });

  // Without the helper (a checkout `make build` has not compiled) the server still serves: it
  // says why once, and a request naming the dictionary gets brotli.
  it('sends brotli, and says why once, where the dictionary helper is missing', async () => {
    const env = { PATH: process.env.PATH, DICTIONARY_BROTLI: '/nonexistent/dictionary-brotli' };
    const child = spawn(process.execPath, [SERVE, '--port', '0', '--root', SITE], { env });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      const base = await new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          const url = stdout.match(/http:\/\/127\.0\.0\.1:[0-9]+\//)?.[0];
          if (url) resolve(url);
        });
        child.on('exit', (code) => reject(new Error(`the server stopped (${code}): ${stderr}`)));
      });
      const res = await get(`${base}pkg/activation_lab_bg.wasm`, { 'Accept-Encoding': 'br, dcb', 'Available-Dictionary': dictionaryId(firstChart) });
      assert.equal(res.headers['content-encoding'], 'br');
      assert.ok(zlib.brotliDecompressSync(res.body).equals(wasm));
      assert.equal(stderr.match(/dictionary-brotli is missing/g)?.length, 1, stderr);
    } finally {
      child.kill();
    }
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await get(`${server.url}index.html`, { 'Accept-Encoding': 'br' });
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.match(first.headers.etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get(`${server.url}index.html`, { 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });

  it('serves nothing outside its root and only GET and HEAD', async () => {
    for (const p of ['/../Makefile', '/%2e%2e/Makefile', '/pkg/../../Cargo.toml', '/no-such-file.js']) {
      const res = await new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: new URL(server.url).port, path: p }, resolve).on('error', reject);
      });
      res.resume();
      assert.equal(res.statusCode, 404, p);
    }
    const post = await new Promise((resolve, reject) => {
      const req = http.request(`${server.url}index.html`, { method: 'POST' }, resolve);
      req.on('error', reject);
      req.end();
    });
    post.resume();
    assert.equal(post.statusCode, 405);
  });
});

// In the browser: a page, a blog's widget and the lesson's first step, which draw a first chart,
// ask for the whole module only once the first-chart module is in (wasm-fetch.js, widget.js),
// so Chromium names it, takes the delta and runs the module it decodes. Dcb can only come back
// if the dictionary was in before the request went out; the first-chart module is held back a
// moment, as on a slow link, so asking beside it, as before, gets brotli and fails here.
describe('make run\'s server in Chromium', () => {
  let server;
  let browser;
  before(async () => {
    server = await serve({ root: SITE });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, file, drawn] of [
    ['the page', 'index.html', () => Number(document.getElementById('curves-canvas')?.dataset.drawn || 0) > 0],
    ['a blog\'s widget', 'embed-example.html', () => Number(document.querySelector('activation-lab')?.dataset.drawn || 0) > 0],
    ['the lesson', 'lesson.html', () => Number(document.querySelector('#step-widgets activation-lab')?.dataset.drawn || 0) > 0],
  ]) {
    it(`sends ${name} the whole module as a delta against its first-chart module, and it draws`, async () => {
      const { page, problems, close } = await openPage(browser, `${server.url}${file}`, { navigate: false });
      try {
        await page.route(/\/pkg\/first_chart_bg\.wasm$/, async (route) => {
          await new Promise((resolve) => { setTimeout(resolve, 800); });
          await route.continue();
        });
        const whole = page.waitForResponse((response) => /\/pkg\/activation_lab(_relaxed)?_bg\.wasm$/.test(response.url()));
        await page.goto(`${server.url}${file}`);
        const response = await whole;
        assert.equal((await response.allHeaders())['content-encoding'], 'dcb');
        await page.waitForFunction(drawn, null, { timeout: 60_000 });
        const { responseBodySize } = await response.request().sizes();
        const br = await get(response.url(), { 'Accept-Encoding': 'br' });
        assert.ok(responseBodySize < br.body.length - DICTIONARY_SAVES, `dcb ${responseBodySize} bytes on the wire, brotli ${br.body.length}`);
        assertClean(problems());
      } finally {
        await close();
      }
    });
  }
});
