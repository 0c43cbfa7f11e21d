//! Helpers shared by the integration tests (each test file includes this with `mod common;`).
#![allow(dead_code, clippy::expect_used)] // Each test file uses only some of them.

use activation_lab::Activation;
use std::process::{Command, Output};

/// Runs the built `actlab` binary with these arguments.
pub fn actlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actlab"))
        .args(args)
        .output()
        .expect("the actlab binary runs")
}

/// Where f' (or f'') jumps, written down from the definitions (not asked of the code).
pub fn kinks(activation: &Activation) -> Vec<f64> {
    match activation {
        Activation::HardSigmoid | Activation::Hardswish => vec![-3.0, 3.0],
        Activation::Hardtanh => vec![-1.0, 1.0],
        Activation::Relu6 => vec![0.0, 6.0],
        Activation::BoundedRelu { cap } => vec![0.0, *cap],
        Activation::Step
        | Activation::Softsign
        | Activation::Relu
        | Activation::LeakyRelu { .. }
        | Activation::Prelu { .. }
        | Activation::Elu { .. }
        | Activation::Celu { .. }
        | Activation::Selu => vec![0.0],
        Activation::Apl { b, .. } => std::iter::once(0.0).chain(b.iter().copied()).collect(),
        _ => Vec::new(),
    }
}
