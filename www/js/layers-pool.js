// The layers pass on a pool of module workers, one per core (at most 4), shared by the page and
// every widget: each worker runs the whole network on its share of the batch (a LayersShard),
// and this thread adds the shards up (LayersMerge) into a LayersSnapshot, a handle that draws and
// exports it. Two rounds: the shards' partials (the merge picks the histogram ranges from them),
// then their histogram counts over those ranges; a pass of one shard sends both in one reply.
// Passes run one at a time, in the order asked for; each reader keeps at most one waiting
// (layersChannel). A preview is a pass of one shard.

import { LayersMerge, phaseOrder } from '../pkg/activation_lab.js';
import { compiled, ready } from './wasm.js';

const MAX_WORKERS = 4;
const POOL_SIZE = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));

let workers = null;
let queue = Promise.resolve();
let nextCall = 0;
let nextPass = 0;

/**
 * The workers' script. A worker must be started from the page's own origin; a widget loaded
 * from another host starts it from a one-line module (a blob, which counts as the page's) that
 * imports the real script from that host, with CORS like the widget's other files.
 */
function workerScript() {
  const url = new URL('./layers-worker.js', import.meta.url);
  if (url.origin === location.origin) return url;
  return URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
}

/**
 * A worker with `call(message, transfer)`, which resolves with its reply to that message (each
 * carries an id, so a late reply never answers a newer call). A worker that fails to start, or
 * answers with an error (a trap may have left its module in a bad state), is retired: its calls
 * reject and the pool starts a fresh one for the next pass.
 */
function spawn(module) {
  const worker = new Worker(workerScript(), { type: 'module' });
  worker.postMessage({ type: 'module', module });
  const pending = new Map(); // call id → { resolve, reject }
  const entry = { broken: false, busy: 0 }; // busy: calls not yet answered
  const retire = (error) => {
    entry.broken = true;
    worker.terminate();
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (!p) return;
    if (data.error) {
      p.reject(Object.assign(new Error(data.error), { code: data.code, fields: data.fields, ko: data.ko }));
      retire(new Error('the layers worker was restarted after an error'));
    } else {
      p.resolve(data);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    retire(new Error(`the layers worker failed: ${event.message || 'it could not start'}`));
  };
  entry.call = (message, transfer = []) =>
    new Promise((resolve, reject) => {
      if (entry.broken) {
        reject(new Error('the layers worker was restarted'));
        return;
      }
      nextCall += 1;
      entry.busy += 1;
      const settled = (fn) => (value) => { entry.busy -= 1; fn(value); };
      pending.set(nextCall, { resolve: settled(resolve), reject: settled(reject) });
      worker.postMessage({ ...message, id: nextCall }, transfer);
    });
  return entry;
}

/** The workers, fresh ones in place of any retired; each gets the page's compiled module. */
async function pool() {
  const module = await compiled;
  workers = (workers ?? Array.from({ length: POOL_SIZE }, () => null)).map((w) => (!w || w.broken ? spawn(module) : w));
  return workers;
}

let warming = false;

/**
 * Starts the workers the next time the page is idle, for a page or widget that shows or offers a
 * view run on them: a new worker fetches its script, then the module's JS, before it can take a
 * pass (two round trips: a reader's first switch to the layers view on 4G took 0.49 s, most of it
 * waiting for them). Once per page; the pool then keeps them.
 */
export function warmPoolWhenIdle() {
  if (warming) return;
  warming = true;
  const whenIdle = globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 500));
  whenIdle(() => pool().catch(() => {}), { timeout: 5000 }); // a module that failed says so where it is used
}

/** Every call's reply once all have settled (so no worker is still busy with this pass), or the first error. */
async function all(calls) {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => s.value);
}

/** Runs `task` after every pass asked for before it. */
function enqueue(task) {
  const result = queue.then(task);
  queue = result.catch(() => {});
  return result;
}

/**
 * The pass of `query` split into `count` shards on `shards` (one worker each), merged on this
 * thread: { snapshot, ms, shards, mergeMs } (mergeMs: the share of ms spent on this thread).
 */
