//! The compiled form: a flat instruction tape in single-assignment form, evaluated over a whole
//! slice a block at a time (each instruction runs over 64 values before the next), so the
//! dispatch costs once per block rather than once per value and each instruction's loop is a
//! plain loop over arrays. Equal subexpressions of all the outputs (f, f′, f″, ∂f/∂p share most
//! of their terms) are computed once.

use super::expr::{Bin, Constant, Expr, Func, E};
use std::collections::HashMap;
use std::rc::Rc;

/// Values per block.
pub const BLOCK: usize = 64;

/// Most instructions a tape may have: a bound on the work per value and on the scratch memory
/// (64 values × 8 bytes each), far above what a 200-character formula's f″ needs in practice.
pub const MAX_INSTRUCTIONS: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Const(f64),
    X,
    Param(usize),
    Neg(usize),
    Bin(Bin, usize, usize),
    PowI(usize, i32),
    Call(Func, usize),
}

/// A key for merging equal instructions (literals by their bits).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Const(u64),
    X,
    Param(usize),
    Neg(usize),
    Bin(Bin, usize, usize),
    PowI(usize, i32),
    Call(Func, usize),
}

fn key(op: Op) -> Key {
    match op {
        Op::Const(v) => Key::Const(v.to_bits()),
        Op::X => Key::X,
        Op::Param(i) => Key::Param(i),
        Op::Neg(a) => Key::Neg(a),
        Op::Bin(b, x, y) => Key::Bin(b, x, y),
        Op::PowI(a, n) => Key::PowI(a, n),
        Op::Call(f, a) => Key::Call(f, a),
    }
}

/// Several expressions compiled into one tape.
#[derive(Clone, Debug, PartialEq)]
pub struct Tape {
    ops: Vec<Op>,
    outputs: Vec<usize>,
}

/// The tape would be longer than [`MAX_INSTRUCTIONS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong(pub usize);

struct Compiler {
    ops: Vec<Op>,
    seen: HashMap<Key, usize>,
    nodes: HashMap<*const Expr, (E, usize)>,
}

impl Compiler {
    fn push(&mut self, op: Op) -> Result<usize, TooLong> {
        if let Some(&slot) = self.seen.get(&key(op)) {
            return Ok(slot);
        }
        if self.ops.len() >= MAX_INSTRUCTIONS {
            return Err(TooLong(self.ops.len() + 1));
        }
        self.ops.push(op);
        self.seen.insert(key(op), self.ops.len() - 1);
        Ok(self.ops.len() - 1)
    }

    fn node(&mut self, e: &E) -> Result<usize, TooLong> {
        if let Some((_, slot)) = self.nodes.get(&Rc::as_ptr(e)) {
            return Ok(*slot);
        }
        let op = match &**e {
            Expr::Num(v) => Op::Const(*v),
            Expr::Const(c) => Op::Const(Constant::value(*c)),
            Expr::X => Op::X,
            Expr::Param(i) => Op::Param(*i),
            Expr::Neg(a) => Op::Neg(self.node(a)?),
            // A small integer power is repeated multiplication: exact for negative bases, and
            // cheaper than powf.
            Expr::Bin(Bin::Pow, a, b)
                if b.number()
                    .is_some_and(|n| n.fract() == 0.0 && n.abs() <= 64.0) =>
            {
                Op::PowI(self.node(a)?, b.number().map_or(1, |n| n as i32))
            }
            Expr::Bin(op, a, b) => Op::Bin(*op, self.node(a)?, self.node(b)?),
            Expr::Call(f, a) => Op::Call(*f, self.node(a)?),
        };
        let slot = self.push(op)?;
        self.nodes.insert(Rc::as_ptr(e), (e.clone(), slot));
        Ok(slot)
    }
}

