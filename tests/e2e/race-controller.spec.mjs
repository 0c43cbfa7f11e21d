// The shared race controller (www/js/race-loop.js, createRaceController) on a simulated clock,
// under node: a fake race whose step costs a fixed time, and animation frames run by hand. Play
// steps each frame, Pause stops before the next frame's steps, Step takes exactly one, frames
// refused by canRun take none, and the stepping budget gives way to what drawing costs, so
// stepping plus drawing stays within a 60 frames/s frame.

import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';

const STEP_MS = 0.5; // what one step of the fake race costs
const FRAME_MS = 1000 / 60;

let clock = 0;
let queue = [];
const saved = {};

beforeEach(() => {
  clock = 0;
  queue = [];
  saved.performance = globalThis.performance;
  saved.raf = globalThis.requestAnimationFrame;
  saved.caf = globalThis.cancelAnimationFrame;
  Object.defineProperty(globalThis, 'performance', { configurable: true, value: { now: () => clock } });
  let id = 0;
  globalThis.requestAnimationFrame = (callback) => {
    queue.push({ id: ++id, callback });
    return id;
  };
  globalThis.cancelAnimationFrame = (handle) => {
    queue = queue.filter((entry) => entry.id !== handle);
  };
});

afterEach(() => {
  Object.defineProperty(globalThis, 'performance', { configurable: true, value: saved.performance });
  globalThis.requestAnimationFrame = saved.raf;
  globalThis.cancelAnimationFrame = saved.caf;
});

/** Runs the animation frames queued now, at the next 60 frames/s tick. */
function frame() {
  clock = Math.ceil((clock + 1e-9) / FRAME_MS) * FRAME_MS;
  const due = queue;
  queue = [];
  for (const { callback } of due) callback(clock);
}

/** A race whose step costs STEP_MS of the clock, with `limit` steps in all. */
function fakeRace(limit = Infinity) {
  let steps = 0;
  return {
    steps: () => steps,
    step(n) {
      const todo = Math.min(n, limit - steps);
      steps += todo;
      clock += todo * STEP_MS;
      return steps < limit;
    },
  };
}

const { createRaceController, FRAME_BUDGET_MS } = await import('../../www/js/race-loop.js');

describe('race controller', () => {
  it('Play steps every frame within the budget, Pause stops before the next frame, Step takes one', () => {
    const race = fakeRace();
    const drawn = [];
    const controller = createRaceController({ getRace: () => race, draw: (r) => drawn.push(r) });
    assert.equal(controller.play(), true);
    frame();
    // No drawing cost yet: the whole frame budget of stepping, about FRAME_BUDGET_MS / STEP_MS.
    const first = race.steps();
    assert.ok(first >= (FRAME_BUDGET_MS / STEP_MS) * 0.5 && first <= FRAME_BUDGET_MS / STEP_MS + 1, `${first} steps`);
    frame();
    assert.ok(race.steps() > first);
    controller.pause();
    const paused = race.steps();
    frame();
    frame();
    assert.equal(race.steps(), paused, 'no step after Pause');
    assert.equal(queue.length, 0, 'no frame asked for');
    assert.equal(controller.step(1), true);
    assert.equal(race.steps(), paused + 1, 'Step is one step');
    assert.equal(drawn.at(-1).stepped, true);
    assert.equal(controller.playing, false);
  });

  it('stops at the end of the race and says so', () => {
    const race = fakeRace(30);
    let stopped = 0;
    const controller = createRaceController({ getRace: () => race, draw: () => {}, onStop: () => stopped++ });
    controller.play();
    for (let i = 0; i < 5; i++) frame();
    assert.equal(race.steps(), 30);
    assert.equal(stopped, 1);
    assert.equal(controller.playing, false);
  });

  it('takes no step in a frame canRun refuses, and goes on after resume', () => {
    const race = fakeRace();
    let visible = true;
    const controller = createRaceController({ getRace: () => race, draw: () => {}, canRun: () => visible });
    controller.play();
    frame();
    visible = false;
    const hidden = race.steps();
    frame();
    frame();
    assert.equal(race.steps(), hidden, 'no step while it may not run');
    assert.equal(controller.playing, true, 'still playing: the reader did not pause it');
    visible = true;
    controller.resume();
    frame();
    assert.ok(race.steps() > hidden);
  });

  it('gives the drawing its time: stepping plus drawing stays within a 60 frames/s frame', () => {
    const race = fakeRace();
    const DRAW_MS = 9;
    let worst = 0;
    let frameStart = 0;
    const controller = createRaceController({
      getRace: () => race,
      draw: () => {
        clock += DRAW_MS;
        worst = Math.max(worst, clock - frameStart);
      },
    });
    controller.play();
    for (let i = 0; i < 60; i++) {
      frameStart = Math.ceil((clock + 1e-9) / FRAME_MS) * FRAME_MS;
      frame();
    }
    // Once the drawing's cost is known (a few frames), a frame holds stepping and drawing within
    // 60 frames/s; without the adaptation it would be 12 + 9 = 21 ms.
    const { budgetMs, perFrame } = controller.stats();
    assert.ok(budgetMs <= FRAME_MS - DRAW_MS, `stepping budget ${budgetMs} ms`);
    assert.ok(perFrame >= 1, `${perFrame} steps a frame`);
    worst = 0;
    for (let i = 0; i < 10; i++) {
      frameStart = Math.ceil((clock + 1e-9) / FRAME_MS) * FRAME_MS;
      frame();
    }
    assert.ok(worst <= FRAME_MS, `a frame took ${worst} ms`);
  });

  it('keeps to maxPerFrame', () => {
    const race = fakeRace();
    const controller = createRaceController({ getRace: () => race, draw: () => {}, maxPerFrame: 3 });
    controller.play();
    frame();
    frame();
    assert.equal(race.steps(), 6);
  });
});
