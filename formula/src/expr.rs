//! The parsed expression, its simplifying constructors and its exact derivatives.
//!
//! Children are shared (`Rc`), and differentiation is memoised per node, so f′ and f″ stay
//! graphs about the size of f instead of trees that grow with every product rule; the tape
//! compiler ([`super::tape`]) then merges equal subexpressions. At a kink the derivative follows
//! PyTorch's autograd: abs′(0) = sign(0) = 0, relu′(0) = 0, step′ = sign′ = 0 everywhere, and
//! max(a, b) / min(a, b) split the gradient half and half where a = b (torch.maximum).

use std::collections::HashMap;
use std::rc::Rc;

/// A shared subexpression.
pub type E = Rc<Expr>;

/// A named constant, kept by name so the typeset formula shows π and e.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Constant {
    /// π.
    Pi,
    /// Euler's number.
    E,
}

impl Constant {
    /// Its value.
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }
}

/// The binary operators, with `min` and `max` (two arguments, no kink rule of their own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bin {
    /// a + b.
    Add,
    /// a − b.
    Sub,
    /// a · b.
    Mul,
    /// a / b.
    Div,
    /// a^b.
    Pow,
    /// min(a, b).
    Min,
    /// max(a, b).
    Max,
}

/// Functions of one argument. The first group can be typed; `Sech2`, `Pos` and `Half` only
/// appear in derivatives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // Each is the function of its name; the internal ones are documented.
pub enum Func {
    Exp,
    Log,
    Log1p,
    Expm1,
    Sqrt,
    Abs,
    Sign,
    Sin,
    Cos,
    Tan,
    Sinh,
    Cosh,
    Tanh,
    Atan,
    Erf,
    Sigmoid,
    Softplus,
    Relu,
    /// [u ≥ 0], as the catalogue's binary step.
    Step,
    /// sech²(u) = 1 − tanh²(u), in a form that neither cancels nor overflows.
    Sech2,
    /// [u > 0]: relu′ with relu′(0) = 0.
    Pos,
    /// 1 for u > 0, ½ at u = 0, 0 for u < 0: torch.maximum's share of the gradient.
    Half,
}

/// The functions a formula may call, by name, with their argument counts.
pub const FUNCTIONS: [(&str, Callable); 21] = [
    ("exp", Callable::One(Func::Exp)),
    ("log", Callable::One(Func::Log)),
    ("log1p", Callable::One(Func::Log1p)),
    ("expm1", Callable::One(Func::Expm1)),
    ("sqrt", Callable::One(Func::Sqrt)),
    ("abs", Callable::One(Func::Abs)),
    ("sign", Callable::One(Func::Sign)),
    ("min", Callable::Two(Bin::Min)),
    ("max", Callable::Two(Bin::Max)),
    ("sin", Callable::One(Func::Sin)),
    ("cos", Callable::One(Func::Cos)),
    ("tan", Callable::One(Func::Tan)),
    ("sinh", Callable::One(Func::Sinh)),
    ("cosh", Callable::One(Func::Cosh)),
    ("tanh", Callable::One(Func::Tanh)),
    ("atan", Callable::One(Func::Atan)),
    ("erf", Callable::One(Func::Erf)),
    ("sigmoid", Callable::One(Func::Sigmoid)),
    ("softplus", Callable::One(Func::Softplus)),
    ("relu", Callable::One(Func::Relu)),
    ("step", Callable::One(Func::Step)),
];

/// A function name's meaning: one argument or two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callable {
    /// f(u).
    One(Func),
    /// min or max of (a, b).
    Two(Bin),
}

impl Func {
    /// The name the formula uses (the internal ones get the name they are typeset with).
    pub fn name(self) -> &'static str {
        FUNCTIONS
            .iter()
            .find(|(_, c)| *c == Callable::One(self))
            .map_or(
                match self {
                    Func::Sech2 => "sech²",
                    Func::Pos => "H",
                    _ => "H½",
                },
                |(name, _)| name,
            )
    }

    /// Whether the function has a kink or jump at u = 0.
    pub fn kinks(self) -> bool {
        matches!(
            self,
            Func::Abs | Func::Sign | Func::Relu | Func::Step | Func::Pos | Func::Half
        )
    }
}

