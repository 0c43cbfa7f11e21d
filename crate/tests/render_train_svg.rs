//! The training view rendered natively: every panel as well-formed SVG, the decision surface's
//! colours following the network's predictions (cells and the RGBA buffer alike), run labels in
//! the legends, divergence shown as a state, and the notes for panels with nothing to plot.
//!
//! The networks are small and trained for a few hundred steps: the tests run the debug build
//! (opt-level 1), and each property holds at any size.

use activation_lab::render::train::{
    draw, draw_panel, draw_surface, stamp_points, surface_rect, surface_rgba, Panel, PlotRect,
    SurfaceFill,
};
use activation_lab::render::{Theme, PALETTE};
use activation_lab::train::snapshot::{RaceSnapshot, RESOLUTION};
use activation_lab::train::{race, Trainer, DOMAIN};
use activation_lab::{export, Config};
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// A trained XOR net: relu, Adam, 400 steps (≈ 98 % test accuracy with this seed).
const XOR: &str =
    "view=train&dataset=xor&hidden=8,8&activation=relu&optimizer=adam&learning-rate=0.02&steps=400&record-every=20";

/// The query's race trained to its steps, and the snapshot the charts draw.
fn runs(query: &str) -> Result<(Config, Vec<Trainer>, RaceSnapshot), Box<dyn Error>> {
    let config = Config::parse(query)?;
    let mut runs = race(&config)?;
    let snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    Ok((config, runs, snapshot))
}

/// Draws one panel into an SVG string; `TRAIN_SVG_OUT=dir` keeps a copy to look at.
fn panel_svg(
    race: &RaceSnapshot,
    panel: Panel,
    theme: &Theme,
) -> Result<(String, PlotRect), Box<dyn Error>> {
    let mut svg = String::new();
    let rect = {
        let area = SVGBackend::with_string(&mut svg, (640, 480)).into_drawing_area();
        let rect = draw_panel(&area, race, panel, theme)?;
        area.present()?;
        rect
    };
    keep(&format!("panel-{}", panel.name()), &svg)?;
    Ok((svg, rect))
}

fn keep(name: &str, svg: &str) -> Result<(), Box<dyn Error>> {
    if let Ok(dir) = std::env::var("TRAIN_SVG_OUT") {
        std::fs::write(format!("{dir}/{name}.svg"), svg)?;
    }
    Ok(())
}

/// Checks that `svg` is one well-formed `<svg>` document: every tag closed in order, every
/// attribute quoted, no NaN or infinity written into a number. (The crate has no XML parser, so
/// this is a small one; it rejects what a browser's parser would.)
fn assert_well_formed(svg: &str) {
    let body = svg.trim();
    assert!(
        body.starts_with("<svg"),
        "starts with <svg: {}",
        &body[..40.min(body.len())]
    );
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    let mut elements = 0;
    while let Some(open) = rest.find('<') {
        let tail = &rest[open + 1..];
        let close = tail
            .find('>')
            .unwrap_or_else(|| panic!("unclosed tag at {tail:.40}"));
        let tag = &tail[..close];
        rest = &tail[close + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop();
            assert_eq!(top.as_deref(), Some(name.trim()), "closing </{name}>");
            continue;
        }
        elements += 1;
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "tag name {name:?}"
        );
        // Attributes: name="value" pairs, quotes balanced.
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag:.80}>"
        );
        for value in tag.split('"').skip(1).step_by(2) {
            assert!(
                !value.contains("NaN") && !value.contains("inf"),
                "bad number in <{tag:.80}>"
            );
        }
        if !self_closing {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    assert!(elements > 1, "an empty document");
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

fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    element[start..].split('"').next()
}

