//! The checks across keys: each key's own range was checked when it was set; these are the
//! combinations that can still be wrong.

use super::{Config, View};
use crate::error::Error;

/// Most values the network may hold per array (batch × width × depth): three f32 arrays of this
/// size (activations, pre-activations, deltas) are about 150 MB, what a browser tab can spare.
pub const MEMORY_BUDGET: usize = 12_000_000;

impl Config {
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
        // The layers view builds the network, so only it is held to the memory budget: the
        // curves view's chain readout may follow a depth no batch could afford.
        if self.view == View::Layers {
            self.check_memory_budget()?;
        }
        if self.classes > 2 && !self.dataset.takes_classes() {
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

    /// Refuses a network over [`MEMORY_BUDGET`]: checked by the layers view's validation and
    /// again wherever a network is built from the config ([`Config::network_spec`]), whatever
    /// the view.
    pub fn check_memory_budget(&self) -> Result<(), Error> {
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
        Ok(())
    }
}