impl Tape {
    /// Compiles `outputs` into one tape.
    pub fn compile(outputs: &[E]) -> Result<Tape, TooLong> {
        let mut compiler = Compiler {
            ops: Vec::new(),
            seen: HashMap::new(),
            nodes: HashMap::new(),
        };
        let outputs = outputs
            .iter()
            .map(|e| compiler.node(e))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tape {
            ops: compiler.ops,
            outputs,
        })
    }

    /// How many instructions.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// How many outputs.
    pub fn outputs(&self) -> usize {
        self.outputs.len()
    }

    /// Whether the tape is empty (never, once compiled from an output).
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Evaluates every output at every x: `outputs[k][i]` is output k at `xs[i]`, with the
    /// parameters `params` (one value per parameter index).
    pub fn eval<T: Real>(&self, xs: &[T], params: &[f64], outputs: &mut [&mut [T]]) {
        let mut slots = vec![[T::ZERO; BLOCK]; self.ops.len()];
        for (block, chunk) in xs.chunks(BLOCK).enumerate() {
            let n = chunk.len();
            for (i, op) in self.ops.iter().enumerate() {
                let (done, rest) = slots.split_at_mut(i);
                let out = &mut rest[0][..n];
                run(*op, chunk, params, done, out);
            }
            let start = block * BLOCK;
            for (k, &slot) in self.outputs.iter().enumerate() {
                if let Some(target) = outputs.get_mut(k) {
                    target[start..start + n].copy_from_slice(&slots[slot][..n]);
                }
            }
        }
    }

    /// Every output at one x into `out`, in f64, with `slots` as the scratch (kept by a caller
    /// that evaluates one value at a time, as training's learned parameters do, so no call
    /// allocates).
    pub fn at_with(&self, x: f64, params: &[f64], slots: &mut Vec<[f64; BLOCK]>, out: &mut [f64]) {
        slots.resize(self.ops.len(), [0.0; BLOCK]);
        for (i, op) in self.ops.iter().enumerate() {
            let (done, rest) = slots.split_at_mut(i);
            run(*op, &[x], params, done, &mut rest[0][..1]);
        }
        for (o, &slot) in out.iter_mut().zip(&self.outputs) {
            *o = slots[slot][0];
        }
    }

    /// Every output at one x, in f64.
    pub fn at(&self, x: f64, params: &[f64]) -> Vec<f64> {
        let mut values = vec![[0.0]; self.outputs.len()];
        let mut refs: Vec<&mut [f64]> = values.iter_mut().map(|v| &mut v[..]).collect();
        self.eval(&[x], params, &mut refs);
        values.into_iter().map(|v| v[0]).collect()
    }
}

/// One instruction over one block.
#[inline(always)]
fn run<T: Real>(op: Op, xs: &[T], params: &[f64], done: &[[T; BLOCK]], out: &mut [T]) {
    let n = out.len();
    match op {
        Op::Const(v) => out.fill(T::from_f64(v)),
        Op::X => out.copy_from_slice(xs),
        Op::Param(i) => out.fill(T::from_f64(params.get(i).copied().unwrap_or(f64::NAN))),
        Op::Neg(a) => map(out, &done[a][..n], |v| -v),
        Op::PowI(a, k) => map(out, &done[a][..n], |v| v.powi(k)),
        Op::Bin(op, a, b) => {
            let (a, b) = (&done[a][..n], &done[b][..n]);
            match op {
                Bin::Add => zip(out, a, b, |x, y| x + y),
                Bin::Sub => zip(out, a, b, |x, y| x - y),
                Bin::Mul => zip(out, a, b, |x, y| x * y),
                Bin::Div => zip(out, a, b, |x, y| x / y),
                Bin::Pow => zip(out, a, b, T::powf),
                // torch.maximum/minimum propagate NaN; so do these.
                Bin::Max => zip(out, a, b, |x, y| if x.is_nan() || x >= y { x } else { y }),
                Bin::Min => zip(out, a, b, |x, y| if x.is_nan() || x <= y { x } else { y }),
            }
        }
        Op::Call(f, a) => {
            let a = &done[a][..n];
            match f {
                Func::Exp => map(out, a, T::exp),
                Func::Log => map(out, a, T::ln),
                Func::Log1p => map(out, a, T::ln_1p),
                Func::Expm1 => map(out, a, T::exp_m1),
                Func::Sqrt => map(out, a, T::sqrt),
                Func::Abs => map(out, a, T::abs),
                Func::Sign => map(out, a, |v| {
                    if v > T::ZERO {
                        T::ONE
                    } else if v < T::ZERO {
                        -T::ONE
                    } else {
                        v // ±0 stays, NaN stays NaN (torch.sign)
                    }
                }),
                Func::Sin => map(out, a, T::sin),
                Func::Cos => map(out, a, T::cos),
                Func::Tan => map(out, a, T::tan),
                Func::Sinh => map(out, a, T::sinh),
                Func::Cosh => map(out, a, T::cosh),
                Func::Tanh => map(out, a, T::tanh),
                Func::Atan => map(out, a, T::atan),
                Func::Erf => map(out, a, T::erf),
                Func::Sigmoid => map(out, a, T::sigmoid),
                Func::Softplus => map(out, a, T::softplus),
                Func::Sech2 => map(out, a, T::sech2),
                Func::Relu => map(out, a, |v| if v > T::ZERO { v } else { T::ZERO * v }),
                Func::Step => map(out, a, |v| indicator(v >= T::ZERO, v)),
                Func::Pos => map(out, a, |v| indicator(v > T::ZERO, v)),
                Func::Half => map(out, a, |v| {
                    if v == T::ZERO {
                        T::from_f64(0.5)
                    } else {
                        indicator(v > T::ZERO, v)
                    }
                }),
            }
        }
    }
}

