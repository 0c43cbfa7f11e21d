//! The softmax chart: one bar per class for p_i, and beside it the cross-entropy gradient
//! ∂L/∂z_i = (p_i − y_i)/T, which is negative only at the target.

use super::text::Key;
use super::{drawing_error, legend, Theme};
use crate::error::Error;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws probabilities and gradients as grouped bars.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    probabilities: &[f64],
    gradient: &[f64],
    target: usize,
    theme: &Theme,
) -> Result<(), Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let text = theme.foreground();
    let font = (theme.font_family(), theme.font(13.0))
        .into_font()
        .color(&text);
    let n = probabilities.len();
    let y_lo = gradient.iter().copied().fold(0.0, f64::min).min(-0.1) * 1.1;
    let y_hi = gradient.iter().copied().fold(1.0, f64::max) * 1.05;
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(34.0))
        .y_label_area_size(theme.px(48.0))
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), y_lo..y_hi)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|v| {
            let class = v.round() as usize;
            let key = if class == target {
                Key::SoftmaxTarget
            } else {
                Key::SoftmaxClass
            };
            theme.fill(key, &[("class", &class.to_string())])
        })
        .y_desc("p, ∂L/∂z")
        .axis_desc_style(font.clone())
        .label_style(font.clone())
        .axis_style(text)
        .bold_line_style(theme.muted().mix(0.5))
        .light_line_style(theme.muted().mix(0.15))
        .draw()
        .map_err(drawing_error)?;
    let p_colour = theme.series(0);
    let g_colour = theme.series(1);
    chart
        .draw_series(probabilities.iter().enumerate().map(|(i, p)| {
            let x = i as f64;
            Rectangle::new([(x - 0.38, 0.0), (x - 0.02, *p)], p_colour.filled())
        }))
        .map_err(drawing_error)?
        .label("p = softmax(z/T)")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], p_colour.filled()));
    chart
        .draw_series(gradient.iter().enumerate().map(|(i, g)| {
            let x = i as f64;
            Rectangle::new([(x + 0.02, 0.0), (x + 0.38, *g)], g_colour.filled())
        }))
        .map_err(drawing_error)?
        .label("∂L/∂z = (p − y)/T")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], g_colour.filled()));
    legend(&mut chart, SeriesLabelPosition::UpperRight, 13.0, theme)?;
    Ok(())
}
