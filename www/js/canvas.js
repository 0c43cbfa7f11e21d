// Canvas backing store = CSS size × devicePixelRatio, so plotters draws crisp lines and the
// Rust theme scales fonts by the same ratio.

/** Sizes `canvas` for the device; returns the ratio, or 0 while it has no layout size. */
export function fitToDevice(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * dpr);
  const height = Math.round(canvas.clientHeight * dpr);
  if (!width || !height) return 0;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return dpr;
}

/** A colour square for series `i` of a chart drawn with `palette`, to sit beside its numbers. */
export function swatch(palette, i) {
  const square = document.createElement('span');
  square.className = 'swatch';
  square.style.background = palette[i % palette.length];
  return square;
}
