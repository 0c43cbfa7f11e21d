// The layers view: controls for the network keys, the pass in a worker (only the newest
// request is run; stale results are dropped), the chart, and a data table as its text
// alternative.

import { checkboxField, numberField, sliderBounds } from './controls.js';
import { fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { tr, trError } from './i18n.js';
import { runLayers } from './layers-pool.js';

const INIT_PARAM = { normal: 'std', constant: 'value', uniform: 'limit' };
const SELECTS = ['init', 'input', 'norm', 'histograms'];
const SLIDERS = ['depth', 'width', 'batch'];
const NUMBERS = ['std', 'value', 'limit', 'gain', 'bias', 'seed'];
const label = (key) => tr(`key.${key}`);

export function createLayersView({ keys, catalogue, apply, lab, fields, onDrawn }) {
  const form = document.getElementById('layers-controls');
  const status = document.getElementById('layers-status');
  const canvas = document.getElementById('layers-canvas');
  let latest = 0;
  let running = false;
  let queued = null;
  let snapshot = null;

  // Activation: choosing one moves it to the front of the list (the network uses the first).
  const activationWrap = document.createElement('div');
  activationWrap.className = 'field';
  activationWrap.innerHTML = '<label for="layers-activation"></label><select id="layers-activation"></select>';
  activationWrap.querySelector('label').textContent = label('activation');
  const activation = activationWrap.querySelector('select');
  for (const entry of catalogue.filter((c) => c.scalar)) activation.append(new Option(entry.name, entry.name));
  const activationError = document.createElement('p');
  activationError.className = 'field-error';
  activationError.setAttribute('role', 'alert');
  activationWrap.append(activationError);
  activation.addEventListener('change', () => {
    const rest = lab().get('activation').split(',').filter((n) => n !== activation.value);
    apply('activation', [activation.value, ...rest].slice(0, 6).join(','), { setError: (m) => { activationError.textContent = m || ''; } });
  });
  form.append(activationWrap);

  const selects = {};
  for (const key of SELECTS) {
    const wrap = document.createElement('div');
    wrap.className = 'field';
    wrap.dataset.key = key;
    const id = `layers-${key}`;
    wrap.innerHTML = `<label for="${id}"></label><select id="${id}"></select><p class="field-error" role="alert"></p>`;
    wrap.querySelector('label').textContent = label(key);
    const select = wrap.querySelector('select');
    for (const choice of keys[key].kind.choices) select.append(new Option(choice, choice));
    const error = wrap.querySelector('.field-error');
    const field = { element: wrap, setValue: (v) => { select.value = v; }, setError: (m) => { error.textContent = m || ''; } };
    select.addEventListener('change', () => apply(key, select.value, field));
    fields.set(key, field);
    selects[key] = field;
    form.append(wrap);
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
    const gain = card?.properties.gain ?? snapshot?.variance_preserving_gain;
    if (gain) apply('gain', String(Number(gain.toPrecision(6))), numbers.gain);
  });
  form.append(recommend);

  function done(id, { json, ms, shards, error }) {
    running = false;
    if (queued !== null) {
      const next = queued;
      queued = null;
      run(next);
    }
    if (id !== latest) return;
    if (error) {
      status.textContent = trError(error);
      return;
    }
    snapshot = JSON.parse(json);
    status.textContent = snapshot.overflow_at
      ? tr('layers.overflow', { layer: snapshot.overflow_at })
      : tr('layers.done', { ms: fmt(ms, 3), workers: shards, loss: fmt(snapshot.loss), activation: snapshot.activation, gain: fmt(snapshot.variance_preserving_gain, 4) });
    status.dataset.ms = String(ms);
    status.dataset.shards = String(shards);
    draw();
    table();
    onDrawn();
  }

  function run(query) {
    if (running) {
      queued = query;
      return;
    }
    running = true;
    latest += 1;
    status.textContent = tr('layers.computing');
    const id = latest;
    runLayers(query).then((result) => done(id, result), (err) => done(id, { error: err }));
  }

  function draw() {
    const dpr = snapshot ? fitToDevice(canvas) : 0;
    if (!dpr) return;
    lab().drawLayers(JSON.stringify(snapshot), canvas, dpr, matchMedia('(prefers-color-scheme: dark)').matches);
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
  }

  function table() {
    const rows = snapshot.layers.map((l) => {
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
    activation.value = lab().get('activation').split(',')[0];
    for (const key of SELECTS) selects[key].setValue(lab().get(key));
    for (const key of [...SLIDERS, ...NUMBERS]) numbers[key].setValue(lab().get(key));
    const init = lab().get('init');
    for (const key of ['std', 'value', 'limit']) numbers[key].element.hidden = INIT_PARAM[init] !== key;
    numbers.gain.element.hidden = ['zeros', 'constant', 'normal', 'uniform'].includes(init);
    residual.setValue(lab().get('residual'));
  }

  return {
    sync,
    request: () => run(lab().query()),
    redraw: draw,
    snapshot: () => (snapshot ? JSON.stringify(snapshot) : ''),
  };
}
