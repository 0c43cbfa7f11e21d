//! The optimisers, with PyTorch's update rules and defaults (`torch.optim`):
//! - `sgd`: p ← p − lr·g;
//! - `momentum`: v ← μ·v + g, p ← p − lr·v (μ = 0.9);
//! - `adam`: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr·m̂/(√v̂ + ε) with bias correction
//!   (β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
//!
//! L2 weight decay adds λ·w to each weight's gradient (not to biases or activation parameters),
//! as `weight_decay` does in torch.optim.

crate::names::named! {
    /// Which update rule trains the parameters.
    pub enum Optimizer {
        /// Plain gradient descent.
        Sgd = "sgd",
        /// Heavy-ball momentum, μ = 0.9.
        Momentum = "momentum",
        /// Adam, β = (0.9, 0.999).
        Adam = "adam",
    }
}

const MOMENTUM: f32 = 0.9;
const ADAM_BETA1: f64 = 0.9;
const ADAM_BETA2: f64 = 0.999;
const ADAM_EPSILON: f32 = 1e-8;

/// An optimiser with its state.
#[derive(Clone, Debug, PartialEq)]
pub enum OptimizerState {
    /// Plain gradient descent keeps no state.
    Sgd,
    /// Heavy-ball momentum: the velocity per parameter.
    Momentum {
        /// v.
        velocity: Vec<f32>,
    },
    /// Adam: first and second moments per parameter, and the step count for bias correction.
    Adam {
        /// m.
        first: Vec<f32>,
        /// v.
        second: Vec<f32>,
        /// t.
        steps: i32,
    },
}

impl OptimizerState {
    /// A fresh state of `optimizer` for `count` parameters.
    pub fn new(optimizer: Optimizer, count: usize) -> OptimizerState {
        match optimizer {
            Optimizer::Sgd => OptimizerState::Sgd,
            Optimizer::Momentum => OptimizerState::Momentum {
                velocity: vec![0.0; count],
            },
            Optimizer::Adam => OptimizerState::Adam {
                first: vec![0.0; count],
                second: vec![0.0; count],
                steps: 0,
            },
        }
    }

    /// Which optimiser this is the state of.
    pub fn optimizer(&self) -> Optimizer {
        match self {
            OptimizerState::Sgd => Optimizer::Sgd,
            OptimizerState::Momentum { .. } => Optimizer::Momentum,
            OptimizerState::Adam { .. } => Optimizer::Adam,
        }
    }

    /// One update of `params` from `grads`, decaying the entries marked in `is_weight`.
    pub fn step(
        &mut self,
        params: &mut [f32],
        grads: &[f32],
        is_weight: &[bool],
        learning_rate: f32,
        weight_decay: f32,
    ) {
        let decayed = |g: f32, p: f32, weight: bool| if weight { g + weight_decay * p } else { g };
        match self {
            OptimizerState::Sgd => {
                for ((p, g), w) in params.iter_mut().zip(grads).zip(is_weight) {
                    *p -= learning_rate * decayed(*g, *p, *w);
                }
            }
            OptimizerState::Momentum { velocity } => {
                for (((p, g), w), v) in params.iter_mut().zip(grads).zip(is_weight).zip(velocity) {
                    *v = MOMENTUM * *v + decayed(*g, *p, *w);
                    *p -= learning_rate * *v;
                }
            }
            OptimizerState::Adam {
                first,
                second,
                steps,
            } => {
                *steps = steps.saturating_add(1);
                let correction1 = (1.0 - ADAM_BETA1.powi(*steps)) as f32;
                let correction2 = (1.0 - ADAM_BETA2.powi(*steps)) as f32;
                let (beta1, beta2) = (ADAM_BETA1 as f32, ADAM_BETA2 as f32);
                for ((((p, g), w), m), v) in params
                    .iter_mut()
                    .zip(grads)
                    .zip(is_weight)
                    .zip(first.iter_mut())
                    .zip(second.iter_mut())
                {
                    let g = decayed(*g, *p, *w);
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    let m_hat = *m / correction1;
                    let v_hat = *v / correction2;
                    *p -= learning_rate * m_hat / (v_hat.sqrt() + ADAM_EPSILON);
                }
            }
        }
    }
}
