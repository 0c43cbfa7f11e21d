//! `actlab train`: trains the configured network (one run per `--activation`, a race on the same
//! data and seed) for `--steps` steps and writes its records as JSON or CSV, or the page's
//! training view as SVG.
//!
//! Divergence is a result, not an error: the JSON says `"diverged_at": N` with the `divergence`
//! sentence, the other formats print that sentence to stderr as a note, and the exit status is 0.

use crate::args::Invocation;
use crate::{emit, CliError};
use activation_lab::render::{drawing_error, train as chart, Theme};
use activation_lab::train::snapshot::RaceSnapshot;
use activation_lab::train::{self, report, Trainer};
use activation_lab::Config;
use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;

/// The SVG size: a row of decision surfaces over a 3 × 2 grid of charts.
const SVG_SIZE: (u32, u32) = (1400, 1000);

/// Trains the race and writes it in the chosen format.
pub fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    if invocation.format == "svg" && out.is_none() {
        return Err(CliError::Input("svg output needs --out FILE".into()));
    }
    let mut runs = train::race(config)?;
    match invocation.format {
        "csv" => {
            notes(&runs);
            emit(&report::csv(&runs), out)
        }
        "svg" => {
            notes(&runs);
            emit(&svg(&mut runs, config)?, out)
        }
        _ => emit(&(report::json(config, &runs)? + "\n"), out),
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

/// The page's training view: the runs' decision surfaces, then loss, accuracy, gradient flow,
/// dead units and learned parameters.
fn svg(runs: &mut [Trainer], config: &Config) -> Result<String, CliError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SVG_SIZE).into_drawing_area();
        let race = RaceSnapshot::take(runs, config.target_loss);
        chart::draw(&root, &race, &Theme::default())?;
        root.present().map_err(drawing_error)?;
    }
    Ok(svg)
}
