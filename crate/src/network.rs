//! A deep MLP in f32: `depth` hidden layers of `width` units, forward and backward over a batch.
//!
//! Layer l computes z_l = a_(l−1)·W_l + b, optionally normalises it (batch or layer norm, no
//! learned scale), applies f, and with `residual` adds its input back: a_l = a_(l−1) + f(ẑ_l).
//! The loss is L = ½·mean(a_L²) over every output value, so ∂L/∂a_L = a_L/(batch·width): a stated,
//! simple loss that lets every layer's gradient be measured.

use crate::activation::fast::Fast;
use crate::activation::{Activation, SlopeSummary};
use crate::error::Error;
use crate::init::Init;
use crate::linalg::{matmul, View};
use crate::random::SeededRng;
use rand::SeedableRng;
use rand_distr::{Distribution, Normal, Uniform};

/// Keeps batch/layer norm finite when a group has zero variance (PyTorch's default eps).
const NORM_EPSILON: f64 = 1e-5;

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
    /// Skip connections.
    pub residual: bool,
    /// Normalisation.
    pub norm: Norm,
    /// Seed of weights and inputs.
    pub seed: u64,
}

/// The network's weights: `depth` row-major `width × width` matrices.
#[derive(Clone, Debug)]
pub struct Network {
    /// What it was built from.
    pub spec: NetworkSpec,
    /// W_1 … W_depth.
    pub weights: Vec<Vec<f32>>,
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
    /// Draws weights and inputs from the seed.
    pub fn new(spec: NetworkSpec) -> Result<Network, Error> {
        let mut rng = SeededRng::seed_from_u64(spec.seed);
        let w = spec.width;
        let mut weights = Vec::with_capacity(spec.depth);
        for _ in 0..spec.depth {
            let mut layer = vec![0.0f32; w * w];
            spec.init.fill(&mut layer, w, w, &mut rng)?;
            weights.push(layer);
        }
        let mut input = vec![0.0f32; spec.batch * w];
        if spec.uniform_input {
            let uniform = Uniform::new_inclusive(-1.0f32, 1.0).map_err(|e| Error::Internal {
                detail: e.to_string(),
            })?;
            input.iter_mut().for_each(|x| *x = uniform.sample(&mut rng));
        } else {
            let normal = Normal::new(0.0f32, 1.0).map_err(|e| Error::Internal {
                detail: e.to_string(),
            })?;
            input.iter_mut().for_each(|x| *x = normal.sample(&mut rng));
        }
        Ok(Network {
            spec,
            weights,
            input,
        })
    }

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
        let (b, w) = (self.rows(), self.spec.width);
        let mut pass = Pass::default();
        for (l, weights) in self.weights.iter().enumerate() {
            let previous = pass.activations.last().unwrap_or(&self.input);
            let mut z = vec![0.0f32; b * w];
            matmul(View::new(previous, b, w), View::new(weights, w, w), &mut z);
            let bias = self.spec.bias as f32;
            if bias != 0.0 {
                z.iter_mut().for_each(|v| *v += bias);
            }
            let scales = normalise(&mut z, b, w, self.spec.norm);
            let mut a = vec![0.0f32; b * w];
            // Applies f and checks z and f(z) for overflow.
            let mut finite = match Fast::for_network(&self.spec.activation) {
                Some(fast) => fast.values_checked(&z, &mut a),
                None => self.spec.activation.values_f32(&z, &mut a),
            };
            if finite && self.spec.residual {
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

    /// The backward pass: fills `deltas` and `grad_weight_norms`, and hands each layer's full
    /// ∂L/∂W to `on_gradient(layer_index, gradient)` (the gradient check reads it there).
    pub fn backward(&self, pass: &mut Pass, on_gradient: impl FnMut(usize, &[f32])) {
        self.backward_counting_saturated(pass, f64::NEG_INFINITY, on_gradient);
    }

    /// [`Network::backward`], also counting per layer the units with |f'(z)| below
    /// `saturation_threshold` (kept in the pass for the layer statistics).
    pub fn backward_counting_saturated(
        &self,
        pass: &mut Pass,
        saturation_threshold: f64,
        mut on_gradient: impl FnMut(usize, &[f32]),
    ) {
        if pass.overflow_at.is_some() || pass.activations.len() != self.weights.len() {
            return;
        }
        let (b, w) = (self.rows(), self.spec.width);
        let n = self.loss_count() as f32;
        let mut delta_a: Vec<f32> = pass.activations[self.weights.len() - 1]
            .iter()
            .map(|a| a / n)
            .collect();
        let mut grad = vec![0.0f32; w * w];
        let mut deltas = vec![Vec::new(); self.weights.len()];
        let mut norms = vec![0.0; self.weights.len()];
        let mut slopes = vec![SlopeSummary::default(); self.weights.len()];
        for l in (0..self.weights.len()).rev() {
            let z = &pass.pre_activations[l];
            // δ = ∂L/∂a · f'(z), in place in ∂L/∂a's buffer unless the skip still needs it.
            let mut delta = if self.spec.residual {
                delta_a.clone()
            } else {
                std::mem::take(&mut delta_a)
            };
            slopes[l] = match Fast::for_network(&self.spec.activation) {
                // Without skips the stored output is f(z) itself, so f′ comes from it.
                Some(fast) => fast.scale_by_slopes_summarised(
                    z,
                    (!self.spec.residual).then(|| pass.activations[l].as_slice()),
                    &mut delta,
                    saturation_threshold,
                ),
                None => self.spec.activation.scale_by_derivatives_f32(
                    z,
                    &mut delta,
                    saturation_threshold,
                ),
            };
            normalise_backward(&mut delta, z, &pass.norm_scales[l], b, w, self.spec.norm);
            let previous = if l == 0 {
                &self.input
            } else {
                &pass.activations[l - 1]
            };
            matmul(
                View::transpose_of(previous, b, w),
                View::new(&delta, b, w),
                &mut grad,
            );
            norms[l] = grad
                .iter()
                .map(|g| f64::from(*g).powi(2))
                .sum::<f64>()
                .sqrt();
            on_gradient(l, &grad);
            let mut delta_previous = vec![0.0f32; b * w];
            matmul(
                View::new(&delta, b, w),
                View::transpose_of(&self.weights[l], w, w),
                &mut delta_previous,
            );
            if self.spec.residual {
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

/// Normalises z in place (batch: each unit over the batch; layer: each sample over the units)
/// and returns the σ of each group, which the backward pass needs.
fn normalise(z: &mut [f32], batch: usize, width: usize, norm: Norm) -> Vec<f64> {
    let groups: Vec<Vec<usize>> = match norm {
        Norm::None => return Vec::new(),
        Norm::Batch => (0..width)
            .map(|j| (0..batch).map(|i| i * width + j).collect())
            .collect(),
        Norm::Layer => (0..batch)
            .map(|i| (0..width).map(|j| i * width + j).collect())
            .collect(),
    };
    groups
        .iter()
        .map(|group| {
            let count = group.len() as f64;
            let mean = group.iter().map(|&k| f64::from(z[k])).sum::<f64>() / count;
            let var = group
                .iter()
                .map(|&k| (f64::from(z[k]) - mean).powi(2))
                .sum::<f64>()
                / count;
            let sigma = (var + NORM_EPSILON).sqrt();
            group
                .iter()
                .for_each(|&k| z[k] = ((f64::from(z[k]) - mean) / sigma) as f32);
            sigma
        })
        .collect()
}

/// Turns ∂L/∂ẑ into ∂L/∂z through the normalisation: (g − mean(g) − ẑ·mean(g·ẑ))/σ per group.
fn normalise_backward(
    delta: &mut [f32],
    normalised: &[f32],
    scales: &[f64],
    batch: usize,
    width: usize,
    norm: Norm,
) {
    let index = |group: usize, member: usize| match norm {
        Norm::Batch => member * width + group,
        _ => group * width + member,
    };
    let members = match norm {
        Norm::None => return,
        Norm::Batch => batch,
        Norm::Layer => width,
    };
    for (group, sigma) in scales.iter().enumerate() {
        let count = members as f64;
        let (mut mean_g, mut mean_gz) = (0.0, 0.0);
        for m in 0..members {
            let k = index(group, m);
            mean_g += f64::from(delta[k]);
            mean_gz += f64::from(delta[k]) * f64::from(normalised[k]);
        }
        mean_g /= count;
        mean_gz /= count;
        for m in 0..members {
            let k = index(group, m);
            delta[k] = ((f64::from(delta[k]) - mean_g - f64::from(normalised[k]) * mean_gz) / sigma)
                as f32;
        }
    }
}
