//! The commands, each declared in its own module and named once here, in the order `--help`
//! lists them.

use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::{curve, keys, layers, list, phase, softmax, train};
use activation_lab::config::View;
use std::str::FromStr;

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
    /// The edge of chaos: the mean-field critical line and the measured map.
    Phase,
    /// The catalogue with formulas, parameters and properties.
    List,
    /// The key table.
    Keys,
}

impl Command {
    /// Every command.
    pub const ALL: [Command; 7] = [
        Command::Curve,
        Command::Softmax,
        Command::Layers,
        Command::Train,
        Command::Phase,
        Command::List,
        Command::Keys,
    ];

    /// What the command's module declares about it.
    fn spec(self) -> &'static Spec {
        match self {
            Command::Curve => &curve::SPEC,
            Command::Softmax => &softmax::SPEC,
            Command::Layers => &layers::SPEC,
            Command::Train => &train::SPEC,
            Command::Phase => &phase::SPEC,
            Command::List => &list::SPEC,
            Command::Keys => &keys::SPEC,
        }
    }

    /// The name typed on the command line.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The page's view this command shows, if any.
    pub fn view(self) -> Option<View> {
        self.spec().view
    }

    /// The output formats this command writes; the first is the default.
    pub fn formats(self) -> &'static [Format] {
        self.spec().formats
    }

    /// The usage line.
    pub fn synopsis(self) -> String {
        let spec = self.spec();
        let flags = if spec.flags.is_empty() {
            String::new()
        } else {
            format!(" {}", spec.flags)
        };
        format!(
            "actlab {}{flags} [--format {}] [--out FILE]",
            spec.name,
            Format::join(spec.formats, "|")
        )
    }

    /// What `--help` says the command does and prints.
    pub fn about(self) -> &'static str {
        self.spec().about
    }

    /// Runs the command on a parsed command line.
    pub fn run(self, invocation: &Invocation) -> Result<(), CliError> {
        (self.spec().run)(invocation)
    }

    /// The names of every command and `help`, for the sentences that list them.
    pub fn names() -> String {
        Command::ALL.map(Command::name).join(", ") + ", help"
    }
}

impl FromStr for Command {
    type Err = CliError;

    fn from_str(name: &str) -> Result<Command, CliError> {
        Command::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                CliError::Input(crate::language::said(
                    format!(
                        "unknown command \"{name}\" (expected one of: {})",
                        Command::names()
                    ),
                    format!(
                        "알 수 없는 명령 \"{name}\" (가능한 명령: {})",
                        Command::names()
                    ),
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view added to the registry needs its command here too (its JSON is the CLI's own
    /// shape, so it cannot be generated); this says so before a user finds it missing.
    #[test]
    fn every_view_has_exactly_one_command() {
        for &view in View::ALL {
            let commands = Command::ALL.iter().filter(|c| c.view() == Some(view));
            assert_eq!(commands.count(), 1, "{view}");
        }
    }
}
