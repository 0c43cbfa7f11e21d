//! The one MLP both the layers view and the training lab run: dense layers, an activation per
//! hidden layer (fixed, or with parameters learned per layer or per unit), optional skip
//! connections and batch or layer normalisation, and every parameter in one flat vector so the
//! optimisers are a loop over it.
//!
//! Layer l computes z_l = a_(l−1)·W_l + b_l (W row-major fan_in × fan_out), optionally
//! normalises it (no learned scale), applies f, and with `residual` a hidden layer whose fan_in
//! equals its fan_out adds its input back: a_l = a_(l−1) + f(ẑ_l).
//!
//! - [`layer`]: a layer, its activation, the [`Grid`](layer::Grid) a layer's values are laid out
//!   in, and the activation step forward and backward;
//! - `learned`: the learned activations ([`Learnable`](layer::Learnable)) and their loops,
//!   compiled once per activation;
//! - [`norm`]: batch and layer normalisation over a grid;
//! - [`linalg`]: the row-major GEMM the layers view's wide batches go through (in wasm, that of
//!   `wasm_gemm`);
//! - [`lanes`]: the batch-inner products training's small layers go through;
//! - [`network`]: the layers view's pass (row-major, per-layer records, overflow check);
//! - the training lab's pass (batch-inner, heads, evaluation) is `train::model`, which adds a
//!   head to an [`Mlp`].

mod draws;
pub mod grid;
pub mod lanes;
pub mod layer;
mod learned;
pub mod linalg;
pub mod network;
pub mod norm;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm_gemm;

use crate::activation::Activation;
use crate::error::Error;
use crate::init::Init;
use crate::norm::Norm;
use crate::random::SeededRng;
use layer::{Layer, LayerActivation, Learnable};

/// The network: its layers, every parameter, and how layers connect.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    /// The layers, input side first.
    pub layers: Vec<Layer>,
    /// Every weight, bias and activation parameter.
    pub params: Vec<f32>,
    /// Which entries of `params` are weights (L2 weight decay applies to these only).
    pub is_weight: Vec<bool>,
    /// Skip connections around every hidden layer whose fan_in equals its fan_out.
    pub residual: bool,
    /// Normalisation of every hidden layer's pre-activations.
    pub norm: Norm,
}

/// How an [`Mlp`] is built: its widths and activations and how its parameters start.
#[derive(Clone, Copy, Debug)]
pub struct Shape<'a> {
    /// Inputs, then each layer's units.
    pub widths: &'a [usize],
    /// The activation of each layer from the first; layers past the list have none (a training
    /// output layer).
    pub activations: &'a [Activation],
    /// Whether learnable activation parameters are trained, per unit (`Some(true)`) or per layer
    /// (`Some(false)`); `None` keeps every activation fixed.
    pub learn_per_unit: Option<bool>,
    /// Every bias's starting value.
    pub bias: f32,
}

/// Appends one layer's weights to the parameters: `(params, fan_in, fan_out)`, exactly
/// fan_in·fan_out values ([`Mlp::with_weights`]).
pub(crate) type AppendWeights<'a> =
    dyn FnMut(&mut Vec<f32>, usize, usize) -> Result<(), Error> + 'a;

/// The weights [`Mlp::new`] appends (for [`Mlp::with_weights`]): each layer's drawn by `init`
/// from `rng`.
pub(crate) fn drawn_by(
    init: Init,
    rng: &mut SeededRng,
) -> impl FnMut(&mut Vec<f32>, usize, usize) -> Result<(), Error> + '_ {
    move |params, fan_in, fan_out| {
        let weights = params.len();
        params.resize(weights + fan_in * fan_out, 0.0);
        init.fill(&mut params[weights..], fan_in, fan_out, rng)
    }
}

impl Mlp {
    /// Draws the weights layer by layer from `rng` by `init`; biases start at `shape.bias`,
    /// learned activation parameters at the activation's own values. No skips, no
    /// normalisation.
    pub fn new(shape: Shape, init: Init, rng: &mut SeededRng) -> Result<Mlp, Error> {
        Mlp::with_weights(shape, &mut drawn_by(init, rng))
    }

