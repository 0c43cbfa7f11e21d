//! A race as plain data: what the training charts draw, taken once from the trainers.
//!
//! The charts read a [`RaceSnapshot`] the way the layers charts read a `layers::Snapshot`: no
//! renderer runs a network, so drawing a snapshot twice (on the canvas, then as SVG) gives the
//! same picture without retraining, and a snapshot can be kept, serialised and drawn again
//! later. Each run carries its records ([`History`]: losses, accuracies, per-layer gradient
//! norms and dead shares, learned activation parameters), its divergence, its data points and
//! its decision surface evaluated on a [`RESOLUTION`]² grid. The surface carries its own grid
//! size and task and the points sit beside it, so a history that keeps one surface per record
//! can draw any of them with the run's points and its records up to that step.
//!
//! [`RaceSnapshot::take`] is the one place that reads the trainers. The page's live race keeps
//! one snapshot beside its runs and brings it up to date piece by piece
//! ([`RunSnapshot::update_records`], [`RunSnapshot::update_surface`]), so a frame that draws one
//! picture evaluates at most one network.

use super::dataset::{Examples, Task};
use super::model::{Model, Scratch};
use super::{grid_prediction, History, Trainer};
use serde::{Deserialize, Serialize};

/// Grid cells per side the network is evaluated on: 56² = 3136 predictions per surface, which
/// bilinear interpolation hides at canvas size (the page evaluates only the surface it draws in
/// a frame).
pub const RESOLUTION: usize = 56;

/// Every run of a race, with the target the charts draw across the loss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaceSnapshot {
    /// The training loss the race counts the steps to.
    pub target_loss: f64,
    /// The runs, in race order (which decides their colours).
    pub runs: Vec<RunSnapshot>,
}

/// One run as the charts see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSnapshot {
    /// How the run is named in a race: its activation(s).
    pub label: String,
    /// Steps taken.
    pub steps: usize,
    /// The step at which training stopped being finite, if it did.
    pub diverged_at: Option<usize>,
    /// Weight layers: the hidden layers, then the output layer (the gradient-flow rows).
    pub layers: usize,
    /// The records, one entry per record.
    pub history: History,
    /// The training and test examples as the surface shows them. They stay the same while the
    /// run trains, so they sit beside the surface rather than in it.
    pub points: Points,
    /// The network's predictions over the data's domain.
    pub surface: Surface,
}

/// One example as drawn on the surface chart.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The first input.
    pub x: f32,
    /// The second input for a classifier; the target for regression.
    pub y: f32,
    /// The class index (0 for regression).
    pub class: usize,
}

/// A run's examples.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Points {
    /// The examples the optimiser sees (drawn filled).
    pub train: Vec<Point>,
    /// The held-out examples (drawn hollow).
    pub test: Vec<Point>,
}

/// The network's predictions over [`DOMAIN`](super::DOMAIN), as numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "kebab-case")]
pub enum Surface {
    /// P(class 1) per cell of a `resolution²` grid, row 0 at the top (y decreasing).
    Binary {
        /// Cells per side.
        resolution: usize,
        /// One probability per cell, row-major.
        p: Vec<f32>,
    },
    /// The class probabilities per cell of a `resolution²` grid, row 0 at the top.
    MultiClass {
        /// Cells per side.
        resolution: usize,
        /// Classes, so values per cell.
        classes: usize,
        /// `classes` probabilities per cell, row-major.
        p: Vec<f32>,
    },
    /// The fitted curve: the prediction at `resolution` evenly spaced x across the domain.
    Regression {
        /// The predictions, left to right.
        fitted: Vec<f32>,
    },
}

impl RaceSnapshot {
    /// Takes every run as it is now (evaluating each network over the grid), for charts that
    /// count the steps to `target_loss`.
    pub fn take(runs: &mut [Trainer], target_loss: f64) -> RaceSnapshot {
        RaceSnapshot {
            target_loss,
            runs: runs.iter_mut().map(RunSnapshot::take).collect(),
        }
    }
}

impl RunSnapshot {
    /// Takes one run: its records, its points and its decision surface.
    pub fn take(run: &mut Trainer) -> RunSnapshot {
        let task = run.data.task;
        let point = |examples: &Examples, i: usize| {
            let input = examples.input(i);
            let target = examples.targets[i];
            let x = input.first().copied().unwrap_or(0.0);
            match task {
                Task::Regression => Point {
                    x,
                    y: target,
                    class: 0,
                },
                _ => Point {
                    x,
                    y: input.get(1).copied().unwrap_or(0.0),
                    // A class index stored as f32; the cast saturates, so a stray value is no panic.
                    class: target.max(0.0) as usize,
                },
            }
        };
        let all = |examples: &Examples| (0..examples.len()).map(|i| point(examples, i)).collect();
        let points = Points {
            train: all(&run.data.train),
            test: all(&run.data.test),
        };
        let mut snapshot = RunSnapshot {
            label: run.spec.label.clone(),
            steps: run.steps,
            diverged_at: run.diverged_at,
            layers: run.model.layers.len(),
            history: run.history.clone(),
            points,
            surface: Surface::Regression { fitted: Vec::new() },
        };
        snapshot.update_surface(run);
        snapshot
    }

