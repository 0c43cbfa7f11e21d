//! The layers experiment split by samples, so the page can run it on several workers at once.
//!
//! Each [`Shard`] runs the whole network on its slice of the batch and reports what adds up
//! ([`Partial`]): moments, counts, f′ sums, column hashes, ∂L/∂W and a sample of its values.
//! [`Merge`] adds the partials, picks the histogram ranges from the merged sample
//! ([`Merge::ranges`]), adds the shards' histogram [`Counts`] and builds the [`Snapshot`].
//! Every row of a layer depends only on the same row of the input, so the shards compute the
//! very values one whole pass does, and every statistic comes out as over the whole batch;
//! only sums (means, ∂L/∂W) may round differently in their last bits. Batch norm couples the
//! rows, so it runs as one shard. `layers::run` is one shard through the same code.

use super::{saturation_threshold, LayerStats, Snapshot, BINS, HISTOGRAM_TAIL};
use crate::config::Config;
use crate::error::Error;
use crate::network::{Network, NetworkSpec, Norm, Pass};
use crate::stats::{column_hashes, distinct, exact, fnv, quantile_range, Histogram, Moments};
use crate::stats::{FNV_OFFSET, RANGE_SAMPLE};
use crate::theory;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The three kinds of values a layer has a histogram of: a, z and δ, in that order.
const KINDS: usize = 3;
/// δ's place among them.
const DELTA: usize = 2;

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
/// for batch norm (it couples the rows) or over [`SHARD_GRADIENT_BUDGET`], else one per worker
/// while each gets at least [`MIN_SHARD_ROWS`] samples.
pub fn shard_count(config: &Config, workers: usize) -> Result<usize, Error> {
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
fn rows_of(batch: usize, index: usize, count: usize) -> Range<usize> {
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
fn conflict(message: String) -> Error {
    Error::Internal { detail: message }
}

impl Shard {
    /// Runs the forward and backward pass of shard `index` of `count`.
    pub fn run(config: &Config, index: usize, count: usize) -> Result<Shard, Error> {
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
        let mut gradients = vec![Vec::new(); if count > 1 { spec.depth } else { 0 }];
        network.backward_counting_saturated(&mut pass, threshold, |l, g| {
            if let Some(slot) = gradients.get_mut(l) {
                *slot = g.to_vec();
            }
        });
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
                // Without skips the stored output is f(z) (in f32, what the next layer sees), so
                // the costly f is only re-evaluated when a = a_prev + f(z).
                let zero = if spec.residual {
                    z.iter()
                        .filter(|v| f.value(f64::from(**v)) as f32 == 0.0)
                        .count()
                } else {
                    a.iter().filter(|v| **v == 0.0).count()
                };
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
                    zero: zero as u64,
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

/// One layer's share of a shard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialLayer {
    activations: Moments,
    pre_activations: Moments,
    deltas: Moments,
    saturated: u64,
    zero: u64,
    #[serde(with = "exact")]
    slope_sum: f64,
    /// The smallest and largest finite a, if any.
    extremes: Option<[f64; 2]>,
    column_hashes: Vec<u64>,
    /// How many sampled a, z and δ this layer put in [`Partial::samples`], in that order.
    sample_lengths: [usize; KINDS],
}

/// The small part of a [`Partial`]: JSON between the page's workers and the merging thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialSummary {
    index: usize,
    count: usize,
    rows: usize,
    layers: Vec<PartialLayer>,
    #[serde(with = "exact::option")]
    loss: Option<f64>,
    overflow_at: Option<usize>,
    /// ‖∂L/∂W‖ of this shard alone: the answer when it is the only shard.
    #[serde(with = "exact::vec")]
    grad_weight_norms: Vec<f64>,
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
    activations: (f64, f64),
    pre_activations: (f64, f64),
    deltas: (f64, f64),
}

/// One shard's histogram counts: per layer, for a, z and δ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    index: usize,
    layers: Vec<[Vec<u64>; KINDS]>,
}

/// Adds up the shards of one pass.
#[derive(Debug)]
pub struct Merge {
    spec: NetworkSpec,
    partials: Vec<Partial>,
    counts: Vec<Counts>,
    /// Picked once every shard has reported.
    ranges: Option<Ranges>,
}

fn symmetric(range: (f64, f64)) -> (f64, f64) {
    let m = range.0.abs().max(range.1.abs());
    if m.is_finite() && m > 0.0 {
        (-m, m)
    } else {
        (-1.0, 1.0)
    }
}

/// Ranges go to the workers as JSON, which has no infinities: no values at all gives (−1, 1).
fn finite_or_unit(range: (f64, f64)) -> (f64, f64) {
    if range.0.is_finite() && range.1.is_finite() {
        range
    } else {
        (-1.0, 1.0)
    }
}

impl Merge {
    /// An empty merge for the pass `config` describes.
    pub fn new(config: &Config) -> Result<Merge, Error> {
        Ok(Merge {
            spec: config.network_spec()?,
            partials: Vec::new(),
            counts: Vec::new(),
            ranges: None,
        })
    }

    /// Adds one shard's partial, checking it belongs to this pass.
    pub fn add(&mut self, partial: Partial) -> Result<(), Error> {
        let s = &partial.summary;
        let expected_count = self.partials.first().map_or(s.count, |p| p.summary.count);
        let (w, depth) = (self.spec.width, self.spec.depth);
        // Every layer up to the overflow, or all of them.
        let layers = s.overflow_at.map_or(depth, |at| at.saturating_sub(1));
        // A shard's ∂L/∂W comes with it when there are others to add it to and no overflow.
        let gradients = if s.count > 1 && s.overflow_at.is_none() {
            depth * w * w
        } else {
            0
        };
        // Summed without wrapping: the lengths come from outside.
        let sampled = s
            .layers
            .iter()
            .flat_map(|l| l.sample_lengths)
            .try_fold(0usize, usize::checked_add);
        let bad = if s.count != expected_count || s.index >= s.count {
            Some(format!(
                "shard {} of {} does not belong with the others",
                s.index, s.count
            ))
        } else if self.partials.iter().any(|p| p.summary.index == s.index) {
            Some(format!("shard {} was given twice", s.index))
        } else if s.rows != rows_of(self.spec.batch, s.index, s.count).len()
            || s.layers.len() != layers
            || s.overflow_at.is_some_and(|at| at == 0 || at > depth)
        {
            Some(format!(
                "shard {} was run with another batch or depth",
                s.index
            ))
        } else if s.layers.iter().any(|l| l.column_hashes.len() != w)
            || sampled != Some(partial.samples.len())
            || partial.gradients.len() != gradients
        {
            Some(format!("shard {}'s arrays have the wrong lengths", s.index))
        } else {
            None
        };
        match bad {
            Some(message) => Err(conflict(message)),
            None => {
                self.partials.push(partial);
                Ok(())
            }
        }
    }

    fn complete(&self) -> Result<usize, Error> {
        let count = self.partials.first().map_or(0, |p| p.summary.count);
        if count == 0 || self.partials.len() != count {
            return Err(conflict(format!(
                "{} of {count} shards have reported",
                self.partials.len()
            )));
        }
        Ok(count)
    }

    /// The first layer (1-based) any shard overflowed at.
    fn overflow_at(&self) -> Option<usize> {
        self.partials
            .iter()
            .filter_map(|p| p.summary.overflow_at)
            .min()
    }

    /// Layers every shard got through.
    fn layers(&self) -> usize {
        self.partials
            .iter()
            .map(|p| p.summary.layers.len())
            .min()
            .unwrap_or(0)
    }

    /// The merged sample of one kind (0 = a, 1 = z, 2 = δ) over the layers every shard has.
    /// After an overflow anywhere there is no δ: the whole batch's pass has no backward pass, so
    /// the shards that got through are not counted either.
    fn sample(&self, kind: usize) -> Vec<f32> {
        let layers = self.layers();
        let mut merged = Vec::new();
        if kind == DELTA && self.overflow_at().is_some() {
            return merged;
        }
        for p in &self.partials {
            let mut start = 0;
            for layer in &p.summary.layers[..layers] {
                let lengths = layer.sample_lengths;
                let offset = start + lengths[..kind].iter().sum::<usize>();
                merged.extend_from_slice(&p.samples[offset..offset + lengths[kind]]);
                start += lengths.iter().sum::<usize>();
            }
        }
        merged
    }

    /// The histogram ranges, shared by every layer: for a, the activation's own bounds where it
    /// has them (so tanh shows (−1, 1) as in the cs231n figures), else the central 99 % of the
    /// values; for z and δ, the central 99 % made symmetric.
    pub fn ranges(&mut self) -> Result<Ranges, Error> {
        self.complete()?;
        if let Some(ranges) = self.ranges {
            return Ok(ranges);
        }
        let properties = self.spec.activation.properties();
        let activations = match (properties.range_min, properties.range_max) {
            (Some(a), Some(b)) => {
                let layers = self.layers();
                let (lo, hi) = self
                    .partials
                    .iter()
                    .flat_map(|p| &p.summary.layers[..layers])
                    .filter_map(|l| l.extremes)
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), [l, h]| {
                        (lo.min(l), hi.max(h))
                    });
                (a.min(lo), b.max(hi))
            }
            _ => quantile_range(self.sample(0), HISTOGRAM_TAIL),
        };
        let ranges = Ranges {
            activations: finite_or_unit(activations),
            pre_activations: symmetric(quantile_range(self.sample(1), HISTOGRAM_TAIL)),
            deltas: symmetric(quantile_range(self.sample(DELTA), HISTOGRAM_TAIL)),
        };
        self.ranges = Some(ranges);
        Ok(ranges)
    }

    /// Adds one shard's histogram counts.
    pub fn add_counts(&mut self, counts: Counts) -> Result<(), Error> {
        let known = self
            .partials
            .iter()
            .find(|p| p.summary.index == counts.index);
        let fits = known.is_some_and(|p| {
            counts.layers.len() == p.summary.layers.len()
                && counts.layers.iter().flatten().all(|c| c.len() == BINS)
        });
        if !fits || self.counts.iter().any(|c| c.index == counts.index) {
            return Err(conflict(format!(
                "histogram counts from shard {} do not fit",
                counts.index
            )));
        }
        self.counts.push(counts);
        Ok(())
    }

    /// Every layer's statistics over the whole batch.
    pub fn finish(mut self) -> Result<Snapshot, Error> {
        let shards = self.complete()?;
        if self.counts.len() != shards {
            return Err(conflict(format!(
                "histogram counts from {} of {shards} shards",
                self.counts.len()
            )));
        }
        let ranges = self.ranges()?;
        let spec = &self.spec;
        let f = &spec.activation;
        let overflow_at = self.overflow_at();
        let layers = self.layers();
        let mut partials = self.partials;
        partials.sort_by_key(|p| p.summary.index);
        let mut counts = self.counts;
        counts.sort_by_key(|c| c.index);
        let grad_weight_norms = gradient_norms(spec, &partials, overflow_at.is_some());
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
        let histogram = |l: usize, kind: usize, (lo, hi): (f64, f64)| {
            let mut h = Histogram::new(&[], lo, hi, BINS);
            if kind == DELTA && overflow_at.is_some() {
                return h;
            }
            for c in &counts {
                h.counts
                    .iter_mut()
                    .zip(&c.layers[l][kind])
                    .for_each(|(total, n)| *total += n);
            }
            h
        };
        let stats = (0..layers)
            .map(|l| {
                let parts = partials.iter().map(|p| &p.summary.layers[l]);
                let merged = |pick: fn(&PartialLayer) -> Moments| {
                    parts
                        .clone()
                        .map(pick)
                        .fold(Moments::default(), Moments::merge)
                };
                let (a, z) = (merged(|p| p.activations), merged(|p| p.pre_activations));
                let delta = if overflow_at.is_some() {
                    Moments::default()
                } else {
                    merged(|p| p.deltas)
                };
                let n = (z.count.max(1)) as f64;
                let hashes = (0..spec.width)
                    .map(|j| {
                        parts
                            .clone()
                            .fold(FNV_OFFSET, |h, p| fnv(h, p.column_hashes[j]))
                    })
                    .collect();
                LayerStats {
                    index: l + 1,
                    mean: a.mean,
                    std: a.std(),
                    frac_saturated: parts.clone().map(|p| p.saturated).sum::<u64>() as f64 / n,
                    frac_zero: parts.clone().map(|p| p.zero).sum::<u64>() as f64 / n,
                    mean_derivative: parts.clone().map(|p| p.slope_sum).sum::<f64>() / n,
                    pre_mean: z.mean,
                    pre_std: z.std(),
                    delta_std: delta.std(),
                    grad_weight_norm: grad_weight_norms.get(l).copied().unwrap_or(0.0),
                    distinct_neurons: distinct(hashes),
                    theory_variance: plain.then(|| theory[l]),
                    histogram: histogram(l, 0, ranges.activations),
                    pre_histogram: histogram(l, 1, ranges.pre_activations),
                    delta_histogram: histogram(l, DELTA, ranges.deltas),
                }
            })
            .collect();
        let loss = if overflow_at.is_some() {
            None
        } else {
            partials.iter().map(|p| p.summary.loss).sum::<Option<f64>>()
        };
        Ok(Snapshot {
            activation: f.name().to_string(),
            init: spec.init,
            layers: stats,
            loss,
            overflow_at,
            variance_preserving_gain: theory::variance_preserving_gain(f),
            forward_multiply_adds: (spec.batch * spec.width * spec.width * spec.depth) as f64,
        })
    }
}

/// ‖∂L/∂W‖ per layer: a lone shard's own, else the norm of the shards' summed gradients. After
/// an overflow there is no backward pass, so none.
fn gradient_norms(spec: &NetworkSpec, partials: &[Partial], overflowed: bool) -> Vec<f64> {
    match partials {
        _ if overflowed => Vec::new(),
        [only] => only.summary.grad_weight_norms.clone(),
        _ => {
            let size = spec.width * spec.width;
            let mut sum = vec![0.0f32; size * spec.depth];
            for p in partials {
                sum.iter_mut().zip(&p.gradients).for_each(|(s, g)| *s += g);
            }
            sum.chunks_exact(size.max(1))
                .map(|g| g.iter().map(|v| f64::from(*v).powi(2)).sum::<f64>().sqrt())
                .collect()
        }
    }
}
