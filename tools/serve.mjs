// `make run`'s static server: serves the site (target/site, tools/site.mjs) on 127.0.0.1 as a real
// static host would, which Python's http.server does not. Text and wasm files go out brotli- or
// gzip-compressed when the browser accepts it (the 945 KB module is about a third of that on the
// wire), from copies compressed once per file version and kept in memory; every answer has an
// ETag so a reload revalidates with a 304 instead of downloading again. Node's own http and zlib,
// and for the whole module's delta (see DICTIONARY) tools/dictionary-brotli, which make build
// compiles; without it the server says so once and sends brotli.
//
// Usage: node tools/serve.mjs [--port 8000] [--root target/site]

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SITE_DIR, staleFiles, staleSentence } from './site.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const run = promisify(execFile);

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.wasm', '.txt']);
// Names are not content-hashed, so nothing may be cached without asking: `no-cache` means "reuse
// after a revalidation", which the ETag makes a small 304 when the file has not changed.
const CACHE_CONTROL = 'no-cache';

// Compression Dictionary Transport (RFC 9842; Chromium 130+): the whole module repeats much of the
// first-chart module (chart code, catalogue, key table, words), and a page or widget drawing a first
// chart has that module before it asks for the whole one (wasm-fetch.js, widget.js). So the
// first-chart module goes out marked as a dictionary for the whole modules beside it, and a request
// for one of those naming it in Available-Dictionary gets it brotli-compressed against it ("dcb":
// 307 → 255 KB on the wire; zstd's best, "dcz", made 276). Other browsers never name a dictionary
// and get brotli.
const DICTIONARY = {
  file: 'first_chart_bg.wasm',
  pattern: 'activation_lab*_bg.wasm', // a URL pattern beside the dictionary's URL
  matches: (name) => /^activation_lab(_relaxed)?_bg\.wasm$/.test(name),
};
// A dictionary is usable only while its response is fresh (not at all under no-cache). Long enough
// for the page to ask for the whole module; short because names are not content-hashed: a reload
// within it after a rebuild reuses the old first-chart module (failing against the new glue, the
// whole module then draws the first chart).
const DICTIONARY_CACHE_CONTROL = 'max-age=30';
// RFC 9842's "dcb" framing: this magic number, the dictionary's SHA-256, then the brotli stream.
const DCB_MAGIC = Buffer.from([0xff, 0x44, 0x43, 0x42]);
// Neither Node's zlib nor Debian's brotli (1.0.9) compresses against a dictionary; this helper
// (Dropbox's brotli crate) does. DICTIONARY_BROTLI names another copy (the tests: none at all).
export const HELPER = process.env.DICTIONARY_BROTLI
  ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'release', 'dictionary-brotli');
let helperMissing = false;

/** `entry` compressed against the dictionary beside `file`, as {id, body} (Available-Dictionary's
 * value and the dcb body), kept per version of both; null where the helper is missing or fails. */
async function delta(file, entry) {
  const dictionaryFile = path.join(path.dirname(file), DICTIONARY.file);
  const stat = await fsp.stat(dictionaryFile).catch(() => null);
  if (!stat?.isFile() || helperMissing) return null;
  const dictionary = await encodings(dictionaryFile, stat);
  if (entry.delta?.key !== dictionary.key) {
    const hash = crypto.createHash('sha256').update(dictionary.identity).digest();
    let body = null; // a failure is kept too, so the helper is not run again for every request
    try {
      const { stdout } = await run(HELPER, [dictionaryFile, file], { encoding: 'buffer', maxBuffer: 1 << 28 });
      body = Buffer.concat([DCB_MAGIC, hash, stdout]);
    } catch (err) {
      helperMissing = err.code === 'ENOENT';
      console.error(helperMissing
        ? `${HELPER} is missing (make build compiles it): the whole module goes out brotli-compressed only`
        : `${HELPER} failed on ${file}: ${err.message}; sending it brotli-compressed`);
    }
    entry.delta = { key: dictionary.key, id: `:${hash.toString('base64')}:`, body };
  }
  return entry.delta.body ? entry.delta : null;
}

