//! The decision surface chart: what the network predicted over [`DOMAIN`]², read from the
//! snapshot's grid, with the training points (filled) and the test points (outlined) on top;
//! for regression, the fitted curve over the data.
//!
//! SVG gets one rectangle per grid cell ([`SurfaceFill::Cells`]); the page blits the dense part
//! as one pixel buffer ([`surface_rgba`](super::surface_rgba)) under the chart and asks it only
//! for the frame, axes and title.

use super::points::{draw_points, SurfaceChart};
use super::shade::Shades;
use super::{chart_font, PlotRect};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, Theme};
use crate::train::snapshot::{Point, RunSnapshot};
use crate::train::DOMAIN;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How the plot area of a surface is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurfaceFill {
    /// One coloured rectangle per grid cell (SVG, or any backend without images).
    Cells,
    /// Nothing: the plot area stays transparent so the [`surface_rgba`](super::surface_rgba) image blitted under it
    /// (at the returned [`PlotRect`]) shows through.
    None,
    /// As `None`, and the image already has the points ([`stamp_points`](super::stamp_points)): the chart draws
    /// only the frame, axes and title. A canvas takes one image instead of a thousand circles.
    ImageWithPoints,
}

/// The sizes a surface chart is laid out with, in backend pixels.
struct Layout {
    title: u32,
    margin: u32,
    x_labels: u32,
    y_labels: u32,
}

impl Layout {
    fn new(theme: &Theme) -> Layout {
        Layout {
            title: theme.px(22.0),
            margin: theme.px(6.0),
            x_labels: theme.px(24.0),
            y_labels: theme.px(36.0),
        }
    }
}

/// Where [`draw_surface`] will put its plot area on `area`, without drawing anything: the
/// largest square that fits under the title, centred. The page sizes and places the
/// [`surface_rgba`] image with it before drawing the points over it.
pub fn surface_rect<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, theme: &Theme) -> PlotRect {
    let l = Layout::new(theme);
    let (x0, y0) = area.get_base_pixel();
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (i64::from(w), i64::from(h));
    let (title, margin) = (i64::from(l.title), i64::from(l.margin));
    let (xl, yl) = (i64::from(l.x_labels), i64::from(l.y_labels));
    let side = (w - yl - 2 * margin)
        .min(h - title - xl - 2 * margin)
        .max(1);
    // The chart's own area is centred horizontally; the title band stays at the top.
    let chart_w = side + yl + 2 * margin;
    let left = i64::from(x0) + (w - chart_w).max(0) / 2 + margin + yl;
    let top = i64::from(y0) + title + margin;
    PlotRect {
        left: left as f64,
        right: (left + side) as f64,
        top: top as f64,
        bottom: (top + side) as f64,
    }
}

/// The title above a run's surface: its label and where it stands.
fn title(run: &RunSnapshot, theme: &Theme) -> String {
    let h = &run.history;
    let label = run.label.as_str();
    if let Some(step) = run.diverged_at {
        let step = step.to_string();
        return theme.fill(Key::RunDiverged, &[("label", label), ("step", &step)]);
    }
    let step = run.steps.to_string();
    match (run.last_test_accuracy(), h.test_loss.last()) {
        (Some(accuracy), _) => theme.fill(
            Key::SurfaceAccuracy,
            &[
                ("label", label),
                ("step", &step),
                ("value", &format!("{:.0}", 100.0 * accuracy)),
            ],
        ),
        (None, Some(loss)) => theme.fill(
            Key::SurfaceLoss,
            &[
                ("label", label),
                ("step", &step),
                ("value", &format!("{loss:.3}")),
            ],
        ),
        (None, None) => run.label.clone(),
    }
}

