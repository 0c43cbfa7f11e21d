//! Flags → a validated [`Config`] plus the CLI-only options.
//!
//! Every config key is a flag (`--x-max 8` or `--x-max=8`) and goes through the key table's own
//! `Key::set`, then `Config::validate`, exactly as a URL hash does; the few flags that are not
//! keys (`--config`, `--x`, `--format`, `--out`) are listed in [`CLI_FLAGS`].

use crate::command::Command;
use crate::error::{sentence, CliError};
use crate::format::Format;
use crate::invocation::Invocation;
use crate::language::said;
use activation_lab::config::ValueKind;
use activation_lab::error::{Count, Range};
use activation_lab::{Config, Error};
use std::path::PathBuf;

const CURVE: &[Command] = &[Command::Curve];
/// The commands that read the configuration (key flags and `--config`); `list` and `keys` only
/// describe the catalogue and the key table.
pub const WITH_CONFIG: &[Command] = &[
    Command::Curve,
    Command::Softmax,
    Command::Layers,
    Command::Train,
    Command::Phase,
];
const EVERY: &[Command] = &Command::ALL;

/// The flags that are not config keys: name, value placeholder, help, and the commands that take
/// them.
pub const CLI_FLAGS: [(&str, &str, &str, &[Command]); 4] = [
    (
        "config",
        "FILE.json",
        "read a JSON object of the keys below first; later flags override it",
        WITH_CONFIG,
    ),
    (
        "x",
        "X1,X2,...",
        "evaluate at these x (each within the x-min/x-max bounds) instead of the grid; \
         write --x=-1,2",
        CURVE,
    ),
    (
        "format",
        "FORMAT",
        "output format, the first listed being the default",
        EVERY,
    ),
    (
        "out",
        "FILE",
        "write to FILE instead of stdout (required for svg)",
        EVERY,
    ),
];

/// Whether an argument asks for help.
pub fn is_help(arg: &str) -> bool {
    arg == "--help" || arg == "-h"
}

fn input(message: String) -> CliError {
    CliError::Input(message)
}

/// Checks that `--name` is something this command takes, before looking for its value.
fn check_name(command: Command, name: &str) -> Result<(), CliError> {
    if let Some((.., commands)) = CLI_FLAGS.iter().find(|(flag, ..)| *flag == name) {
        return if commands.contains(&command) {
            Ok(())
        } else {
            Err(input(said(
                format!("--{name} does not apply to actlab {}", command.name()),
                format!("--{name}은(는) actlab {}에 쓸 수 없습니다", command.name()),
            )))
        };
    }
    if WITH_CONFIG.contains(&command) {
        // The same sentence an unknown key in the URL hash gets.
        return Config::key(name).map(|_| ()).map_err(CliError::from);
    }
    let allowed: Vec<String> = CLI_FLAGS
        .iter()
        .filter(|(.., commands)| commands.contains(&command))
        .map(|(flag, ..)| format!("--{flag}"))
        .collect();
    Err(input(said(
        format!(
            "{} takes only {}, got --{name}",
            command.name(),
            allowed.join(" and ")
        ),
        format!(
            "{}에는 {}만 쓸 수 있습니다 (입력: --{name})",
            command.name(),
            allowed.join(", ")
        ),
    )))
}

/// Splits `--key value` and `--key=value` into pairs, in order.
fn split_flags(command: Command, args: &[String]) -> Result<Vec<(String, String)>, CliError> {
    let mut flags = Vec::new();
    let mut rest = args.iter().peekable();
    while let Some(arg) = rest.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            return Err(input(said(
                format!(
                    "unexpected argument \"{arg}\" (flags are written --key value or --key=value)"
                ),
                format!(
                    "예상하지 못한 인수 \"{arg}\" (플래그는 --key value 또는 --key=value로 씁니다)"
                ),
            )));
        };
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (flag, None),
        };
        if name.is_empty() {
            return Err(input(said(
                format!("malformed flag \"{arg}\" (expected --key value or --key=value)"),
                format!("잘못된 플래그 \"{arg}\" (--key value 또는 --key=value 형식이어야 합니다)"),
            )));
        }
        check_name(command, name)?;
        // A value may start with one dash (`--x-min -5`), never with two: that is the next flag.
        // A true-or-false key given bare (`--residual`) is true.
        let is_bool = Config::key(name).is_ok_and(|key| matches!(key.kind, ValueKind::Bool));
        let value = match inline {
            Some(value) => value,
            None => match rest.next_if(|next| !next.starts_with("--")) {
                Some(value) => value.clone(),
                None if is_bool => "true".to_string(),
                None => {
                    return Err(input(said(
                        format!("--{name} needs a value (--{name} VALUE or --{name}=VALUE)"),
                        format!("--{name}에 값이 필요합니다 (--{name} VALUE 또는 --{name}=VALUE)"),
                    )))
                }
            },
        };
        flags.push((name.to_string(), value));
    }
    Ok(flags)
}

