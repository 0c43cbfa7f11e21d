// The wasm trainer's speed in the page the benches open (served under /__bench/ by
// bench-page.mjs): the best examples/s of a Race over a few timed stretches of steps.

/**
 * Builds `new module.Race(query)`, steps it `warm` times (V8 tiers the wasm up before anything
 * counts), then `runs` times resets it and times `steps` steps of `batch` examples; returns the
 * best examples per second.
 */
export function measureRace(module, query, { warm, steps, runs, batch = 10 }) {
  const race = new module.Race(query);
  try {
    race.step(warm);
    let best = 0;
    for (let r = 0; r < runs; r++) {
      race.reset();
      const start = performance.now();
      race.step(steps);
      best = Math.max(best, (steps * batch) / ((performance.now() - start) / 1000));
    }
    return best;
  } finally {
    race.free();
  }
}