/// Draws one run's decision surface (or fitted curve) with its points and returns the plot
/// area. With [`SurfaceFill::None`] only the space around the plot area is painted, so an image
/// under it shows.
pub fn draw_surface<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &RunSnapshot,
    fill: SurfaceFill,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let rect = surface_rect(area, theme);
    let background = theme.background();
    let regression = run.surface.is_regression();
    if fill == SurfaceFill::Cells || regression {
        area.fill(&background).map_err(drawing_error)?;
    } else {
        // Paint the four bands around the plot area, in this area's own pixel coordinates.
        let (x0, y0) = area.get_base_pixel();
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let (l, r) = (rect.left as i32 - x0, rect.right as i32 - x0);
        let (t, b) = (rect.top as i32 - y0, rect.bottom as i32 - y0);
        for band in [
            [(0, 0), (w, t)],
            [(0, b), (w, h)],
            [(0, t), (l, b)],
            [(r, t), (w, b)],
        ] {
            area.draw(&Rectangle::new(band, background.filled()))
                .map_err(drawing_error)?;
        }
    }
    let l = Layout::new(theme);
    let (title_band, chart_area) = area.split_vertically(l.title);
    let text = theme.foreground();
    // The title is centred over the plot area, which is centred in the panel.
    let (x0, _) = area.get_base_pixel();
    let centre = ((rect.left + rect.right) / 2.0) as i32 - x0;
    title_band
        .draw_text(
            &title(run, theme),
            &chart_font(theme, 13.0).pos(Pos::new(HPos::Center, VPos::Top)),
            (centre, theme.px(4.0) as i32),
        )
        .map_err(drawing_error)?;
    // The chart gets exactly the square surface_rect promised (plus its label bands).
    let (cw, _) = chart_area.dim_in_pixel();
    let side = (rect.right - rect.left) as u32;
    let chart_w = side + l.y_labels + 2 * l.margin;
    let chart_h = side + l.x_labels + 2 * l.margin;
    let offset = (cw.saturating_sub(chart_w) / 2) as i32;
    let chart_area = chart_area.shrink((offset, 0), (chart_w, chart_h));
    let (lo, hi) = DOMAIN;
    let y_range = if regression {
        regression_range(run)
    } else {
        (lo, hi)
    };
    let mut chart = ChartBuilder::on(&chart_area)
        .margin(l.margin)
        .x_label_area_size(l.x_labels)
        .y_label_area_size(l.y_labels)
        .build_cartesian_2d(lo..hi, y_range.0..y_range.1)
        .map_err(drawing_error)?;
    let font = chart_font(theme, 11.0);
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(5)
        .y_labels(5)
        .label_style(font)
        .axis_style(text)
        .draw()
        .map_err(drawing_error)?;

    if regression {
        draw_regression(&mut chart, run, theme)?;
    } else {
        if let (SurfaceFill::Cells, Some((n, k, grid))) = (fill, run.surface.grid()) {
            let step = (hi - lo) / n as f64;
            let shades = Shades::new(background);
            chart
                .draw_series(grid.chunks_exact(k).enumerate().map(|(i, prediction)| {
                    let (row, col) = (i / n, i % n);
                    let x = lo + step * col as f64;
                    let y = hi - step * row as f64;
                    Rectangle::new(
                        [(x, y), (x + step, y - step)],
                        shades.of(prediction).filled(),
                    )
                }))
                .map_err(drawing_error)?;
        }
        if fill != SurfaceFill::ImageWithPoints {
            draw_points(&mut chart, run, theme)?;
        }
    }
    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    Ok(PlotRect {
        left: f64::from(x_pixels.start),
        right: f64::from(x_pixels.end),
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
    })
}

/// The y range of the regression chart: the targets and the fitted curve, padded.
fn regression_range(run: &RunSnapshot) -> (f64, f64) {
    let points = run.points.train.iter().chain(&run.points.test);
    let values: Vec<f64> = points
        .map(|p| p.y)
        .chain(run.surface.fitted().iter().copied())
        .map(f64::from)
        .filter(|v| v.is_finite() && v.abs() < 1e6)
        .collect();
    crate::render::padded_range(values.iter())
}

/// The sine data (train filled, test hollow) and the network's curve through them.
fn draw_regression<DB: DrawingBackend>(
    chart: &mut SurfaceChart<'_, DB>,
    run: &RunSnapshot,
    theme: &Theme,
) -> Result<(), Error> {
    let (y_lo, y_hi) = {
        let range = chart.y_range();
        (range.start, range.end)
    };
    let r = theme.px(3.0);
    let edge = theme.foreground().stroke_width(theme.px(1.0));
    let data = theme.series(0);
    let pairs = |points: &[Point]| -> Vec<(f64, f64)> {
        points
            .iter()
            .map(|p| (f64::from(p.x), f64::from(p.y)))
            .filter(|(_, y)| (y_lo..=y_hi).contains(y))
            .collect()
    };
    chart
        .draw_series(
            pairs(&run.points.train)
                .into_iter()
                .flat_map(|at| [Circle::new(at, r, data.filled()), Circle::new(at, r, edge)]),
        )
        .map_err(drawing_error)?;
    chart
        .draw_series(
            pairs(&run.points.test)
                .into_iter()
                .map(|at| Circle::new(at, r, data.stroke_width(theme.px(1.5)))),
        )
        .map_err(drawing_error)?;
    let fitted = run.surface.fitted();
    let n = fitted.len();
    let (lo, hi) = DOMAIN;
    let curve: Vec<(f64, f64)> = fitted
        .iter()
        .enumerate()
        .filter(|(_, y)| y.is_finite())
        .map(|(i, y)| {
            (
                lo + (hi - lo) * (i as f64 + 0.5) / n as f64,
                f64::from(*y).clamp(y_lo, y_hi),
            )
        })
        .collect();
    chart
        .draw_series(LineSeries::new(
            curve,
            theme.series(1).stroke_width(theme.px(2.5)),
        ))
        .map_err(drawing_error)?;
    Ok(())
}
