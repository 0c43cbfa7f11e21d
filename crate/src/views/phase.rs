//! The phase view: the (σ_w, σ_b) plane of a deep network's initialisation, coloured by the
//! measured change of the gradient through the network, under the mean-field theory's critical
//! line χ₁ = 1. The page measures the cells on its worker pool and puts them in a map it keeps
//! in a handle, marked at the current setting whenever it is drawn or exported ([`marked`]).

use super::{json_error, ViewSpec};
use crate::config::Config;
use crate::error::Error;
use crate::phase::map::{coarse_to_fine, measure_with_theory, theory_map, Map};
use crate::render::{self, PlotArea, Theme};
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The phase view.
pub struct Phase;

/// The theory of the map the configuration describes, no cell measured.
pub fn theory(config: &Config) -> Result<Map, Error> {
    theory_map(&config.phase_spec()?, config.phase_point())
}

/// `map` with its current mark at the setting `config` gives (the layers view's gain and σ_b):
/// the page keeps a map's cells while only that mark moves.
pub fn marked(map: &Map, config: &Config) -> Result<Map, Error> {
    let spec = config.phase_spec()?;
    let mut map = map.clone();
    map.mark_current(&spec.activation, config.phase_point());
    Ok(map)
}

/// What decides the measured map, as a text equal for two configurations exactly when their
/// maps are the same: a change of any other key (the layers view's init or width, the gain or
/// bias of the current point) moves only the map's "current" mark, so the page keeps the cells.
pub fn map_key(config: &Config) -> Result<String, Error> {
    Ok(format!("{:?}", config.phase_spec()?))
}

impl ViewSpec for Phase {
    type Snapshot = Map;
    const VIEW: View = View::Phase;
    const WORKERS: bool = true;
    const CONTROLS: &'static [&'static str] = &[
        "activation",
        "bias-std",
        "gain",
        "phase-depth",
        "phase-width",
        "phase-batch",
        "phase-cells",
    ];

    /// The theory and every cell measured here, one after another (the CLI and the exports
    /// without a page).
    fn compute(config: &Config) -> Result<Map, Error> {
        let spec = config.phase_spec()?;
        let mut map = theory_map(&spec, config.phase_point())?;
        let cells = coarse_to_fine(spec.cells)
            .into_iter()
            .map(|index| measure_with_theory(&spec, index))
            .collect::<Result<Vec<_>, Error>>()?;
        map.fill(cells);
        Ok(map)
    }

    fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        _: &Config,
        map: &Map,
        theme: &Theme,
    ) -> Result<Option<PlotArea>, Error> {
        render::phase::draw(area, map, theme)
    }

    /// One row per cell: its place, the theory there and what was measured.
    fn csv(_: &Config, map: &Map) -> Result<String, Error> {
        let mut text = String::from(
            "gain,bias_std,q_star,chi1,xi,measured_log10_delta_ratio,measured_log10_weight_gradient_ratio\n",
        );
        let show = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:?}"));
        // Only computed cells: the page exports a map still filling in as far as it got.
        for (theory, cell) in map.theory.iter().zip(&map.measured) {
            let Some(theory) = theory else { continue };
            text.push_str(&format!(
                "{:?},{:?},{:?},{:?},{:?},{},{}\n",
                theory.gain,
                theory.bias_std,
                theory.q_star,
                theory.chi1,
                theory.xi,
                show(cell.and_then(|c| c.log_ratio)),
                show(cell.and_then(|c| c.weight_log_ratio)),
            ));
        }
        Ok(text)
    }

    fn json(_: &Config, map: &Map) -> Result<String, Error> {
        serde_json::to_string(map).map_err(json_error)
    }
}
