//! The layers view's pass over the [`Mlp`]: `depth` hidden layers of `width` units, forward and
//! backward over a batch stored row-major (an example a row), the products through the GEMM in
//! [`linalg`](super::linalg), every layer's z, a and δ kept for the statistics.
//!
//! Layer l computes z_l = a_(l−1)·W_l + b, optionally normalises it (batch or layer norm, no
//! learned scale), applies f, and with `residual` adds its input back: a_l = a_(l−1) + f(ẑ_l).
//! The loss is L = ½·mean(a_L²) over every output value, so ∂L/∂a_L = a_L/(batch·width): a stated,
//! simple loss that lets every layer's gradient be measured.

use super::layer::{Grid, Mode};
use super::linalg::{matmul, norm, outer_norm, outer_norm_is_cheaper, View};
use super::norm::{normalise, normalise_backward};
use super::Mlp;
use crate::activation::{Activation, SlopeSummary};
use crate::error::Error;
use crate::init::Init;

pub use crate::norm::Norm;

/// Everything that defines a network and its input.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkSpec {
    /// The activation of every hidden layer.
    pub activation: Activation,
    /// The weight initialiser.
    pub init: Init,
    /// Hidden layers.
    pub depth: usize,
    /// Units per layer (and input features).
    pub width: usize,
    /// Samples.
    pub batch: usize,
    /// Inputs from U(−1, 1) instead of N(0, 1).
    pub uniform_input: bool,
    /// Every bias's value.
    pub bias: f64,
    /// σ_b: each bias also gets a draw from N(0, σ_b²) (0: none), after the weights and inputs,
    /// so a network without them draws exactly what it always did.
    pub bias_std: f64,
    /// Skip connections.
    pub residual: bool,
    /// Normalisation.
    pub norm: Norm,
    /// Seed of weights and inputs.
    pub seed: u64,
}

/// The layers view's network: `depth` layers of `width × width` weights, each with the spec's
/// activation, and its input batch.
#[derive(Clone, Debug)]
pub struct Network {
    /// What it was built from.
    pub spec: NetworkSpec,
    /// The layers and their parameters (every bias is the spec's `bias`).
    pub mlp: Mlp,
    /// The input batch, `batch × width`, row-major; for a shard, only its rows.
    pub input: Vec<f32>,
}

/// What a forward (and backward) pass recorded, per layer (index 0 = first hidden layer).
#[derive(Clone, Debug, Default)]
pub struct Pass {
    /// ẑ_l: the values f is applied to (after normalisation, if any).
    pub pre_activations: Vec<Vec<f32>>,
    /// a_l: each layer's output.
    pub activations: Vec<Vec<f32>>,
    /// Normalisation scales σ (per unit for batch norm, per sample for layer norm).
    norm_scales: Vec<Vec<f64>>,
    /// δ_l = ∂L/∂z_l (before normalisation), filled by `backward`.
    pub deltas: Vec<Vec<f32>>,
    /// ‖∂L/∂W_l‖ (Frobenius), filled by `backward`.
    pub grad_weight_norms: Vec<f64>,
    /// L = ½·mean(a_L²).
    pub loss: Option<f64>,
    /// The first layer (1-based) whose pre-activations were not finite; the pass stops there.
    pub overflow_at: Option<usize>,
    /// Per layer, Σ f'(z) and the count of small |f'(z)|, gathered by the backward pass so the
    /// layer statistics need not evaluate f' again.
    pub(crate) slopes: Vec<SlopeSummary>,
}

impl Network {
    /// The network with only the samples `rows` of its input (a shard of the batch, for passes
    /// split over workers): the same weights and the same rows as [`Network::new`] draws, and
    /// its loss still averages over the whole batch, so the shards' losses and gradients add up
    /// to the whole batch's.
    pub fn with_rows(spec: NetworkSpec, rows: std::ops::Range<usize>) -> Result<Network, Error> {
        let mut network = Network::new(spec)?;
        let w = network.spec.width;
        let end = rows.end.min(network.spec.batch);
        let start = rows.start.min(end);
        network.input.truncate(end * w);
        network.input.drain(..start * w);
        Ok(network)
    }

    /// Samples in this network's input (the whole batch, or a shard's rows).
    pub fn rows(&self) -> usize {
        self.input.len() / self.spec.width.max(1)
    }

