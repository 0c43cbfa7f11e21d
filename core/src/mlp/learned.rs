//! The learned activations: whose rule trains a layer's activation parameters, and the forward
//! and backward loops over such a layer. The rule (f, f′ and ∂f/∂p) is a catalogue entry's
//! `learn`, known at compile time and reached through `Kind::with_gradient`, so each learnable
//! entry has its own compiled copy of the loops with the rule inlined (read through a function
//! pointer, one call per value, training with PReLU, Swish or APL took about 30 % longer); or a
//! typed formula's compiled ∂f/∂p tape, known only at run time ([`Learnable::with_gradient`] is
//! the one place that tells the two apart).

use super::grid::Grid;
use crate::activation::entry::UseGradient;
use crate::activation::formula::Formula;
use crate::activation::{Activation, Kind, SlopeSummary};
use std::cell::RefCell;
use std::sync::Arc;

/// Where a learnable activation's (f, f′, ∂f/∂p) rule comes from.
#[derive(Clone, Debug, PartialEq)]
enum Rule {
    /// A catalogue entry's `learn`.
    Entry(Kind),
    /// A typed formula (`activation=custom`), which learns every parameter it names.
    Formula(Arc<Formula>),
}

/// An activation whose parameters are trained with the weights: the rule that says how, and how
/// many parameters one slot holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Learnable {
    rule: Rule,
    count: usize,
}

impl Learnable {
    /// Which activation (`Kind::Custom` for a formula).
    pub fn kind(&self) -> Kind {
        match &self.rule {
            Rule::Entry(kind) => *kind,
            Rule::Formula(_) => Kind::Custom,
        }
    }

    /// The typed formula, for a custom activation.
    pub fn formula(&self) -> Option<&Formula> {
        match &self.rule {
            Rule::Entry(_) => None,
            Rule::Formula(formula) => Some(formula),
        }
    }

    /// Parameters per slot: [a] for PReLU, [β] for Swish, [a_1..a_S, b_1..b_S] for APL, a
    /// formula's letters in order of first use.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The parameters' names, in slot order.
    pub fn names(&self) -> Vec<String> {
        match &self.rule {
            Rule::Entry(kind) => kind
                .entry()
                .learn
                .map_or_else(Vec::new, |learn| (learn.names)(self.count)),
            Rule::Formula(formula) => formula.params().iter().map(char::to_string).collect(),
        }
    }

    /// The learnable form of an activation with its starting parameters, if its entry has a
    /// learning rule or it is a formula with at least one parameter.
    pub fn of(activation: &Activation) -> Option<(Learnable, Vec<f64>)> {
        let rule = match activation {
            Activation::Custom(custom) if !custom.values().is_empty() => {
                Rule::Formula(custom.shared_formula())
            }
            Activation::Custom(_) => return None,
            _ => {
                activation.entry().learn?;
                Rule::Entry(activation.kind())
            }
        };
        let start = activation.flat_params();
        let learnable = Learnable {
            rule,
            count: start.len(),
        };
        Some((learnable, start))
    }

    /// Hands `user` this activation's (f, f′, ∂f/∂p) rule; `None` for an entry that learns
    /// nothing (`of` makes no such learnable).
    #[inline(always)]
    pub(super) fn with_gradient<U: UseGradient>(&self, user: U) -> Option<U::Output> {
        match &self.rule {
            Rule::Entry(kind) => kind.with_gradient(user),
            Rule::Formula(formula) => {
                // One scratch for the whole pass; `apply` takes an `Fn`, hence the cell.
                let scratch = RefCell::new(Vec::new());
                Some(
                    user.apply(|x, p, dp| {
                        formula.gradient_with(x, p, dp, &mut scratch.borrow_mut())
                    }),
                )
            }
        }
    }
}

/// Where a learned layer's parameters sit: unit j reads slot 0 (per layer) or slot j (per
/// unit), each slot `count` parameters from `offset`.
#[derive(Clone, Copy)]
pub(super) struct Slots {
    offset: usize,
    slots: usize,
    count: usize,
}

impl Slots {
    pub(super) fn new(learnable: &Learnable, offset: usize, slots: usize) -> Slots {
        Slots {
            offset,
            slots,
            count: learnable.count(),
        }
    }

    /// Where unit j's parameters start.
    fn start(self, unit: usize) -> usize {
        self.offset + if self.slots == 1 { 0 } else { unit } * self.count
    }
}

/// One slot's parameters in f64, as the entry's functions read them.
fn slot_params(params: &[f32], into: &mut Vec<f64>) {
    into.clear();
    into.extend(params.iter().map(|v| f64::from(*v)));
}

/// Unit j's values in `grid` as one contiguous range, when they are (training's unit-major
/// layout): the loops then walk slices, without a bounds check per value.
#[inline(always)]
fn unit_run(grid: Grid, unit: usize) -> Option<std::ops::Range<usize>> {
    let first = grid.at(0, unit);
    (grid.examples <= 1 || grid.at(1, unit) == first + 1).then(|| first..first + grid.examples)
}

