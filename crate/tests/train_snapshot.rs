//! The race snapshot the training charts draw: it carries what the trainers hold (records,
//! points, the surface laid out as the charts read it), the charts and the SVG export show the
//! snapshot they are given rather than anything recomputed from a network, and a live race's
//! piecewise updates end where a fresh snapshot would.
//!
//! To tell "draws the given snapshot" from "recomputes it", each drawing test alters the snapshot
//! to numbers no training produces (a loss curve that reaches the target at a chosen step, a
//! test loss of 12.345, a surface that says class 1 everywhere) and looks for them in the SVG.

use activation_lab::export;
use activation_lab::render::train::{surface_rgba, SurfaceFill};
use activation_lab::render::{self, Theme, PALETTE};
use activation_lab::train::model::Scratch;
use activation_lab::train::snapshot::{Point, RaceSnapshot, RunSnapshot, Surface, RESOLUTION};
use activation_lab::train::{race, Trainer, DOMAIN};
use activation_lab::Config;
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// A trained XOR net (≈ 98 % test accuracy at this seed, see render_train_svg.rs).
const XOR: &str =
    "view=train&dataset=xor&hidden=8,8&activation=relu&optimizer=adam&learning-rate=0.02&steps=400&record-every=20";

/// A sine fit, whose surface is a curve and whose titles report the test loss.
const SINE: &str =
    "view=train&dataset=sine&hidden=16&activation=tanh&optimizer=adam&learning-rate=0.02&steps=300&record-every=20";

fn trained(query: &str) -> Result<(Config, Vec<Trainer>), Box<dyn Error>> {
    let config = Config::parse(query)?;
    let runs = race(&config)?;
    Ok((config, runs))
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

fn composite(race: &RaceSnapshot) -> Result<String, Box<dyn Error>> {
    Ok(export::svg_document(1400, 1000, |area| {
        render::train::draw(area, race, &Theme::default())
    })?)
}

fn distance(a: RGBColor, b: RGBColor) -> f64 {
    let d = |x: u8, y: u8| (f64::from(x) - f64::from(y)).powi(2);
    (d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)).sqrt()
}

#[test]
fn the_snapshot_holds_what_the_trainers_hold() -> TestResult {
    let (config, mut runs) = trained(
        "view=train&dataset=spiral&classes=3&hidden=8&activation=relu,tanh&steps=60&record-every=10",
    )?;
    let snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    assert_eq!(snapshot.target_loss, config.target_loss);
    assert_eq!(snapshot.runs.len(), 2);
    for (shot, run) in snapshot.runs.iter().zip(&runs) {
        assert_eq!(shot.label, run.spec.label);
        assert_eq!(shot.steps, 60);
        assert_eq!(shot.diverged_at, None);
        assert_eq!(shot.layers, 2, "one hidden layer and the output layer");
        assert_eq!(shot.history, run.history);
        // Records at steps 0, 10, …, 60.
        assert_eq!(shot.history.steps, [0, 10, 20, 30, 40, 50, 60]);
        // Every example, in order, at its inputs and with its class.
        let expect = |examples: &activation_lab::train::dataset::Examples| -> Vec<Point> {
            (0..examples.len())
                .map(|i| Point {
                    x: examples.input(i)[0],
                    y: examples.input(i)[1],
                    class: examples.targets[i] as usize,
                })
                .collect()
        };
        assert_eq!(shot.points.train, expect(&run.data.train));
        assert_eq!(shot.points.test, expect(&run.data.test));
        let Surface::MultiClass {
            resolution,
            classes,
            p,
        } = &shot.surface
        else {
            return Err(format!("3-class spiral: {:?}", shot.surface).into());
        };
        assert_eq!((*resolution, *classes), (RESOLUTION, 3));
        assert_eq!(p.len(), RESOLUTION * RESOLUTION * 3);
        // Each cell holds a probability distribution over the classes.
        for cell in p.chunks_exact(3) {
            let sum: f32 = cell.iter().sum();
            assert!((sum - 1.0).abs() < 1e-5, "{cell:?}");
        }
    }
    Ok(())
}

