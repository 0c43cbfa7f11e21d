//! The facts a learner asks about an activation: range, monotonicity, smoothness, saturation,
//! the largest slope, f'(0) and the recommended initialisation.
//!
//! Range, smoothness and saturation are declared in each catalogue entry (they are textbook
//! facts, and `tests/properties.rs` checks each by sampling). The largest |f'| of a smooth bump
//! is found numerically, so it follows the parameters; the helpers for that live here.

use super::{Activation, Kind};
use serde::Serialize;

/// How many times f is continuously differentiable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Smoothness {
    /// f itself jumps (binary step).
    #[serde(rename = "discontinuous")]
    Discontinuous,
    /// f is continuous but f' jumps (ReLU's kink).
    #[serde(rename = "C0")]
    C0,
    /// f' is continuous but f'' jumps.
    #[serde(rename = "C1")]
    C1,
    /// Infinitely differentiable.
    #[serde(rename = "C∞")]
    Smooth,
}

/// Where the largest |f'| is found.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Where {
    /// At a single x.
    Point {
        /// The x.
        x: f64,
    },
    /// On a whole interval (`None` is unbounded on that side).
    Interval {
        /// Lower end.
        lo: Option<f64>,
        /// Upper end.
        hi: Option<f64>,
    },
    /// Approached but never reached, as x → +∞.
    AsXGrowsLarge,
    /// f' is the same everywhere.
    Everywhere,
}

impl Where {
    /// x > 0, where a rectifier's slope is 1.
    pub const fn positive() -> Where {
        Where::Interval {
            lo: Some(0.0),
            hi: None,
        }
    }

    /// A short description such as `x = 0`, `x > 0`, `0 < x < 6`, `x → ∞`.
    pub fn describe(&self) -> String {
        match self {
            Where::Point { x } => format!("x = {}", round_for_display(*x)),
            Where::Interval {
                lo: Some(lo),
                hi: None,
            } => format!("x > {}", round_for_display(*lo)),
            Where::Interval {
                lo: None,
                hi: Some(hi),
            } => format!("x < {}", round_for_display(*hi)),
            Where::Interval {
                lo: Some(lo),
                hi: Some(hi),
            } => {
                format!(
                    "{} < x < {}",
                    round_for_display(*lo),
                    round_for_display(*hi)
                )
            }
            Where::Interval { lo: None, hi: None } | Where::Everywhere => "every x".into(),
            Where::AsXGrowsLarge => "x → ∞ (never reached)".into(),
        }
    }
}

fn round_for_display(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The card the page shows and `actlab list` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Properties {
    /// The output range as text, e.g. `(0, 1)` or `[0, ∞)`.
    pub range: String,
    /// Lower bound of the output (`None`: unbounded below).
    pub range_min: Option<f64>,
    /// Upper bound of the output (`None`: unbounded above).
    pub range_max: Option<f64>,
    /// f never decreases.
    pub monotonic: bool,
    /// C0, C1, C∞ or discontinuous.
    pub smoothness: Smoothness,
    /// f is odd (f(−x) = −f(x)), so outputs are centred on zero for centred inputs.
    pub zero_centred: bool,
    /// f'(x) → 0 as x → −∞.
    pub saturates_left: bool,
    /// f'(x) → 0 as x → +∞.
    pub saturates_right: bool,
    /// sup |f'(x)|.
    pub max_abs_derivative: f64,
    /// Where that supremum is reached.
    pub max_abs_derivative_at: Where,
    /// f'(0) (PyTorch's convention at a kink).
    pub derivative_at_zero: f64,
    /// The initialiser usually paired with it (`torch.nn.init` name), or `none`.
    pub recommended_init: &'static str,
    /// `torch.nn.init.calculate_gain` for it, where PyTorch defines one.
    pub gain: Option<f64>,
}

fn range_text(lo: Option<f64>, hi: Option<f64>, lo_closed: bool, hi_closed: bool) -> String {
    let show = |v: Option<f64>, inf: &str| v.map_or(inf.to_string(), |v| format!("{v}"));
    format!(
        "{}{}, {}{}",
        if lo_closed && lo.is_some() { "[" } else { "(" },
        show(lo, "−∞"),
        show(hi, "∞"),
        if hi_closed && hi.is_some() { "]" } else { ")" },
    )
}

/// Maximises g on [lo, hi] by golden-section search (g unimodal there).
pub(crate) fn golden_max(g: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..200 {
        let x1 = hi - ratio * (hi - lo);
        let x2 = lo + ratio * (hi - lo);
        if g(x1) < g(x2) {
            lo = x1;
        } else {
            hi = x2;
        }
    }
    (lo + hi) / 2.0
}

/// The largest |f'| of a piecewise-constant f' (APL): evaluate `derivative` on each piece
/// between the kinks.
pub(crate) fn piecewise_max(derivative: impl Fn(f64) -> f64, kinks: &[f64]) -> (f64, Where) {
    let mut kinks = kinks.to_vec();
    kinks.sort_unstable_by(f64::total_cmp);
    kinks.dedup();
    let mut ends: Vec<Option<f64>> = vec![None];
    ends.extend(kinks.iter().map(|k| Some(*k)));
    ends.push(None);
    let mut best = (f64::NEG_INFINITY, Where::Everywhere);
    for piece in ends.windows(2) {
        let probe = match (piece[0], piece[1]) {
            (None, Some(hi)) => hi - 1.0,
            (Some(lo), None) => lo + 1.0,
            (Some(lo), Some(hi)) => (lo + hi) / 2.0,
            (None, None) => 0.0,
        };
        let slope = derivative(probe).abs();
        if slope > best.0 {
            best = (
                slope,
                Where::Interval {
                    lo: piece[0],
                    hi: piece[1],
                },
            );
        }
    }
    best
}

/// The declared facts of a function's shape; the numerically found ones are added later.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    /// Lower bound of the output (`None`: unbounded below).
    pub lo: Option<f64>,
    /// Upper bound of the output (`None`: unbounded above).
    pub hi: Option<f64>,
    /// The lower bound is attained.
    pub lo_closed: bool,
    /// The upper bound is attained.
    pub hi_closed: bool,
    /// f never decreases.
    pub monotonic: bool,
    /// C0, C1, C∞ or discontinuous.
    pub smoothness: Smoothness,
    /// f is odd.
    pub zero_centred: bool,
    /// f' → 0 as x → −∞.
    pub saturates_left: bool,
    /// f' → 0 as x → +∞.
    pub saturates_right: bool,
}

