//! SELU: λ·ELU with α and λ fixed so that activations keep mean 0 and variance 1 through the
//! layers (Klambauer et al. 2017), as PyTorch spells the constants.

use super::prelude::*;

/// SELU's α, from Klambauer et al. (2017), as PyTorch spells it.
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_3;
/// SELU's λ (PyTorch's `scale`).
pub const SELU_SCALE: f64 = 1.050_700_987_355_480_5;

/// SELU's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "selu",
    aliases: &[],
    params: &[],
    value: |x, _| SELU_SCALE * f::elu(x, SELU_ALPHA),
    derivative: |x, _| SELU_SCALE * f::elu_derivative(x, SELU_ALPHA),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::rectifier(Some(-SELU_SCALE * SELU_ALPHA), false, C0),
        // λα·e^x peaks at x → 0⁻, where PyTorch's f′(0) = λα reaches it.
        max_slope: |_| {
            let at_zero = SELU_SCALE * f::elu_derivative(0.0, SELU_ALPHA);
            (at_zero.abs(), Where::Point { x: 0.0 })
        },
        init: |_| ("lecun_normal", Some(0.75)),
    },
    summary: Text {
        en: "λ·ELU with fixed λ ≈ 1.0507, α ≈ 1.6733: self-normalising (Klambauer et al. 2017)",
        ko: "λ ≈ 1.0507, α ≈ 1.6733으로 고정한 λ·ELU: 층을 지나도 평균 0, 분산 1을 스스로 유지합니다 (Klambauer 외 2017)",
    },
    formula: Text {
        en: "λ·(x if x > 0 else α(e^x − 1))",
        ko: "λ·(x > 0이면 x, 아니면 α(e^x − 1))",
    },
    derivative_formula: Text {
        en: "λ if x > 0 else λα·e^x",
        ko: "x > 0이면 λ, 아니면 λα·e^x",
    },
    citation: Text {
        en: "Klambauer, Unterthiner, Mayr & Hochreiter 2017 (Self-normalizing neural networks)",
        ko: "Klambauer, Unterthiner, Mayr & Hochreiter 2017 (Self-normalizing neural networks)",
    },
};
