//! The training view's time series of the race's losses and accuracies, one line per run
//! (colour) and per quantity: train solid, test dashed; and the axis, mesh and labels every
//! time-series panel shares (the per-layer ones are in [`layer_series`](super::layer_series)).

use super::{chart_font, note, plot_rect, short, thin, whole, PlotRect};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, legend, Theme};
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use plotters::chart::SeriesLabelPosition;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Losses at or below this are drawn at this value: a log axis has no zero.
const LOSS_FLOOR: f64 = 1e-6;

/// A run's legend label: its name, and its divergence if any.
pub(super) fn run_label(run: &RunSnapshot, theme: &Theme) -> String {
    match run.diverged_at {
        Some(step) => theme.fill(
            Key::RunDiverged,
            &[("label", &run.label), ("step", &step.to_string())],
        ),
        None => run.label.clone(),
    }
}

/// The step axis every time-series panel shares: 0 to the last step any run reached.
pub(super) fn step_range(runs: &[RunSnapshot]) -> (f64, f64) {
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
        .label(theme.text(Key::TrainSolid))
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], grey.stroke_width(2)));
    chart
        .draw_series(std::iter::empty::<Circle<CT::From, u32>>())
        .map_err(drawing_error)?
        .label(theme.text(Key::TestDashed))
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
    let (train, test) = (thin::for_chart(chart, train), thin::for_chart(chart, test));
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
pub(super) fn mesh<DB: DrawingBackend, X, Y>(
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
        .x_desc(theme.text(Key::Step))
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
pub(super) fn builder<'a, 'b, DB: DrawingBackend>(
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
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let (runs, target_loss) = (&race.runs, race.target_loss);
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
    let mut chart = builder(area, theme.text(Key::LossTitle), theme)
        .build_cartesian_2d(x0..x1, (lo..hi).log_scale())
        .map_err(drawing_error)?;
    mesh(&mut chart, theme.text(Key::Loss), &|v| short(*v), theme)?;
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
            run_label(run, theme),
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
                theme.fill(Key::TargetLoss, &[("value", &short(target_loss))]),
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
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let runs = &race.runs;
    area.fill(&theme.background()).map_err(drawing_error)?;
    if runs.iter().all(|r| r.surface.is_regression()) {
        let area = area
            .titled(theme.text(Key::Accuracy), chart_font(theme, 12.0))
            .map_err(drawing_error)?;
        note(&area, theme.text(Key::AccuracyRegression), theme)?;
        return Ok(whole(&area));
    }
    let (x0, x1) = step_range(runs);
    let mut chart = builder(area, theme.text(Key::Accuracy), theme)
        .build_cartesian_2d(x0..x1, 0.0..1.02)
        .map_err(drawing_error)?;
    mesh(
        &mut chart,
        theme.text(Key::AccuracyAxis),
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
            run_label(run, theme),
            theme,
        )?;
    }
    style_key(&mut chart, theme)?;
    legend(&mut chart, SeriesLabelPosition::LowerRight, 11.0, theme)?;
    Ok(plot_rect(&chart))
}
