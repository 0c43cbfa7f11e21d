// Builds labelled native controls from the Rust key table (Lab.keys()) and reports changes.
// Native <input type=range>/<input type=number>/<input type=checkbox> give keyboard access and
// screen-reader semantics for free; every field has a <label for> and an inline error line.

import { pickLanguage, t } from './strings.js';

let uid = 0;

/** A range slider + number box for a numeric key. `slider` may narrow the range for dragging. */
export function numberField(key, label, { min, max, step, slider = true, onChange, lang = pickLanguage(document.documentElement.lang) }) {
  const id = `f${++uid}-${key}`;
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.key = key;
  const lab = document.createElement('label');
  lab.htmlFor = slider ? `${id}-range` : `${id}-number`;
  lab.textContent = label;
  wrap.append(lab);
  let range = null;
  if (slider) {
    range = document.createElement('input');
    range.type = 'range';
    range.id = `${id}-range`;
    Object.assign(range, { min, max, step });
    range.addEventListener('input', () => onChange(range.value));
    wrap.append(range);
  }
  const number = document.createElement('input');
  number.type = 'number';
  number.id = `${id}-number`;
  number.step = 'any';
  number.setAttribute('aria-label', t(lang, 'field.exact', { label }));
  number.addEventListener('change', () => onChange(number.value));
  const error = document.createElement('p');
  error.className = 'field-error';
  error.id = `${id}-error`;
  error.setAttribute('role', 'alert');
  number.setAttribute('aria-describedby', error.id);
  if (range) range.setAttribute('aria-describedby', error.id);
  wrap.append(number, error);
  return {
    element: wrap,
    range,
    number,
    setValue(text) {
      if (number.getRootNode().activeElement !== number) number.value = text; // the root may be a shadow root
      if (range && text !== '') range.value = text;
    },
    setError(message) { error.textContent = message || ''; },
  };
}

/** A checkbox for a boolean key. */
export function checkboxField(key, label, onChange) {
  const id = `f${++uid}-${key}`;
  const wrap = document.createElement('div');
  wrap.className = 'field checkbox';
  wrap.dataset.key = key;
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = id;
  box.addEventListener('change', () => onChange(box.checked ? 'true' : 'false'));
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = label;
  const error = document.createElement('p');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  wrap.append(box, lab, error);
  return {
    element: wrap,
    box,
    setValue(text) { box.checked = text === 'true'; },
    setError(message) { error.textContent = message || ''; },
  };
}

/** A <select> for a key that takes one name out of `choices`. */
export function selectField(key, label, choices, onChange) {
  const id = `f${++uid}-${key}`;
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.key = key;
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = label;
  const select = document.createElement('select');
  select.id = id;
  for (const choice of choices) select.append(new Option(choice, choice));
  select.addEventListener('change', () => onChange(select.value));
  const error = document.createElement('p');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  wrap.append(lab, select, error);
  return {
    element: wrap,
    select,
    setValue(text) { select.value = text; },
    setError(message) { error.textContent = message || ''; },
  };
}

/** A text box for a list-valued key (`logits="2,1,0.1"`); the change is applied on Enter or blur. */
export function textField(key, label, onChange) {
  const id = `f${++uid}-${key}`;
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.key = key;
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = label;
  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.spellcheck = false;
  input.addEventListener('change', () => onChange(input.value));
  const error = document.createElement('p');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  wrap.append(lab, input, error);
  return {
    element: wrap,
    input,
    setValue(text) { if (input.getRootNode().activeElement !== input) input.value = text; },
    setError(message) { error.textContent = message || ''; },
  };
}

/** Slider bounds for a key: the key's own bounds, narrowed where dragging needs a finer scale. */
export function sliderBounds(info, narrow = {}) {
  const kind = info.kind;
  const min = narrow.min ?? (kind.min_exclusive ? kind.min + (kind.step ?? 1) : kind.min);
  return { min, max: narrow.max ?? kind.max, step: narrow.step ?? kind.step ?? 1 };
}
