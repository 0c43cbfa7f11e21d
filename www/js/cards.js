// The properties card of each selected activation: formulas, range, smoothness, saturation,
// largest slope, f'(0), recommended initialisation, and the cost measured in this browser.

import { fmt } from './format.js';

const yesNo = (b) => (b ? 'yes' : 'no');

function where(at) {
  switch (at.kind) {
    case 'point': return `x = ${fmt(at.x, 4)}`;
    case 'interval':
      if (at.lo === null && at.hi === null) return 'every x';
      if (at.hi === null) return `x > ${fmt(at.lo, 4)}`;
      if (at.lo === null) return `x < ${fmt(at.hi, 4)}`;
      return `${fmt(at.lo, 4)} < x < ${fmt(at.hi, 4)}`;
    case 'as_x_grows_large': return 'x → ∞ (never reached)';
    default: return 'every x';
  }
}

function saturation(p) {
  if (p.saturates_left && p.saturates_right) return 'both sides';
  if (p.saturates_left) return 'left (x → −∞) only';
  if (p.saturates_right) return 'right (x → ∞) only';
  return 'no';
}

function init(p) {
  if (p.recommended_init === 'none') return 'none: f′ = 0, gradients cannot train it';
  const gain = p.gain === null ? 'gain not defined by PyTorch' : `gain ${fmt(p.gain, 4)} (calculate_gain)`;
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
      ['f(x)', card.formula, 'formula'],
      ["f′(x)", card.derivative_formula, 'formula'],
      ['range', p.range],
      ['monotonic', yesNo(p.monotonic)],
      ['smoothness', p.smoothness],
      ['zero-centred', yesNo(p.zero_centred)],
      ['saturates', saturation(p)],
      ['max |f′|', `${fmt(p.max_abs_derivative, 5)} at ${where(p.max_abs_derivative_at)}`],
      ["f′(0)", fmt(p.derivative_at_zero, 5)],
      ['initialise with', init(p)],
      ['cost here', cost(card.name) === null ? 'measuring…' : `${fmt(cost(card.name), 3)} ns/element`, 'cost'],
    ];
    const h = document.createElement('h3');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = palette[i % palette.length];
    h.append(swatch, card.name);
    const summary = document.createElement('p');
    summary.className = 'hint';
    summary.textContent = card.summary;
    const dl = document.createElement('dl');
    for (const [term, value, cls] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      if (cls) dd.className = cls;
      dl.append(dt, dd);
    }
    el.append(h, summary, dl);
    return el;
  }));
}
