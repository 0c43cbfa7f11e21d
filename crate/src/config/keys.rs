//! The key table: every configuration key once, with its type, bounds, help text, and how it
//! reads and writes [`Config`]. The page builds its controls from this table.

use super::{Config, View};
use crate::activation::Kind;
use crate::error::Error;
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
}

/// A parsed value, before it is stored.
enum Value {
    Number(f64),
    Integer(usize),
    Bool(bool),
    Names(Vec<&'static str>),
    List(Vec<f64>),
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
const VIEW_NAMES: [&str; 3] = ["curves", "softmax", "layers"];
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
        }
    }
}

/// The range an out-of-range sentence states: "a number in [0, 1]", "an integer in 1..=64".
fn range_text(kind: &ValueKind) -> String {
    match kind {
        ValueKind::Number { .. } => format!("a {}", kind.describe()),
        ValueKind::Integer { .. } => format!("an {}", kind.describe()),
        ValueKind::NumberList { min, max, .. } => format!("numbers in [{min}, {max}]"),
        ValueKind::Bool | ValueKind::Names { .. } => String::new(),
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
            range: range_text(&self.kind),
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

    fn parse(&self, text: &str) -> Result<Value, Error> {
        let key = self.name;
        match self.kind {
            ValueKind::Number { .. } => self.parse_number(text).map(Value::Number),
            ValueKind::Integer { min, max } => {
                let out_of_range = || Error::OutOfRange {
                    key,
                    value: text.to_string(),
                    range: range_text(&self.kind),
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
                    .map(Value::Integer)
                    .ok_or_else(out_of_range)
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
            ValueKind::Names { choices, max_count } => {
                let names: Vec<&str> = text.split(',').map(str::trim).collect();
                let none = max_count > 1 && text.is_empty();
                if none || names.len() > max_count {
                    return Err(Error::ListLength {
                        key,
                        got: if none { 0 } else { names.len() },
                        expected: format!("1..={max_count} values"),
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
                    if resolved.contains(&canonical) {
                        return Err(Error::Conflict {
                            message: format!("{key} lists {canonical} twice"),
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
                        expected: format!("{min_len}..={max_len} values"),
                    });
                }
                items
                    .iter()
                    .map(|item| self.parse_number(item))
                    .collect::<Result<_, _>>()
                    .map(Value::List)
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
pub static KEYS: [Key; 31] = [
    Key {
        name: "view",
        help: "which view: curves (f and f'), softmax, or layers (a deep network's activations and gradients)",
        kind: ValueKind::Names { choices: &VIEW_NAMES, max_count: 1 },
        assign: |c, v| {
            if let Value::Names(names) = v {
                c.view = match names.first() {
                    Some(&"softmax") => View::Softmax,
                    Some(&"layers") => View::Layers,
                    _ => View::Curves,
                };
            }
        },
        get: |c| Some(c.view.name().into()),
    },
    Key {
        name: "activation",
        help: "the activation functions to draw, comma-separated (silu = swish with beta=1)",
        kind: ValueKind::Names { choices: &ACTIVATION_NAMES, max_count: MAX_ACTIVATIONS },
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
        help: "weight initialiser (torch.nn.init names)",
        kind: ValueKind::Names { choices: &crate::init::INIT_NAMES, max_count: 1 },
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.init = name;
            }
        },
        get: |c| Some(c.init.into()),
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
        kind: ValueKind::Names { choices: &INPUT_NAMES, max_count: 1 },
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
        kind: ValueKind::Names { choices: &NORM_NAMES, max_count: 1 },
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
        kind: ValueKind::Names { choices: &HISTOGRAM_NAMES, max_count: 1 },
        assign: |c, v| {
            if let Some(name) = single_name(&v) {
                c.histograms = name;
            }
        },
        get: |c| Some(c.histograms.into()),
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
