//! The training lab's panels, for one run or a race of several on the same data and seed:
//!
//! - [`surface`]: each run's decision surface with its points (or, for regression, its fitted
//!   curve), as cells for SVG or as an RGBA buffer the page blits under the chart;
//! - this file: loss (log scale, target line, divergence marked), accuracy, dead units per
//!   hidden layer, learned activation parameters, and [`draw`], the composite the SVG export
//!   and the CLI write;
//! - [`flow`]: gradient flow over time, layers × steps.
//!
//! Runs are told apart by colour (the Okabe–Ito [`PALETTE`](super::PALETTE), in race order) and
//! named in each legend by their label; train is solid, test is dashed throughout.

pub mod flow;
pub mod surface;

pub use surface::{draw_surface, surface_rect, surface_rgba, SurfaceFill};

use super::{drawing_error, legend, PlotArea, Theme};
use crate::error::Error;
use crate::train::dataset::Task;
use crate::train::Trainer;
use plotters::chart::SeriesLabelPosition;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Where a panel's data area landed, in backend pixels (the same shape as the curves chart's).
pub type PlotRect = PlotArea;

/// Losses at or below this are drawn at this value: a log axis has no zero.
const LOSS_FLOOR: f64 = 1e-6;

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
        }
    }
}

/// The chart font at `size` CSS pixels in the theme's text colour.
fn chart_font(theme: &Theme, size: f64) -> TextStyle<'static> {
    ("sans-serif", theme.font(size))
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

/// Draws one panel onto `area` and returns its data area. A surface panel is drawn with
/// [`SurfaceFill::None`] (the page blits [`surface_rgba`] under it; call [`draw_surface`] for
/// cells); a surface past the last run is a note, not an error, so a stale canvas stays calm.
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &mut [Trainer],
    panel: Panel,
    target_loss: f64,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    match panel {
        Panel::Surface(i) => match runs.get_mut(i) {
            Some(run) => draw_surface(area, run, SurfaceFill::None, theme),
            None => {
                area.fill(&theme.background()).map_err(drawing_error)?;
                note(area, &format!("no run {} in this race", i + 1), theme)?;
                Ok(whole(area))
            }
        },
        Panel::Loss => loss(area, runs, target_loss, theme),
        Panel::Accuracy => accuracy(area, runs, theme),
        Panel::GradientFlow => flow::draw(area, runs, theme),
        Panel::Dead => dead(area, runs, theme),
        Panel::Learned => learned(area, runs, theme),
    }
}

/// The composite the SVG export and `actlab train --format svg` write: the runs' decision
/// surfaces in a row (as cells), then loss, accuracy, gradient flow, dead units and learned
/// parameters in a 3 × 2 grid whose last cell summarises the race.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &mut [Trainer],
    target_loss: f64,
    theme: &Theme,
) -> Result<(), Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let (_, height) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((f64::from(height) * 0.36) as u32);
    let shown = runs.len().clamp(1, Panel::MAX_SURFACES);
    let cells = top.split_evenly((1, shown));
    for (run, cell) in runs.iter_mut().zip(cells.iter()) {
        draw_surface(cell, run, SurfaceFill::Cells, theme)?;
    }
    if runs.is_empty() {
        note(&top, "no runs", theme)?;
    }
    let grid = bottom.split_evenly((2, 3));
    for (panel, cell) in Panel::CHARTS.into_iter().zip(grid.iter()) {
        draw_panel(cell, runs, panel, target_loss, theme)?;
    }
    if let Some(cell) = grid.get(5) {
        summary(cell, runs, target_loss, theme)?;
    }
    Ok(())
}

/// A run's legend label: its name, and its divergence if any.
fn run_label(run: &Trainer) -> String {
    match run.diverged_at {
        Some(step) => format!("{} — diverged at step {step}", run.spec.label),
        None => run.spec.label.clone(),
    }
}

