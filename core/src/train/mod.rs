//! The training lab: a small network trained live on a toy dataset, recording what a learner
//! needs to see why it learns or not: losses, accuracies, each layer's gradient norm, dead units
//! and the learned activation parameters.
//!
//! - [`dataset`]: the seeded datasets and their tasks;
//! - [`model`]: the MLP, its heads and its backward pass;
//! - [`optimizer`]: SGD, momentum and Adam;
//! - [`learned`]: whether activation parameters are trained, per layer or per unit;
//! - [`panels`]: the pictures a training widget may show, by name;
//! - this file: [`TrainSpec`] (the config builds it), [`Trainer`] (one run) and [`race`]
//!   (several runs on the same data and seed).

pub mod dataset;
pub mod inspect;
pub mod learned;
pub mod model;
pub mod optimizer;
pub mod panels;
pub mod presets;
pub mod report;
pub mod rewind;
pub mod signs;
pub mod slow;
pub mod snapshot;

pub use panels::PanelName;

use crate::activation::Activation;
use crate::error::Error;
use crate::init::Init;
use crate::layers::HistogramSource;
use crate::norm::Norm;
use crate::random::SeededRng;
use dataset::{Data, DatasetSpec, Task};
use model::{Model, Scratch};
use optimizer::{Optimizer, OptimizerState};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde::Serialize;

/// Where the decision surface is drawn: the data live in [−1, 1]², noise spills a little over.
pub const DOMAIN: (f64, f64) = (-1.25, 1.25);

/// Everything one run is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainSpec {
    /// How the run is named in a race: its activation(s).
    pub label: String,
    /// The data.
    pub dataset: DatasetSpec,
    /// Units per hidden layer.
    pub hidden: Vec<usize>,
    /// One activation per hidden layer.
    pub activations: Vec<Activation>,
    /// Whether learnable activation parameters are trained, and per unit (`Some(true)`) or per
    /// layer (`Some(false)`); `None` freezes them.
    pub learned: Option<bool>,
    /// The weight initialiser.
    pub init: Init,
    /// The update rule.
    pub optimizer: Optimizer,
    /// Step size.
    pub learning_rate: f64,
    /// Examples per step.
    pub batch_size: usize,
    /// L2 penalty on the weights.
    pub weight_decay: f64,
    /// Seed of the data, the weights and the batch order.
    pub seed: u64,
    /// Skip connections around every hidden layer whose fan_in equals its fan_out.
    pub residual: bool,
    /// Normalisation of every hidden layer's pre-activations, with a learned γ and β.
    pub norm: Norm,
    /// Which values each record's per-layer histograms count (`None`: no histograms, only the
    /// per-layer numbers).
    pub histograms: Option<HistogramSource>,
}

/// The three random streams of a run, derived from one seed so that the data do not change when
/// the network does, and the weights do not change when the batch order does.
fn streams(seed: u64) -> (SeededRng, SeededRng, SeededRng) {
    (
        SeededRng::seed_from_u64(seed),
        SeededRng::seed_from_u64(seed ^ 0x9E37_79B9_7F4A_7C15),
        SeededRng::seed_from_u64(seed ^ 0xD1B5_4A32_D192_ED03),
    )
}

/// One learned parameter's mean over its units, at each record.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct LearnedSeries {
    /// Hidden layer, 1-based.
    pub layer: usize,
    /// `slope` (PReLU), `beta` (Swish), `a1`… and `b1`… (APL), a formula's letter (`k`).
    pub name: String,
    /// The value at each record.
    pub values: Vec<f64>,
}

/// What a run recorded, one entry per record (every `record-every` steps, and step 0).
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct History {
    /// The step each record was taken after.
    pub steps: Vec<usize>,
    /// Mean loss over the training set.
    pub train_loss: Vec<f64>,
    /// Mean loss over the test set.
    pub test_loss: Vec<f64>,
    /// Share of the training set classified right (null for regression).
    pub train_accuracy: Vec<Option<f64>>,
    /// Share of the test set classified right (null for regression).
    pub test_accuracy: Vec<Option<f64>>,
    /// ‖∂L/∂W‖ of each layer (hidden layers, then the output layer) on the last batch.
    pub grad_norms: Vec<Vec<f64>>,
    /// Per hidden layer, the share of units that output 0 for every training example.
    pub dead_fraction: Vec<Vec<f64>>,
    /// Learned activation parameters.
    pub learned: Vec<LearnedSeries>,
    /// Per hidden layer, its distribution over the training set ([`inspect`]).
    #[serde(default)]
    pub layers: Vec<Vec<inspect::LayerRecord>>,
}

impl History {
    /// The first recorded step whose training loss is at or below `target`.
    pub fn steps_to(&self, target: f64) -> Option<usize> {
        self.train_loss
            .iter()
            .position(|loss| *loss <= target)
            .map(|i| self.steps[i])
    }
}

