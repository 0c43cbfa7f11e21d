//! Hardtanh: f(x) = clamp(x, −1, 1), f′ = 1 on (−1, 1) and 0 elsewhere (PyTorch: 0 at ±1).

use super::prelude::*;

fn derivative(x: f64, _: &[f64]) -> f64 {
    if x > -1.0 && x < 1.0 {
        1.0
    } else {
        0.0
    }
}

/// Hardtanh's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "hardtanh",
    aliases: &[],
    params: &[],
    value: |x, _| x.clamp(-1.0, 1.0),
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(-1.0, 1.0, true, C0, true),
        max_slope: |_| {
            let between = Where::Interval {
                lo: Some(-1.0),
                hi: Some(1.0),
            };
            (1.0, between)
        },
        init: |_| ("xavier_normal", None),
    },
    summary: Text {
        en: "clamp(x, −1, 1)",
        ko: "clamp(x, −1, 1): tanh를 구간별 선형 함수로 근사한 것",
    },
    formula: same("clamp(x, −1, 1)"),
    derivative_formula: Text {
        en: "1 if −1 < x < 1 else 0",
        ko: "−1 < x < 1이면 1, 아니면 0",
    },
    citation: Text {
        en: "Collobert 2004 (PhD thesis), as PyTorch's hardtanh",
        ko: "Collobert 2004 (박사 학위 논문), PyTorch의 hardtanh",
    },
};
