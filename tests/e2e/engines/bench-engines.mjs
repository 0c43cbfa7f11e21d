// `make bench`, per engine: what a reader in Chromium, Firefox or Safari's engine (WebKitGTK)
// gets from the same page. The cs231n pass (10 × 500, batch 1000, tanh, Xavier normal) on one
// thread (the build the engine loads) and on the page's worker pool, and training examples/s for
// Playground's default network. Each figure is the best of a few rounds after a warm-up.
// A benchmark, not a test: it asserts nothing, the machine is shared and noisy.
//
// Usage: xvfb-run -a node engines/bench-engines.mjs

import { launch, startWitnessServer } from './drivers.mjs';

const CS231N = 'activation=tanh&init=xavier_normal&depth=10&width=500&batch=1000&seed=1';
const RACE = 'view=train&activation=tanh&dataset=spiral&hidden=4,2&batch-size=10&learning-rate=0.03&steps=100000&record-every=1000';
const TRAIN_STEPS = 20_000;
const BATCH_SIZE = 10;
const ROUNDS = 3;

/** In the page: one round of every measurement, in ms (pass) and examples/s (training). */
async function round({ config, race, steps, batchSize }) {
  const { ready, wasmBuild } = await import('/js/wasm.js');
  await ready;
  const { Lab, Race } = await import('/pkg/activation_lab.js');
  const pool = await import('/js/layers-pool.js');
  const lab = new Lab(config);
  const [forward, both] = Array.from(lab.timeNetwork(1));
  lab.free();
  const pooled = await pool.timeLayers(config, 1);
  const trainer = new Race(race);
  trainer.step(1000); // let the engine tier the wasm up first
  trainer.reset();
  const start = performance.now();
  trainer.step(steps);
  const examples = (steps * batchSize) / ((performance.now() - start) / 1000);
  trainer.free();
  return { build: wasmBuild, workers: pooled.shards, forward, both, poolForward: pooled.forward, poolBoth: pooled.both, examples };
}

const server = await startWitnessServer();
const rows = [];
try {
  for (const name of ['chromium', 'firefox', 'webkit']) {
    let engine;
    try {
      engine = await launch(name);
      const session = await engine.open(`${server.url}index.html`);
      await session.waitFor(() => document.body.dataset.ready === 'true');
      const args = { config: CS231N, race: RACE, steps: TRAIN_STEPS, batchSize: BATCH_SIZE };
      await session.evaluate(round, args); // warm-up
      let best = null;
      for (let r = 0; r < ROUNDS; r++) {
        const m = await session.evaluate(round, args);
        best = best === null ? m : {
          ...m,
          forward: Math.min(best.forward, m.forward),
          both: Math.min(best.both, m.both),
          poolForward: Math.min(best.poolForward, m.poolForward),
          poolBoth: Math.min(best.poolBoth, m.poolBoth),
          examples: Math.max(best.examples, m.examples),
        };
      }
      rows.push([name, best]);
      await session.close();
    } catch (err) {
      rows.push([name, { error: err.message ?? String(err) }]);
    } finally {
      await engine?.close().catch(() => {});
    }
  }
} finally {
  await server.close();
}

const ms = (v) => `${Math.round(v)}`;
console.log(`\nPer engine: the cs231n pass (10 × 500, batch 1000) and training (2-4-2-1 tanh, batch ${BATCH_SIZE}); best of ${ROUNDS} after a warm-up\n`);
console.log('| engine | build | forward, 1 thread ms | fwd + bwd, 1 thread ms | pool | forward, pool ms | fwd + bwd, pool ms | training examples/s |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const [name, m] of rows) {
  if (m.error) console.log(`| ${name} | failed: ${m.error.split('\n')[0]} | | | | | | |`);
  else console.log(`| ${name} | ${m.build} | ${ms(m.forward)} | ${ms(m.both)} | ${m.workers} workers | ${ms(m.poolForward)} | ${ms(m.poolBoth)} | ${(m.examples / 1e6).toFixed(2)} M |`);
}
console.log('\nTargets are Chromium\'s (bench-network.mjs): forward ≤ 120 ms and forward + backward ≤ 350 ms on the pool.');
