//! A small trainable MLP in f32: dense layers, an activation per hidden layer (some with learned
//! parameters), and an output head chosen by the task. Every parameter lives in one flat vector
//! so the optimisers are a loop over it.
//!
//! Layer l: z = a_(l−1)·W + b (W row-major fan_in × fan_out), a = f(z). The head's loss is
//! averaged over the batch; its gradient with respect to the output z is the well-known
//! σ(z) − y (sigmoid + BCE), softmax(z) − onehot(y) (softmax + CE) or 2(z − y) (MSE), over B.

use super::dataset::{Examples, Task};
use crate::activation::fast::Fast;
use crate::activation::functions as f;
use crate::activation::Activation;
use crate::error::Error;
use crate::init::Init;
use crate::random::SeededRng;
use learned::{LearnedBackward, LearnedValues, Slots};

mod learned;
pub use learned::Learnable;

/// How a hidden layer's activation is computed.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerActivation {
    /// A catalogue activation with fixed parameters.
    Fixed(Activation),
    /// One with trained parameters, stored in the flat vector from `offset`, `slots` sets of
    /// `learnable.count()` (one set per layer, or one per unit).
    Learned {
        /// Which function.
        learnable: Learnable,
        /// Where its parameters start.
        offset: usize,
        /// 1 (per layer) or fan_out (per unit).
        slots: usize,
    },
}

/// One dense layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Inputs.
    pub fan_in: usize,
    /// Outputs.
    pub fan_out: usize,
    /// Where W starts in the flat vector.
    pub weights: usize,
    /// Where b starts.
    pub biases: usize,
    /// `None` for the output layer (the head applies its own function).
    pub activation: Option<LayerActivation>,
}

/// The network: layers plus every parameter in one vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Hidden layers, then the output layer.
    pub layers: Vec<Layer>,
    /// Every weight, bias and activation parameter.
    pub params: Vec<f32>,
    /// Which entries of `params` are weights (L2 weight decay applies to these only).
    pub is_weight: Vec<bool>,
    /// What the head predicts.
    pub task: Task,
}

/// Examples go through a layer `LANES` at a time, one in each lane of a `[f32; LANES]` that LLVM
/// keeps in one SIMD register (wasm simd128, SSE): a batch is padded with zero inputs to whole
/// groups, so no inner loop has a remainder, and every inner loop runs over the batch rather
/// than over a layer's few units.
const LANES: usize = 4;

/// One value for each of `LANES` examples.
type Lanes = [f32; LANES];

/// Buffers reused between steps, each a layer's values for the batch stored unit-major: row j
/// (`groups` [`Lanes`] long) holds unit j for every example, the padding examples last.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// Groups of `LANES` examples in the current batch.
    groups: usize,
    /// The batch's inputs, transposed (fan_in rows).
    inputs: Vec<Lanes>,
    /// Per layer, z (fan_out rows).
    z: Vec<Vec<Lanes>>,
    /// Per hidden layer, a = f(z); empty for the output layer, whose z the head reads.
    a: Vec<Vec<Lanes>>,
    delta: Vec<Lanes>,
    delta_previous: Vec<Lanes>,
}

impl Scratch {
    /// Transposes `batch` examples of `fan_in` inputs into `self.inputs`, padding with zeros.
    fn load(&mut self, inputs: &[f32], fan_in: usize, batch: usize) {
        let groups = batch.div_ceil(LANES).max(1);
        self.groups = groups;
        self.inputs.clear();
        self.inputs.resize(fan_in * groups, [0.0; LANES]);
        let stride = groups * LANES;
        let transposed = self.inputs.as_flattened_mut();
        for (i, example) in inputs.chunks_exact(fan_in).take(batch).enumerate() {
            for (k, x) in example.iter().enumerate() {
                transposed[k * stride + i] = *x;
            }
        }
    }

    /// Examples in a row, padding included.
    fn stride(&self) -> usize {
        self.groups * LANES
    }
}

/// acc += x·w, lane by lane.
#[inline]
fn add_scaled(acc: &mut Lanes, x: &Lanes, w: f32) {
    for (acc, x) in acc.iter_mut().zip(x) {
        *acc += x * w;
    }
}

