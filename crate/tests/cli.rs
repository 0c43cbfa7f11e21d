//! The `actlab` binary, run as a user would: the help text, `list`, `keys` and `softmax` (output
//! shapes, numbers against closed forms, PyTorch and numpy), and every input error's exact
//! sentence and exit status. Each view command has its own file (`cli_curve.rs`,
//! `cli_layers.rs`, `cli_train.rs`).

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use activation_lab::config::KEYS;
use activation_lab::Kind;
use common::{actlab, assert_input_error, json, numbers, sorted_keys, stdout, temp_path};

/// The activation list the unknown-name sentence names: the catalogue's own, in its order
/// (tests/config.rs pins the names themselves).
fn activation_names() -> String {
    // `custom` (a typed formula, issue #15) is a valid name outside the catalogue's list.
    format!("{}, custom", Kind::ALL.map(Kind::name).join(", "))
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
fn list_has_the_whole_catalogue() {
    let list = json(&["list", "--format", "json"]);
    let entries = list.as_array().expect("an array");
    // Every kind of the catalogue, in its order.
    let names: Vec<&str> = entries.iter().filter_map(|e| e["name"].as_str()).collect();
    assert_eq!(names, Kind::ALL.map(Kind::name));
    for entry in entries {
        assert_eq!(
            sorted_keys(entry),
            ["formulas", "name", "params", "properties", "summary"]
        );
        assert_eq!(sorted_keys(&entry["formulas"]), ["df", "f"]);
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
        sorted_keys(&report),
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

/// The usage line's `[--format a|b]` is generated from what the command writes, so it names
/// exactly the formats the command accepts, the first being the default.
#[test]
fn the_usage_line_names_the_formats_each_command_accepts() {
    let expected = [
        ("curve", "json|csv|svg"),
        ("softmax", "json"),
        ("layers", "json|svg"),
        ("train", "json|csv|svg"),
        ("list", "json|text"),
        ("keys", "json|text"),
    ];
    for (command, formats) in expected {
        let text = stdout(&["help", command]);
        let usage: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            usage.contains(&format!("[--format {formats}] [--out FILE]")),
            "actlab help {command}: {usage}"
        );
        assert!(
            usage.contains(&format!("{command}: {}", formats.replace('|', ", "))),
            "actlab help {command} lists its formats under --format"
        );
        assert_input_error(
            &[command, "--format", "xml"],
            &format!(
                "unknown format \"xml\" (expected one of: {})",
                formats.replace('|', ", ")
            ),
        );
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
        "unknown command \"plot\" (expected one of: curve, softmax, layers, train, phase, list, keys, help)",
    );
    assert_input_error(
        &[],
        "missing command (expected one of: curve, softmax, layers, train, phase, list, keys, help); try actlab --help",
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
