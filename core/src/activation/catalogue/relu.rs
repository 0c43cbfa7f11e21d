//! ReLU: f(x) = max(0, x), f′ = [x > 0] (PyTorch: relu′(0) = 0).

use super::prelude::*;

/// ReLU's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "relu",
    aliases: &[],
    params: &[],
    value: |x, _| f::clipped_relu(x, f64::INFINITY),
    derivative: |x, _| f::clipped_relu_derivative(x, f64::INFINITY),
    second_derivative: None,
    // f′ from the output, relu′ = [a > 0].
    fast_f32: |_| Some(Fast::Relu),
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::rectifier(Some(0.0), true, C0),
        max_slope: |_| (1.0, Where::positive()),
        init: |_| ("kaiming_normal", Some(2f64.sqrt())),
    },
    summary: Text {
        en: "max(0, x): no saturation for x > 0, cheap; units can die (f' = 0 for x < 0)",
        ko: "max(0, x): x > 0에서 포화되지 않고 계산이 싸지만, x < 0에서 미분값이 0이라 유닛이 죽을 수 있습니다",
    },
    formula: same("max(0, x)"),
    derivative_formula: Text {
        en: "1 if x > 0 else 0",
        ko: "x > 0이면 1, 아니면 0",
    },
    citation: Text {
        en: "Nair & Hinton 2010; Glorot, Bordes & Bengio 2011",
        ko: "Nair & Hinton 2010; Glorot, Bordes & Bengio 2011",
    },
};
