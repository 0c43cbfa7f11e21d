// The training widget's live race (issue #14): Play / Pause / Step buttons, the race's pictures
// the `panels` key names (surface, inside and layer-lines: one per run), each on its own canvas, and a status line
// whose `data-step` is the step counter. The stepping loop is race-loop.js's shared controller;
// this module builds the buttons and figures and draws, one picture a frame in turn while
// playing (a frame's drawing budget of them when paused), as the page does. `autoplay` starts
// the race once it is in view, except under prefers-reduced-motion, where it waits for Play.
// Offscreen or in a hidden tab the controller gets no frames, so the race waits there.

import { Race } from '../pkg/activation_lab.js';
import { fitToDevice } from './canvas.js';
import { createRaceController, paintWithin } from './race-loop.js';
import { fmt } from './format.js';

// Keys that change what the widget shows or does, never its runs: a change to them keeps the race.
const SHOW_KEYS = ['autoplay', 'panels'];
// The pictures drawn once per run: the decision surface, the small multiples of the layers and
// their lines over the steps (issue #14).
const PER_RUN = new Set(['surface', 'inside', 'layer-lines']);
// While playing, the status sentence (read out by screen readers) changes at most this often;
// its data-step follows every frame.
const STATUS_EVERY_MS = 500;

const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

/**
 * The live race inside `box` (an element of the widget's shadow root). `status` is the widget's
 * status line; `text(key, vars)` its strings; `language()`, `dark()` and `active()` (near the
 * viewport with the tab visible) are asked when needed; `onError(err)` and `onDrawn()` report
 * back. Returns { show(lab), drop(), resume(), applyLanguage(), csv(), controller }.
 */
