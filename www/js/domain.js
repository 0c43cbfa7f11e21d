// What the core knows about its own domain, read once from the wasm exports and shared by the
// page and every widget: the key table (kinds, bounds, choices, defaults), the activation
// catalogue, the training presets and the series colours. Nothing here is a copy of a Rust list;
// where the core has no export for a fact yet, the fact is asked of the core's own validator or
// runs, so the answer cannot drift from Rust.

import { Lab, Race } from '../pkg/activation_lab.js';
import { ready } from './wasm.js';
import { t } from './strings.js';

await ready;

/** The key table by name: { name, help, kind: { type, min, max, step, choices, max_count, repeats, … }, default }. */
// No prototype: a name from an attribute or a link ("constructor", "__proto__") must not find one.
export const KEYS = Object.assign(Object.create(null), Object.fromEntries(JSON.parse(Lab.keys()).map((k) => [k.name, k])));
/** Every activation: { name, summary, scalar, params: [{ key, default }] }. */
export const CATALOGUE = JSON.parse(Lab.catalogue());
/** The training lessons: { id, query, title, claim }. */
export const PRESETS = JSON.parse(Race.presets());
/** The one key each initialiser reads (std, value, limit or gain; null for zeros). */
export const INIT_PARAMETER = JSON.parse(Lab.initParameters());
/** The views by name: { name, formats, workers, controls } (the keys of the view's own panel). */
export const VIEWS = Object.fromEntries(JSON.parse(Lab.views()).map((v) => [v.name, v]));
/** The chart's series colours, so a swatch beside a number matches its curve. */
export const PALETTE = Lab.palette();

/** The activations that draw as a curve (softmax has its own view). */
export const SCALAR_NAMES = CATALOGUE.filter((c) => c.scalar).map((c) => c.name);

/**
 * The names a control offers for a key with `choices`: a list of activations offers only those
 * that draw as a curve (a vector-valued one has its own view); any other list is offered whole.
 */
export const pickable = (choices) => {
  const activations = choices?.every((c) => CATALOGUE.some((entry) => entry.name === c));
  return activations ? choices.filter((c) => SCALAR_NAMES.includes(c)) : choices;
};

/**
 * A lab like `lab` with `key` back to its default, for a key whose default is "unset" (the core's
 * `set` takes no empty value): the lab's canonical query without that key.
 */
export function unset(lab, key) {
  const params = new URLSearchParams(lab.query());
  params.delete(key);
  return Lab.restore(params.toString());
}

/** A lab's activation list as names. */
export const namesOf = (lab) => lab.get('activation').split(',').filter(Boolean);

/** Every parameter key an activation takes, resolved by the core (apl's a and b come with its hinges). */
const PARAM_KEYS_OF = (() => {
  const lab = new Lab('');
  try {
    return new Map(SCALAR_NAMES.map((name) => [name, Object.keys(JSON.parse(lab.params(name)))]));
  } finally {
    lab.free();
  }
})();

/** The parameter keys of the curves view, in key-table order. */
export const PARAM_KEYS = Object.keys(KEYS).filter((key) => [...PARAM_KEYS_OF.values()].some((keys) => keys.includes(key)));

/** The first of `names` that takes parameter `key`, or undefined. */
export const ownerOf = (names, key) => names.find((name) => PARAM_KEYS_OF.get(name)?.includes(key));

/**
 * The value an activation parameter has in `lab`: its own setting, else what the first selected
 * activation that takes it uses (its default). Lists come back comma-separated.
 */
export function parameterValue(lab, key) {
  const set = lab.get(key);
  if (set !== '') return set;
  const owner = ownerOf(namesOf(lab), key);
  if (!owner) return '';
  const value = JSON.parse(lab.params(owner))[key];
  return Array.isArray(value) ? value.join(',') : String(value ?? '');
}

let withClasses = null;
/**
 * Whether a dataset takes a class count. The core has no export for this yet, so its validator is
 * asked (once, on first use): a dataset whose largest class count is refused takes none.
 */
export function takesClasses(dataset) {
  withClasses ??= new Set(KEYS.dataset.kind.choices.filter((name) => {
    try {
      new Lab(`view=train&dataset=${name}&classes=${KEYS.classes.kind.max}`).free();
      return true;
    } catch {
      return false;
    }
  }));
  return withClasses.has(dataset);
}

let learnable = null;
/**
 * The activations with parameters that training learns. The core has no export for this yet, so a
 * one-step race of each is asked which parameters it learned (once, on first use).
 */
export function learns(name) {
  if (!learnable) {
    // A typed formula (custom) learns its letters, if it has any: see `formulaLearns`.
    learnable = new Set(SCALAR_NAMES.filter((n) => n !== 'custom').filter((n) => {
      const race = new Race(`view=train&activation=${n}&hidden=1&samples=${KEYS.samples.kind.min}&steps=1`);
      try {
        return JSON.parse(race.state()).runs[0].learned.length > 0;
      } finally {
        race.free();
      }
    }));
  }
  return learnable.has(name);
}

const formulaLearning = new Map();
/**
 * Whether training learns a typed formula's parameters: it has letters (asked of a one-step race,
 * once per formula and values). A formula that does not parse learns nothing.
 */
export function formulaLearns(formula, params) {
  const key = `${formula}\n${params}`;
  if (!formulaLearning.has(key)) {
    let learns = false;
    try {
      const query = `view=train&activation=custom&formula=${encodeURIComponent(formula)}`
        + `&formula-params=${encodeURIComponent(params)}&learned=per-layer&hidden=1&samples=${KEYS.samples.kind.min}&steps=1`;
      const race = new Race(query);
      try {
        learns = JSON.parse(race.state()).runs[0].learned.length > 0;
      } finally {
        race.free();
      }
    } catch {
      learns = false;
    }
    formulaLearning.set(key, learns);
  }
  return formulaLearning.get(key);
}

/** A key's label in `lang`: the view's own wording where it has one, else the key's name. */
export function keyLabel(lang, key) {
  for (const id of [`key.${key}`, `train.key.${key}`]) {
    const text = t(lang, id);
    if (text !== id) return text;
  }
  return key;
}
