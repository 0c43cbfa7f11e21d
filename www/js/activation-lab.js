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
//
// This file is the element's lifecycle only; what it shows comes from the modules the page uses
// too: the domain facts (domain.js), controls by key kind (controls.js), the crosshair, the tabs,
// the layers pool's per-reader channel and the data table.

import { Lab } from '../pkg/activation_lab.js';
import { KEYS, PALETTE, PRESETS, SCALAR_NAMES, keyLabel, namesOf, parameterValue, pickable, unset } from './domain.js';
import { layersChannel } from './layers-pool.js';
import { clip, fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { LANGUAGES, pickLanguage, t, translateError } from './strings.js';
import { fieldFor } from './controls.js';
import { attachCrosshair } from './crosshair.js';
import { selectTab, wireTabs } from './tabs.js';
import { dataTable } from './data-table.js';
import { STYLE } from './widget-style.js';

const DEFAULT_HEIGHT_PX = 320;
// The chart's height is a setting like any key: a range, and a sentence for a value outside it.
const HEIGHT_RANGE_PX = { min: 80, max: 2000 };
const NEAR_VIEWPORT_MARGIN = '200px';
// Keys whose whole range is too wide for a slider; they get a number box only.
const NO_SLIDER = new Set(['x-min', 'x-max', 'points', 'seed']);
// The widget's own settings, beside the config keys.
const WIDGET_ATTRIBUTES = ['height', 'lang', 'controls', 'views', 'preset'];

// Attributes any HTML element may carry; they are not config and never reported as unknown.
const GLOBAL_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'title', 'dir', 'tabindex', 'slot', 'part', 'role',
  'translate', 'inert', 'is', 'nonce', 'autofocus', 'draggable', 'spellcheck', 'contenteditable',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'exportparts', ...WIDGET_ATTRIBUTES,
]);
// `hidden` is not in that list: it is the train view's layer list (hidden="16,16"), a config key.
const isGlobal = (name) => GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on');

/** Names in an attribute like `controls="activation, depth"` (commas or spaces), each once. */
const listAttribute = (value) => [...new Set(String(value ?? '').split(/[\s,]+/).filter(Boolean))];

/** A bare boolean attribute (`residual`) means true. */
const attributeValue = (name, value) => (KEYS[name]?.kind.type === 'bool' && value === '' ? 'true' : value);

const darkScheme = matchMedia('(prefers-color-scheme: dark)');
const errorText = (err) => (err instanceof Error ? err.message : String(err));

