//! Inside a training run: per hidden layer, the distribution of its values at a record, what the
//! layers view shows at initialisation followed over training (mean, spread, saturated and zero
//! shares, dead units, and optionally a histogram of a, ẑ or δ).
//!
//! Taken on the whole training set in evaluation mode (batch norm by its running statistics, as
//! the test loss), except δ, which is the last training step's batch (what the step learned
//! from; none before the first step).

use super::model::{Model, Scratch};
use crate::activation::Activation;
use crate::layers::{Histogram, Moments};
use crate::layers::{HistogramSource, SATURATED_FRACTION};
use crate::mlp::layer::{Grid, Mode};
use serde::{Deserialize, Serialize};

/// Bins of a training histogram: fewer than the layers view's, for small multiples.
pub const TRAIN_BINS: usize = 24;

/// One hidden layer at one record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LayerRecord {
    /// Mean of the layer's outputs a over the training set.
    pub mean: f64,
    /// Standard deviation of a.
    pub std: f64,
    /// Share of the values with |f′(ẑ)| under 1 % of the activation's largest |f′| (the layers
    /// view's rule): the gradient barely passes there.
    pub saturated: f64,
    /// Share of the values f(ẑ) exactly 0 in f32.
    pub zero: f64,
    /// Units whose f(ẑ) is 0 for every training example (a dead ReLU gets no gradient).
    pub dead: usize,
    /// Units in the layer (`dead` is out of these).
    #[serde(default)]
    pub units: usize,
    /// Standard deviation of δ = ∂L/∂z on the last training batch (0 before the first step).
    pub delta_std: f64,
    /// Per unit of this layer, the majority sign's share of its incoming weight gradients on
    /// the last training batch, averaged over the layer ([`super::signs`]): 1 when every
    /// weight of each unit moves the same way, the zig-zag after a layer that is not
    /// zero-centred; `None` before the first step.
    #[serde(default)]
    pub grad_sign_agreement: Option<f64>,
    /// The histogram of the chosen values, when asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub histogram: Option<Histogram>,
    /// The histograms of a, ẑ and δ together, when the run keeps all three ([`Trainer::inside`]
    /// (super::Trainer::inside)): the page's history moves them out after each record, so a
    /// toggle can switch between them at any recorded step.
    #[serde(skip)]
    pub all: Option<Box<[Histogram; 3]>>,
}

/// The threshold under which |f′| counts as saturated for each hidden layer's activation.
pub fn saturation_thresholds(activations: &[Activation]) -> Vec<f64> {
    activations
        .iter()
        .map(|f| SATURATED_FRACTION * f.properties().max_abs_derivative)
        .collect()
}

/// One layer's statistics, accumulated over chunks of examples.
#[derive(Default)]
struct Tally {
    moments: Moments,
    saturated: usize,
    zero: usize,
    count: usize,
    alive: Vec<bool>,
    kept: Vec<f32>,
    kept_a: Vec<f32>,
    kept_z: Vec<f32>,
}

/// Every hidden layer's statistics over the chunks of an evaluation pass
/// ([`Model::evaluate_with`]): feed it each chunk, then take the records.
pub struct Inspector {
    tallies: Vec<Tally>,
    thresholds: Vec<f64>,
    histograms: Option<HistogramSource>,
    /// Whether to keep all three histograms too.
    all: bool,
    z: Vec<f32>,
    f: Vec<f32>,
    ones: Vec<f32>,
}

impl Inspector {
    /// For `model`, with `thresholds` from [`saturation_thresholds`] and a histogram of
    /// `histograms`' values when asked.
    pub fn new(
        model: &Model,
        thresholds: Vec<f64>,
        histograms: Option<HistogramSource>,
    ) -> Inspector {
        let tallies = (0..model.hidden_layers())
            .map(|l| Tally {
                alive: vec![false; model.layers[l].fan_out],
                ..Tally::default()
            })
            .collect();
        Inspector {
            tallies,
            thresholds,
            histograms,
            all: false,
            z: Vec::new(),
            f: Vec::new(),
            ones: Vec::new(),
        }
    }

    /// Keeps the histograms of a, ẑ and δ on every record as well ([`LayerRecord::all`]).
    pub fn keeping_all(mut self, all: bool) -> Inspector {
        self.all = all;
        self
    }

