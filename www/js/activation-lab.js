// <activation-lab>: the lab as an embeddable custom element. Every attribute named like a config
// key (Lab.keys()) is config; `height` is the chart's CSS height (80..=2000 px, default 320).
// The widget renders into its own shadow root, starts its wasm work only near the viewport,
// pauses offscreen and while the tab is hidden, frees its Lab when removed, and never reads or
// writes the host page's URL. `lang` (en|ko; default: the host's <html lang>, then the browser's)
// picks the language of its text and messages; `controls="activation depth"` shows a labelled
// control per listed key; `views="curves layers"` shows tabs for switching between just those
// views. A bad height, lang, control or view is named in the widget's message, like a bad key. A
// "Data table" disclosure under the chart lists the numbers behind it (the CSV export's). In the
// training view the race plays live (widget-race.js): Play / Pause / Step, `autoplay`, and the
// pictures `panels` names, both config keys.
//
//   <script type="module" src="https://…/js/activation-lab.js"></script>
//   <activation-lab view="curves" activation="leaky_relu" negative-slope="0.05" at="-1"></activation-lab>
//
// This file is the element's lifecycle only; what it shows comes from the modules the page uses
// too: the domain facts (domain.js), controls by key kind (controls.js), the crosshair, the tabs,
// the layers controller and the data table. (Lit's ReactiveElement was considered for the update
// scheduling; `changed` and `wake` below are that scheduling in a dozen lines, so vendoring it
// would make the widget larger, not smaller.)

import { Lab } from '../pkg/activation_lab.js';
import { KEYS, PALETTE, SCALAR_NAMES, VIEWS, keyLabel, namesOf, parameterValue, pickable, unset } from './domain.js';
import { createLayersController } from './layers-controller.js';
import { warmPoolWhenIdle } from './layers-pool.js';
import { createPhaseController } from './phase-controller.js';
import { clip, fmt } from './format.js';
import { fitToDevice, swatch } from './canvas.js';
import { t, translateError } from './strings.js';
import { widgetLanguage } from './language.js';
import { attributePairs, attributeValue, heightOf, languageError, listAttribute, presetError } from './widget-attributes.js';
import { STYLE, WIDGET_ATTRIBUTES } from './widget-shell.js';
import { fieldFor } from './controls.js';
import { attachCrosshair } from './crosshair.js';
import { selectTab, wireTabs } from './tabs.js';
import { dataTable } from './data-table.js';
import { createWidgetRace } from './widget-race.js';

const NEAR_VIEWPORT_MARGIN = '200px';
// Keys whose whole range is too wide for a slider; they get a number box only.
const NO_SLIDER = new Set(['x-min', 'x-max', 'points', 'seed']);

const darkScheme = matchMedia('(prefers-color-scheme: dark)');

// Each view as the widget shows it, one entry per view the core lists (as main.js's table is for
// the page): the canvas's words, whether the status line shows, how it draws, what leaving it
// stops, and the data table's CSV (null keeps the table as it is).
const drawChart = (w) => w.draw(() => w.lab.draw(w.canvas, fitToDevice(w.canvas), darkScheme.matches));
const snapshotCsv = (w) => (w.snapshot ? w.snapshot.exportCsv(w.lab) : '');
const WIDGET_VIEWS = {
  curves: { aria: 'widget.ariaCurves', status: false, render: drawChart, csv: (w) => w.lab.exportCsv() },
  softmax: { aria: 'widget.ariaSoftmax', status: false, render: drawChart, csv: (w) => w.lab.exportCsv() },
  layers: { aria: 'widget.ariaLayers', status: true, render: (w) => w.renderLayers(), ask: (w) => w.layersController.want(w.lab.query()), csv: snapshotCsv },
  // The race draws on its own canvases (widget-race.js).
  train: { aria: 'widget.ariaTrain', status: true, ownCanvases: true, render: (w) => w.renderTrain(), leave: (w) => w.dropRace(), csv: (w) => w.raceView.csv() },
  phase: {
    aria: 'phase.aria', status: true, render: (w) => w.renderPhase(), ask: (w) => w.phaseController.want(w.lab.query()),
    leave: (w) => w.phaseController.cancel(), csv: snapshotCsv,
  },
};
// A view the core lists and this table lacks (or the reverse) is a mistake to catch at once.
const unmatched = Object.keys(VIEWS).filter((v) => !WIDGET_VIEWS[v]).concat(Object.keys(WIDGET_VIEWS).filter((v) => !VIEWS[v]));
if (unmatched.length) throw new Error(`views without a widget entry, or unknown to the core: ${unmatched.join(', ')}`);

class ActivationLab extends HTMLElement {
  static get observedAttributes() {
    return [...Object.keys(KEYS), ...WIDGET_ATTRIBUTES];
  }

