//! The mean-field picture at one point (σ_w, σ_b): the fixed point q* of the variance map, the
//! slope χ₁ that decides ordered (< 1) or chaotic (> 1), the depth scale ξ, and the critical
//! line χ₁ = 1 (Poole et al. 2016; Schoenholz et al. 2017, eq. 3–5 and Fig. 1).
//!
//! The expectations are the layers view's quadrature ([`gaussian_expectation`]). The fixed
//! point is a root of q − V(q), bracketed and solved by Brent's method: iterating q ↦ V(q)
//! converges like χ^n, so near the critical line (where the slope of V tends to 1) it needs
//! thousands of steps for a few digits, while the bracketed root needs a dozen evaluations.

use super::roots::brent;
use crate::activation::Activation;
use crate::layers::theory::gaussian_expectation;
use serde::Serialize;

/// Where the fixed-point search starts: the variance of the network's unit-variance input.
const START: f64 = 1.0;
/// A fixed point above this is reported as q* = ∞: V grows at least linearly out there (every
/// catalogue activation grows at most linearly), so q ↦ V(q) runs away (ReLU in its chaotic
/// phase has no finite fixed point at all; its ordered phase passes 1e12 only within 1e-11 of
/// χ₁ = 1 at σ_b ≤ 1.5, since q* = σ_b²/(1 − χ₁) there).
const RUNAWAY: f64 = 1e12;
/// A fixed point below this is reported as q* = 0 (σ_b = 0 and f(0) = 0 in the ordered phase:
/// the signal dies out).
const COLLAPSE: f64 = 1e-200;
/// The factor the bracket grows or shrinks by while it looks for a sign change.
const BRACKET_STEP: f64 = 1e4;

/// The mean-field quantities at one (σ_w, σ_b).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    /// σ_w: weights are N(0, σ_w²/fan_in), the `gain` of `lecun_normal`.
    pub gain: f64,
    /// σ_b: biases are N(0, σ_b²).
    pub bias_std: f64,
    /// The stable fixed point of q ↦ σ_w²·E[f(√q·z)²] + σ_b² reached from q = 1 (0: the signal
    /// dies out; ∞: it grows without bound).
    pub q_star: f64,
    /// χ₁ = σ_w²·E[f′(√q*·z)²]: the factor a squared gradient picks up per layer.
    pub chi1: f64,
    /// ξ = 1/|ln χ₁| (= −1/ln χ₁ in the ordered phase): the depth over which gradients shrink
    /// or grow e-fold; ∞ on the critical line.
    pub xi: f64,
}

/// V(q) = σ_w²·E_{z~N(0,q)}[f(z)²] + σ_b², the next layer's pre-activation variance.
pub fn variance_map(activation: &Activation, gain: f64, bias_std: f64, q: f64) -> f64 {
    gain * gain * gaussian_expectation(q, |z| activation.value(z).powi(2)) + bias_std * bias_std
}

/// The fixed point q* reached by iterating V from q = 1: the nearest root of V(q) − q in the
/// direction V moves q, by Brent's method inside a bracket found by steps of ×10⁴.
pub fn fixed_point(activation: &Activation, gain: f64, bias_std: f64) -> f64 {
    let gap = |q: f64| variance_map(activation, gain, bias_std, q) - q;
    let start = gap(START);
    if start.is_nan() {
        return f64::NAN;
    }
    if start == 0.0 {
        return START;
    }
    let (mut lo, mut hi) = (START, START);
    if start > 0.0 {
        // V raises q: the fixed point is above, where the gap turns negative.
        loop {
            lo = hi;
            hi *= BRACKET_STEP;
            if hi > RUNAWAY {
                return f64::INFINITY;
            }
            if gap(hi) <= 0.0 {
                break;
            }
        }
    } else {
        loop {
            hi = lo;
            lo /= BRACKET_STEP;
            if lo < COLLAPSE {
                return 0.0;
            }
            if gap(lo) >= 0.0 {
                break;
            }
        }
    }
    brent(gap, lo, hi, 1e-15 * hi).unwrap_or(f64::NAN)
}

/// χ₁ = σ_w²·E_{z~N(0,q)}[f′(z)²]; at q = 0 the limit q → 0⁺ (for ReLU ½·σ_w², not f′(0)² = 0).
pub fn chi1(activation: &Activation, gain: f64, q: f64) -> f64 {
    gain * gain * gaussian_expectation(q.max(COLLAPSE), |z| activation.derivative(z).powi(2))
}

/// q*, χ₁ and ξ at (σ_w, σ_b).
pub fn point(activation: &Activation, gain: f64, bias_std: f64) -> Point {
    let q_star = fixed_point(activation, gain, bias_std);
    let chi1 = chi1(activation, gain, q_star);
    Point {
        gain,
        bias_std,
        q_star,
        chi1,
        xi: 1.0 / chi1.ln().abs(),
    }
}

/// The lowest and highest σ_w the critical line is looked for between.
pub const GAIN_SEARCH: (f64, f64) = (0.01, 100.0);

/// ln χ₁ at (σ_w, σ_b): the function whose root in σ_w is the critical gain.
fn log_chi1(activation: &Activation, gain: f64, bias_std: f64) -> f64 {
    point(activation, gain, bias_std).chi1.ln()
}

/// The σ_w where χ₁ = 1 at this σ_b: looked for outward from `guess` (the previous σ_b's gain,
/// when tracing a line) in steps growing ×1.05, ×1.1, ×1.2…, else as the first crossing from
/// ordered to chaotic on a ×1.5 scan of [`GAIN_SEARCH`]; `None` if χ₁ never crosses 1 there.
pub fn critical_gain_near(
    activation: &Activation,
    bias_std: f64,
    guess: Option<f64>,
) -> Option<f64> {
    let f = |gain: f64| log_chi1(activation, gain, bias_std);
    let near = |g: f64| {
        let chaotic = f(g) >= 0.0;
        let (mut inner, mut step) = (g, 1.05);
        for _ in 0..12 {
            let outer = if chaotic { inner / step } else { inner * step };
            if !(GAIN_SEARCH.0..=GAIN_SEARCH.1).contains(&outer) {
                return None;
            }
            if (f(outer) >= 0.0) != chaotic {
                return Some(if chaotic {
                    (outer, inner)
                } else {
                    (inner, outer)
                });
            }
            inner = outer;
            step = step * step;
        }
        None
    };
    let scan = || {
        let (mut lo, end) = GAIN_SEARCH;
        let mut below = f(lo) < 0.0;
        while lo < end {
            let hi = lo * 1.5;
            let above = f(hi) >= 0.0;
            if below && above {
                return Some((lo, hi));
            }
            below = !above;
            lo = hi;
        }
        None
    };
    let bracket = guess
        .filter(|g| g.is_finite() && *g > 0.0)
        .and_then(near)
        .or_else(scan)?;
    brent(f, bracket.0, bracket.1, 1e-11)
}

/// The σ_w where χ₁ = 1 at this σ_b.
pub fn critical_gain(activation: &Activation, bias_std: f64) -> Option<f64> {
    critical_gain_near(activation, bias_std, None)
}

/// The critical gain at each σ_b of `bias_stds`, each search starting from the last one found.
pub fn critical_line(activation: &Activation, bias_stds: &[f64]) -> Vec<Option<f64>> {
    let mut guess = None;
    bias_stds
        .iter()
        .map(|&bias_std| {
            let gain = critical_gain_near(activation, bias_std, guess);
            guess = gain.or(guess);
            gain
        })
        .collect()
}
