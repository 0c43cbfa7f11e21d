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
    changed();
    return true;
  } catch (err) {
    if (field) field.setError(trError(err));
    else message.textContent = trError(err);
    sync();
    return false;
  }
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

createShare({
  lab: () => lab,
  keys: Object.keys(KEYS),
  race: () => (lab.view() === 'train' ? trainView.exporter() : null),
  snapshot: () => ({ layers: layersView.snapshot, phase: phaseView.snapshot }[lab.view()]?.() ?? ''),
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
  const view = lab.view();
  if (view === 'layers') {
    layersView.request();
    return;
  }
  if (view === 'train') {
    trainView.redraw();
    return;
  }
  if (view === 'phase') {
    phaseView.request();
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
  selectTab(tablist, view);
  for (const tab of tablist.querySelectorAll('[role="tab"]')) {
    document.getElementById(tab.getAttribute('aria-controls')).hidden = tab.dataset.view !== view;
  }
  curvesView.syncControls();
  if (view === 'softmax') softmaxView.sync();
  else if (view === 'layers') layersView.sync();
  else if (view === 'train') trainView.sync();
  else if (view === 'phase') phaseView.sync();
  else curvesView.show();
  // The race animates only while its tab is shown.
  if (view !== shownView) {
    if (shownView === 'train') trainView.hide();
    if (shownView === 'phase') phaseView.hide();
    if (view === 'train') trainView.show();
    shownView = view;
  }
}

let hashTimer = 0;
function writeHashSoon() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => writeHash(lab.query()), HASH_WRITE_DELAY_MS);
}

function changed() {
  sync();
  scheduleDraw();
  writeHashSoon();
  curvesView.measureSelectedLater();
}

window.addEventListener('hashchange', () => {
  const previous = lab;
  lab = restore();
  previous.free();
  for (const f of fields.values()) f.setError('');
  sync();
  scheduleDraw();
  curvesView.measureSelectedLater();
});
new ResizeObserver(scheduleDraw).observe(curvesCanvas);
new ResizeObserver(scheduleDraw).observe(softmaxCanvas);
new ResizeObserver(() => layersView.redraw()).observe(document.getElementById('layers-canvas'));
new ResizeObserver(() => trainView.redraw()).observe(document.querySelector('#view-train .results'));
new ResizeObserver(() => phaseView.redraw()).observe(document.getElementById('phase-canvas'));
dark.addEventListener('change', scheduleDraw);

sync();
scheduleDraw();
curvesView.measureSelectedLater();
document.body.dataset.ready = 'true';
