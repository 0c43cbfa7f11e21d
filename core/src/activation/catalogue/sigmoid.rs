//! Logistic sigmoid: σ(x) = 1/(1 + e^−x), σ′(x) = σ(x)·σ(−x), computed from x (not as σ(1 − σ),
//! which loses every digit where σ rounds to 1), and σ″(x) = σ′(x)·(1 − 2σ(x)) written as
//! −σ′(x)·tanh(x/2), which does not cancel next to 0.

use super::prelude::*;

/// The sigmoid's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "sigmoid",
    aliases: &[],
    params: &[],
    value: |x, _| f::sigmoid(x),
    derivative: |x, _| f::sigmoid_derivative(x),
    second_derivative: Some(|x, _| -f::sigmoid_derivative(x) * (0.5 * x).tanh()),
    // f′ from the output, σ′ = a(1 − a). The layers pass leaves it out (see Fast::for_network).
    fast_f32: |_| Some(Fast::Sigmoid),
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(0.0, 1.0, false, Smooth, false),
        max_slope: |_| (0.25, Where::Point { x: 0.0 }),
        init: |_| ("xavier_normal", Some(1.0)),
    },
    summary: Text {
        en: "logistic σ(x) = 1/(1+e^−x): saturates on both sides, σ' ≤ 0.25",
        ko: "로지스틱 함수 σ(x) = 1/(1+e^−x): 모든 입력을 (0, 1) 범위로 압축하며, 양쪽에서 포화되어 미분값 σ′는 0.25를 넘지 않습니다",
    },
    formula: same("1/(1 + e^−x)"),
    derivative_formula: same("σ(x)·σ(−x)"),
    citation: Text {
        en: "Rumelhart, Hinton & Williams 1986 (backpropagation)",
        ko: "Rumelhart, Hinton & Williams 1986 (역전파)",
    },
};
