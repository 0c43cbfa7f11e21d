// <activation-lab>: the lab as an embeddable custom element. Every attribute named like a config
// key (Lab.keys()) is config; `height` is the chart's CSS height. The widget renders into its own
// shadow root, starts its wasm work only near the viewport, pauses offscreen and while the tab is
// hidden, frees its Lab when removed, and never reads or writes the host page's URL.
//
//   <script type="module" src="https://…/js/activation-lab.js"></script>
//   <activation-lab view="curves" activation="leaky_relu" negative-slope="0.05" at="-1"></activation-lab>

import init, { Lab } from '../pkg/activation_lab.js';
import { fmt, roundForSpan } from './format.js';
import { fitToDevice } from './canvas.js';

const DEFAULT_HEIGHT_PX = 320;
const MIN_HEIGHT_PX = 80;
const NEAR_VIEWPORT_MARGIN = '200px';
const KEY_STEPS_PER_AXIS = 100;

// Attributes any HTML element may carry; they are not config and never reported as unknown.
const GLOBAL_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'title', 'lang', 'dir', 'hidden', 'tabindex', 'slot', 'part', 'role',
  'translate', 'inert', 'is', 'nonce', 'autofocus', 'draggable', 'spellcheck', 'contenteditable',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'exportparts', 'height', 'controls',
]);
const isGlobal = (name) => GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on');

// The key names must be known before the element is defined (observedAttributes is read once), so
// the element is defined after the single shared wasm instance is ready.
const ready = init();

const STYLE = `
  :host { display: block; position: relative; margin: 1rem 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif;
          --al-bg: #ffffff; --al-fg: #222228; --al-muted: #5f5f6b; --al-line: #d0d0d8; --al-error: #b3261e; --al-focus: #e69f00;
          color: var(--al-fg); }
  @media (prefers-color-scheme: dark) {
    :host { --al-bg: #1e1e24; --al-fg: #e8e8ec; --al-muted: #a8a8b4; --al-line: #44444e; --al-error: #ff8a80; }
  }
  :host([hidden]) { display: none; }
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
`;

// ── One module worker shared by every widget for the layers pass; newest request per widget wins ──
let worker = null;
let nextRequest = 0;
const pending = new Map(); // request id → widget

function layersWorker() {
  if (!worker) {
    worker = new Worker(new URL('./layers-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => {
      const widget = pending.get(event.data.id);
      pending.delete(event.data.id);
      widget?.layersDone(event.data);
    };
  }
  return worker;
}

function requestLayers(widget, query) {
  nextRequest += 1;
  pending.set(nextRequest, widget);
  layersWorker().postMessage({ id: nextRequest, query });
  return nextRequest;
}

await ready;
const KEYS = Object.fromEntries(JSON.parse(Lab.keys()).map((k) => [k.name, k]));
const PALETTE = Lab.palette();
const darkScheme = matchMedia('(prefers-color-scheme: dark)');

class ActivationLab extends HTMLElement {
  static get observedAttributes() {
    return [...Object.keys(KEYS), 'height'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <div class="alert" role="alert"></div>
      <canvas part="canvas" role="img" aria-label="Activation Lab chart, drawn when it scrolls into view"></canvas>
      <p class="readout" aria-live="polite"></p>
      <p class="status" role="status"></p>`;
    this.alertBox = root.querySelector('.alert');
    this.canvas = root.querySelector('canvas');
    this.readoutLine = root.querySelector('.readout');
    this.status = root.querySelector('.status');
    this.lab = null;
    this.buildWarnings = [];
    this.setErrors = new Map(); // key → sentence from a failed lab.set
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
    if (!this.lab) return; // built from the attributes when it first comes near the viewport
    if (value === null) {
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
    for (const { name, value } of this.attributes) {
      if (isGlobal(name)) continue;
      params.append(name, KEYS[name] ? attributeValue(name, value) : value);
    }
    return params.toString();
  }

  rebuild() {
    this.lab?.free();
    this.lab = Lab.restore(this.attributeQuery());
    this.buildWarnings = this.lab.warnings();
    this.setErrors.clear();
    this.snapshot = null;
    this.showMessages();
  }

  setKey(key, value) {
    try {
      this.lab.set(key, value);
      this.setErrors.delete(key);
    } catch (err) {
      this.setErrors.set(key, err instanceof Error ? err.message : String(err));
    }
    this.showMessages();
  }

  showMessages() {
    const sentences = [...this.buildWarnings, ...this.setErrors.values()];
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
      this.canvas.setAttribute('aria-label', `Chart of ${this.lab.get('activation').replaceAll(',', ', ')} (solid) and the derivatives (dashed). `
        + 'Use the left and right arrow keys to move the crosshair.');
    } else {
      this.canvas.removeAttribute('tabindex');
      this.canvas.setAttribute('aria-label', view === 'softmax'
        ? 'Bar chart of softmax probabilities and the cross-entropy gradient per class'
        : 'Histograms of each layer\'s values, their spread per layer, and the gradient reaching each layer on a log scale');
    }
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
    } catch (err) {
      this.setErrors.set('draw', err instanceof Error ? err.message : String(err));
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
    this.status.textContent = 'Computing…';
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
    const parsed = JSON.parse(json);
    this.status.textContent = parsed.overflow_at
      ? `Overflow at layer ${parsed.overflow_at}: values became infinite, so the pass stopped there.`
      : `${parsed.activation}, ${parsed.layers.length} layers. Loss ½·mean(a²) = ${fmt(parsed.loss)}.`;
    if (this.active) this.drawSnapshot();
    else this.dirty = true;
  }

  drawSnapshot() {
    const dpr = fitToDevice(this.canvas);
    if (!dpr) return;
    try {
      this.lab.drawLayers(this.snapshot, this.canvas, dpr, darkScheme.matches);
      this.countDraw();
    } catch (err) {
      this.setErrors.set('draw', err instanceof Error ? err.message : String(err));
      this.showMessages();
    }
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

/** A bare boolean attribute (`residual`) means true. */
function attributeValue(name, value) {
  return KEYS[name]?.kind.type === 'bool' && value === '' ? 'true' : value;
}

if (!customElements.get('activation-lab')) customElements.define('activation-lab', ActivationLab);
