//! The grammar of a value: the kinds a key's value can have ([`ValueKind`]) with their bounds,
//! how each is described, how text is split and checked against them, and the sentences a value
//! that does not fit gets. [`super::Field`] turns checked text into typed `Config` fields.
//!
//! The key table ([`super::KEYS`]) only names a kind and a `Config` field per key; everything
//! about reading values lives here and in `field`, once.

use crate::activation::formula::number::parse as parse_number;
use crate::activation::Kind;
use crate::error::{Count, Error, Range};
use crate::names::Named;
use serde::{Serialize, Serializer};
use std::fmt;

/// The names a name-valued key offers, computed when asked: the activation catalogue grows
/// without an edit here.
#[derive(Clone, Copy)]
pub struct Choices(fn() -> Vec<&'static str>);

impl Choices {
    /// The names of a domain word, in its list order.
    pub const fn of<T: Named>() -> Choices {
        Choices(T::names)
    }

    /// The scalar and vector activations of the catalogue, by canonical name.
    pub const fn activations() -> Choices {
        Choices(activation_names)
    }

    /// The valid names, in list order.
    pub fn names(&self) -> Vec<&'static str> {
        (self.0)()
    }
}

impl fmt::Debug for Choices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Serialize for Choices {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(serializer)
    }
}

fn activation_names() -> Vec<&'static str> {
    Kind::ALL
        .iter()
        .chain([Kind::Custom].iter())
        .map(|kind| kind.name())
        .collect()
}

/// The type and bounds of a key's value.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueKind {
    /// A finite real in [min, max] (or (min, max] when `min_exclusive`).
    Number {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Whether `min` itself is excluded.
        min_exclusive: bool,
        /// A sensible slider step.
        step: f64,
    },
    /// An integer in [min, max].
    Integer {
        /// Lower bound.
        min: usize,
        /// Upper bound.
        max: usize,
    },
    /// `true` or `false`.
    Bool,
    /// One name from `choices`, or up to `max_count` comma-separated names when `max_count > 1`.
    Names {
        /// The valid names.
        choices: Choices,
        /// How many may be listed.
        max_count: usize,
        /// Whether a name may be listed more than once (one per layer may repeat; a set may not).
        repeats: bool,
    },
    /// A comma-separated list of finite reals, each in [min, max].
    NumberList {
        /// Lower bound of each entry.
        min: f64,
        /// Upper bound of each entry.
        max: f64,
        /// Fewest entries.
        min_len: usize,
        /// Most entries.
        max_len: usize,
    },
    /// Free text read by its own parser (a typed formula), at most `max_len` characters.
    Text {
        /// Most characters.
        max_len: usize,
    },
    /// A comma-separated list of integers, each in [min, max].
    IntegerList {
        /// Lower bound of each entry.
        min: usize,
        /// Upper bound of each entry.
        max: usize,
        /// Fewest entries.
        min_len: usize,
        /// Most entries.
        max_len: usize,
    },
}

/// A number in [min, max] with a slider step.
pub const fn number(min: f64, max: f64, step: f64) -> ValueKind {
    ValueKind::Number {
        min,
        max,
        min_exclusive: false,
        step,
    }
}

/// A number in (0, max] with a slider step.
pub const fn positive(max: f64, step: f64) -> ValueKind {
    ValueKind::Number {
        min: 0.0,
        max,
        min_exclusive: true,
        step,
    }
}

/// An integer in min..=max.
pub const fn integer(min: usize, max: usize) -> ValueKind {
    ValueKind::Integer { min, max }
}

/// A list of `min_len..=max_len` numbers, each in [min, max].
pub const fn numbers(min: f64, max: f64, min_len: usize, max_len: usize) -> ValueKind {
    ValueKind::NumberList {
        min,
        max,
        min_len,
        max_len,
    }
}

/// A list of `min_len..=max_len` integers, each in min..=max.
pub const fn integers(min: usize, max: usize, min_len: usize, max_len: usize) -> ValueKind {
    ValueKind::IntegerList {
        min,
        max,
        min_len,
        max_len,
    }
}

/// One name of a domain word.
pub const fn one_of<T: Named>() -> ValueKind {
    ValueKind::Names {
        choices: Choices::of::<T>(),
        max_count: 1,
        repeats: false,
    }
}

/// Up to `max_count` activation names; `repeats` when a name may come again (one per layer).
pub const fn activations(max_count: usize, repeats: bool) -> ValueKind {
    ValueKind::Names {
        choices: Choices::activations(),
        max_count,
        repeats,
    }
}

impl ValueKind {
    /// The type and bounds in a few words (`number in [-1000, 1000]`, `integer in 1..=64`), as
    /// error sentences and `actlab help` say them.
    pub fn describe(&self) -> String {
        match self {
            ValueKind::Number {
                min,
                max,
                min_exclusive,
                ..
            } => {
                format!(
                    "number in {}{min}, {max}]",
                    if *min_exclusive { "(" } else { "[" }
                )
            }
            ValueKind::Integer { min, max } => format!("integer in {min}..={max}"),
            ValueKind::Bool => "true or false".into(),
            ValueKind::Names {
                choices,
                max_count: 1,
                ..
            } => format!("one of {}", choices.names().join(", ")),
            ValueKind::Names { max_count, .. } => format!("1..={max_count} names (actlab list)"),
            ValueKind::NumberList {
                min,
                max,
                min_len,
                max_len,
            } => {
                format!("{min_len}..={max_len} numbers in [{min}, {max}]")
            }
            ValueKind::IntegerList {
                min,
                max,
                min_len,
                max_len,
            } => {
                format!("{min_len}..={max_len} integers in {min}..={max}")
            }
            ValueKind::Text { max_len } => format!("text of at most {max_len} characters"),
        }
    }

