//! The training view's per-layer time series: each hidden layer's dead share (colour is the run,
//! the dash pattern the layer) and each learned activation parameter's trajectory. They share
//! the step axis, mesh and labels of [`series`](super::series).

use super::series::{builder, mesh, run_label, step_range};
use super::{chart_font, note, plot_rect, short, whole, PlotRect};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, legend, padded_range, Theme};
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use plotters::chart::SeriesLabelPosition;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

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
    let points = super::thin::for_chart(chart, points);
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
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let runs = &race.runs;
    area.fill(&theme.background()).map_err(drawing_error)?;
    let (x0, x1) = step_range(runs);
    let mut chart = builder(area, theme.text(Key::DeadTitle), theme)
        .build_cartesian_2d(x0..x1, 0.0..1.02)
        .map_err(drawing_error)?;
    mesh(
        &mut chart,
        theme.text(Key::DeadAxis),
        &|v| format!("{:.0}%", 100.0 * v),
        theme,
    )?;
    let layers = runs
        .iter()
        .map(RunSnapshot::hidden_layers)
        .max()
        .unwrap_or(0);
    for (i, run) in runs.iter().enumerate() {
        let h = &run.history;
        let colour = theme.series(i);
        // A line the run already drew with the same pattern (a deep network's layers often
        // share one, all at 0) would only be drawn over itself: each dash costs the canvas a
        // stroke, and a 20-layer race has thousands.
        let mut drawn: Vec<(usize, Vec<(f64, f64)>)> = Vec::new();
        for l in 0..run.hidden_layers() {
            let points: Vec<(f64, f64)> = h
                .steps
                .iter()
                .zip(&h.dead_fraction)
                .filter_map(|(s, d)| Some((*s as f64, *d.get(l)?)))
                .collect();
            // Layers four apart share a pattern (layer_dash).
            let pattern = l % 4;
            if drawn.iter().any(|(p, q)| *p == pattern && *q == points) {
                continue;
            }
            layer_line(&mut chart, points.clone(), colour, l, theme)?;
            drawn.push((pattern, points));
        }
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
            .map_err(drawing_error)?
            .label(run_label(run, theme))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3)));
    }
    // One grey key per layer pattern, so the dashes read without a key per run × layer; as in
    // the curves chart, a shorter stroke stands for a shorter dash.
    let grey = theme.foreground().mix(0.7);
    for l in 0..layers.min(4) {
        let length = layer_dash(l).map_or(18, |(dash, _)| (dash as i32).max(3));
        let label = if layers > 4 && l == 3 {
            theme.text(Key::LayersEveryFourth).to_string()
        } else {
            theme.fill(Key::LayerN, &[("layer", &(l + 1).to_string())])
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
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let runs = &race.runs;
    area.fill(&theme.background()).map_err(drawing_error)?;
    if runs.iter().all(|r| r.history.learned.is_empty()) {
        let area = area
            .titled(theme.text(Key::LearnedTitle), chart_font(theme, 12.0))
            .map_err(drawing_error)?;
        note(&area, theme.text(Key::NoLearned), theme)?;
        return Ok(whole(&area));
    }
    let (x0, x1) = step_range(runs);
    let (lo, hi) = padded_range(
        runs.iter()
            .flat_map(|r| r.history.learned.iter().flat_map(|s| s.values.iter())),
    );
    let mut chart = builder(area, theme.text(Key::LearnedTitle), theme)
        .build_cartesian_2d(x0..x1, lo..hi)
        .map_err(drawing_error)?;
    mesh(
        &mut chart,
        theme.text(Key::LearnedAxis),
        &|v| short(*v),
        theme,
    )?;
    let several = runs.len() > 1;
    let mut index = 0;
    for run in runs.iter() {
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
            let layer = series.layer.to_string();
            let label = theme.fill(
                Key::LearnedSeries,
                &[("layer", &layer), ("name", &series.name)],
            );
            let label = if several {
                format!("{} {label}", run.label)
            } else {
                label
            };
            chart
                .draw_series(LineSeries::new(
                    super::thin::for_chart(&chart, points),
                    colour.stroke_width(theme.px(2.0)),
                ))
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
