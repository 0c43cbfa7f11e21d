//! `actlab layers`, run as a user would: the JSON's shape, closed forms it must meet, the
//! overflow state, the SVG, and the exact sentence and exit status of each input error.
//!
//! Networks here are a few units wide: the tests run the debug build, and every property checked
//! holds at any size.

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use activation_lab::render::Theme;
use activation_lab::{export, Config};
use common::{actlab, assert_input_error, json, temp_path};
use serde_json::Value;

/// Runs `actlab layers ARGS`, which must succeed quietly, and parses its JSON.
fn layers(args: &[&str]) -> Value {
    let mut all = vec!["layers"];
    all.extend_from_slice(args);
    json(&all)
}

fn keys_of(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn sorted(mut keys: Vec<&str>) -> Vec<&str> {
    keys.sort_unstable();
    keys
}

fn number(value: &Value) -> f64 {
    value.as_f64().expect("a number")
}

fn layer_list(report: &Value) -> &Vec<Value> {
    report["layers"].as_array().expect("layers is an array")
}

/// The cs231n experiment (tanh, N(0, 0.01²) weights), shrunk to run fast in a debug build.
const SMALL_TANH: [&str; 14] = [
    "--activation",
    "tanh",
    "--init",
    "normal",
    "--std",
    "0.01",
    "--depth",
    "3",
    "--width",
    "8",
    "--batch",
    "16",
    "--seed",
    "1",
];

#[test]
fn json_has_the_config_the_layers_and_the_snapshot_numbers() {
    let report = layers(&SMALL_TANH);
    assert_eq!(
        keys_of(&report),
        sorted(vec![
            "config",
            "layers",
            "loss",
            "overflow_at",
            "variance_preserving_gain"
        ])
    );
    assert_eq!(
        report["config"],
        serde_json::json!({
            "activation": "tanh", "init": "normal", "std": 0.01, "depth": 3, "width": 8,
            "batch": 16, "input": "normal", "bias": 0.0, "residual": false, "norm": "none",
            "seed": 1
        })
    );
    assert!(report["overflow_at"].is_null());
    // tanh's variance-preserving gain 1/√E[tanh(z)²], z ~ N(0, 1): 1.59253741972283142777
    // (mpmath quadrature at 30 digits, as in tests/lessons_layers.rs); the JSON carries it whole.
    let gain = number(&report["variance_preserving_gain"]);
    assert!((gain - 1.592_537_419_722_831).abs() < 1e-9, "{gain}");
    // The loss is L = ½·mean(a_L²) over the last layer's batch × width outputs (layers/mod.rs),
    // and mean(a²) = std² + mean² for the population moments the report prints beside it, which
    // are computed another way (merged Welford moments): the two agree to rounding.
    let last = &layer_list(&report)[2];
    let (mean, std) = (number(&last["mean"]), number(&last["std"]));
    let (loss, expected) = (number(&report["loss"]), 0.5 * (std * std + mean * mean));
    assert!(
        (loss - expected).abs() <= 1e-12 * expected,
        "loss {loss} vs ½(std² + mean²) = {expected}"
    );

    let all = layer_list(&report);
    assert_eq!(all.len(), 3, "one entry per hidden layer");
    for (i, layer) in all.iter().enumerate() {
        assert_eq!(layer["index"], i + 1, "indices run 1..=depth");
        assert_eq!(
            keys_of(layer),
            sorted(vec![
                "index",
                "mean",
                "std",
                "frac_saturated",
                "frac_zero",
                "dead_units",
                "mean_derivative",
                "pre_mean",
                "pre_std",
                "delta_std",
                "grad_weight_norm",
                "distinct_neurons",
                "theory_variance",
                "histogram",
                "pre_histogram",
                "delta_histogram",
            ])
        );
        for name in ["histogram", "pre_histogram", "delta_histogram"] {
            let histogram = &layer[name];
            assert_eq!(sorted(keys_of(histogram)), ["counts", "edges"]);
            let edges = histogram["edges"].as_array().expect("edges").len();
            let counts = histogram["counts"].as_array().expect("counts");
            assert_eq!(edges, counts.len() + 1, "{name}: n bins have n + 1 edges");
            // Every one of the batch × width finite values falls in some bin.
            let total: u64 = counts.iter().map(|c| c.as_u64().expect("a count")).sum();
            assert_eq!(total, 16 * 8, "{name}");
        }
        // tanh at these tiny inputs is in its linear part: f' = 1 − tanh² is near 1, nothing is
        // saturated, and no unit is exactly zero.
        assert_eq!(number(&layer["frac_saturated"]), 0.0);
        assert_eq!(number(&layer["frac_zero"]), 0.0);
        assert_eq!(layer["dead_units"], 0);
        assert!(number(&layer["mean_derivative"]) > 0.99);
        assert_eq!(layer["distinct_neurons"], 8);
    }
    // Mean-field closed form for the first layer: Var(z₁) = width · σ_w² · E[x²] with
    // x ~ N(0, 1), so 8 · 0.01² · 1 = 8e-4 (tolerance 1e-15, rounding only).
    let first = number(&all[0]["theory_variance"]);
    assert!((first - 8e-4).abs() < 1e-15, "{first}");
}

#[test]
fn the_config_object_is_a_config_file_that_repeats_the_run() {
    let args = [
        "--activation",
        "leaky_relu",
        "--negative-slope",
        "0.2",
        "--init",
        "kaiming_normal",
        "--depth",
        "2",
        "--width",
        "6",
        "--batch",
        "5",
        "--bias",
        "0.1",
        "--input",
        "uniform",
        "--seed",
        "7",
    ];
    let report = layers(&args);
    let config = &report["config"];
    // The activation's parameter and the initialiser's resolved gain (PyTorch's √2 for kaiming)
    // appear under their key names.
    assert_eq!(config["negative-slope"], 0.2);
    assert_eq!(config["init"], "kaiming_normal");
    assert_eq!(number(&config["gain"]), 2f64.sqrt());
    assert_eq!(config["input"], "uniform");
    let path = temp_path("config.json");
    std::fs::write(&path, config.to_string()).expect("the temp file is writable");
    let again = layers(&["--config", path.to_str().expect("a UTF-8 path")]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(again, report);
}

#[test]
fn the_network_uses_the_first_activation_as_the_page_does() {
    let report = layers(&["--activation", "relu,tanh", "--depth", "1", "--width", "4"]);
    assert_eq!(report["config"]["activation"], "relu");
}

#[test]
fn zeros_init_leaves_one_distinct_neuron() {
    let report = layers(&[
        "--activation",
        "tanh",
        "--init",
        "zeros",
        "--depth",
        "4",
        "--width",
        "8",
        "--batch",
        "4",
    ]);
    assert_eq!(report["config"]["init"], "zeros");
    for layer in layer_list(&report) {
        // Every weight is 0, so every unit outputs tanh(0) = 0: one neuron repeated 8 times.
        assert_eq!(layer["distinct_neurons"], 1, "layer {}", layer["index"]);
        assert_eq!(number(&layer["frac_zero"]), 1.0);
        // And for every example: all 8 units are dead.
        assert_eq!(layer["dead_units"], 8);
        assert_eq!(number(&layer["grad_weight_norm"]), 0.0);
    }
}

#[test]
fn overflow_is_a_state_with_the_layers_before_it() {
    // Identity with N(0, 10²) weights multiplies the spread by √64 · 10 = 80 per layer, so with
    // N(0, 1) inputs z_l has std 80^l: 80¹⁹ = 1.4e36 would need a 236σ value to pass f32's
    // max 3.4e38, while 80²¹ = 9.2e39 is past it at 1σ. Layer 20 (std 1.15e38) overflows when
    // the largest of its 8 × 64 values is beyond 2.95σ, as it is for most draws (for 512
    // Gaussian values, about 4 in 5), else layer 21 does: k ∈ {20, 21}. (The finite width
    // moves 80^l by a factor ~1.5 after 20 layers, which does not bring 19 or 22 into reach.)
    let report = layers(&[
        "--activation",
        "identity",
        "--init",
        "normal",
        "--std",
        "10",
        "--depth",
        "64",
        "--width",
        "64",
        "--batch",
        "8",
    ]);
    let k = report["overflow_at"]
        .as_u64()
        .expect("overflow_at is a number");
    assert!((20..=21).contains(&k), "{k}");
    let all = layer_list(&report);
    assert_eq!(all.len() as u64, k - 1, "the layers before the overflow");
    for (i, layer) in all.iter().enumerate() {
        assert_eq!(layer["index"], i + 1);
    }
    assert!(report["loss"].is_null());
}

#[test]
fn svg_draws_the_layers_view_into_the_file() {
    for panel in ["activations", "pre-activations", "deltas"] {
        let path = temp_path(&format!("{panel}.svg"));
        let file = path.to_str().expect("a UTF-8 path");
        let output = actlab(&[
            "layers",
            "--activation",
            "tanh",
            "--depth",
            "3",
            "--width",
            "8",
            "--batch",
            "16",
            "--histograms",
            panel,
            "--format",
            "svg",
            "--out",
            file,
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(output.stdout.is_empty() && output.stderr.is_empty());
        let svg = std::fs::read_to_string(&path).expect("the SVG was written");
        let _ = std::fs::remove_file(&path);
        assert!(
            svg.starts_with("<svg width=\"1200\" height=\"900\""),
            "{panel}"
        );
        assert!(svg.trim_end().ends_with("</svg>"), "{panel}");
    }
}

#[test]
fn bad_keys_and_values_get_the_key_tables_sentences() {
    assert_input_error(
        &["layers", "--init", "xavier"],
        "unknown init \"xavier\" (expected one of: zeros, constant, normal, uniform, \
         xavier_normal, xavier_uniform, kaiming_normal, kaiming_uniform, lecun_normal, orthogonal)",
    );
    // 4096 · 1024 · 64 = 268435456.
    assert_input_error(
        &[
            "layers", "--batch", "4096", "--width", "1024", "--depth", "64",
        ],
        "batch × width × depth = 4096 × 1024 × 64 = 268435456 values is over the memory budget \
         of 12000000 (about 150 MB): lower batch, width or depth",
    );
    assert_input_error(
        &["layers", "--depth", "65"],
        "depth must be an integer in 1..=64, got 65",
    );
    assert_input_error(
        &["layers", "--activation", "softmax"],
        "softmax is vector-valued and has its own view (view=softmax), not a curve",
    );
}

#[test]
fn flag_mistakes() {
    assert_input_error(
        &["layers", "--format", "csv"],
        "unknown format \"csv\" (expected one of: json, svg)",
    );
    assert_input_error(
        &["layers", "--format", "svg"],
        "svg output needs --out FILE",
    );
    assert_input_error(&["layers", "--x=1"], "--x does not apply to actlab layers");
}

#[test]
fn the_view_is_always_layers() {
    // The view decides the default initialiser: N(0, std) for the layers lesson, even if a config
    // file or flag names another view (training's Xavier-uniform would hide the failure the
    // lesson starts from), as `actlab train` is always the training view.
    let report = layers(&[
        "--view", "train", "--depth", "2", "--width", "4", "--batch", "8",
    ]);
    assert_eq!(report["config"]["init"], "normal");
    assert_eq!(report["config"]["std"], 0.01);
}

#[test]
fn help_describes_the_command() {
    let output = actlab(&["layers", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains(
        "actlab layers [--config FILE.json] [--KEY VALUE ...] [--format json|svg] [--out FILE]"
    ));
    for key in ["--init ", "--histograms ", "--width ", "--seed "] {
        assert!(text.contains(key), "{key}");
    }
    let general = String::from_utf8(actlab(&["--help"]).stdout).expect("UTF-8");
    assert!(general.contains("actlab layers"));
}

#[test]
fn svg_is_the_pages_export_byte_for_byte() {
    let path = temp_path("same.svg");
    let file = path.to_str().expect("a UTF-8 path");
    let mut args = vec!["layers"];
    args.extend_from_slice(&SMALL_TANH);
    args.extend_from_slice(&["--histograms", "deltas", "--format", "svg", "--out", file]);
    let output = actlab(&args);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let _ = std::fs::remove_file(&path);
    let query = "view=layers&activation=tanh&init=normal&std=0.01&depth=3&width=8&batch=16\
                 &seed=1&histograms=deltas";
    let config = Config::parse(query).expect("a valid query");
    let page = export::svg(&config, 1200, 900, &Theme::default()).expect("the export");
    assert_eq!(svg, page);
}
