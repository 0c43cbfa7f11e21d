// Page bootstrap: load the wasm module, open the lab from the URL hash, build the controls from
// the key table, and redraw on every change. The page owns the hash; the lab owns the state.

import { Lab } from '../pkg/activation_lab.js';
import { ready, wasmBuild } from './wasm.js';
import { checkboxField, numberField, sliderBounds } from './controls.js';
import { fmt, roundForSpan } from './format.js';
import { renderCards } from './cards.js';
import { createSoftmaxView } from './softmax-view.js';
import { createLayersView } from './layers-view.js';
import { createTrainView } from './train-view.js';
import { createShare } from './share.js';
import { fitToDevice } from './canvas.js';
import { LANG, tr, trError, translatePage, wireLanguageSwitch } from './i18n.js';
import { registerOffline } from './offline.js';

const HASH_WRITE_DELAY_MS = 150;
const COST_ELEMENTS = 100_000;
const COST_REPEATS = 7;
const PARAM_KEYS = ['negative-slope', 'alpha', 'beta', 'cap', 'hinges'];

translatePage();
wireLanguageSwitch(document.getElementById('lang-switch'));
registerOffline();
await ready;
document.body.dataset.wasm = wasmBuild;
// No prototype: a name from an attribute or a link ("constructor", "__proto__") must not find one.
const KEYS = Object.assign(Object.create(null), Object.fromEntries(JSON.parse(Lab.keys()).map((k) => [k.name, k])));
const CATALOGUE = JSON.parse(Lab.catalogue());
const PALETTE = Lab.palette();
const dark = matchMedia('(prefers-color-scheme: dark)');

const message = document.getElementById('message');
const curvesCanvas = document.getElementById('curves-canvas');
const softmaxCanvas = document.getElementById('softmax-canvas');
const fields = new Map();
const costs = new Map();
let plotArea = [0, 1, 0, 1];
let lab = restore();

function restore() {
  const next = Lab.restore(location.hash);
  next.setLanguage(LANG); // the words inside the charts and the SVG export
  const warnings = next.warnings();
  message.textContent = warnings.length
    ? tr('message.partialLink', { list: warnings.map(trError).join('; ') })
    : '';
  return next;
}

/** Sets one key through the lab's validation; the error goes next to the control. */
function apply(key, value, field = fields.get(key)) {
  try {
    lab.set(key, String(value));
    field?.setError('');
    if (!field) message.textContent = '';
    changed();
    return true;
  } catch (err) {
    if (field) field.setError(trError(err));
    else message.textContent = trError(err);
    sync();
    return false;
  }
}

const selected = () => lab.get('activation').split(',');
const catalogueEntry = (name) => CATALOGUE.find((c) => c.name === name);
const takes = (key) => selected().some((name) => catalogueEntry(name)?.params.some((p) => p.key === key));

// ── Activation picker ────────────────────────────────────────────────────────────────────────
const picker = document.getElementById('activation-picker');
const pickerError = document.createElement('p');
pickerError.className = 'field-error';
pickerError.setAttribute('role', 'alert');
const pickerField = { setError: (m) => { pickerError.textContent = m || ''; } };
for (const entry of CATALOGUE.filter((c) => c.scalar)) {
  const label = document.createElement('label');
  label.title = entry.summary;
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = entry.name;
  box.name = 'activation';
  box.addEventListener('change', () => {
    const names = selected().filter((n) => n !== entry.name);
    if (box.checked) names.push(entry.name);
    apply('activation', names.join(','), pickerField);
  });
  label.append(box, entry.name);
  picker.append(label);
}
picker.append(pickerError);

