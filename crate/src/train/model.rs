//! A small trainable MLP in f32: dense layers, an activation per hidden layer (some with learned
//! parameters), and an output head chosen by the task. Every parameter lives in one flat vector
//! so the optimisers are a loop over it.
//!
//! Layer l: z = a_(l−1)·W + b (W row-major fan_in × fan_out), a = f(z). The head's loss is
//! averaged over the batch; its gradient with respect to the output z is the well-known
//! σ(z) − y (sigmoid + BCE), softmax(z) − onehot(y) (softmax + CE) or 2(z − y) (MSE), over B.

use super::dataset::{Examples, Task};
use crate::activation::functions as f;
use crate::activation::Activation;
use crate::error::Error;
use crate::init::Init;
use rand::rngs::SmallRng;

/// An activation whose parameters are trained with the weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Learnable {
    /// PReLU: f = x for x > 0, a·x otherwise; learns a.
    Prelu,
    /// Swish: f = x·σ(βx); learns β.
    Swish,
    /// APL with S hinges: f = max(0, x) + Σ a_s·max(0, b_s − x); learns every a_s and b_s.
    Apl {
        /// S.
        hinges: usize,
    },
}

impl Learnable {
    /// Parameters per slot: [a] for PReLU, [β] for Swish, [a_1..a_S, b_1..b_S] for APL.
    pub fn count(self) -> usize {
        match self {
            Learnable::Apl { hinges } => 2 * hinges,
            _ => 1,
        }
    }

    /// The parameters' names, in slot order.
    pub fn names(self) -> Vec<String> {
        match self {
            Learnable::Prelu => vec!["slope".into()],
            Learnable::Swish => vec!["beta".into()],
            Learnable::Apl { hinges } => (1..=hinges)
                .map(|s| format!("a{s}"))
                .chain((1..=hinges).map(|s| format!("b{s}")))
                .collect(),
        }
    }

    /// The learnable form of an activation with its starting parameters, if it has one.
    pub fn of(activation: &Activation) -> Option<(Learnable, Vec<f64>)> {
        match activation {
            Activation::Prelu { negative_slope } => Some((Learnable::Prelu, vec![*negative_slope])),
            Activation::Swish { beta } => Some((Learnable::Swish, vec![*beta])),
            Activation::Apl { a, b } => Some((
                Learnable::Apl { hinges: a.len() },
                a.iter().chain(b).copied().collect(),
            )),
            _ => None,
        }
    }

    /// f(x), f'(x) and ∂f/∂p for each parameter (written into `dp`).
    #[inline]
    fn evaluate(self, x: f64, p: &[f32], dp: &mut [f64]) -> (f64, f64) {
        match self {
            Learnable::Prelu => {
                let a = f64::from(p[0]);
                // PyTorch's convention: the slope at 0 is a.
                if x > 0.0 {
                    dp[0] = 0.0;
                    (x, 1.0)
                } else {
                    dp[0] = x;
                    (a * x, a)
                }
            }
            Learnable::Swish => {
                let beta = f64::from(p[0]);
                let s = f::sigmoid(beta * x);
                let s_minus = f::sigmoid(-beta * x);
                dp[0] = x * x * s * s_minus;
                (x * s, f::swish_derivative(x, beta))
            }
            Learnable::Apl { hinges } => {
                let (a, b) = p.split_at(hinges);
                let mut value = x.max(0.0);
                let mut slope = if x > 0.0 { 1.0 } else { 0.0 };
                for s in 0..hinges {
                    let (a_s, b_s) = (f64::from(a[s]), f64::from(b[s]));
                    let active = x < b_s;
                    value += a_s * (b_s - x).max(0.0);
                    if active {
                        slope -= a_s;
                    }
                    dp[s] = (b_s - x).max(0.0);
                    dp[hinges + s] = if active { a_s } else { 0.0 };
                }
                (value, slope)
            }
        }
    }
}

