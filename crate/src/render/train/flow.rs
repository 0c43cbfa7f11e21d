//! Gradient flow over time: for each run, a heatmap of layers (y; layer 1 at the bottom, the
//! output layer on top) × records (x, by step) coloured by log10 ‖∂L/∂W‖, all runs on one shared
//! colour scale drawn as a bar on the right. Several runs are stacked, first run on top, so a
//! race shows at a glance which activation lets the gradient reach layer 1.
//!
//! SVG gets one rectangle per record and layer ([`Cells::Shapes`]); a canvas gets each run's
//! heatmap as one image ([`Cells::Image`], [`flow_rgba`]): a long race has thousands of cells, a
//! rectangle each cost the page's frames more than all its stepping.

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
    // Two order statistics, each found in linear time: a long race has tens of thousands.
    let mut at = |q: f64| {
        let k = ((values.len() - 1) as f64 * q).round() as usize;
        *values.select_nth_unstable_by(k, f64::total_cmp).1
    };
    let (lo, hi) = (at(0.02), at(0.98));
    if hi - lo < 0.5 {
        (lo - 0.25, hi + 0.25)
    } else {
        (lo, hi)
    }
}

/// Draws the panel; returns the plot area of the first run's heatmap.
/// Where a run's heatmap sits on the axes: the colour scale (log10 of the norms) and the step
/// axis (a record's span when no next record ends it, and the axis's end).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlowScale {
    /// log10 of the norm at the bottom of the colour scale.
    pub lo: f64,
    /// log10 of the norm at its top.
    pub hi: f64,
    /// Steps the last record covers.
    pub gap: f64,
    /// The step axis's end (it starts at 0).
    pub x_end: f64,
}

/// A function that puts a run's heatmap image at its plot area (canvas pixels), once the run's
/// axes are drawn.
pub type Blit<'a> = dyn FnMut(&PlotRect, &RunSnapshot, &FlowScale) -> Result<(), Error> + 'a;

/// How the heatmaps' cells are drawn.
pub enum Cells<'a> {
    /// A rectangle per record and layer.
    Shapes,
    /// Each run's plot area handed to a [`Blit`].
    Image(&'a mut Blit<'a>),
}

/// A norm's colour on the scale; a zero norm (no gradient yet: the record before the first
/// step) is muted.
fn cell_colour(norm: f64, (lo, hi): (f64, f64), muted: RGBColor) -> RGBColor {
    if norm > 0.0 {
        viridis((log_norm(norm) - lo) / (hi - lo))
    } else {
        muted
    }
}

/// Record j covers the steps from its own to the next one's; the last, one record interval.
fn spans(run: &RunSnapshot, gap: f64, x_end: f64) -> Vec<(f64, f64)> {
    let steps = &run.history.steps;
    steps
        .iter()
        .enumerate()
        .map(|(j, step)| {
            let start = *step as f64;
            let end = steps.get(j + 1).map_or(start + gap, |next| *next as f64);
            (start, end.min(x_end))
        })
        .collect()
}

/// `run`'s heatmap as RGBA pixels for a plot area of `width × height` (row 0 at the top, the
/// output layer's): what [`Cells::Shapes`] draws, a pixel at a time, the theme's background
/// where no record covers a column.
pub fn flow_rgba(
    run: &RunSnapshot,
    scale: &FlowScale,
    (width, height): (u32, u32),
    theme: &Theme,
) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    let layers = run.layers.max(1);
    let spans = spans(run, scale.gap, scale.x_end);
    // Each pixel column's record: the one whose span holds the column's centre.
    let columns: Vec<Option<&Vec<f64>>> = (0..w)
        .map(|px| {
            let x = (px as f64 + 0.5) / w as f64 * scale.x_end;
            let j = spans
                .partition_point(|(start, _)| *start <= x)
                .checked_sub(1)?;
            (x < spans[j].1)
                .then(|| run.history.grad_norms.get(j))
                .flatten()
        })
        .collect();
    let (background, muted) = (theme.background(), theme.muted());
    // One row of pixels per layer, each colour computed once; the image's rows copy them.
    let rows: Vec<Vec<u8>> = (0..layers)
        .map(|l| {
            columns
                .iter()
                .flat_map(|norms| {
                    let colour = match norms.and_then(|n| n.get(l)) {
                        Some(norm) => cell_colour(*norm, (scale.lo, scale.hi), muted),
                        None => background,
                    };
                    [colour.0, colour.1, colour.2, 255]
                })
                .collect()
        })
        .collect();
    let mut pixels = Vec::with_capacity(w * h * 4);
    for py in 0..h {
        // The y axis runs from 0.5 (bottom) to layers + 0.5; layer l + 1 sits at y = l + 1.
        let y = layers as f64 + 0.5 - (py as f64 + 0.5) / h as f64 * layers as f64;
        let l = (y.round().max(1.0) as usize).min(layers) - 1;
        pixels.extend_from_slice(&rows[l]);
    }
    pixels
}

/// The chart with a rectangle per cell (SVG, tests).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    draw_cells(area, race, theme, Cells::Shapes)
}

/// The chart, its cells drawn as `cells` says.
pub fn draw_cells<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
    mut cells: Cells<'_>,
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
        let scale = FlowScale {
            lo,
            hi,
            gap,
            x_end: last_step + gap,
        };
        let rect = heatmap(cell, run, &scale, i + 1 == runs.len(), theme, &mut cells)?;
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
    scale: &FlowScale,
    x_axis: bool,
    theme: &Theme,
    cells: &mut Cells<'_>,
) -> Result<PlotRect, Error> {
    let h = &run.history;
    let x_end = scale.x_end;
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
    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    let rect = PlotRect {
        left: f64::from(x_pixels.start),
        right: f64::from(x_pixels.end),
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
    };
    match cells {
        Cells::Image(blit) => blit(&rect, run, scale)?,
        Cells::Shapes => {
            let muted = theme.muted();
            let spans = spans(run, scale.gap, x_end);
            chart
                .draw_series(
                    h.grad_norms
                        .iter()
                        .zip(&spans)
                        .flat_map(|(norms, (x0, x1))| {
                            norms.iter().enumerate().map(move |(l, norm)| {
                                let colour = cell_colour(*norm, (scale.lo, scale.hi), muted);
                                let y = (l + 1) as f64;
                                Rectangle::new([(*x0, y - 0.5), (*x1, y + 0.5)], colour.filled())
                            })
                        }),
                )
                .map_err(drawing_error)?;
        }
    }
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
    Ok(rect)
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
