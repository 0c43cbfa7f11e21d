//! Swish: f(x) = x·σ(βx), f′(x) = σ(βx) + βx·σ(βx)σ(−βx), ∂f/∂β = x²·σ(βx)σ(−βx). β = 1 is
//! SiLU, which PyTorch calls `silu`.

use super::prelude::*;

fn value(x: f64, p: &[f64]) -> f64 {
    x * f::sigmoid(p[0] * x)
}

fn derivative(x: f64, p: &[f64]) -> f64 {
    f::x_sigmoid_derivative(p[0], p[0], x)
}

/// (f, f′) and ∂f/∂β.
fn gradient(x: f64, p: &[f64], dp: &mut [f64]) -> (f64, f64) {
    let beta = p[0];
    let s = f::sigmoid(beta * x);
    let s_minus = f::sigmoid(-beta * x);
    dp[0] = x * x * s * s_minus;
    (x * s, derivative(x, p))
}

/// Swish's entry; `p` = [beta].
pub(super) const ENTRY: Entry = Entry {
    name: "swish",
    aliases: &["silu"],
    params: &[shared::BETA.learned()],
    value,
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: Some(Learn {
        names: |_| vec!["beta".into()],
        gradient,
    }),
    facts: Facts {
        // x·σ(βx) = g(βx)/β with g the SiLU, so the dip is SiLU's dip scaled by 1/β.
        shape: |p| Shape::dip(minimum(|x| value(x, &[1.0])) / p[0], Smooth),
        max_slope: |p| {
            let x = golden_max(|x| derivative(x, p), 0.0, 4.0 / p[0]);
            (derivative(x, p).abs(), Where::Point { x })
        },
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "x·σ(βx) (Ramachandran et al. 2017); β = 1 is SiLU",
        ko: "x·σ(βx) (Ramachandran 외 2017); β = 1이면 SiLU이고, β → 0이면 x/2, β가 크면 ReLU에 가까워집니다",
    },
    formula: same("x·σ(βx)"),
    derivative_formula: same("σ(βx) + βx·σ(βx)σ(−βx)"),
    citation: Text {
        en: "Ramachandran, Zoph & Le 2017; SiLU: Elfwing, Uchibe & Doya 2017",
        ko: "Ramachandran, Zoph & Le 2017; SiLU: Elfwing, Uchibe & Doya 2017",
    },
};
