//! The layers experiment: a network spec (the config describes it, [`DescribesNetwork`]) becomes
//! a network, one forward and backward pass, and a [`Snapshot`] of per-layer statistics with the
//! mean-field prediction beside them.

use crate::error::Error;
use crate::init::Init;
use crate::mlp::network::NetworkSpec;
use serde::{Deserialize, Serialize};

mod merge;
mod partial;
mod preview;
mod shard;
mod source;
mod stats;
pub mod theory;
pub use merge::Merge;
pub use partial::{Counts, Partial, PartialSummary, Ranges};
pub use preview::{preview_rows, PREVIEW_ABOVE_MACS, PREVIEW_MACS, PREVIEW_MIN_ROWS};
pub use shard::{shard_count, shard_rows, Shard};
pub use source::HistogramSource;
pub use stats::{Histogram, Moments};

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
    /// Units whose output is exactly 0 for every example of the batch: dead units, a count of
    /// columns where `frac_zero` is a share of values.
    pub dead_units: usize,
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

/// What the layers experiment needs from a configuration: the network it describes. The
/// config implements it, so the experiment never reads the config itself.
pub trait DescribesNetwork {
    /// The network and its input, or why none can be built (over the memory budget, an
    /// activation that is not a curve).
    fn network_spec(&self) -> Result<NetworkSpec, Error>;
}

/// A network already described (a shard merging its own partial).
impl DescribesNetwork for NetworkSpec {
    fn network_spec(&self) -> Result<NetworkSpec, Error> {
        Ok(self.clone())
    }
}

/// Builds the network, runs one forward and backward pass, and summarises every layer: one
/// shard holding the whole batch, merged (the page splits the batch over its workers with the
/// same [`Shard`] and [`Merge`]).
pub fn run(config: &impl DescribesNetwork) -> Result<Snapshot, Error> {
    run_sharded(config, 1)
}

/// [`run`] with the batch split into `count` shards, run one after another: what the page's
/// workers compute in parallel, for tests and the CLI.
pub fn run_sharded(config: &impl DescribesNetwork, count: usize) -> Result<Snapshot, Error> {
    let mut shards = (0..count)
        .map(|index| Shard::run(config, index, count))
        .collect::<Result<Vec<_>, _>>()?;
    let mut merge = Merge::new(config)?;
    for shard in &mut shards {
        merge.add(shard.partial())?;
    }
    let ranges = merge.ranges()?;
    for shard in &shards {
        merge.add_counts(shard.counts(&ranges))?;
    }
    merge.finish()
}

/// |f'| below this is saturated; `max_slope` is the activation's largest |f'|.
fn saturation_threshold(max_slope: f64) -> f64 {
    SATURATED_FRACTION * max_slope
}
