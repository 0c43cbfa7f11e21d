//! Gradient flow over time: for each run, a heatmap of layers (y; layer 1 at the bottom, the
//! output layer on top) × records (x, by step) coloured by log10 ‖∂L/∂W‖, all runs on one shared
//! colour scale drawn as a bar on the right. Several runs are stacked, first run on top, so a
//! race shows at a glance which activation lets the gradient reach layer 1.

use super::{chart_font, note, PlotRect};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, Theme};
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Viridis at five stops (perceptually uniform, colour-blind safe, readable in both themes).
const VIRIDIS: [(u8, u8, u8); 5] = [
    (68, 1, 84),
    (59, 82, 139),
    (33, 145, 140),
    (94, 201, 98),
    (253, 231, 37),
];

/// Gradients below this (but not 0) are drawn at the bottom of the scale.
const FLOOR: f64 = 1e-12;

/// The colour of `t` ∈ [0, 1] on the viridis ramp.
pub fn viridis(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let c = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * f).round() as u8;
    RGBColor(c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
}

/// log10 of a gradient norm, floored.
fn log_norm(v: f64) -> f64 {
    if v.is_finite() {
        v.max(FLOOR).log10()
    } else {
        FLOOR.log10()
    }
}

/// The shared colour scale over every run, layer and record: from the 2nd to the 98th
/// percentile of log10 ‖∂L/∂W‖, so one freak batch does not wash out the rest (a vanishing
/// layer is a quarter or more of the cells, well inside the range). Cells beyond it take the
/// end colours.
fn scale(runs: &[RunSnapshot]) -> (f64, f64) {
    let mut values: Vec<f64> = runs
        .iter()
        .flat_map(|r| r.history.grad_norms.iter().flatten())
        .filter(|v| **v > 0.0)
        .map(|v| log_norm(*v))
        .collect();
    if values.is_empty() {
        return (-6.0, 0.0);
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    let (lo, hi) = (at(0.02), at(0.98));
    if hi - lo < 0.5 {
        (lo - 0.25, hi + 0.25)
    } else {
        (lo, hi)
    }
}

/// Draws the panel; returns the plot area of the first run's heatmap.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let runs = &race.runs;
    area.fill(&theme.background()).map_err(drawing_error)?;
    let area = area
        .titled(theme.text(Key::FlowTitle), chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let (width, _) = area.dim_in_pixel();
    let (maps, bar) = area.split_horizontally(width.saturating_sub(theme.px(64.0)));
    let (lo, hi) = scale(runs);
    colour_bar(&bar, (lo, hi), theme)?;
    if runs.iter().all(|r| r.history.steps.is_empty()) {
        note(&maps, theme.text(Key::NoRecords), theme)?;
        let (x0, y0) = maps.get_base_pixel();
        let (w, h) = maps.dim_in_pixel();
        return Ok(PlotRect {
            left: f64::from(x0),
            right: f64::from(x0) + f64::from(w),
            top: f64::from(y0),
            bottom: f64::from(y0) + f64::from(h),
        });
    }
    let rows = maps.split_evenly((runs.len().max(1), 1));
    let mut first = None;
    // Every run shares the step axis: to the last record, plus one record interval.
    let last_step = runs
        .iter()
        .filter_map(|r| r.history.steps.last())
        .copied()
        .max()
        .unwrap_or(0) as f64;
    let gap = runs
        .iter()
        .find_map(|r| Some((r.history.steps.get(1)? - r.history.steps.first()?) as f64))
        .unwrap_or(1.0)
        .max(1.0);
    for (i, (run, cell)) in runs.iter().zip(rows.iter()).enumerate() {
        let rect = heatmap(
            cell,
            run,
            (lo, hi),
            (gap, last_step + gap),
            i + 1 == runs.len(),
            theme,
        )?;
        first.get_or_insert(rect);
    }
    first.ok_or_else(|| Error::Drawing {
        message: "gradient flow: no runs".into(),
    })
}

/// One run's layers × records heatmap.
fn heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &RunSnapshot,
    (lo, hi): (f64, f64),
    (gap, x_end): (f64, f64),
    x_axis: bool,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let h = &run.history;
    let layers = run.layers.max(1);
    let font = chart_font(theme, 11.0);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(4.0))
        .x_label_area_size(if x_axis { theme.px(26.0) } else { 0 })
        .y_label_area_size(theme.px(56.0))
        .build_cartesian_2d(0.0..x_end, 0.5..layers as f64 + 0.5)
        .map_err(drawing_error)?;
    let output = layers;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(if x_axis { 5 } else { 0 })
        .x_desc(if x_axis { theme.text(Key::Step) } else { "" })
        .y_labels(layers.min(8))
        .y_desc(run.label.as_str())
        .y_label_formatter(&|v| {
            let layer = v.round() as usize;
            if layer == output {
                theme.text(Key::Output).into()
            } else {
                format!("{layer}")
            }
        })
        .x_label_formatter(&|v| format!("{v:.0}"))
        .label_style(font.clone())
        .axis_desc_style(font)
        .axis_style(theme.foreground())
        .draw()
        .map_err(drawing_error)?;
    // Record j covers the steps from its own to the next one's; the last, one record interval.
    let spans: Vec<(f64, f64)> = h
        .steps
        .iter()
        .enumerate()
        .map(|(j, step)| {
            let start = *step as f64;
            let end = h.steps.get(j + 1).map_or(start + gap, |next| *next as f64);
            (start, end.min(x_end))
        })
        .collect();
    let muted = theme.muted();
    chart
        .draw_series(
            h.grad_norms
                .iter()
                .zip(&spans)
                .flat_map(|(norms, (x0, x1))| {
                    norms.iter().enumerate().map(move |(l, norm)| {
                        // A zero norm means no gradient yet (the record before the first step).
                        let colour = if *norm > 0.0 {
                            viridis((log_norm(*norm) - lo) / (hi - lo))
                        } else {
                            muted
                        };
                        let y = (l + 1) as f64;
                        Rectangle::new([(*x0, y - 0.5), (*x1, y + 0.5)], colour.filled())
                    })
                }),
        )
        .map_err(drawing_error)?;
    if let Some(step) = run.diverged_at {
        let text = theme.fill(Key::Diverged, &[("step", &step.to_string())]);
        chart
            .draw_series(std::iter::once(Text::new(
                text,
                (0.0, layers as f64 + 0.45),
                chart_font(theme, 11.0),
            )))
            .map_err(drawing_error)?;
    }
    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    Ok(PlotRect {
        left: f64::from(x_pixels.start),
        right: f64::from(x_pixels.end),
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
    })
}

/// The colour scale: a vertical ramp labelled in powers of ten.
fn colour_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (lo, hi): (f64, f64),
    theme: &Theme,
) -> Result<(), Error> {
    let font = chart_font(theme, 10.0);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(6.0))
        .margin_left(theme.px(4.0))
        .x_label_area_size(theme.px(26.0))
        .y_label_area_size(0)
        .right_y_label_area_size(theme.px(38.0))
        .build_cartesian_2d(0.0..1.0, lo..hi)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(5)
        .y_label_formatter(&|v| format!("{:.0e}", 10f64.powf(*v)))
        .label_style(font)
        .axis_style(theme.foreground())
        .draw()
        .map_err(drawing_error)?;
    let bins = 32;
    let step = (hi - lo) / f64::from(bins);
    chart
        .draw_series((0..bins).map(|b| {
            let y = lo + step * f64::from(b);
            Rectangle::new(
                [(0.0, y), (1.0, y + step)],
                viridis((f64::from(b) + 0.5) / f64::from(bins)).filled(),
            )
        }))
        .map_err(drawing_error)?;
    Ok(())
}
