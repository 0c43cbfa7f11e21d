// <activation-lab>: the lab as an embeddable custom element. Every attribute named like a config
// key (Lab.keys()) is config; `height` is the chart's CSS height. The widget renders into its own
// shadow root, starts its wasm work only near the viewport, pauses offscreen and while the tab is
// hidden, frees its Lab when removed, and never reads or writes the host page's URL.
// `lang` (en|ko; default: the host's <html lang>, then the browser's) picks the language of its
// text and messages; `controls="activation depth"` shows a labelled control per listed key;
// `views="curves layers"` shows tabs for switching between just those views. A "Data table"
// disclosure under the chart lists the numbers behind it (the same as the CSV export).
//
//   <script type="module" src="https://…/js/activation-lab.js"></script>
//   <activation-lab view="curves" activation="leaky_relu" negative-slope="0.05" at="-1"></activation-lab>

import { Lab, Race } from '../pkg/activation_lab.js';
import { ready } from './wasm.js';
import { runLayers } from './layers-pool.js';
import { fmt, roundForSpan } from './format.js';
import { fitToDevice } from './canvas.js';
import { pickLanguage, t, translateError } from './strings.js';
import { checkboxField, numberField, selectField, sliderBounds, textField } from './controls.js';

const DEFAULT_HEIGHT_PX = 320;
const MIN_HEIGHT_PX = 80;
const NEAR_VIEWPORT_MARGIN = '200px';
const KEY_STEPS_PER_AXIS = 100;
const TABLE_POINTS_PER_CURVE = 11;
// Keys whose whole range is too wide for a slider; they get a number box only.
const NO_SLIDER = new Set(['x-min', 'x-max', 'points', 'seed']);
// The data table's columns per view (CSV column names); other views show every column.
const TABLE_COLUMNS = { layers: ['layer', 'mean', 'std', 'frac_saturated', 'frac_zero', 'grad_weight_norm'] };
const COLUMN_STRINGS = {
  activation: 'col.activation', x: 'col.x', y: 'col.f', dy: 'col.df', layer: 'col.layer', mean: 'col.mean', std: 'col.std',
  frac_saturated: 'col.saturated', frac_zero: 'col.zero', grad_weight_norm: 'col.gradNorm', class: 'col.class', z: 'col.z',
  p: 'col.p', gradient: 'col.gradient',
};

// Attributes any HTML element may carry; they are not config and never reported as unknown.
const GLOBAL_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'title', 'lang', 'dir', 'tabindex', 'slot', 'part', 'role',
  'translate', 'inert', 'is', 'nonce', 'autofocus', 'draggable', 'spellcheck', 'contenteditable',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'exportparts', 'height', 'controls', 'views',
  'preset',
]);
// `hidden` is not in that list: it is the train view's layer list (hidden="16,16"), a config key.
const isGlobal = (name) => GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on');

// The key names must be known before the element is defined (observedAttributes is read once), so
// the element is defined after the single shared wasm instance is ready.
// The training lessons (crate/src/train/presets.rs), for preset="…".
const PRESETS = await ready.then(() => JSON.parse(Race.presets()));

