//! The card of a typed formula, computed numerically (range on the axis, monotonic, zero-centred,
//! max |f′| and where, f′(0), the variance-preserving gain), against closed forms for formulas
//! that restate built-ins. The card samples −10 ≤ x ≤ 10, so "the range on the axis" is f there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use activation_lab::activation::properties::{Properties, Smoothness, Where};
use activation_lab::{Activation, Config};

fn card(formula: &str) -> Properties {
    // In a query `+` is a space, so it is written %2B, as the page's link writes it.
    let query = format!("activation=custom&formula={}", formula.replace('+', "%2B"));
    let config = Config::parse(&query).expect(&query);
    let activations = config.resolved_activations().expect("resolves");
    let [custom @ Activation::Custom(_)] = activations.as_slice() else {
        panic!("{formula} is not a typed formula");
    };
    custom.properties()
}

fn near(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
}

fn at(card: &Properties) -> f64 {
    match &card.max_abs_derivative_at {
        Where::Point { x } => *x,
        other => panic!("a typed formula's max |f′| is at a point, not {other:?}"),
    }
}

/// The root of g on [lo, hi] by bisection (g changes sign there): the test's own solver.
fn root(g: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if (g(mid) < 0.0) == (g(lo) < 0.0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[test]
fn tanh_restated_is_odd_monotonic_with_slope_one_at_zero() {
    let card = card("tanh(x)");
    assert!(card.monotonic && card.zero_centred);
    assert_eq!(card.smoothness, Smoothness::Smooth);
    // On [−10, 10]: ±tanh(10) = ±(1 − 2e⁻²⁰ + …).
    let edge = 1.0 - 2.0 * (-20f64).exp();
    near(card.range_min.unwrap(), -edge, 1e-12, "min f");
    near(card.range_max.unwrap(), edge, 1e-12, "max f");
    near(card.max_abs_derivative, 1.0, 1e-12, "max |f′| = tanh′(0)");
    near(at(&card), 0.0, 1e-6, "where");
    near(card.derivative_at_zero, 1.0, 1e-15, "f′(0)");
    assert!(card.saturates_left && card.saturates_right);
}

#[test]
fn sigmoid_restated_is_not_zero_centred_and_peaks_at_a_quarter() {
    let card = card("sigmoid(x)");
    assert!(card.monotonic && !card.zero_centred);
    near(
        card.range_min.unwrap(),
        1.0 / (1.0 + 10f64.exp()),
        1e-15,
        "min f = σ(−10)",
    );
    near(
        card.range_max.unwrap(),
        1.0 / (1.0 + (-10f64).exp()),
        1e-15,
        "max f = σ(10)",
    );
    near(card.max_abs_derivative, 0.25, 1e-12, "σ′(0) = 1/4");
    near(at(&card), 0.0, 1e-6, "where");
    near(card.derivative_at_zero, 0.25, 1e-15, "f′(0)");
}

#[test]
fn relu_restated_has_a_kink_pytorchs_zero_slope_at_zero_and_gain_root_two() {
    // torch.maximum splits the gradient of a tie in half: max(0, x)′(0) = 1/2, where relu′(0) = 0.
    near(
        card("max(0,x)").derivative_at_zero,
        0.5,
        0.0,
        "maximum′ at a tie",
    );
    let card = card("relu(x)");
    assert!(card.monotonic && !card.zero_centred);
    assert_eq!(card.smoothness, Smoothness::C0);
    near(card.range_min.unwrap(), 0.0, 0.0, "min f");
    near(card.range_max.unwrap(), 10.0, 1e-12, "max f on the axis");
    near(card.max_abs_derivative, 1.0, 0.0, "max |f′|");
    near(
        card.derivative_at_zero,
        0.0,
        0.0,
        "relu′(0) = 0, PyTorch's convention",
    );
    // E[relu(z)²] = 1/2 for z ~ N(0, 1), so the gain is √2 (torch.nn.init.calculate_gain).
    near(card.gain.unwrap(), 2f64.sqrt(), 1e-9, "gain");
}

#[test]
fn identity_restated_has_gain_one_and_softsign_slope_one() {
    near(card("x").gain.unwrap(), 1.0, 1e-9, "E[z²] = 1");
    let softsign = card("x/(1+abs(x))");
    assert!(softsign.monotonic && softsign.zero_centred);
    near(softsign.range_max.unwrap(), 10.0 / 11.0, 1e-15, "f(10)");
    near(softsign.max_abs_derivative, 1.0, 1e-9, "1/(1+|x|)² at 0");
    near(softsign.derivative_at_zero, 1.0, 1e-15, "f′(0)");
}

#[test]
fn swish_restated_is_not_monotonic_and_peaks_where_x_tanh_half_x_is_two() {
    let card = card("x*sigmoid(x)");
    assert!(!card.monotonic && !card.zero_centred);
    // swish″(x) = σ′(x)(2 + x(1 − 2σ(x))) = σ′(x)(2 − x tanh(x/2)): f′ peaks where x tanh(x/2) = 2.
    let peak = root(|x| x * (x / 2.0).tanh() - 2.0, 1.0, 4.0);
    let sigma = 1.0 / (1.0 + (-peak).exp());
    let slope = sigma * (1.0 + peak * (1.0 - sigma));
    near(at(&card), peak, 1e-6, "where");
    near(card.max_abs_derivative, slope, 1e-12, "max |f′| ≈ 1.0998");
    near(card.derivative_at_zero, 0.5, 1e-15, "f′(0) = 1/2");
    // The minimum of swish, −0.2785 at x ≈ −1.2785 (where 1 + x(1 − σ(x)) = 0), as the card's
    // grid (step 0.01) sees it: within f″·h²/8 ≈ 1e-5 above the true minimum.
    let low = root(|x| 1.0 + x * (1.0 - 1.0 / (1.0 + (-x).exp())), -2.0, -1.0);
    let min = low / (1.0 + (-low).exp());
    let got = card.range_min.unwrap();
    assert!(
        got >= min - 1e-15 && got <= min + 2e-5,
        "min f: got {got}, want {min}"
    );
}
