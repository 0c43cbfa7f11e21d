//! The activation catalogue: names, parameters, values and exact first derivatives.
//!
//! [`Kind`] names a function (PyTorch's vocabulary); [`Activation`] is a kind with its
//! parameters resolved, ready to evaluate. The formulas themselves live in [`functions`], one
//! value/derivative pair each; the facts a learner asks about (range, smoothness, saturation,
//! recommended initialisation) live in [`properties`].

pub mod fast;
pub mod functions;
pub mod params;
pub mod properties;

use crate::error::Error;
use functions as f;
use serde::Serialize;

/// Every activation the lab knows, in the order the page and `actlab list` show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // Each variant is documented by `Kind::summary`.
pub enum Kind {
    Identity,
    Step,
    Sigmoid,
    HardSigmoid,
    Tanh,
    ScaledTanh,
    Hardtanh,
    Softsign,
    Relu,
    Relu6,
    BoundedRelu,
    LeakyRelu,
    Prelu,
    Elu,
    Celu,
    Selu,
    Gelu,
    GeluTanh,
    Swish,
    Hardswish,
    Mish,
    Softplus,
    Apl,
    Softmax,
}

/// A parameter an activation takes, with its config key and default.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParamSpec {
    /// The config key (kebab-case), shared by every activation that takes this parameter.
    pub key: &'static str,
    /// The default for this activation (APL's lists are generated from `hinges`).
    pub default: f64,
}

impl Kind {
    /// All kinds, in catalogue order.
    pub const ALL: [Kind; 24] = [
        Kind::Identity,
        Kind::Step,
        Kind::Sigmoid,
        Kind::HardSigmoid,
        Kind::Tanh,
        Kind::ScaledTanh,
        Kind::Hardtanh,
        Kind::Softsign,
        Kind::Relu,
        Kind::Relu6,
        Kind::BoundedRelu,
        Kind::LeakyRelu,
        Kind::Prelu,
        Kind::Elu,
        Kind::Celu,
        Kind::Selu,
        Kind::Gelu,
        Kind::GeluTanh,
        Kind::Swish,
        Kind::Hardswish,
        Kind::Mish,
        Kind::Softplus,
        Kind::Apl,
        Kind::Softmax,
    ];

    /// Accepted second spellings: `silu` is Swish with β = 1 (β defaults to 1).
    pub const ALIASES: [(&'static str, Kind); 1] = [("silu", Kind::Swish)];

    /// The canonical name, as PyTorch's functional API spells it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Identity => "identity",
            Kind::Step => "step",
            Kind::Sigmoid => "sigmoid",
            Kind::HardSigmoid => "hard_sigmoid",
            Kind::Tanh => "tanh",
            Kind::ScaledTanh => "scaled_tanh",
            Kind::Hardtanh => "hardtanh",
            Kind::Softsign => "softsign",
            Kind::Relu => "relu",
            Kind::Relu6 => "relu6",
            Kind::BoundedRelu => "bounded_relu",
            Kind::LeakyRelu => "leaky_relu",
            Kind::Prelu => "prelu",
            Kind::Elu => "elu",
            Kind::Celu => "celu",
            Kind::Selu => "selu",
            Kind::Gelu => "gelu",
            Kind::GeluTanh => "gelu_tanh",
            Kind::Swish => "swish",
            Kind::Hardswish => "hardswish",
            Kind::Mish => "mish",
            Kind::Softplus => "softplus",
            Kind::Apl => "apl",
            Kind::Softmax => "softmax",
        }
    }

