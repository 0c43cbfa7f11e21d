//! Inside one run while it learns (issue #14): small multiples of every hidden layer's histogram
//! of a, ẑ or δ at one record, each with its saturated share, zero share and dead units; and each
//! of those three numbers per layer over the steps, one line per layer on the race's step axis
//! (the gradient-flow chart's), each layer in the same colour in both pictures so a reader can
//! follow one layer across. Both draw plain data: a run's snapshot and one record's layers.

use super::series::step_range;
use super::{chart_font, note, plot_rect, short, whole, PlotRect};
use crate::error::Error;
use crate::layers::HistogramSource;
use crate::render::text::Key;
use crate::render::{drawing_error, legend, Theme};
use crate::train::inspect::LayerRecord;
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use plotters::chart::SeriesLabelPosition;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Stops of the layer ramp (Okabe–Ito blue, bluish green, orange, vermillion): distinct from the
/// run colours' order and from the gradient-flow chart's viridis, readable in both themes.
const RAMP: [(f64, f64, f64); 4] = [
    (0.0, 114.0, 178.0),
    (0.0, 158.0, 115.0),
    (230.0, 159.0, 0.0),
    (213.0, 94.0, 0.0),
];

/// Hidden layer `l`'s colour (0-based) of `layers`: the first layer blue, the last vermillion.
pub fn layer_colour(l: usize, layers: usize) -> RGBColor {
    let t = if layers > 1 {
        l as f64 / (layers - 1) as f64
    } else {
        0.0
    };
    let x = t.clamp(0.0, 1.0) * (RAMP.len() - 1) as f64;
    let i = (x.floor() as usize).min(RAMP.len() - 2);
    let f = x - i as f64;
    let (a, b) = (RAMP[i], RAMP[i + 1]);
    let mix = |p: f64, q: f64| (p + f * (q - p)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The words for a histogram source.
fn source_key(source: HistogramSource) -> Key {
    match source {
        HistogramSource::Activations => Key::InsideActivations,
        HistogramSource::PreActivations => Key::InsidePre,
        HistogramSource::Deltas => Key::InsideDeltas,
    }
}

/// A share as a whole percentage (small multiples have room for little).
fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

/// Draws `layers` (one record of `run`, with their three histograms) as small multiples of
/// `source`'s histogram, layer 1 first, left to right and top to bottom.
pub fn small_multiples<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    run: &RunSnapshot,
    layers: &[LayerRecord],
    step: usize,
    source: HistogramSource,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let values = theme.text(source_key(source));
    let title = theme.fill(
        Key::InsideTitle,
        &[
            ("values", values),
            ("label", &run.label),
            ("step", &step.to_string()),
        ],
    );
    let area = area
        .titled(&title, chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let index = match source {
        HistogramSource::Activations => 0,
        HistogramSource::PreActivations => 1,
        HistogramSource::Deltas => 2,
    };
    if layers.is_empty() || layers.iter().any(|r| r.all.is_none()) {
        note(&area, theme.text(Key::InsideNone), theme)?;
        return Ok(whole(&area));
    }
    let n = layers.len();
    let (w, h) = area.dim_in_pixel();
    // Columns so cells come out about 3:2 wide.
    let mut cols = 1;
    while cols < n && (w as f64 / cols as f64) > 1.8 * (h as f64 / n.div_ceil(cols) as f64) {
        cols += 1;
    }
    let rows = n.div_ceil(cols);
    let cells = area.split_evenly((rows, cols));
    let small = chart_font(theme, 10.0);
    for (l, (record, cell)) in layers.iter().zip(&cells).enumerate() {
        let Some(histogram) = record.all.as_ref().map(|all| &all[index]) else {
            continue;
        };
        let (cw, ch) = cell.dim_in_pixel();
        let (cw, ch) = (cw as i32, ch as i32);
        let pad = theme.px(4.0) as i32;
        let line = theme.px(12.0) as i32;
        let colour = layer_colour(l, n);
        let top_left = Pos::new(HPos::Left, VPos::Top);
        let layer = (l + 1).to_string();
        cell.draw_text(
            &theme.fill(Key::LayerN, &[("layer", &layer)]),
            &small.clone().color(&colour).pos(top_left),
            (pad, pad),
        )
        .map_err(drawing_error)?;
        let dead = format!("{}/{}", record.dead, record.units);
        cell.draw_text(
            &theme.fill(Key::InsideDead, &[("dead", &dead)]),
            &small.clone().pos(Pos::new(HPos::Right, VPos::Top)),
            (cw - pad, pad),
        )
        .map_err(drawing_error)?;
        let shares = theme.fill(
            Key::InsideShares,
            &[
                ("sat", &percent(record.saturated)),
                ("zero", &percent(record.zero)),
            ],
        );
        cell.draw_text(&shares, &small.clone().pos(top_left), (pad, pad + line))
            .map_err(drawing_error)?;
        // The bars between the two lines of words and the range below.
        let (x0, x1) = (pad, cw - pad);
        let (y0, y1) = (pad + 2 * line + pad, ch - line - pad);
        if y1 <= y0 || x1 <= x0 {
            continue;
        }
        let most = histogram.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
        let bins = histogram.counts.len().max(1) as i32;
        let width = (x1 - x0) as f64 / f64::from(bins);
        let bars = histogram.counts.iter().enumerate().map(|(b, c)| {
            let left = x0 + (b as f64 * width).round() as i32;
            let right = x0 + ((b + 1) as f64 * width).round() as i32;
            let top = y1 - ((*c as f64 / most) * (y1 - y0) as f64).round() as i32;
            Rectangle::new([(left, top), (right.max(left + 1), y1)], colour.filled())
        });
        cell.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            theme.muted().mix(0.4).stroke_width(1),
        ))
        .map_err(drawing_error)?;
        for bar in bars {
            cell.draw(&bar).map_err(drawing_error)?;
        }
        let lo = histogram.edges.first().copied().unwrap_or(0.0);
        let hi = histogram.edges.last().copied().unwrap_or(0.0);
        cell.draw_text(&short(lo), &small.clone().pos(top_left), (x0, y1 + 2))
            .map_err(drawing_error)?;
        cell.draw_text(
            &short(hi),
            &small.clone().pos(Pos::new(HPos::Right, VPos::Top)),
            (x1, y1 + 2),
        )
        .map_err(drawing_error)?;
    }
    Ok(whole(&area))
}

