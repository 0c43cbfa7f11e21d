//! The names a training widget's `panels` key lists: which of the race's pictures it shows. Each
//! name is one of the page's panels ([`Panel`]); `surface` stands for every run's decision surface.

use super::Panel;

crate::named! {
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

    /// The page's panel this name draws; `None` for the pictures drawn once per run.
    pub fn chart(self) -> Option<Panel> {
        match self {
            PanelName::Surface | PanelName::Inside | PanelName::LayerLines => None,
            PanelName::Loss => Some(Panel::Loss),
            PanelName::Accuracy => Some(Panel::Accuracy),
            PanelName::GradientFlow => Some(Panel::GradientFlow),
            PanelName::Dead => Some(Panel::Dead),
            PanelName::Learned => Some(Panel::Learned),
            PanelName::Layers => Some(Panel::Distributions),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chart name is the name the page's `drawPanel` reads, so a widget and the page draw
    /// the same picture for it.
    #[test]
    fn chart_names_are_the_page_panel_names() {
        for name in PanelName::ALL {
            if let Some(panel) = name.chart() {
                assert_eq!(panel.name(), name.name());
                assert_eq!(Panel::from_name(name.name()), Some(panel));
            }
        }
    }
}