    /// Looks a name or alias up (exact, lowercase).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .or_else(|| {
                Kind::ALIASES
                    .iter()
                    .find(|(a, _)| *a == name)
                    .map(|(_, k)| *k)
            })
    }

    /// The comma-separated list of canonical names, for error messages.
    pub fn valid_names() -> String {
        Kind::ALL.map(Kind::name).join(", ")
    }

    /// Softmax maps a vector to a vector; every other kind is applied element-wise.
    pub fn is_scalar(self) -> bool {
        self != Kind::Softmax
    }

    /// The scalar parameters this kind reads, with their defaults.
    pub fn params(self) -> &'static [ParamSpec] {
        const fn p(key: &'static str, default: f64) -> ParamSpec {
            ParamSpec { key, default }
        }
        const SCALED_TANH: [ParamSpec; 2] = [p("a", 1.7159), p("b", 2.0 / 3.0)];
        const CAP: [ParamSpec; 1] = [p("cap", 1.0)];
        const LEAKY: [ParamSpec; 1] = [p("negative-slope", 0.01)];
        const PRELU: [ParamSpec; 1] = [p("negative-slope", 0.25)];
        const ALPHA: [ParamSpec; 1] = [p("alpha", 1.0)];
        const BETA: [ParamSpec; 1] = [p("beta", 1.0)];
        const HINGES: [ParamSpec; 1] = [p("hinges", 1.0)];
        const TEMPERATURE: [ParamSpec; 1] = [p("temperature", 1.0)];
        match self {
            Kind::ScaledTanh => &SCALED_TANH,
            Kind::BoundedRelu => &CAP,
            Kind::LeakyRelu => &LEAKY,
            Kind::Prelu => &PRELU,
            Kind::Elu | Kind::Celu => &ALPHA,
            Kind::Swish | Kind::Softplus => &BETA,
            Kind::Apl => &HINGES,
            Kind::Softmax => &TEMPERATURE,
            _ => &[],
        }
    }

    /// One line on what the function is and where it comes from.
    pub fn summary(self) -> &'static str {
        match self {
            Kind::Identity => "f(x) = x: no non-linearity; a stack of such layers is one linear map",
            Kind::Step => "binary step, f(x) = [x ≥ 0]: f' = 0 everywhere, so gradient descent gets no signal",
            Kind::Sigmoid => "logistic σ(x) = 1/(1+e^−x): saturates on both sides, σ' ≤ 0.25",
            Kind::HardSigmoid => "piecewise-linear sigmoid, clamp(x/6 + 1/2, 0, 1)",
            Kind::Tanh => "tanh(x): zero-centred, saturates on both sides, tanh' ≤ 1",
            Kind::ScaledTanh => "LeCun's a·tanh(b·x) with a = 1.7159, b = 2/3 (Efficient BackProp, 1998)",
            Kind::Hardtanh => "clamp(x, −1, 1)",
            Kind::Softsign => "x/(1+|x|): like tanh but with polynomial tails",
            Kind::Relu => "max(0, x): no saturation for x > 0, cheap; units can die (f' = 0 for x < 0)",
            Kind::Relu6 => "min(max(0, x), 6) (MobileNet)",
            Kind::BoundedRelu => "BReLU, min(max(0, x), cap)",
            Kind::LeakyRelu => "x for x > 0, else negative_slope·x: keeps a small gradient for x < 0",
            Kind::Prelu => "leaky ReLU whose slope is learned in training (He et al. 2015)",
            Kind::Elu => "x for x > 0, else α(e^x − 1) (Clevert et al. 2015)",
            Kind::Celu => "continuously differentiable ELU, α(e^(x/α) − 1) for x ≤ 0 (Barron 2017)",
            Kind::Selu => "λ·ELU with fixed λ ≈ 1.0507, α ≈ 1.6733: self-normalising (Klambauer et al. 2017)",
            Kind::Gelu => "x·Φ(x), exact with erf (Hendrycks & Gimpel 2016)",
            Kind::GeluTanh => "GELU's tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³)))",
            Kind::Swish => "x·σ(βx) (Ramachandran et al. 2017); β = 1 is SiLU",
            Kind::Hardswish => "x·relu6(x + 3)/6 (MobileNetV3)",
            Kind::Mish => "x·tanh(softplus(x)) (Misra 2019)",
            Kind::Softplus => "(1/β)·log(1 + e^(βx)): a smooth ReLU",
            Kind::Apl => "adaptive piecewise linear, max(0, x) + Σ a_s·max(0, −x + b_s) (Agostinelli et al. 2015)",
            Kind::Softmax => "vector-valued: p_i = e^(z_i/T) / Σ_j e^(z_j/T)",
        }
    }

    /// The formulas of f and f', as the doc comments state them.
    pub fn formulas(self) -> (&'static str, &'static str) {
        match self {
            Kind::Identity => ("x", "1"),
            Kind::Step => ("1 if x ≥ 0 else 0", "0"),
            Kind::Sigmoid => ("1/(1 + e^−x)", "σ(x)·σ(−x)"),
            Kind::HardSigmoid => ("clamp(x/6 + 1/2, 0, 1)", "1/6 if −3 < x < 3 else 0"),
            Kind::Tanh => ("tanh x", "sech² x"),
            Kind::ScaledTanh => ("a·tanh(b·x)", "a·b·sech²(b·x)"),
            Kind::Hardtanh => ("clamp(x, −1, 1)", "1 if −1 < x < 1 else 0"),
            Kind::Softsign => ("x/(1 + |x|)", "1/(1 + |x|)²"),
            Kind::Relu => ("max(0, x)", "1 if x > 0 else 0"),
            Kind::Relu6 => ("min(max(0, x), 6)", "1 if 0 < x < 6 else 0"),
            Kind::BoundedRelu => ("min(max(0, x), cap)", "1 if 0 < x < cap else 0"),
            Kind::LeakyRelu | Kind::Prelu => ("x if x > 0 else s·x", "1 if x > 0 else s"),
            Kind::Elu => ("x if x > 0 else α(e^x − 1)", "1 if x > 0 else α·e^x"),
            Kind::Celu => ("x if x > 0 else α(e^(x/α) − 1)", "1 if x > 0 else e^(x/α)"),
            Kind::Selu => ("λ·(x if x > 0 else α(e^x − 1))", "λ if x > 0 else λα·e^x"),
            Kind::Gelu => ("x·Φ(x)", "Φ(x) + x·φ(x)"),
            Kind::GeluTanh => (
                "x·σ(2u), u = √(2/π)(x + 0.044715x³)",
                "σ(2u) + 2x·u'·σ(2u)σ(−2u)",
            ),
            Kind::Swish => ("x·σ(βx)", "σ(βx) + βx·σ(βx)σ(−βx)"),
            Kind::Hardswish => (
                "x·relu6(x + 3)/6",
                "0 if x < −3, x/3 + 1/2 if x ≤ 3, else 1",
            ),
            Kind::Mish => ("x·tanh(softplus(x))", "tanh(sp(x)) + x·sech²(sp(x))·σ(x)"),
            Kind::Softplus => ("(1/β)·log(1 + e^(βx))", "σ(βx)"),
            Kind::Apl => (
                "max(0, x) + Σ a_s·max(0, b_s − x)",
                "[x > 0] − Σ a_s·[x < b_s]",
            ),
            Kind::Softmax => (
                "p_i = e^(z_i/T) / Σ_j e^(z_j/T)",
                "∂p_i/∂z_j = p_i(δ_ij − p_j)/T",
            ),
        }
    }
}

