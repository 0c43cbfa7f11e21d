//! PReLU: the leaky ReLU whose slope s is learned in training; f = x for x > 0, else s·x, and
//! ∂f/∂s = x for x ≤ 0 (PyTorch's convention: the slope at 0 is s).

use super::prelude::*;

/// (f, f′) and ∂f/∂s.
fn gradient(x: f64, p: &[f64], dp: &mut [f64]) -> (f64, f64) {
    if x > 0.0 {
        dp[0] = 0.0;
        (x, 1.0)
    } else {
        dp[0] = x;
        (p[0] * x, p[0])
    }
}

/// PReLU's entry; `p` = [negative_slope].
pub(super) const ENTRY: Entry = Entry {
    name: "prelu",
    aliases: &[],
    params: &[shared::negative_slope(0.25).learned()],
    value: |x, p| f::leaky_relu(x, p[0]),
    derivative: |x, p| f::leaky_relu_derivative(x, p[0]),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: Some(Learn {
        names: |_| vec!["slope".into()],
        gradient,
    }),
    facts: super::leaky_relu::FACTS,
    summary: Text {
        en: "leaky ReLU whose slope is learned in training (He et al. 2015)",
        ko: "음수 구간의 계수를 학습으로 정하는 leaky ReLU (He 외 2015)",
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
        en: "He, Zhang, Ren & Sun 2015 (Delving deep into rectifiers)",
        ko: "He, Zhang, Ren & Sun 2015 (Delving deep into rectifiers)",
    },
};
