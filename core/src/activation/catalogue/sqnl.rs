//! SQNL, the square non-linearity (Wuraola & Patel 2018): a tanh-like squashing curve made of
//! two parabolas, f(x) = x − x·|x|/4 on [−2, 2] and sign(x) beyond, so f′ = 1 − |x|/2 inside and
//! 0 outside (continuous, 0 at ±2 from both sides), and f″ = −sign(x)/2 inside and 0 outside: f″
//! jumps at 0 and ±2, where it takes the value of the piece on the right, as f′ = 1 − x/2 does
//! for x ≥ 0.

use super::prelude::*;

fn value(x: f64, _: &[f64]) -> f64 {
    if x > 2.0 {
        1.0
    } else if x < -2.0 {
        -1.0
    } else {
        x - x * x.abs() / 4.0
    }
}

fn derivative(x: f64, _: &[f64]) -> f64 {
    if x.abs() > 2.0 {
        0.0
    } else {
        1.0 - x.abs() / 2.0
    }
}

fn second_derivative(x: f64, _: &[f64]) -> f64 {
    if (0.0..2.0).contains(&x) {
        -0.5
    } else if (-2.0..0.0).contains(&x) {
        0.5
    } else {
        0.0
    }
}

/// SQNL's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "sqnl",
    aliases: &[],
    params: &[],
    value,
    derivative,
    second_derivative: Some(second_derivative),
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::squashing(-1.0, 1.0, true, C1, true),
        max_slope: |_| (1.0, Where::Point { x: 0.0 }),
        init: |_| ("xavier_normal", None),
    },
    summary: Text {
        en: "square non-linearity: x ∓ x²/4 on [−2, 2], ±1 beyond; a tanh-like curve from a square alone, cheap to compute (Wuraola & Patel 2018)",
        ko: "제곱 비선형 함수: [−2, 2]에서 x ∓ x²/4, 그 밖에서는 ±1입니다. 제곱 한 번으로 tanh와 비슷한 곡선을 싸게 계산합니다 (Wuraola & Patel 2018)",
    },
    formula: Text {
        en: "x − x·|x|/4 if |x| ≤ 2 else sign(x)",
        ko: "|x| ≤ 2이면 x − x·|x|/4, 아니면 sign(x)",
    },
    derivative_formula: Text {
        en: "1 − |x|/2 if |x| ≤ 2 else 0",
        ko: "|x| ≤ 2이면 1 − |x|/2, 아니면 0",
    },
    citation: Text {
        en: "Wuraola & Patel 2018 (SQNL: a new computationally efficient activation function, IJCNN); surveyed in Dubey, Singh & Chaudhuri 2022 (arXiv:2109.14545)",
        ko: "Wuraola & Patel 2018 (SQNL: a new computationally efficient activation function, IJCNN); Dubey, Singh & Chaudhuri 2022의 서베이 (arXiv:2109.14545)",
    },
};
