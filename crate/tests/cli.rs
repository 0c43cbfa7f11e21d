//! The `actlab` binary, run as a user would: output shapes, numbers against closed forms, PyTorch
//! and numpy, and every input error's exact sentence and exit status.

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use activation_lab::config::KEYS;
use activation_lab::Kind;
use common::{actlab, assert_input_error, temp_path};
use serde_json::Value;

/// Runs a command that must succeed and returns its stdout.
fn stdout(args: &[&str]) -> String {
    let output = actlab(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "actlab {args:?} failed: {stderr}");
    assert!(
        stderr.is_empty(),
        "actlab {args:?} wrote to stderr: {stderr}"
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("stdout is JSON")
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect()
}

fn keys_of(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The activation list the unknown-name sentence names: the catalogue's own, in its order
/// (tests/config.rs pins the names themselves).
fn activation_names() -> String {
    Kind::ALL.map(Kind::name).join(", ")
}
/// The key list the unknown-key sentence names: the table's own, in its order.
fn key_names() -> String {
    activation_lab::config::KEYS
        .iter()
        .map(|k| k.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn curve_json_for_one_activation_has_exactly_the_documented_keys() {
    let curve = json(&["curve", "--activation", "sigmoid", "--x=0"]);
    assert_eq!(keys_of(&curve), ["activation", "dy", "params", "x", "y"]);
    assert_eq!(curve["activation"], "sigmoid");
    assert_eq!(curve["params"], serde_json::json!({}));
    // Closed forms σ(0) = 1/2 and σ'(0) = σ(0)σ(−0) = 1/4, both exact in binary: tolerance 0.
    assert_eq!(numbers(&curve["x"]), [0.0]);
    assert_eq!(numbers(&curve["y"]), [0.5]);
    assert_eq!(numbers(&curve["dy"]), [0.25]);
}

#[test]
fn relu_at_explicit_points() {
    let curve = json(&["curve", "--activation", "relu", "--x=-1,2"]);
    assert_eq!(numbers(&curve["y"]), [0.0, 2.0]);
    assert_eq!(numbers(&curve["dy"]), [0.0, 1.0]);
}

#[test]
fn second_derivative_adds_d2y_and_both_flag_forms_work() {
    let spaced = [
        "curve",
        "--activation",
        "tanh",
        "--x=0,1",
        "--second-derivative",
        "true",
    ];
    let joined = [
        "curve",
        "--activation=tanh",
        "--x=0,1",
        "--second-derivative=true",
        "--format=json",
    ];
    for args in [&spaced[..], &joined[..]] {
        let curve = json(args);
        assert_eq!(
            keys_of(&curve),
            ["activation", "d2y", "dy", "params", "x", "y"]
        );
        // tanh'' = −2 tanh·sech² (closed form, Python math): 0 at x = 0, −0.63970000844922
        // at x = 1; the CLI's f'' is a central difference, so the tolerance is 1e-6.
        let d2y = numbers(&curve["d2y"]);
        assert!(
            d2y[0].abs() < 1e-9 && (d2y[1] + 0.639_700_008_449_224_6).abs() < 1e-6,
            "{d2y:?}"
        );
    }
}

#[test]
fn several_activations_print_an_array_with_resolved_params() {
    let curves = json(&[
        "curve",
        "--activation",
        "leaky_relu,prelu,apl",
        "--negative-slope",
        "0.2",
        "--hinges",
        "2",
        "--points",
        "5",
    ]);
    let curves = curves.as_array().expect("an array for several activations");
    assert_eq!(curves.len(), 3);
    assert_eq!(
        curves[0]["params"],
        serde_json::json!({"negative-slope": 0.2})
    );
    assert_eq!(
        curves[1]["params"],
        serde_json::json!({"negative-slope": 0.2})
    );
    assert_eq!(
        curves[2]["params"],
        serde_json::json!({"hinges": 2, "a": [0.2, 0.2], "b": [-0.5, 0.5]})
    );
    // The default grid is x-min = −5 .. x-max = 5.
    assert_eq!(numbers(&curves[0]["x"]), [-5.0, -2.5, 0.0, 2.5, 5.0]);
    assert_eq!(numbers(&curves[0]["y"]), [-1.0, -0.5, 0.0, 2.5, 5.0]);
}

#[test]
fn csv_has_a_header_and_one_row_per_point() {
    let text = stdout(&[
        "curve",
        "--activation",
        "relu,tanh",
        "--points",
        "11",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "activation,x,y,dy");
    assert_eq!(lines.len(), 1 + 2 * 11);
    assert_eq!(lines[1], "relu,-5.0,0.0,0.0");
    assert!(lines[12].starts_with("tanh,-5.0,"));

    let text = stdout(&[
        "curve",
        "--activation",
        "relu",
        "--x=3",
        "--format",
        "csv",
        "--second-derivative",
        "true",
    ]);
    assert_eq!(text, "activation,x,y,dy,d2y\nrelu,3.0,3.0,1.0,0.0\n");
}

#[test]
fn svg_is_written_to_the_out_file_with_the_legend() {
    let path = temp_path("curves.svg");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    let printed = stdout(&[
        "curve",
        "--activation",
        "tanh,relu",
        "--at",
        "1",
        "--format",
        "svg",
        "--out",
        path_text,
    ]);
    assert!(printed.is_empty());
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    std::fs::remove_file(&path).ok();
    assert!(svg.contains("<svg"));
    assert!(
        svg.contains("tanh f") && svg.contains("relu f′"),
        "legend labels"
    );
    assert!(svg.contains("width=\"900\"") && svg.contains("height=\"560\""));
}

#[test]
fn json_out_file_and_config_file_with_overriding_flags() {
    let config = temp_path("config.json");
    let out = temp_path("out.json");
    std::fs::write(
        &config,
        r#"{"activation": ["elu", "tanh"], "alpha": 2, "points": 3}"#,
    )
    .unwrap();
    let (config_text, out_text) = (config.to_str().unwrap(), out.to_str().unwrap());
    let printed = stdout(&[
        "curve",
        "--config",
        config_text,
        "--activation",
        "elu",
        "--out",
        out_text,
    ]);
    let curve: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    std::fs::remove_file(&config).ok();
    std::fs::remove_file(&out).ok();
    assert!(printed.is_empty());
    // activation from the flag, alpha and points from the file.
    assert_eq!(curve["activation"], "elu");
    assert_eq!(curve["params"], serde_json::json!({"alpha": 2.0}));
    assert_eq!(numbers(&curve["x"]).len(), 3);
}

#[test]
fn list_has_the_whole_catalogue() {
    let list = json(&["list", "--format", "json"]);
    let entries = list.as_array().expect("an array");
    // Every kind of the catalogue, in its order.
    let names: Vec<&str> = entries.iter().filter_map(|e| e["name"].as_str()).collect();
    assert_eq!(names, Kind::ALL.map(Kind::name));
    for entry in entries {
        assert_eq!(
            keys_of(entry),
            ["formulas", "name", "params", "properties", "summary"]
        );
        assert_eq!(keys_of(&entry["formulas"]), ["df", "f"]);
    }
    let find = |name: &str| entries.iter().find(|e| e["name"] == name).expect(name);
    assert!(find("softmax")["properties"].is_null());
    // PyTorch: torch.nn.init.calculate_gain('relu') = math.sqrt(2.0).
    let gain = find("relu")["properties"]["gain"]
        .as_f64()
        .expect("relu has a gain");
    assert!((gain - std::f64::consts::SQRT_2).abs() < 1e-15, "{gain}");
    assert_eq!(
        find("leaky_relu")["params"],
        serde_json::json!([{
            "key": "negative-slope",
            "default": 0.01,
            "min": 0.0,
            "max": 1.0,
            "step": 0.01,
            "learnable": false
        }])
    );

    let text = stdout(&["list", "--format", "text"]);
    assert_eq!(text.lines().count(), 1 + Kind::ALL.len());
    assert!(text.lines().any(|line| line.starts_with("relu ")));
}

#[test]
fn keys_lists_the_key_table() {
    let keys = json(&["keys"]);
    let names: Vec<&str> = keys
        .as_array()
        .expect("an array")
        .iter()
        .map(|k| k["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, KEYS.iter().map(|k| k.name).collect::<Vec<_>>());
    assert_eq!(keys[0]["help"], KEYS[0].help);
    assert!(stdout(&["keys", "--format", "text"]).contains("x-max"));
}

#[test]
fn softmax_matches_numpy_and_the_gradient_is_p_minus_y() {
    let report = json(&["softmax", "--logits", "1,2,3", "--format", "json"]);
    assert_eq!(
        keys_of(&report),
        [
            "gradient",
            "jacobian",
            "logits",
            "loss",
            "probabilities",
            "target",
            "temperature"
        ]
    );
    // numpy: np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum()
    let expected = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
    let p = numbers(&report["probabilities"]);
    for (got, want) in p.iter().zip(expected) {
        assert!((got - want).abs() < 1e-15, "{got} vs {want}");
    }
    // Target 0 (the default): y = [1, 0, 0], so the gradient is p − y exactly.
    assert_eq!(numbers(&report["gradient"]), [p[0] - 1.0, p[1], p[2]]);
    // Cross-entropy −log p_0 = log(e + e² + e³) − 1 = 2.40760596444438 (Python math.log),
    // tolerance 1e-14.
    let loss = report["loss"].as_f64().expect("a loss");
    assert!((loss - 2.407_605_964_444_38).abs() < 1e-14, "{loss}");
    assert_eq!(report["jacobian"].as_array().map(Vec::len), Some(3));
}

#[test]
fn help_lists_every_command_and_every_key() {
    for args in [
        &["--help"][..],
        &["help"],
        &["curve", "--help"],
        &["help", "curve"],
    ] {
        let text = stdout(args);
        assert!(text.contains("actlab curve"), "{args:?}");
        for key in &KEYS {
            assert!(
                text.contains(&format!("--{} ", key.name)),
                "{args:?} misses --{}",
                key.name
            );
        }
    }
    let text = stdout(&["--help"]);
    for command in ["actlab softmax", "actlab list", "actlab keys"] {
        assert!(text.contains(command));
    }
}

#[test]
fn unknown_activation_and_unknown_flag_use_the_hash_sentences() {
    assert_input_error(
        &["curve", "--activation", "rleu"],
        &format!(
            "unknown activation \"rleu\" (expected one of: {})",
            activation_names()
        ),
    );
    assert_input_error(
        &["curve", "--colour", "0.1"],
        &format!("unknown key \"colour\" (expected one of: {})", key_names()),
    );
}

#[test]
fn bad_values_are_refused_with_the_key_tables_bounds() {
    assert_input_error(
        &["curve", "--alpha", "NaN"],
        "alpha must be a number in (0, 10], got NaN",
    );
    assert_input_error(
        &["curve", "--points", "1000000"],
        "points must be an integer in 2..=100000, got 1000000",
    );
    assert_input_error(
        &["curve", "--beta", "fast"],
        "beta must be a number, got \"fast\"",
    );
    assert_input_error(
        &["curve", "--x-min", "3", "--x-max", "-3"],
        "x-min must be less than x-max, got x-min=3 and x-max=-3",
    );
}

#[test]
fn softmax_is_not_a_curve() {
    assert_input_error(
        &["curve", "--activation", "softmax"],
        "softmax is vector-valued and has its own view (view=softmax), not a curve",
    );
}

#[test]
fn explicit_points_must_be_numbers_on_the_x_axis() {
    assert_input_error(&["curve", "--x=1,abc"], "x must be a number, got \"abc\"");
    // The same bounds as x-min and x-max; NaN and ±inf are outside them.
    let range = "x must be a number in [-1000, 1000]";
    assert_input_error(&["curve", "--x=0,inf"], &format!("{range}, got inf"));
    assert_input_error(&["curve", "--x=NaN"], &format!("{range}, got NaN"));
    assert_input_error(
        &["curve", "--x=-1e308,1e308"],
        &format!("{range}, got -1e308"),
    );
    assert_input_error(
        &["curve", "--x=1", "--points", "9"],
        "--x lists the points itself, so it cannot be combined with --x-min, --x-max or --points",
    );
}

#[test]
fn flag_and_output_mistakes() {
    assert_input_error(&["curve", "--format", "svg"], "svg output needs --out FILE");
    assert_input_error(
        &["curve", "--format", "xml"],
        "unknown format \"xml\" (expected one of: json, csv, svg)",
    );
    assert_input_error(
        &["curve", "--alpha"],
        "--alpha needs a value (--alpha VALUE or --alpha=VALUE)",
    );
    assert_input_error(
        &["curve", "--alpha", "--points", "9"],
        "--alpha needs a value (--alpha VALUE or --alpha=VALUE)",
    );
    assert_input_error(
        &["curve", "relu"],
        "unexpected argument \"relu\" (flags are written --key value or --key=value)",
    );
    assert_input_error(
        &["softmax", "--x=1"],
        "--x does not apply to actlab softmax",
    );
    assert_input_error(
        &["list", "--alpha", "2"],
        "list takes only --format and --out, got --alpha",
    );
    assert_input_error(
        &["softmax", "--logits", "1,2", "--target", "2"],
        "target must name one of the 2 logits (0..=1), got 2",
    );
}

#[test]
fn commands_and_files_that_do_not_exist() {
    assert_input_error(
        &["plot"],
        "unknown command \"plot\" (expected one of: curve, softmax, layers, train, list, keys, help)",
    );
    assert_input_error(
        &[],
        "missing command (expected one of: curve, softmax, layers, train, list, keys, help); try actlab --help",
    );
    let missing = temp_path("missing.json");
    let missing = missing.to_str().unwrap();
    let output = actlab(&["curve", "--config", missing]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.starts_with(&format!(
            "actlab: cannot read --config file \"{missing}\": "
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);

    let broken = temp_path("broken.json");
    std::fs::write(&broken, "[1, 2]").unwrap();
    let broken_text = broken.to_str().unwrap().to_string();
    let output = actlab(&["curve", "--config", &broken_text]);
    std::fs::remove_file(&broken).ok();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "actlab: {broken_text} must hold a JSON object of key: value, like {{\"x-max\": 8}}\n"
        )
    );

    let bad = temp_path("bad.json");
    std::fs::write(&bad, r#"{"depth": 500}"#).unwrap();
    let bad_text = bad.to_str().unwrap().to_string();
    let output = actlab(&["curve", "--config", &bad_text]);
    std::fs::remove_file(&bad).ok();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("actlab: {bad_text}: depth must be an integer in 1..=64, got 500\n")
    );
}

#[test]
fn an_unwritable_out_file_is_exit_status_1() {
    let output = actlab(&["curve", "--out", "/nonexistent-actlab-dir/out.json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.starts_with("actlab: cannot write \"/nonexistent-actlab-dir/out.json\": "),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn svg_survives_a_single_point_and_the_ends_of_the_axis() {
    for (name, x) in [("one.svg", "--x=1"), ("ends.svg", "--x=-1000,1000")] {
        let path = temp_path(name);
        let path_text = path.to_str().expect("a UTF-8 temp path");
        stdout(&[
            "curve",
            "--activation",
            "apl,selu",
            x,
            "--format",
            "svg",
            "--out",
            path_text,
        ]);
        let svg = std::fs::read_to_string(&path).expect("the SVG was written");
        std::fs::remove_file(&path).ok();
        assert!(svg.contains("</svg>"), "{x}");
    }
}