/// The step axis every time-series panel shares: 0 to the last step any run reached.
fn step_range(runs: &[Trainer]) -> (f64, f64) {
    let last = runs
        .iter()
        .flat_map(|r| {
            r.history
                .steps
                .last()
                .copied()
                .into_iter()
                .chain(r.diverged_at)
        })
        .max()
        .unwrap_or(0);
    (0.0, (last as f64).max(1.0))
}

/// Adds the grey "train (solid)" and "test (dashed)" legend entries.
fn style_key<DB: DrawingBackend, CT: CoordTranslate>(
    chart: &mut ChartContext<'_, DB, CT>,
    theme: &Theme,
) -> Result<(), Error> {
    let grey = theme.foreground().mix(0.7);
    chart
        .draw_series(std::iter::empty::<Circle<CT::From, u32>>())
        .map_err(drawing_error)?
        .label("train (solid)")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], grey.stroke_width(2)));
    chart
        .draw_series(std::iter::empty::<Circle<CT::From, u32>>())
        .map_err(drawing_error)?
        .label("test (dashed)")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 6, y)], grey.stroke_width(2)));
    Ok(())
}

/// Solid train and dashed test lines of one run, the train one labelled for the legend.
fn train_test_lines<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    train: Vec<(f64, f64)>,
    test: Vec<(f64, f64)>,
    colour: RGBColor,
    label: String,
    theme: &Theme,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let width = theme.px(2.0);
    chart
        .draw_series(LineSeries::new(train, colour.stroke_width(width)))
        .map_err(drawing_error)?
        .label(label)
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3)));
    chart
        .draw_series(DashedLineSeries::new(
            test,
            theme.px(6.0),
            theme.px(4.0),
            colour.mix(0.85).stroke_width(width),
        ))
        .map_err(drawing_error)?;
    Ok(())
}

/// Configures the mesh the time-series panels share.
fn mesh<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    y_desc: &str,
    y_format: &dyn Fn(&f64) -> String,
    theme: &Theme,
) -> Result<(), Error>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let font = chart_font(theme, 11.0);
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc(y_desc)
        .x_labels(5)
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(y_format)
        .axis_desc_style(font.clone())
        .label_style(font)
        .axis_style(theme.foreground())
        .bold_line_style(theme.muted().mix(0.4))
        .light_line_style(theme.muted().mix(0.1))
        .draw()
        .map_err(drawing_error)
}

/// A titled chart builder with the time-series panels' margins.
fn builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    theme: &Theme,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(theme.px(8.0))
        .caption(title, chart_font(theme, 12.0))
        .x_label_area_size(theme.px(30.0))
        .y_label_area_size(theme.px(52.0));
    builder
}

/// Train (solid) and test (dashed) loss per run on a log scale, the target drawn across, and a
/// cross where a diverged run's record ends.
pub fn loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Trainer],
    target_loss: f64,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let floor = |v: f64| v.max(LOSS_FLOOR);
    let values = runs
        .iter()
        .flat_map(|r| r.history.train_loss.iter().chain(&r.history.test_loss))
        .copied()
        .chain((target_loss > 0.0).then_some(target_loss))
        .filter(|v| v.is_finite())
        .map(floor);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() {
        (lo / 1.5, (hi * 1.5).max(lo * 2.0))
    } else {
        (0.01, 1.0)
    };
    let (x0, x1) = step_range(runs);
    let mut chart = builder(area, "loss (log scale)", theme)
        .build_cartesian_2d(x0..x1, (lo..hi).log_scale())
        .map_err(drawing_error)?;
    mesh(&mut chart, "loss", &|v| short(*v), theme)?;
    for (i, run) in runs.iter().enumerate() {
        let h = &run.history;
        let line = |values: &[f64]| -> Vec<(f64, f64)> {
            h.steps
                .iter()
                .zip(values)
                .map(|(s, v)| (*s as f64, floor(*v)))
                .collect()
        };
        let colour = theme.series(i);
        train_test_lines(
            &mut chart,
            line(&h.train_loss),
            line(&h.test_loss),
            colour,
            run_label(run),
            theme,
        )?;
        if run.diverged_at.is_some() {
            if let (Some(step), Some(value)) = (h.steps.last(), h.train_loss.last()) {
                chart
                    .draw_series(std::iter::once(Cross::new(
                        (*step as f64, floor(*value)),
                        theme.px(6.0),
                        colour.stroke_width(theme.px(2.5)),
                    )))
                    .map_err(drawing_error)?;
            }
        }
    }
    if target_loss > 0.0 && target_loss.is_finite() {
        let colour = theme.muted();
        chart
            .draw_series(DashedLineSeries::new(
                [(x0, target_loss), (x1, target_loss)],
                theme.px(3.0),
                theme.px(3.0),
                colour.stroke_width(theme.px(1.5)),
            ))
            .map_err(drawing_error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("target loss {}", short(target_loss)),
                (x1, target_loss),
                chart_font(theme, 10.5).pos(Pos::new(HPos::Right, VPos::Bottom)),
            )))
            .map_err(drawing_error)?;
    }
    style_key(&mut chart, theme)?;
    legend(&mut chart, SeriesLabelPosition::UpperRight, 11.0, theme)?;
    Ok(plot_rect(&chart))
}

