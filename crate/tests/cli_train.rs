//! `actlab train`, run as a user would: the issue's example command and its JSON, CSV and SVG,
//! divergence as a result with exit status 0, byte-identical output for a seed, the help text,
//! and the exact sentence and exit status 2 of each input error.

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use activation_lab::render::Theme;
use activation_lab::{export, Config};
use common::{actlab, assert_input_error, json, numbers, quiet, temp_path};
use serde_json::Value;

/// The issue's example (#4): the cs231n 3-class spiral with Adam.
const EXAMPLE: [&str; 19] = [
    "train",
    "--dataset",
    "spiral",
    "--classes",
    "3",
    "--hidden",
    "16,16",
    "--activation",
    "relu",
    "--optimizer",
    "adam",
    "--learning-rate",
    "0.01",
    "--steps",
    "2000",
    "--seed",
    "1",
    "--format",
    "json",
];

#[test]
fn the_issues_example_learns_the_three_class_spiral() {
    let report = json(&EXAMPLE);
    for key in [
        "config",
        "steps",
        "train_loss",
        "test_loss",
        "train_accuracy",
        "test_accuracy",
        "grad_norms",
        "dead_fraction",
        "learned",
        "diverged_at",
        "divergence",
        "steps_to_target",
    ] {
        assert!(report.get(key).is_some(), "no \"{key}\" in {report}");
    }
    let config = &report["config"];
    for (key, value) in [
        ("dataset", "spiral"),
        ("classes", "3"),
        ("hidden", "16,16"),
        ("activation", "relu"),
        ("optimizer", "adam"),
        ("learning-rate", "0.01"),
        ("steps", "2000"),
        ("seed", "1"),
        ("view", "train"),
    ] {
        assert_eq!(config[key], value, "config.{key}");
    }
    let steps = numbers(&report["steps"]);
    let train_loss = numbers(&report["train_loss"]);
    let test_loss = numbers(&report["test_loss"]);
    // Step 0 and every record-every (default 10) steps up to 2000.
    assert_eq!(steps.len(), 201);
    assert_eq!((steps[0], steps[200]), (0.0, 2000.0));
    assert_eq!(train_loss.len(), steps.len());
    assert_eq!(test_loss.len(), steps.len());
    assert_eq!(
        report["dead_fraction"].as_array().map(Vec::len),
        Some(steps.len())
    );
    // An untrained 3-class softmax starts near ln 3 ≈ 1.0986 (closed form) and ends far below.
    assert!((train_loss[0] - 3f64.ln()).abs() < 0.2, "{}", train_loss[0]);
    let last = *train_loss.last().unwrap();
    assert!(
        last < 0.2 * train_loss[0],
        "loss {} → {last}",
        train_loss[0]
    );
    let accuracy = report["test_accuracy"].as_array().unwrap();
    let final_accuracy = accuracy.last().and_then(Value::as_f64).unwrap();
    assert!(final_accuracy > 0.9, "final test accuracy {final_accuracy}");
    assert_eq!(report["diverged_at"], Value::Null);
    assert_eq!(report["divergence"], Value::Null);
    assert_eq!(
        report["learned"],
        serde_json::json!({}),
        "relu learns nothing"
    );
    // Two hidden layers: two dead fractions per record, three gradient norms (with the output).
    assert_eq!(report["dead_fraction"][0].as_array().map(Vec::len), Some(2));
    assert_eq!(report["grad_norms"][0].as_array().map(Vec::len), Some(3));
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let short = ["--steps", "200"];
    let run = |seed: &str| {
        let mut args = EXAMPLE.to_vec();
        args.extend_from_slice(&short);
        args.extend_from_slice(&["--seed", seed]);
        quiet(&args)
    };
    let first = run("1");
    assert_eq!(first, run("1"), "same seed, same JSON");
    assert_ne!(first, run("2"), "the seed matters");
}

#[test]
fn csv_has_a_header_and_a_row_per_run_and_record() {
    let out = quiet(&[
        "train",
        "--dataset",
        "xor",
        "--hidden",
        "4,4",
        "--activation",
        "relu,tanh",
        "--steps",
        "50",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "run,step,train_loss,test_loss,train_accuracy,test_accuracy,\
             grad_norm_1,grad_norm_2,grad_norm_3,dead_1,dead_2"
        )
    );
    let rows: Vec<&str> = lines.collect();
    // Two runs × records at steps 0, 10, …, 50.
    assert_eq!(rows.len(), 2 * 6);
    assert!(rows[0].starts_with("relu,0,") && rows[6].starts_with("tanh,0,"));
    assert!(rows.iter().all(|r| r.split(',').count() == 11), "{rows:?}");
}

#[test]
fn a_race_prints_one_report_per_run() {
    let report = json(&[
        "train",
        "--dataset",
        "circles",
        "--hidden",
        "4",
        "--activation",
        "relu,prelu",
        "--steps",
        "30",
    ]);
    let runs = report["runs"].as_array().expect("runs");
    let labels: Vec<&str> = runs.iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["relu", "prelu"]);
    assert!(
        runs[1]["learned"]["layer1.slope"].is_array(),
        "prelu's slope is recorded"
    );
}

