// `make bench-browser`, second half: Activation Lab's Rust→wasm MLP against TensorFlow.js's wasm
// backend doing the same work in the same headless Chromium.
//
// The network: depth 10, width 500, batch 1000, f32, no bias, tanh, Xavier-normal weights
// (σ = √(2/(500+500))) and N(0, 1) inputs. Forward: a ← tanh(a·W) ten times, then
// L = ½·mean(a_L²). Forward + backward: the same, then ∂L/∂W for every layer and δ to the input
// (ours computes that δ too, so TF.js is asked for ∂L/∂x as well: 30 GEMMs on each side).
// One page holds both; rounds alternate ours / TF.js (the machine is shared: load hits both
// alike), two warm-up rounds, then each task's best of five. Ours is timed on one thread (each
// build) and on the page's worker pool. The whole session runs twice: on a plain page, where
// TF.js has one thread, and on a cross-origin isolated one (COOP/COEP), where it may use its
// threaded build, so the pool meets TF.js's threads too.
//
// TF.js comes from npm (@tensorflow/tfjs + @tensorflow/tfjs-backend-wasm, dev dependencies of
// this folder, the same 4.22.0): their UMD bundles and .wasm files are copied with www/ into a
// temporary web root. The union @tensorflow/tfjs bundle is the one that registers gradients, so
// the backward pass is tf.grads itself (tf-core's bundle alone registers none: without the union
// package the pass is spelt out with the kernels TF.js's gradients call, and the row says so). A
// third row, labelled as explicit kernels, shows TF.js's best case (see the notes). What differs
// in the work: our tanh is an f32 rational approximation (≤ 8 ulp; `cargo bench --bench network`
// times the exact one beside it), TF.js's is its libm tanh; TF.js keeps its packed weights
// across rounds, ours repacks nothing either (weights stay in the lab between rounds).
//
// A benchmark, not a test: it asserts nothing, the machine is shared and noisy. It exits non-zero
// only when our own module fails; a TF.js failure is printed and our numbers still are.
//
// Usage: node bench-network.mjs

import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, openPage, siteDir } from './harness.mjs';
import { CHAINS, STEPS, ceilingWasm, measureCeiling } from './bench/simd-ceiling.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const DEPTH = 10;
const WIDTH = 500;
const BATCH = 1000;
const SEED = 1;
const WARMUPS = 2;
const REPEATS = 5;
const FORWARD_FLOPS = 2 * BATCH * WIDTH * WIDTH * DEPTH; // 5.0e9: the GEMMs only
// forward + ∂L/∂W + δ, one GEMM each per layer, less the input's δ, which nothing reads
const BACKWARD_FLOPS = ((3 * DEPTH - 1) / DEPTH) * FORWARD_FLOPS;
const LAB_CONFIG = `activation=tanh&init=xavier_normal&depth=${DEPTH}&width=${WIDTH}&batch=${BATCH}&seed=${SEED}`;

/** dist/ of an installed package, found through node's resolver (hoisting-proof). */
function distOf(pkg) {
  return path.dirname(require.resolve(`${pkg}/package.json`)) + '/dist';
}

