//! The decision surface: what the network predicts over [`DOMAIN`]², with the training points
//! (filled) and the test points (outlined) on top; for regression, the fitted curve over the
//! data.
//!
//! The page draws the dense part as one pixel buffer ([`surface_rgba`], blitted under the
//! chart, like wasm-bindgen's julia_set); SVG gets the same colours as one rectangle per grid
//! cell ([`SurfaceFill::Cells`]).

use super::{chart_font, PlotRect};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, Theme, PALETTE};
use crate::train::dataset::{Examples, Task};
use crate::train::{Trainer, DOMAIN};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Grid cells per side the network is evaluated on: 56² = 3136 predictions is a fraction of one
/// training step's work, and bilinear interpolation hides the cells at canvas size.
pub const RESOLUTION: usize = 56;

/// How much of a class colour a fully confident cell gets; the rest is the background, so the
/// points drawn on top keep their contrast.
const STRENGTH: f64 = 0.5;

/// How the plot area of a surface is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurfaceFill {
    /// One coloured rectangle per grid cell (SVG, or any backend without images).
    Cells,
    /// Nothing: the plot area stays transparent so the [`surface_rgba`] image blitted under it
    /// (at the returned [`PlotRect`]) shows through.
    None,
    /// As `None`, and the image already has the points ([`stamp_points`]): the chart draws
    /// only the frame, axes and title. A canvas takes one image instead of a thousand circles.
    ImageWithPoints,
}

/// `a` moved towards `b` by `t` ∈ [0, 1].
fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// Steps of shade between the background and a class's strongest colour.
const LEVELS: usize = 256;

/// Each class's shades from the background (level 0) to [`STRENGTH`] of its colour, so a pixel's
/// colour is a table lookup (the buffer has a few hundred thousand pixels per frame).
struct Shades {
    background: RGBColor,
    tables: Vec<Vec<RGBColor>>,
}

impl Shades {
    fn new(background: RGBColor) -> Shades {
        let tables = PALETTE
            .iter()
            .map(|colour| {
                (0..LEVELS)
                    .map(|level| {
                        let t = STRENGTH * level as f64 / (LEVELS - 1) as f64;
                        mix(background, *colour, t)
                    })
                    .collect()
            })
            .collect();
        Shades { background, tables }
    }

    /// Class `class`'s shade at confidence `t` ∈ [0, 1] (NaN: the background).
    fn shade(&self, class: usize, t: f64) -> RGBColor {
        if !t.is_finite() {
            return self.background;
        }
        // + ½ and truncate: rounds as t ≥ 0, without a libm call per pixel.
        let level = (t.clamp(0.0, 1.0) * (LEVELS - 1) as f64 + 0.5) as usize;
        self.tables
            .get(class % PALETTE.len())
            .and_then(|table| table.get(level))
            .copied()
            .unwrap_or(self.background)
    }

    /// The colour of one prediction: binary diverges from PALETTE[0] (p = 0) through the
    /// background (p = ½) to PALETTE[1] (p = 1); multi-class takes the winning class's colour,
    /// as strong as its lead over a uniform guess.
    fn of(&self, prediction: &[f32]) -> RGBColor {
        match prediction {
            [] => self.background,
            [p] => {
                let p = f64::from(*p);
                self.shade(usize::from(p > 0.5), (2.0 * p - 1.0).abs())
            }
            probabilities => {
                let (class, p) = probabilities.iter().enumerate().fold(
                    (0, f32::NEG_INFINITY),
                    |best, (i, p)| if *p > best.1 { (i, *p) } else { best },
                );
                let uniform = 1.0 / probabilities.len() as f64;
                self.shade(class, (f64::from(p) - uniform) / (1.0 - uniform))
            }
        }
    }
}

/// Values per grid cell of the run's task (1 for binary, k for k classes).
fn per_cell(task: Task) -> usize {
    match task {
        Task::MultiClass(k) => k,
        _ => 1,
    }
}

