//! The layers view: one histogram per layer on shared axes (small multiples), the standard
//! deviation per layer beside the mean-field prediction, and the gradient reaching each layer
//! on a log scale with vanishing/exploding thresholds.

use super::text::Key;
use super::{drawing_error, legend, Theme};
use crate::error::Error;
use crate::layers::Snapshot;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A gradient this many times smaller than the top layer's has vanished (and this many times
/// larger, exploded): three orders of magnitude is where learning visibly stalls or blows up.
pub const FLOW_THRESHOLD: f64 = 1e3;
/// Floor for log-scale bars: zero gradients are drawn at the floor, not skipped.
const LOG_FLOOR: f64 = 1e-45;

/// Which values the small multiples show: the `histograms` key's value.
pub use crate::layers::HistogramSource as Panel;

/// The symbol of the values a panel shows.
fn symbol(panel: Panel) -> &'static str {
    match panel {
        Panel::Activations => "a",
        Panel::PreActivations => "z",
        Panel::Deltas => "δ",
    }
}

/// Draws the whole view: histograms on top, std and gradient flow below.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snapshot: &Snapshot,
    panel: Panel,
    theme: &Theme,
) -> Result<(), Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let (_, height) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((f64::from(height) * 0.58) as u32);
    histograms(&top, snapshot, panel, theme)?;
    let (width, _) = bottom.dim_in_pixel();
    let (left, right) = bottom.split_horizontally(width / 2);
    spread(&left, snapshot, theme)?;
    gradient_flow(&right, snapshot, theme)?;
    Ok(())
}

/// Small multiples: one histogram per layer, shared x range and shared y scale.
pub fn histograms<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snapshot: &Snapshot,
    panel: Panel,
    theme: &Theme,
) -> Result<(), Error> {
    let text = theme.foreground();
    let small = (theme.font_family(), theme.font(10.5))
        .into_font()
        .color(&text);
    let title = (theme.font_family(), theme.font(13.0))
        .into_font()
        .color(&text);
    let n = snapshot.layers.len();
    let area = area.margin(theme.px(6.0), theme.px(2.0), theme.px(6.0), theme.px(6.0));
    let mut heading = theme.fill(
        Key::LayersHeading,
        &[
            ("values", symbol(panel)),
            ("activation", snapshot.activation.as_str()),
            ("init", &init_label(snapshot)),
        ],
    );
    if let Some(k) = snapshot.overflow_at {
        heading.push_str(&theme.fill(Key::LayersOverflow, &[("layer", &k.to_string())]));
    }
    let area = area.titled(&heading, title).map_err(drawing_error)?;
    if n == 0 {
        return Ok(());
    }
    let cols = (n as f64).sqrt().ceil().max(1.0) as usize;
    let cols = cols.max(n.min(5));
    let rows = n.div_ceil(cols);
    let cells = area.split_evenly((rows, cols));
    let y_max = snapshot
        .layers
        .iter()
        .map(|l| {
            let h = panel.histogram(l);
            let total = h.counts.iter().sum::<u64>().max(1) as f64;
            h.counts.iter().copied().max().unwrap_or(0) as f64 / total
        })
        .fold(0.0, f64::max)
        .max(1e-9);
    let colour = theme.series(0);
    for (layer, cell) in snapshot.layers.iter().zip(cells.iter()) {
        let h = panel.histogram(layer);
        let (lo, hi) = (
            h.edges.first().copied().unwrap_or(-1.0),
            h.edges.last().copied().unwrap_or(1.0),
        );
        let total = h.counts.iter().sum::<u64>().max(1) as f64;
        let (mean, std) = match panel {
            Panel::Activations => (layer.mean, layer.std),
            Panel::PreActivations => (layer.pre_mean, layer.pre_std),
            Panel::Deltas => (0.0, layer.delta_std),
        };
        let caption = format!("L{} μ={} σ={}", layer.index, short(mean), short(std));
        let shares = theme.fill(
            Key::LayersShares,
            &[
                ("saturated", &format!("{:.0}", 100.0 * layer.frac_saturated)),
                // The share of zero outputs, not of dead units: half of a healthy relu layer's
                // outputs are zero.
                ("zero", &format!("{:.0}", 100.0 * layer.frac_zero)),
            ],
        );
        let mut chart = ChartBuilder::on(cell)
            .margin(theme.px(3.0))
            .caption(caption, small.clone())
            .x_label_area_size(theme.px(16.0))
            .build_cartesian_2d(lo..hi, 0.0..y_max * 1.05)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .y_labels(0)
            .x_labels(3)
            .x_label_formatter(&|v| short(*v))
            .label_style(small.clone())
            .axis_style(theme.muted())
            .draw()
            .map_err(drawing_error)?;
        chart
            .draw_series(
                h.counts
                    .iter()
                    .zip(h.edges.windows(2))
                    .map(|(count, edge)| {
                        Rectangle::new(
                            [(edge[0], 0.0), (edge[1], *count as f64 / total)],
                            colour.filled(),
                        )
                    }),
            )
            .map_err(drawing_error)?;
        // The shares go inside the cell, top left, so captions stay short enough not to collide.
        chart
            .draw_series(std::iter::once(Text::new(
                shares,
                (lo, y_max * 1.04),
                small.clone(),
            )))
            .map_err(drawing_error)?;
    }
    Ok(())
}

