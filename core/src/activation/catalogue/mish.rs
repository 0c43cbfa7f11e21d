//! Mish: f(x) = x·tanh(softplus(x)), f′(x) = tanh(sp(x)) + x·sech²(sp(x))·σ(x).

use super::prelude::*;

/// t = tanh(softplus(x)) and 1 − t², from algebraic forms that neither overflow nor cancel.
///
/// With n = e^2x + 2e^x: t = n/(n + 2) and 1 − t² = (4n + 4)/(n + 2)². For x > 0 both are
/// rewritten in u = e^−x, so nothing grows with x.
fn tanh_softplus(x: f64) -> (f64, f64) {
    if x <= 0.0 {
        let v = x.exp();
        let n = v * (v + 2.0);
        let d = n + 2.0;
        (n / d, (4.0 * n + 4.0) / (d * d))
    } else {
        let u = (-x).exp();
        let d = 1.0 + 2.0 * u + 2.0 * u * u;
        let u2 = u * u;
        (
            (1.0 + 2.0 * u) / d,
            (4.0 * u2 * (1.0 + 2.0 * u) + 4.0 * u2 * u2) / (d * d),
        )
    }
}

fn value(x: f64, _: &[f64]) -> f64 {
    x * tanh_softplus(x).0
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    let (t, sech2) = tanh_softplus(x);
    let tail = sech2 * f::sigmoid(x);
    if tail == 0.0 {
        t
    } else {
        t + x * tail
    }
}

/// Mish's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "mish",
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
        en: "x·tanh(softplus(x)) (Misra 2019)",
        ko: "x·tanh(softplus(x)): swish와 비슷하게 살짝 음수로 내려갔다 올라오는 매끄러운 함수 (Misra 2019)",
    },
    formula: same("x·tanh(softplus(x))"),
    derivative_formula: same("tanh(sp(x)) + x·sech²(sp(x))·σ(x)"),
    citation: Text {
        en: "Misra 2019 (Mish: a self regularized non-monotonic activation function)",
        ko: "Misra 2019 (Mish: a self regularized non-monotonic activation function)",
    },
};
