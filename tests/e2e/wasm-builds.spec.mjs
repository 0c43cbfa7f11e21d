// The two wasm builds (js/wasm.js picks one): Chromium validates relaxed SIMD, so the page loads
// the relaxed-SIMD build; a browser without it (simulated: the probe fails to validate) gets the
// plain SIMD128 build, and both give the same layers table and train every lesson to the bits
// the native CLI gives. Each build's GEMM, the one the deep network's pass runs, is checked
// against a naive product.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

const HASH = '#view=layers&activation=tanh&init=xavier_normal&width=96&batch=128&depth=6';
const PLAIN = 'activation_lab_bg.wasm';
const RELAXED = 'activation_lab_relaxed_bg.wasm';

describe('wasm builds', () => {
  const shared = useBrowser();

  /** Opens the layers view; returns its table's text, the build it chose and the wasm it fetched. */
  async function layersTable({ withoutRelaxedSimd }) {
    const { page, context, problems, close } = await openPage(shared.browser, `${shared.server.url}${HASH}`, { navigate: false });
    const fetched = [];
    page.on('request', (req) => {
      if (req.url().endsWith('.wasm')) fetched.push(path.posix.basename(new URL(req.url()).pathname));
    });
    try {
      if (withoutRelaxedSimd) {
        // The probe fails to validate in the page, and the layers worker, which probes for
        // itself, is handed the plain build under the relaxed name: everything runs plain.
        await context.addInitScript(() => {
          WebAssembly.validate = () => false;
        });
        await context.route(`**/pkg/${RELAXED}`, (route) =>
          route.fulfill({ path: path.join(WWW_DIR, 'pkg', PLAIN), contentType: 'application/wasm' }));
      }
      await page.goto(`${shared.server.url}${HASH}`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 60000 });
      const table = await page.locator('#layers-table tbody').innerText();
      assertClean(problems());
      return { table, build: await page.evaluate(() => document.body.dataset.wasm), fetched };
    } finally {
      await close();
    }
  }

  it('Chromium gets the relaxed-SIMD build, a browser without it the plain one, with the same numbers', async () => {
    const relaxed = await layersTable({ withoutRelaxedSimd: false });
    assert.equal(relaxed.build, 'relaxed-simd');
    assert.ok(relaxed.fetched.includes(RELAXED), `fetched ${relaxed.fetched}`);
    assert.ok(!relaxed.fetched.includes(PLAIN), `fetched ${relaxed.fetched}`);

    const plain = await layersTable({ withoutRelaxedSimd: true });
    assert.equal(plain.build, 'simd128');
    assert.ok(plain.fetched.includes(PLAIN), `fetched ${plain.fetched}`);

    // 6 layers of statistics, printed to 3 significant digits: a fused multiply-add changes the
    // last bit of a product, not the third digit of a statistic.
    assert.equal(relaxed.table.trim().split('\n').length, 6);
    assert.equal(plain.table, relaxed.table);
  });

  it('trains every lesson to the same state in both builds (relaxed SIMD stays out of training)', async () => {
    const { page, problems, close } = await openPage(shared.browser, shared.server.url);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      const states = await page.evaluate(async () => {
        // The page's instance is the relaxed build; a second instance of the loader gets the plain one.
        const relaxed = await import('/pkg/activation_lab.js');
        const plain = await import('/pkg/activation_lab.js?plain');
        await plain.default({ module_or_path: '/pkg/activation_lab_bg.wasm' });
        // A task per call, as the page slices its own training: this test's work is not the page's
        // long task.
        const pause = () => new Promise((resolve) => setTimeout(resolve));
        const pairs = [];
        for (const { query } of JSON.parse(relaxed.Race.presets())) {
          const [a, b] = [new relaxed.Race(query), new plain.Race(query)];
          for (let done = 0; done < 300; done += 50) {
            a.step(50);
            await pause();
            b.step(50);
            await pause();
          }
          pairs.push([query, a.state(), b.state()]);
          a.free();
          b.free();
        }
        return pairs;
      });
      assert.ok(states.length >= 11, `${states.length} presets`); // the five of issue #4, the six deep ones of #14
      for (const [query, relaxedState, plainState] of states) {
        // 300 steps, or all of a shorter preset's (the default is 1000).
        const steps = Math.min(300, Number(new URLSearchParams(query).get('steps') ?? 1000));
        assert.match(relaxedState, new RegExp(`"steps":${steps},`), query);
        assert.equal(relaxedState, plainState, query);
      }
      assertClean(problems());
    } finally {
      await close();
    }
  });
  // The reference is the native build: `actlab train` with the preset's keys as flags (built by
  // cargo under the test profile, which `cargo test` has already built), its JSON export.
  // Training gives the same bits on every target (xoshiro256++ and libm, no relaxed SIMD in the
  // training step): every record's accuracies, gradient norms, dead fractions and learned
  // parameters must match exactly. The reported losses are the exception: train/model.rs takes
  // them with std's exp, ln_1p and ln, which the platform provides (glibc natively, a libm port in
  // wasm), each within an ulp but not always the same one; the sums differ by at most 6.3e-16
  // relative (measured over the first five presets), so they are held to 1e-14.
  const LOSS_TOLERANCE = 1e-14;
  function sameRecords(got, want, at, key = '') {
    if (Array.isArray(want)) {
      assert.ok(Array.isArray(got) && got.length === want.length, `${at}: ${got?.length} vs ${want.length} entries`);
      want.forEach((w, i) => sameRecords(got[i], w, `${at}[${i}]`, key));
    } else if (want !== null && typeof want === 'object') {
      assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), at);
      for (const k of Object.keys(want)) sameRecords(got[k], want[k], `${at}.${k}`, k);
    } else if ((key === 'train_loss' || key === 'test_loss') && typeof want === 'number') {
      assert.ok(Math.abs(got - want) <= LOSS_TOLERANCE * Math.abs(want), `${at}: ${got} vs ${want}`);
    } else {
      assert.equal(got, want, at);
    }
  }

  it('trains every lesson preset to the native CLI\'s numbers in both release modules', async () => {
    const { page, problems, close } = await openPage(shared.browser, shared.server.url);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      const presets = await page.evaluate(async () => JSON.parse((await import('/pkg/activation_lab.js')).Race.presets()));
      assert.ok(presets.length >= 11, `${presets.length} presets`);
      for (const { id, query } of presets) {
        const flags = [...new URLSearchParams(query)].filter(([key]) => key !== 'view').flatMap(([key, value]) => [`--${key}`, value]);
        const native = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--profile', 'test', '--bin', 'actlab', '--', 'train', ...flags, '--format', 'json'],
          { encoding: 'utf8', maxBuffer: 1 << 26 }));
        const browser = await page.evaluate(async (q) => {
          const relaxed = await import('/pkg/activation_lab.js');
          const plain = await import('/pkg/activation_lab.js?plain');
          await plain.default({ module_or_path: '/pkg/activation_lab_bg.wasm' });
          const out = [];
          for (const module of [relaxed, plain]) {
            const race = new module.Race(q);
            // Until no run moves: every run has finished its steps or stopped at a divergence,
            // a task per call (this test's work is not the page's long task).
            for (let before = -1; race.steps() !== before;) {
              before = race.steps();
              race.step(50);
              await new Promise((resolve) => setTimeout(resolve));
            }
            const json = race.exportJson();
            race.free();
            out.push(JSON.parse(json));
          }
          return out;
        }, query);
        // One run prints its record alone, a race {config, runs}: every run of every preset
        // trains to its end without diverging (at least 50 records: the dead-ReLU timeline
        // records each of its 50 steps, the others every 10 of 1000 or more).
        for (const run of native.runs ?? [native]) {
          assert.ok(run.train_loss.length > 50 && run.diverged_at === null, `${id}: ${run.label}`);
        }
        sameRecords(browser[0], native, `${id} (relaxed-SIMD module)`);
        sameRecords(browser[1], native, `${id} (plain module)`);
      }
      assertClean(problems());
    } finally {
      await close();
    }
  });

  // The reference: the definition of a matrix product, summed in f64 (JS numbers), where each
  // product of two f32 values is exact. An f32 inner product of length k, in any order, with or
  // without fused multiply-adds, is within γ_k·Σ|a||b| of it, γ_k = k·u/(1 − k·u), u = 2⁻²⁴
  // (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1, eq. 3.5); the f64
  // sum's own γ_k in 2⁻⁵³ is added. The sizes leave partial micro-tiles (4 × 8) and blocks (256
  // deep, 128 rows, 1024 columns) in every direction, as crate/tests/common/naive_gemm.rs does
  // natively and in the wasm test build.
  it("both release modules' GEMM (plain SIMD128 and relaxed-SIMD FMA) match a naive f64 product within γ_k", async (t) => {
    const { page, problems, close } = await openPage(shared.browser, shared.server.url);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.evaluate(() => document.body.dataset.wasm), 'relaxed-simd');
      const results = await page.evaluate(async () => {
        const relaxed = await import('/pkg/activation_lab.js');
        const plain = await import('/pkg/activation_lab.js?plain');
        await plain.default({ module_or_path: '/pkg/activation_lab_bg.wasm' });
        const U32 = 2 ** -24;
        const U64 = 2 ** -53;
        const gamma = (k, u) => (k * u) / (1 - k * u);
        // Values in [-1, 1), multiples of 2^-23, from a linear congruential sequence.
        const values = (len, seed) => {
          let state = (Math.imul(seed, 2654435761) + 1) >>> 0;
          const out = new Float32Array(len);
          for (let i = 0; i < len; i += 1) {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            out[i] = (state >>> 8) / 2 ** 23 - 1;
          }
          return out;
        };
        const sizes = [[1, 1, 1], [3, 5, 7], [6, 8, 8], [37, 513, 129], [130, 3, 1025], [9, 700, 17]];
        const report = [];
        for (const [name, module] of [['simd128', plain], ['relaxed-simd', relaxed]]) {
          for (const [m, k, n] of sizes) {
            const a = values(m * k, 1);
            const b = values(k * n, 2);
            for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
              // Element (i, p) of a and (p, j) of b, from the layout each flag names.
              const at = (i, p) => (ta ? a[p * m + i] : a[i * k + p]);
              const bt = (p, j) => (tb ? b[j * k + p] : b[p * n + j]);
              const c = module.checkMatmul(a, b, m, k, n, ta, tb);
              let worst = 0;
              let where = null;
              for (let i = 0; i < m; i += 1) {
                for (let j = 0; j < n; j += 1) {
                  let sum = 0;
                  let magnitude = 0;
                  for (let p = 0; p < k; p += 1) {
                    const term = at(i, p) * bt(p, j);
                    sum += term;
                    magnitude += Math.abs(term);
                  }
                  const bound = (gamma(k, U32) + gamma(k, U64)) * magnitude;
                  const error = Math.abs(c[i * n + j] - sum);
                  const ratio = error === 0 ? 0 : error / bound;
                  // NaN (an entry never written) counts as a failure.
                  if (!(ratio <= worst)) {
                    worst = Number.isNaN(ratio) ? Infinity : ratio;
                    where = { i, j, got: c[i * n + j], expected: sum };
                  }
                }
              }
              report.push({ build: name, size: `${m}×${k}·${k}×${n}`, ta, tb, length: c.length, expected: m * n, worst, where });
            }
          }
        }
        // Which arithmetic each module has: a·b + acc for a = b = 1 + 2^-23, acc = -(1 + 2^-22).
        // Fused, that is 2^-46 exactly; with a rounded product, 0.
        const one = 2 ** -23;
        const probe = (module) =>
          module.checkMatmul(Float32Array.of(1, 1 + one), Float32Array.of(-(1 + 2 * one), 1 + one), 1, 2, 1, false, false)[0];
        return { report, fused: { plain: probe(plain), relaxed: probe(relaxed) } };
      });
      assert.equal(results.report.length, 2 * 6 * 4);
      for (const row of results.report) {
        assert.equal(row.length, row.expected, JSON.stringify(row));
        assert.ok(row.worst <= 1, `|error| above γ_k·Σ|a||b|: ${JSON.stringify(row)}`);
      }
      // The plain module rounds each product (IEEE f32x4.mul then add); relaxed madd may fuse
      // (it does on hardware with FMA) or not, and nothing else.
      assert.equal(results.fused.plain, 0);
      assert.ok([0, 2 ** -46].includes(results.fused.relaxed), `relaxed probe ${results.fused.relaxed}`);
      const worst = (build) => Math.max(...results.report.filter((r) => r.build === build).map((r) => r.worst));
      t.diagnostic(`relaxed madd ${results.fused.relaxed === 0 ? 'not fused' : 'fused'} here; worst |error|/bound: simd128 ${worst('simd128').toFixed(3)}, relaxed-simd ${worst('relaxed-simd').toFixed(3)}`);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
