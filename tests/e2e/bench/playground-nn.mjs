// A per-node JavaScript neural network, written for Activation Lab as a speed reference only.
//
// It is an independent re-implementation of the *design* of TensorFlow Playground's network
// (github.com/tensorflow/playground), from its public description: every neuron is a JS object
// and every connection is a JS object, a network is an array of layers of neuron objects, and
// training goes one example at a time (forward pass, backward pass accumulating derivatives) with
// a weight update every batch. No code was copied from Playground; names of the per-object fields
// follow its public description so the cost profile (property loads through object graphs) is
// the same kind. The spiral data set and the PRNG are our own.
//
// Model: fully connected, tanh on every non-input neuron (hidden and output), square error
// ½(o − t)² with labels ±1, plain SGD with mean-over-batch derivatives.

// ------------------------------------------------------------------------------------ PRNG

/** mulberry32: a small 32-bit seeded generator; returns a function giving floats in [0, 1). */
export function mulberry32(seed) {
  let s = seed >>> 0;
  return function next() {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate from two uniforms (Box–Muller). */
function gaussian(rng) {
  const u = 1 - rng(); // (0, 1]: log stays finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates, in place, driven by rng. */
export function shuffleInPlace(items, rng) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

// ------------------------------------------------------------------------------------ data

/**
 * Two interleaved spiral arms, `count` points in all (half per arm), labels +1 and −1.
 * Arm k (0 or 1) is the curve s ↦ (ρ(s) cos φ(s), ρ(s) sin φ(s)) for s in [0, 1), with
 *   ρ(s) = SPIRAL_MAX_RADIUS · s,    φ(s) = SPIRAL_TURNS · 2π · s + k · π,
 * sampled at evenly spaced s, so both arms start at the origin and wind outwards
 * SPIRAL_TURNS times, the second arm being the first turned by half a turn. `noise` (≥ 0)
 * adds Gaussian jitter of standard deviation noise · SPIRAL_MAX_RADIUS / 10 to each coordinate.
 * Points lie within a radius of SPIRAL_MAX_RADIUS (plus jitter): inside [−6, 6]².
 */
export const SPIRAL_MAX_RADIUS = 5.5;
export const SPIRAL_TURNS = 1.6;

export function makeSpiral(count, noise, rng) {
  const perArm = Math.floor(count / 2);
  const points = [];
  for (let arm = 0; arm < 2; arm++) {
    const label = arm === 0 ? 1 : -1;
    const n = arm === 0 ? perArm : count - perArm;
    for (let i = 0; i < n; i++) {
      const s = i / n;
      const rho = SPIRAL_MAX_RADIUS * s;
      const phi = SPIRAL_TURNS * 2 * Math.PI * s + arm * Math.PI;
      let x = rho * Math.cos(phi);
      let y = rho * Math.sin(phi);
      if (noise > 0) {
        const sd = (noise * SPIRAL_MAX_RADIUS) / 10;
        x += sd * gaussian(rng);
        y += sd * gaussian(rng);
      }
      points.push({ x, y, label });
    }
  }
  return points;
}

// ------------------------------------------------------------------------------ activations

/** An activation is an object with the function and its derivative, both of the pre-activation. */
export const TANH = Object.freeze({
  name: 'tanh',
  apply: (z) => Math.tanh(z),
  slope: (z) => {
    const t = Math.tanh(z);
    return 1 - t * t;
  },
});

export const IDENTITY = Object.freeze({
  name: 'identity',
  apply: (z) => z,
  slope: () => 1,
});

/** Square error of one example and its derivative in the output. */
export function squareError(output, target) {
  const d = output - target;
  return 0.5 * d * d;
}
export function squareErrorSlope(output, target) {
  return output - target;
}

// ------------------------------------------------------------------------------ the objects

/** One neuron. */
export class Node {
  constructor(id, activation) {
    this.id = id;
    this.activation = activation;
    this.bias = 0.1;
    this.totalInput = 0; // bias + Σ weight · source output
    this.output = 0; // activation(totalInput)
    this.outputDer = 0; // ∂E/∂output, this example
    this.inputDer = 0; // ∂E/∂totalInput (= ∂E/∂bias), this example
    this.accInputDer = 0; // Σ inputDer since the last update
    this.numAccumulatedDers = 0;
    this.inputLinks = []; // links arriving here
    this.outputs = []; // links leaving here
  }
}

/** One connection source → dest. */
export class Link {
  constructor(source, dest, weight) {
    this.id = `${source.id}>${dest.id}`;
    this.source = source;
    this.dest = dest;
    this.weight = weight;
    this.errorDer = 0; // ∂E/∂weight, this example
    this.accErrorDer = 0; // Σ errorDer since the last update
    this.numAccumulatedDers = 0;
  }
}

/**
 * A fully connected network as an array of layers, each an array of Node objects. sizes[0] is
 * the number of inputs; the last layer has the output neuron(s). Weights are uniform in
 * [−0.5, 0.5) from rng, biases start at 0.1. Node ids: 'in0', 'in1', … then 'L1n0', 'L1n1', ….
 */
export function createNetwork(sizes, rng, { activation = TANH, outputActivation = TANH } = {}) {
  const layers = [];
  for (let l = 0; l < sizes.length; l++) {
    const isInput = l === 0;
    const isOutput = l === sizes.length - 1;
    const act = isInput ? IDENTITY : isOutput ? outputActivation : activation;
    const layer = [];
    for (let k = 0; k < sizes[l]; k++) {
      const node = new Node(isInput ? `in${k}` : `L${l}n${k}`, act);
      if (!isInput) {
        for (const source of layers[l - 1]) {
          const link = new Link(source, node, rng() - 0.5);
          node.inputLinks.push(link);
          source.outputs.push(link);
        }
      }
      layer.push(node);
    }
    layers.push(layer);
  }
  return layers;
}

/** Calls fn(node) for each non-input node, layer by layer. */
export function eachComputeNode(network, fn) {
  for (let l = 1; l < network.length; l++) for (const node of network[l]) fn(node);
}

/** Every link of the network, in layer order. */
export function allLinks(network) {
  const links = [];
  eachComputeNode(network, (node) => links.push(...node.inputLinks));
  return links;
}

// ------------------------------------------------------------------------------ training

/** Runs one example through the network; returns the (first) output neuron's output. */
export function forwardProp(network, inputs) {
  const first = network[0];
  if (inputs.length !== first.length) throw new Error(`expected ${first.length} inputs, got ${inputs.length}`);
  for (let k = 0; k < first.length; k++) first[k].output = inputs[k];
  for (let l = 1; l < network.length; l++) {
    const layer = network[l];
    for (let k = 0; k < layer.length; k++) {
      const node = layer[k];
      let z = node.bias;
      const links = node.inputLinks;
      for (let j = 0; j < links.length; j++) z += links[j].weight * links[j].source.output;
      node.totalInput = z;
      node.output = node.activation.apply(z);
    }
  }
  return network[network.length - 1][0].output;
}

/**
 * Backward pass for the example last given to forwardProp, with square error against target:
 * sets every node's outputDer/inputDer and every link's errorDer, and adds them to the
 * accumulators (accInputDer, accErrorDer, numAccumulatedDers).
 */
export function backProp(network, target) {
  const outLayer = network[network.length - 1];
  for (const node of outLayer) node.outputDer = squareErrorSlope(node.output, target);
  for (let l = network.length - 1; l >= 1; l--) {
    const layer = network[l];
    // δ of this layer, and the derivatives of its incoming weights and its biases.
    for (let k = 0; k < layer.length; k++) {
      const node = layer[k];
      const delta = node.outputDer * node.activation.slope(node.totalInput);
      node.inputDer = delta;
      node.accInputDer += delta;
      node.numAccumulatedDers++;
      const links = node.inputLinks;
      for (let j = 0; j < links.length; j++) {
        const link = links[j];
        const g = delta * link.source.output;
        link.errorDer = g;
        link.accErrorDer += g;
        link.numAccumulatedDers++;
      }
    }
    // ∂E/∂output of the layer below (not needed for the inputs).
    if (l === 1) break;
    const below = network[l - 1];
    for (let k = 0; k < below.length; k++) {
      const node = below[k];
      let sum = 0;
      const outs = node.outputs;
      for (let j = 0; j < outs.length; j++) sum += outs[j].weight * outs[j].dest.inputDer;
      node.outputDer = sum;
    }
  }
}

/**
 * SGD step from the accumulated derivatives: each parameter moves by
 * −learningRate · (accumulated derivative / number accumulated); the accumulators are reset.
 */
export function updateWeights(network, learningRate) {
  for (let l = 1; l < network.length; l++) {
    const layer = network[l];
    for (let k = 0; k < layer.length; k++) {
      const node = layer[k];
      if (node.numAccumulatedDers > 0) {
        node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      const links = node.inputLinks;
      for (let j = 0; j < links.length; j++) {
        const link = links[j];
        if (link.numAccumulatedDers > 0) {
          link.weight -= (learningRate * link.accErrorDer) / link.numAccumulatedDers;
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

/** Mean square error ½(o − t)² over points {x, y, label}, forward passes only. */
export function meanLoss(network, points) {
  let sum = 0;
  for (const p of points) sum += squareError(forwardProp(network, [p.x, p.y]), p.label);
  return sum / points.length;
}

/** One epoch: every point in order, forward + backward, update after each full batch. */
export function trainEpoch(network, points, learningRate, batchSize) {
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    forwardProp(network, [p.x, p.y]);
    backProp(network, p.label);
    if ((i + 1) % batchSize === 0) updateWeights(network, learningRate);
  }
}
