// Checks the per-node speed-reference network (playground-nn.mjs) against theory, so the speed
// reference is known to compute real SGD on a tanh / square-error network:
// - backProp's accumulated derivatives (link.accErrorDer, node.accInputDer) and the per-example
//   ones (link.errorDer) equal central finite differences (Richardson-extrapolated) of the summed
//   square error on a 2-3-1 and a 2-4-2-1 tanh network, to 1e-6 relative;
// - updateWeights takes the step −lr · (mean accumulated derivative) and clears the sums;
// - createNetwork and the spiral generator are seeded, reproducible and shaped as documented;
// - training lowers the loss on the spiral.
//
// Usage: node --test playground-nn.check.mjs

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  mulberry32,
  createNetwork,
  forwardProp,
  backProp,
  updateWeights,
  eachComputeNode,
  allLinks,
  squareError,
  makeSpiral,
  shuffleInPlace,
  meanLoss,
  trainEpoch,
  SPIRAL_MAX_RADIUS,
  SPIRAL_TURNS,
} from './playground-nn.mjs';
import { measurePlayground, setupPlayground } from './playground-bench.mjs';

function computeNodes(network) {
  const nodes = [];
  eachComputeNode(network, (n) => nodes.push(n));
  return nodes;
}

/** Σ over the examples of ½(out − label)², forward passes only. */
function totalError(network, examples) {
  let e = 0;
  for (const p of examples) e += squareError(forwardProp(network, [p.x, p.y]), p.label);
  return e;
}

/** Central difference of totalError in one parameter (get/set), step h. */
function centralDiff(network, examples, get, set, h) {
  const v = get();
  set(v + h);
  const ep = totalError(network, examples);
  set(v - h);
  const em = totalError(network, examples);
  set(v);
  return (ep - em) / (2 * h);
}

/** Richardson extrapolation of central differences at h and h/2: error O(h⁴). */
function numericDer(network, examples, get, set, h = 1e-3) {
  const d1 = centralDiff(network, examples, get, set, h);
  const d2 = centralDiff(network, examples, get, set, h / 2);
  return (4 * d2 - d1) / 3;
}

