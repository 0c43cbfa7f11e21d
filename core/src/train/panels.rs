//! The names a training widget's `panels` key lists: which of the race's pictures it shows
//! (the renderer maps each to the page's panel it draws).

crate::names::named! {
    /// One picture of the race a widget may show.
    pub enum PanelName {
        /// Each run's decision surface with its points (one picture per run).
        Surface = "surface",
        /// Train and test loss per run.
        Loss = "loss",
        /// Train and test accuracy per run.
        Accuracy = "accuracy",
        /// log ‖∂L/∂W‖, layers × steps.
        GradientFlow = "gradient-flow",
        /// Dead fraction per hidden layer.
        Dead = "dead",
        /// Learned activation parameters.
        Learned = "learned",
        /// Saturated, zero and dead shares per hidden layer (the layer distributions).
        Layers = "layers",
        /// Each run's small multiples: every hidden layer's histogram at the latest record
        /// (one picture per run).
        Inside = "inside",
        /// Each run's saturated, zero and dead shares per layer over the steps (one picture per
        /// run).
        LayerLines = "layer-lines",
    }
}

impl PanelName {
    /// What a widget shows unless told: the pictures of the composite the SVG export draws.
    pub const DEFAULT: [PanelName; 6] = [
        PanelName::Surface,
        PanelName::Loss,
        PanelName::Accuracy,
        PanelName::GradientFlow,
        PanelName::Dead,
        PanelName::Learned,
    ];
}
