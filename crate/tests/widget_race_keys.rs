//! The live training widget's keys (issue #14): `autoplay` and `panels` are rows of the one key
//! table, so a link, an attribute, a CLI flag and a JSON file read them alike; and batch norm on
//! one example per step, which cannot learn, is refused with its sentence.

use activation_lab::error::Code;
use activation_lab::train::PanelName;
use activation_lab::views::train::Train;
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// The error a query must be refused with.
fn refused(query: &str) -> Result<activation_lab::Error, String> {
    Config::parse(query)
        .err()
        .ok_or(format!("{query} was accepted"))
}

#[test]
fn panels_and_autoplay_parse_write_back_and_default() -> TestResult {
    let config = Config::parse("view=train&panels=surface,loss,layers&autoplay=true")?;
    assert_eq!(config.get("panels")?, "surface,loss,layers");
    assert_eq!(config.get("autoplay")?, "true");
    assert_eq!(
        config.to_query(),
        "view=train&autoplay=true&panels=surface,loss,layers"
    );
    // Unset, a widget shows the composite's pictures and waits for Play; the query stays short.
    let plain = Config::parse("view=train")?;
    assert_eq!(
        plain.get("panels")?,
        "surface,loss,accuracy,gradient-flow,dead,learned"
    );
    assert_eq!(plain.get("autoplay")?, "false");
    assert_eq!(plain.to_query(), "view=train");
    // JSON takes an array, as for any list key.
    let json = Config::from_json(r#"{"view": "train", "panels": ["layers", "surface"]}"#)?;
    assert_eq!(json.get("panels")?, "layers,surface");
    Ok(())
}

#[test]
fn an_unknown_or_repeated_panel_is_refused_with_the_valid_names() -> TestResult {
    let error = refused("view=train&panels=surface,histogram")?;
    assert_eq!(error.kind(), Code::UnknownName, "{error}");
    assert_eq!(
        error.to_string(),
        "unknown panels \"histogram\" (expected one of: surface, loss, accuracy, \
         gradient-flow, dead, learned, layers, inside, layer-lines)"
    );
    let error = refused("view=train&panels=loss,loss")?;
    assert_eq!(error.kind(), Code::RepeatedName, "{error}");
    let error = refused("view=train&autoplay=sometimes")?;
    assert_eq!(error.kind(), Code::UnknownName, "{error}");
    Ok(())
}

#[test]
fn the_panel_list_is_the_views_own() {
    let names: Vec<&str> = Train::panels().iter().map(|p| p.name()).collect();
    assert_eq!(
        names,
        [
            "surface",
            "loss",
            "accuracy",
            "gradient-flow",
            "dead",
            "learned",
            "layers",
            "inside",
            "layer-lines"
        ]
    );
    assert_eq!(PanelName::DEFAULT.len(), 6);
}

/// Batch norm over a batch of one example in f64, written out: the mean is the example, so
/// ẑ = (z − z) / √(0 + ε) = 0 for every z, and ∂ẑ/∂z (by central differences) is 0 too.
fn batch_norm_of_one(z: f64) -> f64 {
    let mean = z;
    let variance = (z - mean).powi(2);
    (z - mean) / (variance + 1e-5).sqrt()
}

#[test]
fn batch_norm_on_one_example_is_refused_because_it_cannot_learn() -> TestResult {
    // Why: whatever reaches the unit, its output and its slope are 0.
    for z in [-3.0, -0.1, 0.7, 12.0] {
        assert_eq!(batch_norm_of_one(z), 0.0);
        let h = 1e-4;
        let slope = (batch_norm_of_one(z + h) - batch_norm_of_one(z - h)) / (2.0 * h);
        assert_eq!(slope, 0.0, "z = {z}");
    }
    let error = refused("view=train&norm=batch&batch-size=1")?;
    assert_eq!(error.kind(), Code::BatchNormOneExample, "{error}");
    assert_eq!(
        error.to_string(),
        "norm=batch needs batch-size 2 or more: over one example each unit's variance is 0, \
         so its normalised output is 0 and nothing learns (got batch-size=1)"
    );
    assert_eq!(error.keys(), ["norm", "batch-size"]);
    // Reached one key at a time, the second change is refused and the first kept.
    let mut config = Config::parse("view=train&norm=batch&batch-size=2")?;
    let error = config
        .set("batch-size", "1")
        .err()
        .ok_or("batch-size=1 accepted")?;
    assert_eq!(error.kind(), Code::BatchNormOneExample);
    assert_eq!(config.get("batch-size")?, "2");
    // Runs are never built from it, whatever the view says.
    let mut other_view = Config::parse("norm=batch")?;
    other_view.batch_size = 1;
    let error = other_view.train_specs().err().ok_or("runs were built")?;
    assert_eq!(error.kind(), Code::BatchNormOneExample);
    // Layer norm normalises over the units, so one example per step is fine there.
    Config::parse("view=train&norm=layer&batch-size=1")?;
    Ok(())
}
