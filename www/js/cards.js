// The properties card of each selected activation: formulas, range, smoothness, saturation,
// largest slope, f'(0), recommended initialisation, and the cost measured in this browser.
// The summary, formulas and citation come from the catalogue entry in the page's language.

import { fmt } from './format.js';
import { swatch } from './canvas.js';
import { LANG, tr } from './i18n.js';

// The catalogue's Korean field beside an English one (`summary` → `summary_ko`), where the
// page speaks Korean and the entry has it.
const inLanguage = (card, field) => (LANG === 'ko' && card[`${field}_ko`]) || card[field];

const yesNo = (b) => tr(b ? 'card.yes' : 'card.no');

function where(at) {
  switch (at.kind) {
    case 'point': return `x = ${fmt(at.x, 4)}`;
    case 'interval':
      if (at.lo === null && at.hi === null) return tr('card.everyX');
      if (at.hi === null) return `x > ${fmt(at.lo, 4)}`;
      if (at.lo === null) return `x < ${fmt(at.hi, 4)}`;
      return `${fmt(at.lo, 4)} < x < ${fmt(at.hi, 4)}`;
    case 'as_x_grows_large': return tr('card.never');
    default: return tr('card.everyX');
  }
}

function saturation(p) {
  if (p.saturates_left && p.saturates_right) return tr('card.bothSides');
  if (p.saturates_left) return tr('card.leftOnly');
  if (p.saturates_right) return tr('card.rightOnly');
  return tr('card.no');
}

function init(p) {
  if (p.recommended_init === 'none') return tr('card.noInit');
  const gain = p.gain === null ? tr('card.noGain') : tr('card.gain', { gain: fmt(p.gain, 4) });
  return `${p.recommended_init}, ${gain}`;
}

/** Renders one card per activation into `container`; `cost(name)` returns ns/element or null. */
export function renderCards(container, cards, palette, cost) {
  container.replaceChildren(...cards.map((card, i) => {
    const p = card.properties;
    const el = document.createElement('article');
    el.className = 'card';
    el.dataset.activation = card.name;
    const rows = [
      ['f(x)', inLanguage(card, 'formula'), 'formula'],
      ["f′(x)", inLanguage(card, 'derivative_formula'), 'formula'],
      [tr('card.range'), p.range],
      [tr('card.monotonic'), yesNo(p.monotonic)],
      [tr('card.smoothness'), p.smoothness],
      [tr('card.zeroCentred'), yesNo(p.zero_centred)],
      [tr('card.saturates'), saturation(p)],
      [tr('card.maxSlope'), tr('card.at', { value: fmt(p.max_abs_derivative, 5), where: where(p.max_abs_derivative_at) })],
      ["f′(0)", fmt(p.derivative_at_zero, 5)],
      [tr('card.init'), init(p)],
      [tr('card.cost'), cost(card.name) === null ? tr('card.measuring') : tr('card.nsPerElement', { ns: fmt(cost(card.name), 3) }), 'cost'],
    ];
    if (card.custom) customRows(card.custom, rows);
    const h = document.createElement('h3');
    h.append(swatch(palette, i), card.name);
    const summary = document.createElement('p');
    summary.className = 'hint';
    summary.textContent = inLanguage(card, 'summary');
    const dl = document.createElement('dl');
    for (const [term, value, cls] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      if (value instanceof Node) dd.append(value);
      else dd.textContent = value;
      if (cls) dd.className = cls;
      dl.append(dt, dd);
    }
    const citation = document.createElement('p');
    citation.className = 'hint citation';
    citation.textContent = inLanguage(card, 'citation') ?? '';
    el.append(h, summary, dl, citation);
    return el;
  }));
}

/**
 * A typed formula's rows: f and f′ typeset (MathML the core builds element by element from the
 * parsed formula, escaping every leaf), the kinks on the axis and where f overflows.
 */
function customRows(custom, rows) {
  rows[0][1] = mathml(custom.mathml) ?? custom.source;
  rows[1][1] = mathml(custom.derivative_mathml) ?? tr('card.typesetTooLong');
  rows.splice(2, 0, [tr('card.kinks'), custom.kinks.length ? custom.kinks.map((x) => fmt(x, 4)).join(', ') : tr('card.noKinks')]);
  for (const x of [custom.overflow_above, custom.overflow_below]) {
    if (x !== null && x !== undefined) rows.splice(3, 0, [tr('card.overflow', { x: fmt(x, 4) }), '⚠']);
  }
}

// The elements and attributes the core's MathML uses (formula/mathml.rs); anything else is
// refused, so even a core bug could not put a link, a handler or a style on the page.
const MATHML_TAGS = new Set(['math', 'mrow', 'mi', 'mn', 'mo', 'mfrac', 'msqrt', 'msup']);
const MATHML_ATTRIBUTES = new Set(['display']);
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** The core's MathML as a node, parsed as inert markup and kept only if it is plain MathML. */
function mathml(markup) {
  if (!markup) return null;
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  const math = doc.body.firstElementChild;
  if (math?.localName !== 'math' || doc.body.childElementCount !== 1) return null;
  const plain = [math, ...math.querySelectorAll('*')].every((el) => el.namespaceURI === MATHML_NS
    && MATHML_TAGS.has(el.localName) && [...el.attributes].every((a) => MATHML_ATTRIBUTES.has(a.name)));
  return plain ? document.adoptNode(math) : null;
}
