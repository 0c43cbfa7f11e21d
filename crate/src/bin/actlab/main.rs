//! `actlab`: Activation Lab on the command line.
//!
//! The same key table as the page's URL hash, so `--x-max 8` and `#x-max=8` are one setting with
//! one validator and one set of error sentences. Modules, in reading order:
//! - [`args`]: flags → [`args::Invocation`] (a validated `Config` plus the CLI-only options);
//! - [`output`]: the JSON, CSV, SVG and text each command writes;
//! - [`help`]: the usage text, generated from the key table so it cannot drift.
//!
//! Exit status: 0 on success, 2 for bad input (one sentence on stderr), 1 when output cannot be
//! written.

mod args;
mod help;
mod layers;
mod output;
mod train;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The commands, in the order `--help` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Sample f, f' (and f'') of one or more activations.
    Curve,
    /// Softmax probabilities, Jacobian, loss and gradient for some logits.
    Softmax,
    /// A deep network's per-layer statistics after one forward and backward pass.
    Layers,
    /// Train a small network (or a race of several) and write its records.
    Train,
    /// The catalogue with formulas, parameters and properties.
    List,
    /// The key table.
    Keys,
}

impl Command {
    /// Every command.
    pub const ALL: [Command; 6] = [
        Command::Curve,
        Command::Softmax,
        Command::Layers,
        Command::Train,
        Command::List,
        Command::Keys,
    ];

    /// The name typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Command::Curve => "curve",
            Command::Softmax => "softmax",
            Command::Layers => "layers",
            Command::Train => "train",
            Command::List => "list",
            Command::Keys => "keys",
        }
    }

    /// The output formats this command writes; the first is the default.
    pub fn formats(self) -> &'static [&'static str] {
        match self {
            Command::Curve => &["json", "csv", "svg"],
            Command::Softmax => &["json"],
            Command::Layers => &["json", "svg"],
            Command::Train => &["json", "csv", "svg"],
            Command::List | Command::Keys => &["json", "text"],
        }
    }

    fn from_name(name: &str) -> Result<Command, CliError> {
        Command::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                CliError::Input(format!(
                    "unknown command \"{name}\" (expected one of: {}, help)",
                    Command::ALL.map(Command::name).join(", ")
                ))
            })
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

/// Writes `text` to `out`, or to stdout when there is no `--out`.
///
/// A closed pipe (`actlab curve | head`) is the reader's choice, not an error.
pub fn emit(text: &str, out: Option<&Path>) -> Result<(), CliError> {
    if let Some(path) = out {
        return std::fs::write(path, text)
            .map_err(|e| CliError::Output(format!("cannot write \"{}\": {e}", path.display())));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Output(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

fn run(arguments: &[String]) -> Result<(), CliError> {
    let Some((first, rest)) = arguments.split_first() else {
        return Err(CliError::Input(format!(
            "missing command (expected one of: {}, help); try actlab --help",
            Command::ALL.map(Command::name).join(", ")
        )));
    };
    match first.as_str() {
        "help" | "--help" | "-h" => {
            let command = rest
                .first()
                .map(|name| Command::from_name(name))
                .transpose()?;
            emit(&help::usage(command), None)
        }
        "--version" | "-V" => emit(&format!("actlab {}\n", env!("CARGO_PKG_VERSION")), None),
        name => {
            let command = Command::from_name(name)?;
            if rest.iter().any(|arg| args::is_help(arg)) {
                return emit(&help::usage(Some(command)), None);
            }
            output::run(command, &args::parse(command, rest)?)
        }
    }
}

fn main() -> ExitCode {
    // `std::env::args` panics on an argument that is not UTF-8; that is bad input, not a crash.
    let arguments: Result<Vec<String>, CliError> = std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|a| CliError::Input(format!("argument {a:?} is not valid UTF-8")))
        })
        .collect();
    match arguments.and_then(|arguments| run(&arguments)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("actlab: {error}");
            match error {
                CliError::Input(_) => ExitCode::from(2),
                CliError::Output(_) => ExitCode::from(1),
            }
        }
    }
}
