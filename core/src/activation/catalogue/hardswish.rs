//! Hardswish: f(x) = x·relu6(x + 3)/6; f′ = 0 for x < −3, x/3 + ½ on [−3, 3], 1 for x > 3
//! (PyTorch's convention at ±3).

use super::prelude::*;

fn value(x: f64, _: &[f64]) -> f64 {
    // Dividing the gate before multiplying keeps x·6 from overflowing near f64::MAX.
    x * ((x + 3.0).clamp(0.0, 6.0) / 6.0)
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    if x < -3.0 {
        0.0
    } else if x <= 3.0 {
        x / 3.0 + 0.5
    } else {
        1.0
    }
}

/// Hardswish's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "hardswish",
    aliases: &[],
    params: &[],
    value,
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::dip(-0.375, C0),
        max_slope: |p| (derivative(3.0, p).abs(), Where::Point { x: 3.0 }),
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "x·relu6(x + 3)/6 (MobileNetV3)",
        ko: "x·relu6(x + 3)/6: 구간별 다항식으로 만든 swish (MobileNetV3)",
    },
    formula: same("x·relu6(x + 3)/6"),
    derivative_formula: Text {
        en: "0 if x < −3, x/3 + 1/2 if x ≤ 3, else 1",
        ko: "x < −3이면 0, x ≤ 3이면 x/3 + 1/2, 아니면 1",
    },
    citation: Text {
        en: "Howard et al. 2019 (Searching for MobileNetV3)",
        ko: "Howard 외 2019 (Searching for MobileNetV3)",
    },
};
