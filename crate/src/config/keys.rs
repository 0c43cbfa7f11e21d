//! The key table: every configuration key once, in the canonical order of a query, each row a
//! name, a value kind with its bounds, the `Config` field it sets and one line of help. How a
//! value is read, checked and written back is the grammar's ([`super::grammar`]); the page builds
//! its controls from this table.

use super::field::Field;
use super::grammar::{
    activations, integer, integers, number, numbers, one_of, positive, Choices, ValueKind,
};
use super::Config;
use crate::error::Error;
use crate::init::Scheme;
use crate::input::Input;
use crate::layers::HistogramSource;
use crate::norm::Norm;
use crate::train::dataset::Dataset;
use crate::train::learned::Learned;
use crate::train::optimizer::Optimizer;
use crate::train::PanelName;
use crate::view::View;
use serde::Serialize;

/// Most activations that can be drawn at once (the palette has this many distinct colours).
pub const MAX_ACTIVATIONS: usize = 6;

/// Most hidden layers a trained network may have, so most names `layer-activations` lists:
/// deep enough for the lessons on depth (a 50-layer ReLU network), as the layers view's `depth`.
pub const MAX_LAYERS: usize = 64;

/// One row of the table.
pub struct Key {
    /// The kebab-case name, the same in the hash, attributes, CLI flags and JSON.
    pub name: &'static str,
    /// One line for tooltips and `--help`.
    pub help: &'static str,
    /// Type and bounds.
    pub kind: ValueKind,
    store: fn(&mut Config, &Key, &str) -> Result<(), Error>,
    /// The current value as canonical text (`None`: not set, a default that depends on other
    /// keys applies).
    pub get: fn(&Config) -> Option<String>,
    /// What an unset value reads as, where another key decides it (init: the view's default;
    /// chain-depth: depth), so a control can show it; `None` where each activation has its own.
    in_effect: Option<fn(&Config) -> String>,
}

impl Key {
    /// Parses `text` by this key's kind and bounds and stores it.
    pub fn set(&self, config: &mut Config, text: &str) -> Result<(), Error> {
        (self.store)(config, self, text.trim())
    }

    /// The value in effect as text: the one set, else what it reads as unset (`""` for an unset
    /// activation parameter, whose value depends on the activation).
    pub fn value_in_effect(&self, config: &Config) -> String {
        (self.get)(config)
            .or_else(|| self.in_effect.map(|in_effect| in_effect(config)))
            .unwrap_or_default()
    }
}

