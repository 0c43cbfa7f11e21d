//! The layers experiment: a [`Config`] becomes a network, one forward and backward pass, and a
//! [`Snapshot`] of per-layer statistics with the mean-field prediction beside them.

use crate::activation::Activation;
use crate::config::Config;
use crate::error::Error;
use crate::init::{default_gain, Init};
use crate::network::{Network, NetworkSpec, Norm, Pass};
use crate::stats::{central_range, distinct_columns, finite_range, mean_std, Histogram};
use crate::theory;
use serde::{Deserialize, Serialize};

/// Bins per histogram.
pub const BINS: usize = 40;
/// Share of values left out at each end of an unbounded histogram range (they fall in the end
/// bins): 0.5 % keeps ReLU's long tail from squeezing the bulk into one bin.
pub const HISTOGRAM_TAIL: f64 = 0.005;
/// A unit is saturated when |f'(z)| is below this fraction of the activation's largest |f'|.
pub const SATURATED_FRACTION: f64 = 0.01;

/// One hidden layer's statistics (index 1 = first hidden layer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerStats {
    /// 1-based layer index.
    pub index: usize,
    /// Mean of the layer's outputs a.
    pub mean: f64,
    /// Standard deviation of a.
    pub std: f64,
    /// Share of units with |f'(z)| < 1 % of the largest |f'|: the gradient barely passes.
    pub frac_saturated: f64,
    /// Share of f(z) exactly 0 in f32 (dead ReLUs, or everything with zeros init and tanh).
    pub frac_zero: f64,
    /// Mean local derivative f'(z).
    pub mean_derivative: f64,
    /// Mean of the pre-activations z (after normalisation, if any).
    pub pre_mean: f64,
    /// Standard deviation of z.
    pub pre_std: f64,
    /// Standard deviation of δ = ∂L/∂z.
    pub delta_std: f64,
    /// ‖∂L/∂W‖ (Frobenius).
    pub grad_weight_norm: f64,
    /// Neurons whose outputs differ over the batch (1 = perfect symmetry).
    pub distinct_neurons: usize,
    /// The mean-field prediction of Var(z); `None` with residual or norm, where it does not apply.
    pub theory_variance: Option<f64>,
    /// Histogram of a (shared range across layers).
    pub histogram: Histogram,
    /// Histogram of z.
    pub pre_histogram: Histogram,
    /// Histogram of δ.
    pub delta_histogram: Histogram,
}

/// Everything the layers view and `actlab layers` show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The activation's name.
    pub activation: String,
    /// The resolved initialiser.
    pub init: Init,
    /// Per hidden layer, up to the overflow if there was one.
    pub layers: Vec<LayerStats>,
    /// L = ½·mean(a_L²); `None` after an overflow.
    pub loss: Option<f64>,
    /// The first layer whose values were not finite.
    pub overflow_at: Option<usize>,
    /// The gain that keeps Var(z) = 1 layer after layer for this activation, computed numerically.
    pub variance_preserving_gain: Option<f64>,
    /// Multiply-adds of one forward pass (for GFLOP/s).
    pub forward_multiply_adds: f64,
}

impl Config {
    /// The initialiser the config describes.
    pub fn resolved_init(&self) -> Init {
        let name = self.init_name();
        let gain = self.gain.unwrap_or_else(|| default_gain(name));
        match name {
            "zeros" => Init::Zeros,
            "constant" => Init::Constant { value: self.value },
            "uniform" => Init::Uniform { limit: self.limit },
            "xavier_normal" => Init::XavierNormal { gain },
            "xavier_uniform" => Init::XavierUniform { gain },
            "kaiming_normal" => Init::KaimingNormal { gain },
            "kaiming_uniform" => Init::KaimingUniform { gain },
            "lecun_normal" => Init::LecunNormal { gain },
            "orthogonal" => Init::Orthogonal { gain },
            _ => Init::Normal { std: self.std },
        }
    }

    /// The network the config describes; its activation is the first selected one.
    pub fn network_spec(&self) -> Result<NetworkSpec, Error> {
        let activation = self
            .resolved_activations()?
            .into_iter()
            .next()
            .unwrap_or(Activation::Tanh);
        Ok(NetworkSpec {
            activation,
            init: self.resolved_init(),
            depth: self.depth,
            width: self.width,
            batch: self.batch,
            uniform_input: self.input == "uniform",
            bias: self.bias,
            residual: self.residual,
            norm: match self.norm {
                "batch" => Norm::Batch,
                "layer" => Norm::Layer,
                _ => Norm::None,
            },
            seed: self.seed,
        })
    }
}

