//! The phase map: measured cells on a diverging scale centred at 0 (ColorBrewer's PuOr, safe
//! for the common colour-vision deficiencies: purple where the gradient vanished, orange where
//! it exploded), the critical line χ₁ = 1 over them, the two regions named, and marks for the
//! named initialisations and the current setting.

use super::text::Key;
use super::{drawing_error, PlotArea, Theme};
use crate::error::Error;
use crate::phase::map::Map;
use plotters::chart::ChartContext;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// ColorBrewer PuOr (11 classes), reversed: purple (ordered, < 0) → white → orange (> 0).
const SCALE: [RGBColor; 11] = [
    RGBColor(0x2d, 0x00, 0x4b),
    RGBColor(0x54, 0x27, 0x88),
    RGBColor(0x80, 0x73, 0xac),
    RGBColor(0xb2, 0xab, 0xd2),
    RGBColor(0xd8, 0xda, 0xeb),
    RGBColor(0xf7, 0xf7, 0xf7),
    RGBColor(0xfe, 0xe0, 0xb6),
    RGBColor(0xfd, 0xb8, 0x63),
    RGBColor(0xe0, 0x82, 0x14),
    RGBColor(0xb3, 0x58, 0x06),
    RGBColor(0x7f, 0x3b, 0x08),
];

/// The decades at either end of the scale: beyond ±6 the colour stays at its end.
pub const SCALE_DECADES: f64 = 6.0;