/// One training run.
#[derive(Clone, Debug)]
pub struct Trainer {
    /// What it trains.
    pub spec: TrainSpec,
    /// Its data.
    pub data: Data,
    /// The network.
    pub model: Model,
    optimizer: OptimizerState,
    grads: Vec<f32>,
    scratch: Scratch,
    order: Vec<usize>,
    cursor: usize,
    batch_rng: SeededRng,
    batch_inputs: Vec<f32>,
    batch_targets: Vec<f32>,
    /// Steps taken.
    pub steps: usize,
    /// The step at which the loss or a parameter stopped being finite; training stops there.
    pub diverged_at: Option<usize>,
    /// The records so far.
    pub history: History,
    /// Whether each record keeps the histograms of a, ẑ and δ too ([`inspect::LayerRecord::all`]),
    /// for the page's history to take.
    pub inside: bool,
}

impl Trainer {
    /// Generates the data, draws the weights and records step 0.
    pub fn new(spec: TrainSpec) -> Result<Trainer, Error> {
        Trainer::watched(spec, false)
    }

    /// [`Trainer::new`], keeping all three histograms on every record when `inside` (step 0's
    /// record included).
    pub fn watched(spec: TrainSpec, inside: bool) -> Result<Trainer, Error> {
        let (mut data_rng, mut weight_rng, batch_rng) = streams(spec.seed);
        let data = spec.dataset.generate(&mut data_rng);
        let model = Model::new(
            data.train.dims,
            &spec.hidden,
            &spec.activations,
            spec.learned,
            spec.init,
            data.task,
            (spec.residual, spec.norm),
            &mut weight_rng,
        )?;
        let count = model.params.len();
        let mut trainer = Trainer {
            optimizer: OptimizerState::new(spec.optimizer, count),
            grads: vec![0.0; count],
            scratch: Scratch::default(),
            order: (0..data.train.len()).collect(),
            cursor: usize::MAX,
            batch_rng,
            batch_inputs: Vec::new(),
            batch_targets: Vec::new(),
            steps: 0,
            diverged_at: None,
            history: History::default(),
            inside,
            spec,
            data,
            model,
        };
        trainer.record();
        Ok(trainer)
    }

    /// Adopts a new spec, keeping the weights and the step count where the network is the same
    /// (learning rate, optimiser, batch size, weight decay and fixed activations may change
    /// under a running network). Returns whether the run was kept; if not, it restarted.
    pub fn adapt(&mut self, spec: TrainSpec) -> Result<bool, Error> {
        let same_layout = |a: &TrainSpec, b: &TrainSpec| {
            a.dataset == b.dataset
                && a.hidden == b.hidden
                && a.init == b.init
                && a.seed == b.seed
                && a.learned == b.learned
                && a.residual == b.residual
                && a.norm == b.norm
                && a.activations.len() == b.activations.len()
                && a.activations.iter().zip(&b.activations).all(|(x, y)| {
                    let learnable = |act: &Activation| {
                        model::Learnable::of(act).filter(|_| a.learned.is_some())
                    };
                    match (learnable(x), learnable(y)) {
                        (None, None) => true,
                        (Some(x), Some(y)) => x == y,
                        _ => false,
                    }
                })
        };
        if self.diverged_at.is_some() || !same_layout(&self.spec, &spec) {
            *self = Trainer::watched(spec, self.inside)?;
            return Ok(false);
        }
        self.model.set_fixed_activations(&spec.activations);
        if spec.optimizer != self.spec.optimizer {
            self.optimizer = OptimizerState::new(spec.optimizer, self.model.params.len());
        }
        self.spec = spec;
        Ok(true)
    }

    /// The next batch's example indices: the training set in a shuffled order, reshuffled each
    /// epoch; a batch larger than the set takes the whole set.
    fn next_batch(&mut self) {
        let size = self.spec.batch_size.clamp(1, self.order.len());
        if self.cursor.saturating_add(size) > self.order.len() {
            self.order.shuffle(&mut self.batch_rng);
            self.cursor = 0;
        }
        let train = &self.data.train;
        self.batch_inputs.clear();
        self.batch_targets.clear();
        for &i in &self.order[self.cursor..self.cursor + size] {
            self.batch_inputs.extend_from_slice(train.input(i));
            self.batch_targets.push(train.targets[i]);
        }
        self.cursor += size;
    }

    /// One optimiser step on the next batch. Returns whether it trained (not once diverged).
    pub fn step(&mut self) -> bool {
        if self.diverged_at.is_some() {
            return false;
        }
        self.next_batch();
        self.model.step_gradient(
            &self.batch_inputs,
            &self.batch_targets,
            &mut self.grads,
            &mut self.scratch,
        );
        self.apply_update();
        true
    }

    /// The update after a gradient pass on the batch: batch norm's running statistics, the
    /// optimiser, the step count, and the divergence check.
    // Inlined: as a call of its own it halved the native 2-4-2-1 rate (19 → 10 M examples/s).
    #[inline(always)]
    fn apply_update(&mut self) {
        self.model.update_running(&self.scratch);
        self.optimizer.step(
            &mut self.model.mlp.params,
            &self.grads,
            &self.model.mlp.is_weight,
            self.spec.learning_rate as f32,
            self.spec.weight_decay as f32,
        );
        self.steps += 1;
        // A NaN/∞ anywhere in the forward pass reaches the gradient, so checking it stops the
        // run at the step that broke, before the parameters are NaN for every later record.
        if !self.grads.iter().all(|g| g.is_finite()) {
            self.diverged_at = Some(self.steps);
        }
    }