#[test]
fn svg_draws_the_training_view_into_the_file() {
    let path = temp_path("race.svg");
    let output = actlab(&[
        "train",
        "--dataset",
        "xor",
        "--hidden",
        "4",
        "--activation",
        "relu,tanh",
        "--steps",
        "40",
        "--format",
        "svg",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        output.stdout.is_empty() && output.stderr.is_empty(),
        "{output:?}"
    );
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let _ = std::fs::remove_file(&path);
    assert!(svg.starts_with("<svg width=\"1400\" height=\"1000\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    for text in [
        "relu — step 40",
        "tanh — step 40",
        "loss (log scale)",
        "the race",
    ] {
        assert!(svg.contains(text), "{text}");
    }
}

#[test]
fn divergence_is_a_result_with_its_sentence() {
    let diverging = [
        "train",
        "--dataset",
        "sine",
        "--hidden",
        "32,32",
        "--activation",
        "relu",
        "--learning-rate",
        "10",
        "--steps",
        "300",
    ];
    let report = json(&diverging);
    let step = report["diverged_at"]
        .as_u64()
        .expect("diverged_at is a step");
    let sentence = report["divergence"].as_str().expect("the sentence");
    assert!(
        sentence.starts_with(&format!("diverged at step {step}: ")),
        "{sentence}"
    );
    assert!(
        sentence.contains("learning rate 10 is too large"),
        "{sentence}"
    );
    // CSV: the records before it on stdout, the sentence on stderr as a note, still exit 0.
    let mut args = diverging.to_vec();
    args.extend_from_slice(&["--format", "csv"]);
    let output = actlab(&args);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("actlab: note: relu: {sentence}\n")
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("run,step,"));
}

#[test]
fn bad_flags_get_the_key_tables_sentences() {
    assert_input_error(
        &["train", "--learning-rate", "0"],
        "learning-rate must be a number in [0.00001, 10], got 0",
    );
    assert_input_error(
        &["train", "--hidden", "0"],
        "hidden must be integers in 1..=64, got 0",
    );
    assert_input_error(
        &["train", "--dataset", "donut"],
        "unknown dataset \"donut\" (expected one of: xor, circles, gaussians, moons, spiral, sine)",
    );
    assert_input_error(
        &["train", "--dataset", "xor", "--classes", "3"],
        "classes=3 needs dataset=spiral or dataset=gaussians: xor has 2 classes",
    );
    assert_input_error(
        &["train", "--format", "png"],
        "unknown format \"png\" (expected one of: json, csv, svg)",
    );
    assert_input_error(&["train", "--format", "svg"], "svg output needs --out FILE");
    assert_input_error(&["train", "--x=1"], "--x does not apply to actlab train");
}

#[test]
fn the_view_is_always_train() {
    // The view decides the default initialiser: Xavier-uniform for training, even if a config
    // file or flag names another view.
    let report = json(&[
        "train",
        "--view",
        "layers",
        "--hidden",
        "2",
        "--steps",
        "1",
        "--activation",
        "relu",
    ]);
    assert_eq!(report["config"]["view"], "train");
    assert_eq!(report["config"]["init"], "xavier_uniform");
}

#[test]
fn help_lists_the_training_keys() {
    let text = String::from_utf8(quiet(&["train", "--help"])).unwrap();
    assert!(text.contains("actlab train [--config FILE.json]"));
    for key in [
        "dataset",
        "classes",
        "samples",
        "noise",
        "test-fraction",
        "hidden",
        "layer-activations",
        "learned",
        "optimizer",
        "learning-rate",
        "batch-size",
        "weight-decay",
        "steps",
        "record-every",
        "target-loss",
        "activation",
        "init",
        "seed",
    ] {
        assert!(text.contains(&format!("\n  --{key} ")), "--{key}");
    }
    assert!(
        !text.contains("\n  --x-max "),
        "curve keys stay out of train's help"
    );
    let all = String::from_utf8(quiet(&["--help"])).unwrap();
    assert!(
        all.contains("actlab train [--config"),
        "actlab --help lists train"
    );
    assert!(
        all.contains("actlab train --dataset spiral --classes 3"),
        "and its example"
    );
}

#[test]
fn svg_is_the_pages_export_byte_for_byte() {
    let path = temp_path("same.svg");
    let file = path.to_str().expect("a UTF-8 path");
    let args = [
        "train",
        "--dataset",
        "xor",
        "--activation",
        "relu,tanh",
        "--hidden",
        "4",
    ];
    let mut all = args.to_vec();
    all.extend_from_slice(&["--steps", "20", "--format", "svg", "--out", file]);
    quiet(&all);
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let _ = std::fs::remove_file(&path);
    let query = "view=train&dataset=xor&activation=relu,tanh&hidden=4&steps=20";
    let config = Config::parse(query).expect("a valid query");
    let page = export::svg(&config, 1400, 1000, &Theme::default()).expect("the export");
    assert_eq!(svg, page);
}

/// Each record's layers carry the sign agreement of a unit's incoming weight gradients: null
/// before the first step, then a share in [½, 1]; after a sigmoid layer, with one example per
/// step, exactly 1 (every input is positive, so each gradient δ_j·a_i has δ_j's sign).
#[test]
fn train_json_has_the_gradient_sign_agreement_per_layer() {
    let report = common::json(&[
        "train",
        "--activation",
        "sigmoid",
        "--hidden",
        "8,8",
        "--batch-size",
        "1",
        "--steps",
        "200",
        "--record-every",
        "50",
    ]);
    let records = report["layers"].as_array().expect("layers per record");
    assert_eq!(records.len(), 5);
    for (r, layers) in records.iter().enumerate() {
        let layers = layers.as_array().expect("hidden layers");
        assert_eq!(layers.len(), 2);
        for (l, layer) in layers.iter().enumerate() {
            let share = &layer["grad_sign_agreement"];
            if r == 0 {
                assert!(share.is_null(), "{layer}");
                continue;
            }
            let share = share.as_f64().expect("a share");
            assert!((0.5..=1.0).contains(&share), "{share}");
            if l == 1 {
                assert_eq!(share, 1.0, "record {r}");
            }
        }
    }
}
