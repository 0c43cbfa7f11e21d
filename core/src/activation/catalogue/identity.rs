//! Identity: f(x) = x, f′(x) = 1. No non-linearity: a stack of such layers is one linear map.

use super::prelude::*;

/// The identity's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "identity",
    aliases: &[],
    params: &[],
    value: |x, _| x,
    derivative: |_, _| 1.0,
    second_derivative: Some(|_, _| 0.0),
    // f′ = 1 whatever the output.
    fast_f32: |_| Some(Fast::Identity),
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape {
            zero_centred: true,
            saturates_left: false,
            ..Shape::rectifier(None, false, Smooth)
        },
        max_slope: |_| (1.0, Where::Everywhere),
        init: |_| ("xavier_normal", Some(1.0)),
    },
    summary: Text {
        en: "f(x) = x: no non-linearity; a stack of such layers is one linear map",
        ko: "f(x) = x: 비선형성이 없어서, 이런 층을 아무리 쌓아도 하나의 선형 변환과 같습니다",
    },
    formula: same("x"),
    derivative_formula: same("1"),
    citation: Text {
        en: "the linear unit of every textbook",
        ko: "교과서의 선형 유닛",
    },
};
