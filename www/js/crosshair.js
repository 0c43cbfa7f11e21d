// The curves view's crosshair, moved by pointer or keyboard; the page and every widget attach the
// same behaviour to their curves canvas. The crosshair is the `at` key, so it goes through the
// lab's validation and into the link like every other setting.

import { roundForSpan } from './format.js';

/** Arrow keys move the crosshair by a hundredth of the x axis (Shift: a tenth). */
export const KEY_STEPS_PER_AXIS = 100;

/**
 * Wires `canvas`: a pointer over the plot area or ←/→/Home/End set `at` through `setAt`.
 * `lab()` is the lab to read, or null while the canvas shows no curves; `plotArea()` is the
 * [left, right, top, bottom] pixel box the last draw returned.
 */
export function attachCrosshair(canvas, { lab, plotArea, setAt }) {
  const range = () => [Number(lab().get('x-min')), Number(lab().get('x-max'))];
  const move = (x) => {
    const [lo, hi] = range();
    setAt(String(roundForSpan(Math.min(hi, Math.max(lo, x)), hi - lo)));
  };
  canvas.addEventListener('pointermove', (event) => {
    if (!lab()) return;
    const rect = canvas.getBoundingClientRect();
    const px = (event.clientX - rect.left) * (canvas.width / rect.width);
    const [left, right] = plotArea();
    const t = (px - left) / (right - left);
    if (!(t >= 0 && t <= 1)) return;
    const [lo, hi] = range();
    move(lo + t * (hi - lo));
  });
  canvas.addEventListener('keydown', (event) => {
    if (!lab()) return;
    const [lo, hi] = range();
    const at = Number(lab().get('at'));
    const step = ((hi - lo) / KEY_STEPS_PER_AXIS) * (event.shiftKey ? 10 : 1);
    const next = { ArrowRight: at + step, ArrowLeft: at - step, Home: lo, End: hi }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    move(next);
  });
}