/// The colour of a measured log₁₀ ratio (clamped to ±[`SCALE_DECADES`]).
pub fn colour(value: f64) -> RGBColor {
    let t = ((value / SCALE_DECADES).clamp(-1.0, 1.0) + 1.0) / 2.0 * (SCALE.len() - 1) as f64;
    let i = (t.floor() as usize).min(SCALE.len() - 2);
    let f = t - i as f64;
    let (a, b) = (SCALE[i], SCALE[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The colour of a cell: its measured ratio; the top of the scale for an overflow (deep in
/// the chaotic phase), the bottom for a gradient that underflowed; `None` until measured.
fn cell_colour(map: &Map, index: usize) -> Option<RGBColor> {
    let cell = map.measured.get(index).copied().flatten()?;
    Some(match (cell.log_ratio, cell.overflow_at) {
        (Some(v), _) => colour(v),
        (None, Some(_)) => colour(SCALE_DECADES),
        (None, None) => colour(-SCALE_DECADES),
    })
}

/// Draws the map with its colour bar; returns the plotting area (the page maps pointer
/// positions to cells with it).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    map: &Map,
    theme: &Theme,
) -> Result<Option<PlotArea>, Error> {
    area.fill(&theme.background()).map_err(drawing_error)?;
    let (width, _) = area.dim_in_pixel();
    let bar_width = theme.px(92.0).min(width / 3);
    let (main, bar) = area.split_horizontally(width - bar_width);
    let text = theme.foreground();
    let font = |size: f64| {
        (theme.font_family(), theme.font(size))
            .into_font()
            .color(&text)
    };
    let (g0, g1) = map.gain_range;
    let (b0, b1) = map.bias_std_range;
    let mut chart = ChartBuilder::on(&main)
        .margin(theme.px(10.0))
        .caption(
            theme.fill(
                Key::PhaseTitle,
                &[
                    ("activation", &map.activation),
                    ("depth", &map.depth.to_string()),
                    ("width", &map.width.to_string()),
                ],
            ),
            font(14.0),
        )
        .x_label_area_size(theme.px(40.0))
        .y_label_area_size(theme.px(48.0))
        .build_cartesian_2d(g0..g1, b0..b1)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(theme.text(Key::PhaseGainAxis))
        .y_desc(theme.text(Key::PhaseBiasAxis))
        .axis_desc_style(font(13.0))
        .label_style(font(12.0))
        .axis_style(text)
        .draw()
        .map_err(drawing_error)?;

    // The cells, measured or waiting.
    let n = map.cells.max(1);
    let (dg, db) = ((g1 - g0) / n as f64, (b1 - b0) / n as f64);
    let waiting = theme.muted().mix(0.25);
    chart
        .draw_series((0..n * n).map(|index| {
            let (column, row) = (index % n, index / n);
            let x = g0 + column as f64 * dg;
            let y = b0 + row as f64 * db;
            let style = cell_colour(map, index).map_or(waiting.filled(), |c| c.filled());
            Rectangle::new([(x, y), (x + dg, y + db)], style)
        }))
        .map_err(drawing_error)?;

    // The named initialisations: dashed verticals, labelled at the top.
    let mut marks = vec![
        (map.marks.lecun, theme.text(Key::MarkLecun).to_string()),
        (map.marks.he, theme.text(Key::MarkHe).to_string()),
    ];
    if let Some(gain) = map.marks.pytorch {
        if marks.iter().all(|(g, _)| (g - gain).abs() > 1e-9) {
            let label = theme.fill(Key::MarkPytorch, &[("gain", &format!("{gain:.3}"))]);
            marks.push((gain, label));
        }
    }
    for (i, (gain, label)) in marks.iter().enumerate() {
        if !(g0..=g1).contains(gain) {
            continue;
        }
        chart
            .draw_series(DashedLineSeries::new(
                [(*gain, b0), (*gain, b1)],
                theme.px(5.0),
                theme.px(4.0),
                text.mix(0.7).stroke_width(theme.px(1.0)),
            ))
            .map_err(drawing_error)?;
        // Staggered so close marks (He at 1.41, PyTorch's 5/3) do not overwrite each other,
        // each on a box that keeps it readable on the darkest cells.
        let y = b1 - (b1 - b0) * (0.04 + 0.06 * i as f64);
        let (px_x, px_y) = pixel_size(&chart, map);
        let half_h = 0.8 * theme.font(11.0) * px_y;
        let w = (label.chars().count() as f64 * 0.56 + 1.0) * theme.font(11.0) * px_x;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(*gain, y - half_h), (*gain + w, y + half_h)],
                theme.background().mix(0.85).filled(),
            )))
            .map_err(drawing_error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                label.clone(),
                (*gain + 0.5 * theme.font(11.0) * px_x, y),
                font(11.0).pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .map_err(drawing_error)?;
    }

    // The critical line, broken where χ₁ does not cross 1.
    let line = text.stroke_width(theme.px(3.0));
    let mut segment: Vec<(f64, f64)> = Vec::new();
    let mut segments = Vec::new();
    for point in &map.line {
        match point.critical_gain.filter(|g| (g0..=g1).contains(g)) {
            Some(gain) => segment.push((gain, point.bias_std)),
            None => segments.push(std::mem::take(&mut segment)),
        }
    }
    segments.push(segment);
    for segment in segments.into_iter().filter(|s| s.len() > 1) {
        chart
            .draw_series(LineSeries::new(segment, line))
            .map_err(drawing_error)?;
    }
    // Named beside the line a quarter of the way down from the top.
    let named = map
        .line
        .get(map.line.len() * 3 / 4)
        .and_then(|p| p.critical_gain.map(|g| (g, p.bias_std)))
        .filter(|(g, _)| (g0..=g1).contains(g));
    if let Some((gain, bias_std)) = named {
        let (px_x, px_y) = pixel_size(&chart, map);
        let label = theme.text(Key::CriticalLine);
        let x = gain + 8.0 * px_x * theme.dpr;
        let half_h = 0.8 * theme.font(12.0) * px_y;
        let w = (label.chars().count() as f64 * 0.56 + 1.0) * theme.font(12.0) * px_x;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x, bias_std - half_h), (x + w, bias_std + half_h)],
                theme.background().mix(0.85).filled(),
            )))
            .map_err(drawing_error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                label.to_string(),
                (x + 0.5 * theme.font(12.0) * px_x, bias_std),
                font(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .map_err(drawing_error)?;
    }

    // The regions, named halfway between the line and the map's edges at mid-height.
    let middle = map
        .line
        .get(map.line.len() / 2)
        .and_then(|p| p.critical_gain)
        .filter(|g| (g0..=g1).contains(g));
    let y = (b0 + b1) / 2.0;
    let centred = |size: f64| font(size).pos(Pos::new(HPos::Center, VPos::Center));
    let (ordered_x, chaotic_x) = match middle {
        Some(gain) => ((g0 + gain) / 2.0, (gain + g1) / 2.0),
        None => (g0 + 0.2 * (g1 - g0), g0 + 0.8 * (g1 - g0)),
    };
    // A box behind each name keeps it readable on the darkest cells: its size is estimated
    // from the character count (plotters cannot measure text without a font backend natively).
    let (per_pixel_x, per_pixel_y) = pixel_size(&chart, map);
    for (x, key) in [(ordered_x, Key::Ordered), (chaotic_x, Key::Chaotic)] {
        let label = theme.text(key);
        let half_w =
            0.5 * (label.chars().count() as f64 * 0.56 + 1.0) * theme.font(14.0) * per_pixel_x;
        let half_h = 0.8 * theme.font(14.0) * per_pixel_y;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - half_w, y - half_h), (x + half_w, y + half_h)],
                theme.background().mix(0.85).filled(),
            )))
            .map_err(drawing_error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                label.to_string(),
                (x, y),
                centred(14.0),
            )))
            .map_err(drawing_error)?;
    }

    // The current setting.
    let (gain, bias_std) = map.marks.current;
    if (g0..=g1).contains(&gain) && (b0..=b1).contains(&bias_std) {
        chart
            .draw_series(std::iter::once(Circle::new(
                (gain, bias_std),
                theme.px(6.0),
                text.stroke_width(theme.px(2.0)),
            )))
            .map_err(drawing_error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                theme.text(Key::MarkCurrent).to_string(),
                (gain + 0.06, bias_std + 0.03),
                font(11.0),
            )))
            .map_err(drawing_error)?;
    }

    let plot = chart.plotting_area();
    let (left, top) = plot.get_base_pixel();
    let (w, h) = plot.dim_in_pixel();
    draw_bar(&bar, theme)?;
    Ok(Some(PlotArea {
        left: f64::from(left),
        right: f64::from(left) + f64::from(w),
        top: f64::from(top),
        bottom: f64::from(top) + f64::from(h),
    }))
}

