//! The layers view: one forward and backward pass through a deep MLP, with per-layer
//! statistics, histograms and the mean-field prediction. The page runs the pass on its worker
//! pool and keeps the merged snapshot in a handle, so its exports draw what it shows.

use super::{json_error, ViewSpec};
use crate::config::Config;
use crate::error::Error;
use crate::layers::{self, Snapshot};
use crate::render::{self, PlotArea, Theme};
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The layers view.
pub struct Layers;

impl ViewSpec for Layers {
    type Snapshot = Snapshot;
    const VIEW: View = View::Layers;
    const WORKERS: bool = true;
    const CONTROLS: &'static [&'static str] = &[
        "activation",
        "init",
        "input",
        "norm",
        "histograms",
        "depth",
        "width",
        "batch",
        "std",
        "value",
        "limit",
        "gain",
        "bias",
        "seed",
        "residual",
    ];

    fn compute(config: &Config) -> Result<Snapshot, Error> {
        layers::run(config)
    }

    /// The histograms of the panel the `histograms` key selects, over the spread and gradient
    /// charts.
    fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        config: &Config,
        snapshot: &Snapshot,
        theme: &Theme,
    ) -> Result<Option<PlotArea>, Error> {
        render::layers::draw(area, snapshot, config.histograms, theme)?;
        Ok(None)
    }

    /// One row per layer with its statistics (histograms are in the JSON export).
    fn csv(_: &Config, snapshot: &Snapshot) -> Result<String, Error> {
        let mut text = String::from(
            "layer,mean,std,frac_saturated,frac_zero,dead_units,mean_derivative,pre_mean,pre_std,delta_std,grad_weight_norm,distinct_neurons,theory_variance\n",
        );
        for l in &snapshot.layers {
            let theory = l
                .theory_variance
                .map_or(String::new(), |v| format!("{v:?}"));
            text.push_str(&format!(
                "{},{:?},{:?},{:?},{:?},{},{:?},{:?},{:?},{:?},{:?},{},{theory}\n",
                l.index,
                l.mean,
                l.std,
                l.frac_saturated,
                l.frac_zero,
                l.dead_units,
                l.mean_derivative,
                l.pre_mean,
                l.pre_std,
                l.delta_std,
                l.grad_weight_norm,
                l.distinct_neurons
            ));
        }
        Ok(text)
    }

    /// The whole snapshot, histograms included.
    fn json(_: &Config, snapshot: &Snapshot) -> Result<String, Error> {
        serde_json::to_string(snapshot).map_err(json_error)
    }
}
