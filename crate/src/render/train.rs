//! The training lab's panels, for one run or a race of several on the same data and seed:
//!
//! - [`surface`]: each run's decision surface with its points (or, for regression, its fitted
//!   curve), as cells for SVG; [`shade`] colours it and makes the RGBA buffer the page blits
//!   under the chart, and [`points`] draws or stamps the data points;
//! - [`series`]: the time series: loss (log scale, target line, divergence marked) and accuracy;
//!   [`layer_series`]: dead units per hidden layer and learned activation parameters;
//! - [`flow`]: gradient flow over time, layers × steps;
//! - this file: [`Panel`], [`draw_panel`] (one panel, as the page draws them) and [`draw`], the
//!   composite the SVG export and the CLI write, with the race summarised in words.
//!
//! Every chart reads a [`RaceSnapshot`] (plain data taken once from the trainers), never a
//! trainer: no renderer runs a network, so one snapshot draws the canvas, the SVG export and the
//! CLI's picture alike.
//!
//! Runs are told apart by colour (the Okabe–Ito [`PALETTE`](super::PALETTE), in race order) and
//! named in each legend by their label; train is solid, test is dashed throughout.

pub mod distributions;
pub mod flow;
pub mod inside;
pub mod layer_series;
pub mod points;
pub mod series;
pub mod shade;
pub mod slow_step;
pub mod surface;
pub mod thin;
pub mod widget_panels;

pub use layer_series::{dead, learned};
pub use points::stamp_points;
pub use series::{accuracy, loss};
pub use shade::surface_rgba;
pub use surface::{draw_surface, surface_rect, SurfaceFill};

use super::text::Key;
use super::{drawing_error, PlotArea, Theme};
use crate::error::Error;
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Where a panel's data area landed, in backend pixels (the same shape as the curves chart's).
pub type PlotRect = PlotArea;

/// One panel of the training view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The decision surface of run i (0-based, race order).
    Surface(usize),
    /// Train and test loss per run.
    Loss,
    /// Train and test accuracy per run.
    Accuracy,
    /// log ‖∂L/∂W‖, layers × steps.
    GradientFlow,
    /// Dead fraction per hidden layer.
    Dead,
    /// Learned activation parameters.
    Learned,
    /// Saturated, zero and dead shares per hidden layer at the latest record (issue #14); the
    /// page's panel, not part of the composite.
    Distributions,
}

impl Panel {
    /// Every panel but the surfaces, in the order [`draw`] lays them out.
    pub const CHARTS: [Panel; 5] = [
        Panel::Loss,
        Panel::Accuracy,
        Panel::GradientFlow,
        Panel::Dead,
        Panel::Learned,
    ];

    /// The most runs a race shows (one surface panel each).
    pub const MAX_SURFACES: usize = 6;

    /// From the page's panel names: `loss`, `accuracy`, `gradient-flow`, `dead`, `learned`,
    /// `surface-0`…`surface-5`.
    pub fn from_name(name: &str) -> Option<Panel> {
        match name {
            "loss" => Some(Panel::Loss),
            "accuracy" => Some(Panel::Accuracy),
            "gradient-flow" => Some(Panel::GradientFlow),
            "dead" => Some(Panel::Dead),
            "learned" => Some(Panel::Learned),
            "layers" => Some(Panel::Distributions),
            _ => {
                let i: usize = name.strip_prefix("surface-")?.parse().ok()?;
                (i < Panel::MAX_SURFACES).then_some(Panel::Surface(i))
            }
        }
    }

    /// The name [`Panel::from_name`] reads.
    pub fn name(self) -> String {
        match self {
            Panel::Surface(i) => format!("surface-{i}"),
            Panel::Loss => "loss".into(),
            Panel::Accuracy => "accuracy".into(),
            Panel::GradientFlow => "gradient-flow".into(),
            Panel::Dead => "dead".into(),
            Panel::Learned => "learned".into(),
            Panel::Distributions => "layers".into(),
        }
    }
}

/// The chart font at `size` CSS pixels in the theme's text colour.
fn chart_font(theme: &Theme, size: f64) -> TextStyle<'static> {
    (theme.font_family(), theme.font(size))
        .into_font()
        .color(&theme.foreground())
}

/// A sentence centred in `area`, for panels with nothing to plot.
fn note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    theme: &Theme,
) -> Result<(), Error> {
    let (w, h) = area.dim_in_pixel();
    let style = chart_font(theme, 13.0).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw_text(text, &style, ((w / 2) as i32, (h / 2) as i32))
        .map_err(drawing_error)
}

/// The whole of `area` as a plot rectangle (for a panel that is only a note).
fn whole(area: &DrawingArea<impl DrawingBackend, Shift>) -> PlotRect {
    let (x0, y0) = area.get_base_pixel();
    let (w, h) = area.dim_in_pixel();
    PlotRect {
        left: f64::from(x0),
        right: f64::from(x0) + f64::from(w),
        top: f64::from(y0),
        bottom: f64::from(y0) + f64::from(h),
    }
}

