//! A formula typed by the user, as an activation: parsed once, differentiated exactly, compiled
//! to flat tapes, run in f64 over whole slices (the layers pass and training round to f32).
//!
//! # Grammar
//!
//! ```text
//! formula := sum                      at most 200 characters, nesting at most 32
//! sum     := product (('+' | '-') product)*
//! product := signed (('*' | '/') signed)*
//! signed  := ('-' | '+') signed | power          −x^2 = −(x^2)
//! power   := atom ('^' signed)?                  right-associative: 2^3^2 = 2^9
//! atom    := number | 'x' | 'pi' | 'e' | letter | name '(' sum (',' sum)* ')' | '(' sum ')'
//! number  := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]       1.5, 2e-3, .5
//! name    := exp log log1p expm1 sqrt abs sign sin cos tan sinh cosh tanh atan erf sigmoid
//!            softplus relu step (one argument), min max (two)
//! letter  := one lowercase letter other than x and e: a parameter (at most three), valued by
//!            formula-params=k:1.5,a:2
//! ```
//!
//! Names are read case-insensitively; `step(u)` = [u ≥ 0] as the catalogue's step; every
//! function is the stable form the catalogue uses (σ, softplus and sech² never overflow).
//!
//! # Derivatives
//!
//! Symbolic differentiation of the parsed expression ([`expr`]), with light simplification, so
//! f′ can be typeset and read, and f′, f″ and ∂f/∂p are exact to rounding. At a kink the rule is
//! PyTorch autograd's: abs′(0) = 0, relu′(0) = 0, step′ = sign′ = 0, and max/min split the
//! gradient half and half at a tie (torch.maximum). σ′ = σ(u)σ(−u) and tanh′ = sech²(u) are
//! taken in forms that keep full relative precision in the tails, so `x*sigmoid(x)` and
//! `x*tanh(softplus(x))` agree with the catalogue's swish and mish to 1e-12 relative.
//!
//! # Why hand-written, not `exmex`
//!
//! Measured on this machine (exmex 0.21 with its `partial` feature, release, LTO):
//! - wasm size: a cdylib that only parses, differentiates twice and evaluates with exmex is
//!   1.42 MB before wasm-opt (exmex pulls in `regex`), more than the whole lab; with this module
//!   and the custom entry, its card, MathML and keys, the lab's module (wasm-bindgen + wasm-opt
//!   -O3, plain build) went from 1,071,909 to 1,145,621 bytes (+74 KB, 419 KB gzipped);
//! - speed on `x*tanh(log(1+exp(x)))`: exmex evaluates f in 86 ns and f′ in 174 ns a value (a
//!   tree walk per value); the tape here runs f, f′ and f″ together over a slice;
//! - correctness: exmex cannot differentiate `abs` ("operator abs needed for outer partial
//!   derivative"), has no relu/step/sigmoid/softplus with PyTorch's kink rule, and writes
//!   tanh′ as 1 − tanh², which loses the tails' relative precision.
//!
//! So the parser is ~300 lines of recursive descent, and the bounds (length, nesting, names,
//! columns) are checked as it reads, where exmex would need a second pass for each.

pub mod expr;
pub mod mathml;
pub mod number;
pub mod parse;
mod problem;
pub mod tape;

use expr::{Bin, Differentiator, Expr, Var, E};
use tape::Tape;

pub use problem::{function_names, Problem};

/// The index of each tape's outputs.
const CURVES: [&str; 3] = ["f", "f′", "f″"];

/// A parsed, differentiated and compiled formula. Its parameters' values are not part of it:
/// they are passed to every evaluation, so a slider or a training step needs no recompiling.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    source: String,
    params: Vec<char>,
    /// f, f′, f″ (f64, the curves and the card).
    curves: Tape,
    /// f alone (the forward pass).
    values: Tape,
    /// f′ alone (the backward pass).
    slopes: Tape,
    /// f, f′ and ∂f/∂p_i (training with learned parameters).
    learn: Tape,
    /// The arguments u of every kink (abs(u), relu(u), step(u), sign(u), a − b of max/min).
    kink_arguments: Tape,
}

