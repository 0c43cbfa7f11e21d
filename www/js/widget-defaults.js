// What a widget's attributes mean before any wasm is in: which are the widget's own, which are
// HTML's (never config), and how tall its chart is. It imports nothing, so the first chart
// (widget-first-chart.js) and the element (widget-attributes.js) read attributes the same way.

/** The widget's own settings, beside the config keys. */
export const WIDGET_ATTRIBUTES = ['height', 'lang', 'controls', 'views', 'preset'];

// Attributes any HTML element may carry; they are not config and never reported as unknown.
const GLOBAL_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'title', 'dir', 'tabindex', 'slot', 'part', 'role',
  'translate', 'inert', 'is', 'nonce', 'autofocus', 'draggable', 'spellcheck', 'contenteditable',
  'accesskey', 'enterkeyhint', 'inputmode', 'popover', 'exportparts', ...WIDGET_ATTRIBUTES,
]);

/** Whether attribute `name` is HTML's or the widget's own, not config. `hidden` is config: the
 * train view's layer list (hidden="16,16"). */
const isGlobal = (name) => GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on');

/** The config attributes of `element`, names and values as they are, in order: what both the
 * first chart and the element (widget-attributes.js, which also normalises values) read. */
export function configAttributes(element) {
  const names = [];
  const values = [];
  for (const { name, value } of element.attributes) {
    if (isGlobal(name)) continue;
    names.push(name);
    values.push(value);
  }
  return { names, values };
}

export const DEFAULT_HEIGHT_PX = 320;
// The chart's height is a setting like any key: a range, and a sentence for a value outside it.
export const HEIGHT_RANGE_PX = { min: 80, max: 2000 };

/** The chart's CSS height a `height` attribute asks for, or null when it is unset or refused. */
export function heightPx(raw) {
  const value = Number(raw?.trim() || NaN);
  return value >= HEIGHT_RANGE_PX.min && value <= HEIGHT_RANGE_PX.max ? value : null;
}