    /// [`Mlp::new`] with each layer's weights appended to the parameters by
    /// `append(params, fan_in, fan_out)`, which adds exactly fan_in·fan_out values. Appended
    /// rather than written over zeros: at the layers view's size that was two passes over 10 MB
    /// for nothing each time a slider moved (building the cs231n network from its kept draws
    /// in Chromium: 9.1–9.8 ms before, 7.6–8.2 after).
    // A `dyn` appender, called once per layer: one compiled copy of the builder, not one per
    // caller.
    pub(crate) fn with_weights(shape: Shape, append: &mut AppendWeights) -> Result<Mlp, Error> {
        let count = shape.widths.len().saturating_sub(1);
        let mut layers = Vec::with_capacity(count);
        // Reserved once: the layers view's network is 10 MB of weights, which growing the
        // vector layer by layer would copy and page in several times.
        let dense: usize = shape
            .widths
            .windows(2)
            .map(|pair| pair[0] * pair[1] + pair[1])
            .sum();
        let mut params: Vec<f32> = Vec::with_capacity(dense);
        let mut is_weight: Vec<bool> = Vec::with_capacity(dense);
        for (l, pair) in shape.widths.windows(2).enumerate() {
            let (fan_in, fan_out) = (pair[0], pair[1]);
            let weights = params.len();
            append(&mut params, fan_in, fan_out)?;
            if params.len() != weights + fan_in * fan_out {
                return Err(Error::Internal {
                    detail: format!("layer {l} was given {} weights", params.len() - weights),
                });
            }
            is_weight.resize(params.len(), true);
            let biases = params.len();
            params.resize(params.len() + fan_out, shape.bias);
            is_weight.resize(is_weight.len() + fan_out, false);
            let activation = shape.activations.get(l).map(|act| {
                match (Learnable::of(act), shape.learn_per_unit) {
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
                    _ => LayerActivation::fixed(act.clone()),
                }
            });
            layers.push(Layer {
                fan_in,
                fan_out,
                weights,
                biases,
                activation,
                affine: None,
            });
        }
        Ok(Mlp {
            layers,
            params,
            is_weight,
            residual: false,
            norm: Norm::None,
        })
    }

    /// Sets the normalisation of every hidden layer and, with `affine`, gives each a learned
    /// scale γ (starting at 1) and shift β (starting at 0) per unit, as PyTorch's batch and layer
    /// norms have by default; they are parameters like the weights, without weight decay.
    pub fn set_norm(&mut self, norm: Norm, affine: bool) {
        self.norm = norm;
        if !affine || norm == Norm::None {
            return;
        }
        for layer in self.layers.iter_mut().filter(|l| l.activation.is_some()) {
            if layer.affine.is_some() {
                continue;
            }
            layer.affine = Some(self.params.len());
            self.params.extend(std::iter::repeat_n(1.0, layer.fan_out));
            self.params.extend(std::iter::repeat_n(0.0, layer.fan_out));
            self.is_weight.resize(self.params.len(), false);
        }
    }

    /// Layer `l`'s learned γ and β, when it has them.
    pub fn affine(&self, l: usize) -> Option<(&[f32], &[f32])> {
        let start = self.layers[l].affine?;
        let n = self.layers[l].fan_out;
        Some((
            &self.params[start..start + n],
            &self.params[start + n..start + 2 * n],
        ))
    }

    /// Layer `l`'s W, row-major fan_in × fan_out.
    pub fn weights(&self, l: usize) -> &[f32] {
        let layer = &self.layers[l];
        &self.params[layer.weights..layer.weights + layer.fan_in * layer.fan_out]
    }

    /// Layer `l`'s W and b, to fill.
    pub(crate) fn weights_and_biases_mut(&mut self, l: usize) -> (&mut [f32], &mut [f32]) {
        let layer = &self.layers[l];
        let (weights, biases) = (layer.weights, layer.biases);
        let (w, b) = self.params.split_at_mut(biases);
        (
            &mut w[weights..weights + layer.fan_in * layer.fan_out],
            &mut b[..layer.fan_out],
        )
    }

    /// Layer `l`'s b.
    pub fn biases(&self, l: usize) -> &[f32] {
        let layer = &self.layers[l];
        &self.params[layer.biases..layer.biases + layer.fan_out]
    }

    /// Whether layer `l` adds its input back to its output.
    pub fn skips(&self, l: usize) -> bool {
        let layer = &self.layers[l];
        self.residual && layer.activation.is_some() && layer.fan_in == layer.fan_out
    }

    /// The normalisation layer `l` applies: hidden layers only (a head reads raw outputs).
    pub fn norm_of(&self, l: usize) -> Norm {
        if self.layers[l].activation.is_some() {
            self.norm
        } else {
            Norm::None
        }
    }

    /// Layers with an activation (every layer but a training output layer).
    pub fn hidden_layers(&self) -> usize {
        self.layers
            .iter()
            .filter(|layer| layer.activation.is_some())
            .count()
    }

    /// The Frobenius norm of each layer's ∂L/∂W in `grads` (laid out like `params`).
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
