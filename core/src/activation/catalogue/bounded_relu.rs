//! Bounded ReLU: f(x) = min(max(0, x), cap), f′ = 1 on (0, cap) and 0 elsewhere.

use super::prelude::*;

/// The bounded ReLU's entry; `p` = [cap].
pub(super) const ENTRY: Entry = Entry {
    name: "bounded_relu",
    aliases: &[],
    params: &[ParamSpec::fixed("cap", 1.0, 0.0, 100.0, 0.1)],
    value: |x, p| f::clipped_relu(x, p[0]),
    derivative: |x, p| f::clipped_relu_derivative(x, p[0]),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |p| Shape::squashing(0.0, p[0], true, C0, false),
        max_slope: |p| {
            let between = Where::Interval {
                lo: Some(0.0),
                hi: Some(p[0]),
            };
            (1.0, between)
        },
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "BReLU, min(max(0, x), cap)",
        ko: "BReLU, min(max(0, x), cap): 출력에 상한을 둔 ReLU",
    },
    formula: same("min(max(0, x), cap)"),
    derivative_formula: Text {
        en: "1 if 0 < x < cap else 0",
        ko: "0 < x < cap이면 1, 아니면 0",
    },
    citation: Text {
        en: "Liew, Khalil-Hani & Bakhteri 2016 (bounded activation functions)",
        ko: "Liew, Khalil-Hani & Bakhteri 2016 (유계 활성화 함수)",
    },
};
