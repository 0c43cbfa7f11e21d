// Number formatting for readouts: short, but never hides a tiny value behind "0".

/** Formats a number with about `digits` significant digits; exponent form for tiny/huge. */
export function fmt(value, digits = 5) {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude < 1e-3 || magnitude >= 1e6
    ? value.toExponential(digits - 1).replace(/\.?0+e/, 'e')
    : Number(value.toPrecision(digits)).toString();
  return text.replaceAll('-', '−'); // the exponent's sign too: "−2.94e−5", not "−2.94e-5"
}

/** Rounds x to a step that is fine enough for a range of width `span`. */
export function roundForSpan(x, span) {
  const decimals = Math.max(0, Math.min(10, 3 - Math.floor(Math.log10(span))));
  return Number(x.toFixed(decimals));
}

/** The longest value a message echoes back; a longer one is cut with an ellipsis. */
export const ECHO_MAX_CHARS = 40;

/**
 * `text` with every quoted value, and every unbroken run of twice that length, shortened to
 * ECHO_MAX_CHARS with an ellipsis: a message repeats what the reader typed or linked, and a
 * 100 KB value must not widen the page.
 */
export function clip(text, max = ECHO_MAX_CHARS) {
  const short = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return String(text ?? '')
    .replace(/"([^"]*)"/g, (_, inner) => `"${short(inner, max)}"`)
    .replace(new RegExp(`\\S{${2 * max + 1},}`, 'g'), (run) => short(run, max));
}
