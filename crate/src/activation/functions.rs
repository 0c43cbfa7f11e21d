//! The formulas: one `value`/`derivative` pair per activation, side by side.
//!
//! Every function here is finite for every finite `x` where the mathematics is finite. The
//! stable forms avoid `exp` of a large positive number, `1 + e^x` cancellation and `1 − tanh²`
//! cancellation. At a kink the derivative follows PyTorch's autograd convention (stated per
//! function), so f'(0) matches what a learner sees in PyTorch.

use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

/// SELU's α, from Klambauer et al. (2017), as PyTorch spells it.
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_3;
/// SELU's λ (PyTorch's `scale`).
pub const SELU_SCALE: f64 = 1.050_700_987_355_480_5;
/// √(2/π), the constant of the tanh approximation of GELU.
const SQRT_2_OVER_PI: f64 = FRAC_2_SQRT_PI * FRAC_1_SQRT_2;
/// The cubic coefficient of the tanh approximation of GELU (Hendrycks & Gimpel 2016).
const GELU_TANH_CUBIC: f64 = 0.044_715;

/// σ(x) = 1 / (1 + e^−x), evaluated so that `exp` never sees a large positive argument.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// σ'(x) = σ(x)·σ(−x), computed from x (not as σ(1 − σ)) so it keeps full relative precision in
/// the tails, where 1 − σ(x) would round to zero.
pub fn sigmoid_derivative(x: f64) -> f64 {
    sigmoid(x) * sigmoid(-x)
}

/// tanh'(x) = sech²(x) = 4e^−2|x| / (1 + e^−2|x|)²: no `1 − tanh²` cancellation, no cosh overflow.
pub fn tanh_derivative(x: f64) -> f64 {
    let e = (-2.0 * x.abs()).exp();
    4.0 * e / ((1.0 + e) * (1.0 + e))
}

/// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|), finite for every finite x.
pub fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

/// x·σ(kx) and its derivative σ(kx) + kx·σ(kx)σ(−kx), shared by Swish and the tanh-GELU.
///
/// The product term is dropped when σ(kx)σ(−kx) underflows to zero, because then kx may be
/// infinite and `inf · 0` would turn a finite derivative into NaN.
fn x_sigmoid_derivative(k: f64, dk: f64, x: f64) -> f64 {
    let s = sigmoid(k * x);
    let ds = sigmoid_derivative(k * x);
    if ds == 0.0 {
        s
    } else {
        s + x * dk * ds
    }
}

/// identity: f(x) = x.
pub fn identity(x: f64) -> f64 {
    x
}

/// Binary step: f(x) = 1 for x ≥ 0, else 0.
pub fn step(x: f64) -> f64 {
    if x >= 0.0 {
        1.0
    } else {
        0.0
    }
}

/// Hard sigmoid (PyTorch `hardsigmoid`): f(x) = clamp(x/6 + 1/2, 0, 1).
pub fn hard_sigmoid(x: f64) -> f64 {
    (x / 6.0 + 0.5).clamp(0.0, 1.0)
}

/// f'(x) = 1/6 for −3 < x < 3, else 0 (PyTorch: 0 at ±3).
pub fn hard_sigmoid_derivative(x: f64) -> f64 {
    if x > -3.0 && x < 3.0 {
        1.0 / 6.0
    } else {
        0.0
    }
}

/// hardtanh: f(x) = clamp(x, −1, 1).
pub fn hardtanh(x: f64) -> f64 {
    x.clamp(-1.0, 1.0)
}

/// f'(x) = 1 for −1 < x < 1, else 0 (PyTorch: 0 at ±1).
pub fn hardtanh_derivative(x: f64) -> f64 {
    if x > -1.0 && x < 1.0 {
        1.0
    } else {
        0.0
    }
}

/// softsign: f(x) = x / (1 + |x|).
pub fn softsign(x: f64) -> f64 {
    x / (1.0 + x.abs())
}

/// f'(x) = 1 / (1 + |x|)².
pub fn softsign_derivative(x: f64) -> f64 {
    let d = 1.0 + x.abs();
    1.0 / (d * d)
}

