//! `actlab softmax`: the softmax view's numbers for some logits.

use crate::emit::emit;
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::json::json;
use activation_lab::config::View;
use activation_lab::views::softmax::Softmax;
use activation_lab::views::ViewSpec;

/// `actlab softmax`.
pub const SPEC: Spec = Spec {
    name: "softmax",
    flags: "[--config FILE.json] [--logits Z1,Z2,...] [--temperature T] [--target K]",
    view: Some(View::Softmax),
    formats: &[Format::Json],
    about: "Prints the softmax view's numbers as JSON: logits, temperature, target, \
            probabilities, jacobian (∂p_i/∂z_j, row-major), loss (cross-entropy \
            −log p_target) and gradient (∂loss/∂z = (p − y)/T).",
    run,
};

/// Writes the readout as pretty JSON, the one format.
fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let report = Softmax::compute(config)?;
    emit(&json(&report, true)?, invocation.out.as_deref())
}
