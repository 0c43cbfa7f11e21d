//! One configuration vocabulary for the URL hash, the widget's attributes, the CLI flags and the
//! JSON config file: the same kebab-case keys, parsed and validated here once, with one set of
//! error sentences.
//!
//! The key table is in [`keys`]; this file holds [`Config`] and the text formats around it.

mod keys;

pub use keys::{Key, ValueKind, KEYS};

use crate::activation::{apl_default_hinges, Activation, Kind};
use crate::error::{Count, Error, Range};

/// Which view of the lab is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// f, f' (and f'') of one or several activations.
    Curves,
    /// Softmax: logits → probabilities, Jacobian, cross-entropy gradient.
    Softmax,
    /// A deep MLP's per-layer activations and gradients.
    Layers,
    /// A small network trained live on a toy dataset.
    Train,
}

impl View {
    /// Every view, in the order the page's tabs show them.
    pub const ALL: [View; 4] = [View::Curves, View::Softmax, View::Layers, View::Train];

    /// The name used as the `view` value.
    pub fn name(self) -> &'static str {
        match self {
            View::Curves => "curves",
            View::Softmax => "softmax",
            View::Layers => "layers",
            View::Train => "train",
        }
    }
}

/// The whole state of the lab, as the key table describes it.
///
/// Activation parameters are `None` until set: each selected activation then uses its own
/// default (leaky_relu 0.01, prelu 0.25), and a set value applies to every selected activation
/// that takes it.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // Each field is documented by its entry in the key table.
pub struct Config {
    pub view: View,
    pub activations: Vec<Kind>,
    pub negative_slope: Option<f64>,
    pub alpha: Option<f64>,
    pub beta: Option<f64>,
    pub cap: Option<f64>,
    pub a: Option<Vec<f64>>,
    pub b: Option<Vec<f64>>,
    pub hinges: usize,
    pub x_min: f64,
    pub x_max: f64,
    pub points: usize,
    pub at: f64,
    pub depth: usize,
    pub second_derivative: bool,
    pub logits: Vec<f64>,
    pub temperature: f64,
    pub target: usize,
    /// `None` until set: the view's default applies ([`Config::init_name`]).
    pub init: Option<&'static str>,
    pub std: f64,
    pub value: f64,
    pub limit: f64,
    pub gain: Option<f64>,
    pub width: usize,
    pub batch: usize,
    pub input: &'static str,
    pub bias: f64,
    pub seed: u64,
    pub residual: bool,
    pub norm: &'static str,
    pub histograms: &'static str,
    pub dataset: &'static str,
    pub classes: usize,
    pub samples: usize,
    pub noise: f64,
    pub test_fraction: f64,
    pub hidden: Vec<usize>,
    pub layer_activations: Vec<Kind>,
    pub learned: &'static str,
    pub optimizer: &'static str,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub weight_decay: f64,
    pub steps: usize,
    pub record_every: usize,
    pub target_loss: f64,
}

/// Most values the network may hold per array (batch × width × depth): three f32 arrays of this
/// size (activations, pre-activations, deltas) are about 150 MB, what a browser tab can spare.
pub const MEMORY_BUDGET: usize = 12_000_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            view: View::Curves,
            activations: vec![Kind::Sigmoid, Kind::Tanh, Kind::Relu],
            negative_slope: None,
            alpha: None,
            beta: None,
            cap: None,
            a: None,
            b: None,
            hinges: 1,
            x_min: -5.0,
            x_max: 5.0,
            points: 401,
            at: 0.0,
            depth: 10,
            second_derivative: false,
            logits: vec![2.0, 1.0, 0.1],
            temperature: 1.0,
            target: 0,
            init: None,
            std: 0.01,
            value: 0.1,
            limit: 0.05,
            gain: None,
            width: 500,
            batch: 1000,
            input: "normal",
            bias: 0.0,
            seed: 1,
            residual: false,
            norm: "none",
            histograms: "activations",
            // TensorFlow Playground's set-up (circles, batch 10, half the data held out), with
            // 8-8 hidden units and learning rate 0.1 because our inputs span [−1, 1], not
            // Playground's [−6, 6]: the default race then shows relu, tanh and sigmoid apart
            // within a thousand steps.
            dataset: "circles",
            classes: 2,
            samples: 500,
            noise: 0.0,
            test_fraction: 0.5,
            hidden: vec![8, 8],
            layer_activations: Vec::new(),
            learned: "per-layer",
            optimizer: "sgd",
            learning_rate: 0.1,
            batch_size: 10,
            weight_decay: 0.0,
            steps: 1000,
            record_every: 10,
            target_loss: 0.1,
        }
    }
}

/// Decodes `%XX` escapes and `+` (a browser may escape a hash it was given).
fn percent_decode(text: &str) -> Result<String, Error> {
    let malformed = || Error::Malformed {
        fragment: text.to_string(),
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3).ok_or_else(malformed)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| malformed())?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| malformed())
}

