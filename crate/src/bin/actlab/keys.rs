//! `actlab keys`: the key table shared by the page's URL hash, widget attributes, these flags
//! and `--config` files.

use crate::emit::emit;
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::json::json;
use crate::table::table;
use activation_lab::config::KEYS;
use activation_lab::Config;

/// `actlab keys`.
pub const SPEC: Spec = Spec {
    name: "keys",
    flags: "",
    view: None,
    formats: &[Format::Json, Format::Text],
    about: "Lists the configuration keys (the same in the page's URL hash, widget \
            attributes, these flags and --config files): name, help, type and bounds, \
            default.",
    run,
};

/// Writes the key table as pretty JSON or as a table.
fn run(invocation: &Invocation) -> Result<(), CliError> {
    let text = match invocation.format {
        Format::Text => {
            let mut rows = vec![["key", "value", "default", "help"]
                .map(String::from)
                .to_vec()];
            rows.extend(KEYS.iter().map(|key| {
                let default = Config::default()
                    .get(key.name)
                    .ok()
                    .filter(|text| !text.is_empty())
                    .unwrap_or_else(|| "per activation".into());
                vec![
                    key.name.into(),
                    key.kind.describe(),
                    default,
                    key.help.into(),
                ]
            }));
            table(&rows)
        }
        // CSV and SVG are not this command's formats, so the parser never hands them over.
        Format::Json | Format::Csv | Format::Svg => {
            json(&KEYS.iter().map(|key| key.info()).collect::<Vec<_>>(), true)?
        }
    };
    emit(&text, invocation.out.as_deref())
}
