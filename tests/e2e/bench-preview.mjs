// `make bench`, the layers view's preview (#13): while the width slider is dragged at the
// cs231n size (10 tanh layers of 500 units, a batch of 1000), how long from each input until the
// chart shows that setting or a newer one (a preview on the first few samples, or the whole
// pass; the canvas's data-query says which setting a picture shows), median and 95th
// percentile, beside the 50 ms target; and how long after the last input the whole pass
// replaces the preview. Inputs come every 16 ms (as a pointer drag sends them) or as soon after
// as the page's thread lets them.
// A benchmark, not a test: it asserts nothing, the machine is shared and noisy.
//
// Usage: node bench-preview.mjs

import { startServer, launchBrowser, openPage } from './harness.mjs';

const TARGET_MS = 50;
const INPUTS = 40; // widths 460, 461, …: each input a new setting
const RUNS = 3;

const server = await startServer();
const browser = await launchBrowser();
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
try {
  console.log(`\nLayers view, width slider dragged at the cs231n size (${INPUTS} inputs, 16 ms apart), Chromium ${browser.version()}\n`);
  console.log('| run | input → picture median ms | p95 ms | target ms | previews drawn | whole passes drawn while dragging | last input → whole pass ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (let run = 1; run <= RUNS; run++) {
    const { page, close } = await openPage(browser, `${server.url}index.html#view=layers&activation=tanh&depth=10&width=500&batch=1000`);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms, null, { timeout: 120_000 });
      const r = await page.evaluate(async (inputs) => {
        const range = document.querySelector('#layers-controls [data-key="width"] input[type="range"]');
        const canvas = document.getElementById('layers-canvas');
        const draws = [];
        const widthOf = (query) => Number(new URLSearchParams(query).get('width') ?? 500);
        new MutationObserver(() => draws.push({ t: performance.now(), preview: canvas.dataset.preview === 'true', width: widthOf(canvas.dataset.query) }))
          .observe(canvas, { attributes: true, attributeFilter: ['data-drawn'] });
        const times = [];
        for (let i = 0; i < inputs; i++) {
          range.value = String(460 + i);
          times.push(performance.now());
          range.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((resolve) => setTimeout(resolve, 16));
        }
        const last = times.at(-1);
        await new Promise((resolve) => {
          const check = () => (draws.some((d) => d.t > last && !d.preview) ? resolve() : setTimeout(check, 20));
          check();
        });
        // Until a picture of this setting or a later one: an older setting's picture, drawn
        // after the input, does not count.
        const latencies = times.map((t, i) => (draws.find((d) => d.t >= t && d.width >= 460 + i)?.t ?? Infinity) - t);
        return {
          latencies,
          previews: draws.filter((d) => d.preview).length,
          whileDragging: draws.filter((d) => !d.preview && d.t <= last).length,
          whole: draws.find((d) => d.t > last && !d.preview).t - last,
        };
      }, INPUTS);
      const sorted = [...r.latencies].sort((a, b) => a - b);
      console.log(`| ${run} | ${quantile(sorted, 0.5).toFixed(1)} | ${quantile(sorted, 0.95).toFixed(1)} | ${TARGET_MS} | ${r.previews} | ${r.whileDragging} | ${r.whole.toFixed(0)} |`);
    } finally {
      await close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
