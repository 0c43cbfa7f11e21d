//! Activation Lab: see why deep networks train or fail. The numbers come from the numerical
//! core (`activation-lab-core`, re-exported here under its modules' names); this crate turns a
//! link into them and them into pictures, tables and the browser's boundary.
//!
//! Reading order:
//! - [`activation`]: the catalogue, each function's value and exact derivative side by side, and
//!   the properties a learner asks about;
//! - [`softmax`]: the one vector-valued activation;
//! - [`names`] and the domain words it declares ([`view`], [`init`], [`input`], [`norm`], and
//!   in [`layers`] and [`train`] the histogram source, dataset, optimiser and learned
//!   parameters): enums parsed once from their names;
//! - [`config`]: the one key table behind the URL hash, widget attributes, CLI flags and JSON;
//! - [`readout`]: the numbers the page and CLI print (curves, crosshair, chain of layers);
//! - [`init`], [`mlp`] (the one network both views run, with the layers view's pass in
//!   [`network`] and its GEMM in [`linalg`]), [`layers`]: a deep MLP's forward and backward
//!   pass, per-layer statistics, and the mean-field prediction beside them (the statistics and
//!   the theory live in `layers`, their only user);
//! - [`train`]: a small network trained live on a toy dataset (datasets, heads, optimisers);
//! - [`render`]: charts written once, generic over plotters' `DrawingBackend`;
//! - [`views`]: one module per view (what it computes, exports and draws) and the one registry
//!   that names them all;
//! - [`export`]: the current view as SVG, CSV or JSON (CLI and page alike), through that registry;
//! - `wasm` (wasm32 only): the thin `wasm-bindgen` boundary, the only place that names the DOM;
//! - `first_chart` (wasm32, feature `first-chart`): the small module's boundary, which draws
//!   only the curves view, for the page's first picture (`canvas` serves both boundaries, and
//!   `surface` makes the whole module's canvas and SVG one backend, so each chart is compiled once).
//!
//! The core has no clock, no randomness and no I/O, so it builds and tests natively.

// The numerical core, under the paths it always had (`crate::train`, `activation_lab::mlp`).
pub use activation_lab_core::{
    activation, error, features, init, input, layers, mlp, names, norm, pairs, phase, random,
    softmax, train, view, wire,
};

pub mod config;
pub mod export;
pub mod readout;
pub mod render;
pub mod views;

// The whole module's texts and the first chart's lean core cannot share one build.
#[cfg(all(feature = "boundary", feature = "first-chart"))]
compile_error!("build `first-chart` alone (--no-default-features): it leaves the core's texts out");

#[cfg(all(
    target_arch = "wasm32",
    any(feature = "boundary", feature = "first-chart")
))]
mod canvas;
#[cfg(all(target_arch = "wasm32", feature = "first-chart"))]
pub mod first_chart;
#[cfg(all(target_arch = "wasm32", feature = "boundary"))]
mod surface;
#[cfg(all(target_arch = "wasm32", feature = "boundary"))]
pub mod wasm;

pub use activation::{Activation, Kind};
// The paths the layers view and its callers have always used.
pub use config::Config;
pub use error::Error;
pub use mlp::{linalg, network};
