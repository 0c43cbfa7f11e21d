//! One training step in slow motion (issue #14), drawn up to a stage: three columns on one layer
//! axis (layer 1 at the bottom, the output layer on top, as in [`flow`](super::flow)) so a
//! reader can follow one layer across: its outputs on the way forward, the size of δ that
//! reached it on the way back, and how far the update moved its weights. A column lights up
//! layer by layer as the stages reach it; what is not reached yet stays empty.

use super::{chart_font, short};
use crate::error::Error;
use crate::render::text::Key;
use crate::render::{drawing_error, Theme};
use crate::train::slow::{SlowLayer, SlowStep, Stage};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws `step` as it stands after stage `at` (an index into [`SlowStep::stages`]; past the
/// end shows every stage). `colour` is the run's series colour.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    step: &SlowStep,
    at: usize,
    colour: usize,
    theme: &Theme,
) -> Result<(), Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let stages = step.stages();
    let stage = stages.get(at).copied().unwrap_or(Stage::Update);
    let reached = |wanted: Stage| {
        stages
            .iter()
            .position(|s| *s == wanted)
            .is_some_and(|i| i <= at)
    };
    let mut title = theme.fill(Key::SlowTitle, &[("step", &step.step.to_string())]);
    if reached(Stage::Loss) {
        title.push_str(" · ");
        title.push_str(&theme.fill(Key::SlowLoss, &[("loss", &short(step.loss))]));
    }
    if reached(Stage::Update) {
        title.push_str(" → ");
        title.push_str(&short(step.loss_after));
    }
    let area = area
        .titled(&title, chart_font(theme, 12.0))
        .map_err(drawing_error)?;
    let columns = area.split_evenly((1, 3));
    let current = match stage {
        Stage::Forward(l) | Stage::Backward(l) => Some(l),
        _ => None,
    };
    let style = Style {
        theme,
        colour: theme.series(colour),
        current,
    };
    let forward: Vec<bool> = (0..step.layers.len())
        .map(|l| reached(Stage::Forward(l)))
        .collect();
    outputs(&columns[0], &step.layers, &forward, &style)?;
    let backward: Vec<bool> = (0..step.layers.len())
        .map(|l| reached(Stage::Backward(l)))
        .collect();
    let deltas: Vec<f64> = step.layers.iter().map(|l| l.delta_rms).collect();
    logarithmic(&columns[1], Key::SlowBackward, &deltas, &backward, &style)?;
    let updated = vec![reached(Stage::Update); step.layers.len()];
    let moves: Vec<f64> = step.layers.iter().map(|l| l.update_norm).collect();
    logarithmic(&columns[2], Key::SlowUpdate, &moves, &updated, &style)?;
    Ok(())
}

/// How the columns colour a layer: the run's colour, stronger on the layer the stage is at.
struct Style<'a> {
    theme: &'a Theme,
    colour: RGBColor,
    current: Option<usize>,
}

impl Style<'_> {
    fn layer(&self, l: usize) -> ShapeStyle {
        let alpha = if self.current == Some(l) { 1.0 } else { 0.55 };
        self.colour.mix(alpha).filled()
    }
}

type LayerChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A column with layers 1…L up the y axis.
fn column<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: Key,
    x: std::ops::Range<f64>,
    layers: usize,
    style: &Style,
    x_labels: usize,
    x_label: &dyn Fn(&f64) -> String,
) -> Result<LayerChart<'a, DB>, Error> {
    let theme = style.theme;
    let font = chart_font(theme, 11.0);
    let mut chart = ChartBuilder::on(area)
        .margin(theme.px(4.0))
        .caption(theme.text(caption), font.clone())
        .x_label_area_size(theme.px(22.0))
        .y_label_area_size(theme.px(30.0))
        .build_cartesian_2d(x, 0.5..layers as f64 + 0.5)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(x_labels)
        .y_labels(layers.min(10))
        .y_desc(theme.text(Key::Layer))
        .x_label_formatter(x_label)
        .y_label_formatter(&|v| format!("{}", v.round() as usize))
        .label_style(font.clone())
        .axis_desc_style(font)
        .axis_style(theme.foreground())
        .light_line_style(theme.muted().mix(0.3))
        .draw()
        .map_err(drawing_error)?;
    Ok(chart)
}

/// The forward column: each reached layer's outputs as a histogram over its own range (x from
/// its lowest to its highest value), its bars rising within the layer's band.
fn outputs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layers: &[SlowLayer],
    reached: &[bool],
    style: &Style,
) -> Result<(), Error> {
    let mut chart = column(
        area,
        Key::SlowForward,
        0.0..1.0,
        layers.len(),
        style,
        0,
        &|_| String::new(),
    )?;
    for (l, layer) in layers.iter().enumerate().filter(|(l, _)| reached[*l]) {
        let counts = &layer.outputs.counts;
        let most = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
        let bins = counts.len().max(1) as f64;
        let base = l as f64 + 1.0 - 0.4;
        let bars = counts.iter().enumerate().map(|(i, c)| {
            let top = base + 0.8 * *c as f64 / most;
            Rectangle::new(
                [(i as f64 / bins, base), ((i as f64 + 0.9) / bins, top)],
                style.layer(l),
            )
        });
        chart.draw_series(bars).map_err(drawing_error)?;
    }
    Ok(())
}

/// A column of log₁₀ sizes, one bar per reached layer (a size of 0 draws no bar).
fn logarithmic<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: Key,
    sizes: &[f64],
    reached: &[bool],
    style: &Style,
) -> Result<(), Error> {
    let logs: Vec<Option<f64>> = sizes
        .iter()
        .map(|s| (*s > 0.0 && s.is_finite()).then(|| s.log10()))
        .collect();
    let lo = logs.iter().flatten().fold(f64::INFINITY, |m, v| m.min(*v));
    let hi = logs
        .iter()
        .flatten()
        .fold(f64::NEG_INFINITY, |m, v| m.max(*v));
    let (lo, hi) = if lo <= hi {
        (lo.floor() - 1.0, hi.ceil().max(lo.floor()))
    } else {
        (-1.0, 0.0)
    };
    // One label per decade, at most six.
    let decades = (hi - lo) as usize;
    let every = decades.div_ceil(6).max(1);
    let mut chart = column(
        area,
        caption,
        lo..hi,
        sizes.len(),
        style,
        decades + 1,
        &move |v| {
            let decade = v.round() as i64;
            if (v - v.round()).abs() < 1e-9 && decade.rem_euclid(every as i64) == 0 {
                format!("1e{decade}")
            } else {
                String::new()
            }
        },
    )?;
    let bars = logs
        .iter()
        .enumerate()
        .filter(|(l, _)| reached[*l])
        .filter_map(|(l, log)| {
            let y = l as f64 + 1.0;
            log.map(|v| Rectangle::new([(lo, y - 0.3), (v, y + 0.3)], style.layer(l)))
        });
    chart.draw_series(bars).map_err(drawing_error)?;
    Ok(())
}
