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

/**
 * A <select> for the first name of a name list (`activation="relu,tanh"`): choosing a name puts it
 * first and keeps the others, so a one-line control still edits a list.
 */
export function leadingField(key, label, choices, onChange) {
  let rest = [];
  const field = selectField(key, label, choices, (name) => onChange([name, ...rest.filter((n) => n !== name)].join(',')));
  const select = field.setValue;
  field.setValue = (text) => {
    const names = text.split(',').filter(Boolean);
    rest = names.slice(1);
    select(names[0] ?? '');
  };
  return field;
}

/**
 * An ordered list of names where a name may repeat (`layer-activations="relu,relu,tanh"`): one
 * labelled <select> per entry, with buttons to add an entry (a copy of the last) and remove the
 * last, up to `max` entries. A list the core refuses (one entry for two layers) stays on screen
 * as a draft, beside its error, so a list is built one entry at a time; `onChange` returns false
 * for a refused list.
 */
export function sequenceField(key, label, choices, { max, lang, first, onChange }) {
  const wrap = document.createElement('fieldset');
  wrap.className = 'field sequence';
  wrap.dataset.key = key;
  const legend = document.createElement('legend');
  legend.textContent = label;
  const list = document.createElement('div');
  list.className = 'entries';
  const button = (name, text, aria) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = name;
    b.textContent = t(lang, text);
    b.setAttribute('aria-label', t(lang, aria, { label }));
    return b;
  };
  const add = button('add', 'field.add', 'field.addTo');
  const remove = button('remove', 'field.removeLast', 'field.removeFrom');
  const error = document.createElement('p');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  wrap.append(legend, list, add, remove, error);
  let names = [];
  let draft = null; // { names, over }: a refused list, shown while the setting is still `over`
  let current = '';
  function show(next) {
    names = next;
    while (list.children.length > names.length) list.lastChild.remove();
    while (list.children.length < names.length) {
      const i = list.children.length;
      const select = document.createElement('select');
      select.setAttribute('aria-label', t(lang, 'field.item', { label, n: i + 1 }));
      for (const choice of choices) select.append(new Option(choice, choice));
      select.addEventListener('change', () => emit(names.map((n, j) => (j === i ? select.value : n))));
      list.append(select);
    }
    names.forEach((name, i) => { list.children[i].value = name; });
    add.disabled = names.length >= max;
    remove.disabled = names.length === 0;
  }
  function emit(next) {
    const over = current;
    draft = null;
    if (onChange(next.join(',')) === false) {
      draft = { names: next, over };
      show(next);
    }
  }
  add.addEventListener('click', () => emit([...names, names.at(-1) ?? first()]));
  remove.addEventListener('click', () => emit(names.slice(0, -1)));
  function setValue(text) {
    current = text;
    if (draft && draft.over === text) show(draft.names);
    else show(text.split(',').filter(Boolean));
  }
  return { element: wrap, list, setValue, setError(message) { error.textContent = message || ''; } };
}

/**
 * One checkbox per catalogue entry inside `box` (a fieldset with its legend), for a set of names
 * such as the curves to draw or the activations that race: ticking one adds it to the list,
 * unticking removes it; each box's title is the entry's summary in `lang`.
 */
export function checklist(box, entries, { name = '', lang = 'en', onChange }) {
  let names = [];
  const error = document.createElement('p');
  error.className = 'field-error';
  error.setAttribute('role', 'alert');
  for (const entry of entries) {
    const label = document.createElement('label');
    label.title = (lang === 'ko' && entry.summary_ko) || entry.summary;
    const check = document.createElement('input');
    check.type = 'checkbox';
    check.value = entry.name;
    if (name) check.name = name;
    check.addEventListener('change', () => {
      const next = names.filter((n) => n !== entry.name);
      if (check.checked) next.push(entry.name);
      onChange(next.join(','));
    });
    label.append(check, entry.name);
    box.append(label);
  }
  box.append(error);
  return {
    element: box,
    setValue(text) {
      names = text.split(',').filter(Boolean);
      for (const check of box.querySelectorAll('input[type="checkbox"]')) check.checked = names.includes(check.value);
    },
    setError(message) { error.textContent = message || ''; },
  };
}

/**
 * The control a key's kind calls for, so every key gets the same control wherever it is shown:
 * a checkbox for a flag, a text box for a number list (it keeps "16,16" as typed), a select for
 * one name, a leading select for a set of names, a sequence for names that may repeat, and a
 * slider with a number box for a number (`slider: false` for a range too wide to drag, `narrow`
 * for a slider over part of it).
 */
export function fieldFor(info, { label, lang, onChange, choices = info.kind.choices, slider = true, narrow, first }) {
  const { name, kind } = info;
  if (kind.type === 'bool') return checkboxField(name, label, onChange);
  if (kind.type === 'number_list' || kind.type === 'integer_list' || kind.type === 'text') return textField(name, label, onChange);
  if (kind.type === 'names') {
    if (kind.max_count === 1) return selectField(name, label, choices, onChange);
    if (kind.repeats) return sequenceField(name, label, choices, { max: kind.max_count, lang, first, onChange });
    return leadingField(name, label, choices, onChange);
  }
  return numberField(name, label, { ...sliderBounds(info, narrow), slider, onChange, lang });
}

/** Slider bounds for a key: the key's own bounds, narrowed where dragging needs a finer scale. */
export function sliderBounds(info, narrow = {}) {
  const kind = info.kind;
  const min = narrow.min ?? (kind.min_exclusive ? kind.min + (kind.step ?? 1) : kind.min);
  return { min, max: narrow.max ?? kind.max, step: narrow.step ?? kind.step ?? 1 };
}