const STYLE = `
  :host { display: block; position: relative; margin: 1rem 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif;
          --al-bg: #ffffff; --al-fg: #222228; --al-muted: #5f5f6b; --al-line: #d0d0d8; --al-error: #b3261e; --al-focus: #e69f00;
          color: var(--al-fg); }
  @media (prefers-color-scheme: dark) {
    :host { --al-bg: #1e1e24; --al-fg: #e8e8ec; --al-muted: #a8a8b4; --al-line: #44444e; --al-error: #ff8a80; }
  }
  /* hidden="16,16" is the train view's layer list (a config key), not HTML's "hide me": an
     !important :host rule is the one that wins over the page's [hidden] rule. */
  :host([hidden]) { display: block !important; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  canvas { display: block; width: 100%; border: 1px solid var(--al-line); border-radius: 6px; background: var(--al-bg); touch-action: none; }
  canvas:focus-visible { outline: 3px solid var(--al-focus); outline-offset: 2px; }
  .alert { margin: 0 0 .4rem; padding: .35rem .6rem; border-left: 3px solid var(--al-error); color: var(--al-error); font-size: .9em; }
  .alert:empty { display: none; }
  .alert p { margin: 0; }
  .readout, .status { margin: .3rem 0 0; color: var(--al-muted); font-size: .9em; font-variant-numeric: tabular-nums; }
  .readout:empty, .status:empty { display: none; }
  .curve { white-space: nowrap; margin-right: 1em; }
  .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em; vertical-align: -.05em; }
  :focus-visible { outline: 3px solid var(--al-focus); outline-offset: 2px; }
  button, select, input { font: inherit; color: inherit; }
  .tabs { display: flex; gap: .25rem; margin: 0 0 .4rem; }
  .tabs button { padding: .2rem .7rem; border: 1px solid var(--al-line); border-radius: 6px; background: var(--al-bg); cursor: pointer;
                 transition: background-color .15s ease, color .15s ease; }
  .tabs button[aria-selected="true"] { background: #0072b2; border-color: #0072b2; color: #fff; }
  .controls { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: 0 0 .4rem; padding: .35rem .6rem; border: 1px solid var(--al-line); border-radius: 6px; }
  .controls legend { font-size: .85em; color: var(--al-muted); padding: 0 .25rem; }
  .field { display: grid; grid-template-columns: minmax(6rem, 10rem) 4.5rem; gap: .1rem .4rem; align-items: center; min-width: 0; }
  .field > label { grid-column: 1 / -1; font-size: .9em; }
  .field.checkbox { grid-template-columns: auto 1fr; }
  .field.checkbox > label { grid-column: auto; }
  .field select, .field input[type="text"] { grid-column: 1 / -1; }
  .field input[type="number"], .field input[type="text"], .field select { width: 100%; padding: .1rem .25rem; background: var(--al-bg);
                 border: 1px solid var(--al-line); border-radius: 4px; }
  .field-error { display: none; }
  details.data { margin: .3rem 0 0; font-size: .9em; }
  details.data summary { cursor: pointer; color: var(--al-muted); }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; margin: .3rem 0; font-variant-numeric: tabular-nums; }
  caption { text-align: left; color: var(--al-muted); }
  th, td { border-bottom: 1px solid var(--al-line); padding: .1rem .5rem; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; }
  }
`;

/** Names in an attribute like `controls="activation, depth"` (commas or spaces), each once. */
const listAttribute = (value) => [...new Set(String(value ?? '').split(/[\s,]+/).filter(Boolean))];

// ── One worker pool shared by the page and every widget for the layers pass; newest request per widget wins ──
let nextRequest = 0;

function requestLayers(widget, query) {
  nextRequest += 1;
  const id = nextRequest;
  runLayers(query).then(
    (result) => widget.layersDone({ id, ...result }),
    (err) => widget.layersDone({ id, error: err }),
  );
  return id;
}

await ready;
// No prototype: a name from an attribute or a link ("constructor", "__proto__") must not find one.
const KEYS = Object.assign(Object.create(null), Object.fromEntries(JSON.parse(Lab.keys()).map((k) => [k.name, k])));
const PALETTE = Lab.palette();
const CATALOGUE = JSON.parse(Lab.catalogue());
const darkScheme = matchMedia('(prefers-color-scheme: dark)');

