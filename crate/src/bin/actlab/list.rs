//! `actlab list`: the activation catalogue with formulas, parameters and properties.

use crate::emit::emit;
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::json::json;
use crate::table::table;
use activation_lab::activation::properties::Properties;
use activation_lab::activation::ParamSpec;
use activation_lab::Kind;
use serde::Serialize;

/// `actlab list`.
pub const SPEC: Spec = Spec {
    name: "list",
    flags: "",
    view: None,
    formats: &[Format::Json, Format::Text],
    about: "Lists the catalogue: name, summary, formulas {f, df}, params [{key, default}] \
            and the properties at default parameters (null for softmax, which has no \
            scalar curve).",
    run,
};

/// The formulas of f and f'.
#[derive(Serialize)]
struct Formulas {
    f: &'static str,
    df: &'static str,
}

/// One catalogue entry as `actlab list --format json` prints it.
#[derive(Serialize)]
struct Entry {
    name: &'static str,
    summary: &'static str,
    formulas: Formulas,
    params: &'static [ParamSpec],
    properties: Option<Properties>,
}

/// Writes the catalogue as pretty JSON or as a table.
fn run(invocation: &Invocation) -> Result<(), CliError> {
    let entries: Vec<Entry> = Kind::ALL
        .into_iter()
        .map(|kind| {
            let (f, df) = kind.formulas();
            Entry {
                name: kind.name(),
                summary: kind.summary(),
                formulas: Formulas { f, df },
                params: kind.params(),
                properties: kind.default_properties(),
            }
        })
        .collect();
    let text = match invocation.format {
        Format::Text => text(&entries),
        // CSV and SVG are not this command's formats, so the parser never hands them over.
        Format::Json | Format::Csv | Format::Svg => json(&entries, true)?,
    };
    emit(&text, invocation.out.as_deref())
}

/// The catalogue as a table: name, formulas, range and parameters with their defaults.
fn text(entries: &[Entry]) -> String {
    let header = ["name", "f(x)", "f′(x)", "range", "params (defaults)"];
    let mut rows = vec![header.map(String::from).to_vec()];
    rows.extend(entries.iter().map(|e| {
        let params: Vec<String> = e
            .params
            .iter()
            .map(|p| format!("{}={}", p.key, p.default))
            .collect();
        let range = e
            .properties
            .as_ref()
            .map_or("vector → vector".into(), |p| p.range.clone());
        vec![
            e.name.into(),
            e.formulas.f.into(),
            e.formulas.df.into(),
            range,
            params.join(" "),
        ]
    }));
    table(&rows)
}
