//! The checks across keys: each key's own range was checked when it was set; these are the
//! combinations that can still be wrong.

use super::{Config, View};
use crate::error::Error;
use crate::train::dataset::Dataset;

/// Most work one training step may take, in multiply-adds: races × (weights + 50 × hidden units)
/// × (3 × batch-size + samples), see [`Config::check_training_budget`]. Measured in Chromium on
/// this project's 2-core test machine, a recorded step of about 43 million (six 8-8 networks on
/// 1000-example batches of 5000 samples) took about 35 ms; at this bound the heaviest step takes
/// about 10 ms, so on a phone three times slower it stays under the 50 ms after which a browser
/// calls a task long, and the page fits as many steps as its per-frame time budget allows.
/// Every lesson preset is within it (the dead-ReLU race, the heaviest, is about 11 million).
pub const TRAINING_BUDGET: usize = 15_000_000;

/// What one hidden unit's activation and its derivative cost, counted in multiply-adds: a
/// transcendental function (exp, tanh, erf) and its derivative take tens of nanoseconds where a
/// multiply-add in a matrix product takes under one.
pub const UNIT_COST: usize = 50;

/// What normalising one hidden unit costs on top of [`UNIT_COST`], in multiply-adds: its mean,
/// variance, scale and learned γ·ẑ + β forward, and the three sums of its backward pass.
pub const NORM_UNIT_COST: usize = 10;

/// Most work the phase map may take, in multiply-adds: cells² networks of depth layers, each a
/// forward and backward pass (3 products) of a batch × width by width × width matrix per layer.
/// The default map (24² × 30 × 64 × 64² × 3 = 13.6 billion) took about 5 s on this project's
/// 2-core machine in Chromium; this bound (about 11 s there) keeps a hostile link from tying up
/// the worker pool for hours.
pub const PHASE_BUDGET: u64 = 30_000_000_000;

/// Most values the network may hold per array (batch × width × depth): three f32 arrays of this
/// size (activations, pre-activations, deltas) are about 150 MB, what a browser tab can spare.
pub const MEMORY_BUDGET: usize = 12_000_000;

impl Config {
    /// Cross-key checks: each key's own range was checked when it was set.
    pub fn validate(&self) -> Result<(), Error> {
        if self.x_min >= self.x_max {
            return Err(Error::XRangeOrder {
                x_min: self.x_min,
                x_max: self.x_max,
            });
        }
        if self.target >= self.logits.len() {
            return Err(Error::TargetNotALogit {
                target: self.target,
                logits: self.logits.len(),
            });
        }
        // The layers view builds the network, so only it is held to the memory budget: the
        // curves view's chain readout may follow a depth no batch could afford.
        if self.view == View::Layers {
            self.check_memory_budget()?;
        }
        // Likewise only the training view trains: its budget keeps one step short enough to
        // leave the page's thread free between frames.
        if self.view == View::Train {
            self.check_training_budget()?;
        }
        if self.view == View::Phase {
            self.check_phase_budget()?;
        }
        if self.classes > 2 && !self.dataset.takes_classes() {
            return Err(Error::ClassesNeedDataset {
                classes: self.classes,
                dataset: self.dataset.to_string(),
                datasets: &["spiral", "gaussians"],
            });
        }
        if !self.layer_activations.is_empty() && self.layer_activations.len() != self.hidden.len() {
            return Err(Error::LayerCount {
                got: self.layer_activations.len(),
                hidden: self.hidden.clone(),
            });
        }
        for kind in &self.layer_activations {
            self.activation(*kind)?;
        }
        self.resolved_activations().map(|_| ())
    }