/// A scalar activation with its parameters resolved.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // The variants mirror `Kind`; their fields are the PyTorch parameter names.
pub enum Activation {
    Identity,
    Step,
    Sigmoid,
    HardSigmoid,
    Tanh,
    ScaledTanh { a: f64, b: f64 },
    Hardtanh,
    Softsign,
    Relu,
    Relu6,
    BoundedRelu { cap: f64 },
    LeakyRelu { negative_slope: f64 },
    Prelu { negative_slope: f64 },
    Elu { alpha: f64 },
    Celu { alpha: f64 },
    Selu,
    Gelu,
    GeluTanh,
    Swish { beta: f64 },
    Hardswish,
    Mish,
    Softplus { beta: f64 },
    Apl { a: Vec<f64>, b: Vec<f64> },
}

/// The APL hinge defaults for S hinges: slopes 0.2, positions spread evenly around 0.
pub fn apl_default_hinges(hinges: usize) -> (Vec<f64>, Vec<f64>) {
    let centre = (hinges as f64 - 1.0) / 2.0;
    let a = vec![0.2; hinges];
    let b = (0..hinges).map(|s| s as f64 - centre).collect();
    (a, b)
}

impl Activation {
    /// The kind of this activation.
    pub fn kind(&self) -> Kind {
        match self {
            Activation::Identity => Kind::Identity,
            Activation::Step => Kind::Step,
            Activation::Sigmoid => Kind::Sigmoid,
            Activation::HardSigmoid => Kind::HardSigmoid,
            Activation::Tanh => Kind::Tanh,
            Activation::ScaledTanh { .. } => Kind::ScaledTanh,
            Activation::Hardtanh => Kind::Hardtanh,
            Activation::Softsign => Kind::Softsign,
            Activation::Relu => Kind::Relu,
            Activation::Relu6 => Kind::Relu6,
            Activation::BoundedRelu { .. } => Kind::BoundedRelu,
            Activation::LeakyRelu { .. } => Kind::LeakyRelu,
            Activation::Prelu { .. } => Kind::Prelu,
            Activation::Elu { .. } => Kind::Elu,
            Activation::Celu { .. } => Kind::Celu,
            Activation::Selu => Kind::Selu,
            Activation::Gelu => Kind::Gelu,
            Activation::GeluTanh => Kind::GeluTanh,
            Activation::Swish { .. } => Kind::Swish,
            Activation::Hardswish => Kind::Hardswish,
            Activation::Mish => Kind::Mish,
            Activation::Softplus { .. } => Kind::Softplus,
            Activation::Apl { .. } => Kind::Apl,
        }
    }

