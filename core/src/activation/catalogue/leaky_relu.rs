//! Leaky ReLU: f(x) = x for x > 0, else s·x; f′ = 1 for x > 0, else s (PyTorch: f′(0) = s).

use super::prelude::*;

/// The card's facts for a slope s, shared with PReLU: slope 0 is ReLU, slope 1 the identity.
pub(super) const FACTS: Facts = Facts {
    shape: |p| {
        let s = p[0];
        if s == 0.0 {
            Shape::rectifier(Some(0.0), true, C0)
        } else {
            Shape {
                zero_centred: s == 1.0,
                saturates_left: false,
                ..Shape::rectifier(None, false, if s == 1.0 { Smooth } else { C0 })
            }
        }
    },
    max_slope: |p| {
        if p[0].abs() > 1.0 {
            let left = Where::Interval {
                lo: None,
                hi: Some(0.0),
            };
            (p[0].abs(), left)
        } else {
            (1.0, Where::positive())
        }
    },
    init: |p| ("kaiming_normal", Some((2.0 / (1.0 + p[0] * p[0])).sqrt())),
};

/// The leaky ReLU's entry; `p` = [negative_slope].
pub(super) const ENTRY: Entry = Entry {
    name: "leaky_relu",
    aliases: &[],
    params: &[shared::negative_slope(0.01)],
    value: |x, p| f::leaky_relu(x, p[0]),
    derivative: |x, p| f::leaky_relu_derivative(x, p[0]),
    second_derivative: None,
    // f′ from the output needs a > 0 ⇔ z > 0, so a positive slope.
    fast_f32: |p| (p[0] > 0.0).then_some(Fast::Leaky(p[0] as f32)),
    default_lists: None,
    learn: None,
    facts: FACTS,
    summary: Text {
        en: "x for x > 0, else negative_slope·x: keeps a small gradient for x < 0",
        ko: "x > 0이면 x, 아니면 negative_slope·x: x < 0에서도 작은 미분값을 남겨 기울기가 흐르게 합니다",
    },
    formula: Text {
        en: "x if x > 0 else s·x",
        ko: "x > 0이면 x, 아니면 s·x",
    },
    derivative_formula: Text {
        en: "1 if x > 0 else s",
        ko: "x > 0이면 1, 아니면 s",
    },
    citation: Text {
        en: "Maas, Hannun & Ng 2013",
        ko: "Maas, Hannun & Ng 2013",
    },
};
