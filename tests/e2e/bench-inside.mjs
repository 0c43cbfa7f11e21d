// `make bench`, inside each layer and the history (issue #14): in headless Chromium, for a deep
// network (sigmoid 16×20 with skips, spiral) and the default-sized race, the cost of a record with
// the history kept (a frame: the per-layer records, the three histograms, the surface) against a
// run that records nothing, the cost of rewinding, and of drawing one run's small multiples and its
// per-layer lines; the memory the history holds and the wasm's size beside main's when given.
// A benchmark, not a test: it asserts nothing, the machine is shared and noisy.
//
// Usage: node bench-inside.mjs [path/to/main/www/pkg]

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, openPage } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(HERE, '..', '..', 'www', 'pkg');
const CASES = [
  ['deep: sigmoid 16×20, skips', 'activation=sigmoid&residual=true&dataset=spiral&hidden=16x20'],
  ['race: relu, tanh, sigmoid 8,8', 'activation=relu,tanh,sigmoid&dataset=spiral&hidden=8,8'],
];
const RECORDS = 40;
const EVERY = 10;

const server = await startServer();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, `${server.url}index.html#view=curves`, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  await page.waitForSelector('body[data-ready="true"]');
  const results = await page.evaluate(async ({ cases, records, every }) => {
    const module = await import('./pkg/activation_lab.js');
    await module.default();
    const canvas = document.createElement('canvas');
    canvas.width = 880;
    canvas.height = 600;
    document.body.append(canvas);
    const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
    const best = (n, f) => Math.min(...Array.from({ length: n }, () => time(f)));
    const out = [];
    for (const [name, query] of cases) {
      const steps = records * every;
      const base = `view=train&${query}&steps=5000&seed=3`;
      // The same steps, recording every `every` (each record kept as a frame) or never.
      const kept = new module.Race(`${base}&record-every=${every}`);
      const bare = new module.Race(`${base}&record-every=1000`);
      kept.step(every); bare.step(every); // warm up
      const withHistory = best(3, () => { kept.reset(); kept.step(steps); });
      const without = best(3, () => { bare.reset(); bare.step(steps); });
      const info = JSON.parse(kept.historyInfo());
      const rewind = best(5, () => kept.rewind(steps / 2));
      kept.live();
      const multiples = best(5, () => kept.drawInside(canvas, 0, 1, false));
      const lines = best(5, () => kept.drawLayerLines(canvas, 0, 1, false));
      out.push({
        name,
        perRecordMs: (withHistory - without) / records,
        stepsMs: without,
        rewindMs: rewind,
        multiplesMs: multiples,
        linesMs: lines,
        frames: info.frames,
        bytes: info.bytes,
        budget: info.budget,
      });
      kept.free();
      bare.free();
    }
    return out;
  }, { cases: CASES, records: RECORDS, every: EVERY });
  const fmt = (v, d = 2) => Number(v).toFixed(d);
  console.log(`inside each layer and the history (best of runs, ${RECORDS} records every ${EVERY} steps):`);
  for (const r of results) {
    console.log(`  ${r.name}: a record with its frame costs ${fmt(r.perRecordMs)} ms more than no record `
      + `(${fmt(r.stepsMs, 1)} ms for the ${RECORDS * EVERY} steps alone); rewind ${fmt(r.rewindMs)} ms; `
      + `small multiples ${fmt(r.multiplesMs)} ms, per-layer lines ${fmt(r.linesMs)} ms per draw (880×600); `
      + `history ${r.frames.join('/')} frames, ${fmt(r.bytes / 1024, 0)} KiB of ${fmt(r.budget / 2 ** 20, 0)} MiB `
      + `(${fmt(r.bytes / Math.max(1, r.frames.reduce((a, b) => a + b, 0)) / 1024, 1)} KiB a frame)`);
  }
  const mainPkg = process.argv[2];
  for (const file of ['activation_lab_bg.wasm', 'activation_lab_relaxed_bg.wasm']) {
    const ours = (await stat(path.join(PKG, file)).catch(() => null))?.size;
    const theirs = mainPkg ? (await stat(path.join(mainPkg, file)).catch(() => null))?.size : undefined;
    if (ours === undefined) continue;
    const change = theirs ? ` (${ours - theirs >= 0 ? '+' : ''}${ours - theirs} bytes against ${theirs})` : '';
    console.log(`  ${file}: ${ours} bytes${change}`);
  }
} finally {
  await browser.close();
  await server.close();
}
