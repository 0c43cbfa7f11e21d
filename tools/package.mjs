// `make package`: the <activation-lab> widget as an npm package, so a blog can load it from a
// package CDN with one tag. The files are what the element loads, read from the sources: the
// static import graph of widget.js and activation-lab.js (module-graph.mjs), each worker they
// start by `new URL('…js', import.meta.url)` and each module they import('…') later, with its own
// graph, and each wasm file named in them. They are copied from the site (tools/site.mjs): each
// script minified, with its source map beside it.
// package.spec.mjs unpacks the tarball, serves it from a second origin with CORS and embeds it.
//
//   node tools/package.mjs [out-dir]   → prints the tarball's path (default out-dir: target/)

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WWW_DIR, closure } from './module-graph.mjs';
import { SITE_DIR, staleFiles, staleSentence, withMaps } from './site.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The entries a blog may load: the README's tag (widget.js) and the element itself. */
export const ENTRIES = ['js/widget.js', 'js/activation-lab.js'];

/** The crate's version and licence, so the package and the crate never disagree. */
export function crateManifest() {
  const toml = readFileSync(path.join(REPO, 'crate', 'Cargo.toml'), 'utf8');
  const field = (name) => toml.match(new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, 'm'))[1];
  return { version: field('version'), license: field('license') };
}

/** Every file of www/ the widget loads, relative to www/, sorted. */
export function widgetFiles() {
  const files = new Set();
  const todo = [...ENTRIES];
  while (todo.length) {
    for (const module of closure(todo.pop())) {
      if (files.has(module)) continue;
      files.add(module);
      const source = readFileSync(path.join(WWW_DIR, module), 'utf8');
      const beside = (url) => path.relative(WWW_DIR, path.resolve(WWW_DIR, path.dirname(module), url));
      // Workers (started from a URL beside the module), each with an import graph of its own;
      // modules imported later (import('…')) are in the closure already.
      for (const [, url] of source.matchAll(/new URL\(\s*['"]([^'"]+\.js)['"]\s*,\s*import\.meta\.url\s*\)/g)) todo.push(beside(url));
      // The wasm modules, named as string literals: a path beside the module, or a bare file name
      // in pkg/ (wasm-fetch.js picks one of two builds; the loader names its default).
      for (const [, name] of source.matchAll(/['"`]((?:\.{1,2}\/)?(?:[\w-]+\/)*[\w-]+\.wasm)['"`]/g)) {
        files.add(name.includes('/') ? beside(name) : `pkg/${name}`);
      }
    }
  }
  return [...files].sort();
}

function packageJson({ version, license }) {
  return {
    name: 'activation-lab',
    version,
    description: 'The <activation-lab> web component: activation functions, their derivatives and deep networks, drawn live from WebAssembly.',
    license,
    type: 'module',
    // The README's tag loads the package's main entry; the element alone is the second.
    exports: { '.': './js/widget.js', './element': './js/activation-lab.js', './package.json': './package.json' },
    browser: './js/widget.js',
    files: ['js/', 'pkg/', 'README.md'],
    keywords: ['web-component', 'webassembly', 'activation-function', 'deep-learning', 'visualization'],
  };
}

function readme({ version }) {
  return `# activation-lab

The \`<activation-lab>\` web component: live charts of activation functions, their derivatives and
what they do to a deep network (each layer's activations and the gradient that reaches it),
computed in WebAssembly in the reader's browser. Labels in English and Korean.

## Embed (one tag)

From a package CDN:

\`\`\`html
<script type="module" src="https://cdn.jsdelivr.net/npm/activation-lab@${version}/js/widget.js"></script>
\`\`\`

Or self-hosted, after copying this package's \`js/\` and \`pkg/\` folders side by side to your site:

\`\`\`html
<script type="module" src="/activation-lab/js/widget.js"></script>
\`\`\`

Then, anywhere in the post:

\`\`\`html
<activation-lab activation="leaky_relu" negative-slope="0.05" at="-1"></activation-lab>
<activation-lab view="layers" activation="tanh" init="normal" std="0.01" depth="8" width="200" batch="300"></activation-lab>
\`\`\`

A host on another origin must send \`Access-Control-Allow-Origin\` for \`js/\` and \`pkg/\` (package
CDNs do) and \`.wasm\` as \`application/wasm\`. The widget makes no other requests; its layers view
starts its workers from a one-line module on the page's own origin that imports the worker
script from the host. Under a Content-Security-Policy, allow the host in \`script-src\`,
\`connect-src\` and \`worker-src\` (beside \`blob:\`, where the workers start), and
\`'wasm-unsafe-eval'\`.

Every attribute (\`view\`, \`activation\`, \`controls\`, \`views\`, \`lang\`, \`preset\`, …) is described in
the project's README, section Embedding.
`;
}

/** Stages the package in a temporary folder and packs it into `outDir`; returns the tarball's path. */
export function buildPackage(outDir) {
  const manifest = crateManifest();
  const stale = staleFiles();
  if (stale.length) throw new Error(`${staleSentence(stale)}: run \`make site\` first`);
  const stage = mkdtempSync(path.join(os.tmpdir(), 'activation-lab-package-'));
  try {
    for (const file of withMaps(widgetFiles())) {
      const from = path.join(SITE_DIR, file);
      try {
        statSync(from);
      } catch {
        throw new Error(`${from} is missing: run \`make build\` first`);
      }
      mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      cpSync(from, path.join(stage, file));
    }
    writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(packageJson(manifest), null, 2)}\n`);
    writeFileSync(path.join(stage, 'README.md'), readme(manifest));
    mkdirSync(outDir, { recursive: true });
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', path.resolve(outDir)], {
      cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
    }));
    return path.resolve(outDir, packed[0].filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tarball = buildPackage(process.argv[2] ?? path.join(REPO, 'target'));
  console.log(`${path.relative(process.cwd(), tarball)}: ${statSync(tarball).size} bytes`);
}
