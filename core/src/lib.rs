//! Activation Lab's numerical core: the activations, the one network both views run, and what
//! the layers experiment, training and the edge-of-chaos map compute from it. `activation-lab`
//! stands on it (the key table, readouts, charts, views, exports and the boundary) and
//! re-exports every module here under the same path, so `activation_lab::train::…` reads as
//! before.
//!
//! Reading order:
//! - [`activation`]: the catalogue, each function's value and exact derivative side by side, and
//!   the properties a learner asks about;
//! - [`softmax`]: the one vector-valued activation;
//! - [`names`] and the domain words it declares ([`view`], [`init`], [`input`], [`norm`], and
//!   in [`layers`] and [`train`] the histogram source, dataset, optimiser, learned parameters
//!   and a training widget's panels): enums parsed once from their names;
//! - [`error`]: errors as values, with their sentences in English and Korean;
//! - [`init`], [`mlp`] (the one network, its GEMM in [`mlp::linalg`]), [`layers`]: a deep MLP's
//!   forward and backward pass, per-layer statistics, and the mean-field prediction beside them;
//! - [`train`]: a small network trained live on a toy dataset (datasets, heads, optimisers);
//! - [`phase`]: the edge of chaos, measured and predicted;
//! - [`wire`]: how the page's workers hand those numbers to the page's thread.
//!
//! It has no clock, no randomness beyond its seeds and no I/O, so it builds and tests natively.

pub mod activation;
/// Errors as values, with their sentences: their own crate, compiled for size in the wasm build.
pub use activation_lab_error as error;
pub mod features;
pub mod init;
pub mod input;
pub mod layers;
pub mod mlp;
pub mod names;
pub mod norm;
pub mod pairs;
pub mod phase;
pub mod random;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128;
pub mod softmax;
pub mod train;
pub mod view;
pub mod wire;
