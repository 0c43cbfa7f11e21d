// The first chart of a blog's curves widgets (issue #13), drawn by the small first-chart module
// while the whole module, which defines the element, is still arriving. widget.js picks the
// widgets (not yet defined, near the viewport, curves, no settings only the whole module reads)
// and loads this module only when there is one. Each gets a shadow root holding the widget's own
// style and a canvas where the element's will be, so nothing moves when the element takes the
// root over (activation-lab.js keeps the drawn canvas). Where the small module cannot draw (a
// bad attribute, a failed load), the root shows the element's children again, and the whole
// module draws and words it as always.

import { drawFirstChart, firstChartReady } from './first-chart.js';
import { STYLE } from './widget-style.js';
import { DEFAULT_HEIGHT_PX, configAttributes, heightPx } from './widget-defaults.js';
import { widgetLanguage } from './language.js';

const darkScheme = matchMedia('(prefers-color-scheme: dark)');

/** Draws the first chart of each of `widgets` the element has not reached yet. */
export async function drawWidgetFirstCharts(widgets) {
  try {
    await firstChartReady;
  } catch {
    return; // the whole module draws every widget
  }
  for (const widget of widgets) {
    if (widget.shadowRoot) continue; // the element was defined first
    const root = widget.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><div class="panel"><canvas part="canvas"></canvas></div>`;
    const canvas = root.querySelector('canvas');
    canvas.style.height = `${heightPx(widget.getAttribute('height')) ?? DEFAULT_HEIGHT_PX}px`;
    const drew = await drawFirstChart(canvas, configAttributes(widget), {
      lang: widgetLanguage(widget),
      dark: darkScheme.matches,
      drawnAlready: () => !canvas.isConnected,
    });
    if (!drew && canvas.isConnected) root.innerHTML = '<slot></slot>';
  }
}