/// Σ x·y over every lane of two rows.
#[inline]
fn dot(x: &[Lanes], y: &[Lanes]) -> f32 {
    let mut acc = [0.0; LANES];
    for (x, y) in x.iter().zip(y) {
        for ((acc, x), y) in acc.iter_mut().zip(x).zip(y) {
            *acc += x * y;
        }
    }
    acc.iter().sum()
}

/// Σ x over every lane of a row.
#[inline]
fn sum(x: &[Lanes]) -> f32 {
    let mut acc = [0.0; LANES];
    for x in x {
        for (acc, x) in acc.iter_mut().zip(x) {
            *acc += x;
        }
    }
    acc.iter().sum()
}

/// What one evaluation over a set of examples found.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// Mean loss.
    pub loss: f64,
    /// Share classified right (`None` for regression).
    pub accuracy: Option<f64>,
    /// Per hidden layer, the share of units whose output is 0 for every example.
    pub dead_fraction: Vec<f64>,
}

impl Model {
    /// Builds the layers for `inputs` → `hidden` → the task's outputs and draws the weights.
    /// Biases start at 0, as Playground's and PyTorch's defaults do for these demos.
    pub fn new(
        inputs: usize,
        hidden: &[usize],
        activations: &[Activation],
        learn_per_unit: Option<bool>,
        init: Init,
        task: Task,
        rng: &mut SeededRng,
    ) -> Result<Model, Error> {
        let mut layers = Vec::with_capacity(hidden.len() + 1);
        let mut params: Vec<f32> = Vec::new();
        let mut is_weight: Vec<bool> = Vec::new();
        let mut fan_in = inputs;
        let widths = hidden.iter().copied().chain([task.outputs()]);
        for (l, fan_out) in widths.enumerate() {
            let weights = params.len();
            let mut w = vec![0.0f32; fan_in * fan_out];
            init.fill(&mut w, fan_in, fan_out, rng)?;
            params.extend_from_slice(&w);
            is_weight.resize(is_weight.len() + w.len(), true);
            let biases = params.len();
            params.resize(params.len() + fan_out, 0.0);
            is_weight.resize(is_weight.len() + fan_out, false);
            let activation = activations.get(l).filter(|_| l < hidden.len()).map(|act| {
                match (Learnable::of(act), learn_per_unit) {
                    (Some((learnable, start)), Some(per_unit)) => {
                        let slots = if per_unit { fan_out } else { 1 };
                        let offset = params.len();
                        for _ in 0..slots {
                            params.extend(start.iter().map(|v| *v as f32));
                        }
                        is_weight.resize(is_weight.len() + slots * start.len(), false);
                        LayerActivation::Learned {
                            learnable,
                            offset,
                            slots,
                        }
                    }
                    _ => LayerActivation::Fixed(act.clone()),
                }
            });
            layers.push(Layer {
                fan_in,
                fan_out,
                weights,
                biases,
                activation,
            });
            fan_in = fan_out;
        }
        Ok(Model {
            layers,
            params,
            is_weight,
            task,
        })
    }

    /// Hidden layers.
    pub fn hidden_layers(&self) -> usize {
        self.layers.len() - 1
    }

