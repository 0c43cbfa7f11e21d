//! What can go wrong in a command, as the one sentence printed after `actlab: ` and the exit
//! status that goes with it.

use crate::language;
use activation_lab::render::Lang;
use std::fmt;

/// The core error's sentence in the run's language (error/src/ko.rs holds the Korean, the
/// same the page shows).
pub fn sentence(error: &activation_lab::Error) -> String {
    match language::current() {
        Lang::En => error.to_string(),
        Lang::Ko => error.korean(),
    }
}

/// What went wrong, as the one sentence printed after `actlab: `.
#[derive(Debug)]
pub enum CliError {
    /// Bad flags or values: exit status 2.
    Input(String),
    /// The output could not be written: exit status 1.
    Output(String),
}

impl From<activation_lab::Error> for CliError {
    fn from(error: activation_lab::Error) -> Self {
        match error {
            activation_lab::Error::Drawing { .. } => CliError::Output(sentence(&error)),
            other => CliError::Input(sentence(&other)),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(message) | CliError::Output(message) => f.write_str(message),
        }
    }
}
