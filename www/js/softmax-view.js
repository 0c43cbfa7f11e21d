// The softmax view: one slider per logit, temperature and target, and the table of p, ∂L/∂z
// and the Jacobian. Values go through the same lab.set as every other control.

import { numberField } from './controls.js';
import { fmt } from './format.js';
import { tr } from './i18n.js';

// The sliders' range is narrower than the key's (−100..=100) so a drag moves in useful steps;
// the number box takes the whole range.
const LOGIT_SLIDER = { min: -10, max: 10, step: 0.1 };

export function createSoftmaxView({ keys, apply, lab }) {
  // How many classes there may be is the logits key's list length.
  const { min_len: MIN_CLASSES, max_len: MAX_CLASSES } = keys.logits.kind;
  const sliders = document.getElementById('logit-sliders');
  const params = document.getElementById('softmax-params');
  const logitErrorLine = document.createElement('p');
  logitErrorLine.className = 'field-error';
  logitErrorLine.setAttribute('role', 'alert');
  const logitError = { element: logitErrorLine, setError: (m) => { logitErrorLine.textContent = m || ''; } };
  let logitFields = [];

  const temperature = numberField('temperature', tr('softmax.temperature'), {
    min: 0.05, max: 10, step: 0.05, onChange: (v) => apply('temperature', v),
  });
  const targetWrap = document.createElement('div');
  targetWrap.className = 'field';
  targetWrap.innerHTML = '<label for="softmax-target"></label><select id="softmax-target"></select>';
  targetWrap.querySelector('label').textContent = tr('softmax.target');
  const target = targetWrap.querySelector('select');
  target.addEventListener('change', () => apply('target', target.value));
  params.append(temperature.element, targetWrap);

  const logits = () => lab().get('logits').split(',').map(Number);
  const setLogits = (values) => apply('logits', values.join(','), logitError);

  document.getElementById('add-logit').addEventListener('click', () => {
    const values = logits();
    if (values.length < MAX_CLASSES) setLogits([...values, 0]);
  });
  document.getElementById('remove-logit').addEventListener('click', () => {
    const values = logits();
    if (values.length <= MIN_CLASSES) return;
    // Removing the target's class would leave target out of range: move the target first.
    if (Number(lab().get('target')) >= values.length - 1) apply('target', String(values.length - 2));
    setLogits(values.slice(0, -1));
  });

  function rebuildSliders(n) {
    logitFields = Array.from({ length: n }, (_, i) => numberField('logits', tr('softmax.logit', { i }), {
      ...LOGIT_SLIDER,
      onChange: (v) => { const values = logits(); values[i] = v; setLogits(values); },
    }));
    sliders.replaceChildren(...logitFields.map((f) => f.element), logitError.element);
    target.replaceChildren(...Array.from({ length: n }, (_, i) => new Option(tr('softmax.class', { i }), String(i))));
  }

  function sync() {
    const values = logits();
    if (values.length !== logitFields.length) rebuildSliders(values.length);
    values.forEach((v, i) => logitFields[i].setValue(String(v)));
    temperature.setValue(lab().get('temperature'));
    target.value = lab().get('target');
    const s = JSON.parse(lab().softmax());
    const rows = s.probabilities.map((p, i) => {
      const row = document.createElement('tr');
      for (const text of [`${tr('softmax.class', { i })}${i === s.target ? tr('softmax.targetMark') : ''}`, fmt(s.logits[i]), fmt(p), fmt(s.gradient[i])]) {
        const td = document.createElement('td');
        td.textContent = text;
        row.append(td);
      }
      return row;
    });
    document.querySelector('#softmax-table tbody').replaceChildren(...rows);
    document.getElementById('softmax-loss').textContent =
      tr('softmax.loss', { loss: fmt(s.loss), target: s.target });
    const jacobianRows = s.jacobian.map((row) => {
      const tr = document.createElement('tr');
      for (const v of row) {
        const td = document.createElement('td');
        td.textContent = fmt(v, 3);
        tr.append(td);
      }
      return tr;
    });
    document.querySelector('#jacobian tbody').replaceChildren(...jacobianRows);
  }

  return { sync, fieldsFor: (key) => (key === 'temperature' ? temperature : key === 'logits' ? logitError : null) };
}
