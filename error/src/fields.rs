//! An error's facts as data: the `fields` object that crosses to the page with its code.
//!
//! Numbers the sentence counts with (`got`, `logits`, bounds) are JSON numbers; what the reader
//! typed (`value`, `x_min`) is text exactly as the English sentence writes it, so a translation
//! shows the same characters; lists of names are arrays.

use super::{Count, Error, Range};
use serde_json::{Map, Value};

/// Integers written as the sentence writes them: `8,8`.
pub(super) fn join(values: &[usize]) -> String {
    values
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

// Built by hand rather than with `serde_json::json!`: the macro unwraps a `to_value` per entry
// and made this function 17 KB of wasm; these conversions cannot fail.

/// A JSON object of these entries. Inserted one by one: collecting into the map would sort the
/// entries first and bring a sort routine into the wasm module for a handful of fields.
fn object(entries: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (name, value) in entries {
        map.insert(name.to_string(), value);
    }
    Value::Object(map)
}

fn text(value: &str) -> Value {
    Value::from(value)
}

/// A whole number past 32 bits (a work count), exact in JSON up to 2^53.
fn big(value: u64) -> Value {
    Value::from(value)
}

fn count(value: usize) -> Value {
    Value::from(value)
}

/// A comma-separated list of names (how the core keeps `valid`) as an array.
fn names(list: &str) -> Value {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(text)
        .collect()
}

fn list(items: &[&str]) -> Value {
    items.iter().copied().map(text).collect()
}

fn range_fields(range: &Range) -> Value {
    let bounds = |kind: &str, min: Value, max: Value| {
        vec![
            ("kind", text(kind)),
            ("min", min),
            ("max", max),
            ("interval", Value::from(range.interval())),
        ]
    };
    object(match *range {
        Range::Number {
            min,
            max,
            min_exclusive,
        } => {
            let mut entries = bounds("number", min.into(), max.into());
            entries.push(("min_exclusive", min_exclusive.into()));
            entries
        }
        Range::Integer { min, max } => bounds("integer", count(min), count(max)),
        Range::Numbers { min, max } => bounds("numbers", min.into(), max.into()),
        Range::Integers { min, max } => bounds("integers", count(min), count(max)),
        Range::Positive { activation } => {
            vec![("kind", text("positive")), ("activation", text(activation))]
        }
    })
}

fn count_fields(expected: &Count) -> Value {
    object(match *expected {
        Count::Values { min, max } => {
            vec![
                ("kind", text("values")),
                ("min", count(min)),
                ("max", count(max)),
            ]
        }
        Count::For {
            count: n,
            activation,
        } => vec![
            ("kind", text("for")),
            ("count", count(n)),
            ("activation", text(activation)),
        ],
        Count::PerHinge { activation, hinges } => vec![
            ("kind", text("per-hinge")),
            ("activation", text(activation)),
            ("hinges", count(hinges)),
        ],
        Count::Plain { min, max } => {
            vec![
                ("kind", text("plain")),
                ("min", count(min)),
                ("max", count(max)),
            ]
        }
    })
}

impl Error {
    /// The error's facts as a JSON object: what its sentence says, in any language.
    pub fn fields(&self) -> Value {
        object(match self {
            Error::UnknownKey { key, valid } => vec![("key", text(key)), ("valid", names(valid))],
            Error::UnknownName { key, value, valid } => vec![
                ("key", text(key)),
                ("value", text(value)),
                ("valid", names(valid)),
            ],
            Error::NotANumber { key, value } => vec![("key", text(key)), ("value", text(value))],
            Error::OutOfRange { key, value, range } => vec![
                ("key", text(key)),
                ("value", text(value)),
                ("range", range_fields(range)),
            ],
            Error::ListLength { key, got, expected } => vec![
                ("key", text(key)),
                ("got", count(*got)),
                ("expected", count_fields(expected)),
            ],
            Error::RepeatedName { key, name } => vec![("key", text(key)), ("name", text(name))],
            Error::XRangeOrder { x_min, x_max } => vec![
                ("x_min", Value::from(x_min.to_string())),
                ("x_max", Value::from(x_max.to_string())),
            ],
            Error::TargetNotALogit { target, logits } => vec![
                ("target", count(*target)),
                ("logits", count(*logits)),
                ("last", count(logits.saturating_sub(1))),
            ],
            Error::MemoryBudget {
                batch,
                width,
                depth,
                values,
                budget,
                megabytes,
            } => vec![
                ("batch", count(*batch)),
                ("width", count(*width)),
                ("depth", count(*depth)),
                ("values", count(*values)),
                ("budget", count(*budget)),
                ("megabytes", count(*megabytes)),
            ],
            Error::PhaseBudget {
                cells,
                depth,
                width,
                batch,
                work,
                budget,
            } => vec![
                ("cells", count(*cells)),
                ("depth", count(*depth)),
                ("width", count(*width)),
                ("batch", count(*batch)),
                ("work", big(*work)),
                ("budget", big(*budget)),
            ],
            Error::TrainingBudget {
                races,
                weights,
                units,
                unit_cost,
                batch_size,
                samples,
                work,
                budget,
            } => vec![
                ("races", count(*races)),
                ("weights", count(*weights)),
                ("units", count(*units)),
                ("unit_cost", count(*unit_cost)),
                ("batch_size", count(*batch_size)),
                ("samples", count(*samples)),
                ("work", count(*work)),
                ("budget", count(*budget)),
            ],
            Error::ClassesNeedDataset {
                classes,
                dataset,
                datasets,
            } => vec![
                ("classes", count(*classes)),
                ("dataset", text(dataset)),
                ("datasets", list(datasets)),
            ],
            Error::BatchNormOneExample { batch_size } => vec![("batch_size", count(*batch_size))],
            Error::LayerCount { got, hidden } => vec![
                ("got", count(*got)),
                ("layers", count(hidden.len())),
                ("hidden", hidden.iter().copied().map(count).collect()),
                ("hidden_text", Value::from(join(hidden))),
            ],
            Error::PointsAndGrid { grid } => vec![("flag", text("x")), ("grid", list(grid))],
            Error::InitNotFinite { scale } => vec![("scale", text(scale.name()))],
            Error::Internal { detail } => vec![("detail", text(detail))],
            Error::LinkTooLong { unit, got, max } => {
                vec![
                    ("unit", text(unit)),
                    ("got", count(*got)),
                    ("max", count(*max)),
                ]
            }
            Error::Malformed { fragment } => vec![("fragment", text(fragment))],
            Error::NotScalar { name } => vec![("name", text(name))],
            Error::CanvasUnavailable => Vec::new(),
            Error::Drawing { message } => vec![("message", text(message))],
            Error::Formula { problem } => problem.fields(),
            // The form as typed (`x`) and its example (`16x20`, 20 layers of 16), for the page's
            // sentence to quote.
            Error::RepeatForm { key, value, max } => vec![
                ("key", text(key)),
                ("value", text(value)),
                ("max", count(*max)),
                ("separator", text("x")),
                ("example", text("16x20")),
            ],
        })
    }

    /// Code, English sentence and fields in one JSON object, the shape the page receives.
    pub fn to_json(&self) -> Value {
        object(vec![
            ("code", text(self.code())),
            ("message", Value::from(self.to_string())),
            ("fields", self.fields()),
        ])
    }
}