/** A temporary web root: a copy of the site (with pkg/), the TF.js bundles under /tfjs/, /bench/. */
async function buildRoot() {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'activation-lab-bench-'));
  // Copies, not links: the harness's server refuses symlinks that leave its root.
  await fsp.cp(siteDir(), root, { recursive: true, dereference: true });
  await fsp.cp(path.join(HERE, 'bench'), path.join(root, 'bench'), { recursive: true, dereference: true });
  const tfjs = path.join(root, 'tfjs');
  await fsp.mkdir(tfjs);
  // The union package, when installed, brings the gradient registry too (see runTfjs).
  let core = ['@tensorflow/tfjs-core', 'tf-core.min.js'];
  try {
    distOf('@tensorflow/tfjs');
    core = ['@tensorflow/tfjs', 'tf.min.js'];
  } catch {
    // not installed: tf-core it is
  }
  const files = [
    [core[0], [core[1], `${core[1]}.map`]],
    [
      '@tensorflow/tfjs-backend-wasm',
      [
        'tf-backend-wasm.min.js',
        'tf-backend-wasm.min.js.map',
        'tfjs-backend-wasm.wasm',
        'tfjs-backend-wasm-simd.wasm',
        'tfjs-backend-wasm-threaded-simd.wasm',
      ],
    ],
  ];
  const tfjsErrors = [];
  for (const [pkg, names] of files) {
    let dist;
    try {
      dist = distOf(pkg);
    } catch (err) {
      tfjsErrors.push(`${pkg} is not installed (npm ci in tests/e2e): ${err.message}`);
      continue;
    }
    for (const name of names) {
      await fsp.copyFile(path.join(dist, name), path.join(tfjs, name)).catch((err) => {
        if (!name.endsWith('.map')) tfjsErrors.push(`${pkg}/dist/${name}: ${err.message}`);
      });
    }
  }
  return { root, tfjsErrors, coreBundle: core[1], ceilingWasm: ceilingWasm() };
}

// The page-side functions below are serialised by page.evaluate: they use only their arguments
// and the page's globals, where they keep their state between rounds.

/**
 * In the page: load both of our builds and make a lab in each. The page's loader (js/wasm.js)
 * picks the relaxed-SIMD one here; the plain SIMD128 one (what Safari gets) is loaded through a
 * second instance of the same JS loader (a query string makes it a separate module).
 */
async function setupOurs({ config }) {
  const { wasmBuild } = await import('/js/wasm.js');
  const builds = { [wasmBuild]: await import('/pkg/activation_lab.js') };
  if (wasmBuild === 'relaxed-simd') {
    const plain = await import('/pkg/activation_lab.js?simd128');
    await plain.default({ module_or_path: '/pkg/activation_lab_bg.wasm' });
    builds.simd128 = plain;
  }
  globalThis.benchLabs = Object.entries(builds).map(([build, m]) => [build, new m.Lab(config)]);
  globalThis.benchPool = await import('/js/layers-pool.js');
  return { pageBuild: wasmBuild, builds: Object.keys(builds), poolSize: globalThis.benchPool.poolSize };
}

/**
 * In the page: per build, one forward and one forward + backward pass of ours on this thread,
 * then the page's worker pool (the page's build): the passes alone split over the workers, and
 * the layers view's whole pass (with every statistic, merged), all in ms.
 */
async function oursRound({ config }) {
  // timeNetwork draws its network (untimed), then times the passes with performance.now().
  const times = Object.fromEntries(globalThis.benchLabs.map(([build, lab]) => [build, Array.from(lab.timeNetwork(1))]));
  const { forward, both, shards } = await globalThis.benchPool.timeLayers(config, 1);
  times[`${shards} workers`] = [forward, both];
  const { ms, mergeMs } = await globalThis.benchPool.runLayers(config);
  times['page'] = [ms, mergeMs];
  return times;
}

function oursFinish() {
  for (const [, lab] of globalThis.benchLabs ?? []) lab.free();
  globalThis.benchLabs = undefined;
}

