//! The one gradient-check suite of the network both views run (`mlp`): each pass's analytic
//! gradient against central differences of an f64 replica written from the documented
//! equations, with kinks written down from the definitions and skipped exactly.
//!
//! - `layers.rs`: the layers view's pass (row-major, through the GEMM, loss ½·mean(a²)): every
//!   scalar activation × skips on and off × no, batch and layer norm × two initialisers, and
//!   every initialiser; the checker is shown to reject wrong gradients;
//! - `training.rs`: the training lab's pass (batch-inner, with a head): every head × learned
//!   activation parameters per layer and per unit; every scalar activation × skips × norm.

#[path = "../common/mod.rs"]
mod common;
mod layers;
mod training;

type TestResult = Result<(), Box<dyn std::error::Error>>;