    /// The kind with every parameter at its default.
    ///
    /// Softmax is vector-valued and has no scalar form: asking for it is an error, not a panic.
    pub fn with_defaults(kind: Kind) -> Result<Activation, Error> {
        let default = |key: &str| {
            kind.params()
                .iter()
                .find(|p| p.key == key)
                .map_or(f64::NAN, |p| p.default)
        };
        Ok(match kind {
            Kind::Identity => Activation::Identity,
            Kind::Step => Activation::Step,
            Kind::Sigmoid => Activation::Sigmoid,
            Kind::HardSigmoid => Activation::HardSigmoid,
            Kind::Tanh => Activation::Tanh,
            Kind::ScaledTanh => Activation::ScaledTanh {
                a: default("a"),
                b: default("b"),
            },
            Kind::Hardtanh => Activation::Hardtanh,
            Kind::Softsign => Activation::Softsign,
            Kind::Relu => Activation::Relu,
            Kind::Relu6 => Activation::Relu6,
            Kind::BoundedRelu => Activation::BoundedRelu {
                cap: default("cap"),
            },
            Kind::LeakyRelu => Activation::LeakyRelu {
                negative_slope: default("negative-slope"),
            },
            Kind::Prelu => Activation::Prelu {
                negative_slope: default("negative-slope"),
            },
            Kind::Elu => Activation::Elu {
                alpha: default("alpha"),
            },
            Kind::Celu => Activation::Celu {
                alpha: default("alpha"),
            },
            Kind::Selu => Activation::Selu,
            Kind::Gelu => Activation::Gelu,
            Kind::GeluTanh => Activation::GeluTanh,
            Kind::Swish => Activation::Swish {
                beta: default("beta"),
            },
            Kind::Hardswish => Activation::Hardswish,
            Kind::Mish => Activation::Mish,
            Kind::Softplus => Activation::Softplus {
                beta: default("beta"),
            },
            Kind::Apl => {
                let (a, b) = apl_default_hinges(1);
                Activation::Apl { a, b }
            }
            Kind::Softmax => return Err(Error::NotScalar { name: "softmax" }),
        })
    }

