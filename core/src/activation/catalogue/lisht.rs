//! LiSHT, the linearly scaled hyperbolic tangent (Roy et al. 2019): f(x) = x·tanh(x),
//! f′(x) = tanh(x) + x·sech²(x), f″(x) = 2·sech²(x)·(1 − x·tanh(x)). sech² is taken from x in
//! its stable form, so no `1 − tanh²` cancels and x·sech² is 0, not NaN, where sech² underflows.

use super::prelude::*;

fn value(x: f64, _: &[f64]) -> f64 {
    x * x.tanh()
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    let sech2 = f::tanh_derivative(x);
    // Dropped when sech² underflows, because then x may be infinite and `inf · 0` is NaN.
    if sech2 == 0.0 {
        x.tanh()
    } else {
        x.tanh() + x * sech2
    }
}

fn second_derivative(x: f64, _: &[f64]) -> f64 {
    let sech2 = f::tanh_derivative(x);
    if sech2 == 0.0 {
        0.0
    } else {
        2.0 * sech2 * (1.0 - x * x.tanh())
    }
}

/// LiSHT's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "lisht",
    aliases: &[],
    params: &[],
    value,
    derivative,
    second_derivative: Some(second_derivative),
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        // Even, with its minimum 0 at x = 0, and f′ → ±1 in the tails: no saturation.
        shape: |_| Shape {
            monotonic: false,
            saturates_left: false,
            ..Shape::rectifier(Some(0.0), true, Smooth)
        },
        // f″ = 0 where x·tanh x = 1, and there f′ = 1/x + x(1 − 1/x²) = x ≈ 1.19968.
        max_slope: |p| {
            let x = golden_max(|x| derivative(x, p), 0.0, 4.0);
            (derivative(x, p).abs(), Where::Point { x })
        },
        init: |_| ("xavier_normal", None),
    },
    summary: Text {
        en: "x·tanh(x): even and unbounded above; f' tends to ±1 in the tails, so gradients do not vanish there, but f'(0) = 0 (Roy et al. 2019)",
        ko: "x·tanh(x): 짝함수이며 위로 유계가 아닙니다. 양쪽 끝에서 미분값이 ±1로 가서 기울기가 사라지지 않지만, x = 0에서는 미분값이 0입니다 (Roy 외 2019)",
    },
    formula: same("x·tanh(x)"),
    derivative_formula: same("tanh(x) + x·sech²(x)"),
    citation: Text {
        en: "Roy, Manna, Dubey & Chaudhuri 2019 (LiSHT, arXiv:1901.05894); surveyed in Dubey, Singh & Chaudhuri 2022 (arXiv:2109.14545)",
        ko: "Roy, Manna, Dubey & Chaudhuri 2019 (LiSHT, arXiv:1901.05894); Dubey, Singh & Chaudhuri 2022의 서베이 (arXiv:2109.14545)",
    },
};
