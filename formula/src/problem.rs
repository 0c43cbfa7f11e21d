//! What can be wrong with a formula, as a value: its English sentence (`Display`), its kind and
//! facts for the page's Korean template, and one example of each kind for the i18n test.

use super::{expr, parse, tape};
use serde_json::Value;
use std::fmt;

/// What is wrong with a formula or its parameters: the English sentence is its `Display`, the
/// page builds the Korean one from its fields.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// `activation=custom` without `formula`.
    Missing,
    /// An empty formula.
    Empty,
    /// More characters than [`parse::MAX_LENGTH`].
    TooLong {
        /// Characters given.
        got: usize,
        /// The most allowed.
        max: usize,
    },
    /// Nested deeper than [`parse::MAX_DEPTH`].
    TooDeep {
        /// Where the nesting went too deep.
        column: usize,
        /// The deepest allowed.
        max: usize,
    },
    /// A token where none of its kind can stand.
    Unexpected {
        /// The token (empty: the end of the formula).
        found: String,
        /// Its 1-based column.
        column: usize,
    },
    /// A number that does not read as a finite number (`1.2.3`, `1e999`).
    BadNumber {
        /// The text.
        text: String,
        /// Its column.
        column: usize,
    },
    /// A call of a function the grammar does not have.
    UnknownFunction {
        /// The name.
        name: String,
        /// Its column.
        column: usize,
    },
    /// A name that is neither x, pi, e, a function nor a one-letter parameter.
    UnknownName {
        /// The name.
        name: String,
        /// Its column.
        column: usize,
    },
    /// A function called with the wrong number of arguments.
    Arity {
        /// The function.
        name: String,
        /// Arguments given.
        got: usize,
        /// Arguments it takes.
        expected: usize,
        /// Its column.
        column: usize,
    },
    /// A fourth parameter.
    TooManyParams {
        /// The letter.
        name: char,
        /// Its column.
        column: usize,
        /// The most allowed.
        max: usize,
    },
    /// A parameter the formula uses that `formula-params` gives no value.
    NoValue {
        /// The letter.
        name: char,
    },
    /// `formula-params` text that is not `letter:number` pairs.
    ParamsSyntax {
        /// The offending pair.
        fragment: String,
    },
    /// The derivatives compile to more instructions than [`tape::MAX_INSTRUCTIONS`].
    TooComplex {
        /// Instructions needed (at least).
        got: usize,
        /// The most allowed.
        max: usize,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing => f.write_str(
                "activation=custom needs a formula in x, e.g. formula=x*sigmoid(x)",
            ),
            Problem::Empty => f.write_str("the formula is empty: write an expression in x"),
            Problem::TooLong { got, max } => {
                write!(f, "the formula has {got} characters; at most {max} are allowed")
            }
            Problem::TooDeep { column, max } => write!(
                f,
                "the formula nests deeper than {max} levels at column {column}"
            ),
            Problem::Unexpected { found, column } if found.is_empty() => {
                write!(f, "the formula ends unexpectedly at column {column}")
            }
            Problem::Unexpected { found, column } => {
                write!(f, "unexpected '{found}' at column {column} of the formula")
            }
            Problem::BadNumber { text, column } => {
                write!(f, "'{text}' at column {column} is not a finite number")
            }
            Problem::UnknownFunction { name, column } => write!(
                f,
                "unknown function '{name}' at column {column} (expected one of: {})",
                function_names()
            ),
            Problem::UnknownName { name, column } => write!(
                f,
                "unknown name '{name}' at column {column}: use x, pi, e, a one-letter parameter or a function"
            ),
            Problem::Arity {
                name,
                got,
                expected,
                column,
            } => write!(
                f,
                "{name} at column {column} takes {expected} argument{}, got {got}",
                if *expected == 1 { "" } else { "s" }
            ),
            Problem::TooManyParams { name, column, max } => write!(
                f,
                "parameter '{name}' at column {column} is one too many: a formula takes at most {max} parameters"
            ),
            Problem::NoValue { name } => write!(
                f,
                "parameter '{name}' has no value: give it in formula-params, e.g. formula-params={name}:1"
            ),
            Problem::ParamsSyntax { fragment } => write!(
                f,
                "formula-params must be letter:number pairs such as k:1.5, got \"{fragment}\""
            ),
            Problem::TooComplex { got, max } => write!(
                f,
                "the formula's derivatives need {got} steps, more than the {max} allowed: simplify it"
            ),
        }
    }
}