/// The activations a training step evaluates in f32 with f′ taken from the output (tanh′ = 1 − a²,
/// σ′ = a(1 − a), relu′ = [a > 0]): the f64 formulas cost ~20 ns a value, which would be most of
/// a small network's step. Every other activation uses the exact f64 path.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fast {
    Identity,
    Tanh,
    Sigmoid,
    Relu,
    Leaky(f32),
}

/// tanh in f32 as a [13/6] rational function of x on [−7.905, 7.905] (clamped outside, where
/// tanh is within 3e-7 of ±1): Eigen's `generic_fast_tanh_float` coefficients. Branch-free, so a
/// layer's loop vectorises; |error| ≤ 3.3e-7 against f64 tanh (checked in tests/train_core.rs),
/// where libm's tanhf costs several times as much.
#[inline]
pub fn tanh_f32(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    const ALPHA: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_672e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const BETA: [f32; 4] = [4.893_525e-3, 2.268_434_7e-3, 1.185_347_1e-4, 1.198_258_4e-6];
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ALPHA
        .iter()
        .rev()
        .fold(0.0f32, |acc, coefficient| acc * x2 + coefficient);
    let q = BETA
        .iter()
        .rev()
        .fold(0.0f32, |acc, coefficient| acc * x2 + coefficient);
    x * p / q
}

impl Fast {
    fn of(activation: &Activation) -> Option<Fast> {
        match activation {
            Activation::Identity => Some(Fast::Identity),
            Activation::Tanh => Some(Fast::Tanh),
            Activation::Sigmoid => Some(Fast::Sigmoid),
            Activation::Relu => Some(Fast::Relu),
            // From the output, a > 0 ⇔ z > 0 needs a positive slope.
            Activation::LeakyRelu { negative_slope } if *negative_slope > 0.0 => {
                Some(Fast::Leaky(*negative_slope as f32))
            }
            _ => None,
        }
    }

    #[inline]
    fn value(self, z: f32) -> f32 {
        match self {
            Fast::Identity => z,
            Fast::Tanh => tanh_f32(z),
            // σ(z) = (1 + tanh(z/2))/2: branch-free, and never NaN.
            Fast::Sigmoid => 0.5 + 0.5 * tanh_f32(0.5 * z),
            Fast::Relu => z.max(0.0),
            Fast::Leaky(slope) => {
                if z > 0.0 {
                    z
                } else {
                    slope * z
                }
            }
        }
    }

    /// f′ at the z that gave output `a` (PyTorch's convention at 0: relu′ = 0, leaky′ = slope).
    #[inline]
    fn slope_from_output(self, a: f32) -> f32 {
        match self {
            Fast::Identity => 1.0,
            Fast::Tanh => 1.0 - a * a,
            Fast::Sigmoid => a * (1.0 - a),
            Fast::Relu => f32::from(u8::from(a > 0.0)),
            Fast::Leaky(slope) => {
                if a > 0.0 {
                    1.0
                } else {
                    slope
                }
            }
        }
    }
}

/// How a hidden layer's activation is computed.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerActivation {
    /// A catalogue activation with fixed parameters.
    Fixed(Activation),
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

/// One dense layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Inputs.
    pub fan_in: usize,
    /// Outputs.
    pub fan_out: usize,
    /// Where W starts in the flat vector.
    pub weights: usize,
    /// Where b starts.
    pub biases: usize,
    /// `None` for the output layer (the head applies its own function).
    pub activation: Option<LayerActivation>,
}

/// The network: layers plus every parameter in one vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Hidden layers, then the output layer.
    pub layers: Vec<Layer>,
    /// Every weight, bias and activation parameter.
    pub params: Vec<f32>,
    /// Which entries of `params` are weights (L2 weight decay applies to these only).
    pub is_weight: Vec<bool>,
    /// What the head predicts.
    pub task: Task,
}