/** In the page: load TF.js's UMD bundles, pick the wasm backend, build the same network. */
async function setupTfjs({ coreBundle, depth, width, batch, seed }) {
  const load = (src) =>
    new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(s);
    });
  await load(`/tfjs/${coreBundle}`);
  await load('/tfjs/tf-backend-wasm.min.js');
  const tf = globalThis.tf;
  if (!tf || !tf.wasm) throw new Error('tf / tf.wasm globals missing after loading the bundles');
  tf.wasm.setWasmPaths('/tfjs/');
  // TF.js defaults to half the cores when it may use threads; ask for every core, as our pool
  // has (4.22 still reports 1 thread on a 2-core machine: getThreadsCount() says what it used).
  const askedThreads = globalThis.crossOriginIsolated ? navigator.hardwareConcurrency || 1 : null;
  if (askedThreads) tf.wasm.setThreadsCount(askedThreads);
  if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') returned false");
  await tf.ready();

  const std = Math.sqrt(2 / (width + width)); // Xavier normal, gain 1
  const x = tf.randomNormal([batch, width], 0, 1, 'float32', seed);
  const ws = Array.from({ length: depth }, (_, l) =>
    tf.randomNormal([width, width], 0, std, 'float32', seed + 1 + l),
  );
  const loss = (input, ...weights) => {
    let a = input;
    for (const w of weights) a = tf.tanh(tf.matMul(a, w));
    return tf.mul(0.5, tf.mean(tf.square(a)));
  };

  // Gradients with respect to the input as well as every W: ours also carries δ to the input.
  // tf.grads needs the gradient registry, which tf-core's UMD bundle leaves empty (the union
  // @tensorflow/tfjs bundle fills it). Without it, the backward pass is spelt out with the very
  // kernels TF.js's registered gradients run: MatMul → two transposed matMuls, Tanh → dy·(1−y²).
  let method = 'tf.grads (autodiff)';
  try {
    tf.tidy(() => tf.grads((a) => tf.mean(tf.square(tf.tanh(tf.matMul(a, a)))))([tf.ones([2, 2])]));
  } catch (err) {
    method = `explicit backward with tf ops (tf.grads unavailable: ${err.message})`;
  }
  // materialise: transpose explicitly and call the plain matMul, which TF.js's wasm backend
  // sends to XNNPACK; a transposed matMul (what the MatMul gradient asks for) falls back to its
  // scalar loop (tfjs-backend-wasm/src/cc/batch_mat_mul_impl.cc). A what-if row, not tf.grads.
  const explicit = (materialise) => ([input, ...weights]) => {
    const activations = [input];
    let a = input;
    for (const w of weights) {
      a = tf.tanh(tf.matMul(a, w));
      activations.push(a);
    }
    tf.mul(0.5, tf.mean(tf.square(a))); // the loss, as tf.grads computes it on the way
    let dA = tf.div(a, a.size); // ∂L/∂a_L for L = ½·mean(a_L²)
    const dW = [];
    for (let l = weights.length - 1; l >= 0; l--) {
      const y = activations[l + 1];
      const delta = tf.mul(dA, tf.sub(1, tf.square(y)));
      if (materialise) {
        dW[l] = tf.matMul(tf.transpose(activations[l]), delta);
        dA = tf.matMul(delta, tf.transpose(weights[l]));
      } else {
        dW[l] = tf.matMul(activations[l], delta, true, false);
        dA = tf.matMul(delta, weights[l], false, true);
      }
    }
    return [dA, ...dW];
  };
  const gradients = method.startsWith('tf.grads') ? tf.grads(loss) : explicit(false);

  const forward = async () => {
    const l = tf.tidy(() => loss(x, ...ws));
    const [value] = await l.data(); // forces completion
    l.dispose();
    return value;
  };
  const withGradients = (fn) => async () => {
    const gs = tf.tidy(() => fn([x, ...ws]));
    await Promise.all(gs.map((g) => g.data())); // reads every gradient back: forces completion
    tf.dispose(gs);
  };
  const timed = async (fn) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  globalThis.benchTf = {
    tasks: [forward, withGradients(gradients), withGradients(explicit(true))],
    timed,
    forward,
    tensors: [x, ...ws],
    tensorsBefore: tf.memory().numTensors,
  };
  return {
    bundle: coreBundle,
    version: tf.version_core,
    backend: tf.getBackend(),
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    threadsSupported: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    threads: tf.wasm.getThreadsCount(),
    askedThreads,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    method,
  };
}

/** In the page: one run of each TF.js task (forward, forward + backward, what-if), in ms. */
async function tfjsRound() {
  const { tasks, timed } = globalThis.benchTf;
  const ms = [];
  for (const task of tasks) ms.push(await timed(task));
  return ms;
}