/// ReLU clipped to [0, cap]: f(x) = min(max(0, x), cap). ReLU is cap = ∞, ReLU6 is cap = 6.
pub fn clipped_relu(x: f64, cap: f64) -> f64 {
    x.max(0.0).min(cap)
}

/// f'(x) = 1 for 0 < x < cap, else 0 (PyTorch: relu'(0) = 0).
pub fn clipped_relu_derivative(x: f64, cap: f64) -> f64 {
    if x > 0.0 && x < cap {
        1.0
    } else {
        0.0
    }
}

/// Leaky ReLU / PReLU: f(x) = x for x > 0, else slope·x.
pub fn leaky_relu(x: f64, negative_slope: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        negative_slope * x
    }
}

/// f'(x) = 1 for x > 0, else slope (PyTorch: f'(0) = slope).
pub fn leaky_relu_derivative(x: f64, negative_slope: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else {
        negative_slope
    }
}

/// ELU: f(x) = x for x > 0, else α(e^x − 1), via `exp_m1` for precision near 0.
pub fn elu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        alpha * x.exp_m1()
    }
}

/// f'(x) = 1 for x > 0, else α·e^x (PyTorch: f'(0) = α).
pub fn elu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else {
        alpha * x.exp()
    }
}

/// CELU: f(x) = max(0, x) + min(0, α(e^(x/α) − 1)).
pub fn celu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        alpha * (x / alpha).exp_m1()
    }
}

/// f'(x) = 1 for x > 0, else e^(x/α) (continuous at 0 for every α).
pub fn celu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else {
        (x / alpha).exp()
    }
}

/// GELU, exact: f(x) = x·Φ(x) = ½·x·erfc(−x/√2). `erfc` keeps the left tail accurate where
/// `1 + erf` would cancel to zero.
pub fn gelu(x: f64) -> f64 {
    0.5 * x * libm::erfc(-x * FRAC_1_SQRT_2)
}

/// f'(x) = Φ(x) + x·φ(x).
pub fn gelu_derivative(x: f64) -> f64 {
    let cdf = 0.5 * libm::erfc(-x * FRAC_1_SQRT_2);
    let pdf = (-0.5 * x * x).exp() * (FRAC_2_SQRT_PI * FRAC_1_SQRT_2 * 0.5);
    // x·φ(x) is 0·∞-free: φ underflows to 0 long before x could overflow.
    cdf + x * pdf
}

/// The inner argument u(x) = √(2/π)(x + 0.044715x³) of the tanh-GELU and its derivative u'(x).
fn gelu_tanh_inner(x: f64) -> (f64, f64) {
    let u = SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x);
    let du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_CUBIC * x * x);
    (u, du)
}

/// GELU, tanh approximation: f(x) = ½x(1 + tanh u) = x·σ(2u), the σ form avoids 1 + tanh
/// cancelling to zero for negative x.
pub fn gelu_tanh(x: f64) -> f64 {
    let (u, _) = gelu_tanh_inner(x);
    x * sigmoid(2.0 * u)
}

/// f'(x) = σ(2u) + x·2u'·σ(2u)σ(−2u).
pub fn gelu_tanh_derivative(x: f64) -> f64 {
    let (u, du) = gelu_tanh_inner(x);
    let s = sigmoid(2.0 * u);
    let ds = sigmoid_derivative(2.0 * u);
    if ds == 0.0 {
        s
    } else {
        s + x * 2.0 * du * ds
    }
}

/// Swish: f(x) = x·σ(βx) (SiLU is β = 1).
pub fn swish(x: f64, beta: f64) -> f64 {
    x * sigmoid(beta * x)
}

/// f'(x) = σ(βx) + βx·σ(βx)·σ(−βx).
pub fn swish_derivative(x: f64, beta: f64) -> f64 {
    x_sigmoid_derivative(beta, beta, x)
}

/// hardswish: f(x) = x·relu6(x + 3)/6.
pub fn hardswish(x: f64) -> f64 {
    // Dividing the gate before multiplying keeps x·6 from overflowing near f64::MAX.
    x * ((x + 3.0).clamp(0.0, 6.0) / 6.0)
}

