//! Softplus with sharpness β: f(x) = (1/β)·log(1 + e^(βx)), written max(x, 0) + softplus(−β|x|)/β
//! so that it never divides a possibly infinite βx by β; f′(x) = σ(βx).

use super::prelude::*;

/// Softplus's entry; `p` = [beta].
pub(super) const ENTRY: Entry = Entry {
    name: "softplus",
    aliases: &[],
    params: &[shared::BETA],
    value: |x, p| x.max(0.0) + f::softplus(-(p[0] * x).abs()) / p[0],
    derivative: |x, p| f::sigmoid(p[0] * x),
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::rectifier(Some(0.0), false, Smooth),
        max_slope: |_| (1.0, Where::AsXGrowsLarge),
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "(1/β)·log(1 + e^(βx)): a smooth ReLU",
        ko: "(1/β)·log(1 + e^(βx)): ReLU를 매끄럽게 만든 함수",
    },
    formula: same("(1/β)·log(1 + e^(βx))"),
    derivative_formula: same("σ(βx)"),
    citation: Text {
        en: "Dugas et al. 2001; Glorot, Bordes & Bengio 2011",
        ko: "Dugas 외 2001; Glorot, Bordes & Bengio 2011",
    },
};
