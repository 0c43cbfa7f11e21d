//! GELU, exact: f(x) = x·Φ(x) = ½·x·erfc(−x/√2), f′(x) = Φ(x) + x·φ(x). `erfc` keeps the left
//! tail accurate where `1 + erf` would cancel to zero.

use super::prelude::*;
use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

fn value(x: f64, _: &[f64]) -> f64 {
    0.5 * x * libm::erfc(-x * FRAC_1_SQRT_2)
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    let cdf = 0.5 * libm::erfc(-x * FRAC_1_SQRT_2);
    let pdf = (-0.5 * x * x).exp() * (FRAC_2_SQRT_PI * FRAC_1_SQRT_2 * 0.5);
    // x·φ(x) is 0·∞-free: φ underflows to 0 long before x could overflow.
    cdf + x * pdf
}

/// GELU's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "gelu",
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
        en: "x·Φ(x), exact with erf (Hendrycks & Gimpel 2016)",
        ko: "x·Φ(x): 입력에 표준정규분포의 누적분포함수 값을 곱하며, erf로 정확히 계산합니다 (Hendrycks & Gimpel 2016)",
    },
    formula: same("x·Φ(x)"),
    derivative_formula: same("Φ(x) + x·φ(x)"),
    citation: Text {
        en: "Hendrycks & Gimpel 2016 (Gaussian error linear units)",
        ko: "Hendrycks & Gimpel 2016 (Gaussian error linear units)",
    },
};