// ── Parameters ───────────────────────────────────────────────────────────────────────────────
const paramBox = document.getElementById('param-controls');
for (const key of PARAM_KEYS) {
  const f = numberField(key, tr(`param.${key}`), { ...sliderBounds(KEYS[key]), onChange: (v) => apply(key, v) });
  fields.set(key, f);
  paramBox.append(f.element);
}
// a and b: one value for scaled_tanh, one per hinge for apl.
const listBoxes = {};
for (const key of ['a', 'b']) {
  const box = document.createElement('div');
  box.dataset.key = key;
  const error = document.createElement('p');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  box.append(error);
  listBoxes[key] = { box, error, inputs: [], owner: null };
  fields.set(key, { setError: (m) => { error.textContent = m || ''; } });
  paramBox.append(box);
}

function listOwner() {
  if (selected().includes('apl')) return 'apl';
  if (selected().includes('scaled_tanh')) return 'scaled_tanh';
  return null;
}

function syncListParams() {
  const owner = listOwner();
  for (const key of ['a', 'b']) {
    const slot = listBoxes[key];
    if (!owner) { slot.box.hidden = true; continue; }
    slot.box.hidden = false;
    const resolved = JSON.parse(lab.params(owner))[key];
    const values = Array.isArray(resolved) ? resolved : [resolved];
    if (slot.owner !== owner || slot.inputs.length !== values.length) {
      slot.owner = owner;
      const range = owner === 'apl' ? { min: -2, max: 2, step: 0.05 } : { min: 0.1, max: 4, step: 0.01 };
      slot.inputs = values.map((_, i) => numberField(key, owner === 'apl'
        ? tr('param.aplHinge', { key, n: i + 1, what: tr(key === 'a' ? 'param.aplSlope' : 'param.aplPosition') })
        : tr(key === 'a' ? 'param.scaledA' : 'param.scaledB'), {
        ...range,
        onChange: (v) => {
          const current = JSON.parse(lab.params(owner))[key];
          const list = Array.isArray(current) ? [...current] : [current];
          list[i] = v;
          apply(key, list.join(','));
        },
      }));
      slot.box.replaceChildren(...slot.inputs.map((f) => f.element), slot.error);
    }
    values.forEach((v, i) => slot.inputs[i].setValue(String(v)));
  }
}

// ── Axes and chain ───────────────────────────────────────────────────────────────────────────
const axisBox = document.getElementById('axis-controls');
for (const key of ['x-min', 'x-max']) {
  const f = numberField(key, tr(key === 'x-min' ? 'axis.from' : 'axis.to'), { ...sliderBounds(KEYS[key]), slider: false, onChange: (v) => apply(key, v) });
  fields.set(key, f);
  axisBox.append(f.element);
}
const second = checkboxField('second-derivative', tr('axis.second'), (v) => apply('second-derivative', v));
fields.set('second-derivative', second);
axisBox.append(second.element);

const chainBox = document.getElementById('chain-controls');
const atField = numberField('at', tr('chain.at'), { min: -5, max: 5, step: 0.01, onChange: (v) => apply('at', v) });
const depthField = numberField('chain-depth', tr('chain.depth'), { ...sliderBounds(KEYS['chain-depth']), onChange: (v) => apply('chain-depth', v) });
fields.set('at', atField);
fields.set('chain-depth', depthField);
chainBox.append(atField.element, depthField.element);
const chainNote = document.createElement('p');
chainNote.className = 'hint';
chainNote.id = 'chain-note';
chainBox.append(chainNote);

// ── Softmax view and tabs ────────────────────────────────────────────────────────────────────
const softmaxView = createSoftmaxView({ keys: KEYS, apply, lab: () => lab });
for (const key of ['temperature', 'logits']) fields.set(key, softmaxView.fieldsFor(key));

const layersView = createLayersView({
  keys: KEYS, catalogue: CATALOGUE, apply, lab: () => lab, fields, onDrawn: () => {},
});

const trainView = createTrainView({
  keys: KEYS, catalogue: CATALOGUE, apply, lab: () => lab, fields, dark: () => dark.matches,
});