fn number(element: &str, name: &str) -> f64 {
    attr(element, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// `#RRGGBB` as plotters-svg writes a colour.
fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn parse_hex(text: &str) -> Option<RGBColor> {
    let t = text.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(t.get(i..i + 2)?, 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

fn distance(a: RGBColor, b: RGBColor) -> f64 {
    let d = |x: u8, y: u8| (f64::from(x) - f64::from(y)).powi(2);
    (d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)).sqrt()
}

/// The pixel of a data point inside a plot rectangle spanning DOMAIN².
fn pixel(rect: &PlotRect, (x, y): (f64, f64)) -> (f64, f64) {
    let (lo, hi) = DOMAIN;
    (
        rect.left + (x - lo) / (hi - lo) * (rect.right - rect.left),
        rect.top + (hi - y) / (hi - lo) * (rect.bottom - rect.top),
    )
}

/// The fill of the surface cell (a `<rect>` about one cell in size) covering pixel `(px, py)`.
fn cell_fill(svg: &str, rect: &PlotRect, (px, py): (f64, f64)) -> Option<RGBColor> {
    let cell = (rect.right - rect.left) / RESOLUTION as f64;
    svg.split("<rect ").skip(1).find_map(|chunk| {
        let element = &chunk[..chunk.find('>')?];
        let element = format!(" {element}");
        let (x, y) = (number(&element, "x"), number(&element, "y"));
        let (w, h) = (number(&element, "width"), number(&element, "height"));
        let is_cell = w <= cell * 1.5 + 1.0 && h <= cell * 1.5 + 1.0;
        (is_cell && (x..=x + w).contains(&px) && (y..=y + h).contains(&py))
            .then(|| parse_hex(attr(&element, "fill")?))
            .flatten()
    })
}

#[test]
fn every_panel_is_well_formed_svg_in_both_themes() -> TestResult {
    let (_, _, race) = runs(
        "view=train&dataset=spiral&classes=3&hidden=8&activation=relu,prelu&optimizer=adam&learning-rate=0.02&steps=100&record-every=10",
    )?;
    for theme in [Theme::default(), Theme::new(2.0, true)] {
        for name in [
            "loss",
            "accuracy",
            "gradient-flow",
            "dead",
            "learned",
            "layers",
            "surface-0",
            "surface-1",
            "surface-5",
        ] {
            let panel = Panel::from_name(name).ok_or(name)?;
            let (svg, rect) = panel_svg(&race, panel, &theme)?;
            assert_well_formed(&svg);
            assert!(
                rect.left < rect.right && rect.top < rect.bottom,
                "{name}: {rect:?}"
            );
        }
    }
    Ok(())
}

#[test]
fn panel_names_round_trip_and_reject_the_rest() {
    for name in [
        "loss",
        "accuracy",
        "gradient-flow",
        "dead",
        "learned",
        "layers",
        "surface-0",
        "surface-5",
    ] {
        assert_eq!(
            Panel::from_name(name).map(Panel::name).as_deref(),
            Some(name)
        );
    }
    for name in [
        "Loss",
        "surface-6",
        "surface-",
        "surface-x",
        "gradients",
        "",
    ] {
        assert_eq!(Panel::from_name(name), None, "{name}");
    }
}

#[test]
fn surface_cells_follow_the_prediction() -> TestResult {
    let (_, trainers, race) = runs(XOR)?;
    let run = &race.runs[0];
    assert!(
        run.history
            .test_accuracy
            .last()
            .copied()
            .flatten()
            .unwrap_or(0.0)
            > 0.9,
        "xor is learned"
    );
    let mut svg = String::new();
    let rect = {
        let area = SVGBackend::with_string(&mut svg, (500, 520)).into_drawing_area();
        let promised = surface_rect(&area, &Theme::default());
        let rect = draw_surface(&area, run, SurfaceFill::Cells, &Theme::default())?;
        area.present()?;
        assert_eq!(
            rect, promised,
            "surface_rect lays out what draw_surface draws"
        );
        rect
    };
    keep("surface-xor", &svg)?;
    assert_well_formed(&svg);
    // A square plot area, as the data's domain is square.
    assert!(
        ((rect.right - rect.left) - (rect.bottom - rect.top)).abs() <= 1.0,
        "{rect:?}"
    );
    // XOR's label is x·y > 0: (0.8, 0.8) is class 1, (−0.8, 0.8) class 0.
    let one = cell_fill(&svg, &rect, pixel(&rect, (0.8, 0.8))).ok_or("no cell at (0.8, 0.8)")?;
    let zero = cell_fill(&svg, &rect, pixel(&rect, (-0.8, 0.8))).ok_or("no cell at (−0.8, 0.8)")?;
    assert_ne!(one, zero);
    assert!(
        distance(one, PALETTE[1]) < distance(one, PALETTE[0]),
        "{one:?} leans to class 1's colour"
    );
    assert!(
        distance(zero, PALETTE[0]) < distance(zero, PALETTE[1]),
        "{zero:?} leans to class 0's colour"
    );
    // Every training point is drawn filled in its class colour.
    let filled = |c: RGBColor| {
        svg.matches(&format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2))
            .count()
    };
    let train = trainers[0].data.train.len();
    assert!(
        filled(PALETTE[0]) + filled(PALETTE[1]) >= train,
        "{train} training points"
    );
    Ok(())
}

#[test]
fn without_cells_the_plot_area_is_left_for_the_image() -> TestResult {
    let (_, _, race) = runs(XOR)?;
    let (svg, rect) = panel_svg(&race, Panel::Surface(0), &Theme::default())?;
    let inside = pixel(&rect, (0.8, 0.8));
    assert_eq!(
        cell_fill(&svg, &rect, inside),
        None,
        "no cell under the points"
    );
    // Nor does any background rectangle cover the plot area.
    let covers = svg.split("<rect ").skip(1).any(|chunk| {
        let element = format!(" {}", &chunk[..chunk.find('>').unwrap_or(0)]);
        let (x, y) = (number(&element, "x"), number(&element, "y"));
        let (w, h) = (number(&element, "width"), number(&element, "height"));
        (x..=x + w).contains(&inside.0) && (y..=y + h).contains(&inside.1)
    });
    assert!(!covers, "the plot area stays transparent");
    Ok(())
}

#[test]
fn surface_rgba_is_a_buffer_of_the_predicted_colours() -> TestResult {
    let (_, _, race) = runs(XOR)?;
    let run = &race.runs[0];
    let (w, h) = (200u32, 160u32);
    let pixels = surface_rgba(&run.surface, w, h, false);
    assert_eq!(pixels.len(), (w * h * 4) as usize);
    let at = |(x, y): (f64, f64)| {
        let (lo, hi) = DOMAIN;
        let col = ((x - lo) / (hi - lo) * f64::from(w)) as usize;
        let row = ((hi - y) / (hi - lo) * f64::from(h)) as usize;
        let i = (row * w as usize + col) * 4;
        (
            RGBColor(pixels[i], pixels[i + 1], pixels[i + 2]),
            pixels[i + 3],
        )
    };
    let (one, alpha) = at((0.8, 0.8));
    let (zero, _) = at((-0.8, 0.8));
    assert_eq!(alpha, 255, "opaque");
    assert!(
        distance(one, PALETTE[1]) < distance(one, PALETTE[0]),
        "{one:?} leans to class 1"
    );
    assert!(
        distance(zero, PALETTE[0]) < distance(zero, PALETTE[1]),
        "{zero:?} leans to class 0"
    );
    // The buffer and the SVG cells agree: the buffer's pixel is the cell colour, up to the
    // interpolation between neighbouring cells.
    let mut svg = String::new();
    let rect = {
        let area = SVGBackend::with_string(&mut svg, (500, 520)).into_drawing_area();
        let rect = draw_surface(&area, run, SurfaceFill::Cells, &Theme::default())?;
        area.present()?;
        rect
    };
    let cell = cell_fill(&svg, &rect, pixel(&rect, (0.8, 0.8))).ok_or("no cell")?;
    assert!(distance(cell, one) < 40.0, "cell {cell:?} vs pixel {one:?}");
    // Light enough that the points stay readable: far from the pure class colour.
    assert!(distance(one, PALETTE[1]) > 30.0, "{one:?} is a light blend");
    // Dark theme: the undecided middle is the dark background, not white.
    let dark = surface_rgba(&run.surface, 4, 4, true);
    assert!(
        dark.chunks_exact(4).all(|p| p[0] < 0xe0 || p[1] < 0xe0),
        "dark theme shades"
    );
    Ok(())
}

#[test]
fn regression_draws_the_fitted_curve_and_a_blank_buffer() -> TestResult {
    let (_, _, race) = runs(
        "view=train&dataset=sine&hidden=16&activation=tanh&optimizer=adam&learning-rate=0.02&steps=300",
    )?;
    let pixels = surface_rgba(&race.runs[0].surface, 8, 8, false);
    assert!(
        pixels
            .chunks_exact(4)
            .all(|p| p == [0xff, 0xff, 0xff, 0xff]),
        "background only"
    );
    let (svg, _) = panel_svg(&race, Panel::Surface(0), &Theme::default())?;
    assert_well_formed(&svg);
    let curve = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\"",
        PALETTE[1].0, PALETTE[1].1, PALETTE[1].2
    );
    assert!(
        svg.split("<polyline").skip(1).any(|p| p.contains(&curve)),
        "the fitted curve"
    );
    let (svg, _) = panel_svg(&race, Panel::Accuracy, &Theme::default())?;
    assert!(texts(&svg)
        .iter()
        .any(|t| t.contains("accuracy does not apply to regression")));
    Ok(())
}

#[test]
fn the_composite_names_every_run_and_its_panels() -> TestResult {
    let (config, _, race) = runs(
        "view=train&dataset=circles&hidden=6&activation=relu,tanh,sigmoid&optimizer=adam&learning-rate=0.02&steps=150&record-every=10",
    )?;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1400, 1000)).into_drawing_area();
        draw(&area, &race, &Theme::default())?;
        area.present()?;
    }
    keep("composite", &svg)?;
    assert_well_formed(&svg);
    let texts = texts(&svg);
    for label in ["relu", "tanh", "sigmoid"] {
        assert!(
            texts.iter().filter(|t| **t == label).count() >= 3,
            "{label} in the legends"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with(&format!("{label} — step 150"))),
            "{label} surface title"
        );
    }
    for heading in [
        "loss (log scale)",
        "accuracy",
        "dead units per hidden layer",
        "the race",
    ] {
        assert!(texts.contains(&heading), "{heading}");
    }
    assert!(
        texts.iter().any(|t| t.starts_with("gradient flow")),
        "gradient flow heading"
    );
    assert!(texts.contains(&"target loss 0.1"), "target line labelled");
    assert!(texts.contains(&"no learned parameters: pick prelu, swish or apl"));
    // The export's train arm is this composite.
    let exported = export::svg(&config, 1400, 1000, &Theme::default())?;
    assert_eq!(exported, svg, "export::svg draws the same race");
    Ok(())
}

