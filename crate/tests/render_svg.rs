//! The charts rendered natively into SVG strings: structure, not pixels.
//!
//! Each test draws through plotters' `SVGBackend::with_string`, the same generic code path the
//! browser's canvas backend takes, and then reads the SVG back: which labels are there, how many
//! series were stroked in which colour, where the shaded zones and the crosshair are, and whether
//! fonts follow the device pixel ratio.

use activation_lab::readout::{self, Curve};
use activation_lab::render::curves::{self, CurveOptions};
use activation_lab::render::{softmax as softmax_chart, PlotArea, Theme, PALETTE};
use activation_lab::{softmax, Config};
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// Canvas size in backend pixels.
const SIZE: (u32, u32) = (800, 500);

/// Draws the curves chart of a config into an SVG string.
fn curves_svg(
    query: &str,
    theme: &Theme,
) -> Result<(String, PlotArea, Vec<Curve>), Box<dyn Error>> {
    let config = Config::parse(query)?;
    let data = readout::curves(&config)?;
    let cursor = query.contains("at=").then_some(config.at);
    let mut svg = String::new();
    let plot = {
        let area = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let plot = curves::draw(&area, &data, CurveOptions { cursor }, theme)?;
        area.present()?;
        plot
    };
    Ok((svg, plot, data))
}

/// Draws the softmax chart for logits at T = 1 into an SVG string.
fn softmax_svg(
    logits: &[f64],
    target: usize,
    theme: &Theme,
) -> Result<(String, Vec<f64>), Box<dyn Error>> {
    let p = softmax::softmax(logits, 1.0);
    let gradient = softmax::cross_entropy_gradient(&p, 1.0, target);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        softmax_chart::draw(&area, &p, &gradient, target, theme)?;
        area.present()?;
    }
    Ok((svg, p))
}

/// Every `<tag …>` element's opening text.
fn elements<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .filter_map(|(start, _)| svg[start..].find('>').map(|end| &svg[start..=start + end]))
        .collect()
}

/// An attribute's value in an element's opening text.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    element[start..].split('"').next()
}

fn number_attr(element: &str, name: &str) -> f64 {
    attr(element, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// The text content of every `<text>` element, trimmed.
fn texts(svg: &str) -> Vec<&str> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|chunk| {
            let body = &chunk[chunk.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim())
        })
        .collect()
}

/// `#RRGGBB` as plotters-svg writes a colour.
fn hex(colour: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
}

/// Polylines stroked in the i-th series colour at this opacity and width.
fn strokes<'a>(svg: &'a str, i: usize, opacity: &str, width: u32) -> Vec<&'a str> {
    let colour = hex(PALETTE[i]);
    let width = width.to_string();
    elements(svg, "polyline")
        .into_iter()
        .filter(|p| {
            attr(p, "stroke") == Some(colour.as_str())
                && attr(p, "opacity") == Some(opacity)
                && attr(p, "stroke-width") == Some(width.as_str())
        })
        .collect()
}

fn point_count(polyline: &str) -> usize {
    attr(polyline, "points").map_or(0, |p| p.split_whitespace().count())
}

#[test]
fn every_series_has_its_stroke_and_its_legend_entry() -> TestResult {
    let (svg, _, data) = curves_svg("activation=sigmoid,tanh,relu&points=101", &Theme::default())?;
    assert!(
        svg.starts_with("<svg width=\"800\" height=\"500\""),
        "{}",
        &svg[..80]
    );
    let labels = texts(&svg);
    for name in ["sigmoid", "tanh", "relu"] {
        for suffix in ["f", "f′"] {
            let label = format!("{name} {suffix}");
            assert_eq!(
                labels.iter().filter(|t| **t == label).count(),
                1,
                "legend label {label}: {labels:?}"
            );
        }
        assert!(
            !labels.contains(&format!("{name} f″").as_str()),
            "f″ drawn without second-derivative"
        );
    }
    assert!(
        labels.contains(&"x"),
        "x-axis description missing: {labels:?}"
    );
    assert!(
        labels.contains(&"f(x), f′(x)"),
        "y-axis description missing: {labels:?}"
    );
    for (i, curve) in data.iter().enumerate() {
        // f is one solid polyline (2 px) through every grid point; f′ is dashed, so many short
        // 2 px polylines; the legend holds one 3 px sample per series.
        let solid: Vec<_> = strokes(&svg, i, "1", 2)
            .into_iter()
            .filter(|p| point_count(p) == curve.x.len())
            .collect();
        assert_eq!(solid.len(), 1, "{}: solid f polyline", curve.label);
        let dashes = strokes(&svg, i, "1", 2)
            .into_iter()
            .filter(|p| point_count(p) <= 3)
            .count();
        assert!(dashes >= 20, "{}: only {dashes} dashes of f′", curve.label);
        assert_eq!(
            strokes(&svg, i, "1", 3).len(),
            2,
            "{}: legend samples",
            curve.label
        );
        assert!(
            strokes(&svg, i, "0.8", 2).is_empty(),
            "{}: f″ drawn",
            curve.label
        );
    }
    Ok(())
}