/// The decision surface as `width × height` RGBA pixels (row 0 at the top, y decreasing, the
/// same [`DOMAIN`]² the chart's plot area spans), from the network's predictions on a
/// [`RESOLUTION`]² grid interpolated bilinearly. Opaque; blank (the background) for regression,
/// whose surface is the fitted curve the chart draws.
pub fn surface_rgba(run: &mut Trainer, width: u32, height: u32, dark: bool) -> Vec<u8> {
    let background = Theme::new(1.0, dark).background();
    let (w, h) = (width as usize, height as usize);
    let task = run.data.task;
    let blank = || [background.0, background.1, background.2, 255].repeat(w * h);
    if task == Task::Regression || w == 0 || h == 0 {
        return blank();
    }
    let n = RESOLUTION;
    let k = per_cell(task);
    let grid = run.surface(n);
    if grid.len() != n * n * k {
        return blank();
    }
    // A pixel centre in grid coordinates: cell centres sit at integers 0..n−1.
    let to_grid = |pixel: usize, size: usize| {
        ((pixel as f64 + 0.5) / size as f64 * n as f64 - 0.5).clamp(0.0, (n - 1) as f64)
    };
    let columns: Vec<(usize, usize, f32)> = (0..w)
        .map(|x| {
            let g = to_grid(x, w);
            let lo = g.floor() as usize;
            (lo, (lo + 1).min(n - 1), (g - lo as f64) as f32)
        })
        .collect();
    let mut pixels = Vec::with_capacity(w * h * 4);
    // Interpolate down the columns once per pixel row (n·k values), then along the row per
    // pixel (k values): a quarter of the work of four-corner lookups at every pixel.
    let shades = Shades::new(background);
    let mut row = vec![0.0f32; n * k];
    let mut prediction = vec![0.0f32; k];
    for y in 0..h {
        let g = to_grid(y, h);
        let (r0, t) = (g.floor() as usize, (g - g.floor()) as f32);
        let r1 = (r0 + 1).min(n - 1);
        let (upper, lower) = (&grid[r0 * n * k..][..n * k], &grid[r1 * n * k..][..n * k]);
        for ((value, a), b) in row.iter_mut().zip(upper).zip(lower) {
            *value = a + (b - a) * t;
        }
        for &(c0, c1, s) in &columns {
            let (left, right) = (&row[c0 * k..][..k], &row[c1 * k..][..k]);
            for ((value, a), b) in prediction.iter_mut().zip(left).zip(right) {
                *value = a + (b - a) * s;
            }
            let colour = shades.of(&prediction);
            pixels.extend_from_slice(&[colour.0, colour.1, colour.2, 255]);
        }
    }
    pixels
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
fn title(run: &Trainer, theme: &Theme) -> String {
    let h = &run.history;
    let label = run.spec.label.as_str();
    if let Some(step) = run.diverged_at {
        let step = step.to_string();
        return theme.fill(Key::RunDiverged, &[("label", label), ("step", &step)]);
    }
    let step = run.steps.to_string();
    let last = |values: &[Option<f64>]| values.last().copied().flatten();
    match (last(&h.test_accuracy), h.test_loss.last()) {
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
        (None, None) => run.spec.label.clone(),
    }
}

/// The colour of class `target` (a class index stored as f32).
fn class_colour(target: f32) -> RGBColor {
    PALETTE[(target.max(0.0) as usize) % PALETTE.len()]
}

/// Draws one run's decision surface (or fitted curve) with its points and returns the plot
/// area. With [`SurfaceFill::None`] only the space around the plot area is painted, so an image
/// under it shows.
pub fn draw_surface<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &mut Trainer,
    fill: SurfaceFill,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    let rect = surface_rect(area, theme);
    let background = theme.background();
    if fill == SurfaceFill::Cells || run.data.task == Task::Regression {
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
    let task = run.data.task;
    let y_range = if task == Task::Regression {
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

    if task == Task::Regression {
        draw_regression(&mut chart, run, theme)?;
    } else {
        if fill == SurfaceFill::Cells {
            let n = RESOLUTION;
            let k = per_cell(task);
            let grid = run.surface(n);
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
            draw_points(&mut chart, &run.data.train, &run.data.test, theme)?;
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

type SurfaceChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Training points filled, test points hollow, each in its class colour with an edge in the text
/// colour so they stand out on either theme and on either class's shade.
fn draw_points<DB: DrawingBackend>(
    chart: &mut SurfaceChart<'_, DB>,
    train: &Examples,
    test: &Examples,
    theme: &Theme,
) -> Result<(), Error> {
    let r = theme.px(3.5);
    let edge = theme.foreground().stroke_width(theme.px(1.0));
    let point = |examples: &Examples, i: usize| {
        let x = examples.input(i);
        (f64::from(x[0]), f64::from(x[1]))
    };
    let (lo, hi) = DOMAIN;
    let inside = |(x, y): (f64, f64)| (lo..=hi).contains(&x) && (lo..=hi).contains(&y);
    chart
        .draw_series(
            (0..train.len())
                .filter(|i| inside(point(train, *i)))
                .flat_map(|i| {
                    let at = point(train, i);
                    [
                        Circle::new(at, r, class_colour(train.targets[i]).filled()),
                        Circle::new(at, r, edge),
                    ]
                }),
        )
        .map_err(drawing_error)?;
    let background = theme.background();
    chart
        .draw_series(
            (0..test.len())
                .filter(|i| inside(point(test, *i)))
                .flat_map(|i| {
                    let at = point(test, i);
                    [
                        Circle::new(at, r, background.filled()),
                        Circle::new(
                            at,
                            r.saturating_sub(theme.px(1.0)),
                            class_colour(test.targets[i]).stroke_width(theme.px(2.0)),
                        ),
                        Circle::new(at, r, edge),
                    ]
                }),
        )
        .map_err(drawing_error)?;
    Ok(())
}

/// The y range of the regression chart: the targets and the fitted curve, padded.
fn regression_range(run: &mut Trainer) -> (f64, f64) {
    let fitted = run.surface(RESOLUTION);
    let values: Vec<f64> = run
        .data
        .train
        .targets
        .iter()
        .chain(&run.data.test.targets)
        .chain(&fitted)
        .map(|v| f64::from(*v))
        .filter(|v| v.is_finite() && v.abs() < 1e6)
        .collect();
    crate::render::padded_range(values.iter())
}

/// The sine data (train filled, test hollow) and the network's curve through them.
fn draw_regression<DB: DrawingBackend>(
    chart: &mut SurfaceChart<'_, DB>,
    run: &mut Trainer,
    theme: &Theme,
) -> Result<(), Error> {
    let (y_lo, y_hi) = {
        let range = chart.y_range();
        (range.start, range.end)
    };
    let r = theme.px(3.0);
    let edge = theme.foreground().stroke_width(theme.px(1.0));
    let data = theme.series(0);
    let pairs = |e: &Examples| -> Vec<(f64, f64)> {
        (0..e.len())
            .map(|i| (f64::from(e.input(i)[0]), f64::from(e.targets[i])))
            .filter(|(_, y)| (y_lo..=y_hi).contains(y))
            .collect()
    };
    chart
        .draw_series(
            pairs(&run.data.train)
                .into_iter()
                .flat_map(|at| [Circle::new(at, r, data.filled()), Circle::new(at, r, edge)]),
        )
        .map_err(drawing_error)?;
    chart
        .draw_series(
            pairs(&run.data.test)
                .into_iter()
                .map(|at| Circle::new(at, r, data.stroke_width(theme.px(1.5)))),
        )
        .map_err(drawing_error)?;
    let n = RESOLUTION;
    let (lo, hi) = DOMAIN;
    let fitted = run.surface(n);
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

/// Draws the training points (filled) and test points (a class-coloured ring round the
/// background) into an RGBA image of the plot area, as [`draw_points`] draws them on a chart:
/// radius 3.5 CSS px, a 1 px edge in the text colour, edges anti-aliased by pixel coverage.
pub fn stamp_points(pixels: &mut [u8], width: u32, height: u32, run: &Trainer, theme: &Theme) {
    let (w, h) = (width as usize, height as usize);
    if pixels.len() != w * h * 4 || run.data.task == Task::Regression {
        return;
    }
    let radius = f64::from(theme.px(3.5));
    let edge = f64::from(theme.px(1.0));
    let ring = f64::from(theme.px(2.0));
    let (lo, hi) = DOMAIN;
    let (foreground, background) = (theme.foreground(), theme.background());
    let mut blend = |x: usize, y: usize, colour: RGBColor, alpha: f64| {
        if alpha <= 0.0 {
            return;
        }
        let at = (y * w + x) * 4;
        for (channel, value) in pixels[at..at + 3]
            .iter_mut()
            .zip([colour.0, colour.1, colour.2])
        {
            *channel =
                (f64::from(*channel) * (1.0 - alpha) + f64::from(value) * alpha).round() as u8;
        }
    };
    let mut stamp = |examples: &Examples, i: usize, hollow: bool| {
        let x = examples.input(i);
        let cx = (f64::from(x[0]) - lo) / (hi - lo) * w as f64;
        let cy = (hi - f64::from(x[1])) / (hi - lo) * h as f64;
        let class = class_colour(examples.targets[i]);
        let reach = radius.ceil() as i64 + 1;
        for py in (cy as i64 - reach)..=(cy as i64 + reach) {
            for px in (cx as i64 - reach)..=(cx as i64 + reach) {
                if px < 0 || py < 0 || px >= w as i64 || py >= h as i64 {
                    continue;
                }
                let d = ((px as f64 + 0.5 - cx).powi(2) + (py as f64 + 0.5 - cy).powi(2)).sqrt();
                // The share of this pixel inside a disc of radius r, to half a pixel.
                let inside = |r: f64| (r + 0.5 - d).clamp(0.0, 1.0);
                let (px, py) = (px as usize, py as usize);
                blend(px, py, foreground, inside(radius));
                let body = radius - edge;
                if hollow {
                    blend(px, py, class, inside(body));
                    blend(px, py, background, inside(body - ring));
                } else {
                    blend(px, py, class, inside(body));
                }
            }
        }
    };
    for i in 0..run.data.train.len() {
        stamp(&run.data.train, i, false);
    }
    for i in 0..run.data.test.len() {
        stamp(&run.data.test, i, true);
    }
}
