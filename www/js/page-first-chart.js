// The page's first chart: the curves the URL hash describes, drawn by the small first-chart module
// while main.js and the whole module arrive (see first-chart.js). index.html loads it as its own
// async entry, so it waits only for its few modules, not for main.js's whole graph.

import { drawFirstChart } from './first-chart.js';
import { pageLanguage } from './language.js';

const canvas = document.getElementById('curves-canvas');
drawFirstChart(canvas, location.hash, {
  lang: pageLanguage(),
  dark: matchMedia('(prefers-color-scheme: dark)').matches,
  drawnAlready: () => Number(canvas.dataset.drawn || 0) > 0,
});
