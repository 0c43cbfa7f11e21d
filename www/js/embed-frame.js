// The iframe form of <activation-lab> (embed.html#view=curves&activation=tanh): config comes from
// this frame's own hash, with the same keys as the widget's attributes. The hash is anyone's to
// write, so only names the widget observes (config keys, controls, views, preset, lang, height)
// reach it; any other name (an `on…` handler, `style`, `id`) is named in the frame's message and
// never becomes an attribute.

import './activation-lab.js';
import { pickLanguage, t } from './strings.js';

const READOUT_ALLOWANCE_PX = 48;
// A name is echoed back to the reader, so a long one is shortened rather than widening the page.
const ECHO_MAX_CHARS = 40;
const widget = document.querySelector('activation-lab');
const message = document.getElementById('frame-message');
const allowed = new Set(customElements.get('activation-lab').observedAttributes);

/** `name` shortened to ECHO_MAX_CHARS with an ellipsis. */
const echo = (name) => (name.length > ECHO_MAX_CHARS ? `${name.slice(0, ECHO_MAX_CHARS - 1)}…` : name);

/** The hash's pairs split into those the widget may take and the names it refuses. */
function hashPairs(hash) {
  const accepted = [];
  const refused = [];
  for (const [name, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    if (allowed.has(name)) accepted.push([name, value]);
    else if (!refused.includes(name)) refused.push(name);
  }
  return { accepted, refused };
}

function fromHash() {
  for (const name of widget.getAttributeNames()) {
    if (name !== 'id' && name !== 'height') widget.removeAttribute(name);
  }
  const { accepted, refused } = hashPairs(location.hash);
  for (const [name, value] of accepted) widget.setAttribute(name, value);
  const lang = pickLanguage(widget.getAttribute('lang'), document.documentElement.lang, navigator.language);
  message.textContent = refused
    .map((name) => t(lang, 'frame.unknownName', { name: echo(name) }))
    .join('\n');
  fit();
}

function fit() {
  // Within the widget's own height range (80..=2000 px), so a tall frame gets no height message.
  const height = Math.min(2000, Math.max(120, window.innerHeight - READOUT_ALLOWANCE_PX - message.offsetHeight));
  widget.setAttribute('height', String(height));
}

fromHash();
addEventListener('hashchange', fromHash);
addEventListener('resize', fit);
document.body.dataset.ready = 'true';
