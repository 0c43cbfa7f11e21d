// A chart's text alternative: its numbers (the CSV export) as a table, for a reader who cannot see
// the chart or wants the values. Used by the widget's "Data table" disclosure.

import { fmt } from './format.js';

const TABLE_POINTS_PER_CURVE = 11;
// The columns shown per view (CSV column names); other views show every column.
const TABLE_COLUMNS = { layers: ['layer', 'mean', 'std', 'frac_saturated', 'frac_zero', 'dead_units', 'grad_weight_norm'] };
const COLUMN_STRINGS = {
  activation: 'col.activation', x: 'col.x', y: 'col.f', dy: 'col.df', layer: 'col.layer', mean: 'col.mean', std: 'col.std',
  frac_saturated: 'col.saturated', frac_zero: 'col.zero', dead_units: 'col.deadUnits', grad_weight_norm: 'col.gradNorm', class: 'col.class', z: 'col.z',
  p: 'col.p', gradient: 'col.gradient',
};

/** About TABLE_POINTS_PER_CURVE evenly spaced rows of each curve (rows grouped by their first column). */
function subsample(rows) {
  const groups = new Map();
  for (const row of rows) {
    if (!groups.has(row[0])) groups.set(row[0], []);
    groups.get(row[0]).push(row);
  }
  return [...groups.values()].flatMap((group) => {
    const n = Math.min(TABLE_POINTS_PER_CURVE, group.length);
    const picks = Array.from({ length: n }, (_, i) => Math.round((i * (group.length - 1)) / Math.max(1, n - 1)));
    return [...new Set(picks)].map((i) => group[i]);
  });
}

/** The table for `csv` of `view` (empty when there are no numbers), with words from `text(key)`. */
export function dataTable(csv, view, text) {
  const [header = '', ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  if (names.length < 2) return null;
  const keep = (TABLE_COLUMNS[view] ?? names).filter((n) => names.includes(n)).map((n) => names.indexOf(n));
  let rows = lines.filter(Boolean).map((line) => line.split(','));
  if (view === 'curves') rows = subsample(rows);
  const table = document.createElement('table');
  table.createCaption().textContent = text('widget.dataCaption');
  const head = table.createTHead().insertRow();
  for (const i of keep) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = COLUMN_STRINGS[names[i]] ? text(COLUMN_STRINGS[names[i]]) : names[i];
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const i of keep) {
      const number = Number(row[i]);
      tr.insertCell().textContent = row[i] === '' || Number.isNaN(number) ? row[i] : fmt(number, 4);
    }
  }
  return table;
}
