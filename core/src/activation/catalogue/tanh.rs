//! Hyperbolic tangent: f(x) = tanh x, f′(x) = sech² x computed from x as 4e^−2|x|/(1 + e^−2|x|)²
//! (no `1 − tanh²` cancellation, no cosh overflow), and f″(x) = −2·tanh(x)·sech²(x).

use super::prelude::*;

/// tanh's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "tanh",
    aliases: &[],
    params: &[],
    value: |x, _| x.tanh(),
    derivative: |x, _| f::tanh_derivative(x),
    second_derivative: Some(|x, _| -2.0 * x.tanh() * f::tanh_derivative(x)),
    // f′ from the output, tanh′ = 1 − a².
    fast_f32: |_| Some(Fast::Tanh),
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(-1.0, 1.0, false, Smooth, true),
        max_slope: |_| (1.0, Where::Point { x: 0.0 }),
        init: |_| ("xavier_normal", Some(5.0 / 3.0)),
    },
    summary: Text {
        en: "tanh(x): zero-centred, saturates on both sides, tanh' ≤ 1",
        ko: "tanh(x): 출력이 0을 중심으로 대칭이지만 |x|가 3쯤부터 양쪽에서 포화되며, 미분값은 1을 넘지 않습니다",
    },
    formula: same("tanh x"),
    derivative_formula: same("sech² x"),
    citation: Text {
        en: "LeCun, Bottou, Orr & Müller 1998 (Efficient BackProp)",
        ko: "LeCun, Bottou, Orr & Müller 1998 (Efficient BackProp)",
    },
};