fn plot_rect<DB: DrawingBackend, CT: CoordTranslate>(chart: &ChartContext<'_, DB, CT>) -> PlotRect {
    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    PlotRect {
        left: f64::from(x_pixels.start),
        right: f64::from(x_pixels.end),
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
    }
}

/// Draws one panel of `race` onto `area` and returns its data area. A surface panel is drawn
/// with [`SurfaceFill::None`] (the page blits [`surface_rgba`] under it; call [`draw_surface`]
/// for cells); a surface past the last run is a note, not an error, so a stale canvas stays
/// calm.
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    panel: Panel,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    match panel {
        Panel::Surface(i) => match race.runs.get(i) {
            Some(run) => draw_surface(area, run, SurfaceFill::None, theme),
            None => {
                area.fill(&theme.background()).map_err(drawing_error)?;
                let n = (i + 1).to_string();
                note(area, &theme.fill(Key::NoRun, &[("n", &n)]), theme)?;
                Ok(whole(area))
            }
        },
        Panel::Loss => loss(area, race, theme),
        Panel::Accuracy => accuracy(area, race, theme),
        Panel::GradientFlow => flow::draw(area, race, theme),
        Panel::Dead => dead(area, race, theme),
        Panel::Learned => learned(area, race, theme),
        Panel::Distributions => distributions::draw(area, race, theme),
    }
}

/// The composite the SVG export and `actlab train --format svg` write: the runs' decision
/// surfaces in a row (as cells), then loss, accuracy, gradient flow, dead units and learned
/// parameters in a 3 × 2 grid whose last cell summarises the race.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<(), Error> {
    draw_with(area, race, theme, |cell, run| {
        draw_surface(cell, run, SurfaceFill::Cells, theme).map(|_| ())
    })
}

/// [`draw`] with each run's surface drawn by `surface` on its cell: a canvas blits one image
/// per surface ([`surface_rgba`] with [`stamp_points`], then [`SurfaceFill::ImageWithPoints`])
/// where SVG needs a rectangle per grid cell and a circle per point, thousands of calls.
pub fn draw_with<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
    mut surface: impl FnMut(&DrawingArea<DB, Shift>, &RunSnapshot) -> Result<(), Error>,
) -> Result<(), Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let (_, height) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((f64::from(height) * 0.36) as u32);
    let shown = race.runs.len().clamp(1, Panel::MAX_SURFACES);
    let cells = top.split_evenly((1, shown));
    for (run, cell) in race.runs.iter().zip(cells.iter()) {
        surface(cell, run)?;
    }
    if race.runs.is_empty() {
        note(&top, theme.text(Key::NoRuns), theme)?;
    }
    let grid = bottom.split_evenly((2, 3));
    for (panel, cell) in Panel::CHARTS.into_iter().zip(grid.iter()) {
        draw_panel(cell, race, panel, theme)?;
    }
    if let Some(cell) = grid.get(5) {
        summary(cell, race, theme)?;
    }
    Ok(())
}

/// The race in words: each run's steps to the target loss, final test accuracy (or loss) and
/// divergence.
fn summary<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<(), Error> {
    let target_loss = race.target_loss;
    area.fill(&theme.background()).map_err(drawing_error)?;
    let area = area
        .titled(theme.text(Key::Race), chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let line_height = theme.px(18.0) as i32;
    let x = theme.px(12.0) as i32;
    for (i, run) in race.runs.iter().enumerate() {
        let h = &run.history;
        let target = short(target_loss);
        let reached = h.steps_to(target_loss).map_or_else(
            || theme.fill(Key::TargetNotReached, &[("target", &target)]),
            |step| {
                let step = step.to_string();
                theme.fill(
                    Key::TargetReachedAt,
                    &[("target", &target), ("step", &step)],
                )
            },
        );
        let last = match (run.last_test_accuracy(), h.test_loss.last()) {
            (Some(a), _) => theme.fill(
                Key::TestAccuracy,
                &[("value", &format!("{:.1}", 100.0 * a))],
            ),
            (None, Some(l)) => theme.fill(Key::TestLoss, &[("value", &short(*l))]),
            _ => String::new(),
        };
        let text = match run.diverged_at {
            Some(step) => theme.fill(
                Key::SummaryDiverged,
                &[("label", &run.label), ("step", &step.to_string())],
            ),
            None => format!("{}: {reached}; {last}", run.label),
        };
        let y = line_height * (2 * i as i32 + 1);
        let colour = theme.series(i);
        area.draw(&Rectangle::new(
            [
                (x, y - line_height / 3),
                (x + line_height / 2, y + line_height / 3),
            ],
            colour.filled(),
        ))
        .map_err(drawing_error)?;
        let style = chart_font(theme, 12.0).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(&text, &style, (x + line_height, y))
            .map_err(drawing_error)?;
    }
    Ok(())
}

/// A compact number for chart labels.
pub(crate) fn short(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-2 || v.abs() >= 1e4 {
        format!("{v:.0e}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}
