// The phase view's controller, shared by the page and every widget: the map of the newest query
// from the worker pool (the theory line first, then the measured cells coarse to fine; a new
// map cancels the rest), and where a pointer or the keyboard is on it. The map is kept twice:
// parsed, for the readouts and hit tests here, and as a PhaseMap in the module, which draws and
// exports it.

import { PhaseMap, phaseMapKey } from '../pkg/activation_lab.js';
import { phaseChannel } from './layers-pool.js';

/**
 * What decides the measured map of `query`, asked of the core: a change of any other key (the
 * layers view's init or width, the current point's gain) moves only the "current" mark, so the
 * measured cells are kept. A query the core refuses is its own key (its map will say why).
 */
function mapQuery(query) {
  try {
    return phaseMapKey(query);
  } catch {
    return query;
  }
}

/**
 * The map of the newest query: `want(query)` starts it unless it is the one shown, and reports
 * through `onChange(map)` (the parsed map, cells put in as they come), `onDone(ms)` and
 * `onError(error)`.
 */
export function createPhaseController({ onChange, onDone, onError }) {
  const channel = phaseChannel();
  let map = null;
  let given = null; // the PhaseMap
  let key = null;
  let measured = 0;
  return {
    want(query) {
      const k = mapQuery(query);
      if (k === key) return;
      key = k;
      map = null;
      given?.free();
      given = null;
      measured = 0;
      channel.start(query, {
        onTheory({ json, words }) {
          map = JSON.parse(json);
          given = new PhaseMap(words);
          onChange(map);
        },
        onCells(replies) {
          for (const { json, words } of replies) {
            const list = JSON.parse(json);
            for (const m of list) {
              map.theory[m.index] = m.theory;
              map.measured[m.index] = m.cell;
            }
            given.addCells(words);
            measured += list.length;
          }
          onChange(map);
        },
        onDone(ms) {
          onDone(ms, map);
        },
        onError(error) {
          key = null;
          onError(error);
        },
      });
    },
    map: () => map,
    measured: () => measured,
    /**
     * The map's PhaseMap (null before its theory is in): it draws and exports with its current
     * mark at the lab's setting (the layers view's), while the measured cells are kept.
     */
    given: () => given,
    cancel() {
      channel.cancel();
      key = null;
    },
  };
}

/** The cell (row, column) at CSS point (x, y) of a canvas drawn with plot area `area` (device px). */
export function cellAt(map, area, dpr, x, y) {
  if (!map || area.length !== 4) return null;
  const [left, right, top, bottom] = area.map((v) => v / dpr);
  if (x < left || x > right || y < top || y > bottom) return null;
  const n = map.cells;
  const column = Math.min(n - 1, Math.floor(((x - left) / (right - left)) * n));
  const row = Math.min(n - 1, Math.floor(((bottom - y) / (bottom - top)) * n));
  return { row, column };
}

/** σ_w and σ_b at the centre of cell (row, column). */
export function cellPoint(map, { row, column }) {
  const n = map.cells;
  const [g0, g1] = map.gain_range;
  const [b0, b1] = map.bias_std_range;
  return { gain: g0 + ((column + 0.5) * (g1 - g0)) / n, bias: b0 + ((row + 0.5) * (b1 - b0)) / n };
}

