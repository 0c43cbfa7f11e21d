// The page's curves view: the activation picker, a control per parameter the selected functions
// take (found by asking the core, so a new catalogue entry brings its own), the axes and the
// chain of layers, the readout at the crosshair, the property cards and the cost measurement.

import { checklist, checkboxField, numberField, sliderBounds, textField } from './controls.js';
import { fmt } from './format.js';
import { renderCards } from './cards.js';
import { swatch } from './canvas.js';
import { LANG, tr } from './i18n.js';

const COST_ELEMENTS = 100_000;
const COST_REPEATS = 7;
const COST_DELAY_MS = 300;
// A list parameter's slider step (the key table gives list bounds, not a step).
const LIST_STEP = 0.01;

export function createCurvesView({ domain, apply, lab, fields }) {
  const { KEYS, CATALOGUE, PALETTE, PARAM_KEYS, SCALAR_NAMES, namesOf, ownerOf, parameterValue } = domain;
  const costs = new Map();

  // ── Activation picker ──────────────────────────────────────────────────────────────────────
  let picker = null;
  picker = checklist(document.getElementById('activation-picker'), CATALOGUE.filter((c) => SCALAR_NAMES.includes(c.name)), {
    lang: LANG,
    name: 'activation',
    onChange: (names) => apply('activation', names, picker),
  });

  // ── Parameters: one field per number, one per entry of a list (apl's a and b per hinge) ────
  const paramBox = document.getElementById('param-controls');
  const isList = (key) => KEYS[key].kind.type === 'number_list';
  for (const key of PARAM_KEYS.filter((k) => !isList(k))) {
    const f = numberField(key, tr(`param.${key}`), { ...sliderBounds(KEYS[key]), onChange: (v) => apply(key, v) });
    fields.set(key, f);
    paramBox.append(f.element);
  }
  const lists = PARAM_KEYS.filter(isList).map((key) => {
    const box = document.createElement('div');
    box.dataset.key = key;
    const error = document.createElement('p');
    error.className = 'field-error';
    error.setAttribute('role', 'alert');
    box.append(error);
    fields.set(key, { setError: (m) => { error.textContent = m || ''; } });
    paramBox.append(box);
    return { key, box, error, inputs: [], shape: '' };
  });

  /** Shows one number field per value of each list parameter the selection takes. */
  function syncLists(names) {
    for (const slot of lists) {
      const owner = ownerOf(names, slot.key);
      slot.box.hidden = !owner;
      if (!owner) continue;
      const resolved = JSON.parse(lab().params(owner))[slot.key];
      const values = Array.isArray(resolved) ? resolved : [resolved];
      const shape = `${owner}/${Array.isArray(resolved) ? values.length : 'one'}`;
      if (slot.shape !== shape) {
        slot.shape = shape;
        const { min, max } = KEYS[slot.key].kind;
        slot.inputs = values.map((_, i) => numberField(slot.key,
          Array.isArray(resolved) ? tr(`param.${slot.key}.item`, { n: i + 1 }) : tr(`param.${slot.key}`), {
            min, max, step: LIST_STEP,
            onChange: (v) => {
              const list = parameterValue(lab(), slot.key).split(',');
              list[i] = v;
              apply(slot.key, list.join(','));
            },
          }));
        slot.box.replaceChildren(...slot.inputs.map((f) => f.element), slot.error);
      }
      values.forEach((v, i) => slot.inputs[i].setValue(String(v)));
    }
  }

  // ── A typed formula (activation=custom): its text, and a field per parameter letter ───────
  // Shown whatever is selected: `custom` is refused until a formula is set, so the formula
  // comes first.
  const formulaBox = document.createElement('div');
  formulaBox.className = 'formula-controls';
  for (const key of ['formula', 'formula-params']) {
    const f = textField(key, tr(`param.${key}`), (v) => apply(key, v));
    fields.set(key, f);
    formulaBox.append(f.element);
  }
  const letterBox = document.createElement('div');
  formulaBox.append(letterBox);
  paramBox.before(formulaBox);
  let letterShape = '';
  let letterFields = [];
  /** One number field per parameter of the formula, each rewriting formula-params. */
  function syncLetters(names) {
    let values = {};
    try {
      if (names.includes('custom')) values = JSON.parse(lab().params('custom'));
    } catch {
      values = {};
    }
    const letters = Object.keys(values);
    if (letters.join() !== letterShape) {
      letterShape = letters.join();
      letterFields = letters.map((letter) => [letter, numberField(`formula-param-${letter}`, tr('param.letter', { letter }), {
        min: -10, max: 10, step: 0.01,
        onChange: (v) => {
          const now = JSON.parse(lab().params('custom'));
          now[letter] = Number(v);
          apply('formula-params', Object.entries(now).map(([l, x]) => `${l}:${x}`).join(','));
        },
      })]);
      letterBox.replaceChildren(...letterFields.map(([, f]) => f.element));
    }
    for (const [letter, f] of letterFields) f.setValue(String(values[letter]));
  }

  // ── Axes and chain ─────────────────────────────────────────────────────────────────────────
  const axisBox = document.getElementById('axis-controls');
  for (const key of ['x-min', 'x-max']) {
    const f = numberField(key, tr(key === 'x-min' ? 'axis.from' : 'axis.to'), { ...sliderBounds(KEYS[key]), slider: false, onChange: (v) => apply(key, v) });
    fields.set(key, f);
    axisBox.append(f.element);
  }
  const second = checkboxField('second-derivative', tr('axis.second'), (v) => apply('second-derivative', v));
  fields.set('second-derivative', second);
  axisBox.append(second.element);

  const chainBox = document.getElementById('chain-controls');
  const atField = numberField('at', tr('chain.at'), { min: -5, max: 5, step: 0.01, onChange: (v) => apply('at', v) });
  const depthField = numberField('chain-depth', tr('chain.depth'), { ...sliderBounds(KEYS['chain-depth']), onChange: (v) => apply('chain-depth', v) });
  fields.set('at', atField);
  fields.set('chain-depth', depthField);
  chainBox.append(atField.element, depthField.element);
  const chainNote = document.createElement('p');
  chainNote.className = 'hint';
  chainNote.id = 'chain-note';
  chainBox.append(chainNote);

  // ── Cost measurement ───────────────────────────────────────────────────────────────────────
  const costKey = (name) => `${name}|${lab().params(name)}`;
  // The best of COST_REPEATS timed runs, one run a call, so no task holds the page's thread
  // for more than one run (a few ms, or tens on a slow machine); `costs` holds finished ones.
  const runs = new Map(); // key → [best so far, runs so far]
  function measureOnce(name) {
    const key = costKey(name);
    if (costs.has(key)) return;
    const [best, count] = runs.get(key) ?? [Infinity, 0];
    const next = [Math.min(best, lab().cost(name, COST_ELEMENTS, 1)), count + 1];
    runs.set(key, next);
    if (next[1] >= COST_REPEATS) costs.set(key, next[0]);
  }
  let pendingCosts = 0;
  /** Measures each selected activation not yet measured, one timed run a task. */
  function measureSelectedLater() {
    clearTimeout(pendingCosts);
    const next = () => {
      // The cards that show the costs are the curves view's.
      if (lab().view() !== 'curves') return;
      const name = namesOf(lab()).find((n) => !costs.has(costKey(n)));
      if (name === undefined) {
        renderCardsNow();
        return;
      }
      measureOnce(name);
      pendingCosts = setTimeout(next);
    };
    pendingCosts = setTimeout(next, COST_DELAY_MS);
  }
  document.getElementById('measure-all').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    const table = document.getElementById('cost-table');
    const rows = [];
    // A typed formula is measured when it is drawn (custom has no function until one is typed).
    for (const name of SCALAR_NAMES.filter((n) => n !== 'custom' || namesOf(lab()).includes(n))) {
      while (!costs.has(costKey(name))) {
        measureOnce(name);
        await new Promise((resolve) => setTimeout(resolve)); // Let the page breathe between runs.
      }
      rows.push([name, costs.get(costKey(name))]);
    }
    const relu = rows.find(([name]) => name === 'relu')[1];
    rows.sort((a, b) => a[1] - b[1]);
    table.querySelector('tbody').replaceChildren(...rows.map(([name, ns]) => {
      const row = document.createElement('tr');
      row.dataset.activation = name;
      for (const text of [name, fmt(ns, 3), `${fmt(ns / relu, 3)}×`]) {
        const td = document.createElement('td');
        td.textContent = text;
        row.append(td);
      }
      return row;
    }));
    table.hidden = false;
    button.disabled = false;
  });

  // ── Readout and cards ──────────────────────────────────────────────────────────────────────
  function renderCardsNow() {
    const cost = (name) => costs.get(costKey(name)) ?? null;
    renderCards(document.getElementById('cards'), JSON.parse(lab().cards()), PALETTE, cost);
  }

  function renderReadout() {
    const rows = JSON.parse(lab().readout());
    const depth = lab().get('chain-depth');
    const showSecond = lab().get('second-derivative') === 'true';
    document.getElementById('chain-head').textContent = `f′(x)^${depth}`;
    for (const cell of document.querySelectorAll('#readout .d2')) cell.hidden = !showSecond;
    document.querySelector('#readout tbody').replaceChildren(...rows.map((r, i) => {
      const row = document.createElement('tr');
      row.dataset.activation = r.activation;
      const name = document.createElement('td');
      name.append(swatch(PALETTE, i), r.label);
      row.append(name);
      for (const [value, cls] of [[r.x], [r.value, 'f'], [r.derivative, 'df'], [r.second_derivative, 'd2'], [r.chain, 'chain']]) {
        const td = document.createElement('td');
        td.textContent = fmt(value);
        if (cls) td.className = cls;
        if (cls === 'd2') td.hidden = !showSecond;
        row.append(td);
      }
      return row;
    }));
    const first = rows[0];
    chainNote.textContent = first
      ? tr('chain.note', { depth, activation: first.activation, x: fmt(first.x), chain: fmt(first.chain) })
      : '';
  }

  /** Shows the lab's state in the curves controls (every view's change passes through here). */
  function syncControls() {
    const names = namesOf(lab());
    picker.setValue(names.join(','));
    let any = false;
    for (const key of PARAM_KEYS.filter((k) => !isList(k))) {
      const f = fields.get(key);
      const shown = Boolean(ownerOf(names, key));
      any ||= shown;
      f.element.hidden = !shown;
      if (shown) f.setValue(parameterValue(lab(), key));
    }
    syncLists(names);
    for (const key of ['formula', 'formula-params']) fields.get(key).setValue(lab().get(key));
    syncLetters(names);
    document.getElementById('no-params').hidden = any || lists.some((slot) => !slot.box.hidden);
    for (const key of ['x-min', 'x-max', 'chain-depth', 'second-derivative']) fields.get(key).setValue(lab().get(key));
    const [lo, hi] = [Number(lab().get('x-min')), Number(lab().get('x-max'))];
    Object.assign(atField.range, { min: lo, max: hi, step: (hi - lo) / 1000 });
    atField.setValue(lab().get('at'));
  }

  return {
    syncControls,
    show() {
      renderReadout();
      renderCardsNow();
    },
    measureSelectedLater,
    atField,
  };
}
