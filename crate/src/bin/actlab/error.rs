//! What can go wrong in a command, as the one sentence printed after `actlab: ` and the exit
//! status that goes with it.

use std::fmt;

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
            activation_lab::Error::Drawing { .. } => CliError::Output(error.to_string()),
            other => CliError::Input(other.to_string()),
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
