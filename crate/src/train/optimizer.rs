//! The optimisers, with PyTorch's update rules and defaults (`torch.optim`):
//! - `sgd`: p ← p − lr·g;
//! - `momentum`: v ← μ·v + g, p ← p − lr·v (μ = 0.9);
//! - `adam`: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr·m̂/(√v̂ + ε) with bias correction
//!   (β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
//!
//! L2 weight decay adds λ·w to each weight's gradient (not to biases or activation parameters),
//! as `weight_decay` does in torch.optim.

/// The optimiser names, in the order the page lists them.
pub const OPTIMIZER_NAMES: [&str; 3] = ["sgd", "momentum", "adam"];

const MOMENTUM: f32 = 0.9;
const ADAM_BETA1: f64 = 0.9;
const ADAM_BETA2: f64 = 0.999;
const ADAM_EPSILON: f32 = 1e-8;

/// An optimiser with its state.
#[derive(Clone, Debug, PartialEq)]
pub enum Optimizer {
    /// Plain gradient descent.
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

impl Optimizer {
    /// A fresh optimiser by name for `count` parameters (unknown names give SGD; the config has
    /// already checked the name).
    pub fn new(name: &str, count: usize) -> Optimizer {
        match name {
            "momentum" => Optimizer::Momentum {
                velocity: vec![0.0; count],
            },
            "adam" => Optimizer::Adam {
                first: vec![0.0; count],
                second: vec![0.0; count],
                steps: 0,
            },
            _ => Optimizer::Sgd,
        }
    }

    /// The optimiser's name.
    pub fn name(&self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Adam { .. } => "adam",
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
            Optimizer::Sgd => {
                for ((p, g), w) in params.iter_mut().zip(grads).zip(is_weight) {
                    *p -= learning_rate * decayed(*g, *p, *w);
                }
            }
            Optimizer::Momentum { velocity } => {
                for (((p, g), w), v) in params.iter_mut().zip(grads).zip(is_weight).zip(velocity) {
                    *v = MOMENTUM * *v + decayed(*g, *p, *w);
                    *p -= learning_rate * *v;
                }
            }
            Optimizer::Adam {
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