#[test]
fn second_derivative_adds_a_dotted_series_per_curve() -> TestResult {
    let (svg, _, data) = curves_svg(
        "activation=gelu,swish&second-derivative=true",
        &Theme::default(),
    )?;
    let labels = texts(&svg);
    for curve in &data {
        assert!(curve.d2y.is_some(), "{}: no f″ data", curve.label);
        let label = format!("{} f″", curve.label);
        assert!(
            labels.contains(&label.as_str()),
            "{label} missing: {labels:?}"
        );
    }
    for i in 0..data.len() {
        // f″ is drawn dotted in 1.5 px (rounded to 2) at 80 % opacity, plus its own legend sample.
        assert!(
            strokes(&svg, i, "0.8", 2).len() >= 20,
            "series {i}: f″ dots"
        );
        assert_eq!(
            strokes(&svg, i, "1", 3).len(),
            3,
            "series {i}: legend samples"
        );
    }
    Ok(())
}

/// Rectangles filled in the i-th series colour at this opacity.
fn zones<'a>(svg: &'a str, i: usize, opacity: &str) -> Vec<&'a str> {
    let colour = hex(PALETTE[i]);
    elements(svg, "rect")
        .into_iter()
        .filter(|r| attr(r, "fill") == Some(colour.as_str()) && attr(r, "opacity") == Some(opacity))
        .collect()
}

#[test]
fn a_single_saturating_activation_shades_its_zones_across_the_plot() -> TestResult {
    // Sigmoid on [−5, 5]: σ' < 0.01 for |x| > 4.6, so two saturated bands (8 % opacity), one at
    // each end, spanning the plot's full height; no dead zone (σ' > 0 everywhere).
    let (svg, plot, _) = curves_svg("activation=sigmoid", &Theme::default())?;
    let saturated = zones(&svg, 0, "0.08");
    assert_eq!(saturated.len(), 2, "{saturated:?}");
    let height = plot.bottom - plot.top;
    for band in &saturated {
        assert!(
            (number_attr(band, "height") - height).abs() <= 1.0,
            "band not full height: {band}"
        );
        assert!(number_attr(band, "width") > 10.0, "band too thin: {band}");
    }
    let (left, right) = (
        number_attr(saturated[0], "x"),
        number_attr(saturated[1], "x"),
    );
    assert!(
        (left - plot.left).abs() <= 1.0 && right > (plot.left + plot.right) / 2.0,
        "{saturated:?}"
    );
    assert!(zones(&svg, 0, "0.2").is_empty(), "sigmoid has no dead zone");

    // ReLU: f' = 0 for x ≤ 0, one dead band (20 %) over the left half, and nothing saturated.
    let (svg, plot, _) = curves_svg("activation=relu", &Theme::default())?;
    let dead = zones(&svg, 0, "0.2");
    assert_eq!(dead.len(), 1, "{dead:?}");
    let half = (plot.right - plot.left) / 2.0;
    assert!(
        (number_attr(dead[0], "width") - half).abs() <= 2.0,
        "{}",
        dead[0]
    );
    assert!(zones(&svg, 0, "0.08").is_empty());
    Ok(())
}

#[test]
fn several_activations_shade_thin_strips_instead() -> TestResult {
    // With more than one curve each gets a strip at the bottom (30 % saturated, 85 % dead), so
    // nothing is shaded across the whole plot.
    let (svg, plot, _) = curves_svg("activation=sigmoid,relu", &Theme::default())?;
    assert!(zones(&svg, 0, "0.08").is_empty() && zones(&svg, 1, "0.2").is_empty());
    let strips: Vec<_> = zones(&svg, 0, "0.3")
        .into_iter()
        .chain(zones(&svg, 1, "0.85"))
        .collect();
    assert_eq!(
        strips.len(),
        3,
        "sigmoid's two saturated strips and relu's dead one: {strips:?}"
    );
    for strip in strips {
        assert!(
            number_attr(strip, "height") < (plot.bottom - plot.top) * 0.05,
            "{strip}"
        );
    }
    Ok(())
}

