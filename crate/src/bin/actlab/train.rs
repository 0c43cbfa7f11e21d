//! `actlab train`: trains the configured network (one run per `--activation`, a race on the same
//! data and seed) for `--steps` steps and writes its records as JSON or CSV, or the page's
//! training view as SVG.
//!
//! Divergence is a result, not an error: the JSON says `"diverged_at": N` with the `divergence`
//! sentence, the other formats print that sentence to stderr as a note, and the exit status is 0.

use crate::emit::{check_out, emit};
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use activation_lab::config::View;
use activation_lab::error::Error;
use activation_lab::export;
use activation_lab::layers::HistogramSource;
use activation_lab::render::Theme;
use activation_lab::train::{self, RaceSettings, TrainSpec, Trainer};
use activation_lab::views::train::{Train, TrainSnapshot};
use activation_lab::views::ViewSpec;

/// The SVG size: a row of decision surfaces over a 3 × 2 grid of charts.
const SVG_SIZE: (u32, u32) = (1400, 1000);

/// `actlab train`.
pub const SPEC: Spec = Spec {
    name: "train",
    flags: "[--config FILE.json] [--KEY VALUE ...]",
    view: Some(View::Train),
    formats: &[Format::Json, Format::Csv, Format::Svg],
    about: "Trains the network the keys describe (--hidden units per layer, each --activation \
            in every hidden layer or one per layer from --layer-activations, weights from \
            --init) on --dataset with --optimizer for --steps steps, recording every \
            --record-every steps; several activations race on the same data and seed. The \
            output head follows the task: sigmoid + binary cross-entropy, softmax + \
            cross-entropy (--classes 3..=5 on spiral or gaussians), linear + mean squared \
            error (sine). json prints {\"config\", \"label\", \"head\", \"parameters\", \
            \"steps\", \"train_loss\", \"test_loss\", \"train_accuracy\", \
            \"test_accuracy\", \"grad_norms\", \"dead_fraction\", \"layers\", \"learned\", \
            \"steps_to_target\", \"diverged_at\", \"divergence\"} for one run and \
            {\"config\", \"runs\": [...]} for a race: one entry per record in each list, \
            grad_norms and dead_fraction per layer (hidden layers, then the output layer for \
            the gradients), layers per record and hidden layer {\"mean\", \"std\", \
            \"saturated\", \"zero\", \"dead\", \"delta_std\", \"grad_sign_agreement\"} over \
            the training set (a, its |f'| under 1 % of the largest, f exactly 0, units dead for \
            every example, δ of the step before, and the majority sign's share of a unit's \
            incoming weight gradients on that step's batch, averaged over the layer: null \
            before the first step), with a \"histogram\" {\"edges\", \"counts\"} of \
            --histograms activations|pre-activations|deltas when given; --hidden takes \
            16x20 for 20 layers of 16, --residual and --norm batch|layer deepen the network \
            (normalisation with learned gamma and beta; batch norm evaluates by running \
            statistics); learned as {\"layer1.slope\": [...]}, accuracies null for \
            regression, steps_to_target the first recorded step at or under --target-loss. \
            csv prints one row per run and record (run,step,train_loss,test_loss,\
            train_accuracy,test_accuracy,grad_norm_1...,dead_1...). svg draws the page's \
            training view (1400×1000) into --out: each run's decision surface, then loss, \
            accuracy, gradient flow, dead units and learned parameters. Divergence (the loss \
            becoming NaN or infinite) stops that run and is a result: diverged_at and the \
            divergence sentence in the JSON, the sentence on stderr as a note otherwise, and \
            the exit status is still 0. The same seed gives the same bytes.",
    run,
};

/// The keys that shape a training run, listed by `actlab train --help` (in key-table order);
/// the others are accepted too, as everywhere, but do not change the run.
pub const KEYS: [&str; 32] = [
    "activation",
    "negative-slope",
    "alpha",
    "beta",
    "cap",
    "hinges",
    "a",
    "b",
    "init",
    "std",
    "value",
    "limit",
    "gain",
    "seed",
    "dataset",
    "classes",
    "samples",
    "noise",
    "test-fraction",
    "hidden",
    "layer-activations",
    "learned",
    "optimizer",
    "learning-rate",
    "batch-size",
    "weight-decay",
    "steps",
    "record-every",
    "target-loss",
    "residual",
    "norm",
    "histograms",
];

/// Trains the race and writes it in the chosen format.
fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    check_out(invocation.format, out)?;
    let race = match invocation.histograms {
        None => Train::compute(config)?,
        Some(source) => {
            let runs = train::race(&WithHistograms { config, source })?;
            TrainSnapshot::of(runs, config.target_loss)
        }
    };
    match invocation.format {
        Format::Csv => {
            notes(&race.runs);
            emit(&Train::csv(config, &race)?, out)
        }
        // The page's training view: the runs' decision surfaces, then loss, accuracy, gradient
        // flow, dead units and learned parameters.
        Format::Svg => {
            notes(&race.runs);
            let (width, height) = SVG_SIZE;
            let svg = export::svg_of::<Train>(config, &race, width, height, &Theme::default())?;
            emit(&svg, out)
        }
        // Text is not one of this command's formats, so the parser never hands it over.
        Format::Json | Format::Text => emit(&(Train::json(config, &race)? + "\n"), out),
    }
}

/// Each diverged run's sentence on stderr, where the CSV and SVG have no room for it.
fn notes(runs: &[Trainer]) {
    for run in runs {
        if let Some(sentence) = run.divergence() {
            eprintln!("actlab: note: {}: {sentence}", run.spec.label);
        }
    }
}

/// The config's race with each record's per-layer histograms of `source` (`--histograms`).
struct WithHistograms<'a> {
    config: &'a activation_lab::Config,
    source: HistogramSource,
}

impl RaceSettings for WithHistograms<'_> {
    fn specs(&self) -> Result<Vec<TrainSpec>, Error> {
        let mut specs = self.config.specs()?;
        for spec in &mut specs {
            spec.histograms = Some(self.source);
        }
        Ok(specs)
    }

    fn steps(&self) -> usize {
        self.config.steps()
    }

    fn record_every(&self) -> usize {
        self.config.record_every()
    }

    fn target_loss(&self) -> f64 {
        self.config.target_loss()
    }

    fn settings(&self) -> Vec<(&'static str, String)> {
        self.config.settings()
    }
}
