// The phase view: the (σ_w, σ_b) map of a deep network's initialisation. Its controller (shared
// by the page and the widget) asks the worker pool for the map of a query: the theory line at
// once, then the measured cells coarse to fine; a new query (another activation, another size)
// cancels the rest. The view draws the map, names the cell under the pointer or the keyboard
// focus, opens the layers view at a cell, and lists the numbers in a table.

import { fieldFor } from './controls.js';
import { fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { LANG, tr, trError } from './i18n.js';
import { cellAt, cellPoint, createPhaseController } from './phase-controller.js';

const NO_SLIDER = new Set(['gain', 'bias-std']);
/** One sentence about a cell: where it is, what theory says and what was measured. */
export function describeCell(map, cell) {
  const index = cell.row * map.cells + cell.column;
  const { gain, bias } = cellPoint(map, cell);
  const theory = map.theory[index];
  const measured = map.measured[index];
  const vars = {
    gain: fmt(gain, 3),
    bias: fmt(bias, 3),
    chi: theory ? fmt(theory.chi1, 4) : '—',
    q: theory ? fmt(theory.q_star ?? Infinity, 4) : '—',
    xi: theory ? fmt(theory.xi ?? Infinity, 3) : '—',
    ratio: measured ? fmt(measured.log_ratio, 3) : '—',
    phase: theory ? tr(theory.chi1 < 1 ? 'phase.ordered' : 'phase.chaotic') : '',
  };
  return tr(theory ? 'phase.cell' : 'phase.cellWaiting', vars);
}

export function createPhaseView({ domain, apply, lab, fields, openLayers }) {
  const { KEYS: keys, pickable } = domain;
  // The view's keys in the order shown (the core's view registry); each gets the control its kind calls for.
  const KEYS_SHOWN = domain.VIEWS.phase.controls;
  const form = document.getElementById('phase-controls');
  const status = document.getElementById('phase-status');
  const canvas = document.getElementById('phase-canvas');
  const readout = document.getElementById('phase-readout');
  const focusBox = document.getElementById('phase-focus');

  const own = {};
  for (const key of KEYS_SHOWN) {
    let field = null;
    field = fieldFor(keys[key], {
      label: tr(`key.${key}`), lang: LANG, choices: pickable(keys[key].kind.choices), slider: !NO_SLIDER.has(key),
      onChange: (v) => apply(key, v, field),
    });
    if (field.select) {
      field.select.id = `phase-${key}`;
      field.element.querySelector('label').htmlFor = field.select.id;
    }
    if (!fields.has(key)) fields.set(key, field);
    own[key] = field;
    form.append(field.element);
  }

  let area = [];
  let dpr = 1;
  let focused = null; // { row, column }
  let frame = 0;

  const controller = createPhaseController({
    onChange(map) {
      status.textContent = tr('phase.progress', { done: controller.measured(), total: map.cells * map.cells });
      scheduleDraw();
    },
    onDone(ms, map) {
      const flops = 3 * 2 * map.cell_multiply_adds * map.cells * map.cells; // forward + backward ≈ 3 passes
      status.textContent = tr('phase.done', { ms: fmt(ms, 3), cells: map.cells * map.cells, gflops: fmt(flops / ms / 1e6, 3) });
      status.dataset.ms = String(ms);
      status.dataset.complete = 'true';
      table(map);
      scheduleDraw();
    },
    onError(error) {
      status.textContent = trError(error);
    },
  });

  function scheduleDraw() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function draw() {
    const map = controller.map();
    if (!map) return;
    dpr = fitToDevice(canvas);
    if (!dpr) return;
    try {
      area = Array.from(controller.given().draw(lab(), canvas, dpr, matchMedia('(prefers-color-scheme: dark)').matches));
    } catch (err) {
      status.textContent = trError(err);
      return;
    }
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
    placeFocus();
  }

  function placeFocus() {
    const map = controller.map();
    if (!focused || !map || area.length !== 4) {
      focusBox.hidden = true;
      return;
    }
    const [left, right, top, bottom] = area.map((v) => v / dpr);
    const w = (right - left) / map.cells;
    const h = (bottom - top) / map.cells;
    Object.assign(focusBox.style, {
      left: `${canvas.offsetLeft + left + focused.column * w}px`,
      top: `${canvas.offsetTop + bottom - (focused.row + 1) * h}px`,
      width: `${w}px`,
      height: `${h}px`,
    });
    focusBox.hidden = document.activeElement !== canvas;
  }

  function show(cell) {
    const map = controller.map();
    if (!map || !cell) return;
    readout.textContent = describeCell(map, cell);
    const { gain, bias } = cellPoint(map, cell);
    readout.dataset.gain = String(gain);
    readout.dataset.bias = String(bias);
  }

  function open(cell) {
    const map = controller.map();
    if (!map || !cell) return;
    const { gain, bias } = cellPoint(map, cell);
    openLayers(Number(gain.toPrecision(6)), Number(bias.toPrecision(6)));
  }

  canvas.addEventListener('mousemove', (event) => {
    const r = canvas.getBoundingClientRect();
    const cell = cellAt(controller.map(), area, dpr, event.clientX - r.left, event.clientY - r.top);
    if (cell) show(cell);
  });
  canvas.addEventListener('click', (event) => {
    const r = canvas.getBoundingClientRect();
    open(cellAt(controller.map(), area, dpr, event.clientX - r.left, event.clientY - r.top));
  });
  canvas.addEventListener('focus', () => {
    const map = controller.map();
    if (!focused && map) focused = { row: 0, column: 0 };
    show(focused);
    placeFocus();
  });
  canvas.addEventListener('blur', () => { focusBox.hidden = true; });
  canvas.addEventListener('keydown', (event) => {
    const map = controller.map();
    if (!map) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(focused);
      return;
    }
    const step = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowUp: [1, 0], ArrowDown: [-1, 0] }[event.key];
    const jump = { Home: [null, 0], End: [null, map.cells - 1] }[event.key];
    if (!step && !jump) return;
    event.preventDefault();
    const cur = focused ?? { row: 0, column: 0 };
    const n = map.cells;
    const clamp = (v) => Math.max(0, Math.min(n - 1, v));
    focused = step
      ? { row: clamp(cur.row + step[0]), column: clamp(cur.column + step[1]) }
      : { row: cur.row, column: jump[1] };
    show(focused);
    placeFocus();
  });

  function table(map) {
    const rows = [];
    map.theory.forEach((theory, index) => {
      if (!theory) return;
      const cell = map.measured[index];
      const tr = document.createElement('tr');
      for (const v of [fmt(theory.gain, 3), fmt(theory.bias_std, 3), fmt(theory.chi1, 4), fmt(theory.q_star ?? Infinity, 4),
        fmt(theory.xi ?? Infinity, 3), cell ? fmt(cell.log_ratio, 3) : '—']) {
        const td = document.createElement('td');
        td.textContent = String(v);
        tr.append(td);
      }
      rows.push(tr);
    });
    document.querySelector('#phase-table tbody').replaceChildren(...rows);
  }

  /** Asks the workers for the lab's map now, without drawing (see main.js's `showLab`). */
  const ask = () => controller.want(lab().query());

  return {
    sync() {
      for (const key of KEYS_SHOWN) own[key].setValue(lab().get(key));
    },
    ask,
    request() {
      ask();
      scheduleDraw();
    },
    redraw: scheduleDraw,
    hide() {
      controller.cancel();
    },
    snapshot: () => controller.given(),
  };
}