/// A formula's expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal.
    Num(f64),
    /// π or e.
    Const(Constant),
    /// The input.
    X,
    /// The i-th parameter.
    Param(usize),
    /// −a.
    Neg(E),
    /// a ∘ b.
    Bin(Bin, E, E),
    /// f(a).
    Call(Func, E),
}

impl Expr {
    /// The literal's value, if this is a number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Expr::Num(v) => Some(*v),
            _ => None,
        }
    }

    fn is(&self, v: f64) -> bool {
        self.number() == Some(v)
    }
}

/// A literal.
pub fn num(v: f64) -> E {
    Rc::new(Expr::Num(v))
}

/// −a, folding literals and double negation.
pub fn neg(a: E) -> E {
    match &*a {
        Expr::Num(v) => num(-v),
        Expr::Neg(inner) => inner.clone(),
        _ => Rc::new(Expr::Neg(a)),
    }
}

/// a ∘ b, with the light simplification a reader expects of a derivative (0 + u, 1·u, u^1,
/// literal arithmetic), and nothing that changes a finite value.
pub fn bin(op: Bin, a: E, b: E) -> E {
    if let (Some(x), Some(y)) = (a.number(), b.number()) {
        let folded = match op {
            Bin::Add => Some(x + y),
            Bin::Sub => Some(x - y),
            Bin::Mul => Some(x * y),
            Bin::Div if y != 0.0 => Some(x / y),
            _ => None,
        };
        if let Some(v) = folded {
            return num(v);
        }
    }
    match op {
        Bin::Add if a.is(0.0) => b,
        Bin::Add | Bin::Sub if b.is(0.0) => a,
        Bin::Add => match &*b {
            Expr::Neg(c) => bin(Bin::Sub, a, c.clone()),
            _ => Rc::new(Expr::Bin(op, a, b)),
        },
        Bin::Sub if a.is(0.0) => neg(b),
        Bin::Mul if a.is(0.0) || b.is(0.0) => num(0.0),
        Bin::Mul if a.is(1.0) => b,
        Bin::Mul if b.is(1.0) => a,
        Bin::Mul if a.is(-1.0) => neg(b),
        Bin::Mul if b.is(-1.0) => neg(a),
        // A literal factor goes first, as a reader writes it (2·x, not x·2).
        Bin::Mul if b.number().is_some() && a.number().is_none() => bin(op, b, a),
        Bin::Mul => match (&*a, &*b) {
            (Expr::Neg(c), _) => neg(bin(Bin::Mul, c.clone(), b)),
            (_, Expr::Neg(c)) => neg(bin(Bin::Mul, a, c.clone())),
            _ => Rc::new(Expr::Bin(op, a, b)),
        },
        Bin::Div if a.is(0.0) => num(0.0),
        Bin::Div if b.is(1.0) => a,
        Bin::Pow if b.is(1.0) => a,
        Bin::Pow if b.is(0.0) => num(1.0),
        _ => Rc::new(Expr::Bin(op, a, b)),
    }
}

/// f(a).
pub fn call(f: Func, a: E) -> E {
    Rc::new(Expr::Call(f, a))
}

fn add(a: E, b: E) -> E {
    bin(Bin::Add, a, b)
}
fn sub(a: E, b: E) -> E {
    bin(Bin::Sub, a, b)
}
fn mul(a: E, b: E) -> E {
    bin(Bin::Mul, a, b)
}
fn div(a: E, b: E) -> E {
    bin(Bin::Div, a, b)
}

/// What to differentiate by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    /// The input x.
    X,
    /// The i-th parameter.
    Param(usize),
}

/// Differentiates by one variable, each shared node once.
pub struct Differentiator {
    var: Var,
    /// Each node differentiated so far, kept alive with its derivative so that its address is
    /// not reused within this pass.
    memo: HashMap<*const Expr, (E, E)>,
}

impl Differentiator {
    /// A differentiator by `var`.
    pub fn new(var: Var) -> Self {
        Differentiator {
            var,
            memo: HashMap::new(),
        }
    }

