//! A classifier's data points on its decision surface: training points filled, test points
//! hollow, each in its class colour with an edge in the text colour. Drawn as circles on a chart
//! ([`draw_points`]) or stamped into the page's RGBA image ([`stamp_points`]), which looks the
//! same and saves the canvas a thousand circle calls a frame.

use crate::error::Error;
use crate::render::{drawing_error, Theme, PALETTE};
use crate::train::snapshot::{Point, RunSnapshot};
use crate::train::DOMAIN;
use plotters::prelude::*;

/// The surface chart's context: data coordinates on both axes.
pub(super) type SurfaceChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The colour of class `class`.
pub(super) fn class_colour(class: usize) -> RGBColor {
    PALETTE[class % PALETTE.len()]
}

/// Training points filled, test points hollow, each in its class colour with an edge in the text
/// colour so they stand out on either theme and on either class's shade.
pub(super) fn draw_points<DB: DrawingBackend>(
    chart: &mut SurfaceChart<'_, DB>,
    run: &RunSnapshot,
    theme: &Theme,
) -> Result<(), Error> {
    let r = theme.px(3.5);
    let edge = theme.foreground().stroke_width(theme.px(1.0));
    let at = |p: &Point| (f64::from(p.x), f64::from(p.y));
    let (lo, hi) = DOMAIN;
    let inside = |(x, y): (f64, f64)| (lo..=hi).contains(&x) && (lo..=hi).contains(&y);
    chart
        .draw_series(
            run.points
                .train
                .iter()
                .filter(|p| inside(at(p)))
                .flat_map(|p| {
                    [
                        Circle::new(at(p), r, class_colour(p.class).filled()),
                        Circle::new(at(p), r, edge),
                    ]
                }),
        )
        .map_err(drawing_error)?;
    let background = theme.background();
    chart
        .draw_series(
            run.points
                .test
                .iter()
                .filter(|p| inside(at(p)))
                .flat_map(|p| {
                    [
                        Circle::new(at(p), r, background.filled()),
                        Circle::new(
                            at(p),
                            r.saturating_sub(theme.px(1.0)),
                            class_colour(p.class).stroke_width(theme.px(2.0)),
                        ),
                        Circle::new(at(p), r, edge),
                    ]
                }),
        )
        .map_err(drawing_error)?;
    Ok(())
}

/// Draws the training points (filled) and test points (a class-coloured ring round the
/// background) into an RGBA image of the plot area, as [`draw_points`] draws them on a chart:
/// radius 3.5 CSS px, a 1 px edge in the text colour, edges anti-aliased by pixel coverage.
/// A regression run has no surface image, so nothing is stamped.
pub fn stamp_points(pixels: &mut [u8], width: u32, height: u32, run: &RunSnapshot, theme: &Theme) {
    let (w, h) = (width as usize, height as usize);
    if pixels.len() != w * h * 4 || run.surface.is_regression() {
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
    let mut stamp = |point: &Point, hollow: bool| {
        let cx = (f64::from(point.x) - lo) / (hi - lo) * w as f64;
        let cy = (hi - f64::from(point.y)) / (hi - lo) * h as f64;
        let class = class_colour(point.class);
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
    for point in &run.points.train {
        stamp(point, false);
    }
    for point in &run.points.test {
        stamp(point, true);
    }
}
