// The layers view: controls for the network keys, the pass on the worker pool (only the newest
// request waits; stale results are dropped), the chart, and a data table as its text
// alternative.

import { checkboxField, leadingField, numberField, selectField, sliderBounds } from './controls.js';
import { fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { tr, trError } from './i18n.js';
import { createLayersController } from './layers-controller.js';

const INIT_PARAM = { normal: 'std', constant: 'value', uniform: 'limit' };
const SELECTS = ['init', 'input', 'norm', 'histograms'];
const SLIDERS = ['depth', 'width', 'batch'];
const NUMBERS = ['std', 'value', 'limit', 'gain', 'bias', 'seed'];
const label = (key) => tr(`key.${key}`);

/** A control with a stable id (tests and the page's labels find it by this id). */
function withId(field, id) {
  field.select.id = id;
  field.element.querySelector('label').htmlFor = id;
  return field;
}

export function createLayersView({ domain, apply, lab, fields }) {
  const { KEYS: keys, SCALAR_NAMES } = domain;
  const form = document.getElementById('layers-controls');
  const status = document.getElementById('layers-status');
  const canvas = document.getElementById('layers-canvas');

  // Activation: choosing one moves it to the front of the list (the network uses the first).
  let activation = null;
  activation = withId(leadingField('activation', label('activation'), SCALAR_NAMES, (v) => apply('activation', v, activation)), 'layers-activation');
  form.append(activation.element);

  const selects = {};
  for (const key of SELECTS) {
    let field = null;
    field = withId(selectField(key, label(key), keys[key].kind.choices, (v) => apply(key, v, field)), `layers-${key}`);
    fields.set(key, field);
    selects[key] = field;
    form.append(field.element);
  }
  const numbers = {};
  for (const key of [...SLIDERS, ...NUMBERS]) {
    // Errors go to this field (depth has a second field in the curves view).
    let f = null;
    f = numberField(key, label(key), { ...sliderBounds(keys[key]), slider: SLIDERS.includes(key), onChange: (v) => apply(key, v, f) });
    fields.set(key === 'depth' ? 'layers-depth' : key, f);
    numbers[key] = f;
    form.append(f.element);
  }
  numbers.gain.number.placeholder = tr('layers.gainPlaceholder');
  const residual = checkboxField('residual', label('residual'), (v) => apply('residual', v));
  fields.set('residual', residual);
  form.append(residual.element);
  const recommend = document.createElement('button');
  recommend.type = 'button';
  recommend.id = 'recommended-gain';
  recommend.textContent = tr('layers.recommend');
  recommend.addEventListener('click', () => {
    const card = JSON.parse(lab().cards())[0];
    const gain = card?.properties.gain ?? controller.info()?.variance_preserving_gain;
    if (gain) apply('gain', String(Number(gain.toPrecision(6))), numbers.gain);
  });
  form.append(recommend);

  const controller = createLayersController({
    onComputing: () => { status.textContent = tr('layers.computing'); },
    onError: (message) => { status.textContent = trError(message); },
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

  function draw() {
    const dpr = controller.info() ? fitToDevice(canvas) : 0;
    if (!dpr) return;
    lab().drawLayers(controller.json(), canvas, dpr, matchMedia('(prefers-color-scheme: dark)').matches);
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
  }

  function table(info) {
    const rows = info.layers.map((l) => {
      const tr = document.createElement('tr');
      for (const v of [l.index, fmt(l.mean, 3), fmt(l.std, 3), `${fmt(100 * l.frac_saturated, 3)}%`, `${fmt(100 * l.frac_zero, 3)}%`,
        l.distinct_neurons, fmt(l.grad_weight_norm, 3), fmt(l.delta_std, 3), l.theory_variance === null ? '—' : fmt(Math.sqrt(l.theory_variance), 3)]) {
        const td = document.createElement('td');
        td.textContent = String(v);
        tr.append(td);
      }
      return tr;
    });
    document.querySelector('#layers-table tbody').replaceChildren(...rows);
  }

  function sync() {
    activation.setValue(lab().get('activation'));
    for (const key of SELECTS) selects[key].setValue(lab().get(key));
    for (const key of [...SLIDERS, ...NUMBERS]) numbers[key].setValue(lab().get(key));
    const init = lab().get('init');
    for (const key of ['std', 'value', 'limit']) numbers[key].element.hidden = INIT_PARAM[init] !== key;
    numbers.gain.element.hidden = ['zeros', 'constant', 'normal', 'uniform'].includes(init);
    residual.setValue(lab().get('residual'));
  }

  return {
    sync,
    request() {
      if (controller.want(lab().query())) draw();
    },
    redraw: draw,
    snapshot: () => controller.json(),
  };
}