/// SGD at learning rate 10: the linear (identity) network's logits grow without bound and its
/// loss overflows within a few steps; relu's units die instead, and it stays finite.
const DIVERGING: &str =
    "view=train&dataset=spiral&hidden=32,32&activation=relu,identity&learning-rate=10&steps=300";

#[test]
fn divergence_is_marked_in_the_legend_and_with_a_cross() -> TestResult {
    let (_, _, race) = runs(DIVERGING)?;
    assert_eq!(race.runs[0].diverged_at, None, "relu stays finite");
    let step = race.runs[1]
        .diverged_at
        .ok_or("identity at learning rate 10 diverges")?;
    let (svg, _) = panel_svg(&race, Panel::Loss, &Theme::default())?;
    assert_well_formed(&svg);
    let texts = texts(&svg);
    let sentence = format!("identity — diverged at step {step}");
    assert!(
        texts.contains(&sentence.as_str()),
        "{sentence} in {texts:?}"
    );
    assert!(
        texts.contains(&"relu"),
        "the finite run keeps its plain label"
    );
    // The cross: Cross draws two <line>s in the run's colour (PALETTE[1]) at the last record.
    let colour = format!("stroke=\"{}\"", hex(PALETTE[1]));
    let lines = svg
        .split("<line ")
        .skip(1)
        .filter(|l| l[..l.find('>').unwrap_or(0)].contains(&colour))
        .count();
    assert_eq!(lines, 2, "the cross");
    let (svg, _) = panel_svg(&race, Panel::Surface(1), &Theme::default())?;
    assert!(
        self::texts(&svg).contains(&sentence.as_str()),
        "the surface title says so too"
    );
    let (svg, _) = panel_svg(&race, Panel::GradientFlow, &Theme::default())?;
    assert!(self::texts(&svg).contains(&format!("diverged at step {step}").as_str()));
    Ok(())
}