/// Buffers reused between steps: per layer z and a, the deltas, and ∂f/∂p scratch.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    z: Vec<Vec<f32>>,
    a: Vec<Vec<f32>>,
    delta: Vec<f32>,
    delta_previous: Vec<f32>,
}

/// What one evaluation over a set of examples found.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// Mean loss.
    pub loss: f64,
    /// Share classified right (`None` for regression).
    pub accuracy: Option<f64>,
    /// Per hidden layer, the share of units whose output is 0 for every example.
    pub dead_fraction: Vec<f64>,
}

impl Model {
    /// Builds the layers for `inputs` → `hidden` → the task's outputs and draws the weights.
    /// Biases start at 0, as Playground's and PyTorch's defaults do for these demos.
    pub fn new(
        inputs: usize,
        hidden: &[usize],
        activations: &[Activation],
        learn_per_unit: Option<bool>,
        init: Init,
        task: Task,
        rng: &mut SmallRng,
    ) -> Result<Model, Error> {
        let mut layers = Vec::with_capacity(hidden.len() + 1);
        let mut params: Vec<f32> = Vec::new();
        let mut is_weight: Vec<bool> = Vec::new();
        let mut fan_in = inputs;
        let widths = hidden.iter().copied().chain([task.outputs()]);
        for (l, fan_out) in widths.enumerate() {
            let weights = params.len();
            let mut w = vec![0.0f32; fan_in * fan_out];
            init.fill(&mut w, fan_in, fan_out, rng)?;
            params.extend_from_slice(&w);
            is_weight.resize(is_weight.len() + w.len(), true);
            let biases = params.len();
            params.resize(params.len() + fan_out, 0.0);
            is_weight.resize(is_weight.len() + fan_out, false);
            let activation = activations.get(l).filter(|_| l < hidden.len()).map(|act| {
                match (Learnable::of(act), learn_per_unit) {
                    (Some((learnable, start)), Some(per_unit)) => {
                        let slots = if per_unit { fan_out } else { 1 };
                        let offset = params.len();
                        for _ in 0..slots {
                            params.extend(start.iter().map(|v| *v as f32));
                        }
                        is_weight.resize(is_weight.len() + slots * start.len(), false);
                        LayerActivation::Learned {
                            learnable,
                            offset,
                            slots,
                        }
                    }
                    _ => LayerActivation::Fixed(act.clone()),
                }
            });
            layers.push(Layer {
                fan_in,
                fan_out,
                weights,
                biases,
                activation,
            });
            fan_in = fan_out;
        }
        Ok(Model {
            layers,
            params,
            is_weight,
            task,
        })
    }

    /// Hidden layers.
    pub fn hidden_layers(&self) -> usize {
        self.layers.len() - 1
    }

