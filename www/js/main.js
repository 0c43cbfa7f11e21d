// Page bootstrap: the static text in the reader's language first, then the wasm module, the lab
// opened from the URL hash, each view's controls, and a redraw on every change. The page owns the
// hash; the lab owns the state. The views, the crosshair, the tabs and the controls are the same
// modules the <activation-lab> widget uses.

import { Lab } from '../pkg/activation_lab.js';
import { wasmBuild } from './wasm.js';
import { createCurvesView } from './curves-view.js';
import { createSoftmaxView } from './softmax-view.js';
import { createLayersView } from './layers-view.js';
import { createTrainView } from './train-view.js';
import { createPhaseView } from './phase-view.js';
import { createShare } from './share.js';
import { fitToDevice } from './canvas.js';
import { attachCrosshair } from './crosshair.js';
import { selectTab, wireTabs } from './tabs.js';
import { LANG, tr, trError, translatePage, wireLanguageSwitch } from './i18n.js';
import { registerOffline } from './offline.js';
import { warmPoolWhenIdle } from './layers-pool.js';

const HASH_WRITE_DELAY_MS = 150;

translatePage();
wireLanguageSwitch(document.getElementById('lang-switch'));
registerOffline();
// The domain facts come from the wasm module, so they wait for it; the words above do not.
const domain = await import('./domain.js');
document.body.dataset.wasm = wasmBuild;
const { KEYS, CATALOGUE } = domain;
const dark = matchMedia('(prefers-color-scheme: dark)');

const message = document.getElementById('message');
const curvesCanvas = document.getElementById('curves-canvas');
const softmaxCanvas = document.getElementById('softmax-canvas');
const fields = new Map();
let plotArea = [0, 1, 0, 1];
let lab = restore();

/**
 * Opens the lab the hash describes. Where the link had values the lab refused, the sentence says
 * which, and the hash is rewritten at once to the state in force, so Copy link, a bookmark or a
 * reload never carries the refused values on.
 */
function restore() {
  const next = Lab.restore(location.hash);
  next.setLanguage(LANG); // the words inside the charts and the SVG export
  const warnings = next.warnings();
  message.textContent = warnings.length
    ? tr('message.partialLink', { list: warnings.map(trError).join('; ') })
    : '';
  if (warnings.length) writeHash(next.query());
  return next;
}

/** Replaces the hash with `query` (no history entry, no hashchange). */
function writeHash(query) {
  history.replaceState(null, '', query ? `#${query}` : location.pathname + location.search);
}

/** Puts `next` in place of the lab, which is freed. */
function replaceLab(next) {
  next.setLanguage(LANG); // the words inside the charts and the SVG export
  lab.free();
  lab = next;
}

/** Sets one key through the lab's validation; the error goes next to the control. */
function apply(key, value, field = fields.get(key)) {
  try {
    if (value === '' && KEYS[key]?.default === '') replaceLab(domain.unset(lab, key));
    else lab.set(key, String(value));
    field?.setError('');
    if (!field) message.textContent = '';
  } catch (err) {
    if (field) field.setError(trError(err));
    else message.textContent = trError(err);
    sync();
    return false;
  }
  changed(); // outside the try: only the lab's refusal is the reader's error
  return true;
}


const curvesView = createCurvesView({ domain, apply, lab: () => lab, fields });

// ── Softmax view and tabs ────────────────────────────────────────────────────────────────────
const softmaxView = createSoftmaxView({ keys: KEYS, apply, lab: () => lab });
for (const key of ['temperature', 'logits']) fields.set(key, softmaxView.fieldsFor(key));

const layersView = createLayersView({ domain, apply, lab: () => lab, fields });

const trainView = createTrainView({ domain, apply, lab: () => lab, fields, dark: () => dark.matches });

// The phase view opens the layers view at a cell: LeCun normal at gain σ_w, biases N(0, σ_b²).
const phaseView = createPhaseView({
  domain, apply, lab: () => lab, fields,
  openLayers(gain, bias) {
    for (const [key, value] of [['init', 'lecun_normal'], ['gain', gain], ['bias-std', bias], ['view', 'layers']]) {
      if (!apply(key, value)) return;
    }
    document.getElementById('tab-layers').focus();
  },
});

