//! `actlab`: Activation Lab on the command line.
//!
//! The same key table as the page's URL hash, so `--x-max 8` and `#x-max=8` are one setting with
//! one validator and one set of error sentences. This file only dispatches; the modules, from
//! the bottom up (each imports only modules listed before it):
//! - [`language`]: the language of the sentences (`--lang`, else the locale);
//! - [`error`], [`format`], [`emit`], [`json`], [`table`]: what can go wrong, the output formats,
//!   where text goes, and how JSON and text tables are written;
//! - [`invocation`]: what a command declares about itself and what it runs with;
//! - one module per command: [`curve`], [`softmax`], [`layers`], [`train`], [`list`], [`keys`];
//!   the view commands draw their SVG through `activation_lab::export`, as the page does;
//! - [`command`]: the one list naming every command;
//! - [`args`]: flags → an [`invocation::Invocation`] (a validated `Config` plus the CLI-only
//!   options);
//! - [`help`]: the usage text, generated from the commands and the key table so it cannot drift.
//!
//! Exit status: 0 on success, 2 for bad input (one sentence on stderr), 1 when output cannot be
//! written.

// The groups follow the reading order above: a group imports only from itself and the groups
// before it.
mod language;

mod emit;
mod error;
mod format;
mod json;
mod table;

mod invocation;

mod curve;
mod keys;
mod layers;
mod list;
mod phase;
mod softmax;
mod train;

mod command;

mod args;
mod help;

use command::Command;
use emit::emit;
use error::CliError;
use std::process::ExitCode;

/// Runs one command line (without the program name).
fn run(arguments: &[String]) -> Result<(), CliError> {
    let Some((first, rest)) = arguments.split_first() else {
        return Err(CliError::Input(language::said(
            format!(
                "missing command (expected one of: {}); try actlab --help",
                Command::names()
            ),
            format!(
                "명령이 없습니다 (가능한 명령: {}). actlab --help를 보세요",
                Command::names()
            ),
        )));
    };
    match first.as_str() {
        "help" | "--help" | "-h" => {
            let command = rest.first().map(|name| name.parse()).transpose()?;
            emit(&help::usage(command), None)
        }
        "--version" | "-V" => emit(&format!("actlab {}\n", env!("CARGO_PKG_VERSION")), None),
        name => {
            let command: Command = name.parse()?;
            if rest.iter().any(|arg| args::is_help(arg)) {
                return emit(&help::usage(Some(command)), None);
            }
            command.run(&args::parse(command, rest)?)
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
    // The language is fixed before anything runs, so every sentence below speaks it.
    let outcome = arguments.and_then(|mut arguments| {
        language::choose(&mut arguments)?;
        run(&arguments)
    });
    match outcome {
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
