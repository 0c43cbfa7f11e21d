// Inside each layer while it learns, and the race's history (issue #14). Per run, small multiples
// of every hidden layer's histogram (a, ẑ or δ by a radio group) and each layer's saturated, zero
// and dead shares over the steps; and a step slider over the records the race keeps (the core's
// ring, bounded in memory): moving it rewinds every chart, the status and the table to that step;
// its last position, End, Play or Step return to the present. The charts are the core's
// (Race.drawInside, Race.drawLayerLines); this module keeps the controls and draws in turn.

import { fitToDevice } from './canvas.js';
import { fmt } from './format.js';
import { tr, trError } from './i18n.js';

const s = (key, vars) => tr(`train.inside.${key}`, vars);
const SOURCES = ['activations', 'pre-activations', 'deltas'];

/**
 * Builds the section inside #train-inside. `race()` gives the race or null, `pause()` stops play,
 * `redraw()` redraws the whole view, `dark()` tells the theme, `report(message)` shows an error.
 */
export function createTrainHistory({ race, pause, redraw, dark, report }) {
  const root = document.getElementById('train-inside');
  const status = document.getElementById('train-status');
  const heading = document.createElement('h3');
  heading.id = 'train-inside-heading';
  heading.textContent = s('heading');
  root.setAttribute('aria-labelledby', heading.id);

  // The values the small multiples show: a radio group (arrow keys move within it natively).
  const group = document.createElement('fieldset');
  group.className = 'inside-values';
  group.setAttribute('role', 'radiogroup');
  const legend = document.createElement('legend');
  legend.textContent = s('values');
  group.append(legend);
  for (const source of SOURCES) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'train-inside-values';
    input.value = source;
    input.checked = source === 'activations';
    input.addEventListener('change', () => {
      if (!input.checked) return;
      try {
        race()?.setInsideValues(source);
      } catch (err) {
        report(trError(err));
      }
      drawAll();
    });
    label.append(input, ` ${s(`source.${source}`)}`);
    group.append(label);
  }

  // The step slider: its positions are the kept steps, the last one the present.
  const scrub = document.createElement('div');
  scrub.className = 'history-scrub';
  const sliderLabel = document.createElement('label');
  sliderLabel.htmlFor = 'train-history-slider';
  sliderLabel.textContent = s('slider');
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.id = 'train-history-slider';
  slider.min = '0';
  slider.max = '0';
  slider.step = '1';
  slider.value = '0';
  const shown = document.createElement('output');
  shown.id = 'train-history-step';
  shown.htmlFor = slider.id;
  const memory = document.createElement('p');
  memory.className = 'note';
  memory.id = 'train-history-memory';
  scrub.append(sliderLabel, slider, shown);

  const runs = document.createElement('div');
  runs.className = 'inside-runs';
  root.append(heading, group, scrub, memory, runs);

  let steps = []; // the kept steps, ascending
  let rewound = null; // the step shown when rewound
  let turn = 0;
  // Pictures out of sight are not redrawn while the race plays; one coming into view is owed a
  // drawing.
  const inSight = new Set();
  let owed = [];
  const sight = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (!isIntersecting) inSight.delete(target);
      else if (!inSight.has(target)) {
        inSight.add(target);
        owed.push(target);
      }
    }
  });

  function canvases(count) {
    while (runs.children.length > count) {
      for (const canvas of runs.lastChild.querySelectorAll('canvas')) {
        sight.unobserve(canvas);
        inSight.delete(canvas);
      }
      runs.lastChild.remove();
    }
    while (runs.children.length < count) {
      const i = runs.children.length;
      const figure = document.createElement('figure');
      figure.className = 'chart inside';
      const multiples = document.createElement('canvas');
      multiples.id = `train-inside-${i}`;
      multiples.setAttribute('role', 'img');
      const lines = document.createElement('canvas');
      lines.id = `train-inside-lines-${i}`;
      lines.setAttribute('role', 'img');
      const caption = document.createElement('figcaption');
      figure.append(multiples, lines, caption);
      runs.append(figure);
      for (const [canvas, part] of [[multiples, 'multiples'], [lines, 'lines']]) {
        Object.assign(canvas.dataset, { run: String(i), part });
        sight.observe(canvas);
      }
    }
    return [...runs.children];
  }

  function info() {
    const r = race();
    return r ? JSON.parse(r.historyInfo()) : { steps: [], rewound: null, bytes: 0, budget: 0, frames: [] };
  }

  /** The slider and its words, from the race's history. */
  function syncSlider(state) {
    const h = info();
    steps = h.steps;
    rewound = h.rewound ?? null;
    const last = Math.max(0, steps.length - 1);
    slider.max = String(last);
    slider.disabled = steps.length < 2;
    // The slider sits on the step shown: the latest, or the kept step rewound to.
    slider.value = String(rewound === null ? last : Math.max(0, steps.findLastIndex((k) => k <= rewound)));
    const step = rewound === null ? steps[last] ?? 0 : Math.max(...state.runs.map((r) => r.steps), 0);
    const text = rewound === null ? s('present', { step }) : s('past', { step });
    slider.setAttribute('aria-valuetext', text);
    shown.value = text;
    shown.textContent = text;
    root.dataset.rewound = rewound === null ? '' : String(step);
    memory.textContent = s('memory', { frames: h.frames.join(' / '), mb: fmt(h.bytes / 2 ** 20, 2), budget: fmt(h.budget / 2 ** 20, 2) });
    if (rewound !== null) {
      status.textContent = s('status', { step });
      status.dataset.step = String(step);
    }
  }

  function drawRun(figure, i, state, what) {
    const r = race();
    const run = state.runs[i];
    figure.querySelector('figcaption').textContent = s('caption', { label: run.label });
    const isDark = dark();
    if (what !== 'lines') {
      const canvas = figure.querySelector(`#train-inside-${i}`);
      const layers = run.layers ?? [];
      const sayLayers = layers.map((l, j) => s('layer', { layer: j + 1, sat: fmt(100 * l.saturated, 3), zero: fmt(100 * l.zero, 3), dead: l.dead, units: l.units }));
      canvas.setAttribute('aria-label', [s('multiples', { label: run.label, step: run.steps, values: s(`source.${currentSource()}`) }), ...sayLayers].join(' '));
      const dpr = fitToDevice(canvas);
      if (dpr) {
        r.drawInside(canvas, i, dpr, isDark);
        canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
        canvas.dataset.step = String(run.steps);
      }
    }
    if (what !== 'multiples') {
      const canvas = figure.querySelector(`#train-inside-lines-${i}`);
      canvas.setAttribute('aria-label', s('lines', { label: run.label }));
      const dpr = fitToDevice(canvas);
      if (dpr) {
        r.drawLayerLines(canvas, i, dpr, isDark);
        canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
      }
    }
  }

  function currentSource() {
    return group.querySelector('input:checked')?.value ?? 'activations';
  }

  /**
   * Brings the slider up to date and draws: everything when `all`; else, when `picture` (a
   * playing frame the view gives this module), one picture: one owed since it came into view,
   * or one in sight in turn (a run's small multiples or its lines). Returns whether it drew a
   * picture.
   */
  function draw(state, all = true, picture = false) {
    const r = race();
    if (!r || root.hidden) return false;
    try {
      syncSlider(state);
      const figures = canvases(state.runs.length);
      if (all) {
        owed = [];
        figures.forEach((figure, i) => drawRun(figure, i, state, 'both'));
        return figures.length > 0;
      }
      if (!picture) return false;
      owed = owed.filter((canvas) => canvas.isConnected);
      const shown = [...runs.querySelectorAll('canvas')].filter((canvas) => inSight.has(canvas));
      const next = owed.shift() ?? (shown.length ? shown[turn++ % shown.length] : null);
      if (!next) return false;
      const i = Number(next.dataset.run);
      if (figures[i]) drawRun(figures[i], i, state, next.dataset.part);
      return true;
    } catch (err) {
      report(trError(err));
      return false;
    }
  }

  function drawAll() {
    redraw();
  }

  /** Rewinds to the slider's position (its last is the present). */
  function seek() {
    const r = race();
    if (!r || !steps.length) return;
    const i = Number(slider.value);
    try {
      if (i >= steps.length - 1) {
        r.live();
      } else {
        // Rewound first, so the pause's redraw already shows the past.
        r.rewind(steps[i]);
        pause();
      }
    } catch (err) {
      report(trError(err));
    }
    drawAll();
  }

  slider.addEventListener('input', seek);

  return {
    draw,
    /** Back to the present (Play, Step, a change): the slider jumps to the latest record. */
    toPresent() {
      race()?.live();
      rewound = null;
      slider.value = slider.max;
    },
    isRewound: () => rewound !== null,
  };
}
