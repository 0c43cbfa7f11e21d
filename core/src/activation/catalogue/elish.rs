//! ELiSH, the exponential linear squashing function (Basirat & Roth 2018): Swish on the right,
//! an ELU-like dip on the left.
//!
//! f(x) = x·σ(x) for x ≥ 0 and (e^x − 1)·σ(x) for x < 0. On the left it is written in u = e^x:
//! f = (u − 1)·u/(1 + u), f′ = u(u² + 2u − 1)/(1 + u)², f″ = u(u³ + 3u² + 5u − 1)/(1 + u)³, so
//! nothing overflows and `exp_m1` keeps u − 1 precise next to 0. f′ is continuous at 0 (½ on
//! both sides) but f″ jumps there (1 on the left, ½ on the right): C1.

use super::prelude::*;
use std::f64::consts::SQRT_2;

fn value(x: f64, _: &[f64]) -> f64 {
    if x >= 0.0 {
        x * f::sigmoid(x)
    } else {
        let u = x.exp();
        x.exp_m1() * (u / (1.0 + u))
    }
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    if x >= 0.0 {
        f::x_sigmoid_derivative(1.0, 1.0, x)
    } else {
        let u = x.exp();
        u * (u * u + 2.0 * u - 1.0) / ((1.0 + u) * (1.0 + u))
    }
}

fn second_derivative(x: f64, _: &[f64]) -> f64 {
    if x >= 0.0 {
        // (x·σ)″ = σ′·(2 + x(1 − 2σ)) with 1 − 2σ(x) = −tanh(x/2), which does not cancel near 0.
        let slope = f::sigmoid_derivative(x);
        if slope == 0.0 {
            0.0
        } else {
            slope * (2.0 - x * (0.5 * x).tanh())
        }
    } else {
        let u = x.exp();
        let d = 1.0 + u;
        u * (((u + 3.0) * u + 5.0) * u - 1.0) / (d * d * d)
    }
}

/// ELiSH's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "elish",
    aliases: &[],
    params: &[],
    value,
    derivative,
    second_derivative: Some(second_derivative),
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        // f′ = 0 where u² + 2u − 1 = 0, u = √2 − 1, and there f = 2√2 − 3 ≈ −0.1716.
        shape: |_| Shape::dip(2.0 * SQRT_2 - 3.0, C1),
        // On the left |f′| stays below ½; on the right f′ is SiLU's, which peaks near x = 2.4.
        max_slope: |p| {
            let x = golden_max(|x| derivative(x, p), 0.0, 4.0);
            (derivative(x, p).abs(), Where::Point { x })
        },
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "x·σ(x) for x ≥ 0, (e^x − 1)·σ(x) for x < 0: Swish on the right, an ELU-like dip on the left (Basirat & Roth 2018)",
        ko: "x ≥ 0이면 x·σ(x), x < 0이면 (e^x − 1)·σ(x): 오른쪽은 swish이고, 왼쪽은 ELU처럼 음수로 살짝 내려갔다가 0으로 돌아옵니다 (Basirat & Roth 2018)",
    },
    formula: Text {
        en: "x·σ(x) if x ≥ 0 else (e^x − 1)·σ(x)",
        ko: "x ≥ 0이면 x·σ(x), 아니면 (e^x − 1)·σ(x)",
    },
    derivative_formula: Text {
        en: "σ(x) + x·σ(x)σ(−x) if x ≥ 0 else e^x·σ(x) + (e^x − 1)·σ(x)σ(−x)",
        ko: "x ≥ 0이면 σ(x) + x·σ(x)σ(−x), 아니면 e^x·σ(x) + (e^x − 1)·σ(x)σ(−x)",
    },
    citation: Text {
        en: "Basirat & Roth 2018 (The quest for the golden activation function, arXiv:1808.00783); surveyed in Dubey, Singh & Chaudhuri 2022 (arXiv:2109.14545)",
        ko: "Basirat & Roth 2018 (The quest for the golden activation function, arXiv:1808.00783); Dubey, Singh & Chaudhuri 2022의 서베이 (arXiv:2109.14545)",
    },
};