createShare({
  lab: () => lab,
  race: () => (lab.view() === 'train' ? trainView.exporter() : null),
  snapshot: () => (lab.view() === 'layers' ? layersView.snapshot() : ''),
  visibleCanvas: () => document.getElementById(`${lab.view()}-canvas`),
  dark: () => dark.matches,
});

const tabs = [...document.querySelectorAll('[role="tab"]')];
for (const tab of tabs) {
  tab.addEventListener('click', () => apply('view', tab.dataset.view));
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    apply('view', next.dataset.view);
  });
}

// ── Crosshair: pointer and keyboard ──────────────────────────────────────────────────────────
function xRange() {
  return [Number(lab.get('x-min')), Number(lab.get('x-max'))];
}
curvesCanvas.addEventListener('pointermove', (event) => {
  const rect = curvesCanvas.getBoundingClientRect();
  const px = (event.clientX - rect.left) * (curvesCanvas.width / rect.width);
  const [left, right] = plotArea;
  const t = (px - left) / (right - left);
  if (!(t >= 0 && t <= 1)) return;
  const [lo, hi] = xRange();
  apply('at', roundForSpan(lo + t * (hi - lo), hi - lo), atField);
});
curvesCanvas.addEventListener('keydown', (event) => {
  const [lo, hi] = xRange();
  const at = Number(lab.get('at'));
  const step = ((hi - lo) / 100) * (event.shiftKey ? 10 : 1);
  const next = { ArrowRight: at + step, ArrowLeft: at - step, Home: lo, End: hi }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  apply('at', roundForSpan(Math.min(hi, Math.max(lo, next)), hi - lo), atField);
});