impl Formula {
    /// Parses, differentiates and compiles `source`.
    pub fn new(source: &str) -> Result<Formula, Problem> {
        let parsed = parse::parse(source)?;
        let f = parsed.expr;
        let d1 = Differentiator::new(Var::X).diff(&f);
        let d2 = Differentiator::new(Var::X).diff(&d1);
        let mut learn = vec![f.clone(), d1.clone()];
        for i in 0..parsed.params.len() {
            learn.push(Differentiator::new(Var::Param(i)).diff(&f));
        }
        let mut kinks = Vec::new();
        kink_arguments(&f, &mut kinks);
        let compile = |outputs: &[E]| {
            Tape::compile(outputs).map_err(|tape::TooLong(got)| Problem::TooComplex {
                got,
                max: tape::MAX_INSTRUCTIONS,
            })
        };
        Ok(Formula {
            source: source.trim().to_string(),
            params: parsed.params,
            curves: compile(&[f.clone(), d1.clone(), d2])?,
            values: compile(&[f])?,
            slopes: compile(&[d1])?,
            learn: compile(&learn)?,
            kink_arguments: compile(&kinks)?,
        })
    }

    /// The formula as typed (trimmed).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The parameters' letters, in order of first use (the order `p` holds their values).
    pub fn params(&self) -> &[char] {
        &self.params
    }

    /// f(x).
    pub fn value(&self, x: f64, p: &[f64]) -> f64 {
        self.values.at(x, p)[0]
    }

    /// f′(x).
    pub fn derivative(&self, x: f64, p: &[f64]) -> f64 {
        self.slopes.at(x, p)[0]
    }

    /// f″(x).
    pub fn second_derivative(&self, x: f64, p: &[f64]) -> f64 {
        self.curves.at(x, p)[2]
    }

    /// (f(x), f′(x)), with ∂f/∂p_i written into `dp`.
    pub fn gradient(&self, x: f64, p: &[f64], dp: &mut [f64]) -> (f64, f64) {
        self.gradient_with(x, p, dp, &mut Vec::new())
    }

    /// [`Formula::gradient`] with the tape's scratch kept by the caller (training calls it once
    /// a value: allocating the scratch each time made learning a formula's letters ~6× slower
    /// than learning Swish's β).
    pub fn gradient_with(
        &self,
        x: f64,
        p: &[f64],
        dp: &mut [f64],
        scratch: &mut Vec<[f64; tape::BLOCK]>,
    ) -> (f64, f64) {
        let mut all = [0.0; 2 + parse::MAX_PARAMS];
        let all = &mut all[..self.learn.outputs()];
        self.learn.at_with(x, p, scratch, all);
        for (d, v) in dp.iter_mut().zip(&all[2..]) {
            *d = *v;
        }
        (all[0], all[1])
    }

    /// f, f′ and f″ over a slice, in f64.
    pub fn curves(&self, xs: &[f64], p: &[f64]) -> [Vec<f64>; 3] {
        let mut out = CURVES.map(|_| vec![0.0; xs.len()]);
        {
            let mut refs: Vec<&mut [f64]> = out.iter_mut().map(|v| &mut v[..]).collect();
            self.curves.eval(xs, p, &mut refs);
        }
        out
    }

    /// f and f′ over a slice, in f64.
    pub fn evaluate_into(&self, xs: &[f64], p: &[f64], values: &mut [f64], slopes: &mut [f64]) {
        self.learn.eval(xs, p, &mut [values, slopes]);
    }

    /// out = f(z) in f32; whether every z and f(z) is finite.
    ///
    /// The tape runs in f64 and rounds: one instantiation of the tape (an f32 one would bring
    /// f32 copies of every libm function into the wasm module: 17 KB measured), and mish's
    /// own exact path is f64 too.
    pub fn values_f32(&self, z: &[f32], p: &[f64], out: &mut [f32]) -> bool {
        let wide: Vec<f64> = z.iter().map(|v| f64::from(*v)).collect();
        let mut values = vec![0.0; z.len()];
        self.values.eval(&wide, p, &mut [&mut values[..]]);
        let mut finite = true;
        for ((a, v), z) in out.iter_mut().zip(&values).zip(z) {
            *a = *v as f32;
            finite &= z.is_finite() & a.is_finite();
        }
        finite
    }

