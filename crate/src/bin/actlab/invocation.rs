//! What a command declares about itself ([`Spec`]) and what it runs with ([`Invocation`]). Both
//! sit below the commands, so a command module needs nothing above it.

use crate::error::CliError;
use crate::format::Format;
use activation_lab::config::View;
use activation_lab::Config;
use std::path::PathBuf;

/// One command, declared once in its own module: its name, its flags for the usage line, the
/// formats it writes, what `--help` says about it and the function that runs it.
pub struct Spec {
    /// The name typed on the command line.
    pub name: &'static str,
    /// The usage line's flags before `[--format …] [--out FILE]` (empty when there are none).
    pub flags: &'static str,
    /// The page's view this command shows, if any: its defaults apply (the initialiser), and
    /// whatever `--view` or a config file says is overridden, as on the page's tab.
    pub view: Option<View>,
    /// The formats written, the first being the default.
    pub formats: &'static [Format],
    /// What `--help` says the command does and prints.
    pub about: &'static str,
    /// Runs the command on a parsed command line.
    pub run: fn(&Invocation) -> Result<(), CliError>,
}

/// A parsed command line, ready to run.
#[derive(Debug)]
pub struct Invocation {
    /// The configuration: defaults, then `--config`, then key flags in order, then validated.
    pub config: Config,
    /// One of the command's formats.
    pub format: Format,
    /// Where to write, if not stdout.
    pub out: Option<PathBuf>,
    /// Explicit x values from `--x`.
    pub xs: Option<Vec<f64>>,
    /// The crosshair: `at`, only when the user set it (flag or config file).
    pub cursor: Option<f64>,
    /// The per-layer histograms `actlab train` adds to each record: only when `--histograms`
    /// names which values (a, ẑ or δ).
    pub histograms: Option<activation_lab::layers::HistogramSource>,
}
