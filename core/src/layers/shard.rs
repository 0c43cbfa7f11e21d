//! The layers experiment split by samples, so the page can run it on several workers at once.
//!
//! Each [`Shard`] runs the whole network on its slice of the batch and reports what adds up
//! ([`Partial`], in `partial.rs`): moments, counts (zeros per unit), f′ sums, column hashes,
//! ∂L/∂W and a sample of its values. [`Merge`](super::Merge) (in `merge.rs`) adds the partials,
//! picks the histogram ranges from the merged sample, adds the shards' histogram [`Counts`] and
//! builds the [`Snapshot`](super::Snapshot). Every row of a layer depends only on the same row
//! of the input, so the shards compute the very values one whole pass does, and every statistic
//! comes out as over the whole batch; only sums (means, ∂L/∂W) may round differently in their
//! last bits. Batch norm couples the rows, so it runs as one shard. `layers::run` is one shard
//! through the same code.

use super::partial::{Counts, Partial, PartialLayer, PartialSummary, Ranges, KINDS};
use super::stats::{column_hashes, Histogram, Moments, RANGE_SAMPLE};
use super::{saturation_threshold, DescribesNetwork, BINS};
use crate::error::Error;
use crate::mlp::network::{Network, NetworkSpec, Norm, Pass};
use std::ops::Range;

/// One shard: the network run on rows `rows` of the batch.
#[derive(Debug)]
pub struct Shard {
    index: usize,
    count: usize,
    rows: Range<usize>,
    network: Network,
    pass: Pass,
    /// ∂L/∂W of each layer over this shard's rows, kept only when there are other shards to add.
    gradients: Vec<Vec<f32>>,
}

/// Fewest samples a shard is given: below this a worker's start-up costs more than it saves.
pub const MIN_SHARD_ROWS: usize = 64;

/// Most ∂L/∂W values (width² × depth) a shard hands over for the merge to add up: 4 Mi floats,
/// 16 MB. The cs231n network has 2.5 M; a 64-layer network of 1024 units would have 67 M
/// (268 MB per shard, and the page's thread adding them up for over a second), so such a
/// network runs as one shard, which keeps only each layer's norm.
pub const SHARD_GRADIENT_BUDGET: usize = 4 << 20;

/// How many shards to split the pass `config` describes into, with `workers` available: one
/// for batch norm (it couples the rows) or over `SHARD_GRADIENT_BUDGET` (4 Mi floats of ∂L/∂W),
/// else one per worker while each gets at least `MIN_SHARD_ROWS` (64) samples.
pub fn shard_count(config: &impl DescribesNetwork, workers: usize) -> Result<usize, Error> {
    let spec = config.network_spec()?;
    let gradient = spec.width * spec.width * spec.depth;
    Ok(
        if spec.norm == Norm::Batch || gradient > SHARD_GRADIENT_BUDGET {
            1
        } else {
            workers.clamp(1, (spec.batch / MIN_SHARD_ROWS).max(1))
        },
    )
}

/// The rows of shard `index` of `count`: consecutive, sizes differing by at most one.
pub(super) fn rows_of(batch: usize, index: usize, count: usize) -> Range<usize> {
    batch * index / count..batch * (index + 1) / count
}

/// The rows of shard `index` of `count` of a batch, or why there is no such shard.
pub fn shard_rows(batch: usize, index: usize, count: usize) -> Result<Range<usize>, Error> {
    if index >= count {
        return Err(conflict(format!("shard {index} of {count} does not exist")));
    }
    Ok(rows_of(batch, index, count))
}

/// A request from the worker pool that does not fit: the page's bug, not the reader's input.
pub(super) fn conflict(message: String) -> Error {
    Error::Internal { detail: message }
}

impl Shard {
    /// Runs the forward and backward pass of shard `index` of `count`.
    pub fn run(config: &impl DescribesNetwork, index: usize, count: usize) -> Result<Shard, Error> {
        let spec = config.network_spec()?;
        if count > 1 && spec.norm == Norm::Batch {
            return Err(conflict(
                "batch norm normalises over the whole batch, so its pass cannot be split into shards"
                    .into(),
            ));
        }
        let rows = shard_rows(spec.batch, index, count)?;
        let network = Network::with_rows(spec.clone(), rows.clone())?;
        let mut pass = network.forward();
        // The backward pass evaluates f'(z) anyway; it sums it and counts the saturated units
        // on the way.
        let threshold = saturation_threshold(spec.activation.properties().max_abs_derivative);
        // ∂L/∂W itself only where shards' are added up; a lone shard needs only its norms.
        let mut gradients = vec![Vec::new(); if count > 1 { spec.depth } else { 0 }];
        let keep = |l: usize, g: &[f32]| {
            if let Some(slot) = gradients.get_mut(l) {
                *slot = g.to_vec();
            }
        };
        network.backward_counting_saturated(&mut pass, threshold, (count > 1).then_some(keep));
        Ok(Shard {
            index,
            count,
            rows,
            network,
            pass,
            gradients,
        })
    }