impl Problem {
    /// The problem's kind, for the page's Korean templates.
    pub fn name(&self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::Empty => "empty",
            Problem::TooLong { .. } => "too-long",
            Problem::TooDeep { .. } => "too-deep",
            Problem::Unexpected { found, .. } if found.is_empty() => "unexpected-end",
            Problem::Unexpected { .. } => "unexpected",
            Problem::BadNumber { .. } => "bad-number",
            Problem::UnknownFunction { .. } => "unknown-function",
            Problem::UnknownName { .. } => "unknown-name",
            Problem::Arity { .. } => "arity",
            Problem::TooManyParams { .. } => "too-many-params",
            Problem::NoValue { .. } => "no-value",
            Problem::ParamsSyntax { .. } => "params-syntax",
            Problem::TooComplex { .. } => "too-complex",
        }
    }
}

/// The function names, comma-separated, for error sentences.
pub fn function_names() -> String {
    expr::FUNCTIONS.map(|(name, _)| name).join(", ")
}

impl Problem {
    /// The config keys the problem is about.
    pub fn keys(&self) -> &'static [&'static str] {
        match self {
            Problem::Missing => &["activation", "formula"],
            Problem::NoValue { .. } | Problem::ParamsSyntax { .. } => &["formula-params"],
            _ => &["formula"],
        }
    }

    /// The facts the sentence states, as JSON fields (`problem` names the kind).
    pub fn fields(&self) -> Vec<(&'static str, Value)> {
        // The formula's variable and the example each sentence quotes are facts too, so the
        // Korean sentence can quote them as typed.
        let mut out = vec![
            ("problem", Value::from(self.name())),
            ("variable", Value::from("x")),
        ];
        let mut put = |key: &'static str, value: Value| out.push((key, value));
        match self {
            Problem::Missing => put("example", Value::from("x*sigmoid(x)")),
            Problem::Empty => {}
            Problem::TooLong { got, max } | Problem::TooComplex { got, max } => {
                put("got", Value::from(*got));
                put("max", Value::from(*max));
            }
            Problem::TooDeep { column, max } => {
                put("column", Value::from(*column));
                put("max", Value::from(*max));
            }
            Problem::Unexpected { found, column } => {
                put("found", Value::from(found.as_str()));
                put("column", Value::from(*column));
            }
            Problem::BadNumber { text, column } => {
                put("found", Value::from(text.as_str()));
                put("column", Value::from(*column));
            }
            Problem::UnknownFunction { name, column } => {
                put("name", Value::from(name.as_str()));
                put("column", Value::from(*column));
                put("valid", Value::from(function_names()));
            }
            Problem::UnknownName { name, column } => {
                put("name", Value::from(name.as_str()));
                put("column", Value::from(*column));
                put("names", Value::from("x, pi, e"));
            }
            Problem::Arity {
                name,
                got,
                expected,
                column,
            } => {
                put("name", Value::from(name.as_str()));
                put("got", Value::from(*got));
                put("expected", Value::from(*expected));
                put("column", Value::from(*column));
            }
            Problem::TooManyParams { name, column, max } => {
                put("name", Value::from(name.to_string()));
                put("column", Value::from(*column));
                put("max", Value::from(*max));
            }
            Problem::NoValue { name } => put("name", Value::from(name.to_string())),
            Problem::ParamsSyntax { fragment } => {
                put("fragment", Value::from(fragment.as_str()));
                put("example", Value::from("k:1.5"));
            }
        }
        out
    }

    /// One problem of every kind (and both forms of `unexpected`).
    pub fn examples() -> Vec<Problem> {
        vec![
            Problem::Missing,
            Problem::Empty,
            Problem::TooLong {
                got: 230,
                max: parse::MAX_LENGTH,
            },
            Problem::TooDeep {
                column: 33,
                max: parse::MAX_DEPTH,
            },
            Problem::Unexpected {
                found: ")".into(),
                column: 7,
            },
            Problem::Unexpected {
                found: String::new(),
                column: 3,
            },
            Problem::BadNumber {
                text: "1e999".into(),
                column: 1,
            },
            Problem::UnknownFunction {
                name: "foo".into(),
                column: 1,
            },
            Problem::UnknownName {
                name: "abc".into(),
                column: 3,
            },
            Problem::Arity {
                name: "max".into(),
                got: 1,
                expected: 2,
                column: 1,
            },
            Problem::TooManyParams {
                name: 'd',
                column: 7,
                max: parse::MAX_PARAMS,
            },
            Problem::NoValue { name: 'k' },
            Problem::ParamsSyntax {
                fragment: "k=1".into(),
            },
            Problem::TooComplex {
                got: 4097,
                max: tape::MAX_INSTRUCTIONS,
            },
        ]
    }
}
