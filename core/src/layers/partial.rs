//! What crosses between the page's workers and the thread that merges their shards: each
//! shard's [`Partial`] (a summary in [`crate::wire`] words and two flat f32 arrays), the shared
//! histogram [`Ranges`] sent back, and each shard's histogram [`Counts`], both as words too. The fields stay private to
//! `layers`: only [`Shard`](super::Shard) fills them and only [`Merge`](super::Merge) reads them.

use super::stats::{exact, Moments};
use crate::wire::wire_struct;
use serde::{Deserialize, Serialize};

/// The three kinds of values a layer has a histogram of: a, z and δ, in that order.
pub(super) const KINDS: usize = 3;
/// δ's place among them.
pub(super) const DELTA: usize = 2;

/// One layer's share of a shard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialLayer {
    pub(super) activations: Moments,
    pub(super) pre_activations: Moments,
    pub(super) deltas: Moments,
    pub(super) saturated: u64,
    /// Per unit, how many of the shard's examples it output exactly 0 for: summed over the
    /// shards, the layer's zero count, and a unit at the batch size is dead.
    pub(super) unit_zeros: Vec<u64>,
    #[serde(with = "exact")]
    pub(super) slope_sum: f64,
    /// The smallest and largest finite a, if any.
    #[serde(with = "exact::option_pair")]
    pub(super) extremes: Option<[f64; 2]>,
    pub(super) column_hashes: Vec<u64>,
    /// How many sampled a, z and δ this layer put in [`Partial::samples`], in that order.
    pub(super) sample_lengths: [usize; KINDS],
}

/// The small part of a [`Partial`]: words between the page's workers and the merging thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialSummary {
    pub(super) index: usize,
    pub(super) count: usize,
    pub(super) rows: usize,
    pub(super) layers: Vec<PartialLayer>,
    #[serde(with = "exact::option")]
    pub(super) loss: Option<f64>,
    pub(super) overflow_at: Option<usize>,
    /// ‖∂L/∂W‖ of this shard alone: the answer when it is the only shard.
    #[serde(with = "exact::vec")]
    pub(super) grad_weight_norms: Vec<f64>,
}

/// What one shard contributes: a summary and two flat f32 arrays (typed arrays in the page).
#[derive(Clone, Debug, PartialEq)]
pub struct Partial {
    /// Moments, counts and hashes per layer.
    pub summary: PartialSummary,
    /// The sampled values, layer by layer, a then z then δ.
    pub samples: Vec<f32>,
    /// ∂L/∂W of every layer over this shard's rows, layer by layer (empty for a lone shard).
    pub gradients: Vec<f32>,
}

/// The shared histogram ranges, picked from the merged sample.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranges {
    pub(super) activations: (f64, f64),
    pub(super) pre_activations: (f64, f64),
    pub(super) deltas: (f64, f64),
}

/// One shard's histogram counts: per layer, for a, z and δ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub(super) index: usize,
    pub(super) layers: Vec<[Vec<u64>; KINDS]>,
}

wire_struct!(PartialLayer {
    activations,
    pre_activations,
    deltas,
    saturated,
    unit_zeros,
    slope_sum,
    extremes,
    column_hashes,
    sample_lengths,
});
wire_struct!(PartialSummary {
    index,
    count,
    rows,
    layers,
    loss,
    overflow_at,
    grad_weight_norms,
});
wire_struct!(Ranges {
    activations,
    pre_activations,
    deltas,
});
wire_struct!(Counts { index, layers });