    /// Runs `inputs` (`batch × fan_in`) forward, keeping every layer's z and a in `scratch`; the
    /// output layer's z is the last entry of `scratch.z`.
    fn forward(&self, inputs: &[f32], batch: usize, scratch: &mut Scratch) {
        scratch.z.resize(self.layers.len(), Vec::new());
        scratch.a.resize(self.layers.len(), Vec::new());
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = scratch.a.split_at_mut(l);
            let previous: &[f32] = if l == 0 { inputs } else { &before[l - 1] };
            let z = &mut scratch.z[l];
            z.clear();
            z.resize(batch * layer.fan_out, 0.0);
            let w = &self.params[layer.weights..layer.weights + layer.fan_in * layer.fan_out];
            let b = &self.params[layer.biases..layer.biases + layer.fan_out];
            for (row, z_row) in previous
                .chunks_exact(layer.fan_in)
                .zip(z.chunks_exact_mut(layer.fan_out))
            {
                z_row.copy_from_slice(b);
                for (x, w_row) in row.iter().zip(w.chunks_exact(layer.fan_out)) {
                    for (z, w) in z_row.iter_mut().zip(w_row) {
                        *z += x * w;
                    }
                }
            }
            let a = &mut rest[0];
            a.clear();
            a.resize(z.len(), 0.0);
            match &layer.activation {
                None => a.copy_from_slice(z),
                Some(LayerActivation::Fixed(activation)) => match Fast::of(activation) {
                    Some(fast) => a
                        .iter_mut()
                        .zip(z.iter())
                        .for_each(|(a, z)| *a = fast.value(*z)),
                    None => {
                        activation.values_f32(z, a);
                    }
                },
                Some(LayerActivation::Learned {
                    learnable,
                    offset,
                    slots,
                }) => {
                    let count = learnable.count();
                    let mut dp = vec![0.0; count];
                    for (k, (z, a)) in z.iter().zip(a.iter_mut()).enumerate() {
                        let slot = if *slots == 1 { 0 } else { k % layer.fan_out };
                        let p = &self.params[offset + slot * count..offset + (slot + 1) * count];
                        *a = learnable.evaluate(f64::from(*z), p, &mut dp).0 as f32;
                    }
                }
            }
        }
    }

    /// The head's mean loss over the batch and, when `gradient` is given, ∂L/∂z_out into it.
    /// Also counts the examples classified right.
    ///
    /// `want_loss = false` skips the loss and the count (a training step needs only the
    /// gradient, and the logs and exponentials of the loss cost more than the step's arithmetic).
    fn head(
        &self,
        out: &[f32],
        targets: &[f32],
        gradient: Option<&mut Vec<f32>>,
        want_loss: bool,
    ) -> (f64, usize) {
        let batch = targets.len();
        let outputs = self.task.outputs();
        let scale = 1.0 / batch as f64;
        let mut loss = 0.0;
        let mut right = 0;
        let mut grad = gradient;
        if let Some(g) = grad.as_deref_mut() {
            g.clear();
            g.resize(out.len(), 0.0);
        }
        for (i, (row, target)) in out.chunks_exact(outputs).zip(targets).enumerate() {
            let y = f64::from(*target);
            match self.task {
                Task::Binary => {
                    let z = f64::from(row[0]);
                    if want_loss {
                        // BCE from the logit: softplus(z) − y·z, stable for any z.
                        loss += z.max(0.0) - y * z + (-z.abs()).exp().ln_1p();
                        right += usize::from((z > 0.0) == (y > 0.5));
                    }
                    if let Some(g) = grad.as_deref_mut() {
                        let p = f64::from(Fast::Sigmoid.value(row[0]));
                        g[i] = ((p - y) * scale) as f32;
                    }
                }
                Task::MultiClass(_) => {
                    let class = y as usize;
                    let max = row.iter().fold(f32::NEG_INFINITY, |m, v| m.max(*v));
                    let max = f64::from(max);
                    let sum: f64 = row.iter().map(|v| (f64::from(*v) - max).exp()).sum();
                    let log_sum_exp = max + sum.ln();
                    loss += log_sum_exp - f64::from(row[class]);
                    let best =
                        row.iter()
                            .enumerate()
                            .fold(0, |best, (j, v)| if *v > row[best] { j } else { best });
                    right += usize::from(best == class);
                    if let Some(g) = grad.as_deref_mut() {
                        for (j, v) in row.iter().enumerate() {
                            let p = (f64::from(*v) - log_sum_exp).exp();
                            let onehot = if j == class { 1.0 } else { 0.0 };
                            g[i * outputs + j] = ((p - onehot) * scale) as f32;
                        }
                    }
                }
                Task::Regression => {
                    let error = f64::from(row[0]) - y;
                    loss += error * error;
                    if let Some(g) = grad.as_deref_mut() {
                        g[i] = (2.0 * error * scale) as f32;
                    }
                }
            }
        }
        (loss * scale, right)
    }

    /// One batch: forward, loss, backward. Writes ∂L/∂params into `grads` (same layout as
    /// `params`) and returns the batch's mean loss.
    pub fn gradient(
        &self,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        scratch: &mut Scratch,
    ) -> f64 {
        self.gradient_with(inputs, targets, grads, scratch, true)
    }

    /// [`Model::gradient`] without computing the loss: what a training step runs.
    pub fn step_gradient(
        &self,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        scratch: &mut Scratch,
    ) {
        self.gradient_with(inputs, targets, grads, scratch, false);
    }

    fn gradient_with(
        &self,
        inputs: &[f32],
        targets: &[f32],
        grads: &mut [f32],
        scratch: &mut Scratch,
        want_loss: bool,
    ) -> f64 {
        let batch = targets.len();
        self.forward(inputs, batch, scratch);
        let mut delta = std::mem::take(&mut scratch.delta);
        let (loss, _) = self.head(
            &scratch.z[self.layers.len() - 1],
            targets,
            Some(&mut delta),
            want_loss,
        );
        grads.fill(0.0);
        let mut delta_previous = std::mem::take(&mut scratch.delta_previous);
        for (l, layer) in self.layers.iter().enumerate().rev() {
            // δ is ∂L/∂a on entry; through the activation it becomes ∂L/∂z.
            match &layer.activation {
                None => {}
                Some(LayerActivation::Fixed(activation)) => match Fast::of(activation) {
                    Some(fast) => delta
                        .iter_mut()
                        .zip(&scratch.a[l])
                        .for_each(|(d, a)| *d *= fast.slope_from_output(*a)),
                    None => {
                        activation.scale_by_derivatives_f32(
                            &scratch.z[l],
                            &mut delta,
                            f64::NEG_INFINITY,
                        );
                    }
                },
                Some(LayerActivation::Learned {
                    learnable,
                    offset,
                    slots,
                }) => {
                    let count = learnable.count();
                    let mut dp = vec![0.0; count];
                    for (k, (z, d)) in scratch.z[l].iter().zip(delta.iter_mut()).enumerate() {
                        let slot = if *slots == 1 { 0 } else { k % layer.fan_out };
                        let start = offset + slot * count;
                        let p = &self.params[start..start + count];
                        let (_, slope) = learnable.evaluate(f64::from(*z), p, &mut dp);
                        for (g, dp) in grads[start..start + count].iter_mut().zip(&dp) {
                            *g += (f64::from(*d) * dp) as f32;
                        }
                        *d = (f64::from(*d) * slope) as f32;
                    }
                }
            }
            let previous: &[f32] = if l == 0 { inputs } else { &scratch.a[l - 1] };
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let (w_grads, rest) = grads[layer.weights..].split_at_mut(fan_in * fan_out);
            let b_grads = &mut rest[..fan_out];
            for (row, d_row) in previous
                .chunks_exact(fan_in)
                .zip(delta.chunks_exact(fan_out))
            {
                for (x, g_row) in row.iter().zip(w_grads.chunks_exact_mut(fan_out)) {
                    for (g, d) in g_row.iter_mut().zip(d_row) {
                        *g += x * d;
                    }
                }
                for (g, d) in b_grads.iter_mut().zip(d_row) {
                    *g += d;
                }
            }
            if l == 0 {
                break;
            }
            let w = &self.params[layer.weights..layer.weights + fan_in * fan_out];
            delta_previous.clear();
            delta_previous.resize(batch * fan_in, 0.0);
            for (d_row, p_row) in delta
                .chunks_exact(fan_out)
                .zip(delta_previous.chunks_exact_mut(fan_in))
            {
                for (p, w_row) in p_row.iter_mut().zip(w.chunks_exact(fan_out)) {
                    *p = w_row.iter().zip(d_row).map(|(w, d)| w * d).sum();
                }
            }
            std::mem::swap(&mut delta, &mut delta_previous);
        }
        scratch.delta = delta;
        scratch.delta_previous = delta_previous;
        loss
    }

    /// Loss, accuracy and dead units over a whole set, in chunks so memory stays bounded.
    pub fn evaluate(&self, examples: &Examples, scratch: &mut Scratch) -> Evaluation {
        const CHUNK: usize = 256;
        let hidden = self.hidden_layers();
        let mut alive: Vec<Vec<bool>> = self.layers[..hidden]
            .iter()
            .map(|layer| vec![false; layer.fan_out])
            .collect();
        let (mut loss, mut right) = (0.0, 0);
        let n = examples.len();
        for start in (0..n).step_by(CHUNK) {
            let end = (start + CHUNK).min(n);
            let inputs = &examples.inputs[start * examples.dims..end * examples.dims];
            let targets = &examples.targets[start..end];
            self.forward(inputs, end - start, scratch);
            let (chunk_loss, chunk_right) =
                self.head(&scratch.z[self.layers.len() - 1], targets, None, true);
            loss += chunk_loss * (end - start) as f64;
            right += chunk_right;
            for (l, alive) in alive.iter_mut().enumerate() {
                for row in scratch.a[l].chunks_exact(alive.len()) {
                    for (alive, a) in alive.iter_mut().zip(row) {
                        *alive |= *a != 0.0;
                    }
                }
            }
        }
        Evaluation {
            loss: loss / n.max(1) as f64,
            accuracy: (self.task != Task::Regression).then(|| right as f64 / n.max(1) as f64),
            dead_fraction: alive
                .iter()
                .map(|alive| {
                    alive.iter().filter(|a| !**a).count() as f64 / alive.len().max(1) as f64
                })
                .collect(),
        }
    }

    /// The network's outputs for `inputs` (`count × fan_in`): the probability of class 1
    /// (binary), the winning class (multi-class), or the value (regression); with the
    /// multi-class winner's probability as confidence, and the binary/regression value as is.
    pub fn predict(&self, inputs: &[f32], count: usize, scratch: &mut Scratch) -> Vec<f32> {
        let mut out = Vec::with_capacity(count * self.task.outputs());
        const CHUNK: usize = 1024;
        let dims = self.layers[0].fan_in;
        for start in (0..count).step_by(CHUNK) {
            let end = (start + CHUNK).min(count);
            self.forward(&inputs[start * dims..end * dims], end - start, scratch);
            let z = &scratch.z[self.layers.len() - 1];
            match self.task {
                Task::Binary => out.extend(z.iter().map(|z| f::sigmoid(f64::from(*z)) as f32)),
                Task::Regression => out.extend_from_slice(z),
                Task::MultiClass(k) => {
                    for row in z.chunks_exact(k) {
                        let max = row.iter().fold(f32::NEG_INFINITY, |m, v| m.max(*v));
                        let sum: f32 = row.iter().map(|v| (v - max).exp()).sum();
                        out.extend(row.iter().map(|v| (v - max).exp() / sum));
                    }
                }
            }
        }
        out
    }

    /// The Frobenius norm of each layer's ∂L/∂W in `grads`.
    pub fn weight_gradient_norms(&self, grads: &[f32]) -> Vec<f64> {
        self.layers
            .iter()
            .map(|layer| {
                grads[layer.weights..layer.weights + layer.fan_in * layer.fan_out]
                    .iter()
                    .map(|g| f64::from(*g).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect()
    }

    /// Each learned parameter's mean over its slots, per hidden layer that has any:
    /// `(layer index, name, mean)`.
    pub fn learned_means(&self) -> Vec<(usize, String, f64)> {
        let mut out = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            if let Some(LayerActivation::Learned {
                learnable,
                offset,
                slots,
            }) = &layer.activation
            {
                let count = learnable.count();
                for (j, name) in learnable.names().into_iter().enumerate() {
                    let sum: f64 = (0..*slots)
                        .map(|slot| f64::from(self.params[offset + slot * count + j]))
                        .sum();
                    out.push((l, name, sum / *slots as f64));
                }
            }
        }
        out
    }
}
