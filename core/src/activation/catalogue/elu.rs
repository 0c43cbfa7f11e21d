//! ELU: f(x) = x for x > 0, else α(e^x − 1) (via `exp_m1`, precise near 0); f′ = 1 for x > 0,
//! else α·e^x (PyTorch: f′(0) = α).

use super::prelude::*;

/// ELU's entry; `p` = [alpha].
pub(super) const ENTRY: Entry = Entry {
    name: "elu",
    aliases: &[],
    params: &[shared::ALPHA],
    value: |x, p| f::elu(x, p[0]),
    derivative: |x, p| f::elu_derivative(x, p[0]),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |p| Shape::rectifier(Some(-p[0]), false, if p[0] == 1.0 { C1 } else { C0 }),
        // α·e^x peaks at x → 0⁻, where PyTorch's f′(0) = α reaches it.
        max_slope: |p| {
            if p[0] > 1.0 {
                (f::elu_derivative(0.0, p[0]).abs(), Where::Point { x: 0.0 })
            } else {
                (1.0, Where::positive())
            }
        },
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "x for x > 0, else α(e^x − 1) (Clevert et al. 2015)",
        ko: "x > 0이면 x, 아니면 α(e^x − 1): 음수 출력이 평균 활성값을 0 쪽으로 당깁니다 (Clevert 외 2015)",
    },
    formula: Text {
        en: "x if x > 0 else α(e^x − 1)",
        ko: "x > 0이면 x, 아니면 α(e^x − 1)",
    },
    derivative_formula: Text {
        en: "1 if x > 0 else α·e^x",
        ko: "x > 0이면 1, 아니면 α·e^x",
    },
    citation: Text {
        en: "Clevert, Unterthiner & Hochreiter 2015",
        ko: "Clevert, Unterthiner & Hochreiter 2015",
    },
};