    fn spec(&self) -> &NetworkSpec {
        &self.network.spec
    }

    /// Which values of a layer go into the sample the histogram ranges are picked from: every
    /// `stride`-th of all layers' values laid end to end over the whole batch, so the merged
    /// sample is the same whatever the sharding.
    fn sample(&self, layer: usize, values: &[f32]) -> Vec<f32> {
        let spec = self.spec();
        let per_layer = spec.batch * spec.width;
        let stride = (spec.depth * per_layer).div_ceil(RANGE_SAMPLE).max(1);
        let first = layer * per_layer + self.rows.start * spec.width;
        let skip = (stride - first % stride) % stride;
        values.iter().skip(skip).step_by(stride).copied().collect()
    }

    /// What adds up across shards, with this shard's ∂L/∂W when there are others (handed over:
    /// the shard keeps no copy).
    pub fn partial(&mut self) -> Partial {
        let gradients = std::mem::take(&mut self.gradients).concat();
        let spec = self.spec();
        let f = &spec.activation;
        let pass = &self.pass;
        let mut samples = Vec::new();
        let layers = pass
            .activations
            .iter()
            .enumerate()
            .map(|(l, a)| {
                let z = &pass.pre_activations[l];
                let delta = pass.deltas.get(l).map_or(&[][..], Vec::as_slice);
                let (slope_sum, below) = match pass.slopes.get(l) {
                    Some(s) => (s.sum, s.below),
                    // No backward pass (an overflow): f' is evaluated here.
                    None => {
                        let threshold = saturation_threshold(f.properties().max_abs_derivative);
                        z.iter().fold((0.0, 0usize), |(sum, below), v| {
                            let slope = f.derivative(f64::from(*v));
                            (sum + slope, below + usize::from(slope.abs() < threshold))
                        })
                    }
                };
                let saturated = if f.properties().max_abs_derivative == 0.0 {
                    z.len()
                } else {
                    below
                };
                let unit_zeros = self.network.zero_outputs(pass, l);
                let mut lengths = [0; KINDS];
                for (length, values) in lengths.iter_mut().zip([a, z, delta]) {
                    let sample = self.sample(l, values);
                    *length = sample.len();
                    samples.extend(sample);
                }
                let finite = a.iter().filter(|v| v.is_finite());
                let extremes = finite.fold(None, |range: Option<[f64; 2]>, v| {
                    let v = f64::from(*v);
                    Some(range.map_or([v, v], |[lo, hi]| [lo.min(v), hi.max(v)]))
                });
                PartialLayer {
                    activations: Moments::of(a),
                    pre_activations: Moments::of(z),
                    deltas: Moments::of(delta),
                    saturated: saturated as u64,
                    unit_zeros,
                    slope_sum,
                    extremes,
                    column_hashes: column_hashes(a, self.rows.len(), spec.width),
                    sample_lengths: lengths,
                }
            })
            .collect();
        Partial {
            summary: PartialSummary {
                index: self.index,
                count: self.count,
                rows: self.rows.len(),
                layers,
                loss: pass.loss,
                overflow_at: pass.overflow_at,
                grad_weight_norms: pass.grad_weight_norms.clone(),
            },
            samples,
            gradients,
        }
    }

    /// A lone shard's (a pass of `count` 1, such as a preview) histogram ranges and its counts
    /// over them, from its `partial`: the ranges a [`Merge`](super::Merge) of that partial
    /// picks, so its worker can send the counts with the partial and the page waits for one
    /// reply instead of two.
    pub fn lone_counts(&self, partial: &Partial) -> Result<(Ranges, Counts), Error> {
        if self.count != 1 {
            return Err(conflict(format!(
                "shard {} of {} is not alone: its ranges come from every shard's sample",
                self.index, self.count
            )));
        }
        let mut merge = super::Merge::new(self.spec())?;
        merge.add(partial.clone())?;
        let ranges = merge.ranges()?;
        Ok((ranges, self.counts(&ranges)))
    }

    /// This shard's histogram counts over the merged ranges.
    pub fn counts(&self, ranges: &Ranges) -> Counts {
        let pass = &self.pass;
        let layers = (0..pass.activations.len())
            .map(|l| {
                let delta = pass.deltas.get(l).map_or(&[][..], Vec::as_slice);
                [
                    (pass.activations[l].as_slice(), ranges.activations),
                    (pass.pre_activations[l].as_slice(), ranges.pre_activations),
                    (delta, ranges.deltas),
                ]
                .map(|(values, (lo, hi))| Histogram::new(values, lo, hi, BINS).counts)
            })
            .collect();
        Counts {
            index: self.index,
            layers,
        }
    }
}
