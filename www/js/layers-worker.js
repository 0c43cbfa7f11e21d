// One worker of the layers pool (js/layers-pool.js): runs the network on its share of the batch
// off the main thread. Messages in, one reply each with the message's id ({id, error} when it
// fails):
//   {type: 'run', query, index, count} → {summary, samples, gradients} (arrays transferred)
//   {type: 'counts', ranges}           → {counts}, and the shard is dropped
//   {type: 'snapshot', query}           → {json} (a whole small pass: a preview; keeps no shard)
//   {type: 'prepare', query, index, count}, {type: 'time', backward}, {type: 'release'} → {}
//     (make bench: the passes alone)
//   {type: 'phase-theory', query}       → {json} (the phase map's line, no cell yet)
//   {type: 'phase-cells', query, indices} → {json} (those cells, each with its theory)
// The first message, {type: 'module', module}, is the page's compiled WebAssembly.Module (no
// reply): the worker instantiates it rather than downloading and compiling its own copy.

import init, { LayersShard, NetworkShard, layersSnapshot, phaseCells, phaseTheory } from '../pkg/activation_lab.js';

let ready = null;

let shard = null;
let timed = null;

function handle(data) {
  switch (data.type) {
    case 'run': {
      shard?.free();
      shard = null;
      shard = new LayersShard(data.query, data.index, data.count);
      const samples = shard.takeSamples();
      const gradients = shard.takeGradients();
      return [{ summary: shard.summary(), samples, gradients }, [samples.buffer, gradients.buffer]];
    }
    case 'counts': {
      if (!shard) throw new Error('no shard has run in this worker');
      const counts = shard.counts(data.ranges);
      shard.free();
      shard = null;
      return [{ counts }];
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
    case 'snapshot':
      return [{ json: layersSnapshot(data.query) }];
    case 'phase-theory':
      return [{ json: phaseTheory(data.query) }];
    case 'phase-cells':
      return [{ json: phaseCells(data.query, Uint32Array.from(data.indices)) }];
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
