//! The resolved parameters of an activation, keyed by their config keys, for readouts and the
//! CLI's JSON (`{"negative-slope": 0.01}`, `{"hinges": 2, "a": [...], "b": [...]}`). The
//! registry generates [`super::Activation::resolved_params`] from each entry's parameter list.

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
