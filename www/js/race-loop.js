// Steps a training race a slice at a time, so the page's thread is never held for long: each
// frame gets a time budget of stepping, and the number of steps in it adapts to what a step
// costs on this machine with these settings. One step is kept short by the core's training
// budget (crate/src/config/validate.rs, TRAINING_BUDGET), so a slice never overruns its budget
// by more than a step. The page's race and the widget's finished race both step through here.

/** Milliseconds of stepping per frame: with the drawing, a frame stays near 16 ms. */
export const FRAME_BUDGET_MS = 12;

/**
 * Steps `race` for about `budgetMs`, at most `max` steps. Chunks grow from one step, doubling
 * while a chunk is too quick to time (browsers coarsen the clock to 0.1 ms), and are otherwise
 * sized to half the time left at the rate just measured. Returns the steps taken, whether the
 * race can go on, and the milliseconds spent.
 */
export function stepWithin(race, { budgetMs = FRAME_BUDGET_MS, max = Infinity } = {}) {
  const start = performance.now();
  let taken = 0;
  let chunk = 1;
  let more = true;
  while (more && taken < max) {
    const n = Math.max(1, Math.min(chunk, max - taken));
    const before = performance.now();
    more = race.step(n);
    taken += n;
    const now = performance.now();
    const left = budgetMs - (now - start);
    if (left <= 0) break;
    const perStep = (now - before) / n;
    chunk = perStep > 0 ? Math.min(2 * n, Math.floor(left / 2 / perStep)) : 2 * n;
    if (chunk < 1) break;
  }
  return { steps: taken, more, ms: performance.now() - start };
}
