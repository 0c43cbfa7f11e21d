// One worker of the layers pool (js/layers-pool.js): runs the network on its share of the batch
// off the main thread. Messages in, one reply each with the message's id ({id, error} when it
// fails); summaries, ranges, counts and the phase map's words are BigUint64Arrays:
//   {type: 'run', query, index, count, pass} → {summary, samples, gradients} (arrays transferred);
//     the shard is kept under its pass's number (a preview's pass may come between a whole
//     pass's two messages); a lone shard (count 1) also sends {counts} (its ranges and counts)
//     and is not kept
//   {type: 'counts', ranges, pass}     → {counts}, and the shard is dropped
//   {type: 'prepare', query, index, count}, {type: 'time', backward}, {type: 'release'} → {}
//     (make bench: the passes alone)
//   {type: 'phase-theory', query}       → {json, words} (the phase map's line, no cell yet)
//   {type: 'phase-cells', query, indices} → {json, words} (those cells, each with its theory)
// The first message, {type: 'module', module}, is the page's compiled WebAssembly.Module (no
// reply): the worker instantiates it rather than downloading and compiling its own copy.

import init, { LayersShard, NetworkShard, phaseCells, phaseTheory } from '../pkg/activation_lab.js';

let ready = null;

// The shards waiting for their counts, by pass; a pass that failed elsewhere never asks for its
// counts, so only the newest few are kept.
const shards = new Map();
const KEPT_SHARDS = 4;
let timed = null;

/** A reply of the phase map as JSON for the page's script and words for its module. */
function phaseReply(reply) {
  const words = reply.takeWords();
  const json = reply.json();
  reply.free();
  return [{ json, words }, [words.buffer]];
}

function handle(data) {
  switch (data.type) {
    case 'run': {
      shards.get(data.pass)?.free();
      shards.delete(data.pass);
      const shard = new LayersShard(data.query, data.index, data.count);
      // A lone shard (a preview) counts over its own ranges now, before its samples (which the
      // ranges come from) are taken: nothing is kept for later.
      const counts = data.count === 1 ? shard.loneCounts() : null;
      const samples = shard.takeSamples();
      const gradients = shard.takeGradients();
      const summary = shard.summary();
      const transfer = [summary.buffer, samples.buffer, gradients.buffer];
      if (counts) {
        shard.free();
        return [{ summary, samples, gradients, counts }, [...transfer, counts.buffer]];
      }
      shards.set(data.pass, shard);
      for (const [pass, old] of shards) {
        if (shards.size <= KEPT_SHARDS) break;
        old.free();
        shards.delete(pass);
      }
      return [{ summary, samples, gradients }, transfer];
    }
    case 'counts': {
      const shard = shards.get(data.pass);
      if (!shard) throw new Error(`no shard of pass ${data.pass} is in this worker`);
      shards.delete(data.pass);
      const counts = shard.counts(data.ranges);
      shard.free();
      return [{ counts }, [counts.buffer]];
    }
    case 'prepare':
      timed?.free();
      timed = null;
      timed = new NetworkShard(data.query, data.index, data.count);
      return [{}];
    case 'time':
      if (!timed) throw new Error('no network is prepared in this worker');
      timed.run(data.backward);
      return [{}];
    case 'release':
      timed?.free();
      timed = null;
      return [{}];
    case 'phase-theory':
      return phaseReply(phaseTheory(data.query));
    case 'phase-cells':
      return phaseReply(phaseCells(data.query, Uint32Array.from(data.indices)));
    default:
      throw new Error(`unknown message ${data.type}`);
  }
}

self.onmessage = async (event) => {
  if (event.data.type === 'module') {
    ready = init({ module_or_path: event.data.module });
    return;
  }
  const { id } = event.data;
  try {
    if (!ready) throw new Error('the layers worker was not given the module');
    await ready;
    const [reply, transfer = []] = handle(event.data);
    self.postMessage({ ...reply, id }, transfer);
  } catch (err) {
    // The core's code and fields cross too, so the page can say the error in its language.
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err), code: err?.code, fields: err?.fields, ko: err?.ko });
  }
};