#[test]
fn a_regression_run_diverges_too() -> TestResult {
    let (_, _, race) =
        runs("view=train&dataset=sine&hidden=32,32&activation=relu&learning-rate=10&steps=300")?;
    let step = race.runs[0]
        .diverged_at
        .ok_or("MSE at learning rate 10 diverges")?;
    let (svg, _) = panel_svg(&race, Panel::Loss, &Theme::default())?;
    assert_well_formed(&svg);
    assert!(texts(&svg).contains(&format!("relu — diverged at step {step}").as_str()));
    Ok(())
}

#[test]
fn learned_parameters_are_drawn_per_layer_or_noted() -> TestResult {
    let (_, _, race) = runs(
        "view=train&dataset=xor&hidden=4,4&activation=prelu&optimizer=adam&learning-rate=0.02&steps=100",
    )?;
    let (svg, _) = panel_svg(&race, Panel::Learned, &Theme::default())?;
    let texts = texts(&svg);
    assert!(
        texts.contains(&"layer 1 slope") && texts.contains(&"layer 2 slope"),
        "{texts:?}"
    );
    let (_, _, relu) = self::runs("view=train&dataset=xor&hidden=4&activation=relu&steps=20")?;
    let (svg, _) = panel_svg(&relu, Panel::Learned, &Theme::default())?;
    assert!(self::texts(&svg).contains(&"no learned parameters: pick prelu, swish or apl"));
    Ok(())
}

