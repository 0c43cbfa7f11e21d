//! `actlab layers`: one forward and backward pass through the configured deep network, written
//! as per-layer statistics (JSON) or as the page's layers view (SVG).
//!
//! An overflow (a layer whose values stop being finite) is a result, not an error: the JSON says
//! `"overflow_at": k`, lists the layers before it, and the exit status is 0.

use crate::args::Invocation;
use crate::output::{json, Typed};
use crate::{emit, CliError};
use activation_lab::layers::{self, LayerStats, Snapshot};
use activation_lab::network::NetworkSpec;
use activation_lab::render::layers::draw;
use activation_lab::render::{drawing_error, Theme};
use activation_lab::{Activation, Config};
use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;
use serde::ser::{Error as _, SerializeMap};
use serde::{Serialize, Serializer};

/// The SVG size: room for the page's small multiples, one per layer.
const SVG_SIZE: (u32, u32) = (1200, 900);

/// The network's resolved settings under the key table's names, in its order: the activation
/// that ran with its parameters, the initialiser with its parameters (as `Snapshot.init`
/// serialises them), then the shape, input and seed. Every entry is a key, so this object is
/// also a `--config` file that reproduces the run.
struct NetworkConfig<'a> {
    activation: &'a Activation,
    snapshot: &'a Snapshot,
    spec: &'a NetworkSpec,
    config: &'a Config,
}

impl Serialize for NetworkConfig<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("activation", self.activation.name())?;
        for (key, value) in self.activation.resolved_params() {
            map.serialize_entry(key, &Typed::of(key, &value))?;
        }
        // `Init` serialises as {"name": "normal", "std": 0.01}: its name is the `init` key's
        // value and its fields are already key names (std, value, limit, gain).
        let init = serde_json::to_value(self.snapshot.init).map_err(S::Error::custom)?;
        let serde_json::Value::Object(init) = init else {
            return Err(S::Error::custom("an initialiser serialises as an object"));
        };
        if let Some(name) = init.get("name") {
            map.serialize_entry("init", name)?;
        }
        for (key, value) in init.iter().filter(|(key, _)| *key != "name") {
            map.serialize_entry(key, value)?;
        }
        let spec = self.spec;
        map.serialize_entry("depth", &spec.depth)?;
        map.serialize_entry("width", &spec.width)?;
        map.serialize_entry("batch", &spec.batch)?;
        map.serialize_entry("input", self.config.input.name())?;
        map.serialize_entry("bias", &spec.bias)?;
        map.serialize_entry("residual", &spec.residual)?;
        map.serialize_entry("norm", self.config.norm.name())?;
        map.serialize_entry("seed", &spec.seed)?;
        map.end()
    }
}

/// `actlab layers --format json`.
#[derive(Serialize)]
struct LayersJson<'a> {
    config: NetworkConfig<'a>,
    /// Per hidden layer, index 1 first; only the layers before an overflow.
    layers: &'a [LayerStats],
    loss: Option<f64>,
    overflow_at: Option<usize>,
    variance_preserving_gain: Option<f64>,
}

/// Runs the network the config describes (its first activation, as the page does) and writes
/// the statistics or the chart.
pub fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    if invocation.format == "svg" && out.is_none() {
        return Err(CliError::Input("svg output needs --out FILE".into()));
    }
    let spec = config.network_spec()?;
    let snapshot = layers::run(config)?;
    match invocation.format {
        "svg" => emit(&svg(&snapshot, config)?, out),
        _ => {
            let report = LayersJson {
                config: NetworkConfig {
                    activation: &spec.activation,
                    snapshot: &snapshot,
                    spec: &spec,
                    config,
                },
                layers: &snapshot.layers,
                loss: snapshot.loss,
                overflow_at: snapshot.overflow_at,
                variance_preserving_gain: snapshot.variance_preserving_gain,
            };
            emit(&json(&report, false)?, out)
        }
    }
}

/// The page's layers view, with the histogram panel the `histograms` key selects.
fn svg(snapshot: &Snapshot, config: &Config) -> Result<String, CliError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SVG_SIZE).into_drawing_area();
        draw(&root, snapshot, config.histograms, &Theme::default())?;
        root.present().map_err(drawing_error)?;
    }
    Ok(svg)
}