/// A row's help line, or nothing in the first-chart module, where the lines were 4 KB.
const fn help(line: &'static str) -> &'static str {
    if crate::features::FIRST_CHART_ONLY {
        ""
    } else {
        line
    }
}

/// A row whose value is one `Config` field, read and written by the field's type; `unset =`
/// says what an optional field reads as while it is unset.
macro_rules! key {
    ($name:literal, $kind:expr, $field:ident, $help:literal $(, unset = $in_effect:expr)? $(,)?) => {
        Key {
            name: $name,
            help: help($help),
            kind: $kind,
            store: |config, key, text| {
                config.$field = Field::parse(text, key.name, &key.kind)?;
                Ok(())
            },
            get: |config| Field::text(&config.$field),
            in_effect: key!(@in_effect $($in_effect)?),
        }
    };
    (@in_effect) => {
        None
    };
    (@in_effect $in_effect:expr) => {
        Some($in_effect)
    };
}

/// A new hinge count makes old per-hinge lists the wrong length: they go back to the defaults
/// for that count instead of refusing the change.
fn store_hinges(config: &mut Config, key: &Key, text: &str) -> Result<(), Error> {
    let n: usize = Field::parse(text, key.name, &key.kind)?;
    if n != config.hinges {
        let fits = |list: &Vec<f64>| list.len() == n;
        config.a = config.a.take().filter(fits);
        config.b = config.b.take().filter(fits);
    }
    config.hinges = n;
    Ok(())
}

/// The table. Order is the canonical order of a query.
pub static KEYS: [Key; 56] = [
    key!(
        "view",
        one_of::<View>(),
        view,
        "which view: curves (f and f'), softmax, layers (a deep network's activations and gradients), or train (a small network learning a toy dataset)"
    ),
    key!(
        "activation",
        activations(MAX_ACTIVATIONS, false),
        activations,
        "the activation functions to draw, comma-separated (silu = swish with beta=1); in the train view, each one trains its own network in a race"
    ),
    key!(
        "negative-slope",
        number(0.0, 1.0, 0.01),
        negative_slope,
        "slope for x < 0 of leaky_relu (default 0.01) and prelu (default 0.25)"
    ),
    key!(
        "alpha",
        positive(10.0, 0.05),
        alpha,
        "α of elu and celu: the negative saturation value is −α (default 1)"
    ),
    key!(
        "beta",
        positive(20.0, 0.05),
        beta,
        "β of swish (x·σ(βx)) and softplus (sharpness); default 1"
    ),
    key!(
        "cap",
        positive(100.0, 0.1),
        cap,
        "upper bound of bounded_relu (default 1)"
    ),
    Key {
        name: "hinges",
        help: help("number of hinges S of apl"),
        kind: integer(1, 5),
        store: store_hinges,
        get: |config| Field::text(&config.hinges),
        in_effect: None,
    },
    key!(
        "a",
        numbers(-10.0, 10.0, 1, 5),
        a,
        "scaled_tanh's amplitude a (default 1.7159), or apl's hinge slopes a_s (one per hinge)"
    ),
    key!(
        "b",
        numbers(-10.0, 10.0, 1, 5),
        b,
        "scaled_tanh's input scale b (default 2/3), or apl's hinge positions b_s (one per hinge)"
    ),
    key!(
        "x-min",
        number(-1000.0, 1000.0, 0.5),
        x_min,
        "left end of the x axis"
    ),
    key!(
        "x-max",
        number(-1000.0, 1000.0, 0.5),
        x_max,
        "right end of the x axis"
    ),
    key!(
        "points",
        integer(2, 100_000),
        points,
        "how many x values the curves are evaluated at"
    ),
    key!(
        "at",
        number(-1000.0, 1000.0, 0.01),
        at,
        "the x of the crosshair and of the chain-of-layers readout"
    ),
    key!(
        "chain-depth",
        integer(1, 100),
        chain_depth,
        "n of the chain readout f'(x)^n in the curves view: the factor a gradient picks up through n layers whose units sit at x (default: depth)",
        unset = |config| config.chain_depth().to_string()
    ),
    key!(
        "depth",
        integer(1, 64),
        depth,
        "hidden layers of the layers view's deep network (and n of the chain readout unless chain-depth is set)"
    ),
    key!(
        "second-derivative",
        ValueKind::Bool,
        second_derivative,
        "also draw f''"
    ),
    key!(
        "logits",
        numbers(-100.0, 100.0, 2, 10),
        logits,
        "softmax inputs z, comma-separated"
    ),
    key!(
        "temperature",
        number(0.01, 100.0, 0.01),
        temperature,
        "softmax temperature T: p = softmax(z/T)"
    ),
    key!(
        "target",
        integer(0, 9),
        target,
        "the true class y for the cross-entropy gradient p − y (0-based)"
    ),
    key!(
        "init",
        one_of::<Scheme>(),
        init,
        "weight initialiser (torch.nn.init names); default normal in the layers view, xavier_uniform in the train view",
        unset = |config| config.init_scheme().name().to_string()
    ),
    key!(
        "std",
        number(0.0, 10.0, 0.001),
        std,
        "standard deviation of init=normal"
    ),
    key!(
        "value",
        number(-10.0, 10.0, 0.01),
        value,
        "every weight's value with init=constant"
    ),
    key!(
        "limit",
        number(0.0, 10.0, 0.001),
        limit,
        "init=uniform draws from U(-limit, limit)"
    ),
    key!(
        "gain",
        positive(10.0, 0.01),
        gain,
        "gain of xavier_*, kaiming_*, lecun_normal and orthogonal (default: PyTorch's, 1 or √2 for kaiming)"
    ),
    key!(
        "width",
        integer(2, 1024),
        width,
        "units per hidden layer (and input features)"
    ),
    key!(
        "batch",
        integer(1, 4096),
        batch,
        "samples pushed through the network at once"
    ),
    key!(
        "input",
        one_of::<Input>(),
        input,
        "input distribution: normal N(0, 1) or uniform U(-1, 1)"
    ),
    key!(
        "bias",
        number(-10.0, 10.0, 0.01),
        bias,
        "every bias's value (0: no bias)"
    ),
    key!(
        "seed",
        integer(0, 4_294_967_295),
        seed,
        "random seed: the same seed gives the same weights and inputs everywhere"
    ),
    key!(
        "residual",
        ValueKind::Bool,
        residual,
        "skip connections around each hidden layer: a_l = a_(l-1) + f(z_l)"
    ),
    key!(
        "norm",
        one_of::<Norm>(),
        norm,
        "normalise pre-activations: none, batch (per unit over the batch) or layer (per sample over units)"
    ),
    key!(
        "histograms",
        one_of::<HistogramSource>(),
        histograms,
        "what the layers view's histograms show: activations a, pre-activations z, or deltas δ = ∂L/∂z"
    ),
    key!(
        "dataset",
        one_of::<Dataset>(),
        dataset,
        "the training data: xor, circles, gaussians, moons, spiral (2-D classes) or sine (1-D regression)"
    ),
    key!(
        "classes",
        integer(2, 5),
        classes,
        "classes of spiral and gaussians (2: one sigmoid output; 3..=5: softmax)"
    ),
    key!(
        "samples",
        integer(20, 5000),
        samples,
        "examples in the dataset, before the train/test split"
    ),
    key!(
        "noise",
        number(0.0, 0.5, 0.01),
        noise,
        "standard deviation of the noise added to each point (to y for sine; 2·noise radians for spiral)"
    ),
    key!(
        "test-fraction",
        number(0.1, 0.9, 0.05),
        test_fraction,
        "share of the examples held out as the test set"
    ),
    key!(
        "hidden",
        integers(1, 64, 1, MAX_LAYERS),
        hidden,
        "units of each hidden layer of the trained network, comma-separated (e.g. 8,8), an entry units x layers repeating (16x20: 20 layers of 16), up to 64 layers"
    ),
    key!(
        "layer-activations",
        activations(MAX_LAYERS, true),
        layer_activations,
        "one activation per hidden layer (e.g. relu,relu,tanh) instead of the same one everywhere; trains one network, no race"
    ),
    key!(
        "learned",
        one_of::<Learned>(),
        learned,
        "train prelu's slope, swish's beta, apl's a_s, b_s and a custom formula's letters: per-layer, per-unit, or none (frozen)"
    ),
    key!(
        "optimizer",
        one_of::<Optimizer>(),
        optimizer,
        "sgd, momentum (0.9) or adam (0.9, 0.999), as torch.optim"
    ),
    key!(
        "learning-rate",
        number(0.00001, 10.0, 0.001),
        learning_rate,
        "the optimiser's step size (TensorFlow Playground's range)"
    ),
    key!(
        "batch-size",
        integer(1, 1000),
        batch_size,
        "training examples per step (capped at the training set's size)"
    ),
    key!(
        "weight-decay",
        number(0.0, 1.0, 0.0001),
        weight_decay,
        "L2 penalty λ: each weight's gradient gets + λ·w"
    ),
    key!(
        "steps",
        integer(1, 100_000),
        steps,
        "optimiser steps to train (the page pauses there)"
    ),
    key!(
        "record-every",
        integer(1, 1000),
        record_every,
        "steps between records of the losses, gradients and dead units"
    ),
    key!(
        "target-loss",
        positive(10.0, 0.01),
        target_loss,
        "the training loss a race counts the steps to"
    ),
    key!(
        "autoplay",
        ValueKind::Bool,
        autoplay,
        "a training widget plays its race as soon as it is in view (never under reduced motion, where it waits for Play)"
    ),
    key!(
        "panels",
        ValueKind::Names {
            choices: Choices::of::<PanelName>(),
            max_count: PanelName::ALL.len(),
            repeats: false,
        },
        panels,
        "which of the race's pictures a training widget shows: surface (one per run), loss, accuracy, gradient-flow, dead, learned, layers"
    ),
    key!(
        "formula",
        ValueKind::Text {
            max_len: crate::activation::formula::parse::MAX_LENGTH
        },
        formula,
        "the formula in x of activation=custom, e.g. x*tanh(softplus(x)) (numbers, x, pi, e, + - * / ^, the functions exp log log1p expm1 sqrt abs sign min max sin cos tan sinh cosh tanh atan erf sigmoid softplus relu step, and up to three one-letter parameters)"
    ),
    key!(
        "formula-params",
        ValueKind::Text { max_len: 200 },
        formula_params,
        "values of the formula's one-letter parameters, e.g. k:1.5,a:2"
    ),
    key!(
        "bias-std",
        number(0.0, 10.0, 0.01),
        bias_std,
        "σ_b: each bias also gets a draw from N(0, σ_b²) in the layers view; the phase view's point"
    ),
    key!(
        "phase-depth",
        integer(2, 64),
        phase_depth,
        "hidden layers of each network the phase view measures"
    ),
    key!(
        "phase-width",
        integer(2, 256),
        phase_width,
        "units per layer of each network the phase view measures"
    ),
    key!(
        "phase-batch",
        integer(1, 512),
        phase_batch,
        "samples pushed through each network the phase view measures"
    ),
    key!(
        "phase-cells",
        integer(4, 48),
        phase_cells,
        "cells along each axis of the phase view's map (σ_w 0.25–4, σ_b 0–1.5)"
    ),
];

/// What the page needs to build a control: the row without its functions, plus the default.
#[derive(Serialize)]
pub struct KeyInfo {
    name: &'static str,
    help: &'static str,
    kind: ValueKind,
    default: String,
}

impl Key {
    /// This key's description for the page.
    pub fn info(&self) -> KeyInfo {
        KeyInfo {
            name: self.name,
            help: self.help,
            kind: self.kind,
            default: (self.get)(&Config::default()).unwrap_or_default(),
        }
    }
}
