// Steps a training race a slice at a time, so the page's thread is never held for long: each
// frame gets a time budget of stepping, and the number of steps in it adapts to what a step
// costs on this machine with these settings. One step is kept short by the core's training
// budget (crate/src/config/validate.rs, TRAINING_BUDGET), so a slice never overruns its budget
// by more than a step. The page's race and the widget's live race both step through here;
// `createRaceController` below is the play / pause / step loop the widget and the page drive, which also shrinks the stepping budget by what its drawing costs, so a frame keeps
// near the display's rate.

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

/**
 * Paints the pictures `due` in order until a frame's drawing budget is spent (the first is always
 * painted); a failure goes to `onError` and ends the frame's painting. Returns the pictures taken
 * (a failed one among them), so the caller owes the rest to the next frames.
 */
export function paintWithin(due, paint, onError, budgetMs = FRAME_BUDGET_MS) {
  const start = performance.now();
  const taken = [];
  try {
    for (const picture of due) {
      if (taken.length && performance.now() - start > budgetMs) break;
      taken.push(picture);
      paint(picture);
    }
  } catch (err) {
    onError(err);
  }
  return taken;
}

/** A frame at 60 frames/s, the rate the controller aims to hold. */
export const FRAME_TARGET_MS = 1000 / 60;
// Stepping always gets at least this much of a frame, so a race whose drawing is heavy slows
// down instead of stopping.
const MIN_STEP_MS = 2;
// Headroom left in each frame for the browser's own work (layout, compositing), by default: a
// widget's; a caller with a bigger document to lay out passes its own (`browserMs`).
const BROWSER_SHARE_MS = 1.5;
// A frame this many times the target is late; the smallest share of the budget stepping keeps.
const LATE_FACTOR = 1.25;
const MIN_SHARE = 0.2;
// How much of the dearest recent drawing time is still counted a frame later.
const PEAK_FADE = 0.97;
// Weight of the newest frame in the running averages of frame rate and steps/s.
const SMOOTHING = 0.2;

/**
 * A play / pause / step loop over a race. `getRace()` gives the race to step (null: none yet);
 * `draw(result)` draws after each stepped frame (`result`: steps, more, ms from `stepWithin`, and
 * `stepped: true` for a single Step); `canRun()` says whether frames may run now (a widget:
 * near the viewport and the tab visible) — when it turns true again, call `resume()`;
 * `onStop()` hears the race finish while playing. Each frame steps for the frame budget less the
 * running average of what drawing took, a share of that which shrinks while frames come late
 * and grows back while they keep the target, never less than MIN_STEP_MS, at most `maxPerFrame`
 * steps (a number, or a function read each frame: the page's speed control changes it), leaving
 * `browserMs` of each frame to the browser. Returns { play, pause, step, resume, dispose, playing, stats }.
 */
export function createRaceController({ getRace, draw, canRun = () => true, onStop = () => {}, budgetMs = FRAME_BUDGET_MS, maxPerFrame = Infinity, browserMs = BROWSER_SHARE_MS }) {
  let playing = false;
  let frame = 0;
  let drawMs = 0;
  let lastFrameAt = 0;
  let share = 1; // of the stepping budget, adapted to the frames' actual pace
  const stats = { fps: 0, stepsPerSecond: 0, perFrame: 0, budgetMs };

  const schedule = () => {
    if (playing && !frame && canRun()) frame = requestAnimationFrame(tick);
  };

  function tick(now) {
    frame = 0;
    const race = getRace();
    if (!playing || !race) return;
    if (!canRun()) {
      lastFrameAt = 0; // the time away is not a slow frame
      return;
    }
    if (lastFrameAt) {
      const interval = Math.max(1, now - lastFrameAt);
      stats.fps = stats.fps ? (1 - SMOOTHING) * stats.fps + SMOOTHING * (1000 / interval) : 1000 / interval;
      const rate = (1000 * stats.perFrame) / interval;
      stats.stepsPerSecond = stats.stepsPerSecond ? (1 - SMOOTHING) * stats.stepsPerSecond + SMOOTHING * rate : rate;
    }
    // Frames coming slower than the target (a busy machine, a heavy drawing the average has not
    // caught yet) shrink the stepping share; frames on time let it grow back.
    const interval = lastFrameAt ? now - lastFrameAt : FRAME_TARGET_MS;
    share = interval > LATE_FACTOR * FRAME_TARGET_MS ? Math.max(MIN_SHARE, share * 0.85) : Math.min(1, share * 1.05);
    lastFrameAt = now;
    const room = Math.min(budgetMs, FRAME_TARGET_MS - browserMs - drawMs) * share;
    stats.budgetMs = Math.max(MIN_STEP_MS, room);
    const max = typeof maxPerFrame === 'function' ? maxPerFrame() : maxPerFrame;
    const result = stepWithin(race, { budgetMs: stats.budgetMs, max });
    stats.perFrame = result.steps;
    const before = performance.now();
    if (!result.more) playing = false; // drawn as stopped
    draw(result);
    // The dearest recent drawing, fading slowly: a page that draws a cheap and a dear picture
    // in turn must leave room for the dear one in every frame, or every few frames come late.
    drawMs = Math.max(performance.now() - before, PEAK_FADE * drawMs);
    if (result.more) schedule();
    else onStop();
  }

  return {
    /** Starts (or keeps) playing; false if there is no race to play. */
    play() {
      if (!getRace()) return false;
      playing = true;
      lastFrameAt = 0;
      schedule();
      return true;
    },
    /** Stops before the next frame's steps. */
    pause() {
      playing = false;
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
    /** Pauses and trains `count` steps at once (one Step press); returns whether the race can go on. */
    step(count = 1) {
      this.pause();
      const race = getRace();
      if (!race) return false;
      const before = race.steps();
      const more = race.step(count);
      draw({ steps: race.steps() - before, more, ms: 0, stepped: true });
      return more;
    },
    /** Picks up a playing race after `canRun()` turned true again. */
    resume: schedule,
    /** Stops for good (the race is being freed). */
    dispose() {
      this.pause();
    },
    get playing() {
      return playing;
    },
    stats: () => ({ ...stats }),
  };
}
