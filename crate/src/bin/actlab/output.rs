//! What each command writes: JSON and CSV at full f64 precision (shortest text that reads back
//! to the same number), the page's chart as SVG, and readable text tables.

use crate::args::Invocation;
use crate::{emit, CliError, Command};
use activation_lab::activation::params::ParamValue;
use activation_lab::activation::properties::Properties;
use activation_lab::activation::ParamSpec;
use activation_lab::config::{ValueKind, KEYS};
use activation_lab::readout;
use activation_lab::render::curves::{draw, CurveOptions};
use activation_lab::render::{drawing_error, Theme};
use activation_lab::{softmax, Config, Kind};
use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;
use serde::{Serialize, Serializer};

/// The SVG size: the page's chart at its desktop size.
const SVG_SIZE: (u32, u32) = (900, 560);

/// Runs a parsed command.
pub fn run(command: Command, invocation: &Invocation) -> Result<(), CliError> {
    match command {
        Command::Curve => curve(invocation),
        Command::Softmax => softmax_view(invocation),
        Command::Layers => crate::layers::run(invocation),
        Command::Train => crate::train::run(invocation),
        Command::List => list(invocation),
        Command::Keys => keys(invocation),
    }
}

/// `value` as JSON text with a final newline.
pub fn json<T: Serialize>(value: &T, pretty: bool) -> Result<String, CliError> {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    text.map(|t| t + "\n")
        .map_err(|e| CliError::Output(format!("cannot write JSON: {e}")))
}

/// A resolved activation's parameters as a JSON object, in key-table order.
pub struct Params(pub Vec<(&'static str, ParamValue)>);

/// A number as the key table types it: `hinges` is an integer key, so it prints as `2`, not `2.0`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Typed<'a> {
    /// A whole number of an integer key.
    Integer(u64),
    /// Anything else, as it is.
    Value(&'a ParamValue),
}

impl<'a> Typed<'a> {
    /// `value` as the key table types `key`.
    pub fn of(key: &str, value: &'a ParamValue) -> Typed<'a> {
        let integer_key =
            Config::key(key).is_ok_and(|k| matches!(k.kind, ValueKind::Integer { .. }));
        match value {
            // Integer keys hold small whole numbers (hinges is 1..=5), so the cast is exact.
            ParamValue::Number(n) if integer_key && n.fract() == 0.0 && *n >= 0.0 => {
                Typed::Integer(*n as u64)
            }
            other => Typed::Value(other),
        }
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .map(|(key, value)| (key, Typed::of(key, value))),
        )
    }
}

/// One curve as `actlab curve --format json` prints it.
#[derive(Serialize)]
struct CurveJson<'a> {
    activation: &'static str,
    params: Params,
    x: &'a [f64],
    y: &'a [f64],
    dy: &'a [f64],
    #[serde(skip_serializing_if = "Option::is_none")]
    d2y: Option<&'a [f64]>,
}

fn curve(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    if invocation.format == "svg" && out.is_none() {
        return Err(CliError::Input("svg output needs --out FILE".into()));
    }
    let curves = match &invocation.xs {
        Some(xs) => readout::curves_at(config, xs)?,
        None => readout::curves(config)?,
    };
    match invocation.format {
        "csv" => emit(&activation_lab::export::curves_csv(&curves), out),
        "svg" => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, SVG_SIZE).into_drawing_area();
                draw(
                    &root,
                    &curves,
                    CurveOptions {
                        cursor: invocation.cursor,
                    },
                    &Theme::default(),
                )?;
                root.present().map_err(drawing_error)?;
            }
            emit(&svg, out)
        }
        _ => {
            let activations = config.resolved_activations()?;
            let objects: Vec<CurveJson> = curves
                .iter()
                .zip(&activations)
                .map(|(curve, activation)| CurveJson {
                    activation: curve.activation,
                    params: Params(activation.resolved_params()),
                    x: &curve.x,
                    y: &curve.y,
                    dy: &curve.dy,
                    d2y: curve.d2y.as_deref(),
                })
                .collect();
            // One activation: one object. Several: an array of them, in the order given.
            match objects.as_slice() {
                [one] => emit(&json(one, false)?, out),
                all => emit(&json(&all, false)?, out),
            }
        }
    }
}

fn softmax_view(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let report = softmax::readout(&config.logits, config.temperature, config.target);
    emit(&json(&report, true)?, invocation.out.as_deref())
}

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

/// Pads each column to its widest cell (counted in characters, as the formulas are Unicode).
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

fn list(invocation: &Invocation) -> Result<(), CliError> {
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
    let text = if invocation.format == "text" {
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
    } else {
        json(&entries, true)?
    };
    emit(&text, invocation.out.as_deref())
}

fn keys(invocation: &Invocation) -> Result<(), CliError> {
    let text = if invocation.format == "text" {
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
    } else {
        json(&KEYS.iter().map(|key| key.info()).collect::<Vec<_>>(), true)?
    };
    emit(&text, invocation.out.as_deref())
}