async function tfjsFinish() {
  const b = globalThis.benchTf;
  if (!b) return null;
  const loss = await b.forward();
  const tensorsAfter = globalThis.tf.memory().numTensors;
  globalThis.tf.dispose(b.tensors);
  globalThis.benchTf = undefined;
  return { loss, tensorsBefore: b.tensorsBefore, tensorsAfter };
}

const share = (part, whole) => (Number.isFinite(part) && Number.isFinite(whole) ? `${Math.round((100 * part) / whole)} %` : '—');
const fmtMs = (ms) => (Number.isFinite(ms) ? ms.toFixed(1) : '—');
const gflops = (flops, ms) => (Number.isFinite(ms) && ms > 0 ? (flops / ms / 1e6).toFixed(2) : '—');

/**
 * Issue #13's one-thread targets beside this run's figures, for the build this page loads:
 * [what, figure, target, met] rows (met is '—' when either side failed).
 */
function oneThreadTargets(best, tfjsBest, ceiling) {
  const ratio = (ours, theirs) => (Number.isFinite(ours) && Number.isFinite(theirs) ? theirs / ours : NaN);
  const forward = ratio(best?.[0], tfjsBest[0]);
  const backward = ratio(best?.[1], tfjsBest[2]);
  const rate = Number.isFinite(best?.[0]) ? FORWARD_FLOPS / best[0] / 1e6 : NaN;
  const met = (value, target) => (Number.isFinite(value) ? (value >= target ? 'met' : 'not met') : '—');
  return [
    ['forward, TF.js / ours', Number.isFinite(forward) ? `${forward.toFixed(2)}×` : '—', '≥ 2×', met(forward, 2)],
    ['forward + backward, TF.js\'s best case (explicit kernels) / ours', Number.isFinite(backward) ? `${backward.toFixed(2)}×` : '—', '≥ 2×', met(backward, 2)],
    ['GEMM GFLOP/s (the forward\'s GEMMs over the whole forward)', Number.isFinite(rate) ? rate.toFixed(2) : '—', '≥ 45', met(rate, 45)],
    [
      `this machine's ceiling: ${CHAINS} independent f32x4.relaxed_madd chains (the GEMM above is ${share(rate, ceiling)} of it, the target ${share(45, ceiling)}; on the issue's machine 45 was 71 % of about 63)`,
      Number.isFinite(ceiling) ? ceiling.toFixed(2) : '—',
      '',
      '',
    ],
  ];
}

/** The headers that make a page cross-origin isolated, so TF.js may use its threaded build. */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const minInto = (best, ms) => ms.forEach((v, i) => (best[i] = Math.min(best[i], v)));

/**
 * One page on a fresh server (cross-origin isolated or not), both libraries set up in it, the
 * rounds run; prints the table. Returns whether our own module failed.
 */
