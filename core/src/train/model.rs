//! The training lab's network: the [`Mlp`] with a head chosen by the task, run in the
//! batch-inner layout ([`lanes`]) that keeps training's small layers in SIMD lanes.
//!
//! Layer l: z = a_(l−1)·W + b (W row-major fan_in × fan_out), a = f(z), with the skips and the
//! normalisation the [`Mlp`] states. The head's loss is averaged over the batch; its gradient
//! with respect to the output z is the well-known σ(z) − y (sigmoid + BCE), softmax(z) −
//! onehot(y) (softmax + CE) or 2(z − y) (MSE), over B.

use super::dataset::{Examples, Task};
use crate::activation::fast::Fast;
use crate::activation::functions as f;
use crate::activation::Activation;
use crate::error::Error;
use crate::init::Init;
use crate::mlp::lanes::{self, Lanes, LANES};
use crate::mlp::layer::{Grid, Mode};
use crate::mlp::norm::{normalise_backward, normalise_keeping_means, normalise_with};
use crate::mlp::{Mlp, Shape};
use crate::norm::Norm;
use crate::random::SeededRng;

pub use crate::mlp::layer::{Layer, LayerActivation, Learnable};

/// The network with its head: what the head predicts decides the output layer's width and the
/// loss. It reads as the [`Mlp`] it wraps (`model.layers`, `model.params`), which is what the
/// optimisers and the charts see.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The layers and every parameter.
    pub mlp: Mlp,
    /// What the head predicts.
    pub task: Task,
    /// Per layer, batch norm's running (mean, variance) of each unit, which evaluation
    /// normalises by (empty for a layer without batch norm); PyTorch's start (0, 1).
    pub running: Vec<Vec<(f64, f64)>>,
}

/// How much of each batch's statistics batch norm's running ones take: PyTorch's `momentum`.
pub const BATCH_NORM_MOMENTUM: f64 = 0.1;

impl std::ops::Deref for Model {
    type Target = Mlp;
    fn deref(&self) -> &Mlp {
        &self.mlp
    }
}

impl std::ops::DerefMut for Model {
    fn deref_mut(&mut self) -> &mut Mlp {
        &mut self.mlp
    }
}

/// Buffers reused between steps, each a layer's values for the batch stored unit-major: row j
/// (`groups` [`Lanes`] long) holds unit j for every example, the padding examples last.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// Groups of `LANES` examples in the current batch.
    groups: usize,
    /// Examples in the current batch, padding excluded.
    pub(super) batch: usize,
    /// The batch's inputs, transposed (fan_in rows).
    inputs: Vec<Lanes>,
    /// Per layer, ẑ (fan_out rows): z, normalised if the layer normalises.
    pub(super) pre_activations: Vec<Vec<Lanes>>,
    /// Per hidden layer, a = f(ẑ) (plus the input with a skip); empty for the output layer,
    /// whose z the head reads.
    pub(super) activations: Vec<Vec<Lanes>>,
    /// Per layer, the normalisation's σ per group (empty without normalisation).
    scales: Vec<Vec<f64>>,
    /// Per layer, the normalisation's mean per group, for batch norm's running statistics.
    means: Vec<Vec<f64>>,
    /// Per layer with a learned γ and β, the normalised ẑ before γ·ẑ + β (the backward pass
    /// needs it); empty for the others.
    normalised: Vec<Vec<f32>>,
    /// δ of the layer the backward pass is at.
    delta: Vec<Lanes>,
    /// δ of the layer below, being filled.
    delta_previous: Vec<Lanes>,
    /// Whether a gradient pass keeps each layer's δ = ∂L/∂z in `deltas` (for the layer
    /// statistics; off in plain training, which needs only the gradient).
    pub keep_deltas: bool,
    /// Per layer, δ = ∂L/∂z of the last gradient pass's real examples, unit-major.
    pub(super) deltas: Vec<Vec<f32>>,
}