    /// Runs `inputs` (`batch × fan_in`) forward, keeping every layer's z and a in `scratch`; the
    /// output layer's z is the last entry of `scratch.z`.
    fn forward(&self, inputs: &[f32], batch: usize, scratch: &mut Scratch) {
        scratch.load(inputs, self.layers[0].fan_in, batch);
        let groups = scratch.groups;
        scratch.z.resize_with(self.layers.len(), Vec::new);
        scratch.a.resize_with(self.layers.len(), Vec::new);
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = scratch.a.split_at_mut(l);
            let previous: &[Lanes] = if l == 0 {
                &scratch.inputs
            } else {
                &before[l - 1]
            };
            let z = &mut scratch.z[l];
            z.resize(groups * layer.fan_out, [0.0; LANES]);
            let fan_out = layer.fan_out;
            let w = &self.params[layer.weights..layer.weights + layer.fan_in * fan_out];
            let b = &self.params[layer.biases..layer.biases + fan_out];
            // z_j = b_j + Σ_k W_kj·a_k, summed in k order as one example at a time would, in a
            // register per group of examples. (The row iterators are made once and cloned:
            // making one divides, which costs more than a row's arithmetic here.)
            let (a_rows, w_rows) = (previous.chunks_exact(groups), w.chunks_exact(fan_out));
            for (j, (z_row, bias)) in z.chunks_exact_mut(groups).zip(b).enumerate() {
                for (c, z) in z_row.iter_mut().enumerate() {
                    let mut acc = [*bias; LANES];
                    for (a_row, w_row) in a_rows.clone().zip(w_rows.clone()) {
                        add_scaled(&mut acc, &a_row[c], w_row[j]);
                    }
                    *z = acc;
                }
            }
            let a = &mut rest[0];
            let Some(activation) = &layer.activation else {
                a.clear();
                continue;
            };
            a.resize(z.len(), [0.0; LANES]);
            let (z, a) = (z.as_flattened(), a.as_flattened_mut());
            match activation {
                LayerActivation::Fixed(activation) => match Fast::of(activation) {
                    Some(fast) => fast.values(z, a),
                    None => {
                        activation.values_f32(z, a);
                    }
                },
                LayerActivation::Learned {
                    learnable,
                    offset,
                    slots,
                } => {
                    learnable.kind().with_gradient(LearnedValues {
                        z,
                        a,
                        params: &self.params,
                        slots: Slots::new(*learnable, *offset, *slots, groups * LANES),
                    });
                }
            }
        }
    }

    /// The head's mean loss over the batch and, when `gradient` is given, ∂L/∂z_out into it
    /// (zero in the padding). `out` is the output layer's z, unit-major with `stride` examples a
    /// row. Also counts the examples classified right.
    ///
    /// `want_loss = false` skips the loss and the count (a training step needs only the
    /// gradient, and the logs and exponentials of the loss cost more than the step's arithmetic).
    fn head(
        &self,
        out: &[f32],
        stride: usize,
        targets: &[f32],
        gradient: Option<&mut Vec<Lanes>>,
        want_loss: bool,
    ) -> (f64, usize) {
        let batch = targets.len();
        let outputs = self.task.outputs();
        let scale = 1.0 / batch as f64;
        let mut loss = 0.0;
        let mut right = 0;
        let mut grad = gradient.map(|g| {
            g.clear();
            g.resize(outputs * stride / LANES, [0.0; LANES]);
            g.as_flattened_mut()
        });
        if let (Task::Binary, Some(g)) = (self.task, grad.as_deref_mut()) {
            // σ(z) for the whole batch at once, where the loop below would take one at a time.
            Fast::Sigmoid.values(&out[..batch], &mut g[..batch]);
        }
        for (i, target) in targets.iter().enumerate() {
            let y = f64::from(*target);
            // Output j of example i.
            let at = |j: usize| out[j * stride + i];
            match self.task {
                Task::Binary => {
                    let z = f64::from(at(0));
                    if want_loss {
                        // BCE from the logit: softplus(z) − y·z, stable for any z.
                        loss += z.max(0.0) - y * z + (-z.abs()).exp().ln_1p();
                        right += usize::from((z > 0.0) == (y > 0.5));
                    }
                    if let Some(g) = grad.as_deref_mut() {
                        let p = f64::from(g[i]);
                        g[i] = ((p - y) * scale) as f32;
                    }
                }
                Task::MultiClass(_) => {
                    let class = y as usize;
                    let max = (0..outputs).fold(f32::NEG_INFINITY, |m, j| m.max(at(j)));
                    let max = f64::from(max);
                    let sum: f64 = (0..outputs).map(|j| (f64::from(at(j)) - max).exp()).sum();
                    let log_sum_exp = max + sum.ln();
                    loss += log_sum_exp - f64::from(at(class));
                    let best =
                        (0..outputs).fold(0, |best, j| if at(j) > at(best) { j } else { best });
                    right += usize::from(best == class);
                    if let Some(g) = grad.as_deref_mut() {
                        for j in 0..outputs {
                            let p = (f64::from(at(j)) - log_sum_exp).exp();
                            let onehot = if j == class { 1.0 } else { 0.0 };
                            g[j * stride + i] = ((p - onehot) * scale) as f32;
                        }
                    }
                }
                Task::Regression => {
                    let error = f64::from(at(0)) - y;
                    loss += error * error;
                    if let Some(g) = grad.as_deref_mut() {
                        g[i] = (2.0 * error * scale) as f32;
                    }
                }
            }
        }
        (loss * scale, right)
    }

    /// One batch: forward, loss, backward. Writes ∂L/∂params into `grads` (same layout as
    /// `params`) and returns the batch's mean loss.
    pub fn gradient(
        &self,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        scratch: &mut Scratch,
    ) -> f64 {
        self.gradient_with(inputs, targets, grads, scratch, true)
    }

    /// [`Model::gradient`] without computing the loss: what a training step runs.
    pub fn step_gradient(
        &self,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        scratch: &mut Scratch,
    ) {
        self.gradient_with(inputs, targets, grads, scratch, false);
    }

    fn gradient_with(
        &self,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        scratch: &mut Scratch,
        want_loss: bool,
    ) -> f64 {
        self.forward(inputs, targets.len(), scratch);
        let (groups, stride) = (scratch.groups, scratch.stride());
        let mut delta = std::mem::take(&mut scratch.delta);
        let out = scratch.z[self.layers.len() - 1].as_flattened();
        let (loss, _) = self.head(out, stride, targets, Some(&mut delta), want_loss);
        grads.fill(0.0);
        let mut delta_previous = std::mem::take(&mut scratch.delta_previous);
        for (l, layer) in self.layers.iter().enumerate().rev() {
            // δ is ∂L/∂a on entry; through the activation it becomes ∂L/∂z. The padding's δ is 0
            // from the head on, so the padding adds nothing to any gradient.
            match &layer.activation {
                None => {}
                Some(LayerActivation::Fixed(activation)) => match Fast::of(activation) {
                    Some(fast) => {
                        fast.scale_by_slopes(scratch.a[l].as_flattened(), delta.as_flattened_mut())
                    }
                    None => {
                        activation.scale_by_derivatives_f32(
                            scratch.z[l].as_flattened(),
                            delta.as_flattened_mut(),
                            f64::NEG_INFINITY,
                        );
                    }
                },
                Some(LayerActivation::Learned {
                    learnable,
                    offset,
                    slots,
                }) => {
                    learnable.kind().with_gradient(LearnedBackward {
                        z: scratch.z[l].as_flattened(),
                        delta: delta.as_flattened_mut(),
                        params: &self.params,
                        grads,
                        slots: Slots::new(*learnable, *offset, *slots, stride),
                    });
                }
            }
            let previous: &[Lanes] = if l == 0 {
                &scratch.inputs
            } else {
                &scratch.a[l - 1]
            };
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let (w_grads, rest) = grads[layer.weights..].split_at_mut(fan_in * fan_out);
            let b_grads = &mut rest[..fan_out];
            // ∂W_kj = Σ a_k·δ_j and ∂b_j = Σ δ_j over the batch.
            let d_rows = delta.chunks_exact(groups);
            for (g, d_row) in b_grads.iter_mut().zip(d_rows.clone()) {
                *g = sum(d_row);
            }
            for (a_row, g_row) in previous
                .chunks_exact(groups)
                .zip(w_grads.chunks_exact_mut(fan_out))
            {
                for (g, d_row) in g_row.iter_mut().zip(d_rows.clone()) {
                    *g = dot(a_row, d_row);
                }
            }
            if l == 0 {
                break;
            }
            // ∂L/∂a_k of the layer below: Σ_j W_kj·δ_j, summed in j order.
            let w = &self.params[layer.weights..layer.weights + fan_in * fan_out];
            delta_previous.resize(fan_in * groups, [0.0; LANES]);
            for (p_row, w_row) in delta_previous
                .chunks_exact_mut(groups)
                .zip(w.chunks_exact(fan_out))
            {
                for (c, p) in p_row.iter_mut().enumerate() {
                    let mut acc = [0.0; LANES];
                    for (w, d_row) in w_row.iter().zip(d_rows.clone()) {
                        add_scaled(&mut acc, &d_row[c], *w);
                    }
                    *p = acc;
                }
            }
            std::mem::swap(&mut delta, &mut delta_previous);
        }
        scratch.delta = delta;
        scratch.delta_previous = delta_previous;
        loss
    }

    /// Loss, accuracy and dead units over a whole set, in chunks so memory stays bounded.
    pub fn evaluate(&self, examples: &Examples, scratch: &mut Scratch) -> Evaluation {
        const CHUNK: usize = 256;
        let hidden = self.hidden_layers();
        let mut alive: Vec<Vec<bool>> = self.layers[..hidden]
            .iter()
            .map(|layer| vec![false; layer.fan_out])
            .collect();
        let (mut loss, mut right) = (0.0, 0);
        let n = examples.len();
        for start in (0..n).step_by(CHUNK) {
            let end = (start + CHUNK).min(n);
            let inputs = &examples.inputs[start * examples.dims..end * examples.dims];
            let targets = &examples.targets[start..end];
            let batch = end - start;
            self.forward(inputs, batch, scratch);
            let stride = scratch.stride();
            let out = scratch.z[self.layers.len() - 1].as_flattened();
            let (chunk_loss, chunk_right) = self.head(out, stride, targets, None, true);
            loss += chunk_loss * batch as f64;
            right += chunk_right;
            for (l, alive) in alive.iter_mut().enumerate() {
                let rows = scratch.a[l].as_flattened().chunks_exact(stride);
                for (alive, row) in alive.iter_mut().zip(rows) {
                    *alive |= row[..batch].iter().any(|a| *a != 0.0);
                }
            }
        }
        Evaluation {
            loss: loss / n.max(1) as f64,
            accuracy: (self.task != Task::Regression).then(|| right as f64 / n.max(1) as f64),
            dead_fraction: alive
                .iter()
                .map(|alive| {
                    alive.iter().filter(|a| !**a).count() as f64 / alive.len().max(1) as f64
                })
                .collect(),
        }
    }

    /// The network's outputs for `inputs` (`count × fan_in`): the probability of class 1
    /// (binary), the winning class (multi-class), or the value (regression); with the
    /// multi-class winner's probability as confidence, and the binary/regression value as is.
    pub fn predict(&self, inputs: &[f32], count: usize, scratch: &mut Scratch) -> Vec<f32> {
        let mut out = Vec::with_capacity(count * self.task.outputs());
        const CHUNK: usize = 1024;
        let dims = self.layers[0].fan_in;
        for start in (0..count).step_by(CHUNK) {
            let end = (start + CHUNK).min(count);
            let batch = end - start;
            self.forward(&inputs[start * dims..end * dims], batch, scratch);
            let stride = scratch.stride();
            let z = scratch.z[self.layers.len() - 1].as_flattened();
            match self.task {
                Task::Binary => {
                    out.extend(z[..batch].iter().map(|z| f::sigmoid(f64::from(*z)) as f32))
                }
                Task::Regression => out.extend_from_slice(&z[..batch]),
                Task::MultiClass(k) => {
                    for i in 0..batch {
                        // Class j of example i.
                        let at = |j: usize| z[j * stride + i];
                        let max = (0..k).fold(f32::NEG_INFINITY, |m, j| m.max(at(j)));
                        let sum: f32 = (0..k).map(|j| (at(j) - max).exp()).sum();
                        out.extend((0..k).map(|j| (at(j) - max).exp() / sum));
                    }
                }
            }
        }
        out
    }

    /// The Frobenius norm of each layer's ∂L/∂W in `grads`.
    pub fn weight_gradient_norms(&self, grads: &[f32]) -> Vec<f64> {
        self.layers
            .iter()
            .map(|layer| {
                grads[layer.weights..layer.weights + layer.fan_in * layer.fan_out]
                    .iter()
                    .map(|g| f64::from(*g).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect()
    }

    /// Each learned parameter's mean over its slots, per hidden layer that has any:
    /// `(layer index, name, mean)`.
    pub fn learned_means(&self) -> Vec<(usize, String, f64)> {
        let mut out = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            if let Some(LayerActivation::Learned {
                learnable,
                offset,
                slots,
            }) = &layer.activation
            {
                let count = learnable.count();
                for (j, name) in learnable.names().into_iter().enumerate() {
                    let sum: f64 = (0..*slots)
                        .map(|slot| f64::from(self.params[offset + slot * count + j]))
                        .sum();
                    out.push((l, name, sum / *slots as f64));
                }
            }
        }
        out
    }
}