    /// Adds a chunk of `batch` examples that `model` has just run forward into `scratch`.
    pub fn add(&mut self, model: &Model, scratch: &Scratch, batch: usize) {
        let stride = scratch.stride();
        for (l, tally) in self.tallies.iter_mut().enumerate() {
            let layer = &model.layers[l];
            let Some(activation) = &layer.activation else {
                continue;
            };
            // ẑ without the padding examples, which some kernels would count: unit-major rows of
            // `batch` values.
            self.z.clear();
            for row in scratch.pre_activations[l]
                .as_flattened()
                .chunks_exact(stride)
            {
                self.z.extend_from_slice(&row[..batch]);
            }
            let z = &self.z;
            let a = scratch.activations[l].as_flattened();
            // f(ẑ) itself: a is f(ẑ) plus the input where a skip adds it back.
            let grid = Grid::unit_major(batch, layer.fan_out, batch);
            self.f.clear();
            self.f.resize(z.len(), 0.0);
            activation.forward(&model.params, z, &mut self.f, grid, Mode::Inspect);
            // f′(ẑ)·1 counts the saturated values on the way.
            self.ones.clear();
            self.ones.resize(z.len(), 1.0);
            let threshold = self.thresholds.get(l).copied().unwrap_or(0.0);
            let slopes = activation.backward(
                &model.params,
                z,
                None,
                &mut self.ones,
                None,
                grid,
                Mode::Inspect,
                threshold,
            );
            tally.saturated += slopes.below;
            let rows = a
                .chunks_exact(stride)
                .zip(self.f.chunks_exact(batch))
                .zip(z.chunks_exact(batch));
            for (j, ((a, f), z)) in rows.enumerate() {
                let a = &a[..batch];
                tally.moments = tally.moments.merge(Moments::of(a));
                let zeros = f.iter().filter(|v| **v == 0.0).count();
                tally.zero += zeros;
                tally.alive[j] |= zeros < batch;
                match self.histograms {
                    Some(HistogramSource::Activations) => tally.kept.extend_from_slice(a),
                    Some(HistogramSource::PreActivations) => tally.kept.extend_from_slice(z),
                    _ => {}
                }
                if self.all {
                    tally.kept_a.extend_from_slice(a);
                    tally.kept_z.extend_from_slice(z);
                }
            }
            tally.count += batch * layer.fan_out;
        }
    }

    /// The records, with δ from the last training step kept in `scratch`.
    pub fn records(self, scratch: &Scratch) -> Vec<LayerRecord> {
        let (histograms, all) = (self.histograms, self.all);
        self.tallies
            .into_iter()
            .enumerate()
            .map(|(l, tally)| {
                let delta = scratch.deltas.get(l).map(Vec::as_slice).unwrap_or(&[]);
                let kept = if histograms == Some(HistogramSource::Deltas) {
                    delta
                } else {
                    &tally.kept
                };
                let total = tally.count.max(1) as f64;
                LayerRecord {
                    mean: tally.moments.mean,
                    std: tally.moments.std(),
                    saturated: tally.saturated as f64 / total,
                    zero: tally.zero as f64 / total,
                    dead: tally.alive.iter().filter(|a| !**a).count(),
                    units: tally.alive.len(),
                    delta_std: Moments::of(delta).std(),
                    grad_sign_agreement: None,
                    histogram: histograms.map(|_| histogram_over_range(kept, TRAIN_BINS)),
                    all: all.then(|| {
                        Box::new([
                            histogram_over_range(&tally.kept_a, TRAIN_BINS),
                            histogram_over_range(&tally.kept_z, TRAIN_BINS),
                            histogram_over_range(delta, TRAIN_BINS),
                        ])
                    }),
                }
            })
            .collect()
    }
}

/// The values' histogram over their own range (so a layer whose values all sit near 0 still
/// shows its shape; the range is in the edges).
pub(crate) fn histogram_over_range(values: &[f32], bins: usize) -> Histogram {
    // One pass for both ends: a record takes three of these per layer.
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    if lo > hi {
        return Histogram::new(&[], 0.0, 1.0, bins);
    }
    Histogram::new(values, f64::from(lo), f64::from(hi), bins)
}