/// The grid's layout is what the charts assume: row 0 at the top (y = DOMAIN's high end), cell
/// (row, col) centred at x = lo + (col + ½)·h, y = hi − (row + ½)·h with h = (hi − lo)/n. The
/// reference is the network asked about that one point directly.
#[test]
fn the_surface_grid_has_row_zero_at_the_top() -> TestResult {
    let (config, mut runs) = trained(XOR)?;
    let snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    let (n, k, grid) = snapshot.runs[0].surface.grid().ok_or("a binary grid")?;
    assert_eq!((n, k), (RESOLUTION, 1));
    let (lo, hi) = DOMAIN;
    let h = (hi - lo) / n as f64;
    let mut scratch = Scratch::default();
    for (row, col) in [(0, 0), (0, n - 1), (n - 1, 0), (7, 40), (n / 2, n / 3)] {
        let x = (lo + (col as f64 + 0.5) * h) as f32;
        let y = (hi - (row as f64 + 0.5) * h) as f32;
        let direct = runs[0].model.predict(&[x, y], 1, &mut scratch);
        let cell = grid[row * n + col];
        assert!(
            (direct[0] - cell).abs() < 1e-6,
            "cell ({row}, {col}) at ({x}, {y}): {cell} vs {}",
            direct[0]
        );
    }
    // XOR's label is x·y > 0: the top-left corner (x < 0, y > 0) is class 0, the top-right 1.
    assert!(
        grid[0] < 0.5 && grid[n - 1] > 0.5,
        "{} {}",
        grid[0],
        grid[n - 1]
    );
    Ok(())
}

#[test]
fn the_export_shows_an_altered_loss_not_a_recomputed_one() -> TestResult {
    let (config, mut runs) = trained(XOR)?;
    let mut snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    let honest = composite(&snapshot)?;
    // Training really reaches the target loss 0.1 at some step; make it never reach it except
    // at step 220, which no training of this net records as its first.
    let history = &mut snapshot.runs[0].history;
    for (step, loss) in history.steps.iter().zip(&mut history.train_loss) {
        *loss = if *step == 220 { 0.05 } else { 0.5 };
    }
    let first = history
        .steps
        .iter()
        .zip(&runs[0].history.train_loss)
        .find(|(_, loss)| **loss <= 0.1)
        .map(|(step, _)| *step);
    assert_ne!(
        first,
        Some(220),
        "the altered step differs from training's own"
    );
    let altered = composite(&snapshot)?;
    assert!(
        texts(&altered)
            .iter()
            .any(|t| t.starts_with("relu: loss 0.1 at step 220;")),
        "{:?}",
        texts(&altered)
    );
    assert!(!texts(&honest).iter().any(|t| t.contains("at step 220")));
    // The surface title and summary read the altered test accuracy, too.
    *snapshot.runs[0]
        .history
        .test_accuracy
        .last_mut()
        .ok_or("records")? = Some(0.123);
    let svg = composite(&snapshot)?;
    let texts = texts(&svg);
    assert!(
        texts.contains(&"relu — step 400: test accuracy 12%"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.ends_with("test accuracy 12.3%")));
    // Drawing one snapshot twice gives the same picture: nothing is trained in between.
    assert_eq!(composite(&snapshot)?, svg);
    Ok(())
}

#[test]
fn a_regression_title_shows_the_snapshot_test_loss() -> TestResult {
    let (config, mut runs) = trained(SINE)?;
    let mut snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    let real = *runs[0].history.test_loss.last().ok_or("records")?;
    assert!(real < 1.0, "the sine fit's own test loss is small: {real}");
    *snapshot.runs[0]
        .history
        .test_loss
        .last_mut()
        .ok_or("records")? = 12.345;
    let svg = composite(&snapshot)?;
    let texts = texts(&svg);
    assert!(
        texts.contains(&"tanh — step 300: test loss 12.345"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.ends_with("test loss 12.345")));
    Ok(())
}

