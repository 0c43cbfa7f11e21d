//! Adds up the shards of one pass ([`Merge`]): checks that each [`Partial`] belongs to it, picks
//! the histogram ranges from the merged sample ([`Merge::ranges`]), adds the shards' histogram
//! [`Counts`] and builds the [`Snapshot`] with the mean-field prediction beside it.

use super::partial::{Counts, Partial, PartialLayer, Ranges, DELTA};
use super::shard::{conflict, rows_of};
use super::stats::{distinct, fnv, quantile_range, Histogram, Moments, FNV_OFFSET};
use super::theory;
use super::{DescribesNetwork, LayerStats, Snapshot, BINS, HISTOGRAM_TAIL};
use crate::error::Error;
use crate::mlp::network::{NetworkSpec, Norm};

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
    pub fn new(config: &impl DescribesNetwork) -> Result<Merge, Error> {
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
        } else if s
            .layers
            .iter()
            .any(|l| l.column_hashes.len() != w || l.unit_zeros.len() != w)
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

    /// Adds a lone shard's counts with the ranges it counted them over
    /// ([`Shard::lone_counts`](super::Shard::lone_counts)), once its partial is added: counts
    /// over other ranges than this merge picks would be drawn on the wrong axis.
    pub fn add_lone_counts(&mut self, (ranges, counts): (Ranges, Counts)) -> Result<(), Error> {
        if self.ranges()? != ranges {
            return Err(conflict(
                "the lone shard counted its histograms over other ranges than its merge picks"
                    .into(),
            ));
        }
        self.add_counts(counts)
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
        // The shards in index order, so the moments add up in the same order however the
        // workers' replies came in. `complete` checked the indices are 0..shards, each once, so
        // each goes to its place (a sort would compile another copy of itself into the module).
        // The counts are integers, whose sum is the same in any order.
        let mut placed: Vec<Option<Partial>> = (0..shards).map(|_| None).collect();
        for partial in self.partials {
            if let Some(slot) = placed.get_mut(partial.summary.index) {
                *slot = Some(partial);
            }
        }
        let partials: Vec<Partial> = placed.into_iter().flatten().collect();
        let counts = self.counts;
        let grad_weight_norms = gradient_norms(spec, &partials, overflow_at.is_some());
        let rows: u64 = partials.iter().map(|p| p.summary.rows as u64).sum();
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
                // A unit is dead only if it is zero in every shard's rows: its counts add up
                // to the batch.
                let unit_zeros: Vec<u64> = (0..spec.width)
                    .map(|j| parts.clone().map(|p| p.unit_zeros[j]).sum())
                    .collect();
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
                    frac_zero: unit_zeros.iter().sum::<u64>() as f64 / n,
                    dead_units: unit_zeros.iter().filter(|c| **c == rows).count(),
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
