//! CELU: f(x) = x for x > 0, else α(e^(x/α) − 1); f′ = 1 for x > 0, else e^(x/α), continuous at
//! 0 for every α.

use super::prelude::*;

fn value(x: f64, p: &[f64]) -> f64 {
    if x > 0.0 {
        x
    } else {
        p[0] * (x / p[0]).exp_m1()
    }
}

fn derivative(x: f64, p: &[f64]) -> f64 {
    if x > 0.0 {
        1.0
    } else {
        (x / p[0]).exp()
    }
}

/// CELU's entry; `p` = [alpha].
pub(super) const ENTRY: Entry = Entry {
    name: "celu",
    aliases: &[],
    params: &[shared::ALPHA],
    value,
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |p| Shape::rectifier(Some(-p[0]), false, C1),
        max_slope: |_| (1.0, Where::positive()),
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "continuously differentiable ELU, α(e^(x/α) − 1) for x ≤ 0 (Barron 2017)",
        ko: "연속 미분 가능한 ELU, x ≤ 0에서 α(e^(x/α) − 1) (Barron 2017)",
    },
    formula: Text {
        en: "x if x > 0 else α(e^(x/α) − 1)",
        ko: "x > 0이면 x, 아니면 α(e^(x/α) − 1)",
    },
    derivative_formula: Text {
        en: "1 if x > 0 else e^(x/α)",
        ko: "x > 0이면 1, 아니면 e^(x/α)",
    },
    citation: Text {
        en: "Barron 2017 (Continuously differentiable exponential linear units)",
        ko: "Barron 2017 (Continuously differentiable exponential linear units)",
    },
};
