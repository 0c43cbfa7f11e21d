//! Inside each hidden layer at the latest record: its saturated share (|f′| under 1 % of the
//! largest), its zero share (f exactly 0) and its share of dead units, one row of layers per
//! run, layer 1 at the bottom as in [`flow`](super::flow), so a reader can follow one layer from
//! its gradient to its distribution. Solid is saturated, dashed zero, dotted dead.

use super::{chart_font, note, whole, PlotRect};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, Theme};
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the panel; returns the plot area of the first run's row.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let area = area
        .titled(theme.text(Key::DistributionsTitle), chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let runs: Vec<&RunSnapshot> = race
        .runs
        .iter()
        .filter(|r| r.history.layers.last().is_some_and(|l| !l.is_empty()))
        .collect();
    if runs.is_empty() {
        note(&area, theme.text(Key::NoRecords), theme)?;
        return Ok(whole(&area));
    }
    let rows = area.split_evenly((1, runs.len()));
    let mut first = None;
    for (i, (run, cell)) in runs.iter().zip(rows.iter()).enumerate() {
        let rect = row(cell, run, i, i == 0, theme)?;
        first.get_or_insert(rect);
    }
    first.ok_or_else(|| Error::Drawing {
        message: "layer distributions: no runs".into(),
    })
}

/// One run: shares (x) per hidden layer (y) at its latest record.
fn row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &RunSnapshot,
    index: usize,
    legend: bool,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let Some(records) = run.history.layers.last() else {
        return Ok(whole(area));
    };
    let layers = records.len().max(1);
    let step = run.history.steps.last().copied().unwrap_or(0).to_string();
    let font = chart_font(theme, 11.0);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(4.0))
        .caption(
            theme.fill(
                Key::DistributionsRun,
                &[("label", &run.label), ("step", &step)],
            ),
            font.clone(),
        )
        .x_label_area_size(theme.px(26.0))
        .y_label_area_size(theme.px(40.0))
        .build_cartesian_2d(0.0..1.02, 0.5..layers as f64 + 0.5)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(3)
        .y_labels(layers.min(10))
        .x_desc(theme.text(Key::DistributionsAxis))
        .y_desc(theme.text(Key::Layer))
        .x_label_formatter(&|v| format!("{:.0}%", 100.0 * v))
        .y_label_formatter(&|v| format!("{}", v.round() as usize))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .axis_style(theme.foreground())
        .light_line_style(theme.muted().mix(0.3))
        .draw()
        .map_err(drawing_error)?;
    let colour = theme.series(index);
    let width = theme.px(2.0);
    let series = |share: fn(&crate::train::inspect::LayerRecord) -> f64| -> Vec<(f64, f64)> {
        records
            .iter()
            .enumerate()
            .map(|(l, r)| (share(r), (l + 1) as f64))
            .collect()
    };
    let saturated = series(|r| r.saturated);
    let zero = series(|r| r.zero);
    let dead = series(|r| r.dead as f64 / r.units.max(1) as f64);
    let key = |k: Key| theme.text(k).to_string();
    chart
        .draw_series(LineSeries::new(saturated, colour.stroke_width(width)))
        .map_err(drawing_error)?
        .label(key(Key::SaturatedShare))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], colour));
    chart
        .draw_series(DashedLineSeries::new(
            zero,
            theme.px(7.0),
            theme.px(4.0),
            colour.stroke_width(width),
        ))
        .map_err(drawing_error)?
        .label(key(Key::ZeroShare))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 4, y), (x + 8, y)], colour));
    chart
        .draw_series(DashedLineSeries::new(
            dead,
            theme.px(2.0),
            theme.px(3.0),
            colour.stroke_width(width),
        ))
        .map_err(drawing_error)?
        .label(key(Key::DeadShare))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 2, y)], colour));
    if legend {
        chart
            .configure_series_labels()
            .position(plotters::chart::SeriesLabelPosition::UpperRight)
            .label_font(font)
            .background_style(theme.background().mix(0.8))
            .border_style(theme.muted())
            .draw()
            .map_err(drawing_error)?;
    }
    let (x, y) = chart.plotting_area().get_pixel_range();
    Ok(PlotRect {
        left: f64::from(x.start),
        right: f64::from(x.end),
        top: f64::from(y.start),
        bottom: f64::from(y.end),
    })
}
