//! One dense layer, its activation (fixed, or with parameters learned with the weights), where a
//! layer's values for one example and one unit live in a buffer ([`Grid`]), and the activation
//! step both passes share: a = f(z) forward, δ ← δ·f′(z) backward with ∂L/∂p of the learned
//! parameters on the way.

use super::learned::{LearnedBackward, LearnedValues, Slots};
use crate::activation::fast::Fast;
use crate::activation::{Activation, SlopeSummary};

pub use super::grid::Grid;
pub use super::learned::Learnable;

/// How a hidden layer's activation is computed.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerActivation {
    /// A catalogue activation with fixed parameters ([`LayerActivation::fixed`]).
    Fixed {
        /// Which function, with its parameters.
        activation: Activation,
        /// Its f32 kernel ([`Fast::of`]), chosen once: choosing reads the parameters into a
        /// new vector, which cost a small network's training step about 5 %.
        fast: Option<Fast>,
    },
    /// One with trained parameters, stored in the flat vector from `offset`, `slots` sets of
    /// `learnable.count()` (one set per layer, or one per unit).
    Learned {
        /// Which function.
        learnable: Learnable,
        /// Where its parameters start.
        offset: usize,
        /// 1 (per layer) or fan_out (per unit).
        slots: usize,
    },
}

/// One dense layer: z = a_(l−1)·W + b, then its activation.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Inputs.
    pub fan_in: usize,
    /// Outputs.
    pub fan_out: usize,
    /// Where W (row-major fan_in × fan_out) starts in the flat parameter vector.
    pub weights: usize,
    /// Where b starts.
    pub biases: usize,
    /// `None` for a training output layer (the head applies its own function).
    pub activation: Option<LayerActivation>,
    /// Where the normalisation's learned scale γ (fan_out values) starts, its shift β right
    /// after: ẑ becomes γ·ẑ + β per unit, as PyTorch's `affine` batch and layer norms.
    /// `None` without normalisation or without a learned affine map (the layers view).
    pub affine: Option<usize>,
}

/// What a pass is for, which decides the activation kernels it may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The layers view: an output of exactly 0 must mean f(z) = 0 (it counts dead units), so the
    /// fast sigmoid is left out; an overflow stops the pass; f′ is summed and counted on the way.
    Inspect,
    /// Training: every fast path, no overflow check (divergence is caught on the gradient).
    Train,
}

impl LayerActivation {
    /// A fixed activation, with its kernel chosen.
    pub fn fixed(activation: Activation) -> LayerActivation {
        let fast = Fast::of(&activation);
        LayerActivation::Fixed { activation, fast }
    }

    /// The f32 kernel this mode may use for a fixed activation.
    fn fast(fast: Option<Fast>, mode: Mode) -> Option<Fast> {
        match mode {
            Mode::Inspect => Fast::for_network(fast),
            Mode::Train => fast,
        }
    }

    /// a = f(z) over every value of `grid` (`params` is the flat parameter vector). Returns
    /// whether every z and a is finite (always true in training, which does not check: it finds
    /// divergence in the loss).
    // Inlined, with the learned loops out of line, so training's common case (a fixed
    // activation's kernel) costs a small network's step no call and no dispatch per layer.
    #[inline]
    pub fn forward(
        &self,
        params: &[f32],
        z: &[f32],
        a: &mut [f32],
        grid: Grid,
        mode: Mode,
    ) -> bool {
        match self {
            LayerActivation::Fixed { activation, fast } => match (Self::fast(*fast, mode), mode) {
                (Some(fast), Mode::Inspect) => fast.values_checked(z, a),
                (Some(fast), Mode::Train) => {
                    fast.values(z, a);
                    true
                }
                (None, _) => activation.values_f32(z, a),
            },
            LayerActivation::Learned {
                learnable,
                offset,
                slots,
            } => learned_values(
                learnable,
                LearnedValues {
                    z,
                    a,
                    params,
                    slots: Slots::new(learnable, *offset, *slots),
                    grid,
                    check: mode == Mode::Inspect,
                },
            ),
        }
    }

    /// δ ← δ·f′(z) over every value of `grid`, turning ∂L/∂a into ∂L/∂z; f′ comes from the
    /// outputs a = f(z) when the caller has them (`outputs`, not when a skip added the input).
    /// A learned activation adds ∂L/∂p into `grads` (laid out like `params`), when given.
    /// Returns Σ f′ and the count of |f′| < `threshold` (in training, where nobody reads it, the
    /// fast kernels and the learned loops skip it and the summary is empty).
    // Inlined, with the learned loops out of line, as `forward`.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn backward(
        &self,
        params: &[f32],
        z: &[f32],
        outputs: Option<&[f32]>,
        delta: &mut [f32],
        grads: Option<&mut [f32]>,
        grid: Grid,
        mode: Mode,
        threshold: f64,
    ) -> SlopeSummary {
        match self {
            LayerActivation::Fixed { activation, fast } => match (Self::fast(*fast, mode), outputs)
            {
                (Some(fast), Some(a)) if mode == Mode::Train => {
                    fast.scale_by_slopes(a, delta);
                    SlopeSummary::default()
                }
                (Some(fast), outputs) => {
                    fast.scale_by_slopes_summarised(z, outputs, delta, threshold)
                }
                (None, _) => activation.scale_by_derivatives_f32(z, delta, threshold),
            },
            LayerActivation::Learned {
                learnable,
                offset,
                slots,
            } => learned_backward(
                learnable,
                LearnedBackward {
                    z,
                    delta,
                    params,
                    grads,
                    slots: Slots::new(learnable, *offset, *slots),
                    grid,
                    threshold,
                    summarise: mode == Mode::Inspect,
                },
            ),
        }
    }
}

/// A learned activation's forward loop, out of line: one copy per learnable, not one per caller.
#[inline(never)]
fn learned_values(learnable: &Learnable, job: LearnedValues) -> bool {
    // `Learnable::of` only makes a learnable with a learning rule.
    learnable.with_gradient(job).unwrap_or(false)
}

/// A learned activation's backward loop, out of line, as [`learned_values`].
#[inline(never)]
fn learned_backward(learnable: &Learnable, job: LearnedBackward) -> SlopeSummary {
    // `Learnable::of` only makes a learnable with a learning rule.
    learnable.with_gradient(job).unwrap_or_default()
}
