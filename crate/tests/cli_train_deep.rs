//! `actlab train` on a deep network (issue #14): the repeat form, skips and batch norm from the
//! command line, and per-layer statistics per record, with histograms only on request.

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{assert_input_error, json};

const DEEP: [&str; 17] = [
    "train",
    "--residual",
    "--norm",
    "batch",
    "--hidden",
    "16x20",
    "--activation",
    "sigmoid",
    "--dataset",
    "spiral",
    "--steps",
    "40",
    "--record-every",
    "20",
    "--format",
    "json",
    "--seed=3",
];

#[test]
fn a_deep_run_reports_every_hidden_layer_at_every_record() {
    let report = json(&DEEP);
    assert_eq!(report["config"]["hidden"], "16x20");
    assert_eq!(report["config"]["residual"], "true");
    assert_eq!(report["config"]["norm"], "batch");
    let records = report["layers"].as_array().unwrap();
    assert_eq!(records.len(), 3, "steps 0, 20 and 40");
    for (r, layers) in records.iter().enumerate() {
        let layers = layers.as_array().unwrap();
        assert_eq!(layers.len(), 20);
        for layer in layers {
            for key in ["mean", "std", "saturated", "zero", "delta_std"] {
                assert!(layer[key].as_f64().unwrap().is_finite(), "{key}: {layer}");
            }
            let dead = layer["dead"].as_u64().unwrap();
            assert!(dead <= 16);
            assert!(
                layer.get("histogram").is_none(),
                "no histogram unless asked"
            );
            // δ comes from the step before a record: none at step 0.
            assert_eq!(layer["delta_std"].as_f64() == Some(0.0), r == 0, "{layer}");
        }
    }
    // γ and β per hidden unit: 2·16 + 16 + 19·(16·16 + 16) + 16 + 1 weights and biases, then
    // 2 × 320 normalisation parameters.
    let dense = 2 * 16 + 16 + 19 * (16 * 16 + 16) + 16 + 1;
    assert_eq!(report["parameters"], dense + 2 * 320);
}

#[test]
fn histograms_count_every_value_of_the_chosen_kind() {
    let mut args = DEEP.to_vec();
    args.extend(["--histograms", "activations", "--hidden", "8x3"]);
    let report = json(&args);
    let train = (500.0 * 0.5) as u64;
    for layers in report["layers"].as_array().unwrap() {
        for layer in layers.as_array().unwrap() {
            let counts: u64 = layer["histogram"]["counts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_u64().unwrap())
                .sum();
            assert_eq!(counts, train * 8, "every training example × unit: {layer}");
        }
    }
}

#[test]
fn a_bad_repeat_is_an_input_error_with_its_sentence() {
    assert_input_error(
        &["train", "--hidden", "16x0"],
        "hidden entry \"16x0\" is not a repeat: write units x layers, e.g. 16x20 for 20 \
         layers of 16 units, with 1..=64 layers",
    );
}