    /// Values L averages over: every output of the whole batch.
    fn loss_count(&self) -> usize {
        (self.spec.batch * self.spec.width).max(1)
    }

    /// The forward pass over the stored input.
    pub fn forward(&self) -> Pass {
        let b = self.rows();
        let mlp = &self.mlp;
        let mut pass = Pass::default();
        for (l, layer) in mlp.layers.iter().enumerate() {
            let previous = pass.activations.last().unwrap_or(&self.input);
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let grid = Grid::row_major(b, fan_out);
            let mut z = vec![0.0f32; b * fan_out];
            matmul(
                View::new(previous, b, fan_in),
                View::new(mlp.weights(l), fan_in, fan_out),
                &mut z,
            );
            let biases = mlp.biases(l);
            if biases.iter().any(|v| *v != 0.0) {
                for row in z.chunks_exact_mut(fan_out) {
                    row.iter_mut().zip(biases).for_each(|(v, b)| *v += b);
                }
            }
            let scales = normalise(&mut z, grid, mlp.norm_of(l));
            let mut a = vec![0.0f32; b * fan_out];
            // Applies f and checks z and f(z) for overflow.
            let mut finite = match &layer.activation {
                Some(f) => f.forward(&mlp.params, &z, &mut a, grid, Mode::Inspect),
                None => {
                    a.copy_from_slice(&z);
                    true
                }
            };
            if finite && mlp.skips(l) {
                a.iter_mut().zip(previous).for_each(|(a, p)| {
                    *a += p;
                    finite &= a.is_finite();
                });
            }
            if !finite {
                pass.overflow_at = Some(l + 1);
                return pass;
            }
            pass.pre_activations.push(z);
            pass.norm_scales.push(scales);
            pass.activations.push(a);
        }
        let last = pass.activations.last().unwrap_or(&self.input);
        let sum_sq: f64 = last.iter().map(|v| f64::from(*v).powi(2)).sum();
        pass.loss = Some(0.5 * sum_sq / self.loss_count() as f64);
        pass
    }

    /// Per unit of layer `l` (0-based) of `pass`, how many of its examples give f(ẑ) exactly 0
    /// in f32 (before a skip adds the input back). Kept per unit rather than summed: a unit at
    /// the row count is dead (it carries nothing forward for any example, and a ReLU's gets no
    /// gradient), which zeros spread over many units are not; and shards' counts add up to the
    /// whole batch's.
    pub fn zero_outputs(&self, pass: &Pass, l: usize) -> Vec<u64> {
        let width = self.mlp.layers[l].fan_out;
        if self.mlp.skips(l) {
            // a = a_(l−1) + f(ẑ) hides f's zeros, so f is evaluated again (its output is not kept).
            let f = &self.spec.activation;
            zeros_per_column(&pass.pre_activations[l], width, |z| {
                f.value(f64::from(z)) as f32 == 0.0
            })
        } else {
            zeros_per_column(&pass.activations[l], width, |a| a == 0.0)
        }
    }

    /// The backward pass: fills `deltas` and `grad_weight_norms`, and hands each layer's full
    /// ∂L/∂W to `on_gradient(layer_index, gradient)` (the gradient check reads it there).
    pub fn backward(&self, pass: &mut Pass, on_gradient: impl FnMut(usize, &[f32])) {
        self.backward_counting_saturated(pass, f64::NEG_INFINITY, Some(on_gradient));
    }

    /// [`Network::backward`], also counting per layer the units with |f'(z)| below
    /// `saturation_threshold` (kept in the pass for the layer statistics). Without
    /// `on_gradient` only ∂L/∂W's norms are kept, and for a few rows they are taken without
    /// forming ∂L/∂W ([`outer_norm`]: a preview's backward is then little more than its δ).
    pub fn backward_counting_saturated(
        &self,
        pass: &mut Pass,
        saturation_threshold: f64,
        on_gradient: Option<impl FnMut(usize, &[f32])>,
    ) {
        self.backward_with(pass, saturation_threshold, |_| true, on_gradient);
    }

