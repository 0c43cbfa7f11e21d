//! The phase view's measurement against the theory line: on a coarse grid of real 30-layer
//! networks (64 units, 64 samples, the view's defaults), the measured log₁₀ ‖δ₁‖/‖δ_L‖ has the
//! sign of ln χ₁ from mean-field theory wherever the theory is clear of the line, for tanh
//! and ReLU.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use activation_lab::phase::measure::{cell_point, measure_cell, GridSpec};
use activation_lab::phase::theory::point;
use activation_lab::Activation;

fn check(activation: Activation) {
    let spec = GridSpec {
        activation: activation.clone(),
        depth: 30,
        width: 64,
        batch: 64,
        cells: 6,
        seed: 1,
    };
    let (mut ordered, mut chaotic) = (0, 0);
    for index in 0..spec.cells * spec.cells {
        let (gain, bias_std) = cell_point(spec.cells, index);
        let theory = point(&activation, gain, bias_std);
        let cell = measure_cell(&spec, index).unwrap();
        // The theory predicts (L − 1)/2·log₁₀ χ₁; cells within ±0.5 of 0 are too near the
        // line for 64 units to decide.
        let predicted = 29.0 / 2.0 * theory.chi1.log10();
        let Some(measured) = cell.log_ratio else {
            // Only an overflow deep in the chaotic phase may leave a cell without a ratio.
            assert!(cell.overflow_at.is_some() && predicted > 0.0, "{cell:?}");
            continue;
        };
        if predicted.abs() > 0.5 {
            assert_eq!(
                measured > 0.0,
                predicted > 0.0,
                "{} σ_w {gain} σ_b {bias_std}: measured {measured}, theory {predicted}",
                activation.name()
            );
            if predicted > 0.0 {
                chaotic += 1;
            } else {
                ordered += 1;
            }
        }
    }
    assert!(
        ordered >= 6 && chaotic >= 6,
        "{ordered} ordered, {chaotic} chaotic"
    );
}

#[test]
fn tanh_measured_sign_flips_across_the_theory_line() {
    check(Activation::Tanh);
}

#[test]
fn relu_measured_sign_flips_across_the_theory_line() {
    check(Activation::Relu);
}

#[test]
fn biases_follow_bias_std() {
    // σ_b = 0.7 through the one network: the biases' sample std is σ_b (2000 draws: ±3 %).
    use activation_lab::init::Init;
    use activation_lab::network::{Network, NetworkSpec, Norm};
    let network = Network::new(NetworkSpec {
        activation: Activation::Tanh,
        init: Init::LecunNormal { gain: 1.0 },
        depth: 20,
        width: 100,
        batch: 1,
        uniform_input: false,
        bias: 0.0,
        bias_std: 0.7,
        residual: false,
        norm: Norm::None,
        seed: 3,
    })
    .unwrap();
    let biases: Vec<f64> = (0..20)
        .flat_map(|l| network.mlp.biases(l).to_vec())
        .map(f64::from)
        .collect();
    let mean = biases.iter().sum::<f64>() / biases.len() as f64;
    let std = (biases.iter().map(|b| (b - mean).powi(2)).sum::<f64>() / biases.len() as f64).sqrt();
    assert!((std - 0.7).abs() < 0.03 * 0.7 + 0.01, "{std}");
    assert!(mean.abs() < 0.05, "{mean}");
}

#[test]
fn a_cell_reads_what_the_full_backward_pass_gives() {
    // The map's pass computes ∂L/∂W at the two ends only: its ratios must be those of the
    // layers view's whole backward pass (checked by central differences) on the same network.
    use activation_lab::linalg::norm;
    use activation_lab::phase::measure::{cell_network, measure};
    let spec = GridSpec {
        activation: Activation::Tanh,
        depth: 12,
        width: 16,
        batch: 8,
        cells: 4,
        seed: 3,
    };
    for (gain, bias_std) in [(0.8, 0.1), (1.3, 0.4), (2.5, 1.0)] {
        let network = cell_network(&spec, gain, bias_std).unwrap();
        let mut pass = network.forward();
        network.backward(&mut pass, |_, _| {});
        let ends = |v: &[f64]| (v[0] / v[v.len() - 1]).log10();
        let deltas: Vec<f64> = pass.deltas.iter().map(|d| norm(d)).collect();
        let cell = measure(&spec, gain, bias_std).unwrap();
        assert_eq!(cell.log_ratio, Some(ends(&deltas)), "δ at σ_w {gain}");
        assert_eq!(
            cell.weight_log_ratio,
            Some(ends(&pass.grad_weight_norms)),
            "∂L/∂W at σ_w {gain}"
        );
    }
}
