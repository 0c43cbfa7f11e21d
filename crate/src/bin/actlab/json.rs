//! JSON as the commands write it: compact or pretty text with a final newline, and parameter
//! values typed as the key table types them.

use crate::error::CliError;
use activation_lab::activation::params::ParamValue;
use activation_lab::config::ValueKind;
use activation_lab::Config;
use serde::{Serialize, Serializer};

/// `value` as JSON text with a final newline.
pub fn json<T: Serialize>(value: &T, pretty: bool) -> Result<String, CliError> {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    text.map(|t| t + "\n")
        .map_err(|e| CliError::Output(format!("cannot write JSON: {e}")))
}

/// A resolved activation's parameters as a JSON object, in key-table order.
pub struct Params(pub Vec<(&'static str, ParamValue)>);

/// A number as the key table types it: `hinges` is an integer key, so it prints as `2`, not `2.0`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Typed<'a> {
    /// A whole number of an integer key.
    Integer(u64),
    /// Anything else, as it is.
    Value(&'a ParamValue),
}

impl<'a> Typed<'a> {
    /// `value` as the key table types `key`.
    pub fn of(key: &str, value: &'a ParamValue) -> Typed<'a> {
        let integer_key =
            Config::key(key).is_ok_and(|k| matches!(k.kind, ValueKind::Integer { .. }));
        match value {
            // Integer keys hold small whole numbers (hinges is 1..=5), so the cast is exact.
            ParamValue::Number(n) if integer_key && n.fract() == 0.0 && *n >= 0.0 => {
                Typed::Integer(*n as u64)
            }
            other => Typed::Value(other),
        }
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .map(|(key, value)| (key, Typed::of(key, value))),
        )
    }
}