    /// The canonical name.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// Matches once and hands `user` this activation's f and f' as two functions, so whatever
    /// `user` does with them (one call, or a loop over a slice) is compiled once per activation
    /// with the formulas inlined: the match is out of the loop. This is the single place that
    /// maps a variant to its formulas in [`functions`].
    #[inline(always)]
    fn with_functions<U: UseFunctions>(&self, user: U) -> U::Output {
        match self {
            Activation::Identity => user.apply(f::identity, |_| 1.0),
            Activation::Step => user.apply(f::step, |_| 0.0),
            Activation::Sigmoid => user.apply(f::sigmoid, f::sigmoid_derivative),
            Activation::HardSigmoid => user.apply(f::hard_sigmoid, f::hard_sigmoid_derivative),
            Activation::Tanh => user.apply(f64::tanh, f::tanh_derivative),
            Activation::ScaledTanh { a, b } => {
                let (a, b) = (*a, *b);
                user.apply(
                    move |x| a * (b * x).tanh(),
                    move |x| a * b * f::tanh_derivative(b * x),
                )
            }
            Activation::Hardtanh => user.apply(f::hardtanh, f::hardtanh_derivative),
            Activation::Softsign => user.apply(f::softsign, f::softsign_derivative),
            Activation::Relu => user.apply(
                |x| f::clipped_relu(x, f64::INFINITY),
                |x| f::clipped_relu_derivative(x, f64::INFINITY),
            ),
            Activation::Relu6 => user.apply(
                |x| f::clipped_relu(x, 6.0),
                |x| f::clipped_relu_derivative(x, 6.0),
            ),
            Activation::BoundedRelu { cap } => {
                let cap = *cap;
                user.apply(
                    move |x| f::clipped_relu(x, cap),
                    move |x| f::clipped_relu_derivative(x, cap),
                )
            }
            Activation::LeakyRelu { negative_slope } | Activation::Prelu { negative_slope } => {
                let s = *negative_slope;
                user.apply(
                    move |x| f::leaky_relu(x, s),
                    move |x| f::leaky_relu_derivative(x, s),
                )
            }
            Activation::Elu { alpha } => {
                let alpha = *alpha;
                user.apply(
                    move |x| f::elu(x, alpha),
                    move |x| f::elu_derivative(x, alpha),
                )
            }
            Activation::Celu { alpha } => {
                let alpha = *alpha;
                user.apply(
                    move |x| f::celu(x, alpha),
                    move |x| f::celu_derivative(x, alpha),
                )
            }
            Activation::Selu => user.apply(
                |x| f::SELU_SCALE * f::elu(x, f::SELU_ALPHA),
                |x| f::SELU_SCALE * f::elu_derivative(x, f::SELU_ALPHA),
            ),
            Activation::Gelu => user.apply(f::gelu, f::gelu_derivative),
            Activation::GeluTanh => user.apply(f::gelu_tanh, f::gelu_tanh_derivative),
            Activation::Swish { beta } => {
                let beta = *beta;
                user.apply(
                    move |x| f::swish(x, beta),
                    move |x| f::swish_derivative(x, beta),
                )
            }
            Activation::Hardswish => user.apply(f::hardswish, f::hardswish_derivative),
            Activation::Mish => user.apply(f::mish, f::mish_derivative),
            Activation::Softplus { beta } => {
                let beta = *beta;
                user.apply(
                    move |x| f::softplus_beta(x, beta),
                    move |x| f::softplus_beta_derivative(x, beta),
                )
            }
            Activation::Apl { a, b } => {
                let (a, b) = (a.as_slice(), b.as_slice());
                user.apply(
                    move |x| f::apl(x, a, b),
                    move |x| f::apl_derivative(x, a, b),
                )
            }
        }
    }

    /// f(x).
    pub fn value(&self, x: f64) -> f64 {
        self.with_functions(At {
            x,
            derivative: false,
        })
    }

    /// f'(x), exact (not a finite difference), computed from x.
    pub fn derivative(&self, x: f64) -> f64 {
        self.with_functions(At {
            x,
            derivative: true,
        })
    }

    /// f''(x) by a central difference of the exact f' (step 1e-4·max(1, |x|)).
    ///
    /// It is only drawn, never used for training, so a numerical estimate is enough; at a kink it
    /// shows the spike a jump in f' produces, which is what a learner should see there.
    pub fn second_derivative(&self, x: f64) -> f64 {
        let h = 1e-4 * x.abs().max(1.0);
        (self.derivative(x + h) - self.derivative(x - h)) / (2.0 * h)
    }

    /// Evaluates f and f' over a slice. The match is hoisted out of the loop, so this is what the
    /// live cost measurement and the benchmarks time.
    pub fn evaluate_into(&self, xs: &[f64], values: &mut [f64], derivatives: &mut [f64]) {
        self.with_functions(Both {
            xs,
            values,
            derivatives,
        });
    }

