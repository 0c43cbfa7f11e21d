//! The training view: a small network (or a race of several, one per activation) trained on a
//! toy dataset, drawn as each run's decision surface over its loss, accuracy, gradient-flow,
//! dead-unit and learned-parameter charts.

use super::ViewSpec;
use crate::config::Config;
use crate::error::Error;
use crate::render::{self, PlotArea, Theme};
use crate::train::snapshot::RaceSnapshot;
use crate::train::{self, report, Trainer};
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The training view.
pub struct Train;

/// The training view's snapshot: the runs, which the CSV and JSON reports read (they name each
/// run's head and parameter count), and the race as plain data, which the charts draw. The
/// page's live race keeps one of these and brings `race` up to `runs` before it draws, so
/// nothing is copied for a frame.
pub struct TrainSnapshot {
    /// The trainers, in race order.
    pub runs: Vec<Trainer>,
    /// What the charts draw, taken from `runs`.
    pub race: RaceSnapshot,
}

impl TrainSnapshot {
    /// The runs with their race taken as they are now, for charts that count the steps to
    /// `target_loss`.
    pub fn of(mut runs: Vec<Trainer>, target_loss: f64) -> TrainSnapshot {
        let race = RaceSnapshot::take(&mut runs, target_loss);
        TrainSnapshot { runs, race }
    }
}

impl Train {
    /// The pictures a training widget can show, by the names its `panels` key takes.
    pub fn panels() -> &'static [crate::train::PanelName] {
        crate::train::PanelName::ALL
    }
}

impl ViewSpec for Train {
    type Snapshot = TrainSnapshot;
    const VIEW: View = View::Train;
    const KEEP: bool = true;

    /// Trains every run to its step budget.
    fn compute(config: &Config) -> Result<TrainSnapshot, Error> {
        Ok(TrainSnapshot::of(train::race(config)?, config.target_loss))
    }

    /// The composite: the race as the snapshot holds it (it runs no network).
    fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        _: &Config,
        snapshot: &TrainSnapshot,
        theme: &Theme,
    ) -> Result<Option<PlotArea>, Error> {
        render::train::draw(area, &snapshot.race, theme)?;
        Ok(None)
    }

    /// One row per run and record.
    fn csv(_: &Config, snapshot: &TrainSnapshot) -> Result<String, Error> {
        Ok(report::csv(&snapshot.runs))
    }

    /// The config and every run's records (the shape `actlab train` prints).
    fn json(config: &Config, snapshot: &TrainSnapshot) -> Result<String, Error> {
        report::json(config, &snapshot.runs)
    }
}
