//! Hard sigmoid (PyTorch `hardsigmoid`): f(x) = clamp(x/6 + 1/2, 0, 1), f′ = 1/6 on (−3, 3) and
//! 0 elsewhere (PyTorch: 0 at ±3).

use super::prelude::*;

fn value(x: f64, _: &[f64]) -> f64 {
    (x / 6.0 + 0.5).clamp(0.0, 1.0)
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    if x > -3.0 && x < 3.0 {
        1.0 / 6.0
    } else {
        0.0
    }
}

/// The hard sigmoid's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "hard_sigmoid",
    aliases: &[],
    params: &[],
    value,
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(0.0, 1.0, true, C0, false),
        max_slope: |_| {
            let between = Where::Interval {
                lo: Some(-3.0),
                hi: Some(3.0),
            };
            (1.0 / 6.0, between)
        },
        init: |_| ("xavier_normal", None),
    },
    summary: Text {
        en: "piecewise-linear sigmoid, clamp(x/6 + 1/2, 0, 1)",
        ko: "시그모이드를 구간별 선형 함수로 근사한 것, clamp(x/6 + 1/2, 0, 1)",
    },
    formula: same("clamp(x/6 + 1/2, 0, 1)"),
    derivative_formula: Text {
        en: "1/6 if −3 < x < 3 else 0",
        ko: "−3 < x < 3이면 1/6, 아니면 0",
    },
    citation: Text {
        en: "Howard et al. 2019 (MobileNetV3), as PyTorch's hardsigmoid",
        ko: "Howard 외 2019 (MobileNetV3), PyTorch의 hardsigmoid",
    },
};