function relErr(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

const EXAMPLES = [
  { x: 0.7, y: -1.3, label: 1 },
  { x: -2.1, y: 0.4, label: -1 },
  { x: 1.5, y: 1.9, label: 1 },
  { x: -0.3, y: -0.8, label: -1 },
];

for (const sizes of [
  [2, 3, 1],
  [2, 4, 2, 1],
]) {
  test(`backProp accumulates the exact gradient (${sizes.join('-')} tanh, finite differences, 1e-6 relative)`, (t) => {
    const network = createNetwork(sizes, mulberry32(7));
    const nodes = computeNodes(network);
    const links = allLinks(network);
    // Generic biases and larger weights, so no unit sits in its linear range and every term matters.
    nodes.forEach((n, i) => (n.bias = 0.3 * Math.sin(i + 1)));
    links.forEach((l) => (l.weight *= 2.5));

    for (const p of EXAMPLES) {
      forwardProp(network, [p.x, p.y]);
      backProp(network, p.label);
    }

    let worst = 0;
    for (const link of links) {
      assert.equal(link.numAccumulatedDers, EXAMPLES.length);
      const num = numericDer(network, EXAMPLES, () => link.weight, (v) => (link.weight = v));
      const e = relErr(link.accErrorDer, num);
      worst = Math.max(worst, e);
      assert.ok(e < 1e-6, `link ${link.id}: backProp ${link.accErrorDer} vs numeric ${num} (rel ${e})`);
    }
    for (const node of nodes) {
      assert.equal(node.numAccumulatedDers, EXAMPLES.length);
      const num = numericDer(network, EXAMPLES, () => node.bias, (v) => (node.bias = v));
      const e = relErr(node.accInputDer, num);
      worst = Math.max(worst, e);
      assert.ok(e < 1e-6, `bias of ${node.id}: backProp ${node.accInputDer} vs numeric ${num} (rel ${e})`);
    }

    // One example alone: errorDer / inputDer are that example's own gradient.
    const last = EXAMPLES.at(-1);
    forwardProp(network, [last.x, last.y]);
    backProp(network, last.label);
    for (const link of links) {
      const num = numericDer(network, [last], () => link.weight, (v) => (link.weight = v));
      const e = relErr(link.errorDer, num);
      worst = Math.max(worst, e);
      assert.ok(e < 1e-6, `link ${link.id} errorDer ${link.errorDer} vs ${num} (rel ${e})`);
    }
    for (const node of nodes) {
      const num = numericDer(network, [last], () => node.bias, (v) => (node.bias = v));
      assert.ok(relErr(node.inputDer, num) < 1e-6, `${node.id} inputDer`);
    }
    t.diagnostic(`worst relative error ${worst.toExponential(2)}`);
  });
}

test('updateWeights steps by −learningRate × mean accumulated derivative and clears the sums', () => {
  const network = createNetwork([2, 3, 1], mulberry32(3));
  const nodes = computeNodes(network);
  const links = allLinks(network);
  const pts = EXAMPLES.slice(0, 3);
  for (const p of pts) {
    forwardProp(network, [p.x, p.y]);
    backProp(network, p.label);
  }
  const lr = 0.03;
  const wantW = links.map((l) => l.weight - (lr * l.accErrorDer) / pts.length);
  const wantB = nodes.map((n) => n.bias - (lr * n.accInputDer) / pts.length);
  updateWeights(network, lr);
  links.forEach((l, i) => {
    assert.equal(l.weight, wantW[i]);
    assert.equal(l.accErrorDer, 0);
    assert.equal(l.numAccumulatedDers, 0);
  });
  nodes.forEach((n, i) => {
    assert.equal(n.bias, wantB[i]);
    assert.equal(n.accInputDer, 0);
    assert.equal(n.numAccumulatedDers, 0);
  });
  // With nothing accumulated, an update changes nothing.
  updateWeights(network, lr);
  links.forEach((l, i) => assert.equal(l.weight, wantW[i]));
});

test('createNetwork: layers of node objects wired both ways, bias 0.1, weights in [−0.5, 0.5), seeded', () => {
  const a = createNetwork([2, 4, 2, 1], mulberry32(11));
  const b = createNetwork([2, 4, 2, 1], mulberry32(11));
  const c = createNetwork([2, 4, 2, 1], mulberry32(12));
  assert.deepEqual(a.map((layer) => layer.length), [2, 4, 2, 1]);
  const la = allLinks(a);
  assert.equal(la.length, 2 * 4 + 4 * 2 + 2 * 1);
  assert.deepEqual(la.map((l) => l.weight), allLinks(b).map((l) => l.weight));
  assert.notDeepEqual(la.map((l) => l.weight), allLinks(c).map((l) => l.weight));
  for (const l of la) {
    assert.ok(l.weight >= -0.5 && l.weight < 0.5);
    assert.ok(l.source.outputs.includes(l) && l.dest.inputLinks.includes(l));
  }
  eachComputeNode(a, (n) => assert.equal(n.bias, 0.1));
  for (const n of a[0]) assert.equal(n.inputLinks.length, 0);
  for (const n of a[3]) assert.equal(n.outputs.length, 0);
});

test('mulberry32: reproducible, in [0, 1), roughly uniform', () => {
  const r1 = mulberry32(42);
  const r2 = mulberry32(42);
  let sum = 0;
  for (let i = 0; i < 100000; i++) {
    const v = r1();
    assert.equal(v, r2());
    assert.ok(v >= 0 && v < 1);
    sum += v;
  }
  assert.ok(Math.abs(sum / 100000 - 0.5) < 0.01);
});

test('spiral: 500 points, two arms of 250 with labels ±1, the second arm the first turned by π', () => {
  const spiral = makeSpiral(500, 0, mulberry32(1));
  assert.equal(spiral.length, 500);
  assert.equal(spiral.filter((p) => p.label === 1).length, 250);
  assert.equal(spiral.filter((p) => p.label === -1).length, 250);
  const i = 100;
  const s = i / 250;
  const rho = SPIRAL_MAX_RADIUS * s;
  const phi = SPIRAL_TURNS * 2 * Math.PI * s;
  assert.ok(Math.abs(spiral[i].x - rho * Math.cos(phi)) < 1e-12);
  assert.ok(Math.abs(spiral[i].y - rho * Math.sin(phi)) < 1e-12);
  assert.equal(spiral[250 + i].label, -1);
  assert.ok(Math.abs(spiral[250 + i].x + spiral[i].x) < 1e-12);
  assert.ok(Math.abs(spiral[250 + i].y + spiral[i].y) < 1e-12);
  for (const p of spiral) assert.ok(Math.abs(p.x) <= 6 && Math.abs(p.y) <= 6);

  const noisy = makeSpiral(500, 0.1, mulberry32(1));
  assert.notDeepEqual(noisy, spiral);
  assert.deepEqual(noisy, makeSpiral(500, 0.1, mulberry32(1)));

  const copy = shuffleInPlace([...spiral], mulberry32(2));
  assert.notDeepEqual(copy, spiral);
  const key = (p) => `${p.x},${p.y},${p.label}`;
  assert.deepEqual(copy.map(key).sort(), spiral.map(key).sort());
});

/** Seeded spiral, 250 training points, trained for `epochs` epochs (lr 0.03, batch 10). */
function trainLoss(hidden, epochs, seed) {
  const rng = mulberry32(seed);
  const train = shuffleInPlace(makeSpiral(500, 0, rng), rng).slice(0, 250);
  const net = createNetwork([2, ...hidden, 1], rng);
  const before = meanLoss(net, train);
  for (let e = 0; e < epochs; e++) trainEpoch(net, train, 0.03, 10);
  return { before, after: meanLoss(net, train) };
}

test('training lowers the loss: spiral with 2-4-2-1', () => {
  const { before, after } = trainLoss([4, 2], 300, 1);
  assert.ok(after < 0.9 * before, `spiral loss ${before} → ${after}`);
});

test('training lowers the loss: spiral with 2-8-8-8-8-8-8-1', () => {
  const { before, after } = trainLoss([8, 8, 8, 8, 8, 8], 300, 1);
  assert.ok(after < before / 2, `spiral loss ${before} → ${after}`);
});

test('measurePlayground returns a positive rate and a loss that went down', () => {
  const r = measurePlayground({ hidden: [4, 2], seconds: 0.2, runs: 2, warmupSeconds: 0.05 });
  assert.ok(r.examplesPerSecond > 0 && r.min <= r.examplesPerSecond && r.examplesPerSecond <= r.max);
  assert.equal(r.network, '2-4-2-1');
  assert.equal(r.parameters, 2 * 4 + 4 * 2 + 2 + 4 + 2 + 1);
  assert.equal(r.trainSize, 250);
  assert.equal(r.testSize, 250);
  assert.ok(r.lossAfter < r.lossBefore);
  const a = setupPlayground({ seed: 5 });
  const b = setupPlayground({ seed: 5 });
  assert.deepEqual(a.trainData, b.trainData);
  assert.deepEqual(allLinks(a.network).map((l) => l.weight), allLinks(b.network).map((l) => l.weight));
});