export function createWidgetRace({ box, status, text, language, dark, active, onError, onDrawn }) {
  box.className = 'race';
  box.innerHTML = `<div class="race-bar" role="group">
      <button type="button" class="race-play" data-playing="false"></button>
      <button type="button" class="race-step"></button>
    </div>
    <div class="race-panels"></div>`;
  const bar = box.querySelector('.race-bar');
  const playButton = box.querySelector('.race-play');
  const stepButton = box.querySelector('.race-step');
  const grid = box.querySelector('.race-panels');

  let race = null;
  let raceQuery = '';
  let maxSteps = 0;
  let panels = []; // the names the lab's `panels` key lists
  let pictures = []; // { panel, run?, figure, canvas }, in the order shown
  let owed = []; // pictures still to draw after a change, a frame's budget at a time
  let turn = 0;
  let owedFrame = 0;
  let autoStarted = false; // autoplay starts a race once; after a Pause it waits for the reader
  let statusAt = 0;

  const controller = createRaceController({
    getRace: () => race,
    canRun: active,
    draw: (result) => draw(result.stepped || !result.more),
    onStop: () => labelButtons(),
  });

  playButton.addEventListener('click', () => (controller.playing ? pause() : play()));
  stepButton.addEventListener('click', () => {
    if (!race) return;
    controller.step(1);
    labelButtons();
  });

  function play() {
    if (!race) return;
    if (race.finished()) race.reset();
    controller.play();
    labelButtons();
    draw(false);
  }

  function pause() {
    controller.pause();
    labelButtons();
    draw(true);
  }

  /** The buttons say what a press does, in the widget's language. */
  function labelButtons() {
    const playing = controller.playing;
    playButton.textContent = text(playing ? 'train.pause' : 'train.play');
    playButton.dataset.playing = String(playing);
    stepButton.textContent = text('train.step');
    stepButton.setAttribute('aria-label', text('race.stepLabel'));
    bar.setAttribute('aria-label', text('race.controls'));
  }

  /** The widget's figures for these panels and this many runs, rebuilt only when they change. */
  function buildFigures(runs) {
    const wanted = panels.flatMap((panel) => (PER_RUN.has(panel) ? [...Array(runs).keys()].map((run) => ({ panel, run })) : [{ panel }]));
    const same = wanted.length === pictures.length && wanted.every((w, i) => w.panel === pictures[i].panel && w.run === pictures[i].run);
    if (same) return;
    pictures = wanted.map(({ panel, run }) => {
      const figure = document.createElement('figure');
      figure.className = `race-panel ${panel === 'surface' ? 'surface' : 'chart'}`;
      figure.dataset.panel = panel;
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      const caption = document.createElement('figcaption');
      figure.append(canvas, caption);
      if (run !== undefined) figure.dataset.run = String(run);
      return { panel, run, figure, canvas, caption };
    });
    grid.replaceChildren(...pictures.map((p) => p.figure));
    captionFigures();
  }

  function captionFigures() {
    let labels = [];
    if (race) labels = JSON.parse(race.state()).runs.map((r) => r.label);
    for (const p of pictures) {
      const label = labels[p.run] ?? '';
      const words = p.panel === 'surface' ? text('train.surface', { label })
        : p.panel === 'inside' ? text('train.inside.caption', { label })
          : p.panel === 'layer-lines' ? text('train.inside.lines', { label })
            : text(`train.cap.${p.panel}`);
      p.caption.textContent = p.panel === 'surface' ? (labels[p.run] ?? '') : words;
      p.canvas.setAttribute('aria-label', words);
    }
  }

  /** One picture on its canvas; false if it has no layout size yet. */
  function paint(p) {
    const dpr = fitToDevice(p.canvas);
    if (!dpr) return false;
    if (p.panel === 'surface') race.drawSurface(p.canvas, p.run, dpr, dark());
    else if (p.panel === 'inside') race.drawInside(p.canvas, p.run, dpr, dark());
    else if (p.panel === 'layer-lines') race.drawLayerLines(p.canvas, p.run, dpr, dark());
    else race.drawPanel(p.canvas, p.panel, dpr, dark());
    p.canvas.dataset.drawn = String(Number(p.canvas.dataset.drawn || 0) + 1);
    return true;
  }

  /**
   * Draws: everything when `all` (a change, a pause, the end), a frame's budget at a time with
   * the rest owed to the next frames; while playing, what is owed or else the next picture in
   * turn, so a frame costs about one drawing.
   */
  function draw(all) {
    if (!race) return;
    if (all) owed = [...pictures];
    const due = owed.length ? owed : pictures.length && controller.playing ? [pictures[turn++ % pictures.length]] : [];
    const drawn = paintWithin(due, paint, onError);
    owed = owed.filter((p) => !drawn.includes(p));
    scheduleOwed();
    if (drawn.length) onDrawn();
    showStatus();
  }

  /** While paused, what is owed is drawn in frames of its own. */
  function scheduleOwed() {
    if (owed.length && !controller.playing && !owedFrame) {
      owedFrame = requestAnimationFrame(() => {
        owedFrame = 0;
        if (owed.length && active()) draw(false);
      });
    }
  }

  function showStatus() {
    if (!race) return;
    const step = race.steps();
    const { fps, stepsPerSecond } = controller.stats();
    status.dataset.step = String(step);
    status.dataset.playing = String(controller.playing);
    status.dataset.fps = String(fps);
    status.dataset.stepsPerSecond = String(stepsPerSecond);
    const now = performance.now();
    if (controller.playing && now - statusAt < STATUS_EVERY_MS) return;
    statusAt = now;
    const vars = { step, max: maxSteps, rate: fmt(stepsPerSecond, 3) };
    status.textContent = text(controller.playing ? 'race.playing' : race.finished() ? 'race.finished' : 'race.idle', vars);
  }

  /** Frees the race (the view changed, or the widget left the page). */
  function drop() {
    controller.dispose();
    if (owedFrame) cancelAnimationFrame(owedFrame);
    owedFrame = 0;
    race?.free();
    race = null;
    raceQuery = '';
    autoStarted = false;
    pictures = [];
    owed = [];
    grid.replaceChildren();
    delete status.dataset.step;
    labelButtons();
  }

  return {
    box,
    controller,
    /** Brings the race in line with `lab` (a new race only if its runs changed) and draws it. */
    show(lab) {
      const params = new URLSearchParams(lab.query());
      for (const key of SHOW_KEYS) params.delete(key);
      const query = params.toString();
      const built = !race || query !== raceQuery;
      if (built) {
        drop();
        try {
          race = new Race(query);
          race.setLanguage(language());
          raceQuery = query;
        } catch (err) {
          onError(err);
          return false;
        }
      }
      maxSteps = Number(lab.get('steps'));
      panels = lab.get('panels').split(',').filter(Boolean);
      buildFigures(JSON.parse(race.state()).runs.length);
      labelButtons();
      // Autoplay once the race is in view; reduced motion waits for Play.
      if (lab.get('autoplay') === 'true' && !autoStarted && !reducedMotion.matches && active()) {
        autoStarted = true;
        play();
        return true;
      }
      if (built && !controller.playing) {
        // Building the race was this frame's work: its pictures are drawn from the next one.
        owed = [...pictures];
        scheduleOwed();
        showStatus();
      } else {
        draw(!controller.playing);
      }
      return true;
    },
    drop,
    /** After the widget came back into view or the tab was shown again. */
    resume() {
      controller.resume();
      if (owed.length && !owedFrame && race && !controller.playing) draw(false);
    },
    /** Words in the buttons, captions and status after a change of language. */
    applyLanguage() {
      race?.setLanguage(language());
      labelButtons();
      captionFigures();
      statusAt = 0;
      showStatus();
      owed = [...pictures]; // the words inside the charts too
    },
    /** The race's records so far as CSV for the data table; null while playing (the table waits). */
    csv() {
      if (!race) return '';
      return controller.playing ? null : race.exportCsv();
    },
  };
}
