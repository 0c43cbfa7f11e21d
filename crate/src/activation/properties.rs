//! The facts a learner asks about an activation: range, monotonicity, smoothness, saturation,
//! the largest slope, f'(0) and the recommended initialisation.
//!
//! Range, smoothness and saturation are declared per kind (they are textbook facts, and
//! `tests/properties.rs` checks each by sampling). The largest |f'| is found numerically, so it
//! follows the parameters.

use super::{functions as f, Activation, Kind};
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
fn golden_max(g: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
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

/// The largest |f'| of a piecewise-constant f' (APL): evaluate each piece between the hinges.
fn piecewise_max(act: &Activation, kinks: &mut Vec<f64>) -> (f64, Where) {
    kinks.sort_by(f64::total_cmp);
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
        let slope = act.derivative(probe).abs();
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
struct Shape {
    lo: Option<f64>,
    hi: Option<f64>,
    lo_closed: bool,
    hi_closed: bool,
    monotonic: bool,
    smoothness: Smoothness,
    zero_centred: bool,
    saturates_left: bool,
    saturates_right: bool,
}

impl Shape {
    /// Bounded on both sides, non-decreasing and flat at both ends (sigmoid, tanh, hardtanh…).
    fn squashing(
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
    fn rectifier(lo: Option<f64>, lo_closed: bool, smoothness: Smoothness) -> Shape {
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
    fn dip(min: f64, smoothness: Smoothness) -> Shape {
        Shape {
            monotonic: false,
            ..Shape::rectifier(Some(min), true, smoothness)
        }
    }
}

/// The minimum of a function with one dip in [−3, 0].
fn minimum(g: impl Fn(f64) -> f64) -> f64 {
    g(golden_max(|x| -g(x), -3.0, 0.0))
}

impl Activation {
    /// The properties card, for these parameter values.
    pub fn properties(&self) -> Properties {
        use Smoothness::*;
        let shape = match self {
            Activation::Identity => Shape {
                zero_centred: true,
                saturates_left: false,
                ..Shape::rectifier(None, false, Smooth)
            },
            Activation::Step => Shape::squashing(0.0, 1.0, true, Discontinuous, false),
            Activation::Sigmoid => Shape::squashing(0.0, 1.0, false, Smooth, false),
            Activation::HardSigmoid => Shape::squashing(0.0, 1.0, true, C0, false),
            Activation::Tanh => Shape::squashing(-1.0, 1.0, false, Smooth, true),
            Activation::ScaledTanh { a, .. } => Shape::squashing(-a, *a, false, Smooth, true),
            Activation::Hardtanh => Shape::squashing(-1.0, 1.0, true, C0, true),
            Activation::Softsign => Shape::squashing(-1.0, 1.0, false, C1, true),
            Activation::Relu => Shape::rectifier(Some(0.0), true, C0),
            Activation::Relu6 => Shape::squashing(0.0, 6.0, true, C0, false),
            Activation::BoundedRelu { cap } => Shape::squashing(0.0, *cap, true, C0, false),
            Activation::LeakyRelu { negative_slope } | Activation::Prelu { negative_slope } => {
                // Slope 0 is ReLU; slope 1 is the identity.
                let s = *negative_slope;
                if s == 0.0 {
                    Shape::rectifier(Some(0.0), true, C0)
                } else {
                    Shape {
                        zero_centred: s == 1.0,
                        saturates_left: false,
                        ..Shape::rectifier(None, false, if s == 1.0 { Smooth } else { C0 })
                    }
                }
            }
            Activation::Elu { alpha } => {
                Shape::rectifier(Some(-alpha), false, if *alpha == 1.0 { C1 } else { C0 })
            }
            Activation::Celu { alpha } => Shape::rectifier(Some(-alpha), false, C1),
            Activation::Selu => Shape::rectifier(Some(-f::SELU_SCALE * f::SELU_ALPHA), false, C0),
            Activation::Gelu => Shape::dip(minimum(f::gelu), Smooth),
            Activation::GeluTanh => Shape::dip(minimum(f::gelu_tanh), Smooth),
            // x·σ(βx) = g(βx)/β with g the SiLU, so the dip is SiLU's dip scaled by 1/β.
            Activation::Swish { beta } => Shape::dip(minimum(|x| f::swish(x, 1.0)) / beta, Smooth),
            Activation::Hardswish => Shape::dip(-0.375, C0),
            Activation::Mish => Shape::dip(minimum(f::mish), Smooth),
            Activation::Softplus { .. } => Shape::rectifier(Some(0.0), false, Smooth),
            Activation::Apl { a, b } => {
                // Far left the slope is −Σa_s: the function then rises without bound as x → −∞
                // (Σa_s > 0), falls (Σa_s < 0), or is flat (Σa_s = 0).
                let left_slope: f64 = -a.iter().sum::<f64>();
                // Piecewise linear and rising on the right (slope 1), so unless it falls without
                // bound on the left its minimum is attained at one of the kinks (0 and the b_s).
                let lo = (left_slope <= 0.0).then(|| {
                    b.iter()
                        .chain([&0.0])
                        .map(|k| f::apl(*k, a, b))
                        .fold(f64::INFINITY, f64::min)
                });
                Shape {
                    monotonic: self.apl_monotonic(),
                    saturates_left: left_slope == 0.0,
                    ..Shape::rectifier(lo, lo.is_some(), C0)
                }
            }
        };
        let (max_abs_derivative, max_abs_derivative_at) = self.max_abs_derivative();
        let (recommended_init, gain) = self.recommended_init();
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
            derivative_at_zero: self.derivative(0.0),
            recommended_init,
            gain,
        }
    }

    fn apl_monotonic(&self) -> bool {
        let Activation::Apl { b, .. } = self else {
            return true;
        };
        let mut kinks = b.clone();
        kinks.push(0.0);
        kinks.sort_by(f64::total_cmp);
        let mut probes: Vec<f64> = kinks.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
        probes.push(kinks[0] - 1.0);
        probes.push(kinks[kinks.len() - 1] + 1.0);
        probes.iter().all(|x| self.derivative(*x) >= 0.0)
    }

    /// sup |f'| and where it is reached, numerically for the smooth bumps.
    fn max_abs_derivative(&self) -> (f64, Where) {
        let everywhere = |v: f64| (v, Where::Everywhere);
        let positive = (
            1.0,
            Where::Interval {
                lo: Some(0.0),
                hi: None,
            },
        );
        let point = |x: f64| (self.derivative(x).abs(), Where::Point { x });
        match self {
            Activation::Identity => everywhere(1.0),
            Activation::Step => everywhere(0.0),
            Activation::Sigmoid
            | Activation::Tanh
            | Activation::ScaledTanh { .. }
            | Activation::Softsign => point(0.0),
            Activation::HardSigmoid => (
                1.0 / 6.0,
                Where::Interval {
                    lo: Some(-3.0),
                    hi: Some(3.0),
                },
            ),
            Activation::Hardtanh => (
                1.0,
                Where::Interval {
                    lo: Some(-1.0),
                    hi: Some(1.0),
                },
            ),
            Activation::Relu | Activation::Celu { .. } => positive,
            Activation::Relu6 => (
                1.0,
                Where::Interval {
                    lo: Some(0.0),
                    hi: Some(6.0),
                },
            ),
            Activation::BoundedRelu { cap } => (
                1.0,
                Where::Interval {
                    lo: Some(0.0),
                    hi: Some(*cap),
                },
            ),
            Activation::LeakyRelu { negative_slope } | Activation::Prelu { negative_slope } => {
                if negative_slope.abs() > 1.0 {
                    (
                        negative_slope.abs(),
                        Where::Interval {
                            lo: None,
                            hi: Some(0.0),
                        },
                    )
                } else {
                    positive
                }
            }
            // α·e^x peaks at x → 0⁻, where PyTorch's f'(0) = α reaches it.
            Activation::Elu { alpha } if *alpha > 1.0 => point(0.0),
            Activation::Elu { .. } => positive,
            Activation::Selu => point(0.0),
            Activation::Gelu | Activation::GeluTanh | Activation::Mish => {
                point(golden_max(|x| self.derivative(x), 0.0, 4.0))
            }
            Activation::Swish { beta } => {
                point(golden_max(|x| self.derivative(x), 0.0, 4.0 / beta))
            }
            Activation::Hardswish => point(3.0),
            Activation::Softplus { .. } => (1.0, Where::AsXGrowsLarge),
            Activation::Apl { b, .. } => {
                let mut kinks = b.clone();
                kinks.push(0.0);
                piecewise_max(self, &mut kinks)
            }
        }
    }

    /// The `torch.nn.init` scheme usually paired with this activation, and PyTorch's
    /// `calculate_gain` where PyTorch defines one (linear, sigmoid, tanh, relu, leaky_relu, selu).
    fn recommended_init(&self) -> (&'static str, Option<f64>) {
        match self {
            Activation::Identity | Activation::Sigmoid => ("xavier_normal", Some(1.0)),
            Activation::Tanh => ("xavier_normal", Some(5.0 / 3.0)),
            Activation::Relu => ("kaiming_normal", Some(2f64.sqrt())),
            Activation::LeakyRelu { negative_slope } | Activation::Prelu { negative_slope } => (
                "kaiming_normal",
                Some((2.0 / (1.0 + negative_slope * negative_slope)).sqrt()),
            ),
            Activation::Selu => ("lecun_normal", Some(0.75)),
            Activation::ScaledTanh { .. } => ("lecun_normal", None),
            Activation::Step => ("none", None),
            Activation::HardSigmoid | Activation::Hardtanh | Activation::Softsign => {
                ("xavier_normal", None)
            }
            _ => ("kaiming_normal", None),
        }
    }
}

impl Kind {
    /// The properties at default parameters (`None` for softmax, which has no scalar curve).
    pub fn default_properties(self) -> Option<Properties> {
        Activation::with_defaults(self).ok().map(|a| a.properties())
    }
}