/// 1 or 0, and NaN for NaN (so a NaN input is never hidden by a step).
#[inline(always)]
fn indicator<T: Real>(on: bool, v: T) -> T {
    if v.is_nan() {
        v
    } else if on {
        T::ONE
    } else {
        T::ZERO
    }
}

#[inline(always)]
fn map<T: Real>(out: &mut [T], a: &[T], f: impl Fn(T) -> T) {
    for (o, v) in out.iter_mut().zip(a) {
        *o = f(*v);
    }
}

#[inline(always)]
fn zip<T: Real>(out: &mut [T], a: &[T], b: &[T], f: impl Fn(T, T) -> T) {
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = f(*x, *y);
    }
}

/// The float type a tape runs in: f64 (the layers pass and training round its values to f32;
/// the trait keeps the instruction loops readable and would take an f32 instance).
pub trait Real:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Neg<Output = Self>
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// The nearest value.
    fn from_f64(v: f64) -> Self;
    #[allow(missing_docs)]
    fn is_nan(self) -> bool;
    #[allow(missing_docs)]
    fn exp(self) -> Self;
    #[allow(missing_docs)]
    fn ln(self) -> Self;
    #[allow(missing_docs)]
    fn ln_1p(self) -> Self;
    #[allow(missing_docs)]
    fn exp_m1(self) -> Self;
    #[allow(missing_docs)]
    fn sqrt(self) -> Self;
    #[allow(missing_docs)]
    fn abs(self) -> Self;
    #[allow(missing_docs)]
    fn sin(self) -> Self;
    #[allow(missing_docs)]
    fn cos(self) -> Self;
    #[allow(missing_docs)]
    fn tan(self) -> Self;
    #[allow(missing_docs)]
    fn sinh(self) -> Self;
    #[allow(missing_docs)]
    fn cosh(self) -> Self;
    #[allow(missing_docs)]
    fn tanh(self) -> Self;
    #[allow(missing_docs)]
    fn atan(self) -> Self;
    #[allow(missing_docs)]
    fn erf(self) -> Self;
    #[allow(missing_docs)]
    fn powi(self, n: i32) -> Self;
    #[allow(missing_docs)]
    fn powf(self, y: Self) -> Self;
    /// σ(v) = 1/(1 + e^−v), with `exp` never of a large positive number.
    fn sigmoid(self) -> Self {
        if self >= Self::ZERO {
            Self::ONE / (Self::ONE + (-self).exp())
        } else {
            let e = self.exp();
            e / (Self::ONE + e)
        }
    }
    /// log(1 + e^v) = max(v, 0) + log1p(e^−|v|).
    fn softplus(self) -> Self {
        let positive = if self > Self::ZERO { self } else { Self::ZERO };
        positive + (-self.abs()).exp().ln_1p()
    }
    /// sech²(v) = 4e^−2|v| / (1 + e^−2|v|)².
    fn sech2(self) -> Self {
        let e = (Self::from_f64(-2.0) * self.abs()).exp();
        Self::from_f64(4.0) * e / ((Self::ONE + e) * (Self::ONE + e))
    }
}

macro_rules! real {
    ($t:ty, $erf:path) => {
        impl Real for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            #[inline(always)]
            fn exp(self) -> Self {
                <$t>::exp(self)
            }
            #[inline(always)]
            fn ln(self) -> Self {
                <$t>::ln(self)
            }
            #[inline(always)]
            fn ln_1p(self) -> Self {
                <$t>::ln_1p(self)
            }
            #[inline(always)]
            fn exp_m1(self) -> Self {
                <$t>::exp_m1(self)
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
            #[inline(always)]
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            #[inline(always)]
            fn sin(self) -> Self {
                <$t>::sin(self)
            }
            #[inline(always)]
            fn cos(self) -> Self {
                <$t>::cos(self)
            }
            #[inline(always)]
            fn tan(self) -> Self {
                <$t>::tan(self)
            }
            #[inline(always)]
            fn sinh(self) -> Self {
                <$t>::sinh(self)
            }
            #[inline(always)]
            fn cosh(self) -> Self {
                <$t>::cosh(self)
            }
            #[inline(always)]
            fn tanh(self) -> Self {
                <$t>::tanh(self)
            }
            #[inline(always)]
            fn atan(self) -> Self {
                <$t>::atan(self)
            }
            #[inline(always)]
            fn erf(self) -> Self {
                $erf(self)
            }
            #[inline(always)]
            fn powi(self, n: i32) -> Self {
                <$t>::powi(self, n)
            }
            #[inline(always)]
            fn powf(self, y: Self) -> Self {
                <$t>::powf(self, y)
            }
        }
    };
}

real!(f64, libm::erf);
