//! The curves chart: f (solid), f' (dashed) and optionally f'' (dotted) for each activation,
//! the saturated and dead zones, a typed formula's kinks, and the crosshair.

use super::text::Key;
use super::{drawing_error, legend, padded_range, PlotArea, Theme};
use crate::error::Error;
use crate::readout::Curve;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What to draw besides the curves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveOptions {
    /// The crosshair's x, if it is in view.
    pub cursor: Option<f64>,
}

/// Draws the curves chart onto `area` and returns where its plotting area is.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curves: &[Curve],
    options: CurveOptions,
    theme: &Theme,
) -> Result<PlotArea, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let x_range = curves
        .first()
        .and_then(|c| Some((*c.x.first()?, *c.x.last()?)))
        .unwrap_or((-1.0, 1.0));
    // f'' spikes at every kink, so it is drawn clipped to the range that f and f' set.
    let (y_lo, y_hi) = padded_range(curves.iter().flat_map(|c| c.y.iter().chain(&c.dy)));
    // Plotters lays out ticks by stepping through the range: an infinite span would never end.
    if !(x_range.1 - x_range.0).is_finite() || !(y_hi - y_lo).is_finite() {
        return Err(Error::Drawing {
            message: "the axis range is not finite".into(),
        });
    }
    let text = theme.foreground();
    let font = (theme.font_family(), theme.font(13.0))
        .into_font()
        .color(&text);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(48.0))
        .build_cartesian_2d(x_range.0..x_range.1, y_lo..y_hi)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .x_desc("x")
        .y_desc("f(x), f′(x)")
        .axis_desc_style(font.clone())
        .label_style(font.clone())
        .axis_style(text)
        .bold_line_style(theme.muted().mix(0.5))
        .light_line_style(theme.muted().mix(0.15))
        .draw()
        .map_err(drawing_error)?;

    let zone = |(a, b): (f64, f64)| (a.max(x_range.0), b.min(x_range.1));
    // One curve: shade its zones across the plot. Several: a thin strip per curve at the bottom,
    // so zones of different functions stay readable.
    let strip = (y_hi - y_lo) * 0.025;
    for (i, curve) in curves.iter().enumerate() {
        let colour = theme.series(i);
        let (top, bottom) = if curves.len() == 1 {
            (y_hi, y_lo)
        } else {
            let bottom = y_lo + strip * (i as f64);
            (bottom + strip * 0.8, bottom)
        };
        let shade = |alpha: f64, spans: &Vec<(f64, f64)>| {
            spans
                .iter()
                .map(|span| {
                    let (a, b) = zone(*span);
                    Rectangle::new([(a, bottom), (b, top)], colour.mix(alpha).filled())
                })
                .collect::<Vec<_>>()
        };
        let (sat_alpha, dead_alpha) = if curves.len() == 1 {
            (0.08, 0.2)
        } else {
            (0.3, 0.85)
        };
        chart
            .draw_series(shade(sat_alpha, &curve.saturated))
            .map_err(drawing_error)?;
        chart
            .draw_series(shade(dead_alpha, &curve.dead))
            .map_err(drawing_error)?;
    }

    let thick = theme.px(2.0);
    for (i, curve) in curves.iter().enumerate() {
        let colour = theme.series(i);
        let points = |ys: &[f64]| -> Vec<(f64, f64)> {
            curve
                .x
                .iter()
                .zip(ys)
                .map(|(x, y)| (*x, y.clamp(y_lo, y_hi)))
                .collect()
        };
        chart
            .draw_series(LineSeries::new(
                points(&curve.y),
                colour.stroke_width(thick),
            ))
            .map_err(drawing_error)?
            .label(format!("{} f", curve.label))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3)));
        chart
            .draw_series(DashedLineSeries::new(
                points(&curve.dy),
                theme.px(6.0),
                theme.px(4.0),
                colour.stroke_width(thick),
            ))
            .map_err(drawing_error)?
            .label(format!("{} f′", curve.label))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 6, y)], colour.stroke_width(3)));
        if let Some(d2y) = &curve.d2y {
            chart
                .draw_series(DashedLineSeries::new(
                    points(d2y),
                    theme.px(2.0),
                    theme.px(3.0),
                    colour.mix(0.8).stroke_width(theme.px(1.5)),
                ))
                .map_err(drawing_error)?
                .label(format!("{} f″", curve.label))
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 2, y)], colour.stroke_width(3))
                });
        }
    }

    // A typed formula's kinks: a hollow ring on f where f′ does not exist.
    for (i, curve) in curves.iter().enumerate() {
        if curve.kinks.is_empty() {
            continue;
        }
        let colour = theme.series(i);
        let ring = colour.stroke_width(theme.px(2.0));
        let radius = theme.px(5.0);
        chart
            .draw_series(
                curve
                    .kinks
                    .iter()
                    .filter(|(_, y)| y.is_finite())
                    .map(|(x, y)| Circle::new((*x, y.clamp(y_lo, y_hi)), radius, ring)),
            )
            .map_err(drawing_error)?
            .label(theme.fill(Key::Kinks, &[("label", &curve.label)]))
            .legend(move |(x, y)| Circle::new((x + 9, y), 4, ring));
    }

    if let Some(x) = options
        .cursor
        .filter(|x| (x_range.0..=x_range.1).contains(x))
    {
        chart
            .draw_series(std::iter::once(PathElement::new(
                [(x, y_lo), (x, y_hi)],
                text.mix(0.6).stroke_width(theme.px(1.0)),
            )))
            .map_err(drawing_error)?;
        for (i, curve) in curves.iter().enumerate() {
            let nearest = curve
                .x
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                .map(|(index, _)| index);
            if let Some(index) = nearest {
                let y = curve.y[index].clamp(y_lo, y_hi);
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (x, y),
                        theme.px(4.0),
                        theme.series(i).filled(),
                    )))
                    .map_err(drawing_error)?;
            }
        }
    }

    legend(&mut chart, SeriesLabelPosition::UpperLeft, 13.0, theme)?;

    let (x_pixels, y_pixels) = chart.plotting_area().get_pixel_range();
    Ok(PlotArea {
        left: f64::from(x_pixels.start),
        right: f64::from(x_pixels.end),
        top: f64::from(y_pixels.start),
        bottom: f64::from(y_pixels.end),
    })
}
