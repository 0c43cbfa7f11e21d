//! The key table: every configuration key once, with its type, bounds, help text, and how it
//! reads and writes [`Config`]. The page builds its controls from this table.

use super::{Config, View};
use crate::activation::Kind;
use crate::error::{Count, Error, Range};
use serde::Serialize;

/// Most activations that can be drawn at once (the palette has this many distinct colours).
pub const MAX_ACTIVATIONS: usize = 6;

/// The type and bounds of a key's value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueKind {
    /// A finite real in [min, max] (or (min, max] when `min_exclusive`).
    Number {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Whether `min` itself is excluded.
        min_exclusive: bool,
        /// A sensible slider step.
        step: f64,
    },
    /// An integer in [min, max].
    Integer {
        /// Lower bound.
        min: usize,
        /// Upper bound.
        max: usize,
    },
    /// `true` or `false`.
    Bool,
    /// One name from `choices`, or up to `max_count` comma-separated names when `max_count > 1`.
    Names {
        /// The valid names.
        choices: &'static [&'static str],
        /// How many may be listed.
        max_count: usize,
        /// Whether a name may be listed more than once (one per layer may repeat; a set may not).
        repeats: bool,
    },
    /// A comma-separated list of finite reals, each in [min, max].
    NumberList {
        /// Lower bound of each entry.
        min: f64,
        /// Upper bound of each entry.
        max: f64,
        /// Fewest entries.
        min_len: usize,
        /// Most entries.
        max_len: usize,
    },
    /// A comma-separated list of integers, each in [min, max].
    IntegerList {
        /// Lower bound of each entry.
        min: usize,
        /// Upper bound of each entry.
        max: usize,
        /// Fewest entries.
        min_len: usize,
        /// Most entries.
        max_len: usize,
    },
}

/// A parsed value, before it is stored.
enum Value {
    Number(f64),
    Integer(usize),
    Bool(bool),
    Names(Vec<&'static str>),
    List(Vec<f64>),
    Integers(Vec<usize>),
}

/// One row of the table.
pub struct Key {
    /// The kebab-case name, the same in the hash, attributes, CLI flags and JSON.
    pub name: &'static str,
    /// One line for tooltips and `--help`.
    pub help: &'static str,
    /// Type and bounds.
    pub kind: ValueKind,
    assign: fn(&mut Config, Value),
    /// The current value as canonical text (`None`: not set, the activation's default applies).
    pub get: fn(&Config) -> Option<String>,
}

const ACTIVATION_NAMES: [&str; 24] = [
    "identity",
    "step",
    "sigmoid",
    "hard_sigmoid",
    "tanh",
    "scaled_tanh",
    "hardtanh",
    "softsign",
    "relu",
    "relu6",
    "bounded_relu",
    "leaky_relu",
    "prelu",
    "elu",
    "celu",
    "selu",
    "gelu",
    "gelu_tanh",
    "swish",
    "hardswish",
    "mish",
    "softplus",
    "apl",
    "softmax",
];
const VIEW_NAMES: [&str; 4] = ["curves", "softmax", "layers", "train"];
const LEARNED_NAMES: [&str; 3] = ["per-layer", "per-unit", "none"];
const INPUT_NAMES: [&str; 2] = ["normal", "uniform"];
const NORM_NAMES: [&str; 3] = ["none", "batch", "layer"];
const HISTOGRAM_NAMES: [&str; 3] = ["activations", "pre-activations", "deltas"];

/// The one name a single-name key was given (the parser has already checked it).
fn single_name(value: &Value) -> Option<&'static str> {
    match value {
        Value::Names(names) => names.first().copied(),
        _ => None,
    }
}

fn boolean(config: &mut Config, value: Value, field: fn(&mut Config) -> &mut bool) {
    if let Value::Bool(b) = value {
        *field(config) = b;
    }
}

impl ValueKind {
    /// The type and bounds in a few words (`number in [-1000, 1000]`, `integer in 1..=64`), as
    /// error sentences and `actlab help` say them.
    pub fn describe(&self) -> String {
        match self {
            ValueKind::Number {
                min,
                max,
                min_exclusive,
                ..
            } => {
                format!(
                    "number in {}{min}, {max}]",
                    if *min_exclusive { "(" } else { "[" }
                )
            }
            ValueKind::Integer { min, max } => format!("integer in {min}..={max}"),
            ValueKind::Bool => "true or false".into(),
            ValueKind::Names {
                choices,
                max_count: 1,
                ..
            } => format!("one of {}", choices.join(", ")),
            ValueKind::Names { max_count, .. } => format!("1..={max_count} names (actlab list)"),
            ValueKind::NumberList {
                min,
                max,
                min_len,
                max_len,
            } => {
                format!("{min_len}..={max_len} numbers in [{min}, {max}]")
            }
            ValueKind::IntegerList {
                min,
                max,
                min_len,
                max_len,
            } => {
                format!("{min_len}..={max_len} integers in {min}..={max}")
            }
        }
    }
}