async function merged(query, shards, count) {
  nextPass += 1;
  const key = nextPass; // the workers keep this pass's shards under it between the two rounds
  const merge = new LayersMerge(query);
  let finished = false;
  try {
    const start = performance.now();
    let mergeMs = 0; // the part on this thread
    const onThisThread = (fn) => {
      const t = performance.now();
      const result = fn();
      mergeMs += performance.now() - t;
      return result;
    };
    const partials = await all(shards.map((w, index) => w.call({ type: 'run', query, index, count, pass: key })));
    const ranges = onThisThread(() => {
      for (const p of partials) merge.add(p.summary, p.samples, p.gradients);
      return merge.ranges();
    });
    // A lone shard (a preview's) sent its counts with its partial.
    const counts = count === 1 ? [] : await all(shards.map((w) => w.call({ type: 'counts', ranges, pass: key })));
    const snapshot = onThisThread(() => {
      if (count === 1) merge.addLoneCounts(partials[0].counts);
      for (const c of counts) merge.addCounts(c.counts);
      finished = true;
      return merge.finish(); // frees the merge
    });
    return { snapshot, ms: performance.now() - start, shards: count, mergeMs };
  } finally {
    if (!finished) merge.free();
  }
}

async function pass(query) {
  await ready;
  const count = LayersMerge.shards(query, POOL_SIZE);
  return merged(query, (await pool()).slice(0, count), count);
}

/**
 * One forward and backward pass with every layer's statistics: resolves { snapshot, ms, shards,
 * mergeMs } (snapshot: a LayersSnapshot), rejects with the core's sentence for a bad query.
 */
export function runLayers(query) {
  return enqueue(() => pass(query));
}

/**
 * A small whole pass (a preview) on the least busy worker, outside the queue, so it need not
 * wait for a pass already running there on the others.
 */
async function previewPass(query) {
  await ready;
  const worker = (await pool()).reduce((a, b) => (b.busy < a.busy ? b : a));
  return merged(query, [worker], 1);
}

/**
 * How long a previewed request waits, after its preview is drawn, before its whole pass takes the
 * workers: a slider dragged sends a newer request within a frame or two, which then gets its own
 * preview at once instead of waiting out a whole pass it would throw away.
 */
const PREVIEW_SETTLE_MS = 120;

/**
 * A requester for one reader of the pool (the page, or one widget). Only its newest request may
 * wait: a newer one drops the one still waiting, so thirty quick changes cost one or two passes
 * and never hold up another widget's. `request(query)` resolves with the pass's result, or with
 * null once a newer request (or `cancel`) made it stale; it rejects with the core's sentence.
 *
 * With `onPreview`, a pass big enough to keep a dragging reader waiting is first run on its
 * first few samples (LayersMerge.preview) as one small pass on the least busy worker, up to one
 * per worker at once (beyond that only the newest waits), and handed to `onPreview({ snapshot, ms,
 * shards, rows, batch })` unless a newer one was handed over first; the whole pass follows once
 * no newer request has come for PREVIEW_SETTLE_MS. So while a slider moves, the reader sees a
 * preview per step or two, and the whole pass once it stops.
 */
export function layersChannel() {
  let newest = 0;
  let waiting = null; // the whole pass not yet started: { drop }
  let previewsRunning = 0;
  let previewWaiting = null; // the newest preview waiting for a worker: { start, drop }
  let previewShown = 0; // the ticket of the newest preview handed over
  let cancels = 0; // `cancel` calls: the reader is gone, so nothing more is handed to it

  /** Runs `task` now if a worker has no preview of this reader's, else as the one waiting. */
  function limited(task) {
    return new Promise((resolve, reject) => {
      const start = () => {
        previewsRunning += 1;
        task().then(resolve, reject).finally(() => {
          previewsRunning -= 1;
          const next = previewWaiting;
          previewWaiting = null;
          next?.start();
        });
      };
      if (previewsRunning < POOL_SIZE) start();
      else {
        previewWaiting?.drop();
        previewWaiting = { start, drop: () => resolve(null) };
      }
    });
  }

  const channel = {
    request(query, { onPreview } = {}) {
      waiting?.drop();
      waiting = null;
      newest += 1;
      const ticket = newest;
      const cancelsAtStart = cancels;
      const stale = () => ticket !== newest;
      return new Promise((resolve, reject) => {
        // The whole pass, through the shared queue.
        // Dropping it (a newer request, or `cancel`) makes it stale, so its turn runs nothing.
        const whole = () => {
          const entry = { drop: () => resolve(null) };
          waiting = entry;
          return enqueue(() => {
            if (waiting === entry) waiting = null;
            return stale() ? null : pass(query);
          });
        };
        const previewed = async () => {
          await ready;
          const preview = LayersMerge.preview(query); // a bad query throws here, as its pass would
          if (!preview) return whole();
          const { query: first, rows, batch } = JSON.parse(preview);
          const result = await limited(() => (stale() ? Promise.resolve(null) : previewPass(first)));
          if (result && cancels === cancelsAtStart && ticket > previewShown) {
            previewShown = ticket;
            onPreview({ ...result, rows, batch });
          }
          await new Promise((done) => { setTimeout(done, PREVIEW_SETTLE_MS); });
          return stale() ? null : whole();
        };
        (onPreview ? previewed() : whole()).then(
          (result) => resolve(stale() ? null : result),
          (error) => (stale() ? resolve(null) : reject(error)),
        );
      });
    },
    /** Drops the waiting requests and makes running ones' results stale (the reader is gone). */
    cancel() {
      waiting?.drop();
      waiting = null;
      previewWaiting?.drop();
      previewWaiting = null;
      newest += 1;
      cancels += 1;
    },
  };
  return channel;
}