impl Shape {
    /// Bounded on both sides, non-decreasing and flat at both ends (sigmoid, tanh, hardtanh…).
    pub fn squashing(
        lo: f64,
        hi: f64,
        closed: bool,
        smoothness: Smoothness,
        zero_centred: bool,
    ) -> Shape {
        Shape {
            lo: Some(lo),
            hi: Some(hi),
            lo_closed: closed,
            hi_closed: closed,
            monotonic: true,
            smoothness,
            zero_centred,
            saturates_left: true,
            saturates_right: true,
        }
    }

    /// Unbounded above, non-decreasing, flat on the left only (ReLU, ELU, softplus…).
    pub fn rectifier(lo: Option<f64>, lo_closed: bool, smoothness: Smoothness) -> Shape {
        Shape {
            lo,
            hi: None,
            lo_closed,
            hi_closed: false,
            monotonic: true,
            smoothness,
            zero_centred: false,
            saturates_left: true,
            saturates_right: false,
        }
    }

    /// Dips below zero to `min` before rising without bound (GELU, Swish, Mish, hardswish).
    pub fn dip(min: f64, smoothness: Smoothness) -> Shape {
        Shape {
            monotonic: false,
            ..Shape::rectifier(Some(min), true, smoothness)
        }
    }
}

/// The minimum of a function with one dip in [−3, 0].
pub(crate) fn minimum(g: impl Fn(f64) -> f64) -> f64 {
    g(golden_max(|x| -g(x), -3.0, 0.0))
}

impl Properties {
    /// A card from a shape, the largest slope and f′(0), with no recommended initialiser.
    pub fn from_shape(shape: Shape, max_slope: (f64, Where), derivative_at_zero: f64) -> Self {
        let (max_abs_derivative, max_abs_derivative_at) = max_slope;
        Properties {
            range: range_text(shape.lo, shape.hi, shape.lo_closed, shape.hi_closed),
            range_min: shape.lo,
            range_max: shape.hi,
            monotonic: shape.monotonic,
            smoothness: shape.smoothness,
            zero_centred: shape.zero_centred,
            saturates_left: shape.saturates_left,
            saturates_right: shape.saturates_right,
            max_abs_derivative,
            max_abs_derivative_at,
            derivative_at_zero,
            recommended_init: "none",
            gain: None,
        }
    }
}

impl Activation {
    /// The properties card, for these parameter values: the entry's declared facts, and f'(0);
    /// a typed formula's card is computed numerically.
    pub fn properties(&self) -> Properties {
        if let Activation::Custom(custom) = self {
            return custom.properties();
        }
        let facts = self.entry().facts;
        let p = self.flat_params();
        let (recommended_init, gain) = (facts.init)(&p);
        Properties {
            recommended_init,
            gain,
            ..Properties::from_shape(
                (facts.shape)(&p),
                (facts.max_slope)(&p),
                self.derivative(0.0),
            )
        }
    }
}

impl Kind {
    /// The properties at default parameters (`None` for softmax, which has no scalar curve).
    pub fn default_properties(self) -> Option<Properties> {
        Activation::with_defaults(self).ok().map(|a| a.properties())
    }
}
