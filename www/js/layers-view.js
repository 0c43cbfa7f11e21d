// The layers view: controls for the network keys, the pass on the worker pool (only the newest
// request waits; stale results are dropped), the chart, and a data table as its text
// alternative.

import { fieldFor } from './controls.js';
import { fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { LANG, tr, trError } from './i18n.js';
import { createLayersController } from './layers-controller.js';

// Numbers too wide to drag; they get a number box only.
const NO_SLIDER = new Set(['std', 'value', 'limit', 'gain', 'bias', 'seed']);
const label = (key) => tr(`key.${key}`);

export function createLayersView({ domain, apply, lab, fields }) {
  const { KEYS: keys, pickable } = domain;
  // The view's keys in the order shown (the core's view registry); each gets the control its kind
  // calls for (controls.js).
  const KEYS_SHOWN = domain.VIEWS.layers.controls;
  const form = document.getElementById('layers-controls');
  const status = document.getElementById('layers-status');
  const canvas = document.getElementById('layers-canvas');

  // Activation is a leading select: choosing one moves it to the front (the network uses the first).
  const own = {};
  for (const key of KEYS_SHOWN) {
    let field = null;
    field = fieldFor(keys[key], {
      label: label(key), lang: LANG, choices: pickable(keys[key].kind.choices), slider: !NO_SLIDER.has(key),
      onChange: (v) => apply(key, v, field),
    });
    // A select keeps its stable id (the page's tests and links name it); depth's errors go here,
    // not to the curves view's depth field.
    if (field.select) {
      field.select.id = `layers-${key}`;
      field.element.querySelector('label').htmlFor = field.select.id;
    }
    fields.set(key === 'depth' ? 'layers-depth' : key, field);
    own[key] = field;
    form.append(field.element);
  }
  own.gain.number.placeholder = tr('layers.gainPlaceholder');
  const recommend = document.createElement('button');
  recommend.type = 'button';
  recommend.id = 'recommended-gain';
  recommend.textContent = tr('layers.recommend');
  recommend.addEventListener('click', () => {
    const card = JSON.parse(lab().cards())[0];
    const gain = card?.properties.gain ?? controller.info()?.variance_preserving_gain;
    if (gain) apply('gain', String(Number(gain.toPrecision(6))), own.gain);
  });
  form.append(recommend);

  const controller = createLayersController({
    onComputing: () => { status.textContent = tr('layers.computing'); },
    onError: (error) => { status.textContent = trError(error); },
    // A big pass is first drawn on its first samples, said so in the status line and on the
    // canvas (data-preview), until the whole pass replaces it.
    onPreview({ snapshot, rows, batch, query }) {
      status.textContent = tr('layers.preview', { rows, batch });
      draw(snapshot, query, true);
    },
    onResult({ info, ms, shards }) {
      status.textContent = info.overflow_at
        ? tr('layers.overflow', { layer: info.overflow_at })
        : tr('layers.done', { ms: fmt(ms, 3), workers: shards, loss: fmt(info.loss), activation: info.activation, gain: fmt(info.variance_preserving_gain, 4) });
      status.dataset.ms = String(ms);
      status.dataset.shards = String(shards);
      draw();
      table(info);
    },
  });

  /** Draws a snapshot (the last whole pass's by default); the canvas says which query it shows
   * and whether it is a preview. */
  function draw(given = controller.given(), query = controller.query(), preview = false) {
    const dpr = given ? fitToDevice(canvas) : 0;
    if (!dpr) return;
    given.draw(lab(), canvas, dpr, matchMedia('(prefers-color-scheme: dark)').matches);
    Object.assign(canvas.dataset, { drawn: String(Number(canvas.dataset.drawn || 0) + 1), preview: String(preview), query });
  }

  function table(info) {
    const rows = info.layers.map((l) => {
      const tr = document.createElement('tr');
      for (const v of [l.index, fmt(l.mean, 3), fmt(l.std, 3), `${fmt(100 * l.frac_saturated, 3)}%`, `${fmt(100 * l.frac_zero, 3)}%`,
        l.dead_units, l.distinct_neurons, fmt(l.grad_weight_norm, 3), fmt(l.delta_std, 3), l.theory_variance === null ? '—' : fmt(Math.sqrt(l.theory_variance), 3)]) {
        const td = document.createElement('td');
        td.textContent = String(v);
        tr.append(td);
      }
      return tr;
    });
    document.querySelector('#layers-table tbody').replaceChildren(...rows);
  }

  /** Asks the workers for the lab's pass now, without drawing (see main.js's `showLab`): true
   * if it is here already. */
  const ask = () => controller.want(lab().query());

  function sync() {
    for (const key of KEYS_SHOWN) own[key].setValue(lab().get(key));
    const init = lab().get('init');
    // Only the key the initialiser reads (the core says which: domain.INIT_PARAMETER).
    for (const key of ['std', 'value', 'limit', 'gain']) own[key].element.hidden = domain.INIT_PARAMETER[init] !== key;
  }

  return {
    sync,
    ask,
    request() {
      if (ask()) draw();
    },
    redraw() {
      const preview = controller.preview();
      if (preview) draw(preview.given, preview.query, true);
      else draw();
    },
    snapshot: () => controller.given(),
  };
}
