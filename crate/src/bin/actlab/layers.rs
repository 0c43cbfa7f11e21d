//! `actlab layers`: one forward and backward pass through the configured deep network, written
//! as per-layer statistics (JSON) or as the page's layers view (SVG).
//!
//! An overflow (a layer whose values stop being finite) is a result, not an error: the JSON says
//! `"overflow_at": k`, lists the layers before it, and the exit status is 0.

use crate::emit::{check_out, emit};
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::json::{json, Typed};
use activation_lab::config::View;
use activation_lab::export;
use activation_lab::layers::{LayerStats, Snapshot};
use activation_lab::network::NetworkSpec;
use activation_lab::render::Theme;
use activation_lab::views::layers::Layers;
use activation_lab::views::ViewSpec;
use activation_lab::{Activation, Config};
use serde::ser::{Error as _, SerializeMap};
use serde::{Serialize, Serializer};

/// The SVG size: room for the page's small multiples, one per layer.
const SVG_SIZE: (u32, u32) = (1200, 900);

/// `actlab layers`.
pub const SPEC: Spec = Spec {
    name: "layers",
    flags: "[--config FILE.json] [--KEY VALUE ...]",
    view: Some(View::Layers),
    formats: &[Format::Json, Format::Svg],
    about: "Builds the network the keys describe (--depth hidden layers of --width units, \
            weights from --init, a --batch of inputs, all drawn from --seed), runs one \
            forward and backward pass, and reports every hidden layer. The network uses the \
            first --activation, as the page's layers view does. json prints {\"config\", \
            \"layers\", \"loss\", \"overflow_at\", \"variance_preserving_gain\"}: config \
            holds the resolved settings under their key names (activation and its \
            parameters, init and its parameter, depth, width, batch, input, bias, residual, \
            norm, seed), so it is also a --config file that repeats the run; each layer has \
            index (1 = first hidden layer), mean, std, frac_saturated, frac_zero, \
            dead_units (units that output 0 for every example), mean_derivative, pre_mean, pre_std, delta_std, grad_weight_norm, \
            distinct_neurons, theory_variance (the mean-field Var(z); null with residual or \
            norm) and histogram, pre_histogram and delta_histogram as {\"edges\", \
            \"counts\"}. If values stop being finite, overflow_at names that layer, layers \
            lists those before it, loss is null, and the exit status is still 0. svg draws \
            the page's layers view (1200×900) into --out, with the panel --histograms \
            selects.",
    run,
};

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
fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    check_out(invocation.format, out)?;
    let spec = config.network_spec()?;
    let snapshot = Layers::compute(config)?;
    match invocation.format {
        // The page's layers view, with the histogram panel the `histograms` key selects.
        Format::Svg => {
            let (width, height) = SVG_SIZE;
            let svg =
                export::svg_of::<Layers>(config, &snapshot, width, height, &Theme::default())?;
            emit(&svg, out)
        }
        // CSV and text are not this command's formats, so the parser never hands them over.
        Format::Json | Format::Csv | Format::Text => {
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