    /// d e / d var, simplified; a literal 0 where e does not depend on var.
    pub fn diff(&mut self, e: &E) -> E {
        let key = Rc::as_ptr(e);
        if let Some((_, done)) = self.memo.get(&key) {
            return done.clone();
        }
        let d = self.rule(e);
        self.memo.insert(key, (e.clone(), d.clone()));
        d
    }

    fn rule(&mut self, e: &E) -> E {
        match &**e {
            Expr::Num(_) | Expr::Const(_) => num(0.0),
            Expr::X => num(f64::from(u8::from(self.var == Var::X))),
            Expr::Param(i) => num(f64::from(u8::from(self.var == Var::Param(*i)))),
            Expr::Neg(a) => neg(self.diff(a)),
            Expr::Bin(op, a, b) => {
                let (da, db) = (self.diff(a), self.diff(b));
                binary_rule(*op, e, a, b, da, db)
            }
            Expr::Call(f, a) => {
                let da = self.diff(a);
                if da.is(0.0) {
                    return da;
                }
                mul(call_rule(*f, e, a), da)
            }
        }
    }
}

/// d(a ∘ b) from da and db; `e` is a ∘ b itself, shared where the rule reuses it.
fn binary_rule(op: Bin, e: &E, a: &E, b: &E, da: E, db: E) -> E {
    let (a, b) = (a.clone(), b.clone());
    match op {
        Bin::Add => add(da, db),
        Bin::Sub => sub(da, db),
        Bin::Mul => add(mul(da, b), mul(a, db)),
        // (a/b)′ = (a′ − (a/b)·b′)/b, reusing a/b.
        Bin::Div => div(sub(da, mul(e.clone(), db)), b),
        Bin::Pow if db.is(0.0) => {
            let lower = match b.number() {
                Some(v) => num(v - 1.0),
                None => sub(b.clone(), num(1.0)),
            };
            mul(mul(b, bin(Bin::Pow, a, lower)), da)
        }
        Bin::Pow if da.is(0.0) => mul(mul(e.clone(), call(Func::Log, a)), db),
        Bin::Pow => mul(
            e.clone(),
            add(mul(db, call(Func::Log, a.clone())), div(mul(b, da), a)),
        ),
        // torch.maximum: the gradient goes to the larger argument, half to each at a tie.
        Bin::Max => add(
            mul(call(Func::Half, sub(a.clone(), b.clone())), da),
            mul(call(Func::Half, sub(b, a)), db),
        ),
        Bin::Min => add(
            mul(call(Func::Half, sub(b.clone(), a.clone())), da),
            mul(call(Func::Half, sub(a, b)), db),
        ),
    }
}

/// f′(a) for e = f(a).
fn call_rule(f: Func, e: &E, a: &E) -> E {
    let a = a.clone();
    match f {
        Func::Exp => e.clone(),
        Func::Log => div(num(1.0), a),
        Func::Log1p => div(num(1.0), add(num(1.0), a)),
        Func::Expm1 => call(Func::Exp, a),
        Func::Sqrt => div(num(0.5), e.clone()),
        Func::Abs => call(Func::Sign, a),
        Func::Sign | Func::Step | Func::Pos | Func::Half => num(0.0),
        Func::Sin => call(Func::Cos, a),
        Func::Cos => neg(call(Func::Sin, a)),
        Func::Tan => add(num(1.0), mul(e.clone(), e.clone())),
        Func::Sinh => call(Func::Cosh, a),
        Func::Cosh => call(Func::Sinh, a),
        Func::Tanh => call(Func::Sech2, a),
        Func::Sech2 => mul(num(-2.0), mul(e.clone(), call(Func::Tanh, a))),
        Func::Atan => div(num(1.0), add(num(1.0), mul(a.clone(), a))),
        Func::Erf => mul(
            num(std::f64::consts::FRAC_2_SQRT_PI),
            call(Func::Exp, neg(mul(a.clone(), a))),
        ),
        // σ′(a) = σ(a)·σ(−a): full relative precision in both tails.
        Func::Sigmoid => mul(e.clone(), call(Func::Sigmoid, neg(a))),
        Func::Softplus => call(Func::Sigmoid, a),
        Func::Relu => call(Func::Pos, a),
    }
}