    /// The range an out-of-range error names ("a number in [0, 1]", "an integer in 1..=64").
    fn range(&self) -> Range {
        match *self {
            ValueKind::Number {
                min,
                max,
                min_exclusive,
                ..
            } => Range::Number {
                min,
                max,
                min_exclusive,
            },
            ValueKind::Integer { min, max } => Range::Integer { min, max },
            ValueKind::NumberList { min, max, .. } => Range::Numbers { min, max },
            ValueKind::IntegerList { min, max, .. } => Range::Integers { min, max },
            // Not reached: only numeric kinds are parsed as numbers. Any number is the true answer.
            ValueKind::Bool | ValueKind::Names { .. } | ValueKind::Text { .. } => Range::Number {
                min: f64::NEG_INFINITY,
                max: f64::INFINITY,
                min_exclusive: false,
            },
        }
    }

    pub(super) fn out_of_range(&self, key: &'static str, text: &str) -> Error {
        Error::OutOfRange {
            key,
            value: text.to_string(),
            range: self.range(),
        }
    }

    /// One number within this kind's bounds (a number or a number list's entry).
    pub(super) fn number(&self, key: &'static str, text: &str) -> Result<f64, Error> {
        let number: f64 = parse_number(text).ok_or_else(|| Error::NotANumber {
            key,
            value: text.to_string(),
        })?;
        let (min, max, min_exclusive) = match *self {
            ValueKind::Number {
                min,
                max,
                min_exclusive,
                ..
            } => (min, max, min_exclusive),
            ValueKind::NumberList { min, max, .. } => (min, max, false),
            _ => return Err(self.out_of_range(key, text)),
        };
        let above_min = if min_exclusive {
            number > min
        } else {
            number >= min
        };
        // NaN fails both comparisons and ±inf fails one, so both are refused here.
        if above_min && number <= max {
            Ok(number)
        } else {
            Err(self.out_of_range(key, text))
        }
    }

    /// One integer within this kind's bounds (an integer or an integer list's entry).
    pub(super) fn integer(&self, key: &'static str, text: &str) -> Result<usize, Error> {
        let (min, max) = match *self {
            ValueKind::Integer { min, max } | ValueKind::IntegerList { min, max, .. } => (min, max),
            _ => return Err(self.out_of_range(key, text)),
        };
        let n: i64 = text.parse().map_err(|_| {
            // "2.5" is a number, just not a whole one: say which numbers are allowed.
            if parse_number(text).is_some() {
                self.out_of_range(key, text)
            } else {
                Error::NotANumber {
                    key,
                    value: text.to_string(),
                }
            }
        })?;
        usize::try_from(n)
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| self.out_of_range(key, text))
    }

    /// The comma-separated entries of a list, checked for count.
    pub(super) fn items<'t>(
        &self,
        key: &'static str,
        text: &'t str,
    ) -> Result<Vec<&'t str>, Error> {
        let items: Vec<&str> = text.split(',').map(str::trim).collect();
        let (min_len, max_len) = match *self {
            ValueKind::NumberList {
                min_len, max_len, ..
            }
            | ValueKind::IntegerList {
                min_len, max_len, ..
            } => (min_len, max_len),
            ValueKind::Names { max_count, .. } => {
                // An empty list of names says nothing; a single-name key reports the empty name.
                let none = max_count > 1 && text.is_empty();
                if none || items.len() > max_count {
                    return Err(Error::ListLength {
                        key,
                        got: if none { 0 } else { items.len() },
                        expected: Count::Values {
                            min: 1,
                            max: max_count,
                        },
                    });
                }
                return Ok(items);
            }
            _ => (1, 1),
        };
        if items.len() < min_len || items.len() > max_len {
            return Err(Error::ListLength {
                key,
                got: items.len(),
                expected: Count::Values {
                    min: min_len,
                    max: max_len,
                },
            });
        }
        Ok(items)
    }

    /// The error of a list of `got` entries that does not fit this kind's bounds.
    pub(super) fn list_length(&self, key: &'static str, got: usize) -> Error {
        let (min, max) = match *self {
            ValueKind::NumberList {
                min_len, max_len, ..
            }
            | ValueKind::IntegerList {
                min_len, max_len, ..
            } => (min_len, max_len),
            _ => (1, 1),
        };
        Error::ListLength {
            key,
            got,
            expected: Count::Values { min, max },
        }
    }

    pub(super) fn unknown_name(&self, key: &'static str, name: &str) -> Error {
        let valid = match self {
            ValueKind::Names { choices, .. } => choices.names().join(", "),
            _ => "true, false".into(),
        };
        Error::UnknownName {
            key,
            value: name.to_string(),
            valid,
        }
    }
}