/// Train (solid) and test (dashed) accuracy per run; a note for regression.
pub fn accuracy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Trainer],
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    if runs.iter().all(|r| r.data.task == Task::Regression) {
        let area = area
            .titled("accuracy", chart_font(theme, 12.0))
            .map_err(drawing_error)?;
        note(
            &area,
            "accuracy does not apply to regression (sine): read the loss",
            theme,
        )?;
        return Ok(whole(&area));
    }
    let (x0, x1) = step_range(runs);
    let mut chart = builder(area, "accuracy", theme)
        .build_cartesian_2d(x0..x1, 0.0..1.02)
        .map_err(drawing_error)?;
    mesh(
        &mut chart,
        "share classified right",
        &|v| format!("{:.0}%", 100.0 * v),
        theme,
    )?;
    for (i, run) in runs.iter().enumerate() {
        let h = &run.history;
        let line = |values: &[Option<f64>]| -> Vec<(f64, f64)> {
            h.steps
                .iter()
                .zip(values)
                .filter_map(|(s, v)| Some((*s as f64, (*v)?)))
                .collect()
        };
        train_test_lines(
            &mut chart,
            line(&h.train_accuracy),
            line(&h.test_accuracy),
            theme.series(i),
            run_label(run),
            theme,
        )?;
    }
    style_key(&mut chart, theme)?;
    legend(&mut chart, SeriesLabelPosition::LowerRight, 11.0, theme)?;
    Ok(plot_rect(&chart))
}

/// The dash pattern (dash, gap in CSS pixels) of hidden layer `l` (0-based): solid, dashed,
/// dotted, then dash-dot-like long dashes.
fn layer_dash(l: usize) -> Option<(f64, f64)> {
    match l % 4 {
        0 => None,
        1 => Some((7.0, 4.0)),
        2 => Some((2.0, 3.0)),
        _ => Some((12.0, 4.0)),
    }
}

/// A line in a run's colour with layer `l`'s dash pattern.
fn layer_line<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    points: Vec<(f64, f64)>,
    colour: RGBColor,
    l: usize,
    theme: &Theme,
) -> Result<(), Error> {
    let style = colour.stroke_width(theme.px(2.0));
    match layer_dash(l) {
        None => chart
            .draw_series(LineSeries::new(points, style))
            .map(|_| ()),
        Some((dash, gap)) => chart
            .draw_series(DashedLineSeries::new(
                points,
                theme.px(dash),
                theme.px(gap),
                style,
            ))
            .map(|_| ()),
    }
    .map_err(drawing_error)
}