    /// delta ← delta·f′(z) in f32; returns Σ f′(z) (in f64, in slice order) and how many
    /// |f′(z)| < `threshold`, the summary the catalogue's loop gives.
    pub fn scale_by_derivatives_f32(
        &self,
        z: &[f32],
        p: &[f64],
        delta: &mut [f32],
        threshold: f64,
    ) -> (f64, usize) {
        let wide: Vec<f64> = z.iter().map(|v| f64::from(*v)).collect();
        let mut slopes = vec![0.0; z.len()];
        self.slopes.eval(&wide, p, &mut [&mut slopes[..]]);
        let (mut sum, mut below) = (0.0, 0usize);
        for (d, s) in delta.iter_mut().zip(&slopes) {
            *d *= *s as f32;
            sum += *s;
            below += usize::from(s.abs() < threshold);
        }
        (sum, below)
    }

    /// The x in [lo, hi] where f has a kink or a jump (an argument of abs, relu, step, sign, max
    /// or min crosses zero), found on a grid of 2001 points and refined by bisection.
    pub fn kinks(&self, p: &[f64], lo: f64, hi: f64) -> Vec<f64> {
        const GRID: usize = 2001;
        let count = self.kink_arguments.outputs();
        if count == 0 || lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
            return Vec::new();
        }
        let xs: Vec<f64> = (0..GRID)
            .map(|i| lo + (hi - lo) * i as f64 / (GRID - 1) as f64)
            .collect();
        let mut values = vec![vec![0.0; GRID]; count];
        {
            let mut refs: Vec<&mut [f64]> = values.iter_mut().map(|v| &mut v[..]).collect();
            self.kink_arguments.eval(&xs, p, &mut refs);
        }
        let mut found = Vec::new();
        for (k, u) in values.iter().enumerate() {
            for i in 0..GRID {
                if u[i] == 0.0 {
                    found.push(xs[i]);
                } else if i + 1 < GRID && u[i + 1] != 0.0 && (u[i] < 0.0) != (u[i + 1] < 0.0) {
                    found.push(self.bisect(k, p, xs[i], xs[i + 1], u[i]));
                }
            }
        }
        found.sort_unstable_by(f64::total_cmp);
        found.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * (hi - lo));
        found
    }

    fn bisect(&self, k: usize, p: &[f64], mut a: f64, mut b: f64, ua: f64) -> f64 {
        let negative = ua < 0.0;
        for _ in 0..60 {
            let m = 0.5 * (a + b);
            let um = self.kink_arguments.at(m, p)[k];
            if um == 0.0 || um.is_nan() {
                return m;
            }
            if (um < 0.0) == negative {
                a = m;
            } else {
                b = m;
            }
        }
        0.5 * (a + b)
    }
}

/// Collects the arguments at whose zeros f has a kink.
fn kink_arguments(e: &E, out: &mut Vec<E>) {
    match &**e {
        Expr::Neg(a) => kink_arguments(a, out),
        Expr::Bin(op, a, b) => {
            if matches!(op, Bin::Max | Bin::Min) {
                out.push(expr::bin(Bin::Sub, a.clone(), b.clone()));
            }
            kink_arguments(a, out);
            kink_arguments(b, out);
        }
        Expr::Call(f, a) => {
            if f.kinks() {
                out.push(a.clone());
            }
            kink_arguments(a, out);
        }
        _ => {}
    }
}

/// Parses `formula-params` text (`k:1.5,a:-2`) into letters and values.
pub fn parse_params(text: &str) -> Result<Vec<(char, f64)>, Problem> {
    let mut out: Vec<(char, f64)> = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || Problem::ParamsSyntax {
            fragment: pair.chars().take(40).collect(),
        };
        let (name, value) = pair.split_once(':').ok_or_else(bad)?;
        let mut letters = name.trim().chars();
        let (Some(letter), None) = (letters.next(), letters.next()) else {
            return Err(bad());
        };
        let letter = letter.to_ascii_lowercase();
        let value: f64 = number::parse(value.trim()).ok_or_else(bad)?;
        if !letter.is_ascii_lowercase()
            || letter == 'x'
            || letter == 'e'
            || !value.is_finite()
            || out.iter().any(|(l, _)| *l == letter)
            || out.len() >= parse::MAX_PARAMS
        {
            return Err(bad());
        }
        out.push((letter, value));
    }
    Ok(out)
}
