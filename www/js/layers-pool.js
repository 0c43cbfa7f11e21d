// The layers pass on a pool of module workers, one per core (at most 4), shared by the page and
// every widget: each worker runs the whole network on its share of the batch (a LayersShard),
// and this thread adds the shards up (LayersMerge) into the snapshot drawLayers takes. Two
// rounds: the shards' partials (the merge picks the histogram ranges from them), then their
// histogram counts over those ranges. Passes run one at a time, in the order asked for.

import { LayersMerge } from '../pkg/activation_lab.js';
import { ready } from './wasm.js';

const MAX_WORKERS = 4;
const POOL_SIZE = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));

let workers = null;
let queue = Promise.resolve();

/** A worker with a `call(message, transfer)` that resolves with its reply. */
function spawn() {
  const worker = new Worker(new URL('./layers-worker.js', import.meta.url), { type: 'module' });
  let waiting = null;
  const settle = (fn, value) => {
    const w = waiting;
    waiting = null;
    w?.[fn](value);
  };
  worker.onmessage = (event) => {
    if (event.data.error) settle('reject', new Error(event.data.error));
    else settle('resolve', event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle('reject', new Error(`the layers worker failed: ${event.message || 'it could not start'}`));
  };
  return {
    call(message, transfer = []) {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage(message, transfer);
      });
    },
  };
}

function pool() {
  workers ??= Array.from({ length: POOL_SIZE }, spawn);
  return workers;
}

/** Runs `task` after every pass asked for before it. */
function enqueue(task) {
  const result = queue.then(task);
  queue = result.catch(() => {});
  return result;
}

async function pass(query) {
  await ready;
  const count = LayersMerge.shards(query, POOL_SIZE);
  const shards = pool().slice(0, count);
  const merge = new LayersMerge(query);
  let merged = false;
  try {
    const start = performance.now();
    let mergeMs = 0; // the part on this thread
    const onThisThread = (fn) => {
      const t = performance.now();
      const result = fn();
      mergeMs += performance.now() - t;
      return result;
    };
    const partials = await Promise.all(shards.map((w, index) => w.call({ type: 'run', query, index, count })));
    const ranges = onThisThread(() => {
      for (const p of partials) merge.add(p.summary, p.samples, p.gradients);
      return merge.ranges();
    });
    const counts = await Promise.all(shards.map((w) => w.call({ type: 'counts', ranges })));
    const json = onThisThread(() => {
      for (const c of counts) merge.addCounts(c.counts);
      merged = true;
      return merge.finish(); // frees the merge
    });
    return { json, ms: performance.now() - start, shards: count, mergeMs };
  } finally {
    if (!merged) merge.free();
  }
}

/**
 * One forward and backward pass with every layer's statistics: resolves { json, ms, shards,
 * mergeMs } (mergeMs: the share of ms spent on this thread), rejects with the core's sentence
 * for a bad query.
 */
export function runLayers(query) {
  return enqueue(() => pass(query));
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
    const shards = pool().slice(0, count);
    await Promise.all(shards.map((w, index) => w.call({ type: 'prepare', query, index, count })));
    const best = { forward: Infinity, both: Infinity, shards: count };
    for (let i = 0; i < repeats; i++) {
      for (const [key, backward] of [['forward', false], ['both', true]]) {
        const start = performance.now();
        await Promise.all(shards.map((w) => w.call({ type: 'time', backward })));
        best[key] = Math.min(best[key], performance.now() - start);
      }
    }
    await Promise.all(shards.map((w) => w.call({ type: 'release' })));
    return best;
  });
}

/** Workers in the pool (the most shards a pass is split into). */
export const poolSize = POOL_SIZE;
