//! `activation=custom`: a typed [`Formula`] as a catalogue entry made at run time. The
//! [`Custom`] value carries the compiled formula and its parameters' values; [`ENTRY`] is the
//! kind's fixed row (names, texts), whose per-x functions are never reached, because
//! [`super::Activation`] dispatches a custom activation to its formula; the card's facts are
//! computed numerically ([`Custom::properties`]), since nothing about a typed formula is known
//! in advance.

use super::entry::{no_fast_path, same, Entry, Facts, Text};
use super::formula::{Formula, Problem};
use super::params::ParamValue;
use super::properties::{Properties, Shape, Smoothness, Where};
use std::sync::Arc;

/// A compiled formula with its parameters' values (in the formula's parameter order).
#[derive(Clone, Debug, PartialEq)]
pub struct Custom {
    formula: Arc<Formula>,
    values: Vec<f64>,
}

/// The half-width of the window the card's facts are computed on.
pub const CARD_WINDOW: f64 = 10.0;

/// Each lowercase letter as a static key, for the parameters' readout.
const LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

impl Custom {
    /// The formula with a value for each of its parameters from `given` (letter, value); a
    /// parameter without one is an error, a value for a letter the formula does not use is
    /// ignored (editing the formula must not invalidate the link's other values).
    pub fn new(formula: Arc<Formula>, given: &[(char, f64)]) -> Result<Custom, Problem> {
        let values = formula
            .params()
            .iter()
            .map(|letter| {
                given
                    .iter()
                    .find(|(l, _)| l == letter)
                    .map(|(_, v)| *v)
                    .ok_or(Problem::NoValue { name: *letter })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Custom { formula, values })
    }

    /// The compiled formula.
    pub fn formula(&self) -> &Formula {
        &self.formula
    }

    /// The compiled formula, shared (training keeps it to learn the parameters).
    pub fn shared_formula(&self) -> Arc<Formula> {
        Arc::clone(&self.formula)
    }

    /// The parameters' values.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// (letter, value) per parameter, for readouts.
    pub fn resolved_params(&self) -> Vec<(&'static str, ParamValue)> {
        self.formula
            .params()
            .iter()
            .zip(&self.values)
            .filter_map(|(letter, v)| {
                let index = (*letter as usize).checked_sub('a' as usize)?;
                Some((*LETTERS.get(index)?, ParamValue::Number(*v)))
            })
            .collect()
    }

    /// Where f first stops being finite going out from 0 on each side, within ±1000 (the
    /// page says "f overflows beyond x ≈ 709"): (below, above).
    pub fn overflow(&self) -> (Option<f64>, Option<f64>) {
        let finite = |x: f64| self.formula.value(x, &self.values).is_finite();
        let side = |sign: f64| {
            let mut last = 0.0;
            for i in 1..=1000 {
                let x = sign * f64::from(i);
                if !finite(x) {
                    let (mut a, mut b) = (last, x);
                    for _ in 0..50 {
                        let m = 0.5 * (a + b);
                        if finite(m) {
                            a = m;
                        } else {
                            b = m;
                        }
                    }
                    return Some(a);
                }
                last = x;
            }
            None
        };
        (side(-1.0), side(1.0))
    }

    /// The card, computed numerically on −10 ≤ x ≤ 10 (2001 points): range, monotonicity,
    /// smoothness from the kinks, oddness, saturation at the ends, max |f′| and where (refined
    /// around the best grid point), f′(0), and the variance-preserving gain 1/√E[f(z)²] for
    /// z ~ N(0, 1) (√2 for relu, as `calculate_gain`).
    pub fn properties(&self) -> Properties {
        const N: usize = 2001;
        let p = &self.values;
        let xs: Vec<f64> = (0..N)
            .map(|i| -CARD_WINDOW + 2.0 * CARD_WINDOW * i as f64 / (N - 1) as f64)
            .collect();
        let [f, d1, _] = self.formula.curves(&xs, p);
        let finite = || f.iter().copied().filter(|v| v.is_finite());
        let lo = finite().fold(f64::INFINITY, f64::min);
        let hi = finite().fold(f64::NEG_INFINITY, f64::max);
        let scale = lo.abs().max(hi.abs()).max(1e-300);
        let monotonic = f.windows(2).all(|w| w[1] >= w[0] - 1e-12 * scale);
        let zero_centred = (0..N).all(|i| (f[i] + f[N - 1 - i]).abs() <= 1e-9 * scale);
        let kinks = self.formula.kinks(p, -CARD_WINDOW, CARD_WINDOW);
        let jumps = kinks.iter().any(|k| {
            let h = 1e-9 * k.abs().max(1.0);
            (self.formula.value(k + h, p) - self.formula.value(k - h, p)).abs() > 1e-6 * scale
        });
        let smoothness = match (kinks.is_empty(), jumps) {
            (true, _) => Smoothness::Smooth,
            (false, true) => Smoothness::Discontinuous,
            (false, false) => Smoothness::C0,
        };
        let (best, _) = d1.iter().enumerate().filter(|(_, v)| v.is_finite()).fold(
            (N / 2, -1.0),
            |(bi, bv), (i, v)| {
                if v.abs() > bv {
                    (i, v.abs())
                } else {
                    (bi, bv)
                }
            },
        );
        let step = xs[1] - xs[0];
        let at = super::properties::golden_max(
            |x| self.formula.derivative(x, p).abs(),
            xs[best] - step,
            xs[best] + step,
        );
        let max_abs = self.formula.derivative(at, p).abs().max(d1[best].abs());
        let flat = |v: f64| v.abs() < 1e-3;
        let shape = Shape {
            lo: lo.is_finite().then_some(lo),
            hi: hi.is_finite().then_some(hi),
            lo_closed: true,
            hi_closed: true,
            monotonic,
            smoothness,
            zero_centred,
            saturates_left: flat(d1[0]),
            saturates_right: flat(d1[N - 1]),
        };
        let mut card = Properties::from_shape(
            shape,
            (max_abs, Where::Point { x: at }),
            self.formula.derivative(0.0, p),
        );
        card.recommended_init = "kaiming_normal";
        card.gain = self.gain();
        card
    }

    /// 1/√E[f(z)²] for z ~ N(0, 1), by Simpson's rule on [−10, 10] (4000 intervals).
    pub fn gain(&self) -> Option<f64> {
        const N: usize = 4000;
        let h = 20.0 / N as f64;
        let xs: Vec<f64> = (0..=N).map(|i| -10.0 + h * i as f64).collect();
        let [f, _, _] = self.formula.curves(&xs, &self.values);
        let density = |x: f64| (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let sum: f64 = (0..=N)
            .map(|i| {
                let w = if i == 0 || i == N {
                    1.0
                } else if i % 2 == 1 {
                    4.0
                } else {
                    2.0
                };
                w * f[i] * f[i] * density(xs[i])
            })
            .sum();
        let second_moment = sum * h / 3.0;
        (second_moment.is_finite() && second_moment > 0.0).then(|| 1.0 / second_moment.sqrt())
    }
}

fn unreachable_formula(_: f64, _: &[f64]) -> f64 {
    f64::NAN
}

/// The custom kind's row: names and texts; its functions are NaN because a custom activation
/// is always evaluated through its formula.
pub(crate) const ENTRY: Entry = Entry {
    name: "custom",
    aliases: &[],
    params: &[],
    value: unreachable_formula,
    derivative: unreachable_formula,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: None,
    learn: None,
    facts: Facts {
        shape: |_| Shape::rectifier(None, false, Smoothness::Smooth),
        max_slope: |_| (f64::NAN, Where::Everywhere),
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "your own formula in x (formula=…), with exact derivatives",
        ko: "직접 입력한 x에 대한 수식 (formula=…), 정확한 미분값과 함께",
    },
    formula: same("formula"),
    derivative_formula: same("formula′"),
    citation: Text {
        en: "typed by you",
        ko: "직접 입력",
    },
};