  constructor() {
    super();
    // widget.js may have drawn the first chart in a shadow root of its own before this class was
    // defined: the widget takes it over and keeps the drawn canvas, so the reader sees no blank
    // frame before the whole module draws the same chart over it.
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const early = root.querySelector('canvas[data-first-chart]');
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
    if (early) {
      early.setAttribute('role', 'img');
      root.querySelector('canvas').replaceWith(early);
    }
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
    // The training view's live race: its buttons, panels and stepping loop (widget-race.js).
    const raceBox = document.createElement('div');
    raceBox.hidden = true;
    this.canvas.after(raceBox);
    this.raceView = createWidgetRace({
      box: raceBox,
      status: this.status,
      text: (key, vars) => this.text(key, vars),
      language: () => this.language,
      dark: () => darkScheme.matches,
      active: () => this.active,
      onError: (err) => {
        this.setErrors.set('draw', err);
        this.showMessages();
      },
      onDrawn: () => {
        this.dataset.drawn = String(Number(this.dataset.drawn || 0) + 1);
        this.renderTable();
      },
    });
    this.near = false;
    this.dirty = true;
    this.frame = 0;
    this.plotArea = [0, 1, 0, 1];
    this.layersController = createLayersController({
      onComputing: () => { this.status.textContent = this.text('layers.computing'); },
      onError: (error) => {
        this.status.textContent = '';
        this.setErrors.set('layers', error);
        this.showMessages();
      },
      onPreview: () => {
        if (this.lab) this.redraw(); // the next frame draws it, labelled (renderLayers)
      },
      onResult: () => {
        if (!this.lab) return; // removed while the pass ran
        this.setErrors.delete('layers');
        this.showMessages();
        this.status.textContent = this.layersStatus();
        this.redraw(); // the next frame draws it, if the view is still the layers view
      },
    });
    // The phase view's map: its line, then its cells as they come; each arrival redraws.
    this.phaseController = createPhaseController({
      onChange: (map) => {
        this.status.textContent = this.text('phase.progress', { done: this.phaseController.measured(), total: map.cells * map.cells });
        this.redraw();
      },
      onDone: (ms, map) => {
        this.status.textContent = this.text('phase.done', { ms: fmt(ms, 3), cells: map.cells * map.cells, gflops: fmt((6 * map.cell_multiply_adds * map.cells * map.cells) / ms / 1e6, 3) });
        this.redraw();
      },
      onError: (error) => {
        this.setErrors.set('phase', error);
        this.showMessages();
      },
    });
    this.onVisibility = () => this.wake();
    this.onScheme = () => this.redraw();
    wireTabs(this.tabs, (view) => this.userSet('view', view));
    attachCrosshair(this.canvas, {
      lab: () => (this.lab?.view() === 'curves' ? this.lab : null),
      plotArea: () => this.plotArea,
      setAt: (at) => this.userSet('at', at),
    });
  }

  connectedCallback() {
    this.applyLanguage();
    this.warmPoolIfOffered();
    this.intersection = new IntersectionObserver((entries) => {
      this.near = entries.some((e) => e.isIntersecting);
      this.wake();
    }, { rootMargin: NEAR_VIEWPORT_MARGIN });
    this.intersection.observe(this);
    this.resize = new ResizeObserver(() => this.redraw());
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
    this.layersController.cancel(); // a pass still waiting is dropped, one on its way is ignored
    this.phaseController.cancel();
    this.lab?.free();
    this.lab = null;
    this.dropRace();
    this.dirty = true;
  }

  dropRace() {
    this.raceView.drop();
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

  /** Puts `lab` in place of the widget's lab, which is freed. */
  replaceLab(lab) {
    this.lab?.free();
    this.lab = lab;
    this.lab.setLanguage(this.language); // the words drawn inside the chart
  }

  rebuild() {
    this.replaceLab(Lab.fromAttributes(...attributePairs(this)));
    this.buildWarnings = [...this.lab.warnings(), presetError(this.getAttribute('preset'))].filter(Boolean);
    this.setErrors.clear();
    this.layersController.forget();
    this.keepViewAllowed();
    this.showMessages();
  }

  /** The widget's language: its own `lang`, else the host page's, else the browser's. */
  get language() {
    return widgetLanguage(this);
  }

  text(key, vars) {
    return t(this.language, key, vars);
  }

  /** (Re)builds everything with words in it: tabs, controls, labels and messages. */
  applyLanguage() {
    this.attributeErrors = [];
    const langError = languageError(this.getAttribute('lang'), this.language);
    if (langError) this.attributeErrors.push(langError);
    this.applyHeight();
    this.lab?.setLanguage(this.language);
    this.raceView.applyLanguage();
    this.buildTabs();
    this.buildControls();
    this.details.querySelector('summary').textContent = this.text('widget.dataTable');
    if (!this.lab) this.canvas.setAttribute('aria-label', this.text('widget.ariaLoading'));
    if (this.layersController.info()) this.status.textContent = this.layersStatus();
    this.showMessages();
  }

  /** The chart's CSS height from `height`, or the default with a sentence. */
  applyHeight() {
    const { px, error } = heightOf(this.getAttribute('height'), this.language);
    this.heightError = error;
    this.canvas.style.height = `${px}px`;
  }

  /** A widget that shows or offers a view run on the worker pool has the pool start while the
   * page is idle, before the widget comes near the viewport and asks for its first pass. */
  warmPoolIfOffered() {
    const lab = this.lab ?? Lab.fromAttributes(...attributePairs(this)); // its view, with any preset
    const view = lab.view();
    if (lab !== this.lab) lab.free();
    if ([view, ...this.views].some((v) => VIEWS[v]?.workers)) warmPoolWhenIdle(); // the core's view registry says
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
      this.setErrors.set(key, err); // the error itself: translated from its code and fields when shown
      applied = false;
    }
    this.showMessages();
    return applied;
  }