async function session({ browser, root, built, isolated }) {
  let ourError = null;
  let tfjsError = null;
  let tfjs = null; // setupTfjs's description, then tfjsFinish's too
  const oursBest = {}; // row → [forward, forward + backward]
  let ours = null; // setupOurs's description
  const tfjsBest = [Infinity, Infinity, Infinity]; // forward, forward + backward, what-if
  let ceiling = -Infinity; // the SIMD probe's best GFLOP/s
  let ceilingNote = null; // why there is no ceiling, when there is none
  const wasmRequests = [];
  const server = await startServer(root, { headers: isolated ? ISOLATION : {} });
  try {
    const { page, problems, close } = await openPage(browser, `${server.url}bench/network.html`);
    page.on('request', (req) => {
      if (req.url().startsWith(`${server.origin}/tfjs/`) && req.url().endsWith('.wasm')) {
        wasmRequests.push(path.posix.basename(new URL(req.url()).pathname));
      }
    });
    try {
      ours = await page.evaluate(setupOurs, { config: LAB_CONFIG }).catch((err) => (ourError = err));
      if (built.tfjsErrors.length) {
        tfjsError = new Error(built.tfjsErrors.join('; '));
      } else {
        tfjs = await page
          .evaluate(setupTfjs, { coreBundle: built.coreBundle, depth: DEPTH, width: WIDTH, batch: BATCH, seed: SEED })
          .catch((err) => {
            tfjsError = err;
            return null;
          });
      }
      // Rounds alternate between the two, so the machine's load (shared, 2 cores) hits both alike.
      for (let round = 0; round < WARMUPS + REPEATS; round++) {
        const counts = round >= WARMUPS;
        if (!ourError) {
          const ms = await page.evaluate(oursRound, { config: LAB_CONFIG }).catch((err) => (ourError = err));
          if (counts && !ourError) {
            for (const [build, times] of Object.entries(ms)) minInto((oursBest[build] ??= [Infinity, Infinity]), times);
          }
        }
        if (!ceilingNote) {
          const probe = { bytes: built.ceilingWasm, chains: CHAINS, steps: STEPS, calls: 3 };
          const r = await page.evaluate(measureCeiling, probe).catch((err) => ({ error: err.message }));
          if (r.error || !r.counted) ceilingNote = r.error ?? 'a chain skipped steps (its sum was off)';
          else if (counts) ceiling = Math.max(ceiling, r.gflops);
        }
        if (tfjs && !tfjsError) {
          const ms = await page.evaluate(tfjsRound).catch((err) => (tfjsError = err));
          if (counts && !tfjsError) minInto(tfjsBest, ms);
        }
      }
      await page.evaluate(oursFinish).catch(() => {});
      if (tfjs && !tfjsError) {
        const end = await page.evaluate(tfjsFinish).catch((err) => (tfjsError = err));
        if (!tfjsError) Object.assign(tfjs, end);
      }
    } finally {
      if (problems().length) console.log(`page problems:\n  ${problems().join('\n  ')}`);
      await close();
    }
  } finally {
    await server.close().catch(() => {});
  }

  console.log(
    `\n## ${isolated ? 'Cross-origin isolated page (COOP/COEP sent): TF.js may use threads' : 'Plain page (no COOP/COEP), as most hosts serve it'}\n`,
  );
  if (tfjs && !tfjsError) {
    const flavour = wasmRequests.length
      ? wasmRequests.join(', ')
      : tfjs.threadsSupported
        ? 'threaded-simd'
        : tfjs.simd
          ? 'simd'
          : 'plain';
    console.log(
      `TF.js ${tfjs.version} (${tfjs.bundle} + tf-backend-wasm.min.js, backend ${tfjs.backend}): ` +
        `loaded ${flavour}; SIMD ${tfjs.simd ? 'yes' : 'no'}, ${tfjs.threads} thread(s)` +
        (tfjs.askedThreads ? ` (setThreadsCount(${tfjs.askedThreads}) asked for more) ` : ' ') +
        `(crossOriginIsolated = ${tfjs.crossOriginIsolated}; threads need SharedArrayBuffer, i.e. COOP/COEP).`,
    );
    console.log(`TF.js backward: ${tfjs.method}.`);
    console.log(
      `TF.js loss ½·mean(a_L²) = ${tfjs.loss.toExponential(3)}; live tensors ${tfjs.tensorsBefore} before, ` +
        `${tfjs.tensorsAfter} after the timed runs.`,
    );
  } else {
    console.log(`TF.js failed: ${tfjsError?.message ?? tfjsError}`);
  }
  if (ourError) {
    console.log(`Activation Lab failed: ${ourError.message ?? ourError}`);
  } else {
    console.log(
      `Activation Lab: Rust → wasm32. relaxed-simd and simd128 rows run on one thread: the page loads the ` +
        `${ours.pageBuild} build here (relaxed-SIMD FMA in the GEMM); simd128 is the plain build other ` +
        `browsers (Safari) get, its GEMM tile sized for WebKit's engine: V8 spills it, so its rows ` +
        `here are not what a Safari reader sees (bench-engines' WebKit row is). "N workers" is the ` +
        `page's pool (one per core, at most 4; ${ours.poolSize} here), each ` +
        `running the network on its share of the batch, timed from the first message out to the last reply in.`,
    );
  }
  console.log(`Rounds alternate ours / TF.js; ${WARMUPS} warm-up rounds, then the best of ${REPEATS}.\n`);

  // Like beside like: each row says how many threads each side ran on. Our single-thread builds
  // face TF.js on this page's thread count (one on a plain page); our pool is its own row.
  const rows = [];
  const { page: pagePass, ...passes } = oursBest;
  const tfThreads = tfjs?.threads ?? '—';
  for (const [build, best] of Object.entries(passes)) {
    const threads = build.endsWith(' workers') ? parseInt(build, 10) : 1;
    const side = build.endsWith(' workers') ? `ours: worker pool, ${build}` : `ours: ${build}, one thread`;
    rows.push(
      [`forward (${side})`, FORWARD_FLOPS, best[0], tfjsBest[0], threads],
      [`forward + backward (${side}; TF.js: ${tfjs?.method ?? 'tf.grads'})`, BACKWARD_FLOPS, best[1], tfjsBest[1], threads],
      [`forward + backward, TF.js with explicit kernels: tf.transpose + plain matMul (what-if; ${side})`, BACKWARD_FLOPS, best[1], tfjsBest[2], threads],
    );
  }
  console.log(
    '| task | GFLOP | threads (ours / TF.js) | Activation Lab (wasm) ms | TF.js wasm ms | speed-up (TF.js / ours) | ours GFLOP/s | TF.js GFLOP/s |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [task, flops, o, t, threads] of rows) {
    const speedup = Number.isFinite(o) && Number.isFinite(t) ? `${(t / o).toFixed(2)}×` : '—';
    console.log(
      `| ${task} | ${(flops / 1e9).toFixed(1)} | ${threads} / ${tfThreads} | ${fmtMs(o)} | ${fmtMs(t)} | ${speedup} | ${gflops(flops, o)} | ${gflops(flops, t)} |`,
    );
  }
  if (!ourError) {
    console.log(`\nIssue #13's one-thread targets (the ${ours.pageBuild} build this page loads):\n`);
    console.log('| figure | this run | target | |');
    console.log('|---|---:|---:|---|');
    if (ceilingNote) console.log(`(no SIMD ceiling: ${ceilingNote})\n`);
    for (const [what, figure, target, met] of oneThreadTargets(passes[ours.pageBuild], tfjsBest, ceiling)) {
      console.log(`| ${what} | ${figure} | ${target} | ${met} |`);
    }
  }
  if (pagePass) {
    console.log(
      `\nThe layers view's whole pass on the worker pool (both passes, every statistic and histogram, ` +
        `the merge on the page's thread): ${fmtMs(pagePass[0])} ms, of which the page's own thread ` +
        `${fmtMs(pagePass[1])} ms.`,
    );
  }
  return ourError;
}

let browser;
let root;
try {
  const built = await buildRoot();
  root = built.root;
  browser = await launchBrowser();
  console.log(
    `\nMLP in Chromium ${browser.version()}: depth ${DEPTH}, width ${WIDTH}, batch ${BATCH}, f32, tanh, ` +
      `Xavier normal, no bias`,
  );
  const errors = [];
  for (const isolated of [false, true]) errors.push(await session({ browser, root, built, isolated }));
  console.log(
    '\nspeed-up > 1: ours is faster. FLOPs count the GEMMs only (tanh, loss, transposes and read-backs\n' +
      'are extra). TF.js\'s wasm matMul runs XNNPACK only without transposes; the MatMul gradient\n' +
      'transposes, so tf.grads lands on its scalar fallback. The what-if row transposes first to show\n' +
      'TF.js\'s best case; it is not what TF.js users get from tf.grads.',
  );
  const ourError = errors.find(Boolean);
  if (ourError) throw ourError;
} catch (err) {
  console.error(`bench-network: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  if (root) await fsp.rm(root, { recursive: true, force: true }).catch(() => {});
}
