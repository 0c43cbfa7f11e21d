//! `activation=custom` through the one key table: the link round-trips a formula exactly, the
//! rules across keys (custom at most once, custom needs a formula, every parameter a value)
//! give their sentences, and the CLI's curve, layers and train commands run a formula.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use activation_lab::{Activation, Config, Kind};

/// encodeURIComponent, as the page writes a hash a user typed into the formula box.
fn encode_uri_component(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn a_formula_round_trips_through_the_link_exactly() {
    for formula in [
        "x*tanh(softplus(x))",
        "x^2/(1 + abs(x)) * k - 2e-3",
        "max(0, x) + a*min(0, expm1(x))",
        "x + +x - -x",
        "sigmoid(k*x)^(1/2) & = # %",
    ] {
        let query = format!(
            "activation=mish,custom&formula={}&formula-params=k:1.5,a:-0.25",
            encode_uri_component(formula)
        );
        let parsed = Config::parse(&query);
        // The last formula has characters the grammar refuses: its sentence names the column.
        if formula.contains('&') {
            let error = parsed.expect_err("refused");
            assert_eq!(error.code(), "formula");
            assert_eq!(
                error.to_string(),
                "unexpected '&' at column 20 of the formula"
            );
            continue;
        }
        let config = parsed.expect(formula);
        assert_eq!(config.get("formula").unwrap(), formula);
        let canonical = config.to_query();
        let again = Config::parse(&canonical).expect(&canonical);
        assert_eq!(again.get("formula").unwrap(), formula, "{canonical}");
        assert_eq!(again, config, "{canonical}");
        // `+` in a link reads as a space, so the canonical query must not carry one bare.
        assert!(!canonical.contains('+'), "{canonical}");
    }
}

#[test]
fn custom_follows_the_rules_across_keys() {
    let error = Config::parse("activation=custom,tanh,custom&formula=x").unwrap_err();
    assert_eq!(error.to_string(), "activation lists custom twice");
    let error = Config::parse("activation=custom").unwrap_err();
    assert_eq!(
        error.to_string(),
        "activation=custom needs a formula in x, e.g. formula=x*sigmoid(x)"
    );
    assert_eq!(error.keys(), vec!["activation", "formula"]);
    let error = Config::parse("activation=custom&formula=x*sigmoid(k*x)").unwrap_err();
    assert_eq!(
        error.to_string(),
        "parameter 'k' has no value: give it in formula-params, e.g. formula-params=k:1"
    );
    let error =
        Config::parse(&format!("formula={}", encode_uri_component("x*(x+1))"))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "unexpected ')' at column 8 of the formula"
    );
    let long = "x+".repeat(100) + "x";
    let error = Config::parse(&format!("formula={long}")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the formula has 201 characters; at most 200 are allowed"
    );
    // A formula set without custom selected is kept for later and harms nothing.
    let config = Config::parse("activation=relu&formula=x*x").unwrap();
    assert_eq!(config.resolved_activations().unwrap().len(), 1);
}

#[test]
fn a_custom_activation_resolves_with_its_parameters() {
    let config =
        Config::parse("activation=custom&formula=x*sigmoid(k*x)&formula-params=k:2").unwrap();
    let resolved = config.resolved_activations().unwrap();
    let Activation::Custom(custom) = &resolved[0] else {
        panic!("not custom");
    };
    assert_eq!(custom.values(), &[2.0]);
    assert_eq!(resolved[0].kind(), Kind::Custom);
    // x·σ(2x) at x = 1: σ(2) = 1/(1 + e^−2), and f′ = σ(2) + 2σ(2)σ(−2).
    let s = 1.0 / (1.0 + (-2.0f64).exp());
    assert_eq!(resolved[0].value(1.0), s);
    let d = resolved[0].derivative(1.0);
    assert!((d - (s + 2.0 * s * (1.0 - s))).abs() < 1e-15, "{d}");
}

#[test]
fn the_cli_runs_a_formula_in_every_command() {
    let curve = common::json(&[
        "curve",
        "--activation",
        "swish,custom",
        "--formula",
        "x*sigmoid(x)",
        "--x",
        "-2,0.5,3",
    ]);
    let runs = curve.as_array().unwrap();
    assert_eq!(runs[1]["activation"], "custom");
    for key in ["y", "dy"] {
        let (a, b) = (
            common::numbers(&runs[0][key]),
            common::numbers(&runs[1][key]),
        );
        for (a, b) in a.iter().zip(&b) {
            assert!(
                (a - b).abs() <= 1e-15 * a.abs().max(1.0),
                "{key}: {a} vs {b}"
            );
        }
    }
    let layers = common::json(&[
        "layers",
        "--activation",
        "custom",
        "--formula",
        "tanh(x)",
        "--depth",
        "3",
        "--width",
        "40",
        "--batch",
        "40",
    ]);
    assert_eq!(layers["layers"].as_array().unwrap().len(), 3);
    let train = common::json(&[
        "train",
        "--activation",
        "custom",
        "--formula",
        "x*tanh(softplus(x))",
        "--steps",
        "20",
        "--record-every",
        "10",
    ]);
    assert!(train["runs"][0]["diverged_at"].is_null());
    common::assert_input_error(
        &["curve", "--activation", "custom", "--formula", "sin(x))+1"],
        "unexpected ')' at column 7 of the formula",
    );
    common::assert_input_error(
        &["curve", "--activation", "custom"],
        "activation=custom needs a formula in x, e.g. formula=x*sigmoid(x)",
    );
}