fn init_label(snapshot: &Snapshot) -> String {
    serde_json::to_value(snapshot.init)
        .ok()
        .and_then(|v| {
            let object = v.as_object()?.clone();
            let name = object.get("name")?.as_str()?.to_string();
            let params: Vec<String> = object
                .iter()
                .filter(|(k, _)| *k != "name")
                .map(|(k, v)| format!("{k}={}", v.as_f64().map_or(v.to_string(), short)))
                .collect();
            Some(if params.is_empty() {
                name
            } else {
                format!("{name}({})", params.join(", "))
            })
        })
        .unwrap_or_default()
}

/// A compact number for chart labels.
fn short(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-2 || v.abs() >= 1e4 {
        format!("{v:.1e}")
    } else {
        format!("{}", (v * 1000.0).round() / 1000.0)
    }
}

/// Std of z per layer, measured and predicted (√q of the mean-field map), and std of a.
pub fn spread<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snapshot: &Snapshot,
    theme: &Theme,
) -> Result<(), Error> {
    let depth = snapshot.layers.len().max(1) as f64;
    let floor = 1e-12;
    let series: [(&str, Vec<(f64, f64)>); 3] = [
        (
            theme.text(Key::StdZMeasured),
            snapshot
                .layers
                .iter()
                .map(|l| (l.index as f64, l.pre_std.max(floor)))
                .collect(),
        ),
        (
            theme.text(Key::StdZTheory),
            snapshot
                .layers
                .iter()
                .filter_map(|l| Some((l.index as f64, l.theory_variance?.sqrt().max(floor))))
                .collect(),
        ),
        (
            theme.text(Key::StdAMeasured),
            snapshot
                .layers
                .iter()
                .map(|l| (l.index as f64, l.std.max(floor)))
                .collect(),
        ),
    ];
    let values = series.iter().flat_map(|(_, s)| s.iter().map(|p| p.1));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() {
        (lo / 2.0, hi * 2.0)
    } else {
        (0.1, 10.0)
    };
    let mut chart = per_layer_chart(
        area,
        theme.text(Key::Spread),
        depth,
        (lo, hi),
        theme.text(Key::SpreadAxis),
        &|v| short(*v),
        theme,
    )?;
    for (i, (label, points)) in series.into_iter().enumerate() {
        let colour = theme.series(i);
        let style = colour.stroke_width(theme.px(2.0));
        if i == 1 {
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    theme.px(6.0),
                    theme.px(4.0),
                    style,
                ))
                .map_err(drawing_error)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 8, y)], colour.stroke_width(3))
                });
        } else {
            chart
                .draw_series(LineSeries::new(points.clone(), style))
                .map_err(drawing_error)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3))
                });
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, theme.px(2.5), colour.filled())),
                )
                .map_err(drawing_error)?;
        }
    }
    legend(&mut chart, SeriesLabelPosition::LowerLeft, 12.0, theme)?;
    Ok(())
}

