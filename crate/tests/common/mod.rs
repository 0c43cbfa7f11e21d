//! Helpers shared by the integration tests (each test file includes this with `mod common;`).
#![allow(dead_code, clippy::expect_used)] // Each test file uses only some of them.

use activation_lab::train::model::{LayerActivation, Model};
use activation_lab::Activation;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the built `actlab` binary with these arguments, in English whatever the machine's
/// locale (the CLI speaks Korean under a `ko` locale: tests/cli_lang.rs).
pub fn actlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actlab"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .output()
        .expect("the actlab binary runs")
}

/// Runs `actlab ARGS`, which must succeed quietly (exit status 0, nothing on stderr), and
/// returns its stdout.
pub fn quiet(args: &[&str]) -> Vec<u8> {
    let output = actlab(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "actlab {args:?}: {stderr}");
    assert!(
        stderr.is_empty(),
        "actlab {args:?} wrote to stderr: {stderr}"
    );
    output.stdout
}

/// [`quiet`]'s stdout as text.
pub fn stdout(args: &[&str]) -> String {
    String::from_utf8(quiet(args)).expect("stdout is UTF-8")
}

/// [`quiet`]'s stdout parsed as JSON.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&quiet(args)).expect("stdout is JSON")
}

/// A JSON array of numbers.
pub fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect()
}

/// A JSON object's keys, sorted (serde_json's map keeps them sorted, but the tests should not
/// depend on that).
pub fn sorted_keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// Asserts exit status 2, nothing on stdout, and exactly `actlab: <sentence>` on stderr.
pub fn assert_input_error(args: &[&str], sentence: &str) {
    let output = actlab(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "actlab {args:?}: {stderr}");
    assert_eq!(stderr, format!("actlab: {sentence}\n"), "actlab {args:?}");
    assert!(output.stdout.is_empty(), "actlab {args:?} wrote to stdout");
}

/// A path in the temp directory that no other test run uses (each test binary is its own
/// process, so the process id keeps the binaries apart).
pub fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("actlab-test-{}-{name}", std::process::id()))
}

/// Where f' (or f'') jumps, written down from the definitions (not asked of the code).
pub fn kinks(activation: &Activation) -> Vec<f64> {
    match activation {
        Activation::HardSigmoid | Activation::Hardswish => vec![-3.0, 3.0],
        Activation::Hardtanh => vec![-1.0, 1.0],
        Activation::Relu6 => vec![0.0, 6.0],
        Activation::BoundedRelu { cap } => vec![0.0, *cap],
        Activation::Step
        | Activation::Softsign
        | Activation::Relu
        | Activation::LeakyRelu { .. }
        | Activation::Prelu { .. }
        | Activation::Elu { .. }
        | Activation::Celu { .. }
        | Activation::Selu => vec![0.0],
        Activation::Apl { b, .. } => std::iter::once(0.0).chain(b.iter().copied()).collect(),
        _ => Vec::new(),
    }
}

/// Where each parameter of `model` sits: "W", "b" or the learned parameter's name.
pub fn roles(model: &Model) -> Vec<String> {
    let mut roles = vec![String::new(); model.params.len()];
    for layer in &model.layers {
        for r in &mut roles[layer.weights..layer.weights + layer.fan_in * layer.fan_out] {
            *r = "W".into();
        }
        for r in &mut roles[layer.biases..layer.biases + layer.fan_out] {
            *r = "b".into();
        }
        if let Some(LayerActivation::Learned {
            learnable,
            offset,
            slots,
        }) = &layer.activation
        {
            let names = learnable.names();
            for (k, r) in roles[*offset..offset + slots * names.len()]
                .iter_mut()
                .enumerate()
            {
                *r = names[k % names.len()].clone();
            }
        }
        if let Some(start) = layer.affine {
            let n = layer.fan_out;
            roles[start..start + n].fill("gamma".into());
            roles[start + n..start + 2 * n].fill("beta".into());
        }
    }
    roles
}