    /// Brings the records, step count and divergence up to `run`'s, keeping the surface. A run
    /// only ever appends records, so only the new ones are copied (a live race does this every
    /// frame); a history that is not a continuation of this one is copied whole.
    pub fn update_records(&mut self, run: &Trainer) {
        self.steps = run.steps;
        self.diverged_at = run.diverged_at;
        let (mine, theirs) = (&mut self.history, &run.history);
        let kept = mine.steps.len();
        let continues = theirs.steps.len() >= kept
            && theirs.steps.get(..kept) == Some(mine.steps.as_slice())
            && theirs.learned.len() >= mine.learned.len();
        if !continues {
            *mine = theirs.clone();
            return;
        }
        fn append<T: Clone>(mine: &mut Vec<T>, theirs: &[T]) {
            if let Some(new) = theirs.get(mine.len()..) {
                mine.extend_from_slice(new);
            }
        }
        append(&mut mine.steps, &theirs.steps);
        append(&mut mine.train_loss, &theirs.train_loss);
        append(&mut mine.test_loss, &theirs.test_loss);
        append(&mut mine.train_accuracy, &theirs.train_accuracy);
        append(&mut mine.test_accuracy, &theirs.test_accuracy);
        append(&mut mine.grad_norms, &theirs.grad_norms);
        append(&mut mine.dead_fraction, &theirs.dead_fraction);
        append(&mut mine.layers, &theirs.layers);
        for (i, series) in theirs.learned.iter().enumerate() {
            match mine.learned.get_mut(i) {
                Some(own) => append(&mut own.values, &series.values),
                None => mine.learned.push(series.clone()),
            }
        }
    }

    /// Evaluates `run`'s network over the grid as it is now.
    pub fn update_surface(&mut self, run: &mut Trainer) {
        self.surface = Surface::of(run);
    }

    /// Hidden layers (the dead-unit lines): every weight layer but the output layer.
    pub fn hidden_layers(&self) -> usize {
        self.layers.saturating_sub(1)
    }

    /// The last recorded test accuracy, if the task has one.
    pub fn last_test_accuracy(&self) -> Option<f64> {
        self.history.test_accuracy.last().copied().flatten()
    }
}

impl Surface {
    /// `run`'s network evaluated over the grid as it is now.
    pub fn of(run: &mut Trainer) -> Surface {
        Surface::of_model(&run.model, run.data.task, &mut run.scratch)
    }

    /// `model` evaluated over the grid, for a task `task` (a kept frame's weights).
    pub fn of_model(model: &Model, task: Task, scratch: &mut Scratch) -> Surface {
        Surface::of_values(task, grid_prediction(model, task, RESOLUTION, scratch))
    }

    fn of_values(task: Task, values: Vec<f32>) -> Surface {
        match task {
            Task::Binary => Surface::Binary {
                resolution: RESOLUTION,
                p: values,
            },
            Task::MultiClass(classes) => Surface::MultiClass {
                resolution: RESOLUTION,
                classes,
                p: values,
            },
            Task::Regression => Surface::Regression { fitted: values },
        }
    }

    /// Whether this is a regression's fitted curve (no grid, no classes).
    pub fn is_regression(&self) -> bool {
        matches!(self, Surface::Regression { .. })
    }

    /// A classifier's grid as (cells per side, values per cell, values), if it is whole: a
    /// snapshot read from elsewhere may not be, and the charts then draw no cells.
    pub fn grid(&self) -> Option<(usize, usize, &[f32])> {
        let (n, k, values) = match self {
            Surface::Binary { resolution, p } => (*resolution, 1, p.as_slice()),
            Surface::MultiClass {
                resolution,
                classes,
                p,
            } => (*resolution, *classes, p.as_slice()),
            Surface::Regression { .. } => return None,
        };
        let whole = n > 0 && k > 0 && n.checked_mul(n)?.checked_mul(k)? == values.len();
        whole.then_some((n, k, values))
    }

    /// A regression's fitted curve (empty for a classifier).
    pub fn fitted(&self) -> &[f32] {
        match self {
            Surface::Regression { fitted } => fitted,
            _ => &[],
        }
    }
}