    /// Refuses a phase map over [`PHASE_BUDGET`].
    pub fn check_phase_budget(&self) -> Result<(), Error> {
        let (cells, depth, width, batch) = (
            self.phase_cells,
            self.phase_depth,
            self.phase_width,
            self.phase_batch,
        );
        let work = [cells, cells, depth, batch, width, width, 3]
            .into_iter()
            .fold(1u64, |w, n| w.saturating_mul(n as u64));
        if work > PHASE_BUDGET {
            return Err(Error::PhaseBudget {
                cells,
                depth,
                width,
                batch,
                work,
                budget: PHASE_BUDGET,
            });
        }
        Ok(())
    }

    /// Refuses a network over [`MEMORY_BUDGET`]: checked by the layers view's validation and
    /// again wherever a network is built from the config ([`Config::network_spec`]), whatever
    /// the view.
    pub fn check_memory_budget(&self) -> Result<(), Error> {
        let values = self
            .batch
            .saturating_mul(self.width)
            .saturating_mul(self.depth);
        if values > MEMORY_BUDGET {
            return Err(Error::MemoryBudget {
                batch: self.batch,
                width: self.width,
                depth: self.depth,
                values,
                budget: MEMORY_BUDGET,
                // Three f32 arrays of the budget, rounded as MEMORY_BUDGET's doc says it.
                megabytes: 150,
            });
        }
        Ok(())
    }

    /// Refuses batch norm in training on one example per step: the variance of a single value is
    /// 0, so every normalised pre-activation is 0 (ẑ = 0 / √ε) and no weight below it gets a
    /// gradient. (The training set always has two or more examples, so only `batch-size=1` gets
    /// here.) Checked with the training budget, wherever runs are built.
    pub fn check_batch_norm_batch(&self) -> Result<(), Error> {
        if self.norm == crate::norm::Norm::Batch && self.batch_size < 2 {
            return Err(Error::BatchNormOneExample {
                batch_size: self.batch_size,
            });
        }
        Ok(())
    }

    /// Refuses a training race whose one step would take more than [`TRAINING_BUDGET`]: a step
    /// trains every run on a batch (a forward and a backward pass, about three forward passes
    /// per example) and, when it records, evaluates every run on all the samples (one forward
    /// pass each); a forward pass per example costs the network's weights and biases in
    /// multiply-adds plus [`UNIT_COST`] per hidden unit. Checked by the training view's
    /// validation and again wherever runs are built ([`Config::train_specs`]).
    pub fn check_training_budget(&self) -> Result<(), Error> {
        self.check_batch_norm_batch()?;
        let races = if self.layer_activations.is_empty() {
            self.activations.len()
        } else {
            1
        };
        let inputs = if self.dataset == Dataset::Sine { 1 } else { 2 };
        let outputs = if self.dataset.takes_classes() && self.classes > 2 {
            self.classes
        } else {
            1
        };
        let widths = std::iter::once(inputs)
            .chain(self.hidden.iter().copied())
            .chain(std::iter::once(outputs));
        let layers: Vec<usize> = widths.collect();
        let weights: usize = layers
            .windows(2)
            .map(|pair| (pair[0] + 1).saturating_mul(pair[1]))
            .sum();
        let units: usize = self.hidden.iter().sum();
        // Normalisation adds a learned γ and β per hidden unit and its own per-unit work, both
        // stated in the sentence's terms (weights, and the cost per unit).
        let (weights, unit_cost) = if self.norm == crate::norm::Norm::None {
            (weights, UNIT_COST)
        } else {
            (
                weights.saturating_add(units.saturating_mul(2)),
                UNIT_COST + NORM_UNIT_COST,
            )
        };
        let work = races
            .saturating_mul(weights.saturating_add(unit_cost.saturating_mul(units)))
            .saturating_mul(
                self.batch_size
                    .saturating_mul(3)
                    .saturating_add(self.samples),
            );
        if work > TRAINING_BUDGET {
            return Err(Error::TrainingBudget {
                races,
                weights,
                units,
                unit_cost,
                batch_size: self.batch_size,
                samples: self.samples,
                work,
                budget: TRAINING_BUDGET,
            });
        }
        Ok(())
    }
}
