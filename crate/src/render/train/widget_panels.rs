//! What each name of a training widget's `panels` key draws: one of the page's panels
//! ([`Panel`]), or, for `surface`, `inside` and `layer-lines`, a picture per run.

use super::Panel;
use crate::train::PanelName;

impl Panel {
    /// The page's panel a widget's panel name draws; `None` for the pictures drawn once per run.
    pub fn of_widget_panel(name: PanelName) -> Option<Panel> {
        match name {
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
            if let Some(panel) = Panel::of_widget_panel(*name) {
                assert_eq!(panel.name(), name.name());
                assert_eq!(Panel::from_name(name.name()), Some(panel));
            }
        }
    }
}
