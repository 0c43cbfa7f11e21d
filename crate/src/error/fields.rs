//! An error's facts as data: the `fields` object that crosses to the page with its code.
//!
//! Numbers the sentence counts with (`got`, `logits`, bounds) are JSON numbers; what the reader
//! typed (`value`, `x_min`) is text exactly as the English sentence writes it, so a translation
//! shows the same characters; lists of names are arrays.

use super::{Count, Error, Range};
use serde_json::{json, Map, Value};

/// Integers written as the sentence writes them: `8,8`.
pub(super) fn join(values: &[usize]) -> String {
    values
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// A comma-separated list of names (how the core keeps `valid`) as an array.
fn names(list: &str) -> Value {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

fn range_fields(range: &Range) -> Value {
    let interval = range.interval();
    match range {
        Range::Number {
            min,
            max,
            min_exclusive,
        } => json!({ "kind": "number", "min": min, "max": max,
                      "min_exclusive": min_exclusive, "interval": interval }),
        Range::Integer { min, max } => {
            json!({ "kind": "integer", "min": min, "max": max, "interval": interval })
        }
        Range::Numbers { min, max } => {
            json!({ "kind": "numbers", "min": min, "max": max, "interval": interval })
        }
        Range::Integers { min, max } => {
            json!({ "kind": "integers", "min": min, "max": max, "interval": interval })
        }
        Range::Positive { activation } => json!({ "kind": "positive", "activation": activation }),
    }
}

fn count_fields(count: &Count) -> Value {
    match count {
        Count::Values { min, max } => json!({ "kind": "values", "min": min, "max": max }),
        Count::For { count, activation } => {
            json!({ "kind": "for", "count": count, "activation": activation })
        }
        Count::PerHinge { activation, hinges } => {
            json!({ "kind": "per-hinge", "activation": activation, "hinges": hinges })
        }
        Count::Plain { min, max } => json!({ "kind": "plain", "min": min, "max": max }),
    }
}

impl Error {
    /// The error's facts as a JSON object: what its sentence says, in any language.
    pub fn fields(&self) -> Value {
        match self {
            Error::UnknownKey { key, valid } => json!({ "key": key, "valid": names(valid) }),
            Error::UnknownName { key, value, valid } => {
                json!({ "key": key, "value": value, "valid": names(valid) })
            }
            Error::NotANumber { key, value } => json!({ "key": key, "value": value }),
            Error::OutOfRange { key, value, range } => {
                json!({ "key": key, "value": value, "range": range_fields(range) })
            }
            Error::ListLength { key, got, expected } => {
                json!({ "key": key, "got": got, "expected": count_fields(expected) })
            }
            Error::RepeatedName { key, name } => json!({ "key": key, "name": name }),
            Error::XRangeOrder { x_min, x_max } => {
                json!({ "x_min": x_min.to_string(), "x_max": x_max.to_string() })
            }
            Error::TargetNotALogit { target, logits } => {
                json!({ "target": target, "logits": logits, "last": logits.saturating_sub(1) })
            }
            Error::MemoryBudget {
                batch,
                width,
                depth,
                values,
                budget,
                megabytes,
            } => json!({ "batch": batch, "width": width, "depth": depth, "values": values,
                         "budget": budget, "megabytes": megabytes }),
            Error::ClassesNeedDataset {
                classes,
                dataset,
                datasets,
            } => json!({ "classes": classes, "dataset": dataset, "datasets": datasets }),
            Error::LayerCount { got, hidden } => {
                let layers = hidden.len();
                json!({ "got": got, "layers": layers, "hidden": hidden, "hidden_text": join(hidden) })
            }
            Error::PointsAndGrid { grid } => json!({ "flag": "x", "grid": grid }),
            Error::InitNotFinite { scale } => json!({ "scale": scale.name() }),
            Error::Internal { detail } => json!({ "detail": detail }),
            Error::Malformed { fragment } => json!({ "fragment": fragment }),
            Error::NotScalar { name } => json!({ "name": name }),
            Error::CanvasUnavailable => Value::Object(Map::new()),
            Error::Drawing { message } => json!({ "message": message }),
        }
    }

    /// Code, English sentence and fields in one JSON object, the shape the page receives.
    pub fn to_json(&self) -> Value {
        json!({ "code": self.code(), "message": self.to_string(), "fields": self.fields() })
    }
}