/// Splits `key=value&key=value` (a leading `#` or `?` is ignored) into decoded pairs.
pub fn split_query(query: &str) -> Vec<Result<(String, String), Error>> {
    let query = query.trim().trim_start_matches(['#', '?']);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .filter(|(key, _)| !key.is_empty())
                .ok_or_else(|| Error::Malformed {
                    fragment: pair.to_string(),
                })?;
            Ok((percent_decode(key)?, percent_decode(value)?))
        })
        .collect()
}

impl Config {
    /// Looks a key up in the table.
    pub fn key(name: &str) -> Result<&'static Key, Error> {
        KEYS.iter()
            .find(|k| k.name == name)
            .ok_or_else(|| Error::UnknownKey {
                key: name.to_string(),
                valid: KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", "),
            })
    }

    /// Parses a query (`activation=tanh&x-max=8`) strictly: the first bad pair is the error.
    pub fn parse(query: &str) -> Result<Config, Error> {
        let mut config = Config::default();
        for pair in split_query(query) {
            let (key, value) = pair?;
            Config::key(&key)?.set(&mut config, &value)?;
        }
        config.validate()?;
        Ok(config)
    }

    /// Parses as much of a query as is valid and returns the errors of the rest, so a link with
    /// one bad value still opens with everything else it says.
    pub fn parse_lenient(query: &str) -> (Config, Vec<Error>) {
        let mut config = Config::default();
        let mut errors = Vec::new();
        let mut applied: Vec<(String, String)> = Vec::new();
        for pair in split_query(query) {
            let result = pair.and_then(|(key, value)| {
                let mut trial = config.clone();
                Config::key(&key)?.set(&mut trial, &value)?;
                applied.push((key, value));
                config = trial;
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        }
        // A combination can be invalid where each pair was fine (x-min above x-max): drop the
        // latest pair whose removal makes the rest consistent (x-max=1 in
        // "x-min=2&x-max=1&depth=3", not the innocent depth=3 after it), or, if no single pair
        // does, the latest pair; repeat until what remains is consistent.
        let replay = |pairs: &[(String, String)], skip: Option<usize>| {
            let mut config = Config::default();
            for (i, (key, value)) in pairs.iter().enumerate() {
                if let (true, Ok(key)) = (Some(i) != skip, Config::key(key)) {
                    let _ = key.set(&mut config, value);
                }
            }
            config
        };
        while let Err(error) = config.validate() {
            errors.push(error);
            let Some(latest) = applied.len().checked_sub(1) else {
                config = Config::default();
                break;
            };
            let culprit = (0..applied.len())
                .rev()
                .find(|&i| replay(&applied, Some(i)).validate().is_ok())
                .unwrap_or(latest);
            applied.remove(culprit);
            config = replay(&applied, None);
        }
        (config, errors)
    }

    /// Reads a JSON object of the same keys: strings, numbers, booleans or arrays of them.
    pub fn from_json(text: &str) -> Result<Config, Error> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::Malformed {
                fragment: format!("JSON: {e}"),
            })?;
        let object = value.as_object().ok_or_else(|| Error::Malformed {
            fragment: "JSON: the config must be an object of key: value".into(),
        })?;
        let mut config = Config::default();
        for (key, value) in object {
            Config::key(key)?.set(&mut config, &json_to_text(value))?;
        }
        config.validate()?;
        Ok(config)
    }

    /// Sets one key from text, keeping the old state if the result would be invalid.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), Error> {
        let mut trial = self.clone();
        Config::key(key)?.set(&mut trial, value)?;
        trial.validate()?;
        *self = trial;
        Ok(())
    }

    /// The current value of a key as text (`""` for an unset activation parameter).
    pub fn get(&self, key: &str) -> Result<String, Error> {
        let found = (Config::key(key)?.get)(self);
        // An unset init reads as the one in effect, so a control can show it.
        Ok(found
            .or_else(|| (key == "init").then(|| self.init_name().to_string()))
            .unwrap_or_default())
    }

    /// The canonical query: only keys that differ from the defaults, in table order.
    pub fn to_query(&self) -> String {
        let default = Config::default();
        KEYS.iter()
            .filter_map(|k| {
                let value = (k.get)(self)?;
                ((k.get)(&default).as_deref() != Some(value.as_str()))
                    .then(|| format!("{}={}", k.name, value))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Cross-key checks: each key's own range was checked when it was set.
    pub fn validate(&self) -> Result<(), Error> {
        if self.x_min >= self.x_max {
            return Err(Error::XRangeOrder {
                x_min: self.x_min,
                x_max: self.x_max,
            });
        }
        if self.target >= self.logits.len() {
            return Err(Error::TargetNotALogit {
                target: self.target,
                logits: self.logits.len(),
            });
        }
        let values = self
            .batch
            .saturating_mul(self.width)
            .saturating_mul(self.depth);
        if values > MEMORY_BUDGET {
            return Err(Error::MemoryBudget {
                batch: self.batch,
                width: self.width,
                depth: self.depth,
                values,
                budget: MEMORY_BUDGET,
                // Three f32 arrays of the budget, rounded as MEMORY_BUDGET's doc says it.
                megabytes: 150,
            });
        }
        if self.classes > 2 && !crate::train::dataset::takes_classes(self.dataset) {
            return Err(Error::ClassesNeedDataset {
                classes: self.classes,
                dataset: self.dataset.to_string(),
                datasets: &["spiral", "gaussians"],
            });
        }
        if !self.layer_activations.is_empty() && self.layer_activations.len() != self.hidden.len() {
            return Err(Error::LayerCount {
                got: self.layer_activations.len(),
                hidden: self.hidden.clone(),
            });
        }
        for kind in &self.layer_activations {
            self.activation(*kind)?;
        }
        self.resolved_activations().map(|_| ())
    }

    /// The initialiser's name: the one set, else the view's default (N(0, std) for the layers
    /// lesson, which starts from the failure it explains; Xavier-uniform for training, which
    /// should start from a network that can learn).
    pub fn init_name(&self) -> &'static str {
        self.init.unwrap_or(match self.view {
            View::Train => "xavier_uniform",
            _ => "normal",
        })
    }

    /// A parameter's value for one activation: the set value, else that activation's default.
    fn param(&self, kind: Kind, key: &str) -> f64 {
        let set = match key {
            "negative-slope" => self.negative_slope,
            "alpha" => self.alpha,
            "beta" => self.beta,
            "cap" => self.cap,
            _ => None,
        };
        let default = kind
            .params()
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.default);
        set.or(default).unwrap_or(f64::NAN)
    }

    /// The scalar `a`/`b` of scaled_tanh, which must be one positive number each.
    fn scaled_tanh_param(&self, key: &'static str) -> Result<f64, Error> {
        let given = if key == "a" { &self.a } else { &self.b };
        match given.as_deref() {
            None => Ok(self.param(Kind::ScaledTanh, key)),
            Some([v]) if *v > 0.0 => Ok(*v),
            Some([v]) => Err(Error::OutOfRange {
                key,
                value: v.to_string(),
                range: Range::Positive {
                    activation: Kind::ScaledTanh.name(),
                },
            }),
            Some(list) => Err(Error::ListLength {
                key,
                got: list.len(),
                expected: Count::For {
                    count: 1,
                    activation: Kind::ScaledTanh.name(),
                },
            }),
        }
    }

    /// APL's hinge slopes or positions: one per hinge, or the defaults for that many hinges.
    fn apl_list(&self, key: &'static str) -> Result<Vec<f64>, Error> {
        let (default_a, default_b) = apl_default_hinges(self.hinges);
        let (given, default) = if key == "a" {
            (&self.a, default_a)
        } else {
            (&self.b, default_b)
        };
        match given {
            None => Ok(default),
            Some(list) if list.len() == self.hinges => Ok(list.clone()),
            Some(list) => Err(Error::ListLength {
                key,
                got: list.len(),
                expected: Count::PerHinge {
                    activation: Kind::Apl.name(),
                    hinges: self.hinges,
                },
            }),
        }
    }

    /// The selected activations with their parameters resolved.
    pub fn resolved_activations(&self) -> Result<Vec<Activation>, Error> {
        self.activations
            .iter()
            .map(|kind| self.activation(*kind))
            .collect()
    }

    /// One activation with this config's parameters (it need not be selected).
    pub fn activation(&self, kind: Kind) -> Result<Activation, Error> {
        Ok(match kind {
            Kind::ScaledTanh => Activation::ScaledTanh {
                a: self.scaled_tanh_param("a")?,
                b: self.scaled_tanh_param("b")?,
            },
            Kind::BoundedRelu => Activation::BoundedRelu {
                cap: self.param(kind, "cap"),
            },
            Kind::LeakyRelu => Activation::LeakyRelu {
                negative_slope: self.param(kind, "negative-slope"),
            },
            Kind::Prelu => Activation::Prelu {
                negative_slope: self.param(kind, "negative-slope"),
            },
            Kind::Elu => Activation::Elu {
                alpha: self.param(kind, "alpha"),
            },
            Kind::Celu => Activation::Celu {
                alpha: self.param(kind, "alpha"),
            },
            Kind::Swish => Activation::Swish {
                beta: self.param(kind, "beta"),
            },
            Kind::Softplus => Activation::Softplus {
                beta: self.param(kind, "beta"),
            },
            Kind::Apl => Activation::Apl {
                a: self.apl_list("a")?,
                b: self.apl_list("b")?,
            },
            other => Activation::with_defaults(other)?,
        })
    }

    /// The x grid of the curves: `points` evenly spaced values from x-min to x-max.
    pub fn grid(&self) -> Vec<f64> {
        let n = self.points.max(2);
        let span = self.x_max - self.x_min;
        (0..n)
            .map(|i| self.x_min + span * (i as f64) / ((n - 1) as f64))
            .collect()
    }
}

fn json_to_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(json_to_text).collect::<Vec<_>>().join(",")
        }
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
