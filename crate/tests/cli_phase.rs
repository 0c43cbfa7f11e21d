//! `actlab phase`, run as a user would: the point's numbers against the mpmath fixture
//! (`fixtures/gen_phase_reference.py`), the map's shape and closed forms, the SVG, and the
//! sentence for bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{assert_input_error, json, sorted_keys, temp_path};
use serde_json::Value;

fn number(value: &Value) -> f64 {
    value.as_f64().expect("a number")
}

#[test]
fn the_point_matches_mpmath() {
    let report = json(&[
        "phase",
        "--activation",
        "tanh",
        "--bias-std",
        "0.2236",
        "--gain",
        "1.2",
        "--format",
        "json",
    ]);
    assert_eq!(
        sorted_keys(&report),
        [
            "activation",
            "bias_std",
            "chi1",
            "critical_gain",
            "gain",
            "q_star",
            "xi"
        ]
    );
    // mpmath, 20 digits: q* = 0.38573909717389…, χ₁ = 0.92242722049929….
    assert!((number(&report["q_star"]) - 0.385_739_097_173_899_1).abs() < 1e-6);
    assert!((number(&report["chi1"]) - 0.922_427_220_499_291_3).abs() < 1e-6);
    assert!((number(&report["xi"]) + 1.0 / 0.922_427_220_499_291_3f64.ln()).abs() < 1e-4);
    // σ_b² = 0.05 (0.2236² = 0.04999696): Schoenholz et al. 2017 Fig. 1, σ_w² ≈ 1.76.
    assert!((number(&report["critical_gain"]).powi(2) - 1.76).abs() < 0.02);
}

#[test]
fn the_map_has_the_relu_line_at_root_two_and_measured_cells() {
    let report = json(&[
        "phase",
        "--activation",
        "relu",
        "--phase-cells",
        "4",
        "--phase-depth",
        "6",
        "--phase-width",
        "16",
        "--phase-batch",
        "8",
    ]);
    assert_eq!(sorted_keys(&report), ["activation", "cells", "line"]);
    let line = report["line"].as_array().unwrap();
    assert!(line.len() > 10);
    for p in line {
        assert!(
            (number(&p["critical_gain"]) - 2f64.sqrt()).abs() < 1e-9,
            "{p}"
        );
    }
    let cells = report["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 16);
    for cell in cells {
        // χ₁ = σ_w²/2 for ReLU whatever q* (which is null, infinite, past √2).
        let gain = number(&cell["gain"]);
        assert!(
            (number(&cell["chi1"]) - gain * gain / 2.0).abs() < 1e-9,
            "{cell}"
        );
        assert_eq!(cell["q_star"].is_null(), gain > 2f64.sqrt(), "{cell}");
        assert!(cell.get("log10_delta_ratio").is_some());
    }
}

#[test]
fn svg_draws_the_view_and_bad_input_is_one_sentence() {
    let path = temp_path("phase.svg");
    let out = path.to_string_lossy().to_string();
    json_or_svg(&[
        "phase",
        "--activation",
        "tanh",
        "--phase-cells",
        "4",
        "--phase-depth",
        "3",
        "--format",
        "svg",
        "--out",
        &out,
    ]);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("χ₁ = 1") && svg.contains("ordered"));
    let _ = std::fs::remove_file(&path);
    assert_input_error(
        &["phase", "--bias-std", "-1"],
        "bias-std must be a number in [0, 10], got -1",
    );
}

fn json_or_svg(args: &[&str]) {
    let output = common::actlab(args);
    assert!(output.status.success(), "{output:?}");
}
