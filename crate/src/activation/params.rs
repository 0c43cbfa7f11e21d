//! The resolved parameters of an activation, keyed by their config keys, for readouts and the
//! CLI's JSON (`{"negative-slope": 0.01}`, `{"hinges": 2, "a": [...], "b": [...]}`).

use super::Activation;
use serde::Serialize;

/// A parameter value: a number, or APL's per-hinge lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    /// A scalar parameter.
    Number(f64),
    /// A per-hinge list.
    List(Vec<f64>),
}

impl Activation {
    /// (config key, value) for every parameter this activation reads, in key-table order.
    pub fn resolved_params(&self) -> Vec<(&'static str, ParamValue)> {
        use ParamValue::{List, Number};
        match self {
            Activation::ScaledTanh { a, b } => vec![("a", Number(*a)), ("b", Number(*b))],
            Activation::BoundedRelu { cap } => vec![("cap", Number(*cap))],
            Activation::LeakyRelu { negative_slope } | Activation::Prelu { negative_slope } => {
                vec![("negative-slope", Number(*negative_slope))]
            }
            Activation::Elu { alpha } | Activation::Celu { alpha } => {
                vec![("alpha", Number(*alpha))]
            }
            Activation::Swish { beta } | Activation::Softplus { beta } => {
                vec![("beta", Number(*beta))]
            }
            Activation::Apl { a, b } => vec![
                ("hinges", Number(a.len() as f64)),
                ("a", List(a.clone())),
                ("b", List(b.clone())),
            ],
            _ => Vec::new(),
        }
    }
}
