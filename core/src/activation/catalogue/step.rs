//! Binary step: f(x) = [x ≥ 0], f′ = 0 everywhere (PyTorch's autograd gives 0 at the jump too),
//! so gradient descent gets no signal through it.

use super::prelude::*;

/// The binary step's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "step",
    aliases: &[],
    params: &[],
    value: |x, _| if x >= 0.0 { 1.0 } else { 0.0 },
    derivative: |_, _| 0.0,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(0.0, 1.0, true, Discontinuous, false),
        max_slope: |_| (0.0, Where::Everywhere),
        init: |_| ("none", None),
    },
    summary: Text {
        en: "binary step, f(x) = [x ≥ 0]: f' = 0 everywhere, so gradient descent gets no signal",
        ko: "계단 함수 f(x) = [x ≥ 0]: 미분값이 어디서나 0이라 경사 하강법에 아무 신호도 전하지 못합니다",
    },
    formula: Text {
        en: "1 if x ≥ 0 else 0",
        ko: "x ≥ 0이면 1, 아니면 0",
    },
    derivative_formula: same("0"),
    citation: Text {
        en: "McCulloch & Pitts 1943 (threshold unit); Rosenblatt 1958 (perceptron)",
        ko: "McCulloch & Pitts 1943 (임계값 유닛); Rosenblatt 1958 (퍼셉트론)",
    },
};