/// The share of dead units (zero for every training example) per hidden layer, per run: colour
/// is the run, the dash pattern the layer.
pub fn dead<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Trainer],
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let (x0, x1) = step_range(runs);
    let mut chart = builder(area, "dead units per hidden layer", theme)
        .build_cartesian_2d(x0..x1, 0.0..1.02)
        .map_err(drawing_error)?;
    mesh(
        &mut chart,
        "share of units dead",
        &|v| format!("{:.0}%", 100.0 * v),
        theme,
    )?;
    let layers = runs
        .iter()
        .map(|r| r.model.hidden_layers())
        .max()
        .unwrap_or(0);
    for (i, run) in runs.iter().enumerate() {
        let h = &run.history;
        let colour = theme.series(i);
        for l in 0..run.model.hidden_layers() {
            let points = h
                .steps
                .iter()
                .zip(&h.dead_fraction)
                .filter_map(|(s, d)| Some((*s as f64, *d.get(l)?)))
                .collect();
            layer_line(&mut chart, points, colour, l, theme)?;
        }
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
            .map_err(drawing_error)?
            .label(run_label(run))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3)));
    }
    // One grey key per layer pattern, so the dashes read without a key per run × layer; as in
    // the curves chart, a shorter stroke stands for a shorter dash.
    let grey = theme.foreground().mix(0.7);
    for l in 0..layers.min(4) {
        let length = layer_dash(l).map_or(18, |(dash, _)| (dash as i32).max(3));
        let label = if layers > 4 && l == 3 {
            "layers 4, 8…".to_string()
        } else {
            format!("layer {}", l + 1)
        };
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
            .map_err(drawing_error)?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new([(x, y), (x + length, y)], grey.stroke_width(2))
            });
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft, 11.0, theme)?;
    Ok(plot_rect(&chart))
}

/// Each learned activation parameter's trajectory (its mean over units), one line each.
pub fn learned<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Trainer],
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    if runs.iter().all(|r| r.history.learned.is_empty()) {
        let area = area
            .titled("learned activation parameters", chart_font(theme, 12.0))
            .map_err(drawing_error)?;
        note(
            &area,
            "no learned parameters: pick prelu, swish or apl",
            theme,
        )?;
        return Ok(whole(&area));
    }
    let (x0, x1) = step_range(runs);
    let (lo, hi) = super::padded_range(
        runs.iter()
            .flat_map(|r| r.history.learned.iter().flat_map(|s| s.values.iter())),
    );
    let mut chart = builder(area, "learned activation parameters", theme)
        .build_cartesian_2d(x0..x1, lo..hi)
        .map_err(drawing_error)?;
    mesh(&mut chart, "value (mean over units)", &|v| short(*v), theme)?;
    let several = runs.len() > 1;
    let mut index = 0;
    for run in runs {
        let h = &run.history;
        for series in &h.learned {
            let colour = theme.series(index);
            index += 1;
            let points: Vec<(f64, f64)> = h
                .steps
                .iter()
                .zip(&series.values)
                .map(|(s, v)| (*s as f64, *v))
                .collect();
            let label = if several {
                format!("{} layer {} {}", run.spec.label, series.layer, series.name)
            } else {
                format!("layer {} {}", series.layer, series.name)
            };
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(theme.px(2.0))))
                .map_err(drawing_error)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft, 11.0, theme)?;
    Ok(plot_rect(&chart))
}

/// The race in words: each run's steps to the target loss, final test accuracy (or loss) and
/// divergence.
fn summary<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Trainer],
    target_loss: f64,
    theme: &Theme,
) -> Result<(), Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let area = area
        .titled("the race", chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let line_height = theme.px(18.0) as i32;
    let x = theme.px(12.0) as i32;
    for (i, run) in runs.iter().enumerate() {
        let h = &run.history;
        let reached = h.steps_to(target_loss).map_or_else(
            || format!("loss {} not reached", short(target_loss)),
            |step| format!("loss {} at step {step}", short(target_loss)),
        );
        let last = match (
            h.test_accuracy.last().copied().flatten(),
            h.test_loss.last(),
        ) {
            (Some(a), _) => format!("test accuracy {:.1}%", 100.0 * a),
            (None, Some(l)) => format!("test loss {}", short(*l)),
            _ => String::new(),
        };
        let text = match run.diverged_at {
            Some(step) => format!("{}: diverged at step {step}", run.spec.label),
            None => format!("{}: {reached}; {last}", run.spec.label),
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
fn short(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-2 || v.abs() >= 1e4 {
        format!("{v:.0e}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}
