//! Errors as values with a sentence.
//!
//! `Display` is the user-facing sentence (no trailing period); `code()` is a stable identifier
//! the page uses to pick a translated message.

use std::fmt;

/// Everything that can go wrong in the core, from bad input to an unusable canvas.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A `key=value` pair names a key the table does not have.
    UnknownKey {
        /// The key as given.
        key: String,
        /// The valid keys, comma-separated.
        valid: String,
    },
    /// A name-valued key got a name it does not know.
    UnknownName {
        /// The key.
        key: &'static str,
        /// The value as given.
        value: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A numeric key got text that is not a number.
    NotANumber {
        /// The key.
        key: &'static str,
        /// The value as given.
        value: String,
    },
    /// A number outside its key's allowed range (NaN and ±inf included).
    OutOfRange {
        /// The key.
        key: &'static str,
        /// The value as given.
        value: String,
        /// The allowed range, written as the message shows it (e.g. `1..=64`).
        range: String,
    },
    /// A list with too few or too many entries.
    ListLength {
        /// The key.
        key: &'static str,
        /// Entries given.
        got: usize,
        /// The allowed count with its noun (e.g. `1..=6 values`, `3 values (one per hinge)`).
        expected: String,
    },
    /// Two keys that are fine alone but not together.
    Conflict {
        /// The sentence that says which keys and why.
        message: String,
    },
    /// A pair with no `=`, an empty key, or text that is not a valid query.
    Malformed {
        /// The offending fragment.
        fragment: String,
    },
    /// Softmax asked for where a scalar activation is needed.
    NotScalar {
        /// The activation's name.
        name: &'static str,
    },
    /// The canvas could not be used (no 2-D context).
    CanvasUnavailable,
    /// Drawing failed inside the chart backend.
    Drawing {
        /// The backend's message.
        message: String,
    },
}

impl Error {
    /// A stable code for the page's translations (`www/js/strings.js`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownKey { .. } => "unknown-key",
            Error::UnknownName { .. } => "unknown-name",
            Error::NotANumber { .. } => "not-a-number",
            Error::OutOfRange { .. } => "out-of-range",
            Error::ListLength { .. } => "list-length",
            Error::Conflict { .. } => "conflict",
            Error::Malformed { .. } => "malformed",
            Error::NotScalar { .. } => "not-scalar",
            Error::CanvasUnavailable => "canvas-unavailable",
            Error::Drawing { .. } => "drawing",
        }
    }

    /// The key the error is about, if any, so the page can show it next to that control.
    pub fn key(&self) -> Option<&str> {
        match self {
            Error::UnknownKey { key, .. } => Some(key),
            Error::UnknownName { key, .. }
            | Error::NotANumber { key, .. }
            | Error::OutOfRange { key, .. }
            | Error::ListLength { key, .. } => Some(key),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownKey { key, valid } => {
                write!(f, "unknown key \"{key}\" (expected one of: {valid})")
            }
            Error::UnknownName { key, value, valid } => {
                write!(f, "unknown {key} \"{value}\" (expected one of: {valid})")
            }
            Error::NotANumber { key, value } => {
                write!(f, "{key} must be a number, got \"{value}\"")
            }
            Error::OutOfRange { key, value, range } => {
                write!(f, "{key} must be {range}, got {value}")
            }
            Error::ListLength { key, got, expected } => {
                write!(f, "{key} takes {expected}, got {got}")
            }
            Error::Conflict { message } => f.write_str(message),
            Error::Malformed { fragment } => {
                write!(f, "malformed setting \"{fragment}\" (expected key=value)")
            }
            Error::NotScalar { name } => write!(
                f,
                "{name} is vector-valued and has its own view (view=softmax), not a curve"
            ),
            Error::CanvasUnavailable => f.write_str("the canvas has no 2-D drawing context"),
            Error::Drawing { message } => write!(f, "drawing failed: {message}"),
        }
    }
}

impl std::error::Error for Error {}
