//! LeCun's scaled tanh: f(x) = a·tanh(b·x), f′(x) = a·b·sech²(b·x).

use super::prelude::*;

/// The scaled tanh's entry; `p` = [a, b].
pub(super) const ENTRY: Entry = Entry {
    name: "scaled_tanh",
    aliases: &[],
    params: &[
        ParamSpec::fixed("a", 1.7159, -10.0, 10.0, 0.01),
        ParamSpec::fixed("b", 2.0 / 3.0, -10.0, 10.0, 0.01),
    ],
    value: |x, p| p[0] * (p[1] * x).tanh(),
    derivative: |x, p| p[0] * p[1] * f::tanh_derivative(p[1] * x),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |p| Shape::squashing(-p[0], p[0], false, Smooth, true),
        max_slope: |p| ((p[0] * p[1]).abs(), Where::Point { x: 0.0 }),
        init: |_| ("lecun_normal", None),
    },
    summary: Text {
        en: "LeCun's a·tanh(b·x) with a = 1.7159, b = 2/3 (Efficient BackProp, 1998)",
        ko: "LeCun의 a·tanh(b·x), 기본값 a = 1.7159, b = 2/3 (Efficient BackProp, 1998)",
    },
    formula: same("a·tanh(b·x)"),
    derivative_formula: same("a·b·sech²(b·x)"),
    citation: Text {
        en: "LeCun, Bottou, Orr & Müller 1998 (Efficient BackProp)",
        ko: "LeCun, Bottou, Orr & Müller 1998 (Efficient BackProp)",
    },
};