/** Draws the curves or softmax chart, which the lab draws itself from its configuration. */
function drawOnCanvas(view, canvas) {
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

// The page's one table of views: each view's controller, by the name the core's registry gives it
// (sync shows the lab's state in its controls, draw redraws it, ask starts the workers on a
// change at once rather than at the next frame's draw, show and hide start and stop what runs
// only while its tab is shown, snapshot and race hand the export menu what it shows).
const views = {
  curves: { sync: () => curvesView.show(), draw: () => drawOnCanvas('curves', curvesCanvas) },
  softmax: { sync: () => softmaxView.sync(), draw: () => drawOnCanvas('softmax', softmaxCanvas) },
  layers: {
    sync: () => layersView.sync(), draw: () => layersView.request(), ask: () => layersView.ask(), snapshot: () => layersView.snapshot(),
  },
  train: {
    sync: () => trainView.sync(), draw: () => trainView.redraw(), show: () => trainView.show(), hide: () => trainView.hide(),
    race: () => trainView.exporter(),
  },
  phase: {
    sync: () => phaseView.sync(), draw: () => phaseView.request(), ask: () => phaseView.ask(), hide: () => phaseView.hide(),
    snapshot: () => phaseView.snapshot(),
  },
};
// A view the core lists and this table lacks (or the reverse) is a mistake to catch at once.
const missing = Object.keys(domain.VIEWS).filter((v) => !views[v]).concat(Object.keys(views).filter((v) => !domain.VIEWS[v]));
if (missing.length) throw new Error(`views without a controller on the page, or unknown to the core: ${missing.join(', ')}`);
// The page offers the layers and phase views, whose passes run on the worker pool.
warmPoolWhenIdle();

createShare({
  lab: () => lab,
  keys: Object.keys(KEYS),
  race: () => views[lab.view()].race?.() ?? null,
  snapshot: () => views[lab.view()].snapshot?.() ?? null,
  visibleCanvas: () => document.getElementById(`${lab.view()}-canvas`),
  dark: () => dark.matches,
});

const tablist = document.querySelector('[role="tablist"]');
wireTabs(tablist, (view) => apply('view', view));

attachCrosshair(curvesCanvas, {
  lab: () => lab,
  plotArea: () => plotArea,
  setAt: (at) => apply('at', at, curvesView.atField),
});

let frame = 0;
function scheduleDraw() {
  if (!frame) frame = requestAnimationFrame(drawNow);
}
function drawNow() {
  frame = 0;
  views[lab.view()].draw();
}

let shownView = null;

/** Shows the lab's state in every control (after a change, a failed change, or a new hash). */
function sync() {
  const view = lab.view();
  selectTab(tablist, view);
  for (const tab of tablist.querySelectorAll('[role="tab"]')) {
    document.getElementById(tab.getAttribute('aria-controls')).hidden = tab.dataset.view !== view;
  }
  curvesView.syncControls();
  views[view].sync();
  // The race animates, and the phase map measures, only while its tab is shown.
  if (view !== shownView) {
    if (shownView) views[shownView].hide?.();
    views[view].show?.();
    shownView = view;
  }
}

let hashTimer = 0;
function writeHashSoon() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => writeHash(lab.query()), HASH_WRITE_DELAY_MS);
}

/** Shows the lab as it now is: its controls, its view's pass asked for, its chart drawn. */
function showLab() {
  sync();
  // A pass on the workers takes tens of milliseconds: asked for at the change, it does not wait
  // for the next frame (a slider dragged in the layers view: ~10 ms sooner per step, bench-preview).
  views[lab.view()].ask?.();
  scheduleDraw();
  curvesView.measureSelectedLater();
}

function changed() {
  showLab();
  writeHashSoon();
}

window.addEventListener('hashchange', () => {
  const previous = lab;
  lab = restore();
  previous.free();
  for (const f of fields.values()) f.setError('');
  showLab();
});
new ResizeObserver(scheduleDraw).observe(curvesCanvas);
new ResizeObserver(scheduleDraw).observe(softmaxCanvas);
new ResizeObserver(() => layersView.redraw()).observe(document.getElementById('layers-canvas'));
// The training pictures' sizes follow the results column's width only; its height follows its
// content, and a table row that wraps to one more line as the numbers change (every few frames
// while a race plays) is no reason to redraw every picture (it held the page near 35 frames/s).
let resultsWidth = -1;
new ResizeObserver(([entry]) => {
  const width = Math.round(entry.contentRect.width);
  if (width === resultsWidth) return;
  resultsWidth = width;
  trainView.redraw();
}).observe(document.querySelector('#view-train .results'));
new ResizeObserver(() => phaseView.redraw()).observe(document.getElementById('phase-canvas'));
dark.addEventListener('change', scheduleDraw);

sync();
scheduleDraw();
curvesView.measureSelectedLater();
document.body.dataset.ready = 'true';
