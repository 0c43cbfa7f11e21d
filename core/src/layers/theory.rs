//! Mean-field theory of signal propagation (Poole et al. 2016; Schoenholz et al. 2017): with
//! i.i.d. zero-mean weights of variance σ_w²/fan_in and biases b, each layer's pre-activation
//! variance follows q_{l+1} = σ_w²·E_{z~N(0,q_l)}[f(z)²] + b². The expectation is taken by
//! quadrature ([`gaussian_expectation`]), so it works for every activation, including ones with
//! no textbook gain.

use crate::activation::Activation;
use std::f64::consts::PI;

/// The most Gauss–Legendre panels on each side of z = 0: bounds the cost when q is large
/// (2048 nodes a side, as many as the trapezoidal rule it replaced).
const MAX_HALF_PANELS: f64 = 256.0;

/// Nodes of each Gauss–Legendre panel: exact for polynomials of degree 15 on a panel.
const PANEL_NODES: usize = 8;

/// The integration range in standard deviations: the Gaussian beyond ±10σ weighs < 2e-23.
const HALF_WIDTH_SIGMAS: f64 = 10.0;

/// Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on the Legendre polynomial
/// P_n (Numerical Recipes `gauleg`); computed, not typed in, so no digit can be mistyped.
fn gauss_legendre<const N: usize>() -> ([f64; N], [f64; N]) {
    let (mut nodes, mut weights) = ([0.0; N], [0.0; N]);
    let n = N as f64;
    for i in 0..N.div_ceil(2) {
        let mut x = (PI * (i as f64 + 0.75) / (n + 0.5)).cos();
        let mut derivative = 1.0;
        for _ in 0..100 {
            // P_n(x) and P_(n−1)(x) by the three-term recurrence.
            let (mut p, mut previous) = (1.0, 0.0);
            for j in 1..=N {
                let j = j as f64;
                (p, previous) = (((2.0 * j - 1.0) * x * p - (j - 1.0) * previous) / j, p);
            }
            derivative = n * (x * p - previous) / (x * x - 1.0);
            let step = p / derivative;
            x -= step;
            if step.abs() < 1e-16 {
                break;
            }
        }
        let weight = 2.0 / ((1.0 - x * x) * derivative * derivative);
        nodes[i] = -x;
        nodes[N - 1 - i] = x;
        weights[i] = weight;
        weights[N - 1 - i] = weight;
    }
    (nodes, weights)
}

/// E_{z~N(0,q)}[g(z)], by composite Gauss–Legendre quadrature over ±10σ.
///
/// The panels resolve both the Gaussian (width ≤ σ: 8 nodes integrate e^(−z²/2σ²) over one σ
/// to ~1e-15) and g's own unit-scale features (width ≤ 1): a rule whose nodes only scale with σ, like Gauss–Hermite, steps over tanh's ±3
/// transition when σ is large and predicts E[tanh(z)²] = 0.9992 for q = 500 instead of 0.9643.
/// The width is a power of two and the panels start at 0, so while it is at most 1 every kink
/// or jump at an integer (relu′'s step at 0, hardtanh's ±1, hardsigmoid's ±3, relu6's 6) is a
/// panel edge, where Gauss–Legendre never evaluates g and keeps its high order (a trapezoidal
/// rule with a node on relu′'s jump is off by half the jump times the step).
pub fn gaussian_expectation(q: f64, g: impl Fn(f64) -> f64) -> f64 {
    if q.is_nan() {
        return f64::NAN;
    }
    let sigma = q.max(0.0).sqrt();
    if sigma == 0.0 {
        return g(0.0);
    }
    if sigma.is_infinite() {
        // The limit of E[g] as q → ∞ for a g with limits at ±∞ (∞ for a growing g), taken at
        // ±f64::MAX so that a form like x·Φ(x) cannot turn into ∞·0 = NaN.
        return 0.5 * (g(-f64::MAX) + g(f64::MAX));
    }
    let (nodes, weights) = gauss_legendre::<PANEL_NODES>();
    let half_width = HALF_WIDTH_SIGMAS * sigma;
    let wanted = (sigma / 2.0).min(0.5).max(half_width / MAX_HALF_PANELS);
    let width = 2f64.powi(wanted.log2().floor() as i32);
    let panels = (half_width / width).ceil() as i64;
    let mut sum = 0.0;
    for k in -panels..panels {
        let centre = (k as f64 + 0.5) * width;
        for (node, weight) in nodes.iter().zip(&weights) {
            let z = centre + 0.5 * width * node;
            sum += weight * g(z) * (-0.5 * (z / sigma).powi(2)).exp();
        }
    }
    sum * 0.5 * width / (sigma * (2.0 * PI).sqrt())
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
        assert!((gaussian_expectation(1.0, |z| z.max(0.0).powi(2)) - 0.5).abs() < 1e-12);
        // E[step(z)] = ½: a jump at 0, on a panel edge.
        let step = gaussian_expectation(3.0, |z| f64::from(u8::from(z > 0.0)));
        assert!((step - 0.5).abs() < 1e-12, "{step}");
    }

    #[test]
    fn quadrature_resolves_tanh_when_the_variance_is_large() {
        // E[tanh(z)²] for z ~ N(0, 500) = 0.964346814785 (mpmath.quad, 30 digits, split at
        // 0, ±1, ±3, ±5σ): the layer-2 variance of the cs231n "W = randn" tanh network.
        let e = gaussian_expectation(500.0, |z| z.tanh().powi(2));
        assert!((e - 0.964_346_814_785).abs() < 1e-9, "{e}");
        // Tiny and infinite variances: a point mass at 0, and the mean of the limits at ±∞.
        assert_eq!(gaussian_expectation(0.0, |z| z.cos()), 1.0);
        assert!((gaussian_expectation(1e-20, |z| z * z) - 1e-20).abs() < 1e-32);
        assert_eq!(
            gaussian_expectation(f64::INFINITY, |z| z.tanh().powi(2)),
            1.0
        );
        // GELU's variance map overflows to ∞ and stays there (it once became NaN, then 0).
        let gelu = Activation::Gelu;
        let q = variance_map(&gelu, 1e5, 0.0, 1.0, 64);
        assert!(q[44..].iter().all(|v| *v == f64::INFINITY), "{q:?}");
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