/// The shared histogram range for a's: the activation's own bounds where it has them (so tanh
/// shows (−1, 1) as in the cs231n figures), else what the data spans.
fn output_range(activation: &Activation, pass: &Pass) -> (f64, f64) {
    let properties = activation.properties();
    match (properties.range_min, properties.range_max) {
        (Some(a), Some(b)) => {
            let (lo, hi) = finite_range(pass.activations.iter());
            (a.min(lo), b.max(hi))
        }
        _ => central_range(pass.activations.iter(), HISTOGRAM_TAIL),
    }
}

fn symmetric(range: (f64, f64)) -> (f64, f64) {
    let m = range.0.abs().max(range.1.abs());
    if m.is_finite() && m > 0.0 {
        (-m, m)
    } else {
        (-1.0, 1.0)
    }
}

/// Builds the network, runs one forward and backward pass, and summarises every layer.
pub fn run(config: &Config) -> Result<Snapshot, Error> {
    let spec = config.network_spec()?;
    let network = Network::new(spec.clone())?;
    let mut pass = network.forward();
    // The backward pass evaluates f'(z) anyway; it sums it and counts the saturated units for
    // `summarise` on the way.
    let threshold = saturation_threshold(spec.activation.properties().max_abs_derivative);
    network.backward_counting_saturated(&mut pass, threshold, |_, _| {});
    Ok(summarise(&spec, &pass))
}

/// |f'| below this is saturated; `max_slope` is the activation's largest |f'|.
fn saturation_threshold(max_slope: f64) -> f64 {
    SATURATED_FRACTION * max_slope
}

/// Per-layer statistics of a finished pass.
pub fn summarise(spec: &NetworkSpec, pass: &Pass) -> Snapshot {
    let f = &spec.activation;
    let max_slope = f.properties().max_abs_derivative;
    let weight_variance = {
        let sd = spec.init.std(spec.width, spec.width);
        spec.width as f64 * (sd * sd + spec.init.mean().powi(2))
    };
    let input_second_moment = if spec.uniform_input { 1.0 / 3.0 } else { 1.0 };
    let plain = !spec.residual && spec.norm == Norm::None;
    let theory = theory::variance_map(
        f,
        weight_variance,
        spec.bias,
        input_second_moment,
        spec.depth,
    );
    let (a_lo, a_hi) = output_range(f, pass);
    let z_range = symmetric(central_range(pass.pre_activations.iter(), HISTOGRAM_TAIL));
    let d_range = symmetric(central_range(pass.deltas.iter(), HISTOGRAM_TAIL));
    let layers = pass
        .activations
        .iter()
        .enumerate()
        .map(|(l, a)| {
            let z = &pass.pre_activations[l];
            let n = z.len().max(1) as f64;
            let (mean, std) = mean_std(a);
            let (pre_mean, pre_std) = mean_std(z);
            // The backward pass summed f'(z) and counted the saturated units; f' is only
            // evaluated again here for a pass that did not (or counted against another bound).
            let threshold = saturation_threshold(max_slope);
            let (slope_sum, below) = match pass.slopes.get(l) {
                Some(s) if s.threshold.to_bits() == threshold.to_bits() => (s.sum, s.below),
                _ => z.iter().fold((0.0, 0usize), |(sum, below), v| {
                    let slope = f.derivative(f64::from(*v));
                    (sum + slope, below + usize::from(slope.abs() < threshold))
                }),
            };
            let saturated = if max_slope == 0.0 { z.len() } else { below };
            // Without skips the stored output is f(z) (in f32, what the next layer sees), so
            // the costly f is only re-evaluated when a = a_prev + f(z).
            let zero = if spec.residual {
                z.iter()
                    .filter(|v| f.value(f64::from(**v)) as f32 == 0.0)
                    .count()
            } else {
                a.iter().filter(|v| **v == 0.0).count()
            };
            let delta = pass.deltas.get(l).map_or(&[][..], Vec::as_slice);
            LayerStats {
                index: l + 1,
                mean,
                std,
                frac_saturated: saturated as f64 / n,
                frac_zero: zero as f64 / n,
                mean_derivative: slope_sum / n,
                pre_mean,
                pre_std,
                delta_std: mean_std(delta).1,
                grad_weight_norm: pass.grad_weight_norms.get(l).copied().unwrap_or(0.0),
                distinct_neurons: distinct_columns(a, spec.batch, spec.width),
                theory_variance: plain.then(|| theory[l]),
                histogram: Histogram::new(a, a_lo, a_hi, BINS),
                pre_histogram: Histogram::new(z, z_range.0, z_range.1, BINS),
                delta_histogram: Histogram::new(delta, d_range.0, d_range.1, BINS),
            }
        })
        .collect();
    Snapshot {
        activation: f.name().to_string(),
        init: spec.init,
        layers,
        loss: pass.loss,
        overflow_at: pass.overflow_at,
        variance_preserving_gain: theory::variance_preserving_gain(f),
        forward_multiply_adds: (spec.batch * spec.width * spec.width * spec.depth) as f64,
    }
}
