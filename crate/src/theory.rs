//! Mean-field theory of signal propagation (Poole et al. 2016; Schoenholz et al. 2017): with
//! i.i.d. zero-mean weights of variance σ_w²/fan_in and biases b, each layer's pre-activation
//! variance follows q_{l+1} = σ_w²·E_{z~N(0,q_l)}[f(z)²] + b². The expectation is taken by
//! Gauss–Hermite quadrature, so it works for every activation, including ones with no
//! textbook gain.

use crate::activation::Activation;
use std::f64::consts::PI;

/// Gauss–Hermite nodes: 96 resolve the kinks of ReLU-like functions to about 1e-4.
const NODES: usize = 96;

/// Nodes and weights of the physicists' Gauss–Hermite rule (∫ e^(−x²) g(x) dx), by Newton's
/// method on the orthonormal Hermite recurrence from the usual asymptotic starting guesses
/// (Numerical Recipes §4.6, `gauher`).
pub fn gauss_hermite(n: usize) -> Vec<(f64, f64)> {
    let mut nodes = vec![(0.0, 0.0); n];
    let pim4 = PI.powf(-0.25);
    let mut z = 0.0f64;
    for i in 0..n.div_ceil(2) {
        z = match i {
            0 => (2.0 * n as f64 + 1.0).sqrt() - 1.855_75 * (2.0 * n as f64 + 1.0).powf(-1.0 / 6.0),
            1 => z - 1.14 * (n as f64).powf(0.426) / z,
            2 => 1.86 * z - 0.86 * nodes[0].0,
            3 => 1.91 * z - 0.91 * nodes[1].0,
            _ => 2.0 * z - nodes[i - 2].0,
        };
        let mut derivative = 0.0;
        for _ in 0..100 {
            let (mut p1, mut p2) = (pim4, 0.0);
            for j in 1..=n {
                let p3 = p2;
                p2 = p1;
                p1 = z * (2.0 / j as f64).sqrt() * p2 - ((j as f64 - 1.0) / j as f64).sqrt() * p3;
            }
            derivative = (2.0 * n as f64).sqrt() * p2;
            let step = p1 / derivative;
            z -= step;
            if step.abs() < 1e-14 {
                break;
            }
        }
        let weight = 2.0 / (derivative * derivative);
        nodes[i] = (z, weight);
        nodes[n - 1 - i] = (-z, weight);
    }
    nodes
}

/// E_{z~N(0,q)}[g(z)].
pub fn gaussian_expectation(q: f64, g: impl Fn(f64) -> f64) -> f64 {
    let scale = (2.0 * q.max(0.0)).sqrt();
    gauss_hermite(NODES)
        .iter()
        .map(|(x, w)| w * g(scale * x))
        .sum::<f64>()
        / PI.sqrt()
}

/// The predicted pre-activation variance of each of `depth` layers.
///
/// `weight_variance` is σ_w² = fan_in·E[w²]; `input_second_moment` is E[x²] of the inputs.
pub fn variance_map(
    activation: &Activation,
    weight_variance: f64,
    bias: f64,
    input_second_moment: f64,
    depth: usize,
) -> Vec<f64> {
    let mut q = weight_variance * input_second_moment + bias * bias;
    let mut out = Vec::with_capacity(depth);
    for _ in 0..depth {
        out.push(q);
        let second_moment = gaussian_expectation(q, |z| activation.value(z).powi(2));
        q = weight_variance * second_moment + bias * bias;
    }
    out
}

/// The gain g for which unit-variance pre-activations stay unit-variance under weights of
/// variance g²/fan_in: g = 1/√E_{z~N(0,1)}[f(z)²]. ReLU gives √2 (He et al.), tanh ≈ 1.59.
pub fn variance_preserving_gain(activation: &Activation) -> Option<f64> {
    let second_moment = gaussian_expectation(1.0, |z| activation.value(z).powi(2));
    (second_moment > 0.0 && second_moment.is_finite()).then(|| 1.0 / second_moment.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrature_reproduces_gaussian_moments() {
        // E[z²] = q, E[z⁴] = 3q² for z ~ N(0, q); E[relu(z)²] = q/2 (closed forms).
        assert!((gaussian_expectation(2.0, |z| z * z) - 2.0).abs() < 1e-12);
        assert!((gaussian_expectation(2.0, |z| z.powi(4)) - 12.0).abs() < 1e-10);
        assert!((gaussian_expectation(1.0, |z| z.max(0.0).powi(2)) - 0.5).abs() < 1e-4);
    }

    #[test]
    fn relu_gain_is_he_and_tanh_gain_is_below_pytorch_five_thirds() {
        let relu = variance_preserving_gain(&Activation::Relu).unwrap_or(f64::NAN);
        assert!((relu - 2f64.sqrt()).abs() < 1e-3, "{relu}");
        // E[tanh(z)²] for z ~ N(0,1) = 0.394294 (numerical integration, scipy.integrate.quad),
        // so the variance-preserving gain is 1/√0.394294 = 1.5925.
        let tanh = variance_preserving_gain(&Activation::Tanh).unwrap_or(f64::NAN);
        assert!((tanh - 1.5925).abs() < 2e-3, "{tanh}");
    }
}