    /// out = f(z) element-wise in f32 (each value computed in f64, then rounded), with the match
    /// out of the loop. Returns whether every z and every f(z) is finite (checked in the same
    /// loop, so the caller needs no second pass).
    pub fn values_f32(&self, z: &[f32], out: &mut [f32]) -> bool {
        self.with_functions(ValuesF32 { z, out })
    }

    /// delta ← delta · f'(z) element-wise in f32 (f' computed in f64, then rounded): the chain
    /// rule through the activation, with the match out of the loop. Also sums f'(z) (in f64, in
    /// order) and counts the |f'(z)| below `saturation_threshold`, which the layer statistics
    /// would otherwise recompute.
    pub fn scale_by_derivatives_f32(
        &self,
        z: &[f32],
        delta: &mut [f32],
        saturation_threshold: f64,
    ) -> SlopeSummary {
        self.with_functions(ScaleByDerivatives {
            z,
            delta,
            threshold: saturation_threshold,
        })
    }
}

/// What [`Activation::scale_by_derivatives_f32`] learned about f'(z) on the way.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SlopeSummary {
    /// Σ f'(z), in f64, summed in slice order.
    pub sum: f64,
    /// How many |f'(z)| < `threshold`.
    pub below: usize,
    /// The threshold `below` counts against.
    pub threshold: f64,
}

/// A computation over an activation's (f, f') pair, run by [`Activation::with_functions`]: it is
/// generic over the two functions, so each activation gets its own compiled copy.
trait UseFunctions {
    type Output;
    fn apply(self, f: impl Fn(f64) -> f64, d: impl Fn(f64) -> f64) -> Self::Output;
}

/// f(x) or f'(x) at one point.
struct At {
    x: f64,
    derivative: bool,
}

impl UseFunctions for At {
    type Output = f64;
    #[inline(always)]
    fn apply(self, f: impl Fn(f64) -> f64, d: impl Fn(f64) -> f64) -> f64 {
        if self.derivative {
            d(self.x)
        } else {
            f(self.x)
        }
    }
}

/// f and f' over a slice, in f64.
struct Both<'a> {
    xs: &'a [f64],
    values: &'a mut [f64],
    derivatives: &'a mut [f64],
}

impl UseFunctions for Both<'_> {
    type Output = ();
    #[inline(always)]
    fn apply(self, f: impl Fn(f64) -> f64, d: impl Fn(f64) -> f64) {
        for ((x, y), dy) in self
            .xs
            .iter()
            .zip(self.values.iter_mut())
            .zip(self.derivatives.iter_mut())
        {
            *y = f(*x);
            *dy = d(*x);
        }
    }
}

/// f over an f32 slice, checking finiteness on the way.
struct ValuesF32<'a> {
    z: &'a [f32],
    out: &'a mut [f32],
}

impl UseFunctions for ValuesF32<'_> {
    type Output = bool;
    #[inline(always)]
    fn apply(self, f: impl Fn(f64) -> f64, _: impl Fn(f64) -> f64) -> bool {
        let mut finite = true;
        for (z, y) in self.z.iter().zip(self.out.iter_mut()) {
            let v = f(f64::from(*z)) as f32;
            *y = v;
            finite &= z.is_finite() & v.is_finite();
        }
        finite
    }
}

/// delta · f'(z) over f32 slices, summarising f' on the way.
struct ScaleByDerivatives<'a> {
    z: &'a [f32],
    delta: &'a mut [f32],
    threshold: f64,
}

impl UseFunctions for ScaleByDerivatives<'_> {
    type Output = SlopeSummary;
    #[inline(always)]
    fn apply(self, _: impl Fn(f64) -> f64, d: impl Fn(f64) -> f64) -> SlopeSummary {
        let (mut sum, mut below) = (0.0, 0usize);
        for (z, delta) in self.z.iter().zip(self.delta.iter_mut()) {
            let slope = d(f64::from(*z));
            *delta *= slope as f32;
            sum += slope;
            below += usize::from(slope.abs() < self.threshold);
        }
        SlopeSummary {
            sum,
            below,
            threshold: self.threshold,
        }
    }
}
