// What the <activation-lab> element reads from its attributes: the config (every attribute named
// like a key, applied on top of a preset), the names in `controls` and `views`, and its own
// `height` and `lang`, each checked with a sentence like a key.

import { KEYS, PRESETS } from './domain.js';
import { LANGUAGES, t } from './strings.js';

const DEFAULT_HEIGHT_PX = 320;
// The chart's height is a setting like any key: a range, and a sentence for a value outside it.
const HEIGHT_RANGE_PX = { min: 80, max: 2000 };

/** The widget's own settings, beside the config keys. */
export const WIDGET_ATTRIBUTES = ['height', 'lang', 'controls', 'views', 'preset'];

// Attributes any HTML element may carry; they are not config and never reported as unknown.
const GLOBAL_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'title', 'dir', 'tabindex', 'slot', 'part', 'role',
  'translate', 'inert', 'is', 'nonce', 'autofocus', 'draggable', 'spellcheck', 'contenteditable',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'exportparts', ...WIDGET_ATTRIBUTES,
]);
// `hidden` is not in that list: it is the train view's layer list (hidden="16,16"), a config key.
const isGlobal = (name) => GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on');

/** Names in an attribute like `controls="activation, depth"` (commas or spaces), each once. */
export const listAttribute = (value) => [...new Set(String(value ?? '').split(/[\s,]+/).filter(Boolean))];

/** A bare boolean attribute (`residual`, `autoplay`) means true; a list of names may be spaced
 * like HTML's own lists (`panels="surface loss layers"`) as well as comma-separated. */
export function attributeValue(name, value) {
  const kind = KEYS[name]?.kind;
  if (kind?.type === 'bool' && value === '') return 'true';
  if (kind?.type === 'names' && kind.max_count > 1 && value !== null) return value.trim().split(/[\s,]+/).join(',');
  return value;
}

/** The config as [names, values] from `element`'s attributes, as `Lab.fromAttributes` takes
 * them (unknown names included, so the core reports them). */
export function attributePairs(element) {
  const names = [];
  const values = [];
  // A preset (preset="dead-relu") is a starting query; the other attributes apply on top of it.
  const preset = PRESETS.find((p) => p.id === element.getAttribute('preset'));
  if (preset) {
    for (const [key, value] of new URLSearchParams(preset.query)) {
      names.push(key);
      values.push(value);
    }
  }
  for (const { name, value } of element.attributes) {
    if (isGlobal(name)) continue;
    names.push(name);
    values.push(attributeValue(name, value));
  }
  return [names, values];
}

/** The error for a `preset` naming no lesson, shaped like the core's unknown-name error (so it
 * is translated the same way), or null. */
export function presetError(raw) {
  if (raw === null || PRESETS.some((p) => p.id === raw)) return null;
  const valid = PRESETS.map((p) => p.id);
  return {
    message: `unknown preset "${raw}" (expected one of: ${valid.join(', ')})`,
    code: 'unknown-name',
    fields: { key: 'preset', value: raw, valid },
  };
}

/** The chart's height in CSS pixels for a `height` attribute (null: unset), with the sentence if it is refused. */
export function heightOf(raw, lang) {
  const value = Number(raw?.trim() || NaN);
  if (value >= HEIGHT_RANGE_PX.min && value <= HEIGHT_RANGE_PX.max) return { px: value, error: '' };
  return { px: DEFAULT_HEIGHT_PX, error: raw === null ? '' : t(lang, 'widget.badHeight', { ...HEIGHT_RANGE_PX, value: raw }) };
}

/**
 * The sentence for a `lang` naming no supported language ('' if fine); `used` is the language
 * the widget falls back to. An empty lang is HTML's "unknown", so it falls back without a word.
 */
export function languageError(raw, used) {
  const lang = raw?.trim();
  if (!lang || LANGUAGES.includes(lang.toLowerCase().split('-')[0])) return '';
  return t(used, 'widget.badLang', { value: lang, valid: LANGUAGES.join(', '), used });
}