/// A surface that says class 1 (p = 1) everywhere paints XOR's class-0 quadrants in class 1's
/// shade, in the SVG cells and in the page's RGBA buffer, although the trained net says class 0
/// there.
#[test]
fn the_surface_drawn_is_the_snapshot_surface() -> TestResult {
    let (config, mut runs) = trained(XOR)?;
    let mut snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    let Surface::Binary { p, .. } = &mut snapshot.runs[0].surface else {
        return Err("a binary surface".into());
    };
    p.iter_mut().for_each(|v| *v = 1.0);
    let (w, h) = (100u32, 100u32);
    let pixels = surface_rgba(&snapshot.runs[0].surface, w, h, false);
    // (−0.8, 0.8) is class 0 by XOR's label; the pixel there now leans to class 1.
    let (lo, hi) = DOMAIN;
    let col = ((-0.8 - lo) / (hi - lo) * f64::from(w)) as usize;
    let row = ((hi - 0.8) / (hi - lo) * f64::from(h)) as usize;
    let at = (row * w as usize + col) * 4;
    let pixel = RGBColor(pixels[at], pixels[at + 1], pixels[at + 2]);
    assert!(
        distance(pixel, PALETTE[1]) < distance(pixel, PALETTE[0]),
        "{pixel:?}"
    );
    // Every SVG cell is the same colour: p = 1 everywhere.
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (500, 520)).into_drawing_area();
        activation_lab::render::train::draw_surface(
            &area,
            &snapshot.runs[0],
            SurfaceFill::Cells,
            &Theme::default(),
        )?;
        area.present()?;
    }
    // A cell is a rectangle about 1/56 of the plot area wide (at most 12 px here).
    let attr = |element: &'static str| {
        move |rect: &str| -> Option<String> {
            let key = format!(" {element}=\"");
            let start = rect.find(&key)? + key.len();
            Some(rect[start..].split('"').next()?.to_string())
        }
    };
    let (width, fill) = (attr("width"), attr("fill"));
    let rects: Vec<&str> = svg.split("<rect").skip(1).collect();
    let cells: std::collections::BTreeSet<String> = rects
        .iter()
        .filter(|r| {
            width(r)
                .and_then(|w| w.parse::<f64>().ok())
                .is_some_and(|w| w <= 12.0)
        })
        .filter_map(|r| fill(r))
        .collect();
    assert!(
        rects.len() > RESOLUTION * RESOLUTION,
        "{} rects",
        rects.len()
    );
    assert_eq!(cells.len(), 1, "{cells:?}");
    Ok(())
}

/// Whether two JSON values agree: the same shape, strings and integers, and floats within
/// 2⁻⁵⁰ relative. serde_json's default parser (without its `float_roundtrip` feature) may
/// land an f64 one unit in the last place away from the value written; f32s come back exact.
fn json_close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || (x - y).abs() <= x.abs().max(y.abs()) * 2f64.powi(-50),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_close(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_close(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn a_snapshot_survives_json_and_draws_the_same() -> TestResult {
    let (config, mut runs) = trained(
        "view=train&dataset=xor&hidden=4,4&activation=prelu,relu&learning-rate=0.05&steps=80&record-every=20",
    )?;
    let snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    let text = serde_json::to_string(&snapshot)?;
    let back: RaceSnapshot = serde_json::from_str(&text)?;
    // Everything but the f64 records comes back exactly.
    for (b, s) in back.runs.iter().zip(&snapshot.runs) {
        assert_eq!(
            (&b.label, b.steps, b.diverged_at, b.layers),
            (&s.label, s.steps, s.diverged_at, s.layers)
        );
        assert_eq!((&b.points, &b.surface), (&s.points, &s.surface));
        assert_eq!(b.history.steps, s.history.steps);
    }
    assert!(json_close(
        &serde_json::to_value(&back)?,
        &serde_json::to_value(&snapshot)?
    ));
    // A unit in the last place moves nothing on a chart.
    assert_eq!(composite(&back)?, composite(&snapshot)?);
    // The task is named in the surface, so a reader of the JSON knows what the numbers are.
    assert!(text.contains("\"task\":\"binary\""));
    Ok(())
}

#[test]
fn piecewise_updates_end_where_a_fresh_snapshot_starts() -> TestResult {
    let config = Config::parse(
        "view=train&dataset=xor&hidden=4&activation=prelu&learning-rate=0.05&record-every=5",
    )?;
    let spec = config.train_specs()?.remove(0);
    let mut run = Trainer::new(spec.clone())?;
    let mut live = RunSnapshot::take(&mut run);
    for _ in 0..4 {
        run.run(7, 5);
        live.update_records(&run);
    }
    assert_ne!(
        live,
        RunSnapshot::take(&mut run.clone()),
        "the surface is stale"
    );
    live.update_surface(&mut run);
    assert_eq!(live, RunSnapshot::take(&mut run));
    // A history that does not continue the snapshot's (a restarted run) replaces it whole.
    let mut restarted = Trainer::new(spec)?;
    restarted.run(3, 1);
    live.update_records(&restarted);
    live.update_surface(&mut restarted);
    assert_eq!(live, RunSnapshot::take(&mut restarted));
    Ok(())
}
