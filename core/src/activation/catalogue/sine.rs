//! Sine, the periodic activation of SIREN (Sitzmann et al. 2020): f(x) = sin x, f′ = cos x,
//! f″ = −sin x. SIREN's frequency ω₀ scales the first layer's weights, not the function, so the
//! entry is the plain sine. Its slope never settles in either tail: no saturation, no dead side.

use super::prelude::*;

/// Sine's entry.
pub(super) const ENTRY: Entry = Entry {
    name: "sine",
    aliases: &[],
    params: &[],
    value: |x, _| x.sin(),
    derivative: |x, _| x.cos(),
    second_derivative: Some(|x, _| -x.sin()),
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape {
            monotonic: false,
            saturates_left: false,
            saturates_right: false,
            ..Shape::squashing(-1.0, 1.0, true, Smooth, true)
        },
        // |cos x| = 1 at every multiple of π; x = 0 is the one a learner looks at.
        max_slope: |_| (1.0, Where::Point { x: 0.0 }),
        init: |_| ("xavier_uniform", None),
    },
    summary: Text {
        en: "sin(x), periodic: the activation of SIREN networks, which fit signals and their derivatives (Sitzmann et al. 2020)",
        ko: "sin(x): 주기 함수로, 신호와 그 미분까지 맞추는 SIREN 신경망의 활성화 함수입니다 (Sitzmann 외 2020)",
    },
    formula: same("sin x"),
    derivative_formula: same("cos x"),
    citation: Text {
        en: "Sitzmann, Martel, Bergman, Lindell & Wetzstein 2020 (SIREN, arXiv:2006.09661); surveyed in Dubey, Singh & Chaudhuri 2022 (arXiv:2109.14545)",
        ko: "Sitzmann, Martel, Bergman, Lindell & Wetzstein 2020 (SIREN, arXiv:2006.09661); Dubey, Singh & Chaudhuri 2022의 서베이 (arXiv:2109.14545)",
    },
};