/// Data units per backend pixel along σ_w and σ_b.
fn pixel_size<DB: DrawingBackend>(
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    map: &Map,
) -> (f64, f64) {
    let (w, h) = chart.plotting_area().dim_in_pixel();
    let (g0, g1) = map.gain_range;
    let (b0, b1) = map.bias_std_range;
    (
        (g1 - g0) / f64::from(w.max(1)),
        (b1 - b0) / f64::from(h.max(1)),
    )
}

/// The colour bar: the scale from −6 to +6 decades, its ends and middle named.
fn draw_bar<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, theme: &Theme) -> Result<(), Error> {
    let text = theme.foreground();
    let font = (theme.font_family(), theme.font(11.0))
        .into_font()
        .color(&text);
    let mut chart = ChartBuilder::on(area)
        .margin_top(theme.px(40.0))
        .margin_bottom(theme.px(50.0))
        .margin_right(theme.px(8.0))
        .y_label_area_size(theme.px(34.0))
        .caption(theme.text(Key::ColourBar), font.clone())
        .build_cartesian_2d(0.0..1.0, -SCALE_DECADES..SCALE_DECADES)
        .map_err(drawing_error)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(7)
        .label_style(font)
        .axis_style(text)
        .draw()
        .map_err(drawing_error)?;
    let steps = 60;
    let step = 2.0 * SCALE_DECADES / f64::from(steps);
    chart
        .draw_series((0..steps).map(|i| {
            let v = -SCALE_DECADES + f64::from(i) * step;
            Rectangle::new([(0.0, v), (1.0, v + step)], colour(v + step / 2.0).filled())
        }))
        .map_err(drawing_error)?;
    Ok(())
}
