//! The views of the lab by name: which picture, readout and export a configuration asks for.
//!
//! Only the names live here, low enough for `config` to parse them; what each view computes,
//! exports and draws is its module in [`crate::views`], whose registry maps each name to it.

crate::names::named! {
    /// Which view of the lab is shown.
    pub enum View {
        /// f, f' (and f'') of one or several activations.
        Curves = "curves",
        /// Softmax: logits → probabilities, Jacobian, cross-entropy gradient.
        Softmax = "softmax",
        /// A deep MLP's per-layer activations and gradients.
        Layers = "layers",
        /// A small network trained live on a toy dataset.
        Train = "train",
        /// The edge of chaos: ordered and chaotic initialisations, measured and in theory.
        Phase = "phase",
    }
}