/** The encodings of `file` (compressed once per size and mtime), keyed by name. */
const encoded = new Map();
async function encodings(file, stat) {
  const key = `${file}:${stat.size}:${stat.mtimeMs}`;
  let entry = encoded.get(file);
  if (entry?.key !== key) {
    const raw = await fsp.readFile(file);
    const quality = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } };
    const compress = COMPRESSIBLE.has(path.extname(file));
    entry = {
      key,
      etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
      identity: raw,
      br: compress ? await brotli(raw, quality) : null,
      gzip: compress ? await gzip(raw, { level: 9 }) : null,
    };
    encoded.set(file, entry);
  }
  return entry;
}

/** The best encoding the request accepts (dcb where `delta` is the dictionary it names, then br,
 * then gzip), by its Accept-Encoding and Available-Dictionary headers. */
function pick({ 'accept-encoding': acceptEncoding = '', 'available-dictionary': named }, delta) {
  const accepted = new Set(acceptEncoding.split(',').map((part) => part.split(';')[0].trim()));
  if (delta && accepted.has('dcb') && named?.trim() === delta.id) return 'dcb';
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

/** Compresses every file under `dir` ahead of the first request, so none waits for brotli. */
async function warm(dir) {
  for (const item of await fsp.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, item.name);
    if (item.isDirectory()) await warm(file);
    else if (item.isFile() && COMPRESSIBLE.has(path.extname(file))) {
      const entry = await encodings(file, await fsp.stat(file));
      if (DICTIONARY.matches(item.name)) await delta(file, entry);
    }
  }
}

/** Starts the server; resolves with its URL and a close(). */
export async function serve({ root, port = 0, host = '127.0.0.1' }) {
  const base = await fsp.realpath(root);
  await warm(base);
  const server = http.createServer(async (req, res) => {
    const fail = (status, text) => res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
    let file;
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      file = await fsp.realpath(path.join(base, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    } catch {
      return fail(404, 'not found');
    }
    if (file !== base && !file.startsWith(base + path.sep)) return fail(404, 'not found');
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile()) return fail(404, 'not found');
    const entry = await encodings(file, stat);
    const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': CACHE_CONTROL, ETag: entry.etag, Vary: 'Accept-Encoding' };
    const name = path.basename(file);
    if (name === DICTIONARY.file) {
      // The URL's own path, still percent-encoded: nothing a request sends can end the quoted string.
      const folder = path.posix.dirname(new URL(req.url, 'http://localhost').pathname);
      headers['Use-As-Dictionary'] = `match="${path.posix.join(folder, DICTIONARY.pattern)}"`;
      headers['Cache-Control'] = DICTIONARY_CACHE_CONTROL;
    }
    const against = DICTIONARY.matches(name) ? await delta(file, entry) : null;
    if (against) headers.Vary = 'Accept-Encoding, Available-Dictionary';
    if (req.headers['if-none-match'] === entry.etag) return res.writeHead(304, headers).end();
    const encoding = entry.br ? pick(req.headers, against) : 'identity';
    const body = encoding === 'dcb' ? against.body : entry[encoding];
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const url = `http://${host}:${server.address().port}/`;
  return { url, close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('port', '8000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer in 0..=65535, got "${arg('port')}"`);
    process.exit(2);
  }
  const root = arg('root', SITE_DIR);
  // The site is www/ as make build (or make site) last wrote it: say so when www/ has changed since.
  const stale = root === SITE_DIR && fs.existsSync(SITE_DIR) ? staleFiles() : [];
  if (stale.length) console.error(`${staleSentence(stale)}: \`make site\` rewrites it`);
  serve({ root, port }).then(
    ({ url }) => console.log(`Activation Lab: ${url}   (Ctrl+C stops)`),
    (err) => { console.error(`cannot serve on 127.0.0.1:${port}: ${err.message}`); process.exit(1); },
  );
}