/// ‖∂L/∂W‖ and std(δ) per layer on a log scale, with the vanishing and exploding thresholds
/// (relative to the top layer's ‖∂L/∂W‖) drawn across.
pub fn gradient_flow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snapshot: &Snapshot,
    theme: &Theme,
) -> Result<(), Error> {
    let depth = snapshot.layers.len().max(1) as f64;
    let top = snapshot.layers.last().map_or(1.0, |l| l.grad_weight_norm);
    let values = snapshot
        .layers
        .iter()
        .flat_map(|l| [l.grad_weight_norm, l.delta_std])
        .filter(|v| *v > 0.0);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (mut lo, mut hi) = if lo.is_finite() {
        (lo / 10.0, hi * 10.0)
    } else {
        (1e-6, 1.0)
    };
    if top > 0.0 {
        lo = lo.min(top / FLOW_THRESHOLD / 10.0);
        hi = hi.max(top * 10.0);
    }
    let lo = lo.max(LOG_FLOOR);
    let mut chart = per_layer_chart(
        area,
        theme.text(Key::GradientReach),
        depth,
        (lo, hi),
        theme.text(Key::LogScale),
        &|v| format!("{v:.0e}"),
        theme,
    )?;
    let w_colour = theme.series(0);
    let d_colour = theme.series(1);
    chart
        .draw_series(snapshot.layers.iter().map(|l| {
            let x = l.index as f64;
            Rectangle::new(
                [(x - 0.38, lo), (x - 0.02, l.grad_weight_norm.max(lo))],
                w_colour.filled(),
            )
        }))
        .map_err(drawing_error)?
        .label("‖∂L/∂W‖")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], w_colour.filled()));
    chart
        .draw_series(snapshot.layers.iter().map(|l| {
            let x = l.index as f64;
            Rectangle::new(
                [(x + 0.02, lo), (x + 0.38, l.delta_std.max(lo))],
                d_colour.filled(),
            )
        }))
        .map_err(drawing_error)?
        .label(theme.text(Key::StdDelta))
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], d_colour.filled()));
    if top > 0.0 {
        for (level, label) in [
            (top / FLOW_THRESHOLD, theme.text(Key::Vanishing)),
            (top * FLOW_THRESHOLD, theme.text(Key::Exploding)),
        ] {
            if level > lo && level < hi {
                let colour = theme.series(4);
                chart
                    .draw_series(DashedLineSeries::new(
                        [(0.5, level), (depth + 0.5, level)],
                        theme.px(5.0),
                        theme.px(4.0),
                        colour.stroke_width(theme.px(1.5)),
                    ))
                    .map_err(drawing_error)?
                    .label(label)
                    .legend(move |(x, y)| {
                        PathElement::new([(x, y), (x + 8, y)], colour.stroke_width(2))
                    });
            }
        }
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft, 12.0, theme)?;
    Ok(())
}

/// A chart with one slot per layer on x and a log scale on y, styled like the others.
fn per_layer_chart<'a, DB: DrawingBackend + 'a>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    depth: f64,
    (lo, hi): (f64, f64),
    y_desc: &str,
    y_format: &dyn Fn(&f64) -> String,
    theme: &Theme,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, LogCoord<f64>>>, Error> {
    let text = theme.foreground();
    let font = (theme.font_family(), theme.font(12.0))
        .into_font()
        .color(&text);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(8.0))
        .caption(title, font.clone())
        .x_label_area_size(theme.px(30.0))
        .y_label_area_size(theme.px(56.0))
        .build_cartesian_2d(0.5..depth + 0.5, (lo..hi).log_scale())
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .x_desc(theme.text(Key::Layer))
        .y_desc(y_desc)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(y_format)
        .axis_desc_style(font.clone())
        .label_style(font)
        .axis_style(text)
        .bold_line_style(theme.muted().mix(0.4))
        .light_line_style(theme.muted().mix(0.1))
        .draw()
        .map_err(drawing_error)?;
    Ok(chart)
}
