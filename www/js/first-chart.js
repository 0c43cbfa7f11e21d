// The first chart (issue #13): a small module (www/pkg/first_chart_bg.wasm, about a third of the
// whole one on the wire) that draws only the curves view, from the same configuration parser and
// chart code. The page and a blog's widgets show it while the whole module, which its controls and every
// other view need, is still arriving; the whole module then draws the same chart over it. It
// never draws over a chart already drawn, and it says nothing of its own: where it cannot draw
// (another view, a bad link), the whole module draws and words it as always.

import init, { drawAttributesChart, drawLinkChart } from '../pkg/first_chart.js';
import { fitToDevice } from './canvas.js';

/** Resolves once the small module can draw; rejects if it could not load (the whole module draws). */
export const firstChartReady = init({ module_or_path: new URL('../pkg/first_chart_bg.wasm', import.meta.url) });

/**
 * Draws on `canvas` the curves `source` describes, a link's hash or a widget's attributes as
 * `{names, values}`, unless `drawnAlready()` says the whole module drew first. Marks the canvas
 * with `data-first-chart` (ms since the page began) when it drew; answers whether it did.
 */
export async function drawFirstChart(canvas, source, { lang, dark, drawnAlready }) {
  try {
    await firstChartReady;
  } catch {
    return false; // the whole module still draws the chart
  }
  const dpr = drawnAlready() ? 0 : fitToDevice(canvas);
  if (!dpr) return false;
  let drew;
  try {
    drew = typeof source === 'string'
      ? drawLinkChart(source, canvas, dpr, dark, lang)
      : drawAttributesChart(source.names, source.values, canvas, dpr, dark, lang);
  } catch {
    // A small module that does not match its loader (tools/serve.mjs lets a browser reuse it for
    // 30 s, a rebuild may come between): the whole module draws the chart.
    return false;
  }
  if (drew) canvas.dataset.firstChart = String(Math.round(performance.now()));
  return drew;
}
