// `make run`'s server (tools/serve.mjs): compressed answers a browser can decode, revalidation
// by ETag, the wasm MIME type, and nothing outside www/.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../../tools/serve.mjs';
import { WWW_DIR } from './harness.mjs';

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
  before(async () => {
    server = await serve({ root: WWW_DIR });
    wasm = await fsp.readFile(path.join(WWW_DIR, 'pkg', 'activation_lab_bg.wasm'));
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
    assert.equal(br.headers.vary, 'Accept-Encoding');
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await get(`${server.url}index.html`, { 'Accept-Encoding': 'br' });
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.match(first.headers.etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get(`${server.url}index.html`, { 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });

  it('serves nothing outside www/ and only GET and HEAD', async () => {
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