class ActivationLab extends HTMLElement {
  static get observedAttributes() {
    return [...Object.keys(KEYS), ...WIDGET_ATTRIBUTES];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <div class="alert" role="alert"></div>
      <div class="tabs" role="tablist" hidden></div>
      <fieldset class="controls" hidden><legend></legend></fieldset>
      <div class="panel" id="panel">
        <canvas part="canvas" role="img"></canvas>
        <p class="readout" aria-live="polite"></p>
        <p class="status" role="status"></p>
        <details class="data"><summary></summary><div class="table-wrap"></div></details>
      </div>`;
    const $ = (selector) => root.querySelector(selector);
    Object.assign(this, {
      alertBox: $('.alert'), tabs: $('.tabs'), controlsBox: $('.controls'), panel: $('.panel'), canvas: $('canvas'),
      readoutLine: $('.readout'), status: $('.status'), details: $('details.data'),
    });
    this.details.addEventListener('toggle', () => this.renderTable());
    this.fields = new Map(); // key → control built from the `controls` attribute
    this.views = []; // the views a reader may switch between (`views` attribute)
    this.attributeErrors = []; // sentences about the `lang`, `controls` and `views` attributes
    this.heightError = ''; // the sentence about the `height` attribute
    this.buildWarnings = []; // the core's sentences about the config attributes
    this.setErrors = new Map(); // key → sentence from a failed lab.set
    this.lab = null;
    this.near = false;
    this.dirty = true;
    this.frame = 0;
    this.plotArea = [0, 1, 0, 1];
    this.layers = layersChannel(); // only this widget's newest layers pass waits
    this.layersInfo = null;
    this.snapshot = null; // the layers pass's JSON, for `snapshotQuery`
    this.snapshotQuery = null;
    this.pendingQuery = null;
    this.onVisibility = () => this.wake();
    this.onScheme = () => this.changed();
    wireTabs(this.tabs, (view) => this.userSet('view', view));
    attachCrosshair(this.canvas, {
      lab: () => (this.lab?.view() === 'curves' ? this.lab : null),
      plotArea: () => this.plotArea,
      setAt: (at) => this.userSet('at', at),
    });
  }

  connectedCallback() {
    this.applyLanguage();
    this.intersection = new IntersectionObserver((entries) => {
      this.near = entries.some((e) => e.isIntersecting);
      this.wake();
    }, { rootMargin: NEAR_VIEWPORT_MARGIN });
    this.intersection.observe(this);
    this.resize = new ResizeObserver(() => this.changed());
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
    this.layers.cancel(); // a pass still waiting is dropped, one on its way is ignored
    this.pendingQuery = null;
    this.lab?.free();
    this.lab = null;
    this.dirty = true;
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === 'height') {
      this.applyHeight();
      this.showMessages();
    } else if (name === 'lang' || name === 'controls' || name === 'views') {
      this.applyLanguage();
      if (name === 'views' && this.lab) this.keepViewAllowed();
    } else if (!this.lab) {
      return; // built from the attributes when it first comes near the viewport
    } else if (name === 'preset' || this.buildWarnings.length || (value === null && KEYS[name].default === '')) {
      this.rebuild(); // recomputes every message from the attributes as they are now
    } else {
      this.setKey(name, value === null ? KEYS[name].default : attributeValue(name, value));
    }
    this.changed();
  }

  /** The config as a query string, built from the attributes (unknown names included, so they are reported). */
  attributeQuery() {
    const params = new URLSearchParams();
    // A preset (preset="dead-relu") is a starting query; the other attributes apply on top of it.
    const preset = PRESETS.find((p) => p.id === this.getAttribute('preset'));
    if (preset) for (const [key, value] of new URLSearchParams(preset.query)) params.append(key, value);
    for (const { name, value } of this.attributes) {
      if (!isGlobal(name)) params.append(name, attributeValue(name, value));
    }
    return params.toString();
  }

  /** Puts `lab` in place of the widget's lab, which is freed. */
  replaceLab(lab) {
    this.lab?.free();
    this.lab = lab;
    this.lab.setLanguage(this.language); // the words drawn inside the chart
  }

  rebuild() {
    this.replaceLab(Lab.restore(this.attributeQuery()));
    this.buildWarnings = this.lab.warnings();
    const preset = this.getAttribute('preset');
    if (preset !== null && !PRESETS.some((p) => p.id === preset)) {
      this.buildWarnings.push(`unknown preset "${preset}" (expected one of: ${PRESETS.map((p) => p.id).join(', ')})`);
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
    const lang = this.getAttribute('lang')?.trim();
    if (lang && !LANGUAGES.includes(lang.toLowerCase().split('-')[0])) {
      this.attributeErrors.push(this.text('widget.badLang', { value: lang, valid: LANGUAGES.join(', '), used: this.language }));
    }
    this.applyHeight();
    this.lab?.setLanguage(this.language);
    this.buildTabs();
    this.buildControls();
    this.details.querySelector('summary').textContent = this.text('widget.dataTable');
    if (!this.lab) this.canvas.setAttribute('aria-label', this.text('widget.ariaLoading'));
    if (this.layersInfo) this.status.textContent = this.layersStatus();
    this.showMessages();
  }

  /** The chart's CSS height: the `height` attribute in HEIGHT_RANGE_PX, else the default with a sentence. */
  applyHeight() {
    const raw = this.getAttribute('height');
    const value = Number(raw?.trim() || NaN);
    const valid = value >= HEIGHT_RANGE_PX.min && value <= HEIGHT_RANGE_PX.max;
    this.heightError = raw !== null && !valid ? this.text('widget.badHeight', { ...HEIGHT_RANGE_PX, value: raw }) : '';
    this.canvas.style.height = `${valid ? value : DEFAULT_HEIGHT_PX}px`;
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
      return tab;
    }));
    if (shown) this.panel.setAttribute('role', 'tabpanel');
    else this.panel.removeAttribute('role');
    this.syncTabs();
  }

  syncTabs() {
    const tab = selectTab(this.tabs, this.lab?.view() ?? this.views[0]);
    if (tab) this.panel.setAttribute('aria-labelledby', tab.id);
  }

  // ── `controls`: one labelled native control per listed key, the control its kind calls for ──
  buildControls() {
    const wanted = listAttribute(this.getAttribute('controls')).filter((k) => k !== 'none');
    for (const name of wanted.filter((k) => !KEYS[k])) this.attributeErrors.push(this.text('widget.unknownControl', { name }));
    this.fields = new Map(wanted.filter((k) => KEYS[k]).map((key) => [key, fieldFor(KEYS[key], {
      label: keyLabel(this.language, key),
      lang: this.language,
      choices: pickable(KEYS[key].kind.choices),
      slider: !NO_SLIDER.has(key),
      first: () => (this.lab ? namesOf(this.lab)[0] : SCALAR_NAMES[0]),
      onChange: (value) => this.userSet(key, value),
    })]));
    const legend = this.controlsBox.querySelector('legend');
    legend.textContent = this.text('widget.controls');
    this.controlsBox.replaceChildren(legend, ...[...this.fields.values()].map((f) => f.element));
    this.controlsBox.hidden = this.fields.size === 0;
    if (this.lab) this.syncControls();
  }

  /** Shows the lab's state in the tabs and every control (an unset parameter shows its default). */
  syncControls() {
    this.syncTabs();
    for (const [key, field] of this.fields) {
      if (key === 'at' && field.range) {
        const [lo, hi] = [Number(this.lab.get('x-min')), Number(this.lab.get('x-max'))];
        Object.assign(field.range, { min: lo, max: hi, step: (hi - lo) / 1000 });
      }
      field.setValue(parameterValue(this.lab, key));
    }
  }

  /** A change made by the reader through a control, a tab or the crosshair; false if refused. */
  userSet(key, value) {
    if (!this.lab) return false;
    const applied = this.setKey(key, String(value));
    this.syncControls();
    this.changed();
    return applied;
  }

  /** Sets one key through the lab's validation; a refusal is said in the alert. */
  setKey(key, value) {
    let applied = true;
    try {
      if (value === '' && KEYS[key]?.default === '') this.replaceLab(unset(this.lab, key));
      else this.lab.set(key, value);
      this.setErrors.delete(key);
    } catch (err) {
      this.setErrors.set(key, errorText(err));
      applied = false;
    }
    this.showMessages();
    return applied;
  }

  showMessages() {
    const core = [...this.buildWarnings, ...this.setErrors.values()].map((s) => translateError(this.language, s));
    const sentences = [this.heightError, ...this.attributeErrors, ...core].filter(Boolean);
    this.alertBox.replaceChildren(...sentences.map((sentence) => {
      const p = document.createElement('p');
      p.textContent = clip(sentence);
      return p;
    }));
  }

  // ── Drawing: only near the viewport with the page visible, at most once a frame ────────────
  get active() {
    return this.isConnected && this.near && !document.hidden;
  }

  /** Marks the chart out of date and draws it on the next frame if the widget is active. */
  changed() {
    this.dirty = true;
    this.wake();
  }

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
      this.canvas.setAttribute('aria-label', this.text('widget.ariaCurves', { names: namesOf(this.lab).join(', ') }));
    } else {
      this.canvas.removeAttribute('tabindex');
      this.canvas.setAttribute('aria-label', this.text({ softmax: 'widget.ariaSoftmax', train: 'widget.ariaTrain' }[view] ?? 'widget.ariaLayers'));
    }
    this.syncControls();
    if (view === 'layers') this.renderLayers();
    else this.draw(() => this.lab.draw(this.canvas, fitToDevice(this.canvas), darkScheme.matches));
  }

  /** Runs one drawing call on a laid-out canvas; a failure is said in the alert. */
  draw(paint) {
    if (!fitToDevice(this.canvas)) return;
    try {
      const area = paint();
      if (this.lab.view() === 'curves') {
        this.plotArea = area;
        this.renderReadout();
      }
      this.dataset.drawn = String(Number(this.dataset.drawn || 0) + 1);
      this.renderTable();
    } catch (err) {
      this.setErrors.set('draw', errorText(err));
      this.showMessages();
    }
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

  // ── Layers: the pass on the shared worker pool, newest request only ───────────────────────
  renderLayers() {
    const query = this.lab.query();
    if (this.snapshot && this.snapshotQuery === query) {
      this.drawSnapshot();
      return;
    }
    if (this.pendingQuery === query) return; // already on its way
    this.layersInfo = null;
    this.status.textContent = this.text('layers.computing');
    this.pendingQuery = query;
    this.layers.request(query).then(
      (result) => this.layersDone(query, result),
      (err) => this.layersDone(query, { error: errorText(err) }),
    );
  }

  layersDone(query, result) {
    if (!result || !this.lab) return; // a newer request is on its way, or the widget was removed
    this.pendingQuery = null;
    if (result.error) {
      this.status.textContent = '';
      this.setErrors.set('layers', result.error);
      this.showMessages();
      return;
    }
    this.setErrors.delete('layers');
    this.showMessages();
    this.snapshot = result.json;
    this.snapshotQuery = query;
    this.layersInfo = JSON.parse(result.json);
    this.status.textContent = this.layersStatus();
    if (this.active) this.drawSnapshot();
    else this.dirty = true;
  }

  drawSnapshot() {
    this.draw(() => this.lab.drawLayers(this.snapshot, this.canvas, fitToDevice(this.canvas), darkScheme.matches));
  }

  layersStatus() {
    const info = this.layersInfo;
    return info.overflow_at
      ? this.text('layers.overflow', { layer: info.overflow_at })
      : this.text('widget.layers', { activation: info.activation, n: info.layers.length, loss: fmt(info.loss) });
  }

  // ── Data table: the chart's numbers (the CSV export), built only while it is open ──────────
  renderTable() {
    if (!this.details.open || !this.lab) return;
    const view = this.lab.view();
    let csv = '';
    try {
      if (view !== 'layers') csv = this.lab.exportCsv('');
      else if (this.snapshot && this.snapshotQuery === this.lab.query()) csv = this.lab.exportCsv(this.snapshot);
    } catch {
      csv = ''; // the alert already says why the chart is missing
    }
    const table = dataTable(csv, view, (key) => this.text(key));
    this.details.querySelector('.table-wrap').replaceChildren(...(table ? [table] : []));
  }
}

if (!customElements.get('activation-lab')) customElements.define('activation-lab', ActivationLab);
