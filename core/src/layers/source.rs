//! Which recorded values the layers view's histograms show.

use super::Histogram;
use super::LayerStats;

crate::names::named! {
    /// The values per layer that a histogram counts.
    pub enum HistogramSource {
        /// a = f(z) (+ the residual input).
        Activations = "activations",
        /// z, what f is applied to.
        PreActivations = "pre-activations",
        /// δ = ∂L/∂z.
        Deltas = "deltas",
    }
}

impl HistogramSource {
    /// This source's histogram of one layer.
    pub fn histogram(self, layer: &LayerStats) -> &Histogram {
        match self {
            HistogramSource::Activations => &layer.histogram,
            HistogramSource::PreActivations => &layer.pre_histogram,
            HistogramSource::Deltas => &layer.delta_histogram,
        }
    }
}
