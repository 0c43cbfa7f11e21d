// What the <activation-lab> element reads from its attributes: the config (every attribute named
// like a key, applied on top of a preset), the names in `controls` and `views`, and its own
// `height` and `lang`, each checked with a sentence like a key.

import { KEYS, PRESETS } from './domain.js';
import { LANGUAGES, t } from './strings.js';
import { DEFAULT_HEIGHT_PX, HEIGHT_RANGE_PX, configAttributes, heightPx } from './widget-shell.js';

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
  const config = configAttributes(element);
  names.push(...config.names);
  values.push(...config.names.map((name, i) => attributeValue(name, config.values[i])));
  return [names, values];
}

/** The error for a `preset` naming no lesson, shaped like the core's unknown-name error with its
 * Korean sentence worded as the core words that code (error/src/ko.rs), or null. */
export function presetError(raw) {
  if (raw === null || PRESETS.some((p) => p.id === raw)) return null;
  const valid = PRESETS.map((p) => p.id);
  return {
    message: `unknown preset "${raw}" (expected one of: ${valid.join(', ')})`,
    code: 'unknown-name',
    fields: { key: 'preset', value: raw, valid },
    ko: `preset에 알 수 없는 값 "${raw}" (가능한 값: ${valid.join(', ')})`,
  };
}

/** The chart's height in CSS pixels for a `height` attribute (null: unset), with the sentence if it is refused. */
export function heightOf(raw, lang) {
  const px = heightPx(raw);
  if (px !== null) return { px, error: '' };
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
