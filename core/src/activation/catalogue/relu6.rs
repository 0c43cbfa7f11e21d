//! ReLU6: f(x) = min(max(0, x), 6), f′ = 1 on (0, 6) and 0 elsewhere.

use super::prelude::*;

/// ReLU6's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "relu6",
    aliases: &[],
    params: &[],
    value: |x, _| f::clipped_relu(x, 6.0),
    derivative: |x, _| f::clipped_relu_derivative(x, 6.0),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(0.0, 6.0, true, C0, false),
        max_slope: |_| {
            let between = Where::Interval {
                lo: Some(0.0),
                hi: Some(6.0),
            };
            (1.0, between)
        },
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "min(max(0, x), 6) (MobileNet)",
        ko: "min(max(0, x), 6): 출력을 6에서 자른 ReLU (MobileNet)",
    },
    formula: same("min(max(0, x), 6)"),
    derivative_formula: Text {
        en: "1 if 0 < x < 6 else 0",
        ko: "0 < x < 6이면 1, 아니면 0",
    },
    citation: Text {
        en: "Krizhevsky 2010; Howard et al. 2017 (MobileNets)",
        ko: "Krizhevsky 2010; Howard 외 2017 (MobileNets)",
    },
};
