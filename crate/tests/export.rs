//! Exports: the current view as SVG, CSV and JSON, for every view, through the view registry.

use activation_lab::names::Named;
use activation_lab::render::Theme;
use activation_lab::view::View;
use activation_lab::views::layers::Layers;
use activation_lab::views::{self, ViewSpec, Visitor};
use activation_lab::{export, layers, Config};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn curves_export_to_csv_svg_and_json() -> TestResult {
    let config = Config::parse("activation=sigmoid,relu&points=5&x-min=-2&x-max=2")?;
    let csv = export::csv(&config)?;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "activation,x,y,dy");
    assert_eq!(lines.len(), 1 + 2 * 5);
    // σ(0) = 1/2, σ'(0) = 1/4 (closed form) on the middle grid point.
    assert_eq!(lines[3], "sigmoid,0.0,0.5,0.25");
    let svg = export::svg(&config, 640, 400, &Theme::default())?;
    assert!(svg.starts_with("<svg") && svg.contains("sigmoid f") && svg.contains("relu f′"));
    let json: serde_json::Value = serde_json::from_str(&export::json(&config)?)?;
    assert_eq!(json[1]["activation"], "relu");
    Ok(())
}

#[test]
fn softmax_export_matches_numpy() -> TestResult {
    let config = Config::parse("view=softmax&logits=1,2,3")?;
    let csv = export::csv(&config)?;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("class,z,p,gradient"));
    // numpy: np.exp([1,2,3]) / np.exp([1,2,3]).sum(); target 0, so the gradient is p − (1, 0, 0).
    // Tolerance 1e-15: summation order may differ from numpy's in the last bit.
    let expected = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
    for (i, line) in lines.enumerate() {
        let fields: Vec<f64> = line.split(',').map(str::parse).collect::<Result<_, _>>()?;
        assert_eq!(fields[0], i as f64);
        assert_eq!(fields[1], (i + 1) as f64);
        assert!((fields[2] - expected[i]).abs() < 1e-15, "{line}");
        let y = if i == 0 { 1.0 } else { 0.0 };
        assert!((fields[3] - (expected[i] - y)).abs() < 1e-15, "{line}");
    }
    assert!(export::svg(&config, 500, 300, &Theme::default())?.contains("class 0 (target)"));
    Ok(())
}

#[test]
fn layers_export_uses_the_given_snapshot() -> TestResult {
    let config = Config::parse("view=layers&activation=tanh&init=zeros&depth=3&width=8&batch=4")?;
    let snapshot = layers::run(&config)?;
    let csv = Layers::csv(&config, &snapshot)?;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("layer,mean,std,"));
    // Zeros init: every output is tanh(0) = 0 and there is one distinct neuron per layer.
    assert!(lines[1].starts_with("1,0.0,0.0,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",1,0.0"), "{}", lines[1]);
    let json: serde_json::Value = serde_json::from_str(&Layers::json(&config, &snapshot)?)?;
    assert_eq!(json["layers"].as_array().map(Vec::len), Some(3));
    assert!(export::svg(&config, 900, 700, &Theme::default())?.contains("a per layer — tanh"));
    Ok(())
}

#[test]
fn the_registry_lists_every_view_with_its_export_formats() -> TestResult {
    let mut views = serde_json::to_value(views::catalogue())?;
    // Each view's panel keys are checked in views_registry.rs; here the exports.
    for view in views.as_array_mut().into_iter().flatten() {
        view.as_object_mut().map(|v| v.remove("controls"));
    }
    // The page's tabs, in order; every view offers the whole export menu today, and the
    // layers and phase views take their snapshots from the page's worker pool.
    let expected = serde_json::json!([
        {"name": "curves", "formats": ["svg", "png", "csv", "json"], "workers": false},
        {"name": "softmax", "formats": ["svg", "png", "csv", "json"], "workers": false},
        {"name": "layers", "formats": ["svg", "png", "csv", "json"], "workers": true},
        {"name": "train", "formats": ["svg", "png", "csv", "json"], "workers": false},
        {"name": "phase", "formats": ["svg", "png", "csv", "json"], "workers": true},
    ]);
    assert_eq!(views, expected);
    let names: Vec<&str> = views::catalogue().iter().map(|v| v.name).collect();
    assert_eq!(
        names,
        View::names(),
        "one entry per view, in View::ALL's order"
    );
    Ok(())
}

/// Exports a view's own snapshot the way a caller that holds one does (the page's workers, the
/// live race), to compare with the registry's export of the same configuration.
struct OwnSnapshot<'a>(&'a Config);

impl Visitor for OwnSnapshot<'_> {
    type Output = Result<[String; 3], activation_lab::Error>;

    fn visit<V: ViewSpec>(self) -> Self::Output {
        let snapshot = V::compute(self.0)?;
        Ok([
            V::csv(self.0, &snapshot)?,
            V::json(self.0, &snapshot)?,
            export::svg_of::<V>(self.0, &snapshot, 700, 500, &Theme::default())?,
        ])
    }
}

#[test]
fn every_export_is_its_views_own_export_of_a_fresh_snapshot() -> TestResult {
    for query in [
        "activation=tanh&points=7",
        "view=softmax&logits=3,1",
        "view=layers&depth=2&width=4&batch=3",
        "view=train&dataset=xor&hidden=4&activation=relu,tanh&steps=20",
        "view=phase&activation=relu&phase-cells=4&phase-depth=3&phase-width=4&phase-batch=2",
    ] {
        let config = Config::parse(query)?;
        let [csv, json, svg] = views::visit(config.view, OwnSnapshot(&config))?;
        assert_eq!(export::csv(&config)?, csv, "{query}");
        assert_eq!(export::json(&config)?, json, "{query}");
        assert_eq!(
            export::svg(&config, 700, 500, &Theme::default())?,
            svg,
            "{query}"
        );
    }
    Ok(())
}

#[test]
fn phase_map_crosses_from_the_workers_exactly_infinities_included() -> TestResult {
    // ReLU past √2 has no finite fixed point: q* = ∞. The page's workers hand the map to the
    // page's module as words, bit for bit; the JSON export writes ∞ as null (JSON has none).
    use activation_lab::phase::map::Map;
    use activation_lab::views::phase::Phase;
    use activation_lab::wire;
    let config = Config::parse(
        "view=phase&activation=relu&phase-cells=4&phase-depth=3&phase-width=4&phase-batch=2",
    )?;
    let map = Phase::compute(&config)?;
    assert!(map
        .theory
        .iter()
        .flatten()
        .any(|t| t.q_star == f64::INFINITY));
    let back: Map = wire::from_words(&wire::to_words(&map))?;
    // Debug spells NaN and ∞ alike on both sides, where `==` would fail on a NaN.
    assert_eq!(format!("{back:?}"), format!("{map:?}"));
    assert_eq!(back.measured.len(), 16);
    let json: serde_json::Value = serde_json::from_str(&Phase::json(&config, &map)?)?;
    let q_stars = json["theory"].as_array().ok_or("a theory list")?;
    assert!(q_stars.iter().any(|t| t["q_star"].is_null()));
    let csv = Phase::csv(&config, &map)?;
    assert_eq!(csv.lines().count(), 1 + 16);
    assert!(csv.starts_with("gain,bias_std,q_star,chi1,xi,measured_log10_delta_ratio"));
    Ok(())
}
