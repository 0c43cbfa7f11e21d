//! Where a network normalises its pre-activations (no learned scale or shift in either form).

crate::names::named! {
    /// Where pre-activations are normalised.
    pub enum Norm {
        /// No normalisation.
        None = "none",
        /// Per unit, over the batch.
        Batch = "batch",
        /// Per sample, over the units.
        Layer = "layer",
    }
}