/**
 * For `make bench`: the network's passes alone (no statistics), on every shard at once.
 * Resolves { forward, both, shards } in ms, each the best of `repeats`, timed on this thread
 * from the first message out to the last reply in.
 */
export function timeLayers(query, repeats = 1) {
  return enqueue(async () => {
    await ready;
    const count = LayersMerge.shards(query, POOL_SIZE);
    const shards = (await pool()).slice(0, count);
    await all(shards.map((w, index) => w.call({ type: 'prepare', query, index, count })));
    const best = { forward: Infinity, both: Infinity, shards: count };
    for (let i = 0; i < repeats; i++) {
      for (const [key, backward] of [['forward', false], ['both', true]]) {
        const start = performance.now();
        await all(shards.map((w) => w.call({ type: 'time', backward })));
        best[key] = Math.min(best[key], performance.now() - start);
      }
    }
    await all(shards.map((w) => w.call({ type: 'release' })));
    return best;
  });
}

/** Workers in the pool (the most shards a pass is split into). */
export const poolSize = POOL_SIZE;

// ── The phase view's map ─────────────────────────────────────────────────────────────────────
// Its theory (the critical line) comes first from one worker; then the cells, coarse to fine,
// a few per message, on every worker at once. A newer `start` (another activation, another
// size) or `cancel` stops the rest: no further cells are sent, and replies still on their way
// are dropped.

const PHASE_CELLS_PER_MESSAGE = 6;

/**
 * A reader's phase map. `start(query, { onTheory(reply, ms), onCells(replies), onDone(ms),
 * onError })` computes it, each reply { json, words } (words for a PhaseMap); only the newest
 * start reports.
 */
export function phaseChannel() {
  let generation = 0;
  return {
    start(query, { onTheory, onCells, onDone, onError }) {
      generation += 1;
      const ticket = generation;
      const live = () => ticket === generation;
      (async () => {
        await ready;
        const start = performance.now();
        const workersNow = await pool();
        // The line on the first worker while the others start on the cells (cells that come
        // before the line wait for it, so the map's first picture always has its line).
        const order = Array.from(phaseOrder(query));
        let next = 0;
        let early = [];
        const measure = async (worker) => {
          while (live() && next < order.length) {
            const indices = order.slice(next, next + PHASE_CELLS_PER_MESSAGE);
            next += indices.length;
            const reply = await worker.call({ type: 'phase-cells', query, indices });
            if (!live()) return;
            if (early) early.push(reply);
            else onCells([reply]);
          }
        };
        const line = workersNow[0].call({ type: 'phase-theory', query }).then((theory) => {
          if (!live()) return;
          onTheory(theory, performance.now() - start);
          if (early.length) onCells(early);
          early = null;
        });
        await Promise.all([
          line.then(() => measure(workersNow[0])),
          ...workersNow.slice(1).map(measure),
        ]);
        if (live()) onDone(performance.now() - start);
      })().catch((error) => {
        if (!live()) return;
        generation += 1; // the other workers stop measuring this map
        onError(error);
      });
    },
    cancel() {
      generation += 1;
    },
  };
}
