// The speed reference of issue #4: training examples per second of a per-node JavaScript
// network in the style of TensorFlow Playground (playground-nn.mjs, our own independent
// re-implementation of that design; no Playground code), trained one example at a time.
//
// Setup, modelled on Playground's defaults: inputs x and y; hidden layers 4,2 (and, second row,
// 8,8,8,8,8,8); tanh hidden and output; square loss; learning rate 0.03; batch size 10; no
// regularization; our two-arm spiral with 500 points, noise 0, 50 % train. Order: seed the PRNG,
// make the data, shuffle, split, then build the network (weights from the same PRNG stream).
//
// One epoch = forwardProp + backProp for each training example in order, updateWeights after
// every batchSize examples. No loss evaluation or drawing between epochs, so these numbers are
// an upper bound on what such a page would train.
//
// Timing: warm-up (0.5 s by default) whose measured throughput sets the number of epochs per
// run so that the runs together take about `seconds`; then `runs` runs of that fixed number of
// epochs, each timed with performance.now(). Training carries on from run to run. Loss (mean of
// ½(out − label)²) is taken before training and after the last run, outside the timed region.
//
// measurePlayground() only needs performance.now(), so it runs in a browser page as well as
// under node. A benchmark, not a test: it asserts nothing; the machine is shared and noisy.
//
// Usage: node playground-bench.mjs [out.json] [--seconds=S] [--runs=N]

import {
  mulberry32,
  makeSpiral,
  shuffleInPlace,
  createNetwork,
  forwardProp,
  trainEpoch,
  meanLoss,
} from './playground-nn.mjs';

export const DEFAULTS = Object.freeze({
  hidden: [4, 2],
  seconds: 3, // total of the timed runs (warm-up not included)
  runs: 7,
  warmupSeconds: 0.5,
  epochs: null, // epochs per run; null = calibrated from the warm-up
  seed: 1,
  numSamples: 500,
  noise: 0, // percent, as Playground's slider
  percTrainData: 50,
  learningRate: 0.03,
  batchSize: 10,
});

/** Share of points whose output has the label's sign. */
function accuracy(network, points) {
  let right = 0;
  for (const p of points) if ((forwardProp(network, [p.x, p.y]) >= 0 ? 1 : -1) === p.label) right++;
  return right / points.length;
}

/** Seeded data, split and network for the options (deterministic for a seed). */
export function setupPlayground(options = {}) {
  const state = { ...DEFAULTS, ...options };
  const rng = mulberry32(state.seed);
  const data = shuffleInPlace(makeSpiral(state.numSamples, state.noise / 100, rng), rng);
  const split = Math.floor((data.length * state.percTrainData) / 100);
  const trainData = data.slice(0, split);
  const testData = data.slice(split);
  const shape = [2, ...state.hidden, 1];
  const network = createNetwork(shape, rng);
  return { state, shape, network, trainData, testData };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times the per-node training loop. Options: see DEFAULTS (hidden, seconds, runs, …).
 * Returns { examplesPerSecond (median of the runs), min, max, runs: [examples/s …], … }.
 */
export function measurePlayground(options = {}) {
  const { state, shape, network, trainData, testData } = setupPlayground(options);
  const now = () => performance.now();
  const lossBefore = meanLoss(network, trainData);
  const testLossBefore = meanLoss(network, testData);
  const epoch = () => trainEpoch(network, trainData, state.learningRate, state.batchSize);

  // Warm-up: whole epochs until warmupSeconds have passed (at least one).
  let warmEpochs = 0;
  const w0 = now();
  let w1 = w0;
  do {
    epoch();
    warmEpochs++;
    w1 = now();
  } while (w1 - w0 < state.warmupSeconds * 1000);
  const warmRate = (warmEpochs * trainData.length) / ((w1 - w0) / 1000);

  const epochs =
    state.epochs ?? Math.max(1, Math.round((warmRate * (state.seconds / state.runs)) / trainData.length));
  const examplesPerRun = epochs * trainData.length;
  const runs = [];
  for (let r = 0; r < state.runs; r++) {
    const t0 = now();
    for (let e = 0; e < epochs; e++) epoch();
    const t1 = now();
    runs.push(examplesPerRun / ((t1 - t0) / 1000));
  }

  const weights = shape.slice(1).reduce((sum, n, i) => sum + n * shape[i], 0);
  const biases = shape.slice(1).reduce((sum, n) => sum + n, 0);
  return {
    network: shape.join('-'),
    hidden: [...state.hidden],
    parameters: weights + biases,
    examplesPerSecond: median(runs),
    min: Math.min(...runs),
    max: Math.max(...runs),
    runs,
    epochsPerRun: epochs,
    examplesPerRun,
    warmupEpochs: warmEpochs,
    totalEpochs: warmEpochs + epochs * state.runs,
    trainSize: trainData.length,
    testSize: testData.length,
    lossBefore,
    lossAfter: meanLoss(network, trainData),
    testLossBefore,
    testLossAfter: meanLoss(network, testData),
    trainAccuracyAfter: accuracy(network, trainData),
    settings: {
      dataset: 'spiral',
      numSamples: state.numSamples,
      noise: state.noise,
      percTrainData: state.percTrainData,
      learningRate: state.learningRate,
      batchSize: state.batchSize,
      activation: 'tanh',
      outputActivation: 'tanh',
      loss: 'square',
      regularization: 'none',
      seed: state.seed,
      seconds: state.seconds,
      warmupSeconds: state.warmupSeconds,
    },
  };
}

/** The two networks of the issue. */
export const NETWORKS = [
  { name: 'Playground default', hidden: [4, 2] },
  { name: 'deep', hidden: [8, 8, 8, 8, 8, 8] },
];

// ------------------------------------------------------------------------------ main (node)

const isMain =
  typeof process !== 'undefined' &&
  process.argv?.[1] &&
  import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href;

if (isMain) {
  const args = process.argv.slice(2);
  const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const outPath = args.find((a) => !a.startsWith('--'));
  const seconds = flag('seconds') ? Number(flag('seconds')) : DEFAULTS.seconds;
  const runs = flag('runs') ? Number(flag('runs')) : DEFAULTS.runs;

  const results = NETWORKS.map(({ name, hidden }) => ({ name, ...measurePlayground({ hidden, seconds, runs }) }));

  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  console.log(
    `\nPer-node JS network in TensorFlow Playground's style (own re-implementation), training examples/s under node ${process.version}` +
      ` (spiral 500, 250 train, tanh, square loss, lr 0.03, batch 10; median of ${runs} runs)\n`,
  );
  console.log('| network | examples/s (median) | min | max | epochs/run | train loss before → after | test loss after | train acc after |');
  console.log('|---|---:|---:|---:|---:|---|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.network} (${r.name}) | ${fmt(r.examplesPerSecond)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.epochsPerRun} |` +
        ` ${r.lossBefore.toFixed(4)} → ${r.lossAfter.toFixed(4)} (${r.totalEpochs} epochs) | ${r.testLossAfter.toFixed(4)} |` +
        ` ${(100 * r.trainAccuracyAfter).toFixed(1)} % |`,
    );
  }

  if (outPath) {
    const { writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const out = {
      node: process.version,
      v8: process.versions.v8,
      cpu: os.cpus()[0]?.model,
      date: new Date().toISOString(),
      results,
    };
    await writeFile(outPath, JSON.stringify(out, null, 2) + '\n');
    console.log(`\nwrote ${outPath}`);
  }
}
