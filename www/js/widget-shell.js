// The widget before any wasm is in: which of its attributes are config, how tall its chart is,
// and its own style sheet. It imports nothing. The element (activation-lab.js,
// widget-attributes.js) and its first chart (widget.js) read attributes and style the widget from
// here; one module, not two, because on a phone's first load every file of the first chart's
// wave costs a connection of HTTP/1.1's six (issue #13).

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

// The style sheet sits inside the widget's shadow root, so a host page's CSS cannot reach in and the
// widget's cannot leak out; kept in a module (not a <link>) so a widget loaded from another origin
// is styled on its first frame, with no extra request.
export const STYLE = `
  :host { display: block; position: relative; margin: 1rem 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif;
          --al-bg: #ffffff; --al-fg: #222228; --al-muted: #5f5f6b; --al-line: #d0d0d8; --al-error: #b3261e; --al-focus: #e69f00;
          color: var(--al-fg); }
  /* Korean asks for the faces with Hangul by name first, as the page does (lab.css). */
  :host(:lang(ko)) { font-family: system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", sans-serif; }
  @media (prefers-color-scheme: dark) {
    :host { --al-bg: #1e1e24; --al-fg: #e8e8ec; --al-muted: #a8a8b4; --al-line: #44444e; --al-error: #ff8a80; }
  }
  /* hidden="16,16" is the train view's layer list (a config key), not HTML's "hide me": an
     !important :host rule is the one that wins over the page's [hidden] rule. */
  :host([hidden]) { display: block !important; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  canvas { display: block; width: 100%; border: 1px solid var(--al-line); border-radius: 6px; background: var(--al-bg); touch-action: none; }
  canvas:focus-visible { outline: 3px solid var(--al-focus); outline-offset: 2px; }
  .alert { margin: 0 0 .4rem; padding: .35rem .6rem; border-left: 3px solid var(--al-error); color: var(--al-error); font-size: .9em; }
  .alert:empty { display: none; }
  .alert p { margin: 0; overflow-wrap: anywhere; }
  .readout, .status { margin: .3rem 0 0; color: var(--al-muted); font-size: .9em; font-variant-numeric: tabular-nums; }
  .readout:empty, .status:empty { display: none; }
  .status { overflow-wrap: anywhere; }
  .curve { white-space: nowrap; margin-right: 1em; }
  .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em; vertical-align: -.05em; }
  :focus-visible { outline: 3px solid var(--al-focus); outline-offset: 2px; }
  button, select, input { font: inherit; color: inherit; }
  .tabs { display: flex; gap: .25rem; margin: 0 0 .4rem; }
  .tabs button { padding: .2rem .7rem; border: 1px solid var(--al-line); border-radius: 6px; background: var(--al-bg); cursor: pointer;
                 transition: background-color .15s ease, color .15s ease; }
  .tabs button[aria-selected="true"] { background: #0072b2; border-color: #0072b2; color: #fff; }
  .controls { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: 0 0 .4rem; padding: .35rem .6rem; border: 1px solid var(--al-line); border-radius: 6px; }
  .controls legend { font-size: .85em; color: var(--al-muted); padding: 0 .25rem; }
  .field { display: grid; grid-template-columns: minmax(6rem, 10rem) 4.5rem; gap: .1rem .4rem; align-items: center; min-width: 0; }
  .field > label { grid-column: 1 / -1; font-size: .9em; }
  .field.checkbox { grid-template-columns: auto 1fr; }
  .field.checkbox > label { grid-column: auto; }
  .field select, .field input[type="text"] { grid-column: 1 / -1; }
  .field input[type="number"], .field input[type="text"], .field select { width: 100%; padding: .1rem .25rem; background: var(--al-bg);
                 border: 1px solid var(--al-line); border-radius: 4px; }
  .field-error { display: none; }
  .field.sequence { display: flex; flex-wrap: wrap; gap: .2rem .4rem; align-items: center; border: 0; padding: 0; margin: 0; }
  .field.sequence legend { font-size: .9em; padding: 0; }
  .field.sequence .entries { display: flex; flex-wrap: wrap; gap: .2rem; }
  .field.sequence button { padding: .05rem .5rem; border: 1px solid var(--al-line); border-radius: 4px; background: var(--al-bg); }
  details.data { margin: .3rem 0 0; font-size: .9em; }
  details.data summary { cursor: pointer; color: var(--al-muted); }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; margin: .3rem 0; font-variant-numeric: tabular-nums; }
  caption { text-align: left; color: var(--al-muted); }
  th, td { border-bottom: 1px solid var(--al-line); padding: .1rem .5rem; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  /* The training view's live race (widget-race.js): its buttons, then one figure per picture. */
  .race-bar { display: flex; gap: .4rem; margin: 0 0 .4rem; }
  .race-bar button { padding: .2rem .8rem; border: 1px solid var(--al-line); border-radius: 6px; background: var(--al-bg); cursor: pointer; }
  .race-bar .race-play[data-playing="true"] { background: #0072b2; border-color: #0072b2; color: #fff; }
  .race-panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: .5rem; }
  .race-panel { margin: 0; min-width: 0; }
  .race-panel canvas { aspect-ratio: 4 / 3; height: auto; }
  .race-panel.surface canvas { aspect-ratio: 1; }
  .race-panel figcaption { margin: .15rem 0 0; color: var(--al-muted); font-size: .8em; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { transition: none !important; animation: none !important; }
  }
`;

