//! One training step in slow motion (issue #14): the same step [`Trainer::step`] takes, with
//! what each stage computed kept so the page can show it stage by stage: the forward pass layer
//! by layer, the batch's loss, δ = ∂L/∂z reaching each layer on the way back, and the update
//! ‖ΔW‖ per layer with the loss on the same batch after it.

use super::inspect::{histogram_over_range, TRAIN_BINS};
use super::Trainer;
use crate::layers::{Histogram, Moments};
use crate::mlp::linalg::norm;
use serde::Serialize;

/// What one layer did in the slow step (hidden layers first, the output layer last).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlowLayer {
    /// The layer's outputs on the batch: a for a hidden layer (with the skip when it has one),
    /// the head's logits z for the output layer.
    pub outputs: Histogram,
    /// Mean of those outputs.
    pub mean: f64,
    /// Their standard deviation.
    pub std: f64,
    /// Root mean square of δ = ∂L/∂z over the batch's examples and the layer's units: the size
    /// of the gradient signal that reached the layer.
    pub delta_rms: f64,
    /// ‖∂L/∂W‖ (Frobenius) of the layer's weights.
    pub gradient_norm: f64,
    /// ‖W‖ before the update.
    pub weight_norm: f64,
    /// ‖ΔW‖, what the optimiser's update changed.
    pub update_norm: f64,
}

/// One step, taken slowly.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlowStep {
    /// The step's number (the run's step count after it).
    pub step: usize,
    /// Examples in the batch.
    pub batch: usize,
    /// Per layer, input side first.
    pub layers: Vec<SlowLayer>,
    /// The batch's mean loss before the update.
    pub loss: f64,
    /// The same batch's mean loss after it (batch norm still normalising by the batch).
    pub loss_after: f64,
}

/// A stage of the slow step, in the order the page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", content = "layer", rename_all = "kebab-case")]
pub enum Stage {
    /// Layer l (0-based) computes its outputs.
    Forward(usize),
    /// The head's loss on the batch.
    Loss,
    /// δ reaches layer l on the way back.
    Backward(usize),
    /// The optimiser changes every layer's weights.
    Update,
}

impl SlowStep {
    /// Every stage in order: forward from the first layer, the loss, backward from the output
    /// layer, the update.
    pub fn stages(&self) -> Vec<Stage> {
        let layers = self.layers.len();
        (0..layers)
            .map(Stage::Forward)
            .chain([Stage::Loss])
            .chain((0..layers).rev().map(Stage::Backward))
            .chain([Stage::Update])
            .collect()
    }
}

impl Trainer {
    /// Takes the next step exactly as [`Trainer::run`]`(1, record_every)` would (same batch,
    /// same update, a record on the same cadence), keeping what each stage computed. `None`
    /// once the run has diverged, when there is no step to take.
    pub fn step_slowly(&mut self, record_every: usize) -> Option<SlowStep> {
        if self.diverged_at.is_some() {
            return None;
        }
        self.next_batch();
        self.scratch.keep_deltas = true;
        let loss = self.model.gradient(
            &self.batch_inputs,
            &self.batch_targets,
            &mut self.grads,
            &mut self.scratch,
        );
        let batch = self.batch_targets.len();
        let stride = self.scratch.stride();
        let before = self.model.params.clone();
        let mut layers: Vec<SlowLayer> = (0..self.model.layers.len())
            .map(|l| {
                let layer = &self.model.layers[l];
                let rows = if layer.activation.is_some() {
                    &self.scratch.activations[l]
                } else {
                    &self.scratch.pre_activations[l]
                };
                let outputs: Vec<f32> = rows
                    .as_flattened()
                    .chunks_exact(stride)
                    .flat_map(|row| &row[..batch])
                    .copied()
                    .collect();
                let moments = Moments::of(&outputs);
                let delta = self.scratch.deltas.get(l).map(Vec::as_slice).unwrap_or(&[]);
                let weights = layer.weights..layer.weights + layer.fan_in * layer.fan_out;
                SlowLayer {
                    outputs: histogram_over_range(&outputs, TRAIN_BINS),
                    mean: moments.mean,
                    std: moments.std(),
                    delta_rms: norm(delta) / (delta.len().max(1) as f64).sqrt(),
                    gradient_norm: norm(&self.grads[weights.clone()]),
                    weight_norm: norm(&before[weights]),
                    update_norm: 0.0,
                }
            })
            .collect();
        self.apply_update();
        for (slow, layer) in layers.iter_mut().zip(&self.model.layers) {
            let weights = layer.weights..layer.weights + layer.fan_in * layer.fan_out;
            let moved: Vec<f32> = self.model.params[weights.clone()]
                .iter()
                .zip(&before[weights])
                .map(|(after, before)| after - before)
                .collect();
            slow.update_norm = norm(&moved);
        }
        // The same batch again, through the updated network, into a spare gradient buffer: the
        // record keeps the step's own gradient and δ.
        self.scratch.keep_deltas = false;
        let mut spare = vec![0.0; self.grads.len()];
        let loss_after = self.model.gradient(
            &self.batch_inputs,
            &self.batch_targets,
            &mut spare,
            &mut self.scratch,
        );
        if self.diverged_at.is_none() && self.steps % record_every.max(1) == 0 {
            self.record();
        }
        Some(SlowStep {
            step: self.steps,
            batch,
            layers,
            loss,
            loss_after,
        })
    }
}
