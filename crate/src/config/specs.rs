//! The domain specs a config describes, each built here in one function: the initialiser, the
//! layers view's network and the training runs. The domains take these specs and never read a
//! [`Config`] themselves.

use super::{Config, View};
use crate::activation::Activation;
use crate::error::Error;
use crate::init::{Init, Scheme};
use crate::input::Input;
use crate::layers::{self, DescribesNetwork};
use crate::mlp::network::NetworkSpec;
use crate::train::dataset::DatasetSpec;
use crate::train::{RaceSettings, TrainSpec};

impl Config {
    /// The initialiser: the one set, else the view's default (N(0, std) for the layers lesson,
    /// which starts from the failure it explains; Xavier-uniform for training, which should
    /// start from a network that can learn).
    pub fn init_scheme(&self) -> Scheme {
        self.init.unwrap_or(match self.view {
            View::Train => Scheme::XavierUniform,
            _ => Scheme::Normal,
        })
    }

    /// n of the chain readout f'(x)^n: the one set, else the network's depth, which it always
    /// followed before it had a key of its own (so old links open to the same readout).
    pub fn chain_depth(&self) -> usize {
        self.chain_depth.unwrap_or(self.depth)
    }

    /// The x grid of the curves: `points` evenly spaced values from x-min to x-max.
    pub fn grid(&self) -> Vec<f64> {
        let n = self.points.max(2);
        let span = self.x_max - self.x_min;
        (0..n)
            .map(|i| self.x_min + span * (i as f64) / ((n - 1) as f64))
            .collect()
    }

    /// The initialiser the config describes, with its parameters.
    pub fn resolved_init(&self) -> Init {
        let scheme = self.init_scheme();
        let gain = self.gain.unwrap_or_else(|| scheme.default_gain());
        scheme.with(self.std, self.value, self.limit, gain)
    }

    /// The layers view's quick first look at a big pass: this config on the first few samples
    /// of its batch ([`layers::preview_rows`]), or `None` when the pass needs none.
    pub fn layers_preview(&self) -> Result<Option<Config>, Error> {
        let rows = layers::preview_rows(&self.network_spec()?);
        Ok(rows.map(|batch| Config {
            batch,
            ..self.clone()
        }))
    }

    /// The layers view's network; its activation is the first selected one. A network over the
    /// memory budget is refused here, whatever the view, since this is where one is built.
    pub fn network_spec(&self) -> Result<NetworkSpec, Error> {
        self.check_memory_budget()?;
        let activation = self
            .resolved_activations()?
            .into_iter()
            .next()
            .unwrap_or(Activation::Tanh);
        Ok(NetworkSpec {
            activation,
            init: self.resolved_init(),
            depth: self.depth,
            width: self.width,
            batch: self.batch,
            uniform_input: self.input == Input::Uniform,
            bias: self.bias,
            bias_std: self.bias_std.unwrap_or(0.0),
            residual: self.residual,
            norm: self.norm,
            seed: self.seed,
        })
    }

    /// One spec per racer: each selected activation in every hidden layer, or the one network
    /// `layer-activations` describes.
    /// Runs over the training budget are refused here, whatever the view, since this is where
    /// they are built.
    pub fn train_specs(&self) -> Result<Vec<TrainSpec>, Error> {
        self.check_training_budget()?;
        let dataset = DatasetSpec {
            dataset: self.dataset,
            classes: self.classes,
            samples: self.samples,
            noise: self.noise,
            test_fraction: self.test_fraction,
        };
        let spec = |label: String, activations: Vec<Activation>| TrainSpec {
            label,
            dataset: dataset.clone(),
            hidden: self.hidden.clone(),
            activations,
            learned: self.learned.per_unit(),
            init: self.resolved_init(),
            optimizer: self.optimizer,
            learning_rate: self.learning_rate,
            batch_size: self.batch_size,
            weight_decay: self.weight_decay,
            seed: self.seed,
            residual: self.residual,
            norm: self.norm,
            histograms: None,
        };
        if !self.layer_activations.is_empty() {
            let activations = self
                .layer_activations
                .iter()
                .map(|kind| self.activation(*kind))
                .collect::<Result<Vec<_>, _>>()?;
            let label = self
                .layer_activations
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(",");
            return Ok(vec![spec(label, activations)]);
        }
        self.resolved_activations()?
            .into_iter()
            .map(|activation| {
                let label = activation.name().to_string();
                Ok(spec(label, vec![activation; self.hidden.len()]))
            })
            .collect()
    }
}

impl DescribesNetwork for Config {
    fn network_spec(&self) -> Result<NetworkSpec, Error> {
        Config::network_spec(self)
    }
}

impl RaceSettings for Config {
    fn specs(&self) -> Result<Vec<TrainSpec>, Error> {
        self.train_specs()
    }

    fn steps(&self) -> usize {
        self.steps
    }

    fn record_every(&self) -> usize {
        self.record_every
    }

    fn target_loss(&self) -> f64 {
        self.target_loss
    }

    fn settings(&self) -> Vec<(&'static str, String)> {
        super::KEYS
            .iter()
            .filter_map(|key| {
                let text = self.get(key.name).ok()?;
                (!text.is_empty()).then_some((key.name, text))
            })
            .collect()
    }
}

impl Config {
    /// The phase view's networks: the first selected activation, at the phase keys' size.
    pub fn phase_spec(&self) -> Result<crate::phase::GridSpec, Error> {
        let activation = self
            .resolved_activations()?
            .into_iter()
            .next()
            .unwrap_or(Activation::Tanh);
        Ok(crate::phase::GridSpec {
            activation,
            depth: self.phase_depth,
            width: self.phase_width,
            batch: self.phase_batch,
            cells: self.phase_cells,
            seed: self.seed,
        })
    }

    /// The layers view's setting as (σ_w, σ_b): `gain` alone when no initialiser is named (as
    /// `actlab phase --gain 1.2` asks), else the layers view's weights' std times √fan_in; and
    /// `bias-std` (0 unset).
    pub fn phase_point(&self) -> (f64, f64) {
        let gain = match (self.init, self.gain) {
            (None, Some(gain)) => gain,
            _ => {
                let layers = Config {
                    view: View::Layers,
                    ..self.clone()
                };
                layers.resolved_init().std(self.width, self.width) * (self.width as f64).sqrt()
            }
        };
        (gain, self.bias_std.unwrap_or(0.0))
    }
}
