//! Softmax: the one vector-valued activation, p_i = e^(z_i/T) / Σ_j e^(z_j/T). Its numbers live
//! in `crate::softmax`; the entry carries its name, parameter and texts, and no scalar formula.

use super::prelude::*;

/// Softmax has no scalar form; the registry never builds a scalar activation from it, so this
/// is only there to fill the row.
fn not_scalar(_: f64, _: &[f64]) -> f64 {
    f64::NAN
}

/// Softmax's entry; `p` = [temperature].
pub(super) const ENTRY: Entry = Entry {
    name: "softmax",
    aliases: &[],
    params: &[ParamSpec::fixed("temperature", 1.0, 0.01, 100.0, 0.01)],
    value: not_scalar,
    derivative: not_scalar,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(0.0, 1.0, false, Smooth, false),
        max_slope: |_| (f64::NAN, Where::Everywhere),
        init: |_| ("none", None),
    },
    summary: Text {
        en: "vector-valued: p_i = e^(z_i/T) / Σ_j e^(z_j/T)",
        ko: "벡터를 벡터로 보내는 함수: p_i = e^(z_i/T) / Σ_j e^(z_j/T), 합이 1인 확률을 만듭니다",
    },
    formula: same("p_i = e^(z_i/T) / Σ_j e^(z_j/T)"),
    derivative_formula: same("∂p_i/∂z_j = p_i(δ_ij − p_j)/T"),
    citation: Text {
        en: "Bridle 1990 (probabilistic interpretation of network outputs)",
        ko: "Bridle 1990 (신경망 출력의 확률적 해석)",
    },
};