#[test]
fn the_crosshair_marks_each_curve_only_when_in_view() -> TestResult {
    let circles = |svg: &str| elements(svg, "circle").len();
    let (svg, plot, _) = curves_svg("activation=sigmoid,tanh,relu&at=1.5", &Theme::default())?;
    assert_eq!(circles(&svg), 3, "one dot per curve");
    // The dots sit on the vertical line at x = 1.5: 65 % of the way across [−5, 5].
    let want = plot.left + 0.65 * (plot.right - plot.left);
    for circle in elements(&svg, "circle") {
        assert!(
            (number_attr(circle, "cx") - want).abs() <= 2.0,
            "{circle} not at x = 1.5 ({want})"
        );
    }
    let (svg, _, _) = curves_svg("activation=sigmoid,tanh,relu", &Theme::default())?;
    assert_eq!(circles(&svg), 0, "no cursor, no dots");
    let (svg, _, _) = curves_svg("activation=sigmoid&at=50", &Theme::default())?;
    assert_eq!(
        circles(&svg),
        0,
        "a cursor outside [x-min, x-max] is not drawn"
    );
    Ok(())
}

#[test]
fn the_plot_area_is_inside_the_canvas_and_matches_the_curves() -> TestResult {
    let (svg, plot, data) = curves_svg("activation=tanh&x-min=-3&x-max=3", &Theme::default())?;
    let (w, h) = (f64::from(SIZE.0), f64::from(SIZE.1));
    assert!(
        0.0 <= plot.left && plot.left < plot.right && plot.right <= w,
        "{plot:?}"
    );
    assert!(
        0.0 <= plot.top && plot.top < plot.bottom && plot.bottom <= h,
        "{plot:?}"
    );
    // The page maps mouse x to data x with this area: the solid curve must start at its left edge
    // and end at its right edge (plotters' pixel range is end-exclusive, hence the 1 px slack).
    let solid = strokes(&svg, 0, "1", 2)
        .into_iter()
        .find(|p| point_count(p) == data[0].x.len())
        .ok_or("no solid tanh polyline")?;
    let xs: Vec<f64> = attr(solid, "points")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.split(',').next()?.parse().ok())
        .collect();
    let (first, last) = (
        xs.first().copied().unwrap_or(f64::NAN),
        xs.last().copied().unwrap_or(f64::NAN),
    );
    assert!(
        (first - plot.left).abs() <= 1.0 && (last - plot.right).abs() <= 1.0,
        "{first}..{last} vs {plot:?}"
    );
    Ok(())
}

#[test]
fn softmax_chart_has_a_bar_per_class_and_a_negative_gradient_at_the_target() -> TestResult {
    let logits = [2.0, 1.0, 0.1, -1.0];
    let target = 2;
    let (svg, p) = softmax_svg(&logits, target, &Theme::default())?;
    let labels = texts(&svg);
    for label in [
        "p = softmax(z/T)",
        "∂L/∂z = (p − y)/T",
        "p, ∂L/∂z",
        "class 0",
        "class 2 (target)",
        "class 3",
    ] {
        assert!(labels.contains(&label), "{label} missing: {labels:?}");
    }
    // One bar per class per series, plus one legend swatch each (12 × 10 px).
    let bars = |i: usize| -> Vec<&str> {
        zones(&svg, i, "1")
            .into_iter()
            .filter(|r| number_attr(r, "width") > 12.0)
            .collect()
    };
    let (p_bars, g_bars) = (bars(0), bars(1));
    assert_eq!(
        (p_bars.len(), g_bars.len()),
        (4, 4),
        "{p_bars:?} {g_bars:?}"
    );
    // Bars are drawn class by class: heights follow p (2, 1, 0.1, −1 gives decreasing p).
    let heights: Vec<f64> = p_bars.iter().map(|r| number_attr(r, "height")).collect();
    assert!(
        heights.windows(2).all(|w| w[0] > w[1]),
        "p bar heights {heights:?} for p = {p:?}"
    );
    // The zero line is where the probability bars start (their bottom edge). Only the target's
    // gradient p − 1 < 0 hangs below it; every other gradient p_i > 0 stands on it.
    let zero = number_attr(p_bars[0], "y") + number_attr(p_bars[0], "height");
    for (class, bar) in g_bars.iter().enumerate() {
        let (top, bottom) = (
            number_attr(bar, "y"),
            number_attr(bar, "y") + number_attr(bar, "height"),
        );
        if class == target {
            assert!(
                (top - zero).abs() <= 1.0 && bottom > zero + 10.0,
                "target bar {bar} vs zero {zero}"
            );
        } else {
            assert!(
                (bottom - zero).abs() <= 1.0,
                "class {class} bar {bar} vs zero {zero}"
            );
        }
    }
    Ok(())
}

/// Every distinct font size in an SVG, ascending.
fn font_sizes(svg: &str) -> Vec<f64> {
    let mut sizes: Vec<f64> = elements(svg, "text")
        .into_iter()
        .map(|t| number_attr(t, "font-size"))
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    sizes
}

