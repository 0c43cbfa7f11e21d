//! One configuration vocabulary for the URL hash, the widget's attributes, the CLI flags and the
//! JSON config file: the same kebab-case keys, parsed and validated here once, with one set of
//! error sentences.
//!
//! - [`grammar`]: the kinds of value, their bounds and the sentences for text that does not fit;
//! - `field`: how each field type reads its value from text and writes it back;
//! - `keys`: the table, one row per key ([`KEYS`]);
//! - `query`: the text formats (query, JSON) and `get`/`set`/`to_query`;
//! - `validate`: the checks across keys;
//! - `activations`: the selected activations with their parameters resolved;
//! - `specs`: the domain specs a config describes (initialiser, network, training runs, the
//!   curves' x grid).
//!
//! The config knows the domains (views, initialisers, datasets, optimisers…); no domain module
//! knows the config.

mod activations;
mod field;
pub mod grammar;
mod keys;
mod query;
mod specs;
mod validate;

pub use crate::view::View;
pub use field::Field;
pub use grammar::{Choices, ValueKind};
pub use keys::{Key, KeyInfo, KEYS, MAX_ACTIVATIONS};
pub use query::split_query;
pub use validate::MEMORY_BUDGET;

use crate::activation::Kind;
use crate::init::Scheme;
use crate::input::Input;
use crate::layers::HistogramSource;
use crate::norm::Norm;
use crate::train::dataset::Dataset;
use crate::train::learned::Learned;
use crate::train::optimizer::Optimizer;

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
    /// `None` until set: the chain readout then follows `depth` ([`Config::chain_depth`]).
    pub chain_depth: Option<usize>,
    pub depth: usize,
    pub second_derivative: bool,
    pub logits: Vec<f64>,
    pub temperature: f64,
    pub target: usize,
    /// `None` until set: the view's default applies ([`Config::init_scheme`]).
    pub init: Option<Scheme>,
    pub std: f64,
    pub value: f64,
    pub limit: f64,
    pub gain: Option<f64>,
    pub width: usize,
    pub batch: usize,
    pub input: Input,
    pub bias: f64,
    pub seed: u64,
    pub residual: bool,
    pub norm: Norm,
    pub histograms: HistogramSource,
    pub dataset: Dataset,
    pub classes: usize,
    pub samples: usize,
    pub noise: f64,
    pub test_fraction: f64,
    pub hidden: Vec<usize>,
    pub layer_activations: Vec<Kind>,
    pub learned: Learned,
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub weight_decay: f64,
    pub steps: usize,
    pub record_every: usize,
    pub target_loss: f64,
    /// Whether a training widget plays its race by itself once in view.
    pub autoplay: bool,
    /// The pictures a training widget shows, in the order listed.
    pub panels: Vec<crate::train::PanelName>,
    /// The typed formula of `activation=custom`, parsed and compiled when set.
    pub formula: Option<std::sync::Arc<crate::activation::formula::Formula>>,
    /// The formula's parameters' values, (letter, value).
    pub formula_params: Vec<(char, f64)>,
    /// `None` until set: no random biases; the `phase` CLI then prints its map, not one point.
    pub bias_std: Option<f64>,
    pub phase_depth: usize,
    pub phase_width: usize,
    pub phase_batch: usize,
    pub phase_cells: usize,
}

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
            chain_depth: None,
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
            input: Input::Normal,
            bias: 0.0,
            seed: 1,
            residual: false,
            norm: Norm::None,
            histograms: HistogramSource::Activations,
            // TensorFlow Playground's set-up (circles, batch 10, half the data held out), with
            // 8-8 hidden units and learning rate 0.1 because our inputs span [−1, 1], not
            // Playground's [−6, 6]: the default race then shows relu, tanh and sigmoid apart
            // within a thousand steps.
            dataset: Dataset::Circles,
            classes: 2,
            samples: 500,
            noise: 0.0,
            test_fraction: 0.5,
            hidden: vec![8, 8],
            layer_activations: Vec::new(),
            learned: Learned::PerLayer,
            optimizer: Optimizer::Sgd,
            learning_rate: 0.1,
            batch_size: 10,
            weight_decay: 0.0,
            steps: 1000,
            record_every: 10,
            target_loss: 0.1,
            // A widget waits for Play unless told, and shows what the SVG composite shows.
            autoplay: false,
            panels: crate::train::PanelName::DEFAULT.to_vec(),
            formula: None,
            formula_params: Vec::new(),
            // The phase view: biases from N(0, σ_b²) (none by default, as before), and a map of
            // 24 × 24 networks of 30 layers × 64 units × 64 samples (issue #16).
            bias_std: None,
            phase_depth: 30,
            phase_width: 64,
            phase_batch: 64,
            phase_cells: 24,
        }
    }
}
