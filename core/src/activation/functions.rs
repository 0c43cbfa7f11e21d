//! The stable kernels several catalogue entries share, each value beside its derivative.
//!
//! Every function here is finite for every finite `x` where the mathematics is finite. The
//! stable forms avoid `exp` of a large positive number, `1 + e^x` cancellation and `1 − tanh²`
//! cancellation. At a kink the derivative follows PyTorch's autograd convention (stated per
//! function), so f'(0) matches what a learner sees in PyTorch. A formula only one activation
//! uses lives in that activation's entry instead.

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

/// The derivative σ(kx) + x·dk·σ(kx)σ(−kx) of x·σ(kx) (Swish, k = dk = β).
///
/// The product term is dropped when σ(kx)σ(−kx) underflows to zero, because then kx may be
/// infinite and `inf · 0` would turn a finite derivative into NaN.
pub fn x_sigmoid_derivative(k: f64, dk: f64, x: f64) -> f64 {
    let s = sigmoid(k * x);
    let ds = sigmoid_derivative(k * x);
    if ds == 0.0 {
        s
    } else {
        s + x * dk * ds
    }
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

/// ELU (and SELU before its scale): f(x) = x for x > 0, else α(e^x − 1), via `exp_m1` for
/// precision near 0.
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