#[test]
fn gradient_flow_has_a_cell_per_layer_and_record_and_a_scale() -> TestResult {
    let (_, _, race) = runs(
        "view=train&dataset=xor&hidden=4,4,4&activation=sigmoid,relu&steps=100&record-every=10",
    )?;
    let (svg, _) = panel_svg(&race, Panel::GradientFlow, &Theme::default())?;
    let records = race.runs[0].history.steps.len();
    // 2 runs × 4 layers (3 hidden + output) × records, plus 32 colour-bar bins.
    let cells = svg.matches("<rect").count();
    assert!(
        cells >= 2 * 4 * records + 32,
        "{cells} rects for {records} records"
    );
    let texts = texts(&svg);
    assert!(
        texts.contains(&"out") && texts.contains(&"1"),
        "layer axis: 1 … out"
    );
    assert!(
        texts.contains(&"sigmoid") && texts.contains(&"relu"),
        "one heatmap per run"
    );
    // The colour bar's ticks are gradient norms in scientific notation ("3e-2").
    let ticks: Vec<f64> = texts
        .iter()
        .filter(|t| t.contains('e'))
        .filter_map(|t| t.parse().ok())
        .collect();
    assert!(ticks.len() >= 3, "colour scale ticks {texts:?}");
    assert!(
        ticks.iter().all(|t| *t > 0.0),
        "norms are positive: {ticks:?}"
    );
    Ok(())
}

#[test]
fn dead_units_are_drawn_per_layer() -> TestResult {
    let (_, _, race) = runs("view=train&dataset=xor&hidden=4,4&activation=relu&steps=50")?;
    let (svg, _) = panel_svg(&race, Panel::Dead, &Theme::default())?;
    let texts = texts(&svg);
    assert!(texts.contains(&"layer 1") && texts.contains(&"layer 2") && texts.contains(&"relu"));
    Ok(())
}

