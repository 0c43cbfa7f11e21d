//! GELU's tanh approximation: f(x) = ½x(1 + tanh u) = x·σ(2u) with u = √(2/π)(x + 0.044715x³);
//! the σ form avoids 1 + tanh cancelling to zero for negative x. f′(x) = σ(2u) + x·2u′·σ(2u)σ(−2u).

use super::prelude::*;
use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

/// √(2/π), the constant of the tanh approximation of GELU.
const SQRT_2_OVER_PI: f64 = FRAC_2_SQRT_PI * FRAC_1_SQRT_2;
/// The cubic coefficient of the tanh approximation (Hendrycks & Gimpel 2016).
const CUBIC: f64 = 0.044_715;

/// The inner argument u(x) and its derivative u′(x).
fn inner(x: f64) -> (f64, f64) {
    let u = SQRT_2_OVER_PI * (x + CUBIC * x * x * x);
    let du = SQRT_2_OVER_PI * (1.0 + 3.0 * CUBIC * x * x);
    (u, du)
}

fn value(x: f64, _: &[f64]) -> f64 {
    x * f::sigmoid(2.0 * inner(x).0)
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    let (u, du) = inner(x);
    let s = f::sigmoid(2.0 * u);
    let ds = f::sigmoid_derivative(2.0 * u);
    // Dropped when σ′ underflows, because then u may be infinite and `inf · 0` is NaN.
    if ds == 0.0 {
        s
    } else {
        s + x * 2.0 * du * ds
    }
}

/// The tanh-GELU's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "gelu_tanh",
    aliases: &[],
    params: &[],
    value,
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |p| Shape::dip(minimum(|x| value(x, p)), Smooth),
        max_slope: |p| {
            let x = golden_max(|x| derivative(x, p), 0.0, 4.0);
            (derivative(x, p).abs(), Where::Point { x })
        },
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "GELU's tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³)))",
        ko: "GELU의 tanh 근사 ½x(1 + tanh(√(2/π)(x + 0.044715x³)))",
    },
    formula: Text {
        en: "x·σ(2u), u = √(2/π)(x + 0.044715x³)",
        ko: "x·σ(2u), 여기서 u = √(2/π)(x + 0.044715x³)",
    },
    derivative_formula: same("σ(2u) + 2x·u'·σ(2u)σ(−2u)"),
    citation: Text {
        en: "Hendrycks & Gimpel 2016 (Gaussian error linear units)",
        ko: "Hendrycks & Gimpel 2016 (Gaussian error linear units)",
    },
};