    /// The backward pass with ∂L/∂W of the first and the last layer only (the other layers'
    /// `grad_weight_norms` are NaN): every δ, and a third fewer multiply-adds, for the phase
    /// map's cells, which read δ and the two ends. Their norms come from ∂L/∂W formed, as the
    /// whole backward pass's do (tests/phase_measure.rs holds them equal).
    pub fn backward_ends(&self, pass: &mut Pass) {
        let last = self.mlp.layers.len().saturating_sub(1);
        let formed = Some(|_: usize, _: &[f32]| {});
        self.backward_with(pass, f64::NEG_INFINITY, |l| l == 0 || l == last, formed);
    }

    /// The backward pass, taking ∂L/∂W's norm for the layers `weights_of` names, and handing
    /// ∂L/∂W itself to `on_gradient` when there is one.
    fn backward_with(
        &self,
        pass: &mut Pass,
        saturation_threshold: f64,
        weights_of: impl Fn(usize) -> bool,
        mut on_gradient: Option<impl FnMut(usize, &[f32])>,
    ) {
        let mlp = &self.mlp;
        let depth = mlp.layers.len();
        if pass.overflow_at.is_some() || pass.activations.len() != depth || depth == 0 {
            return;
        }
        let b = self.rows();
        let n = self.loss_count() as f32;
        let mut delta_a: Vec<f32> = pass.activations[depth - 1].iter().map(|a| a / n).collect();
        let mut grad = Vec::new();
        let mut deltas = vec![Vec::new(); depth];
        let mut norms = vec![0.0; depth];
        let mut slopes = vec![SlopeSummary::default(); depth];
        for (l, layer) in mlp.layers.iter().enumerate().rev() {
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let grid = Grid::row_major(b, fan_out);
            let z = &pass.pre_activations[l];
            let skips = mlp.skips(l);
            // δ = ∂L/∂a · f'(z), in place in ∂L/∂a's buffer unless the skip still needs it.
            let mut delta = if skips {
                delta_a.clone()
            } else {
                std::mem::take(&mut delta_a)
            };
            if let Some(f) = &layer.activation {
                // Without skips the stored output is f(z) itself, so f′ comes from it.
                slopes[l] = f.backward(
                    &mlp.params,
                    z,
                    (!skips).then(|| pass.activations[l].as_slice()),
                    &mut delta,
                    None,
                    grid,
                    Mode::Inspect,
                    saturation_threshold,
                );
            }
            normalise_backward(&mut delta, z, &pass.norm_scales[l], grid, mlp.norm_of(l));
            let previous = if l == 0 {
                &self.input
            } else {
                &pass.activations[l - 1]
            };
            if !weights_of(l) {
                norms[l] = f64::NAN;
            } else if on_gradient.is_none() && outer_norm_is_cheaper(b, fan_in, fan_out) {
                norms[l] = outer_norm(previous, &delta, b);
            } else {
                grad.resize(fan_in * fan_out, 0.0);
                matmul(
                    View::transpose_of(previous, b, fan_in),
                    View::new(&delta, b, fan_out),
                    &mut grad,
                );
                norms[l] = norm(&grad);
                if let Some(hand) = on_gradient.as_mut() {
                    hand(l, &grad);
                }
            }
            if l == 0 {
                // Nothing reads ∂L/∂x.
                deltas[l] = delta;
                break;
            }
            let mut delta_previous = vec![0.0f32; b * fan_in];
            matmul(
                View::new(&delta, b, fan_out),
                View::transpose_of(mlp.weights(l), fan_in, fan_out),
                &mut delta_previous,
            );
            if skips {
                delta_previous
                    .iter_mut()
                    .zip(&delta_a)
                    .for_each(|(p, d)| *p += d);
            }
            deltas[l] = delta;
            delta_a = delta_previous;
        }
        pass.deltas = deltas;
        pass.grad_weight_norms = norms;
        pass.slopes = slopes;
    }
}

/// Per column of the row-major `values` (`width` columns), how many of its values are zero by
/// `is_zero`; generic so the common test `a == 0` compiles to a vector loop.
fn zeros_per_column(values: &[f32], width: usize, is_zero: impl Fn(f32) -> bool) -> Vec<u64> {
    let mut counts = vec![0u64; width];
    for row in values.chunks_exact(width.max(1)) {
        for (count, v) in counts.iter_mut().zip(row) {
            *count += u64::from(is_zero(*v));
        }
    }
    counts
}
