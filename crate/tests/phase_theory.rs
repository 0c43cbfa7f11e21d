//! The phase view's mean-field theory against theory, not against itself: closed forms (tanh
//! and identity critical at σ_w = 1, ReLU at √2 for every σ_b), Schoenholz et al. 2017 Fig. 1,
//! and q*, χ₁ and the tanh critical line computed independently with mpmath
//! (`fixtures/gen_phase_reference.py`, 20 digits; the line there by a different route: solving
//! for q on σ_b² = q − E[f²]/E[f′²] instead of root-finding σ_w).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use activation_lab::phase::theory::{
    critical_gain, critical_line, fixed_point, point, variance_map,
};
use activation_lab::{Activation, Kind};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/phase_reference.json");

fn activation(name: &str) -> Activation {
    let kind = Kind::from_name(name).expect("a catalogue name");
    activation_lab::Config::default()
        .activation(kind)
        .expect("its defaults")
}

fn number(value: &Value) -> f64 {
    value.as_f64().expect("a number")
}

#[test]
fn quadrature_and_fixed_point_match_mpmath_to_1e_6() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let points = fixture["points"].as_array().unwrap();
    assert!(points.len() >= 10);
    for p in points {
        let f = activation(p["activation"].as_str().unwrap());
        let (gain, bias_std) = (number(&p["gain"]), number(&p["bias_std"]));
        let got = point(&f, gain, bias_std);
        let (q, chi) = (number(&p["q_star"]), number(&p["chi1"]));
        assert!(
            (got.q_star - q).abs() <= 1e-6 * q.max(1.0),
            "{p} q* {}",
            got.q_star
        );
        assert!(
            (got.chi1 - chi).abs() <= 1e-6 * chi.max(1.0),
            "{p} χ₁ {}",
            got.chi1
        );
        assert!(
            (got.xi - 1.0 / chi.ln().abs()).abs() <= 1e-5 * got.xi,
            "{p} ξ {}",
            got.xi
        );
    }
}

#[test]
fn tanh_critical_line_matches_mpmath() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let rows = fixture["critical_tanh"].as_array().unwrap();
    let bias_stds: Vec<f64> = rows
        .iter()
        .map(|r| number(&r["bias_variance"]).sqrt())
        .collect();
    // Traced as a line (each search starting from the last) and one point at a time.
    let line = critical_line(&Activation::Tanh, &bias_stds);
    for (row, traced) in rows.iter().zip(line) {
        let want = number(&row["critical_gain"]);
        let alone = critical_gain(&Activation::Tanh, number(&row["bias_variance"]).sqrt());
        for got in [traced, alone] {
            let got = got.expect("a crossing");
            assert!((got - want).abs() < 1e-6, "{row}: {got}");
        }
    }
}

#[test]
fn schoenholz_2017_figure_1_tanh_curve() {
    // Read off Fig. 1 of Schoenholz et al. 2017 ("Deep information propagation"): the critical
    // line passes σ_b² = 0.05 at σ_w² ≈ 1.76, and starts at σ_w² = 1 for σ_b² = 0.
    let at = |bias_variance: f64| critical_gain(&Activation::Tanh, bias_variance.sqrt()).unwrap();
    assert!(
        (at(0.05).powi(2) - 1.76).abs() < 0.02,
        "{}",
        at(0.05).powi(2)
    );
    assert!((at(0.0) - 1.0).abs() < 1e-6, "{}", at(0.0));
    // The line rises with σ_b: more bias needs more gain to reach chaos.
    let gains: Vec<f64> = [0.0, 0.1, 0.5, 1.0, 2.0].iter().map(|v| at(*v)).collect();
    assert!(gains.windows(2).all(|w| w[0] < w[1]), "{gains:?}");
}

#[test]
fn closed_forms_relu_at_root_two_and_identity_at_one() {
    // E[step(z)²] = ½ whatever q*, so χ₁ = σ_w²/2 and the line is σ_w = √2 for every σ_b.
    for bias_std in [0.0, 0.1, 0.5, 1.0, 1.5] {
        let relu = critical_gain(&Activation::Relu, bias_std).unwrap();
        assert!((relu - 2f64.sqrt()).abs() < 1e-9, "σ_b {bias_std}: {relu}");
        let identity = critical_gain(&activation("identity"), bias_std).unwrap();
        assert!((identity - 1.0).abs() < 1e-9, "σ_b {bias_std}: {identity}");
    }
    // ReLU's fixed point in the ordered phase: q* = σ_b²/(1 − σ_w²/2); none in the chaotic one.
    let q = fixed_point(&Activation::Relu, 1.2, 0.7);
    assert!((q - 0.49 / (1.0 - 0.72)).abs() < 1e-9, "{q}");
    assert_eq!(fixed_point(&Activation::Relu, 1.5, 0.7), f64::INFINITY);
    // Without biases a contracting tanh loses the signal: q* = 0 and χ₁ = σ_w²·tanh′(0)².
    let ordered = point(&Activation::Tanh, 0.9, 0.0);
    assert_eq!(ordered.q_star, 0.0);
    assert!((ordered.chi1 - 0.81).abs() < 1e-12, "{ordered:?}");
}

#[test]
fn the_fixed_point_is_solved_where_iteration_crawls() {
    // Just on the chaotic side of the tanh line at σ_b² = 0.05, iterating q ↦ V(q) from 1
    // converges like (∂V/∂q)^n; the bracketed root is still a fixed point to 1e-12.
    let bias_std = 0.05f64.sqrt();
    let gain = critical_gain(&Activation::Tanh, bias_std).unwrap() * (1.0 + 1e-9);
    let q = fixed_point(&Activation::Tanh, gain, bias_std);
    let residual = variance_map(&Activation::Tanh, gain, bias_std, q) - q;
    assert!(residual.abs() < 1e-12 * q, "{q} {residual}");
    // σ_b = 0, σ_w = 1 + 1e-4: q* ≈ (1 − 1/σ_w²)/2 ≈ 1e-4 (tanh² ≈ z² − ⅔z⁴), where 1000 plain
    // iterations are still 30 % away.
    let (gain, q) = (1.0 + 1e-4, fixed_point(&Activation::Tanh, 1.0 + 1e-4, 0.0));
    let predicted = (1.0 - 1.0 / (gain * gain)) / 2.0;
    assert!(
        (q - predicted).abs() < 1e-3 * predicted,
        "{q} vs {predicted}"
    );
    let mut iterated = 1.0;
    for _ in 0..1000 {
        iterated = variance_map(&Activation::Tanh, gain, 0.0, iterated);
    }
    assert!(iterated > 1.3 * q, "{iterated} vs {q}");
}

#[test]
fn activations_that_never_cross_say_so() {
    // The step function's f′ is 0 almost everywhere, so χ₁ = 0 at every σ_w: no line.
    assert_eq!(critical_gain(&activation("step"), 0.3), None);
}