/// The page's surface image carries the points itself: a training point's centre is its class
/// colour, a test point's centre is the background inside a class-coloured ring, and a pixel
/// far from every point is untouched.
#[test]
fn stamped_points_are_filled_for_training_and_hollow_for_test() -> TestResult {
    let (_, trainers, race) = runs(XOR)?;
    let (run, trainer) = (&race.runs[0], &trainers[0]);
    let theme = Theme::new(1.0, false);
    let size = 500u32;
    let clean = surface_rgba(&run.surface, size, size, false);
    let mut pixels = clean.clone();
    stamp_points(&mut pixels, size, size, run, &theme);
    let (lo, hi) = DOMAIN;
    let to_pixel = |x: f32, y: f32| {
        let px = ((f64::from(x) - lo) / (hi - lo) * f64::from(size)) as usize;
        let py = ((hi - f64::from(y)) / (hi - lo) * f64::from(size)) as usize;
        (px, py)
    };
    let rgb = |p: &[u8], (x, y): (usize, usize)| {
        let at = (y * size as usize + x) * 4;
        (p[at], p[at + 1], p[at + 2])
    };
    let colour = |c: RGBColor| (c.0, c.1, c.2);
    let near = |a: (u8, u8, u8), b: (u8, u8, u8)| {
        (i32::from(a.0) - i32::from(b.0)).abs()
            + (i32::from(a.1) - i32::from(b.1)).abs()
            + (i32::from(a.2) - i32::from(b.2)).abs()
            <= 30
    };
    // A point with no neighbour within 10 px, so its own centre shows.
    let isolated = |examples: &activation_lab::train::dataset::Examples, i: usize| {
        let a = examples.input(i);
        let all = [&trainer.data.train, &trainer.data.test];
        all.iter().all(|set| {
            (0..set.len()).all(|j| {
                let b = set.input(j);
                std::ptr::eq(*set, examples) && j == i
                    || ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() > 0.05
            })
        })
    };
    let train = &trainer.data.train;
    let i = (0..train.len())
        .find(|&i| isolated(train, i))
        .ok_or("no isolated training point")?;
    let centre = to_pixel(train.input(i)[0], train.input(i)[1]);
    let class = PALETTE[train.targets[i] as usize];
    assert!(
        near(rgb(&pixels, centre), colour(class)),
        "training point filled with its class"
    );
    let test = &trainer.data.test;
    let j = (0..test.len())
        .find(|&j| isolated(test, j))
        .ok_or("no isolated test point")?;
    let (cx, cy) = to_pixel(test.input(j)[0], test.input(j)[1]);
    let class = PALETTE[test.targets[j] as usize];
    assert!(
        near(rgb(&pixels, (cx, cy)), colour(theme.background())),
        "test point hollow"
    );
    assert!(
        near(rgb(&pixels, (cx + 2, cy)), colour(class)),
        "test point's ring in its class colour"
    );
    // Corners lie outside every point (the data stay inside [−1, 1]² before noise).
    assert_eq!(rgb(&pixels, (1, 1)), rgb(&clean, (1, 1)));
    Ok(())
}

/// The layer-distributions panel (issue #14): one row per run at its latest record, one point
/// per hidden layer on each of the three lines, the legend once; before any record, a note.
#[test]
fn layer_distributions_have_a_point_per_hidden_layer() -> TestResult {
    let (_, _, race) = runs("view=train&dataset=xor&hidden=4x5&activation=relu,tanh&steps=30")?;
    let panel = Panel::from_name("layers").ok_or("layers")?;
    let (svg, _) = panel_svg(&race, panel, &Theme::default())?;
    let texts = texts(&svg);
    for label in ["relu — step 30", "tanh — step 30", "f = 0", "dead units"] {
        assert!(texts.contains(&label), "{label} in {texts:?}");
    }
    // Each polyline (a series) has one vertex per hidden layer: 3 series × 2 runs.
    let lines: Vec<usize> = svg
        .split("<polyline")
        .skip(1)
        .map(|element| attr(element, "points").map_or(0, |p| p.split_whitespace().count()))
        .filter(|vertices| *vertices == 5)
        .collect();
    assert!(lines.len() >= 2, "solid series with 5 vertices: {lines:?}");
    let empty = RaceSnapshot {
        runs: Vec::new(),
        ..race
    };
    let (svg, _) = panel_svg(&empty, panel, &Theme::default())?;
    assert!(texts_of(&svg).contains(&"no records yet".to_string()));
    Ok(())
}

fn texts_of(svg: &str) -> Vec<String> {
    texts(svg).into_iter().map(str::to_string).collect()
}