/// a = f(z) through a learned activation over every value of `grid`; returns whether every z
/// and a is finite when `check` is set (the layers view and the inspector), true otherwise
/// (training, which finds divergence in the loss, as with a fixed activation).
pub(super) struct LearnedValues<'a> {
    pub(super) z: &'a [f32],
    pub(super) a: &'a mut [f32],
    pub(super) params: &'a [f32],
    pub(super) slots: Slots,
    pub(super) grid: Grid,
    pub(super) check: bool,
}

impl UseGradient for LearnedValues<'_> {
    type Output = bool;
    fn apply(self, gradient: impl Fn(f64, &[f64], &mut [f64]) -> (f64, f64)) -> bool {
        let LearnedValues {
            z,
            a,
            params,
            slots,
            grid,
            check,
        } = self;
        let count = slots.count;
        let (mut p, mut dp) = (Vec::with_capacity(count), vec![0.0; count]);
        for j in 0..grid.units {
            let start = slots.start(j);
            slot_params(&params[start..start + count], &mut p);
            let mut value = |z: f32| gradient(f64::from(z), &p, &mut dp).0 as f32;
            match unit_run(grid, j) {
                Some(run) => {
                    for (a, z) in a[run.clone()].iter_mut().zip(&z[run]) {
                        *a = value(*z);
                    }
                }
                None => (0..grid.examples).for_each(|i| {
                    let k = grid.at(i, j);
                    a[k] = value(z[k]);
                }),
            }
        }
        !check || finite_values(z, a, grid)
    }
}

/// Whether every z and a of `grid` is finite.
fn finite_values(z: &[f32], a: &[f32], grid: Grid) -> bool {
    (0..grid.units).all(|j| match unit_run(grid, j) {
        Some(run) => z[run.clone()].iter().chain(&a[run]).all(|v| v.is_finite()),
        None => (0..grid.examples).all(|i| {
            let k = grid.at(i, j);
            z[k].is_finite() && a[k].is_finite()
        }),
    })
}

/// δ ← δ·f′(z) through a learned activation over every value of `grid`, adding δ·∂f/∂p to the
/// parameters' gradients when given; returns Σ f′ and the count of |f′| < `threshold` when
/// `summarise` is set (nobody reads them in training, where the summary is empty).
pub(super) struct LearnedBackward<'a> {
    pub(super) z: &'a [f32],
    pub(super) delta: &'a mut [f32],
    pub(super) params: &'a [f32],
    pub(super) grads: Option<&'a mut [f32]>,
    pub(super) slots: Slots,
    pub(super) grid: Grid,
    pub(super) threshold: f64,
    pub(super) summarise: bool,
}

impl UseGradient for LearnedBackward<'_> {
    type Output = SlopeSummary;
    fn apply(self, gradient: impl Fn(f64, &[f64], &mut [f64]) -> (f64, f64)) -> SlopeSummary {
        let LearnedBackward {
            z,
            delta,
            params,
            mut grads,
            slots,
            grid,
            threshold,
            summarise,
        } = self;
        let count = slots.count;
        let (mut p, mut dp) = (Vec::with_capacity(count), vec![0.0; count]);
        // Where the parameters' gradients go when nobody wants them, so the loop below adds
        // without asking per value.
        let mut discarded = vec![0.0f32; if grads.is_some() { 0 } else { count }];
        let mut summary = SlopeSummary {
            threshold,
            ..SlopeSummary::default()
        };
        for j in 0..grid.units {
            let start = slots.start(j);
            slot_params(&params[start..start + count], &mut p);
            let slot_grads = match grads.as_deref_mut() {
                Some(g) => &mut g[start..start + count],
                None => &mut discarded[..],
            };
            let mut one = |z: f32, d: &mut f32| {
                let (_, slope) = gradient(f64::from(z), &p, &mut dp);
                let delta = f64::from(*d);
                for (g, dp) in slot_grads.iter_mut().zip(&dp) {
                    *g += (delta * dp) as f32;
                }
                *d = (delta * slope) as f32;
                slope
            };
            match (unit_run(grid, j), summarise) {
                (Some(run), false) => {
                    for (d, z) in delta[run.clone()].iter_mut().zip(&z[run]) {
                        one(*z, d);
                    }
                }
                (run, _) => {
                    let mut each = |k: usize| {
                        let slope = one(z[k], &mut delta[k]);
                        if summarise {
                            summary.sum += slope;
                            summary.below += usize::from(slope.abs() < threshold);
                        }
                    };
                    match run {
                        Some(run) => run.for_each(&mut each),
                        None => (0..grid.examples).for_each(|i| each(grid.at(i, j))),
                    }
                }
            }
        }
        summary
    }
}