  showMessages() {
    const core = [...this.buildWarnings, ...this.setErrors.values()].map((e) => translateError(this.language, e));
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

  /** The lab changed: a pass on the workers (layers, phase) is asked for now, not a frame later,
   * if the widget is active, and the chart is drawn on the next frame. */
  changed() {
    if (this.active && this.lab) WIDGET_VIEWS[this.lab.view()].ask?.(this);
    this.redraw();
  }

  /** Marks the chart out of date and draws it on the next frame if the widget is active (a
   * result came in, the canvas was resized, the colour scheme changed). */
  redraw() {
    this.dirty = true;
    this.wake();
  }

  wake() {
    if (this.active) this.raceView.resume(); // a playing race picks up where it stopped
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
    const shown = WIDGET_VIEWS[view];
    // Only the curves have a crosshair (and so a readout and keys on the canvas).
    this.readoutLine.hidden = view !== 'curves';
    this.status.hidden = !shown.status;
    if (view === 'curves') this.canvas.tabIndex = 0;
    else this.canvas.removeAttribute('tabindex');
    this.canvas.setAttribute('aria-label', this.text(shown.aria, { names: namesOf(this.lab).join(', ') }));
    this.syncControls();
    this.canvas.hidden = Boolean(shown.ownCanvases);
    this.raceView.box.hidden = view !== 'train';
    for (const [name, other] of Object.entries(WIDGET_VIEWS)) if (name !== view) other.leave?.(this);
    shown.render(this);
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
      this.setErrors.set('draw', err);
      this.showMessages();
    }
  }

  renderReadout() {
    const rows = JSON.parse(this.lab.readout());
    const number = (className, value) => Object.assign(document.createElement('span'), { className, textContent: fmt(value) });
    this.readoutLine.replaceChildren(rows[0] ? `x = ${fmt(rows[0].x)}: ` : '', ...rows.map((r, i) => {
      const span = Object.assign(document.createElement('span'), { className: 'curve' });
      span.dataset.activation = r.activation;
      span.append(swatch(PALETTE, i), `${r.label}: f = `, number('f', r.value), ', f′ = ', number('df', r.derivative));
      return span;
    }));
  }

  // ── Layers: the pass on the shared worker pool, through the page's layers controller ──────
  layersStatus() {
    const info = this.layersController.info();
    if (!info) return '';
    return info.overflow_at
      ? this.text('layers.overflow', { layer: info.overflow_at })
      : this.text('widget.layers', { activation: info.activation, n: info.layers.length, loss: fmt(info.loss) });
  }

  renderLayers() {
    const preview = this.layersController.want(this.lab.query()) ? null : this.layersController.preview();
    if (preview) {
      this.status.textContent = this.text('layers.preview', preview);
      this.drawSnapshot(preview.given, true);
    } else if (this.snapshot) this.drawSnapshot(this.snapshot);
  }

  drawSnapshot(given, preview = false) {
    this.canvas.dataset.preview = String(preview);
    this.draw(() => given.draw(this.lab, this.canvas, fitToDevice(this.canvas), darkScheme.matches));
  }

  /**
   * The snapshot the workers made for the lab's current config (a LayersSnapshot or the phase
   * view's PhaseMap), or null: it draws and exports with the lab's settings.
   */
  get snapshot() {
    if (!this.lab) return null;
    if (this.lab.view() === 'phase') return this.phaseController.given();
    return this.layersController.given(this.lab.query());
  }

  // ── Phase: the map from the shared worker pool, redrawn as its cells come in ─────────────
  renderPhase() {
    this.phaseController.want(this.lab.query());
    const given = this.snapshot;
    if (given) this.draw(() => given.draw(this.lab, this.canvas, fitToDevice(this.canvas), darkScheme.matches));
  }

  // ── Training: the live race (widget-race.js) ────────────────────────────────────────────
  renderTrain() {
    this.setErrors.delete('draw'); // set again if the race cannot be built or drawn
    this.raceView.show(this.lab);
    this.showMessages();
  }

  // ── Data table: the chart's numbers (the CSV export), built only while it is open ──────────
  renderTable() {
    if (!this.details.open || !this.lab) return;
    const view = this.lab.view();
    let csv = '';
    try {
      // A race's records so far; while it plays, the table keeps what it showed (null).
      csv = WIDGET_VIEWS[view].csv(this);
      if (csv === null) return;
    } catch {
      csv = ''; // the alert already says why the chart is missing
    }
    const table = dataTable(csv, view, (key) => this.text(key));
    this.details.querySelector('.table-wrap').replaceChildren(...(table ? [table] : []));
  }
}

if (!customElements.get('activation-lab')) customElements.define('activation-lab', ActivationLab);