/// f'(x) = 0 for x < −3, x/3 + ½ for −3 ≤ x ≤ 3, 1 for x > 3 (PyTorch's convention at ±3).
pub fn hardswish_derivative(x: f64) -> f64 {
    if x < -3.0 {
        0.0
    } else if x <= 3.0 {
        x / 3.0 + 0.5
    } else {
        1.0
    }
}

/// t = tanh(softplus(x)) and 1 − t², from algebraic forms that neither overflow nor cancel.
///
/// With n = e^2x + 2e^x: t = n/(n + 2) and 1 − t² = (4n + 4)/(n + 2)². For x > 0 both are
/// rewritten in u = e^−x, so nothing grows with x.
fn mish_tanh_softplus(x: f64) -> (f64, f64) {
    if x <= 0.0 {
        let v = x.exp();
        let n = v * (v + 2.0);
        let d = n + 2.0;
        (n / d, (4.0 * n + 4.0) / (d * d))
    } else {
        let u = (-x).exp();
        let d = 1.0 + 2.0 * u + 2.0 * u * u;
        let u2 = u * u;
        (
            (1.0 + 2.0 * u) / d,
            (4.0 * u2 * (1.0 + 2.0 * u) + 4.0 * u2 * u2) / (d * d),
        )
    }
}

/// Mish: f(x) = x·tanh(softplus(x)).
pub fn mish(x: f64) -> f64 {
    x * mish_tanh_softplus(x).0
}

/// f'(x) = tanh(sp(x)) + x·sech²(sp(x))·σ(x).
pub fn mish_derivative(x: f64) -> f64 {
    let (t, sech2) = mish_tanh_softplus(x);
    let tail = sech2 * sigmoid(x);
    if tail == 0.0 {
        t
    } else {
        t + x * tail
    }
}

/// Softplus with sharpness β: f(x) = (1/β)·log(1 + e^(βx)) = max(x, 0) + softplus(−β|x|)/β.
///
/// The second form never divides a possibly infinite βx by β, so it stays finite where βx
/// overflows (β > 1 and x near f64::MAX, where f(x) ≈ x).
pub fn softplus_beta(x: f64, beta: f64) -> f64 {
    x.max(0.0) + softplus(-(beta * x).abs()) / beta
}

/// f'(x) = σ(βx).
pub fn softplus_beta_derivative(x: f64, beta: f64) -> f64 {
    sigmoid(beta * x)
}

/// APL (Agostinelli et al. 2015): f(x) = max(0, x) + Σ_s a_s·max(0, −x + b_s).
pub fn apl(x: f64, a: &[f64], b: &[f64]) -> f64 {
    let value = a
        .iter()
        .zip(b)
        .fold(x.max(0.0), |sum, (a_s, b_s)| sum + a_s * (b_s - x).max(0.0));
    if !value.is_nan() {
        return value;
    }
    // Only for |x| near f64::MAX: terms of opposite sign each overflow to ±∞ although their sum
    // is finite (a = (10, −10), b = (−10, 10) gives f = −200 far left), and ∞ − ∞ is NaN. Grouped
    // as Σ a_s·b_s − x·Σ a_s over the hinges right of x, the slopes cancel before x multiplies
    // them. (Term by term is kept elsewhere: it is the more accurate form next to a hinge.)
    let (slope, offset) = a
        .iter()
        .zip(b)
        .filter(|(_, b_s)| x < **b_s)
        .fold((0.0, 0.0), |(slope, offset), (a_s, b_s)| {
            (slope + a_s, offset + a_s * b_s)
        });
    x.max(0.0) + offset - x * slope
}

/// f'(x) = [x > 0] − Σ_s a_s·[x < b_s] (0 at each hinge, as autograd's max gives).
pub fn apl_derivative(x: f64, a: &[f64], b: &[f64]) -> f64 {
    let relu_part = if x > 0.0 { 1.0 } else { 0.0 };
    a.iter().zip(b).fold(
        relu_part,
        |sum, (a_s, b_s)| if x < *b_s { sum - a_s } else { sum },
    )
}