// ── Cost measurement ─────────────────────────────────────────────────────────────────────────
function costKey(name) {
  return `${name}|${lab.params(name)}`;
}
function measure(name) {
  const key = costKey(name);
  if (!costs.has(key)) costs.set(key, lab.cost(name, COST_ELEMENTS, COST_REPEATS));
  return costs.get(key);
}
let pendingCosts = null;
function measureSelectedLater() {
  clearTimeout(pendingCosts);
  pendingCosts = setTimeout(() => {
    for (const name of selected()) measure(name);
    renderCardsNow();
  }, 300);
}
document.getElementById('measure-all').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  const table = document.getElementById('cost-table');
  const rows = [];
  for (const entry of CATALOGUE.filter((c) => c.scalar)) {
    rows.push([entry.name, measure(entry.name)]);
    await new Promise((resolve) => setTimeout(resolve)); // Let the page breathe between runs.
  }
  const relu = rows.find(([name]) => name === 'relu')[1];
  rows.sort((a, b) => a[1] - b[1]);
  table.querySelector('tbody').replaceChildren(...rows.map(([name, ns]) => {
    const tr = document.createElement('tr');
    tr.dataset.activation = name;
    for (const text of [name, fmt(ns, 3), `${fmt(ns / relu, 3)}×`]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
  table.hidden = false;
  button.disabled = false;
});

// ── Rendering ────────────────────────────────────────────────────────────────────────────────
function renderCardsNow() {
  const cost = (name) => costs.get(costKey(name)) ?? null;
  renderCards(document.getElementById('cards'), JSON.parse(lab.cards()), PALETTE, cost);
}

function renderReadout() {
  const rows = JSON.parse(lab.readout());
  const depth = lab.get('chain-depth');
  const showSecond = lab.get('second-derivative') === 'true';
  document.getElementById('chain-head').textContent = `f′(x)^${depth}`;
  for (const cell of document.querySelectorAll('#readout .d2')) cell.hidden = !showSecond;
  document.querySelector('#readout tbody').replaceChildren(...rows.map((r, i) => {
    const tr = document.createElement('tr');
    tr.dataset.activation = r.activation;
    const name = document.createElement('td');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = PALETTE[i % PALETTE.length];
    name.append(swatch, r.label);
    tr.append(name);
    for (const [value, cls] of [[r.x], [r.value, 'f'], [r.derivative, 'df'], [r.second_derivative, 'd2'], [r.chain, 'chain']]) {
      const td = document.createElement('td');
      td.textContent = fmt(value);
      if (cls) td.className = cls;
      if (cls === 'd2') td.hidden = !showSecond;
      tr.append(td);
    }
    return tr;
  }));
  const first = rows[0];
  chainNote.textContent = first
    ? tr('chain.note', { depth, activation: first.activation, x: fmt(first.x), chain: fmt(first.chain) })
    : '';
}

let frame = 0;
function scheduleDraw() {
  if (!frame) frame = requestAnimationFrame(drawNow);
}
function drawNow() {
  frame = 0;
  const view = lab.view();
  if (view === 'layers') {
    layersView.request();
    return;
  }
  if (view === 'train') {
    trainView.redraw();
    return;
  }
  const canvas = view === 'softmax' ? softmaxCanvas : curvesCanvas;
  const dpr = fitToDevice(canvas);
  if (!dpr) return;
  try {
    const area = lab.draw(canvas, dpr, dark.matches);
    if (view === 'curves') plotArea = area;
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
  } catch (err) {
    message.textContent = trError(err);
  }
}

let shownView = null;

/** Shows the lab's state in every control (after a change, a failed change, or a new hash). */
function sync() {
  const view = lab.view();
  for (const tab of tabs) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    document.getElementById(tab.getAttribute('aria-controls')).hidden = !on;
  }
  const names = selected();
  for (const box of picker.querySelectorAll('input')) box.checked = names.includes(box.value);
  for (const key of PARAM_KEYS) {
    const f = fields.get(key);
    const shown = takes(key);
    f.element.hidden = !shown;
    if (!shown) continue;
    const owner = names.find((name) => catalogueEntry(name)?.params.some((p) => p.key === key));
    f.setValue(lab.get(key) || String(JSON.parse(lab.params(owner))[key]));
  }
  syncListParams();
  document.getElementById('no-params').hidden = PARAM_KEYS.some(takes) || listOwner() !== null;
  for (const key of ['x-min', 'x-max', 'chain-depth', 'second-derivative']) fields.get(key).setValue(lab.get(key));
  const [lo, hi] = xRange();
  Object.assign(atField.range, { min: lo, max: hi, step: (hi - lo) / 1000 });
  atField.setValue(lab.get('at'));
  if (view === 'softmax') softmaxView.sync();
  else if (view === 'layers') layersView.sync();
  else if (view === 'train') trainView.sync();
  else {
    renderReadout();
    renderCardsNow();
  }
  // The race animates only while its tab is shown.
  if (view !== shownView) {
    if (shownView === 'train') trainView.hide();
    if (view === 'train') trainView.show();
    shownView = view;
  }
}

let hashTimer = 0;
function writeHashSoon() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    const query = lab.query();
    const url = query ? `#${query}` : location.pathname + location.search;
    history.replaceState(null, '', url);
  }, HASH_WRITE_DELAY_MS);
}

function changed() {
  sync();
  scheduleDraw();
  writeHashSoon();
  measureSelectedLater();
}

window.addEventListener('hashchange', () => {
  const previous = lab;
  lab = restore();
  previous.free();
  for (const f of fields.values()) f.setError('');
  sync();
  scheduleDraw();
  measureSelectedLater();
});
new ResizeObserver(scheduleDraw).observe(curvesCanvas);
new ResizeObserver(scheduleDraw).observe(softmaxCanvas);
new ResizeObserver(() => layersView.redraw()).observe(document.getElementById('layers-canvas'));
new ResizeObserver(() => trainView.redraw()).observe(document.querySelector('#view-train .results'));
dark.addEventListener('change', scheduleDraw);

sync();
scheduleDraw();
measureSelectedLater();
document.body.dataset.ready = 'true';