/// The range an out-of-range error names ("a number in [0, 1]", "an integer in 1..=64").
fn range_of(kind: &ValueKind) -> Range {
    match *kind {
        ValueKind::Number {
            min,
            max,
            min_exclusive,
            ..
        } => Range::Number {
            min,
            max,
            min_exclusive,
        },
        ValueKind::Integer { min, max } => Range::Integer { min, max },
        ValueKind::NumberList { min, max, .. } => Range::Numbers { min, max },
        ValueKind::IntegerList { min, max, .. } => Range::Integers { min, max },
        // Not reached: only numeric kinds are parsed as numbers. Any number is the true answer.
        ValueKind::Bool | ValueKind::Names { .. } => Range::Number {
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            min_exclusive: false,
        },
    }
}

fn join_numbers(values: &[f64]) -> String {
    values
        .iter()
        .map(f64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Key {
    /// Parses `text` by this key's type and bounds and stores it.
    pub fn set(&self, config: &mut Config, text: &str) -> Result<(), Error> {
        let value = self.parse(text.trim())?;
        (self.assign)(config, value);
        Ok(())
    }

    fn parse_number(&self, text: &str) -> Result<f64, Error> {
        let key = self.name;
        let number: f64 = text.parse().map_err(|_| Error::NotANumber {
            key,
            value: text.to_string(),
        })?;
        let out_of_range = || Error::OutOfRange {
            key,
            value: text.to_string(),
            range: range_of(&self.kind),
        };
        let (min, max, min_exclusive) = match self.kind {
            ValueKind::Number {
                min,
                max,
                min_exclusive,
                ..
            } => (min, max, min_exclusive),
            ValueKind::NumberList { min, max, .. } => (min, max, false),
            _ => return Err(out_of_range()),
        };
        let above_min = if min_exclusive {
            number > min
        } else {
            number >= min
        };
        // NaN fails both comparisons and ±inf fails one, so both are refused here.
        if above_min && number <= max {
            Ok(number)
        } else {
            Err(out_of_range())
        }
    }

    fn parse_integer(&self, text: &str, min: usize, max: usize) -> Result<usize, Error> {
        let key = self.name;
        let out_of_range = || Error::OutOfRange {
            key,
            value: text.to_string(),
            range: range_of(&self.kind),
        };
        let n: i64 = text.parse().map_err(|_| {
            // "2.5" is a number, just not a whole one: say which numbers are allowed.
            if text.parse::<f64>().is_ok() {
                out_of_range()
            } else {
                Error::NotANumber {
                    key,
                    value: text.to_string(),
                }
            }
        })?;
        usize::try_from(n)
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(out_of_range)
    }

    fn parse(&self, text: &str) -> Result<Value, Error> {
        let key = self.name;
        match self.kind {
            ValueKind::Number { .. } => self.parse_number(text).map(Value::Number),
            ValueKind::Integer { min, max } => {
                self.parse_integer(text, min, max).map(Value::Integer)
            }
            ValueKind::Bool => match text {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                _ => Err(Error::UnknownName {
                    key,
                    value: text.into(),
                    valid: "true, false".into(),
                }),
            },
            ValueKind::Names {
                choices,
                max_count,
                repeats,
            } => {
                let names: Vec<&str> = text.split(',').map(str::trim).collect();
                let none = max_count > 1 && text.is_empty();
                if none || names.len() > max_count {
                    return Err(Error::ListLength {
                        key,
                        got: if none { 0 } else { names.len() },
                        expected: Count::Values {
                            min: 1,
                            max: max_count,
                        },
                    });
                }
                let mut resolved: Vec<&'static str> = Vec::with_capacity(names.len());
                for name in names {
                    let canonical = if key == "activation" {
                        Kind::from_name(name).map(Kind::name)
                    } else {
                        choices.iter().copied().find(|c| *c == name)
                    }
                    .ok_or_else(|| Error::UnknownName {
                        key,
                        value: name.to_string(),
                        valid: choices.join(", "),
                    })?;
                    if resolved.contains(&canonical) && !repeats {
                        return Err(Error::RepeatedName {
                            key,
                            name: canonical,
                        });
                    }
                    resolved.push(canonical);
                }
                Ok(Value::Names(resolved))
            }
            ValueKind::NumberList {
                min_len, max_len, ..
            } => {
                let items: Vec<&str> = text.split(',').map(str::trim).collect();
                if items.len() < min_len || items.len() > max_len {
                    return Err(Error::ListLength {
                        key,
                        got: items.len(),
                        expected: Count::Values {
                            min: min_len,
                            max: max_len,
                        },
                    });
                }
                items
                    .iter()
                    .map(|item| self.parse_number(item))
                    .collect::<Result<_, _>>()
                    .map(Value::List)
            }
            ValueKind::IntegerList {
                min,
                max,
                min_len,
                max_len,
            } => {
                let items: Vec<&str> = text.split(',').map(str::trim).collect();
                if items.len() < min_len || items.len() > max_len {
                    return Err(Error::ListLength {
                        key,
                        got: items.len(),
                        expected: Count::Values {
                            min: min_len,
                            max: max_len,
                        },
                    });
                }
                items
                    .iter()
                    .map(|item| self.parse_integer(item, min, max))
                    .collect::<Result<_, _>>()
                    .map(Value::Integers)
            }
        }
    }
}

fn number(config: &mut Config, value: Value, field: fn(&mut Config) -> &mut f64) {
    if let Value::Number(v) = value {
        *field(config) = v;
    }
}

fn optional_number(config: &mut Config, value: Value, field: fn(&mut Config) -> &mut Option<f64>) {
    if let Value::Number(v) = value {
        *field(config) = Some(v);
    }
}

fn integer(config: &mut Config, value: Value, field: fn(&mut Config) -> &mut usize) {
    if let Value::Integer(v) = value {
        *field(config) = v;
    }
}

fn optional_list(
    config: &mut Config,
    value: Value,
    field: fn(&mut Config) -> &mut Option<Vec<f64>>,
) {
    if let Value::List(v) = value {
        *field(config) = Some(v);
    }
}

/// One name from `choices`.
const fn one_of(choices: &'static [&'static str]) -> ValueKind {
    ValueKind::Names {
        choices,
        max_count: 1,
        repeats: false,
    }
}

const fn num(min: f64, max: f64, step: f64) -> ValueKind {
    ValueKind::Number {
        min,
        max,
        min_exclusive: false,
        step,
    }
}

const fn positive(max: f64, step: f64) -> ValueKind {
    ValueKind::Number {
        min: 0.0,
        max,
        min_exclusive: true,
        step,
    }
}

/// The table. Order is the canonical order of a query.
pub static KEYS: [Key; 46] = [
    Key {
        name: "view",
        help: "which view: curves (f and f'), softmax, layers (a deep network's activations and gradients), or train (a small network learning a toy dataset)",
        kind: one_of(&VIEW_NAMES),
        assign: |c, v| {
            if let Value::Names(names) = v {
                c.view = match names.first() {
                    Some(&"softmax") => View::Softmax,
                    Some(&"layers") => View::Layers,
                    Some(&"train") => View::Train,
                    _ => View::Curves,
                };
            }
        },
        get: |c| Some(c.view.name().into()),
    },
    Key {
        name: "activation",
        help: "the activation functions to draw, comma-separated (silu = swish with beta=1); in the train view, each one trains its own network in a race",
        kind: ValueKind::Names { choices: &ACTIVATION_NAMES, max_count: MAX_ACTIVATIONS, repeats: false },
        assign: |c, v| {
            if let Value::Names(names) = v {
                c.activations = names.iter().filter_map(|n| Kind::from_name(n)).collect();
            }
        },
        get: |c| Some(c.activations.iter().map(|k| k.name()).collect::<Vec<_>>().join(",")),
    },
    Key {
        name: "negative-slope",
        help: "slope for x < 0 of leaky_relu (default 0.01) and prelu (default 0.25)",
        kind: num(0.0, 1.0, 0.01),
        assign: |c, v| optional_number(c, v, |c| &mut c.negative_slope),
        get: |c| c.negative_slope.map(|v| v.to_string()),
    },
    Key {
        name: "alpha",
        help: "α of elu and celu: the negative saturation value is −α (default 1)",
        kind: positive(10.0, 0.05),
        assign: |c, v| optional_number(c, v, |c| &mut c.alpha),
        get: |c| c.alpha.map(|v| v.to_string()),
    },
    Key {
        name: "beta",
        help: "β of swish (x·σ(βx)) and softplus (sharpness); default 1",
        kind: positive(20.0, 0.05),
        assign: |c, v| optional_number(c, v, |c| &mut c.beta),
        get: |c| c.beta.map(|v| v.to_string()),
    },
    Key {
        name: "cap",
        help: "upper bound of bounded_relu (default 1)",
        kind: positive(100.0, 0.1),
        assign: |c, v| optional_number(c, v, |c| &mut c.cap),
        get: |c| c.cap.map(|v| v.to_string()),
    },
    Key {
        name: "hinges",
        help: "number of hinges S of apl",
        kind: ValueKind::Integer { min: 1, max: 5 },
        assign: |c, v| {
            if let Value::Integer(n) = v {
                // A new hinge count makes old per-hinge lists the wrong length: start from the
                // defaults for that count instead of refusing the change.
                if n != c.hinges {
                    c.a = c.a.take().filter(|a| a.len() == n || a.len() == 1 && n == 1);
                    c.b = c.b.take().filter(|b| b.len() == n || b.len() == 1 && n == 1);
                }
                c.hinges = n;
            }
        },
        get: |c| Some(c.hinges.to_string()),
    },
    Key {
        name: "a",
        help: "scaled_tanh's amplitude a (default 1.7159), or apl's hinge slopes a_s (one per hinge)",
        kind: ValueKind::NumberList { min: -10.0, max: 10.0, min_len: 1, max_len: 5 },
        assign: |c, v| optional_list(c, v, |c| &mut c.a),
        get: |c| c.a.as_deref().map(join_numbers),
    },
    Key {
        name: "b",
        help: "scaled_tanh's input scale b (default 2/3), or apl's hinge positions b_s (one per hinge)",
        kind: ValueKind::NumberList { min: -10.0, max: 10.0, min_len: 1, max_len: 5 },
        assign: |c, v| optional_list(c, v, |c| &mut c.b),
        get: |c| c.b.as_deref().map(join_numbers),
    },
    Key {
        name: "x-min",
        help: "left end of the x axis",
        kind: num(-1000.0, 1000.0, 0.5),
        assign: |c, v| number(c, v, |c| &mut c.x_min),
        get: |c| Some(c.x_min.to_string()),
    },
    Key {
        name: "x-max",
        help: "right end of the x axis",
        kind: num(-1000.0, 1000.0, 0.5),
        assign: |c, v| number(c, v, |c| &mut c.x_max),
        get: |c| Some(c.x_max.to_string()),
    },
    Key {
        name: "points",
        help: "how many x values the curves are evaluated at",
        kind: ValueKind::Integer { min: 2, max: 100_000 },
        assign: |c, v| integer(c, v, |c| &mut c.points),
        get: |c| Some(c.points.to_string()),
    },
    Key {
        name: "at",
        help: "the x of the crosshair and of the chain-of-layers readout",
        kind: num(-1000.0, 1000.0, 0.01),
        assign: |c, v| number(c, v, |c| &mut c.at),
        get: |c| Some(c.at.to_string()),
    },
    Key {
        name: "depth",
        help: "number of layers: n in the chain readout f'(x)^n, and the network's hidden layers",
        kind: ValueKind::Integer { min: 1, max: 64 },
        assign: |c, v| integer(c, v, |c| &mut c.depth),
        get: |c| Some(c.depth.to_string()),
    },
    Key {
        name: "second-derivative",
        help: "also draw f''",
        kind: ValueKind::Bool,
        assign: |c, v| boolean(c, v, |c| &mut c.second_derivative),
        get: |c| Some(c.second_derivative.to_string()),
    },
    Key {
        name: "logits",
        help: "softmax inputs z, comma-separated",
        kind: ValueKind::NumberList { min: -100.0, max: 100.0, min_len: 2, max_len: 10 },
        assign: |c, v| {
            if let Value::List(list) = v {
                c.logits = list;
            }
        },
        get: |c| Some(join_numbers(&c.logits)),
    },
    Key {
        name: "temperature",
        help: "softmax temperature T: p = softmax(z/T)",
        kind: ValueKind::Number { min: 0.01, max: 100.0, min_exclusive: false, step: 0.01 },
        assign: |c, v| number(c, v, |c| &mut c.temperature),
        get: |c| Some(c.temperature.to_string()),
    },
    Key {
        name: "target",
        help: "the true class y for the cross-entropy gradient p − y (0-based)",
        kind: ValueKind::Integer { min: 0, max: 9 },
        assign: |c, v| integer(c, v, |c| &mut c.target),
        get: |c| Some(c.target.to_string()),
    },
    Key {
        name: "init",
        help: "weight initialiser (torch.nn.init names); default normal in the layers view, xavier_uniform in the train view",
        kind: one_of(&crate::init::INIT_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.init = Some(name);
            }
        },
        get: |c| c.init.map(Into::into),
    },
    Key {
        name: "std",
        help: "standard deviation of init=normal",
        kind: num(0.0, 10.0, 0.001),
        assign: |c, v| number(c, v, |c| &mut c.std),
        get: |c| Some(c.std.to_string()),
    },
    Key {
        name: "value",
        help: "every weight's value with init=constant",
        kind: num(-10.0, 10.0, 0.01),
        assign: |c, v| number(c, v, |c| &mut c.value),
        get: |c| Some(c.value.to_string()),
    },
    Key {
        name: "limit",
        help: "init=uniform draws from U(-limit, limit)",
        kind: num(0.0, 10.0, 0.001),
        assign: |c, v| number(c, v, |c| &mut c.limit),
        get: |c| Some(c.limit.to_string()),
    },
    Key {
        name: "gain",
        help: "gain of xavier_*, kaiming_*, lecun_normal and orthogonal (default: PyTorch's, 1 or √2 for kaiming)",
        kind: positive(10.0, 0.01),
        assign: |c, v| optional_number(c, v, |c| &mut c.gain),
        get: |c| c.gain.map(|v| v.to_string()),
    },
    Key {
        name: "width",
        help: "units per hidden layer (and input features)",
        kind: ValueKind::Integer { min: 2, max: 1024 },
        assign: |c, v| integer(c, v, |c| &mut c.width),
        get: |c| Some(c.width.to_string()),
    },
    Key {
        name: "batch",
        help: "samples pushed through the network at once",
        kind: ValueKind::Integer { min: 1, max: 4096 },
        assign: |c, v| integer(c, v, |c| &mut c.batch),
        get: |c| Some(c.batch.to_string()),
    },
    Key {
        name: "input",
        help: "input distribution: normal N(0, 1) or uniform U(-1, 1)",
        kind: one_of(&INPUT_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.input = name;
            }
        },
        get: |c| Some(c.input.into()),
    },
    Key {
        name: "bias",
        help: "every bias's value (0: no bias)",
        kind: num(-10.0, 10.0, 0.01),
        assign: |c, v| number(c, v, |c| &mut c.bias),
        get: |c| Some(c.bias.to_string()),
    },
    Key {
        name: "seed",
        help: "random seed: the same seed gives the same weights and inputs everywhere",
        kind: ValueKind::Integer { min: 0, max: 4_294_967_295 },
        assign: |c, v| {
            if let Value::Integer(n) = v {
                c.seed = n as u64;
            }
        },
        get: |c| Some(c.seed.to_string()),
    },
    Key {
        name: "residual",
        help: "skip connections around each hidden layer: a_l = a_(l-1) + f(z_l)",
        kind: ValueKind::Bool,
        assign: |c, v| boolean(c, v, |c| &mut c.residual),
        get: |c| Some(c.residual.to_string()),
    },
    Key {
        name: "norm",
        help: "normalise pre-activations: none, batch (per unit over the batch) or layer (per sample over units)",
        kind: one_of(&NORM_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.norm = name;
            }
        },
        get: |c| Some(c.norm.into()),
    },
    Key {
        name: "histograms",
        help: "what the layers view's histograms show: activations a, pre-activations z, or deltas δ = ∂L/∂z",
        kind: one_of(&HISTOGRAM_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.histograms = name;
            }
        },
        get: |c| Some(c.histograms.into()),
    },
    Key {
        name: "dataset",
        help: "the training data: xor, circles, gaussians, moons, spiral (2-D classes) or sine (1-D regression)",
        kind: one_of(&crate::train::dataset::DATASET_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.dataset = name;
            }
        },
        get: |c| Some(c.dataset.into()),
    },
    Key {
        name: "classes",
        help: "classes of spiral and gaussians (2: one sigmoid output; 3..=5: softmax)",
        kind: ValueKind::Integer { min: 2, max: 5 },
        assign: |c, v| integer(c, v, |c| &mut c.classes),
        get: |c| Some(c.classes.to_string()),
    },
    Key {
        name: "samples",
        help: "examples in the dataset, before the train/test split",
        kind: ValueKind::Integer { min: 20, max: 5000 },
        assign: |c, v| integer(c, v, |c| &mut c.samples),
        get: |c| Some(c.samples.to_string()),
    },
    Key {
        name: "noise",
        help: "standard deviation of the noise added to each point (to y for sine; 2·noise radians for spiral)",
        kind: num(0.0, 0.5, 0.01),
        assign: |c, v| number(c, v, |c| &mut c.noise),
        get: |c| Some(c.noise.to_string()),
    },
    Key {
        name: "test-fraction",
        help: "share of the examples held out as the test set",
        kind: num(0.1, 0.9, 0.05),
        assign: |c, v| number(c, v, |c| &mut c.test_fraction),
        get: |c| Some(c.test_fraction.to_string()),
    },
    Key {
        name: "hidden",
        help: "units of each hidden layer of the trained network, comma-separated (e.g. 8,8)",
        kind: ValueKind::IntegerList { min: 1, max: 64, min_len: 1, max_len: 8 },
        assign: |c, v| {
            if let Value::Integers(list) = v {
                c.hidden = list;
            }
        },
        get: |c| Some(c.hidden.iter().map(usize::to_string).collect::<Vec<_>>().join(",")),
    },
    Key {
        name: "layer-activations",
        help: "one activation per hidden layer (e.g. relu,relu,tanh) instead of the same one everywhere; trains one network, no race",
        kind: ValueKind::Names { choices: &ACTIVATION_NAMES, max_count: 8, repeats: true },
        assign: |c, v| {
            if let Value::Names(names) = v {
                c.layer_activations = names.iter().filter_map(|n| Kind::from_name(n)).collect();
            }
        },
        get: |c| {
            (!c.layer_activations.is_empty()).then(|| {
                c.layer_activations.iter().map(|k| k.name()).collect::<Vec<_>>().join(",")
            })
        },
    },
    Key {
        name: "learned",
        help: "train prelu's slope, swish's beta and apl's a_s, b_s: per-layer, per-unit, or none (frozen)",
        kind: one_of(&LEARNED_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.learned = name;
            }
        },
        get: |c| Some(c.learned.into()),
    },
    Key {
        name: "optimizer",
        help: "sgd, momentum (0.9) or adam (0.9, 0.999), as torch.optim",
        kind: one_of(&crate::train::optimizer::OPTIMIZER_NAMES),
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.optimizer = name;
            }
        },
        get: |c| Some(c.optimizer.into()),
    },
    Key {
        name: "learning-rate",
        help: "the optimiser's step size (TensorFlow Playground's range)",
        kind: num(0.00001, 10.0, 0.001),
        assign: |c, v| number(c, v, |c| &mut c.learning_rate),
        get: |c| Some(c.learning_rate.to_string()),
    },
    Key {
        name: "batch-size",
        help: "training examples per step (capped at the training set's size)",
        kind: ValueKind::Integer { min: 1, max: 1000 },
        assign: |c, v| integer(c, v, |c| &mut c.batch_size),
        get: |c| Some(c.batch_size.to_string()),
    },
    Key {
        name: "weight-decay",
        help: "L2 penalty λ: each weight's gradient gets + λ·w",
        kind: num(0.0, 1.0, 0.0001),
        assign: |c, v| number(c, v, |c| &mut c.weight_decay),
        get: |c| Some(c.weight_decay.to_string()),
    },
    Key {
        name: "steps",
        help: "optimiser steps to train (the page pauses there)",
        kind: ValueKind::Integer { min: 1, max: 100_000 },
        assign: |c, v| integer(c, v, |c| &mut c.steps),
        get: |c| Some(c.steps.to_string()),
    },
    Key {
        name: "record-every",
        help: "steps between records of the losses, gradients and dead units",
        kind: ValueKind::Integer { min: 1, max: 1000 },
        assign: |c, v| integer(c, v, |c| &mut c.record_every),
        get: |c| Some(c.record_every.to_string()),
    },
    Key {
        name: "target-loss",
        help: "the training loss a race counts the steps to",
        kind: positive(10.0, 0.01),
        assign: |c, v| number(c, v, |c| &mut c.target_loss),
        get: |c| Some(c.target_loss.to_string()),
    },
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