    /// Takes up to `count` steps, recording every `record_every` steps; stops at divergence.
    pub fn run(&mut self, count: usize, record_every: usize) {
        for _ in 0..count {
            if self.diverged_at.is_some() {
                break;
            }
            // δ is kept only on the step a record follows, the one the record shows.
            self.scratch.keep_deltas = (self.steps + 1) % record_every.max(1) == 0;
            self.step();
            if self.diverged_at.is_none() && self.steps % record_every.max(1) == 0 {
                self.record();
            }
        }
    }

    /// Evaluates the whole training and test sets and appends a record, with each hidden
    /// layer's statistics over the training set taken on the same pass.
    pub fn record(&mut self) {
        let thresholds = inspect::saturation_thresholds(&self.spec.activations);
        let model = &self.model;
        let mut inspector = inspect::Inspector::new(model, thresholds, self.spec.histograms)
            .keeping_all(self.inside);
        let train = model.evaluate_with(&self.data.train, &mut self.scratch, |scratch, batch| {
            inspector.add(model, scratch, batch)
        });
        let mut layers = inspector.records(&self.scratch);
        // Layer l's units take their inputs from hidden layer l − 1 (the data for the first).
        let signs = signs::sign_agreement(&self.model.mlp, &self.grads);
        for (record, share) in layers.iter_mut().zip(signs) {
            record.grad_sign_agreement = share;
        }
        let test = self.model.evaluate(&self.data.test, &mut self.scratch);
        let h = &mut self.history;
        if !(train.loss.is_finite() && test.loss.is_finite()) {
            self.diverged_at.get_or_insert(self.steps);
            return;
        }
        h.steps.push(self.steps);
        h.train_loss.push(train.loss);
        h.test_loss.push(test.loss);
        h.train_accuracy.push(train.accuracy);
        h.test_accuracy.push(test.accuracy);
        h.grad_norms
            .push(self.model.weight_gradient_norms(&self.grads));
        h.dead_fraction.push(train.dead_fraction);
        h.layers.push(layers);
        for (i, (layer, name, value)) in self.model.learned_means().into_iter().enumerate() {
            if h.learned.len() <= i {
                h.learned.push(LearnedSeries {
                    layer: layer + 1,
                    name,
                    values: Vec::new(),
                });
            }
            h.learned[i].values.push(value);
        }
    }

    /// The divergence as a sentence, if training diverged.
    pub fn divergence(&self) -> Option<String> {
        self.diverged_at.map(|step| {
            format!(
                "diverged at step {step}: the loss became NaN or infinite, so the learning rate {} is too large for this network and optimiser (lower learning-rate)",
                self.spec.learning_rate
            )
        })
    }
}

/// `model`'s prediction on a `resolution × resolution` grid over [`DOMAIN`]² (row 0 at the top,
/// y decreasing): P(class 1) for binary, the k class probabilities for multi-class. For
/// regression, `resolution` values of the fitted curve over [`DOMAIN`].
pub fn grid_prediction(
    model: &Model,
    task: Task,
    resolution: usize,
    scratch: &mut Scratch,
) -> Vec<f32> {
    let (lo, hi) = DOMAIN;
    let at = |i: usize| lo + (hi - lo) * (i as f64 + 0.5) / resolution as f64;
    let inputs: Vec<f32> = if task == Task::Regression {
        (0..resolution).map(|i| at(i) as f32).collect()
    } else {
        (0..resolution)
            .flat_map(|row| (0..resolution).map(move |col| (row, col)))
            .flat_map(|(row, col)| [at(col) as f32, at(resolution - 1 - row) as f32])
            .collect()
    };
    let count = inputs.len() / model.layers[0].fan_in;
    model.predict(&inputs, count, scratch)
}

/// What a race needs from a configuration: its runs, how long to train them, and the settings
/// to write beside the results. The config implements it, so training never reads the config.
pub trait RaceSettings {
    /// One spec per racer.
    fn specs(&self) -> Result<Vec<TrainSpec>, Error>;
    /// Steps to train each run.
    fn steps(&self) -> usize;
    /// Steps between records.
    fn record_every(&self) -> usize;
    /// The training loss a race counts the steps to.
    fn target_loss(&self) -> f64;
    /// Every setting with its value in effect, as key and text, for reports.
    fn settings(&self) -> Vec<(&'static str, String)>;
}

/// Trains every racer of the settings for their steps on the same data and seed.
pub fn race(settings: &impl RaceSettings) -> Result<Vec<Trainer>, Error> {
    settings
        .specs()?
        .into_iter()
        .map(|spec| {
            let mut trainer = Trainer::new(spec)?;
            trainer.run(settings.steps(), settings.record_every());
            Ok(trainer)
        })
        .collect()
}
