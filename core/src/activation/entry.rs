//! What one catalogue entry declares: the row type every file in [`super::catalogue`] fills in.
//!
//! An entry is data plus plain functions of `(x, p)`, where `p` holds the activation's
//! parameters in the order its [`ParamSpec`]s list them (APL's lists one after another). The
//! rest of the crate reads entries through [`super::Kind::entry`]; nothing else lists
//! activations.

use super::fast::Fast;
use super::properties::{Shape, Smoothness, Where};
use serde::Serialize;

/// f, f′ or f″ at x, given the parameters.
pub type Formula = fn(x: f64, p: &[f64]) -> f64;

/// (f(x), f′(x)) at x, with ∂f/∂p_i written into `dp` (same length as `p`).
pub type ParamGradient = fn(x: f64, p: &[f64], dp: &mut [f64]) -> (f64, f64);

/// A computation over a learnable activation's (f, f′, ∂f/∂p) rule, run by
/// [`super::Kind::with_gradient`]: generic over the rule, so each activation gets its own compiled
/// copy of the training loop with the rule inlined.
pub trait UseGradient {
    /// What the computation returns.
    type Output;
    /// Runs the computation with `gradient(x, p, dp) = (f(x), f′(x))`, ∂f/∂p_i written to `dp`.
    fn apply(self, gradient: impl Fn(f64, &[f64], &mut [f64]) -> (f64, f64)) -> Self::Output;
}

/// A sentence in the two languages the page speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Korean (the glossary's words: 미분값 for f′, 기울기 for ∂L/∂·, 유닛 for a unit).
    pub ko: &'static str,
}

/// A parameter an activation takes, with its config key, default and slider range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    /// The config key (kebab-case), shared by every activation that takes this parameter.
    pub key: &'static str,
    /// The default for this activation (APL's lists are generated from `hinges`).
    pub default: f64,
    /// The smallest value the slider offers.
    pub min: f64,
    /// The largest value the slider offers.
    pub max: f64,
    /// The slider's step.
    pub step: f64,
    /// Whether the training lab can learn it (`learned=per-layer|per-unit`).
    pub learnable: bool,
}

impl ParamSpec {
    /// A fixed parameter (not learned in training).
    pub const fn fixed(key: &'static str, default: f64, min: f64, max: f64, step: f64) -> Self {
        ParamSpec {
            key,
            default,
            min,
            max,
            step,
            learnable: false,
        }
    }

    /// The same parameter, trained with the weights when the training lab asks for it.
    pub const fn learned(self) -> Self {
        ParamSpec {
            learnable: true,
            ..self
        }
    }
}

/// How the training lab learns an activation's parameters.
#[derive(Clone, Copy, Debug)]
pub struct Learn {
    /// The names of the parameters in `p`'s order, for the training readout, given `p.len()`.
    pub names: fn(count: usize) -> Vec<String>,
    /// (f(x), f′(x)) and ∂f/∂p_i.
    pub gradient: ParamGradient,
}

/// The facts of the properties card that follow from the definition, given the parameters.
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    /// Range, monotonicity, smoothness, zero-centring and saturation.
    pub shape: fn(p: &[f64]) -> Shape,
    /// sup |f′| and where it is reached.
    pub max_slope: fn(p: &[f64]) -> (f64, Where),
    /// The `torch.nn.init` scheme usually paired with it, and `calculate_gain` where PyTorch
    /// defines one.
    pub init: fn(p: &[f64]) -> (&'static str, Option<f64>),
}

/// One activation, declared once.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The canonical name, as PyTorch's functional API spells it.
    pub name: &'static str,
    /// Accepted second spellings (`silu`).
    pub aliases: &'static [&'static str],
    /// The parameters, in the order `p` holds them.
    pub params: &'static [ParamSpec],
    /// f(x), exact and stable for every finite x.
    pub value: Formula,
    /// f′(x), exact, computed from x (not from the output: that loses precision where the
    /// output saturates).
    pub derivative: Formula,
    /// f″(x), exact, where the entry states it; otherwise the curves draw a central difference
    /// of the exact f′.
    pub second_derivative: Option<Formula>,
    /// The f32 kernel of the deep-network and training passes, if any: each [`Fast`] kernel
    /// takes f′ from the output a = f(z) (tanh′ = 1 − a², relu′ = [a > 0]). `None` when the
    /// parameters rule it out (leaky relu with slope ≤ 0) or the entry has none.
    pub fast_f32: fn(p: &[f64]) -> Option<Fast>,
    /// The default flat lists for a list-valued entry (APL) with this many hinges.
    pub default_lists: Option<fn(count: usize) -> Vec<f64>>,
    /// How training learns the parameters, if it can.
    pub learn: Option<Learn>,
    /// The card's declared facts.
    pub facts: Facts,
    /// One line on what the function is.
    pub summary: Text,
    /// f, as the card writes it.
    pub formula: Text,
    /// f′, as the card writes it.
    pub derivative_formula: Text,
    /// Where it comes from.
    pub citation: Text,
}

impl Entry {
    /// The entry as the first-chart module keeps it: that module draws curves and nothing else
    /// (no card, no deep pass), so its entries leave out the texts, the card's facts and the f32
    /// kernel, and with them their code and sentences (English and Korean): 7 KB of its 121 KB
    /// on the wire. One line's facts stand in for every entry's: never read there.
    pub const fn for_first_chart(self) -> Entry {
        const NONE: Text = same("");
        const STAND_IN: Facts = Facts {
            shape: |_| Shape::rectifier(None, false, Smoothness::Smooth),
            max_slope: |_| (1.0, Where::Everywhere),
            init: |_| ("xavier_normal", None),
        };
        Entry {
            summary: NONE,
            formula: NONE,
            derivative_formula: NONE,
            citation: NONE,
            facts: STAND_IN,
            fast_f32: no_fast_path,
            ..self
        }
    }
}

/// No f32 fast path: the exact f64 formulas, rounded to f32.
pub fn no_fast_path(_: &[f64]) -> Option<Fast> {
    None
}

/// The same sentence in both languages (formulas that are pure notation).
pub const fn same(text: &'static str) -> Text {
    Text { en: text, ko: text }
}

/// The catalogue's texts the page shows beside the English ones, for its JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CardTexts {
    /// The summary in Korean.
    pub summary_ko: &'static str,
    /// f in Korean notation.
    pub formula_ko: &'static str,
    /// f′ in Korean notation.
    pub derivative_formula_ko: &'static str,
    /// The source, in English.
    pub citation: &'static str,
    /// The source, in Korean.
    pub citation_ko: &'static str,
}

impl Entry {
    /// The Korean texts and the citations, as extra JSON fields beside the English ones.
    pub fn card_texts(&self) -> CardTexts {
        CardTexts {
            summary_ko: self.summary.ko,
            formula_ko: self.formula.ko,
            derivative_formula_ko: self.derivative_formula.ko,
            citation: self.citation.en,
            citation_ko: self.citation.ko,
        }
    }
}