/// Reads a `--config` file; returns the config and whether it sets `at`.
fn load_config(path: &str) -> Result<(Config, bool), CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| input(format!("cannot read --config file \"{path}\": {e}")))?;
    // Checked here first so a broken file gets a sentence about JSON, not about key=value pairs.
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| input(format!("{path} is not valid JSON: {e}")))?;
    let object = value.as_object().ok_or_else(|| {
        input(format!(
            "{path} must hold a JSON object of key: value, like {{\"x-max\": 8}}"
        ))
    })?;
    let config =
        Config::from_json(&text).map_err(|e| input(format!("{path}: {}", sentence(&e))))?;
    Ok((config, object.contains_key("at")))
}

/// The most explicit points `--x` takes: the same bound as the `points` key.
fn max_points() -> usize {
    match Config::key("points").map(|key| key.kind) {
        Ok(ValueKind::Integer { max, .. }) => max,
        _ => 100_000,
    }
}

/// The range of an explicit x: the x axis's own (the `x-min` key's bounds), so `--x` reaches
/// exactly what the grid can, and the SVG's axis stays finite.
fn x_bounds() -> (f64, f64) {
    match Config::key("x-min").map(|key| key.kind) {
        Ok(ValueKind::Number { min, max, .. }) => (min, max),
        _ => (-1000.0, 1000.0),
    }
}

/// Parses `--x=1,2,3`: every entry a number in the x axis's range (NaN and ±inf are not).
fn parse_xs(text: &str) -> Result<Vec<f64>, Error> {
    let items: Vec<&str> = text.split(',').map(str::trim).collect();
    let max = max_points();
    if items.len() > max {
        return Err(Error::ListLength {
            key: "x",
            got: items.len(),
            expected: Count::Plain { min: 1, max },
        });
    }
    let (lo, hi) = x_bounds();
    items
        .iter()
        .map(|item| {
            let x: f64 = item.parse().map_err(|_| Error::NotANumber {
                key: "x",
                value: item.to_string(),
            })?;
            // NaN fails `contains`, and so do ±inf.
            if (lo..=hi).contains(&x) {
                Ok(x)
            } else {
                Err(Error::OutOfRange {
                    key: "x",
                    value: item.to_string(),
                    range: Range::Number {
                        min: lo,
                        max: hi,
                        min_exclusive: false,
                    },
                })
            }
        })
        .collect()
}

/// Parses the flags after the command name.
pub fn parse(command: Command, args: &[String]) -> Result<Invocation, CliError> {
    let flags = split_flags(command, args)?;
    let last = |name: &str| {
        flags
            .iter()
            .rev()
            .find(|(flag, _)| flag == name)
            .map(|(_, value)| value)
    };

    let formats = command.formats();
    let format = match last("format") {
        None => formats.first().copied().unwrap_or(Format::Json),
        // A format this command does not write gets the same sentence as an unknown one: the
        // command's own list.
        Some(value) => value
            .parse()
            .ok()
            .filter(|format| formats.contains(format))
            .ok_or_else(|| Error::UnknownName {
                key: "format",
                value: value.clone(),
                valid: Format::join(formats, ", "),
            })?,
    };
    let (mut config, file_sets_at) = match last("config") {
        Some(path) => load_config(path)?,
        None => (Config::default(), false),
    };
    let is_cli_flag = |name: &str| CLI_FLAGS.iter().any(|(flag, ..)| *flag == name);
    for (name, value) in flags.iter().filter(|(name, _)| !is_cli_flag(name)) {
        Config::key(name)?.set(&mut config, value)?;
    }
    // A command is its view whatever --view or the file says, as a tab is on the page: the view
    // decides defaults such as the initialiser (Xavier-uniform for training, N(0, std) for the
    // layers lesson).
    if let Some(view) = command.view() {
        config.view = view;
    }
    // Cross-key checks (x-min < x-max, target < number of logits, softmax is not a curve) run
    // once all flags are in, so their order does not matter.
    config.validate()?;

    let xs = last("x").map(|text| parse_xs(text)).transpose()?;
    let grid_flags: &'static [&'static str] = &["x-min", "x-max", "points"];
    if xs.is_some()
        && flags
            .iter()
            .any(|(name, _)| grid_flags.contains(&name.as_str()))
    {
        return Err(Error::PointsAndGrid { grid: grid_flags }.into());
    }
    let sets_at = file_sets_at || flags.iter().any(|(name, _)| name == "at");
    let sets_histograms = flags.iter().any(|(name, _)| name == "histograms");
    Ok(Invocation {
        format,
        out: last("out").map(PathBuf::from),
        xs,
        cursor: sets_at.then_some(config.at),
        histograms: sets_histograms.then_some(config.histograms),
        config,
    })
}
