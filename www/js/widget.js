// The one tag a blog needs for <activation-lab> widgets:
//
//   <script type="module" src="https://…/js/widget.js"></script>
//
// It defines the same element as activation-lab.js (which also still works as the tag's src), but
// loads faster on a phone. It imports nothing, so it runs as soon as it arrives, and then asks for
// everything at once instead of one level of imports per round trip:
// - the first chart: when a curves widget the small first-chart module can draw is near the
//   viewport, that module and its few scripts first, and this file draws it (in a shadow root
//   holding the widget's own style and a canvas where the element's will be, so nothing moves
//   when the element takes the root over: activation-lab.js keeps the drawn canvas; where the
//   small module cannot draw, a bad attribute or a failed load, the root shows the widget's
//   children again and the whole module draws and words it as always). The first chart's
//   files are six, HTTP/1.1's connections to a host: with one more, two of them waited a round
//   trip (the embed example's first chart on 4G, make bench: about 800 ms);
// - the whole wasm module (wasm-fetch.js imports nothing and starts its download), once the
//   first-chart module has arrived if there is a first chart to draw;
// - once that download has started, every module of the element, as modulepreload links; then
//   one import() evaluates the element.
//   (One import of the element, not one per module: WebKit never finishes parallel import()
//   calls into a graph holding top-level await, as domain.js does.)
// module-graph.spec.mjs checks both lists against the imports.

const MODULES = [
  './activation-lab.js',
  './canvas.js',
  './controls.js',
  './crosshair.js',
  './data-table.js',
  './domain.js',
  './error-strings.js',
  './format.js',
  './language.js',
  './layers-controller.js',
  './layers-pool.js',
  './phase-controller.js',
  './race-loop.js',
  './strings.js',
  './tabs.js',
  './wasm.js',
  './widget-attributes.js',
  './widget-race.js',
  './widget-shell.js',
  '../pkg/activation_lab.js',
];

// What drawing a first chart imports, in parallel (by name, so tools/module-graph.mjs reads it).
const firstChartImports = () => Promise.all([import('./first-chart.js'), import('./widget-shell.js'), import('./language.js')]);
// Every module those need: the files requested first.
const FIRST_CHART_MODULES = [
  './canvas.js',
  './first-chart.js',
  './language.js',
  './widget-shell.js',
  '../pkg/first_chart.js',
];

export { FIRST_CHART_MODULES, MODULES };

// The element starts a widget's work within 200 px of the viewport (NEAR_VIEWPORT_MARGIN in
// activation-lab.js); the first chart is drawn for the same widgets.
const NEAR_PX = 200;

/** Curves widgets near the viewport with no preset, controls or tabs (which only the element reads). */
const firstChartWidgets = () => (customElements.get('activation-lab') ? [] : [...document.querySelectorAll('activation-lab')]
  .filter((widget) => (widget.getAttribute('view') ?? 'curves') === 'curves'
    && !['preset', 'controls', 'views'].some((name) => widget.hasAttribute(name)))
  .filter((widget) => {
    const box = widget.getBoundingClientRect();
    return box.top < innerHeight + NEAR_PX && box.bottom > -NEAR_PX;
  }));

/** Draws the first chart of each of `widgets` the element has not reached yet, with the
 * first-chart modules' exports (firstChartImports). */
async function drawFirstCharts(widgets, { drawFirstChart, firstChartReady }, shell, { widgetLanguage }) {
  await firstChartReady; // a failed load: the whole module draws every widget
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  for (const widget of widgets) {
    if (widget.shadowRoot) continue; // the element was defined first
    const root = widget.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${shell.STYLE}</style><div class="panel"><canvas part="canvas"></canvas></div>`;
    const canvas = root.querySelector('canvas');
    canvas.style.height = `${shell.heightPx(widget.getAttribute('height')) ?? shell.DEFAULT_HEIGHT_PX}px`;
    const drew = await drawFirstChart(canvas, shell.configAttributes(widget), {
      lang: widgetLanguage(widget),
      dark,
      drawnAlready: () => !canvas.isConnected,
    });
    if (!drew && canvas.isConnected) root.innerHTML = '<slot></slot>';
  }
}

const here = (module) => new URL(module, import.meta.url).href;
function request(rel, href, extra = {}) {
  document.head.append(Object.assign(document.createElement('link'), { rel, href, ...extra }));
}

// On a phone every file shares one slow link. When a first chart is to be drawn, the first-chart
// module (under a third of the whole one's bytes) comes first and alone, and the whole module is
// asked for once it has arrived, not beside it (Fast 3G in make bench: the first widget's chart
// came at 2.65 s with the two side by side). The element's many modules are asked for only once
// the whole module's download has started, so over HTTP/1.1's six connections it does not queue
// behind them (nor behind an iframe's copies of them, on a post that also embeds embed.html).
const early = firstChartWidgets();
let firstChartArrived = Promise.resolve();
if (early.length) {
  const wasmArrived = new Promise((resolve) => {
    request('preload', here('../pkg/first_chart_bg.wasm'), {
      as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'high', onload: resolve, onerror: resolve,
    });
  });
  // The module's glue first: the six connections take the wasm and the first five scripts asked for.
  const gluesFirst = [...FIRST_CHART_MODULES].sort((a, b) => b.startsWith('../pkg/') - a.startsWith('../pkg/'));
  for (const module of [...gluesFirst, './wasm-fetch.js']) request('modulepreload', here(module));
  const drawn = firstChartImports()
    .then(([firstChart, shell, language]) => drawFirstCharts(early, firstChart, shell, language))
    .catch(() => {
      // the whole module draws every widget
    });
  // A browser that ignores preload links still ends the wait when the chart is drawn (or fails).
  firstChartArrived = Promise.race([wasmArrived, drawn]);
}
await firstChartArrived;
await import('./wasm-fetch.js');
for (const module of MODULES) request('modulepreload', here(module));
await import('./activation-lab.js');
