//! The learned activations of the training network: which catalogue entry's rule trains a
//! layer's activation parameters, and the forward and backward loops over such a layer. The
//! rule itself (f, f′ and ∂f/∂p) is the entry's `learn`; these loops get it through
//! `Kind::with_gradient`, so each learnable activation has its own compiled copy with the rule
//! inlined.

use crate::activation::entry::UseGradient;
use crate::activation::{Activation, Kind};

/// An activation whose parameters are trained with the weights: the catalogue entry that says
/// how (its `learn`), and how many parameters one slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Learnable {
    kind: Kind,
    count: usize,
}

impl Learnable {
    /// Which activation.
    pub fn kind(self) -> Kind {
        self.kind
    }

    /// Parameters per slot: [a] for PReLU, [β] for Swish, [a_1..a_S, b_1..b_S] for APL.
    pub fn count(self) -> usize {
        self.count
    }

    /// The parameters' names, in slot order.
    pub fn names(self) -> Vec<String> {
        self.kind
            .entry()
            .learn
            .map_or_else(Vec::new, |learn| (learn.names)(self.count))
    }

    /// The learnable form of an activation with its starting parameters, if its entry has one.
    pub fn of(activation: &Activation) -> Option<(Learnable, Vec<f64>)> {
        activation.entry().learn?;
        let start = activation.flat_params();
        let learnable = Learnable {
            kind: activation.kind(),
            count: start.len(),
        };
        Some((learnable, start))
    }
}

/// Where a learned layer's parameters sit: unit j's row of z reads slot 0 (per layer) or slot j
/// (per unit), each slot `count` parameters from `offset`.
#[derive(Clone, Copy)]
pub(super) struct Slots {
    offset: usize,
    slots: usize,
    count: usize,
    /// Examples per unit row (the batch padded to whole lanes).
    stride: usize,
}

impl Slots {
    pub(super) fn new(learnable: Learnable, offset: usize, slots: usize, stride: usize) -> Slots {
        Slots {
            offset,
            slots,
            count: learnable.count(),
            stride,
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

/// a = f(z) through a learned activation, unit row by unit row.
pub(super) struct LearnedValues<'a> {
    pub(super) z: &'a [f32],
    pub(super) a: &'a mut [f32],
    pub(super) params: &'a [f32],
    pub(super) slots: Slots,
}

impl UseGradient for LearnedValues<'_> {
    type Output = ();
    fn apply(self, gradient: impl Fn(f64, &[f64], &mut [f64]) -> (f64, f64)) {
        let Slots { count, stride, .. } = self.slots;
        let (mut p, mut dp) = (Vec::with_capacity(count), vec![0.0; count]);
        let rows = self
            .z
            .chunks_exact(stride)
            .zip(self.a.chunks_exact_mut(stride));
        for (j, (z_row, a_row)) in rows.enumerate() {
            let start = self.slots.start(j);
            slot_params(&self.params[start..start + count], &mut p);
            for (z, a) in z_row.iter().zip(a_row) {
                *a = gradient(f64::from(*z), &p, &mut dp).0 as f32;
            }
        }
    }
}

/// δ ← δ·f′(z) through a learned activation, adding δ·∂f/∂p to the parameters' gradients.
pub(super) struct LearnedBackward<'a> {
    pub(super) z: &'a [f32],
    pub(super) delta: &'a mut [f32],
    pub(super) params: &'a [f32],
    pub(super) grads: &'a mut [f32],
    pub(super) slots: Slots,
}

impl UseGradient for LearnedBackward<'_> {
    type Output = ();
    fn apply(self, gradient: impl Fn(f64, &[f64], &mut [f64]) -> (f64, f64)) {
        let Slots { count, stride, .. } = self.slots;
        let (mut p, mut dp) = (Vec::with_capacity(count), vec![0.0; count]);
        let rows = self
            .z
            .chunks_exact(stride)
            .zip(self.delta.chunks_exact_mut(stride));
        for (j, (z_row, d_row)) in rows.enumerate() {
            let start = self.slots.start(j);
            slot_params(&self.params[start..start + count], &mut p);
            for (z, d) in z_row.iter().zip(d_row) {
                let (_, slope) = gradient(f64::from(*z), &p, &mut dp);
                for (g, dp) in self.grads[start..start + count].iter_mut().zip(&dp) {
                    *g += (f64::from(*d) * dp) as f32;
                }
                *d = (f64::from(*d) * slope) as f32;
            }
        }
    }
}