#[test]
fn fonts_and_lines_scale_with_the_device_pixel_ratio() -> TestResult {
    let query = "activation=sigmoid,tanh";
    let (one, _, _) = curves_svg(query, &Theme::new(1.0, false))?;
    let (two, _, _) = curves_svg(query, &Theme::new(2.0, false))?;
    let (small, large) = (font_sizes(&one), font_sizes(&two));
    assert!(
        !small.is_empty() && small.iter().all(|s| s.is_finite()),
        "{small:?}"
    );
    assert_eq!(small.len(), large.len(), "{small:?} vs {large:?}");
    for (s, l) in small.iter().zip(&large) {
        assert!(
            (l - 2.0 * s).abs() <= 1e-9 * l,
            "font {s} at dpr 1 but {l} at dpr 2"
        );
    }
    // Series lines are 2 CSS px: 2 device px at dpr 1, 4 at dpr 2.
    assert!(!strokes(&one, 0, "1", 2).is_empty() && !strokes(&two, 0, "1", 4).is_empty());
    // An unusable ratio falls back to 1 rather than drawing at size 0 or NaN.
    let (fallback, _, _) = curves_svg(query, &Theme::new(f64::NAN, false))?;
    assert_eq!(font_sizes(&fallback), small);
    // The softmax chart scales its fonts the same way.
    let (one, _) = softmax_svg(&[1.0, 2.0], 0, &Theme::new(1.0, false))?;
    let (two, _) = softmax_svg(&[1.0, 2.0], 0, &Theme::new(2.0, false))?;
    let (small, large) = (font_sizes(&one), font_sizes(&two));
    assert!(
        small
            .iter()
            .zip(&large)
            .all(|(s, l)| (l - 2.0 * s).abs() <= 1e-9 * l),
        "{small:?} {large:?}"
    );
    Ok(())
}

#[test]
fn the_dark_theme_paints_a_dark_background() -> TestResult {
    let (svg, _, _) = curves_svg("activation=tanh", &Theme::new(1.0, true))?;
    let background = elements(&svg, "rect")
        .first()
        .copied()
        .ok_or("no background rect")?;
    assert_eq!(attr(background, "fill"), Some("#1E1E24"), "{background}");
    assert_eq!(
        (attr(background, "width"), attr(background, "height")),
        (Some("800"), Some("500"))
    );
    Ok(())
}

#[test]
fn a_formulas_kinks_are_ringed_on_its_curve_and_named_in_both_languages() -> TestResult {
    // |x − 1| − relu(−x − 2): kinks at x = 1 (f = 0) and x = −2 (f = 3), by definition.
    let query = "activation=custom&formula=abs(x-1)-relu(-x-2)";
    let rings = |svg: &str| -> Vec<(f64, f64)> {
        elements(svg, "circle")
            .into_iter()
            // The markers' radius; the legend's ring is smaller.
            .filter(|c| number_attr(c, "r") == 5.0)
            .map(|c| (number_attr(c, "cx"), number_attr(c, "cy")))
            .collect()
    };
    let (svg, plot, data) = curves_svg(query, &Theme::default())?;
    assert_eq!(data[0].x.first(), Some(&-5.0));
    assert_eq!(data[0].x.last(), Some(&5.0));
    let found = rings(&svg);
    assert_eq!(found.len(), 2, "{found:?}");
    let across = |x: f64| plot.left + (x + 5.0) / 10.0 * (plot.right - plot.left);
    let (left, right) = (found[0], found[1]);
    assert!(
        (left.0 - across(-2.0)).abs() <= 2.0,
        "{left:?} not at x = −2"
    );
    assert!(
        (right.0 - across(1.0)).abs() <= 2.0,
        "{right:?} not at x = 1"
    );
    // f(−2) = 3 sits above f(1) = 0, both inside the plot.
    assert!(left.1 < right.1, "{found:?}");
    for (_, y) in &found {
        assert!((plot.top..=plot.bottom).contains(y), "{found:?}");
    }
    assert!(
        texts(&svg).iter().any(|t| t.ends_with("kinks (no f′)")),
        "{:?}",
        texts(&svg)
    );
    let korean = Theme::default().with_lang(activation_lab::render::Lang::Ko);
    let (svg, _, _) = curves_svg(query, &korean)?;
    assert_eq!(rings(&svg).len(), 2);
    assert!(texts(&svg).iter().any(|t| t.ends_with("꺾인 점 (f′ 없음)")));
    // A smooth formula, and a catalogue entry, have no rings and no legend entry.
    for smooth in ["activation=custom&formula=x*sigmoid(x)", "activation=relu"] {
        let (svg, _, _) = curves_svg(smooth, &Theme::default())?;
        assert!(rings(&svg).is_empty(), "{smooth}");
        assert!(!svg.contains("kinks"), "{smooth}");
    }
    Ok(())
}
