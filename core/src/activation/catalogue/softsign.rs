//! Softsign: f(x) = x/(1 + |x|), f′(x) = 1/(1 + |x|)².

use super::prelude::*;

fn derivative(x: f64, _: &[f64]) -> f64 {
    let d = 1.0 + x.abs();
    1.0 / (d * d)
}

/// Softsign's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "softsign",
    aliases: &[],
    params: &[],
    value: |x, _| x / (1.0 + x.abs()),
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(-1.0, 1.0, false, C1, true),
        max_slope: |_| (1.0, Where::Point { x: 0.0 }),
        init: |_| ("xavier_normal", None),
    },
    summary: Text {
        en: "x/(1+|x|): like tanh but with polynomial tails",
        ko: "x/(1+|x|): tanh와 비슷하지만 꼬리가 지수가 아닌 다항식 속도로 포화됩니다",
    },
    formula: same("x/(1 + |x|)"),
    derivative_formula: same("1/(1 + |x|)²"),
    citation: Text {
        en: "Bergstra et al. 2009; Glorot & Bengio 2010",
        ko: "Bergstra 외 2009; Glorot & Bengio 2010",
    },
};