/// One statistic of a layer record, as a share of the layer.
type Share = fn(&LayerRecord) -> f64;

/// Run `index`'s saturated share, zero share and dead-unit share per hidden layer over the steps,
/// one line per layer in its [`layer_colour`], on the race's step axis.
pub fn layer_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &RaceSnapshot,
    index: usize,
    theme: &Theme,
) -> Result<PlotRect, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let Some(run) = race.runs.get(index) else {
        let n = (index + 1).to_string();
        note(area, &theme.fill(Key::NoRun, &[("n", &n)]), theme)?;
        return Ok(whole(area));
    };
    let title = theme.fill(Key::InsideLinesTitle, &[("label", &run.label)]);
    let area = area
        .titled(&title, chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let h = &run.history;
    let layers = h.layers.iter().map(Vec::len).max().unwrap_or(0);
    if layers == 0 {
        note(&area, theme.text(Key::NoRecords), theme)?;
        return Ok(whole(&area));
    }
    let (x0, x1) = step_range(&race.runs);
    let statistics: [(Key, Share); 3] = [
        (Key::SaturatedShare, |r| r.saturated),
        (Key::ZeroShare, |r| r.zero),
        (Key::DeadShare, |r| r.dead as f64 / r.units.max(1) as f64),
    ];
    let parts = area.split_evenly((3, 1));
    let font = chart_font(theme, 10.0);
    let mut first = None;
    for (i, ((key, share), part)) in statistics.iter().zip(&parts).enumerate() {
        let mut chart = ChartBuilder::on(part)
            .margin(theme.px(3.0))
            .caption(theme.text(*key), font.clone())
            .x_label_area_size(theme.px(if i == 2 { 24.0 } else { 14.0 }))
            .y_label_area_size(theme.px(40.0))
            .build_cartesian_2d(x0..x1, 0.0..1.02)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(3)
            .x_desc(if i == 2 { theme.text(Key::Step) } else { "" })
            .x_label_formatter(&|v| format!("{}", v.round() as i64))
            .y_label_formatter(&|v| format!("{:.0}%", 100.0 * v))
            .label_style(font.clone())
            .axis_desc_style(font.clone())
            .axis_style(theme.foreground())
            .light_line_style(theme.muted().mix(0.3))
            .draw()
            .map_err(drawing_error)?;
        for l in 0..layers {
            let points: Vec<(f64, f64)> = h
                .steps
                .iter()
                .zip(&h.layers)
                .filter_map(|(s, records)| Some((*s as f64, share(records.get(l)?))))
                .collect();
            let colour = layer_colour(l, layers);
            let drawn = chart
                .draw_series(LineSeries::new(
                    super::thin::for_chart(&chart, points),
                    colour.stroke_width(theme.px(1.5)),
                ))
                .map_err(drawing_error)?;
            // The first and the last layer name the ends of the ramp.
            if i == 0 && (l == 0 || l + 1 == layers) {
                let layer = (l + 1).to_string();
                drawn
                    .label(theme.fill(Key::LayerN, &[("layer", &layer)]))
                    .legend(move |(x, y)| {
                        PathElement::new([(x, y), (x + 14, y)], colour.stroke_width(3))
                    });
            }
        }
        if i == 0 {
            legend(&mut chart, SeriesLabelPosition::UpperRight, 10.0, theme)?;
        }
        first.get_or_insert(plot_rect(&chart));
    }
    first.ok_or_else(|| Error::Drawing {
        message: "layer lines: no chart".into(),
    })
}