class ActivationLab extends HTMLElement {
  static get observedAttributes() {
    return [...Object.keys(KEYS), 'height', 'lang', 'controls', 'views', 'preset'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <div class="alert" role="alert"></div>
      <div class="tabs" role="tablist" hidden></div>
      <fieldset class="controls" hidden><legend></legend></fieldset>
      <div class="panel">
        <canvas part="canvas" role="img"></canvas>
        <p class="readout" aria-live="polite"></p>
        <p class="status" role="status"></p>
        <details class="data"><summary></summary><div class="table-wrap"></div></details>
      </div>`;
    this.alertBox = root.querySelector('.alert');
    this.canvas = root.querySelector('canvas');
    this.readoutLine = root.querySelector('.readout');
    this.status = root.querySelector('.status');
    this.tabs = root.querySelector('.tabs');
    this.controlsBox = root.querySelector('.controls');
    this.panel = root.querySelector('.panel');
    this.details = root.querySelector('details.data');
    this.details.addEventListener('toggle', () => this.renderTable());
    this.fields = new Map(); // key → control built from the `controls` attribute
    this.views = []; // the views a reader may switch between (`views` attribute)
    this.attributeErrors = []; // sentences about the `controls` and `views` attributes
    this.layersInfo = null;
    this.lab = null;
    this.buildWarnings = [];
    this.setErrors = new Map(); // key → the error a failed lab.set threw (translated when shown)
    this.near = false;
    this.dirty = true;
    this.frame = 0;
    this.plotArea = [0, 1, 0, 1];
    this.latestLayers = 0;
    this.snapshot = null;
    this.snapshotQuery = null;
    this.onVisibility = () => this.wake();
    this.onScheme = () => { this.dirty = true; this.wake(); };
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.canvas.addEventListener('pointermove', (event) => this.onPointer(event));
  }

  connectedCallback() {
    this.applyLanguage();
    this.applyHeight();
    this.intersection = new IntersectionObserver((entries) => {
      this.near = entries.some((e) => e.isIntersecting);
      this.wake();
    }, { rootMargin: NEAR_VIEWPORT_MARGIN });
    this.intersection.observe(this);
    this.resize = new ResizeObserver(() => { this.dirty = true; this.wake(); });
    this.resize.observe(this.canvas);
    document.addEventListener('visibilitychange', this.onVisibility);
    darkScheme.addEventListener('change', this.onScheme);
  }

  disconnectedCallback() {
    this.intersection?.disconnect();
    this.resize?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    darkScheme.removeEventListener('change', this.onScheme);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.near = false;
    this.latestLayers = 0; // a result still on its way is dropped
    this.lab?.free();
    this.lab = null;
    this.dirty = true;
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === 'height') {
      this.applyHeight();
      return;
    }
    if (name === 'lang' || name === 'controls' || name === 'views') {
      this.applyLanguage();
      if (name === 'views' && this.lab) this.keepViewAllowed();
      this.dirty = true;
      this.wake();
      return;
    }
    if (!this.lab) return; // built from the attributes when it first comes near the viewport
    if (name === 'preset') {
      this.rebuild();
    } else if (value === null) {
      const fallback = KEYS[name].default;
      if (fallback === '' || this.buildWarnings.length) this.rebuild();
      else this.setKey(name, fallback);
    } else if (this.buildWarnings.length) {
      this.rebuild(); // recomputes every message from the attributes as they are now
    } else {
      this.setKey(name, attributeValue(name, value));
    }
    this.dirty = true;
    this.wake();
  }

  /** The config as a query string, built from the attributes (unknown names included, so they are reported). */
  attributeQuery() {
    const params = new URLSearchParams();
    // A preset (preset="dead-relu") is a starting query; the other attributes apply on top of it.
    const preset = PRESETS.find((p) => p.id === this.getAttribute('preset'));
    if (preset) for (const [key, value] of new URLSearchParams(preset.query)) params.append(key, value);
    for (const { name, value } of this.attributes) {
      if (isGlobal(name)) continue;
      params.append(name, KEYS[name] ? attributeValue(name, value) : value);
    }
    return params.toString();
  }

  rebuild() {
    this.lab?.free();
    this.lab = Lab.restore(this.attributeQuery());
    this.lab.setLanguage(this.language); // the words drawn inside the chart
    this.buildWarnings = this.lab.warnings();
    const preset = this.getAttribute('preset');
    if (preset !== null && !PRESETS.some((p) => p.id === preset)) {
      const valid = PRESETS.map((p) => p.id);
      // Shaped like the core's unknown-name error, so it is translated the same way.
      this.buildWarnings.push({
        message: `unknown preset "${preset}" (expected one of: ${valid.join(', ')})`,
        code: 'unknown-name',
        fields: { key: 'preset', value: preset, valid },
      });
    }
    this.setErrors.clear();
    this.snapshot = null;
    this.keepViewAllowed();
    this.showMessages();
  }

  /** The widget's language: its own `lang`, else the host page's, else the browser's. */
  get language() {
    return pickLanguage(this.getAttribute('lang'), document.documentElement.lang, navigator.language);
  }

  text(key, vars) {
    return t(this.language, key, vars);
  }

  /** (Re)builds everything with words in it: tabs, controls, labels and messages. */
  applyLanguage() {
    this.attributeErrors = [];
    this.lab?.setLanguage(this.language);
    this.buildTabs();
    this.buildControls();
    this.details.querySelector('summary').textContent = this.text('widget.dataTable');
    if (!this.lab) this.canvas.setAttribute('aria-label', this.text('widget.ariaLoading'));
    if (this.layersInfo) this.status.textContent = this.layersStatus();
    this.showMessages();
  }

  /** With a `views` list, the lab's view is always one of them. */
  keepViewAllowed() {
    if (this.views.length && !this.views.includes(this.lab.view())) this.setKey('view', this.views[0]);
  }

  // ── `views`: tabs between the listed views ─────────────────────────────────────────────────
  buildTabs() {
    const valid = KEYS.view.kind.choices;
    const wanted = listAttribute(this.getAttribute('views'));
    for (const name of wanted.filter((v) => !valid.includes(v))) {
      this.attributeErrors.push(this.text('widget.unknownView', { name, valid: valid.join(', ') }));
    }
    this.views = wanted.filter((v) => valid.includes(v));
    const shown = this.views.length > 1;
    this.tabs.hidden = !shown;
    this.tabs.setAttribute('aria-label', this.text('nav.views'));
    this.tabs.replaceChildren(...(shown ? this.views : []).map((view) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.id = `tab-${view}`;
      tab.dataset.view = view;
      tab.setAttribute('aria-controls', 'panel');
      const label = this.text(`tab.${view}`);
      tab.textContent = label === `tab.${view}` ? view : label;
      tab.addEventListener('click', () => this.userSet('view', view));
      tab.addEventListener('keydown', (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        event.preventDefault();
        const next = this.views[(this.views.indexOf(view) + step + this.views.length) % this.views.length];
        this.userSet('view', next);
        this.tabs.querySelector(`[data-view="${next}"]`).focus();
      });
      return tab;
    }));
    this.panel.id = 'panel';
    if (shown) this.panel.setAttribute('role', 'tabpanel');
    else this.panel.removeAttribute('role');
    this.syncTabs();
  }

  syncTabs() {
    const view = this.lab?.view() ?? this.views[0];
    for (const tab of this.tabs.children) {
      const on = tab.dataset.view === view;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) this.panel.setAttribute('aria-labelledby', tab.id);
    }
  }

  // ── `controls`: one labelled native control per listed key ─────────────────────────────────
  buildControls() {
    const wanted = listAttribute(this.getAttribute('controls')).filter((k) => k !== 'none');
    for (const name of wanted.filter((k) => !KEYS[k])) this.attributeErrors.push(this.text('widget.unknownControl', { name }));
    this.fields = new Map(wanted.filter((k) => KEYS[k]).map((key) => [key, this.makeField(key)]));
    this.controlsBox.querySelector('legend').textContent = this.text('widget.controls');
    this.controlsBox.replaceChildren(this.controlsBox.querySelector('legend'), ...[...this.fields.values()].map((f) => f.element));
    this.controlsBox.hidden = this.fields.size === 0;
    if (this.lab) this.syncControls();
  }

  makeField(key) {
    const kind = KEYS[key].kind;
    const label = this.text(`key.${key}`);
    const onChange = (value) => this.userSet(key, value);
    if (kind.type === 'bool') return checkboxField(key, label, onChange);
    if (kind.type === 'number_list') return textField(key, label, onChange);
    if (kind.type === 'names') {
      const choices = key === 'activation' ? CATALOGUE.filter((c) => c.scalar).map((c) => c.name) : kind.choices;
      return selectField(key, label, choices, onChange);
    }
    return numberField(key, label, { ...sliderBounds(KEYS[key]), slider: !NO_SLIDER.has(key), onChange, lang: this.language });
  }

  /** A change made by the reader: the activation control replaces the first curve and keeps the rest. */
  userSet(key, value) {
    if (!this.lab) return;
    let text = String(value);
    if (key === 'activation') {
      const rest = this.lab.get('activation').split(',').slice(1).filter((n) => n !== text);
      text = [text, ...rest].join(',');
    }
    this.setKey(key, text);
    this.syncControls();
    this.dirty = true;
    this.wake();
  }

  /** Shows the lab's state in every control. */
  syncControls() {
    this.syncTabs();
    for (const [key, field] of this.fields) {
      let value = this.lab.get(key);
      if (key === 'activation') value = value.split(',')[0];
      if (value === '') value = this.parameterDefault(key);
      if (key === 'at' && field.range) {
        const [lo, hi] = [Number(this.lab.get('x-min')), Number(this.lab.get('x-max'))];
        Object.assign(field.range, { min: lo, max: hi, step: (hi - lo) / 1000 });
      }
      field.setValue(value);
    }
  }

  /** An unset activation parameter shows the value the first activation that takes it uses. */
  parameterDefault(key) {
    for (const name of this.lab.get('activation').split(',')) {
      if (CATALOGUE.find((c) => c.name === name)?.params.some((p) => p.key === key)) {
        const value = JSON.parse(this.lab.params(name))[key];
        return Array.isArray(value) ? value.join(',') : String(value);
      }
    }
    return '';
  }

  setKey(key, value) {
    try {
      this.lab.set(key, value);
      this.setErrors.delete(key);
    } catch (err) {
      this.setErrors.set(key, err);
    }
    this.showMessages();
  }

  showMessages() {
    const core = [...this.buildWarnings, ...this.setErrors.values()].map((e) => translateError(this.language, e));
    const sentences = [...this.attributeErrors, ...core];
    this.alertBox.replaceChildren(...sentences.map((s) => {
      const p = document.createElement('p');
      p.textContent = s;
      return p;
    }));
  }

  applyHeight() {
    const raw = Number(this.getAttribute('height'));
    const height = this.hasAttribute('height') && Number.isFinite(raw) ? Math.max(MIN_HEIGHT_PX, raw) : DEFAULT_HEIGHT_PX;
    this.canvas.style.height = `${height}px`;
    this.dirty = true;
    this.wake();
  }

  get active() {
    return this.isConnected && this.near && !document.hidden;
  }

  /** Draws on the next frame if the widget is near the viewport, the page is visible and something changed. */
  wake() {
    if (!this.active || !this.dirty || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.active) return; // paused; `dirty` stays set, so the next wake draws
      this.dirty = false;
      if (!this.lab) this.rebuild();
      this.render();
    });
  }

  render() {
    const view = this.lab.view();
    this.readoutLine.hidden = view !== 'curves';
    this.status.hidden = view !== 'layers';
    if (view === 'curves') {
      this.canvas.tabIndex = 0;
      this.canvas.setAttribute('aria-label', this.text('widget.ariaCurves', { names: this.lab.get('activation').replaceAll(',', ', ') }));
    } else {
      this.canvas.removeAttribute('tabindex');
      this.canvas.setAttribute('aria-label', this.text({ softmax: 'widget.ariaSoftmax', train: 'widget.ariaTrain' }[view] ?? 'widget.ariaLayers'));
    }
    this.syncControls();
    if (view === 'layers') {
      this.renderLayers();
      return;
    }
    const dpr = fitToDevice(this.canvas);
    if (!dpr) return;
    try {
      const area = this.lab.draw(this.canvas, dpr, darkScheme.matches);
      if (view === 'curves') {
        this.plotArea = area;
        this.renderReadout();
      }
      this.countDraw();
      this.renderTable();
    } catch (err) {
      this.setErrors.set('draw', err);
      this.showMessages();
    }
  }

  countDraw() {
    this.dataset.drawn = String(Number(this.dataset.drawn || 0) + 1);
  }

  renderReadout() {
    const rows = JSON.parse(this.lab.readout());
    const x = rows[0] ? `x = ${fmt(rows[0].x)}: ` : '';
    this.readoutLine.replaceChildren(x, ...rows.map((r, i) => {
      const span = document.createElement('span');
      span.className = 'curve';
      span.dataset.activation = r.activation;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = PALETTE[i % PALETTE.length];
      const f = document.createElement('span');
      f.className = 'f';
      f.textContent = fmt(r.value);
      const df = document.createElement('span');
      df.className = 'df';
      df.textContent = fmt(r.derivative);
      span.append(swatch, `${r.label}: f = `, f, ', f′ = ', df);
      return span;
    }));
  }

  renderLayers() {
    const query = this.lab.query();
    if (this.snapshot && this.snapshotQuery === query) {
      this.drawSnapshot();
      return;
    }
    this.layersInfo = null;
    this.status.textContent = this.text('layers.computing');
    this.latestLayers = requestLayers(this, query);
    this.pendingQuery = query;
  }

  layersDone({ id, json, error }) {
    if (id !== this.latestLayers || !this.lab) return; // stale, or the widget was removed
    if (error) {
      this.status.textContent = '';
      this.setErrors.set('layers', error);
      this.showMessages();
      return;
    }
    this.setErrors.delete('layers');
    this.showMessages();
    this.snapshot = json;
    this.snapshotQuery = this.pendingQuery;
    this.layersInfo = JSON.parse(json);
    this.status.textContent = this.layersStatus();
    if (this.active) this.drawSnapshot();
    else this.dirty = true;
  }

  drawSnapshot() {
    const dpr = fitToDevice(this.canvas);
    if (!dpr) return;
    try {
      this.lab.drawLayers(this.snapshot, this.canvas, dpr, darkScheme.matches);
      this.countDraw();
      this.renderTable();
    } catch (err) {
      this.setErrors.set('draw', err);
      this.showMessages();
    }
  }

  layersStatus() {
    const info = this.layersInfo;
    return info.overflow_at
      ? this.text('layers.overflow', { layer: info.overflow_at })
      : this.text('widget.layers', { activation: info.activation, n: info.layers.length, loss: fmt(info.loss) });
  }

  // ── Data table: the chart's numbers (the CSV export), built only while it is open ──────────
  renderTable() {
    const wrap = this.details.querySelector('.table-wrap');
    if (!this.details.open || !this.lab) return;
    const view = this.lab.view();
    let csv = '';
    try {
      if (view === 'layers') csv = this.snapshot && this.snapshotQuery === this.lab.query() ? this.lab.exportCsv(this.snapshot) : '';
      else csv = this.lab.exportCsv('');
    } catch {
      csv = ''; // the alert already says why the chart is missing
    }
    const [header = '', ...lines] = csv.trim().split('\n');
    const names = header.split(',');
    const keep = (TABLE_COLUMNS[view] ?? names).filter((n) => names.includes(n)).map((n) => names.indexOf(n));
    let rows = lines.filter(Boolean).map((line) => line.split(','));
    if (view === 'curves') rows = subsample(rows);
    const table = document.createElement('table');
    table.createCaption().textContent = this.text('widget.dataCaption');
    const head = table.createTHead().insertRow();
    for (const i of keep) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = COLUMN_STRINGS[names[i]] ? this.text(COLUMN_STRINGS[names[i]]) : names[i];
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const i of keep) {
        const number = Number(row[i]);
        tr.insertCell().textContent = row[i] === '' || Number.isNaN(number) ? row[i] : fmt(number, 4);
      }
    }
    wrap.replaceChildren(...(names.length > 1 ? [table] : []));
  }

  // ── Crosshair: keyboard and pointer (curves view) ──────────────────────────────────────────
  moveCrosshair(x) {
    const [lo, hi] = [Number(this.lab.get('x-min')), Number(this.lab.get('x-max'))];
    this.setKey('at', String(roundForSpan(Math.min(hi, Math.max(lo, x)), hi - lo)));
    this.dirty = true;
    this.wake();
  }

  onKey(event) {
    if (!this.lab || this.lab.view() !== 'curves') return;
    const [lo, hi] = [Number(this.lab.get('x-min')), Number(this.lab.get('x-max'))];
    const at = Number(this.lab.get('at'));
    const step = ((hi - lo) / KEY_STEPS_PER_AXIS) * (event.shiftKey ? 10 : 1);
    const next = { ArrowRight: at + step, ArrowLeft: at - step, Home: lo, End: hi }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.moveCrosshair(next);
  }

  onPointer(event) {
    if (!this.lab || this.lab.view() !== 'curves') return;
    const rect = this.canvas.getBoundingClientRect();
    const px = (event.clientX - rect.left) * (this.canvas.width / rect.width);
    const [left, right] = this.plotArea;
    const t = (px - left) / (right - left);
    if (!(t >= 0 && t <= 1)) return;
    const [lo, hi] = [Number(this.lab.get('x-min')), Number(this.lab.get('x-max'))];
    this.moveCrosshair(lo + t * (hi - lo));
  }
}

/** About TABLE_POINTS_PER_CURVE evenly spaced rows of each curve (rows grouped by their first column). */
function subsample(rows) {
  const groups = new Map();
  for (const row of rows) {
    if (!groups.has(row[0])) groups.set(row[0], []);
    groups.get(row[0]).push(row);
  }
  return [...groups.values()].flatMap((group) => {
    const n = Math.min(TABLE_POINTS_PER_CURVE, group.length);
    const picks = Array.from({ length: n }, (_, i) => Math.round((i * (group.length - 1)) / Math.max(1, n - 1)));
    return [...new Set(picks)].map((i) => group[i]);
  });
}

/** A bare boolean attribute (`residual`) means true. */
function attributeValue(name, value) {
  return KEYS[name]?.kind.type === 'bool' && value === '' ? 'true' : value;
}

if (!customElements.get('activation-lab')) customElements.define('activation-lab', ActivationLab);