impl Scratch {
    /// Examples in a row, padding included.
    pub(super) fn stride(&self) -> usize {
        self.groups * LANES
    }
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
    /// Puts `activations` in place of each layer's fixed activation, in order (a learned one
    /// keeps its own): a run carries on under a changed activation, and a kept frame's weights
    /// are evaluated with the activations they were trained under.
    pub fn set_fixed_activations(&mut self, activations: &[Activation]) {
        for (layer, activation) in self.mlp.layers.iter_mut().zip(activations) {
            if let Some(fixed @ LayerActivation::Fixed { .. }) = &mut layer.activation {
                *fixed = LayerActivation::fixed(activation.clone());
            }
        }
    }

    /// Builds the layers for `inputs` → `hidden` → the task's outputs and draws the weights.
    /// Biases start at 0, as Playground's and PyTorch's defaults do for these demos. With
    /// `norm`, every hidden layer normalises with a learned γ and β (PyTorch's `affine`), and
    /// batch norm keeps running statistics for evaluation.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        inputs: usize,
        hidden: &[usize],
        activations: &[Activation],
        learn_per_unit: Option<bool>,
        init: Init,
        task: Task,
        (residual, norm): (bool, Norm),
        rng: &mut SeededRng,
    ) -> Result<Model, Error> {
        let widths: Vec<usize> = [inputs]
            .into_iter()
            .chain(hidden.iter().copied())
            .chain([task.outputs()])
            .collect();
        let mlp = Mlp::new(
            Shape {
                widths: &widths,
                activations: &activations[..activations.len().min(hidden.len())],
                learn_per_unit,
                bias: 0.0,
            },
            init,
            rng,
        )?;
        let mut mlp = mlp;
        mlp.residual = residual;
        mlp.set_norm(norm, true);
        let running = (0..mlp.layers.len())
            .map(|l| match mlp.norm_of(l) {
                Norm::Batch => vec![(0.0, 1.0); mlp.layers[l].fan_out],
                _ => Vec::new(),
            })
            .collect();
        Ok(Model { mlp, task, running })
    }

    /// Moves batch norm's running statistics towards the last training forward pass's batch
    /// statistics, as PyTorch does in `train()` mode: running = (1 − m)·running + m·batch with
    /// m = [`BATCH_NORM_MOMENTUM`], the variance unbiased (× n/(n − 1); a batch of one, which
    /// PyTorch refuses, adds its biased variance, 0).
    pub fn update_running(&mut self, scratch: &Scratch) {
        let n = scratch.batch as f64;
        let unbias = if scratch.batch > 1 {
            n / (n - 1.0)
        } else {
            1.0
        };
        let m = BATCH_NORM_MOMENTUM;
        for (l, running) in self.running.iter_mut().enumerate() {
            let (Some(means), Some(scales)) = (scratch.means.get(l), scratch.scales.get(l)) else {
                continue;
            };
            if means.len() != running.len() || scales.len() != running.len() {
                continue;
            }
            for ((mean, var), (batch_mean, sigma)) in
                running.iter_mut().zip(means.iter().zip(scales))
            {
                let batch_var = (sigma * sigma - crate::mlp::norm::NORM_EPSILON).max(0.0) * unbias;
                *mean = (1.0 - m) * *mean + m * batch_mean;
                *var = (1.0 - m) * *var + m * batch_var;
            }
        }
    }

    /// Runs `inputs` (`batch × fan_in`) forward, keeping every layer's z and a in `scratch`; the
    /// output layer's z is the last entry of `scratch.pre_activations`. `training`: batch norm
    /// normalises by the batch's statistics (else by the running ones, as PyTorch's `eval()`).
    pub(super) fn forward(
        &self,
        inputs: &[f32],
        batch: usize,
        scratch: &mut Scratch,
        training: bool,
    ) {
        let mlp = &self.mlp;
        let groups = lanes::load(inputs, mlp.layers[0].fan_in, batch, &mut scratch.inputs);
        scratch.groups = groups;
        scratch.batch = batch;
        let stride = groups * LANES;
        scratch
            .pre_activations
            .resize_with(mlp.layers.len(), Vec::new);
        scratch.activations.resize_with(mlp.layers.len(), Vec::new);
        scratch.scales.resize_with(mlp.layers.len(), Vec::new);
        scratch.means.resize_with(mlp.layers.len(), Vec::new);
        scratch.normalised.resize_with(mlp.layers.len(), Vec::new);
        for (l, layer) in mlp.layers.iter().enumerate() {
            let (before, rest) = scratch.activations.split_at_mut(l);
            let previous: &[Lanes] = if l == 0 {
                &scratch.inputs
            } else {
                &before[l - 1]
            };
            let z = &mut scratch.pre_activations[l];
            lanes::forward(previous, mlp.weights(l), mlp.biases(l), groups, z);
            // Statistics over the real examples only: the padding is not part of the batch.
            let grid = Grid::unit_major(batch, layer.fan_out, stride);
            let norm = mlp.norm_of(l);
            if norm == Norm::None {
                // Nothing to normalise: the plain network, the common case, makes no calls here
                // (a small network's whole step is a few hundred nanoseconds).
                scratch.scales[l].clear();
                scratch.means[l].clear();
            } else if norm == Norm::Batch && !training {
                normalise_with(z.as_flattened_mut(), grid, &self.running[l]);
                scratch.scales[l].clear();
                scratch.means[l].clear();
            } else {
                let means = &mut scratch.means[l];
                scratch.scales[l] =
                    normalise_keeping_means(z.as_flattened_mut(), grid, norm, means);
            }
            if let Some((gamma, beta)) = mlp.affine(l) {
                let z = z.as_flattened_mut();
                scratch.normalised[l].clear();
                scratch.normalised[l].extend_from_slice(z);
                for (j, row) in z.chunks_exact_mut(stride).enumerate() {
                    let (g, b) = (gamma[j], beta[j]);
                    row.iter_mut().for_each(|v| *v = g * *v + b);
                }
            }
            let a = &mut rest[0];
            let Some(activation) = &layer.activation else {
                a.clear();
                continue;
            };
            a.resize(z.len(), [0.0; LANES]);
            let (z, a) = (z.as_flattened(), a.as_flattened_mut());
            let every = Grid::unit_major(stride, layer.fan_out, stride);
            activation.forward(&mlp.params, z, a, every, Mode::Train);
            if mlp.skips(l) {
                a.iter_mut()
                    .zip(previous.as_flattened())
                    .for_each(|(a, p)| *a += p);
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
        let mlp = &self.mlp;
        self.forward(inputs, targets.len(), scratch, true);
        let (groups, stride, batch) = (scratch.groups, scratch.stride(), scratch.batch);
        let mut delta = std::mem::take(&mut scratch.delta);
        let out = scratch.pre_activations[mlp.layers.len() - 1].as_flattened();
        let (loss, _) = self.head(out, stride, targets, Some(&mut delta), want_loss);
        grads.fill(0.0);
        let mut delta_previous = std::mem::take(&mut scratch.delta_previous);
        let mut skipped = Vec::new();
        for (l, layer) in mlp.layers.iter().enumerate().rev() {
            let skips = mlp.skips(l);
            if skips {
                // ∂L/∂a also flows straight down the skip, around f and W.
                skipped.clone_from(&delta);
            }
            // δ is ∂L/∂a on entry; through the activation it becomes ∂L/∂z. The padding's δ is 0
            // from the head on, so the padding adds nothing to any gradient.
            let z = scratch.pre_activations[l].as_flattened();
            if let Some(activation) = &layer.activation {
                let every = Grid::unit_major(stride, layer.fan_out, stride);
                // Without a skip the stored output is f(z) itself, so f′ comes from it.
                let outputs = (!skips).then(|| scratch.activations[l].as_flattened());
                activation.backward(
                    &mlp.params,
                    z,
                    outputs,
                    delta.as_flattened_mut(),
                    Some(&mut *grads),
                    every,
                    Mode::Train,
                    f64::NEG_INFINITY,
                );
            }
            let grid = Grid::unit_major(batch, layer.fan_out, stride);
            let (scales, norm) = (&scratch.scales[l], mlp.norm_of(l));
            let normalised = match (layer.affine, mlp.affine(l)) {
                (Some(start), Some((gamma, _))) => {
                    // y = γ·ẑ + β: ∂L/∂γ = Σ δ·ẑ, ∂L/∂β = Σ δ over the batch, and δ·γ goes on
                    // down (the padding's δ is 0, so it adds nothing).
                    let n = layer.fan_out;
                    let zhat = &scratch.normalised[l];
                    let rows = delta.as_flattened_mut().chunks_exact_mut(stride);
                    for (j, (d, zh)) in rows.zip(zhat.chunks_exact(stride)).enumerate() {
                        let (mut dg, mut db) = (0.0f32, 0.0f32);
                        for (d, zh) in d.iter_mut().zip(zh) {
                            dg += *d * zh;
                            db += *d;
                            *d *= gamma[j];
                        }
                        grads[start + j] += dg;
                        grads[start + n + j] += db;
                    }
                    zhat.as_slice()
                }
                _ => z,
            };
            if norm != Norm::None {
                normalise_backward(delta.as_flattened_mut(), normalised, scales, grid, norm);
            }
            if scratch.keep_deltas {
                scratch.deltas.resize_with(mlp.layers.len(), Vec::new);
                let kept = &mut scratch.deltas[l];
                kept.clear();
                for row in delta.as_flattened().chunks_exact(stride) {
                    kept.extend_from_slice(&row[..batch]);
                }
            }
            let previous: &[Lanes] = if l == 0 {
                &scratch.inputs
            } else {
                &scratch.activations[l - 1]
            };
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let (w_grads, rest) = grads[layer.weights..].split_at_mut(fan_in * fan_out);
            let b_grads = &mut rest[..fan_out];
            lanes::weight_gradients(previous, &delta, groups, w_grads, b_grads);
            if l == 0 {
                break;
            }
            let w = mlp.weights(l);
            lanes::backward(w, &delta, groups, (fan_in, fan_out), &mut delta_previous);
            if skips {
                delta_previous
                    .iter_mut()
                    .zip(&skipped)
                    .for_each(|(p, d)| p.iter_mut().zip(d).for_each(|(p, d)| *p += d));
            }
            std::mem::swap(&mut delta, &mut delta_previous);
        }
        scratch.delta = delta;
        scratch.delta_previous = delta_previous;
        loss
    }

    /// Loss, accuracy and dead units over a whole set, in chunks so memory stays bounded.
    pub fn evaluate(&self, examples: &Examples, scratch: &mut Scratch) -> Evaluation {
        self.evaluate_with(examples, scratch, |_, _| {})
    }

    /// [`Model::evaluate`], handing each chunk's forward pass (`scratch`, and its example
    /// count) to `on_chunk`, so the layer statistics ride on the same pass.
    pub fn evaluate_with(
        &self,
        examples: &Examples,
        scratch: &mut Scratch,
        mut on_chunk: impl FnMut(&Scratch, usize),
    ) -> Evaluation {
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
            self.forward(inputs, batch, scratch, false);
            let stride = scratch.stride();
            let out = scratch.pre_activations[self.layers.len() - 1].as_flattened();
            let (chunk_loss, chunk_right) = self.head(out, stride, targets, None, true);
            loss += chunk_loss * batch as f64;
            right += chunk_right;
            on_chunk(scratch, batch);
            for (l, alive) in alive.iter_mut().enumerate() {
                let rows = scratch.activations[l].as_flattened().chunks_exact(stride);
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
            self.forward(&inputs[start * dims..end * dims], batch, scratch, false);
            let stride = scratch.stride();
            let z = scratch.pre_activations[self.layers.len() - 1].as_flattened();
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
}
