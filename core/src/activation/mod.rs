//! The activation catalogue: names, parameters, values and exact derivatives.
//!
//! Each activation is one entry in [`catalogue`] (one file each): its names, parameters,
//! formulas, f32 fast path, properties and texts in English and Korean, declared once. The
//! [`registry`] macro turns the catalogue's list into [`Kind`] (a name) and [`Activation`] (a
//! kind with its parameters resolved, ready to evaluate); this module adds the evaluation loops
//! every caller shares. [`functions`] keeps the stable kernels several entries share, and
//! [`properties`] turns an entry's declared facts into the card a learner reads.

#[macro_use]
mod registry;
pub mod catalogue;
pub mod custom;
pub mod entry;
pub mod fast;
/// A typed formula as an activation: its own crate, compiled for size in the wasm build (see
/// `formula/Cargo.toml`), reached under its old path.
pub use activation_lab_formula as formula;
pub mod functions;
pub mod params;
pub mod properties;
pub mod timing;

pub use catalogue::{apl_default_hinges, Activation, Kind};
pub use entry::{Entry, ParamSpec, Text};

use crate::error::Error;

/// Why a kind has no activation at default parameters ([`Activation::with_defaults`]). It is
/// the catalogue's own answer, so the catalogue needs nothing above it; the error crate's `Error`
/// turns it into the reader's sentence in English and Korean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDefaults {
    /// A vector-valued activation (softmax), which has its own view and no scalar form.
    NotScalar(&'static str),
    /// A typed formula, which has no default text.
    Formula,
}

impl std::fmt::Display for NoDefaults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoDefaults::NotScalar(name) => {
                write!(f, "{name} is vector-valued: it has no scalar form")
            }
            NoDefaults::Formula => f.write_str("a typed formula has no default: it needs its text"),
        }
    }
}

impl std::error::Error for NoDefaults {}

/// The reader's sentence for a missing default, in English and Korean, is the error crate's.
impl From<NoDefaults> for Error {
    fn from(missing: NoDefaults) -> Error {
        match missing {
            NoDefaults::NotScalar(name) => Error::NotScalar { name },
            NoDefaults::Formula => Error::Formula {
                problem: formula::Problem::Missing,
            },
        }
    }
}

impl Kind {
    /// Accepted second spellings (`silu` is Swish with β = 1, β's default), from the entries.
    pub const ALIASES: [(&'static str, Kind); alias_count()] = aliases();

    /// The canonical name, as PyTorch's functional API spells it.
    pub const fn name(self) -> &'static str {
        self.entry().name
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
            .or_else(|| (name == Kind::Custom.name()).then_some(Kind::Custom))
    }

    /// The comma-separated list of canonical names, for error messages.
    pub fn valid_names() -> String {
        Kind::ALL.map(Kind::name).join(", ")
    }

    /// The scalar parameters this kind reads, with their defaults and slider ranges.
    pub fn params(self) -> &'static [ParamSpec] {
        self.entry().params
    }

    /// One line on what the function is and where it comes from.
    pub fn summary(self) -> &'static str {
        self.entry().summary.en
    }

    /// The formulas of f and f', as the card shows them.
    pub fn formulas(self) -> (&'static str, &'static str) {
        let entry = self.entry();
        (entry.formula.en, entry.derivative_formula.en)
    }
}

/// How many aliases the entries declare, for the length of [`Kind::ALIASES`].
const fn alias_count() -> usize {
    let (mut count, mut i) = (0, 0);
    while i < Kind::ALL.len() {
        count += Kind::ALL[i].entry().aliases.len();
        i += 1;
    }
    count
}

/// Every entry's aliases with their kind, in catalogue order.
const fn aliases() -> [(&'static str, Kind); alias_count()] {
    let mut out = [("", Kind::Identity); alias_count()];
    let (mut next, mut i) = (0, 0);
    while i < Kind::ALL.len() {
        let names = Kind::ALL[i].entry().aliases;
        let mut j = 0;
        while j < names.len() {
            out[next] = (names[j], Kind::ALL[i]);
            next += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

impl Activation {
    /// The canonical name.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// This activation's catalogue entry.
    pub fn entry(&self) -> &'static Entry {
        self.kind().entry()
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

    /// f''(x): exact where the entry states it, else a central difference of the exact f'
    /// (step 1e-4·max(1, |x|)).
    ///
    /// It is only drawn, never used for training, so a numerical estimate is enough where no
    /// formula is given; at a kink it shows the spike a jump in f' produces, which is what a
    /// learner should see there.
    pub fn second_derivative(&self, x: f64) -> f64 {
        if let Activation::Custom(custom) = self {
            return custom.formula().second_derivative(x, custom.values());
        }
        if let Some(exact) = self.entry().second_derivative {
            return exact(x, &self.flat_params());
        }
        let h = 1e-4 * x.abs().max(1.0);
        (self.derivative(x + h) - self.derivative(x - h)) / (2.0 * h)
    }

    /// Evaluates f and f' over a slice. The match is hoisted out of the loop, so this is what the
    /// live cost measurement and the benchmarks time.
    pub fn evaluate_into(&self, xs: &[f64], values: &mut [f64], derivatives: &mut [f64]) {
        if let Activation::Custom(custom) = self {
            let p = custom.values();
            return custom.formula().evaluate_into(xs, p, values, derivatives);
        }
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
        if let Activation::Custom(custom) = self {
            return custom.formula().values_f32(z, custom.values(), out);
        }
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
        if let Activation::Custom(custom) = self {
            let p = custom.values();
            let formula = custom.formula();
            let (sum, below) = formula.scale_by_derivatives_f32(z, p, delta, saturation_threshold);
            return SlopeSummary {
                sum,
                below,
                threshold: saturation_threshold,
            };
        }
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
pub(crate) trait UseFunctions {
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
