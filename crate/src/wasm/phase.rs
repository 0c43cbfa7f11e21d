//! The phase view across the boundary: the page's workers compute the map's theory
//! ([`phase_theory`]) and its cells ([`phase_cells`]) from the query, coarse to fine in the order
//! [`phase_order`] gives; the page puts them in the map's JSON and draws it with
//! `Lab.drawPhase`.

use super::error::{internal, js};
use super::{surface, to_json, Lab};
use crate::config::Config;
use crate::phase::map::{coarse_to_fine, measure_with_theory, Map, Theory};
use crate::phase::theory::point;
use crate::render;
use crate::views::phase::{self, Phase};
use crate::views::ViewSpec;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The most cells one call measures: a worker's reply then comes within a second or two even
/// at the largest size the keys allow.
const MAX_CELLS_PER_CALL: usize = 64;

/// The map of `query` with its critical line, marks and current point, no cell yet (JSON).
#[wasm_bindgen(js_name = phaseTheory)]
pub fn phase_theory(query: &str) -> Result<String, JsError> {
    let config = Config::parse(query).map_err(js)?;
    to_json(&phase::theory(&config).map_err(js)?)
}

/// What decides the map of `query` ([`phase::map_key`]): the page measures a map again only
/// when this changes.
#[wasm_bindgen(js_name = phaseMapKey)]
pub fn phase_map_key(query: &str) -> Result<String, JsError> {
    let config = Config::parse(query).map_err(js)?;
    phase::map_key(&config).map_err(js)
}

/// The cells `indices` of the map of `query`, each with the theory at its centre (JSON list).
#[wasm_bindgen(js_name = phaseCells)]
pub fn phase_cells(query: &str, indices: Vec<u32>) -> Result<String, JsError> {
    let config = Config::parse(query).map_err(js)?;
    let spec = config.phase_spec().map_err(js)?;
    let count = spec.cells * spec.cells;
    if indices.len() > MAX_CELLS_PER_CALL {
        return Err(internal(format!(
            "internal: at most {MAX_CELLS_PER_CALL} cells a call, got {}",
            indices.len()
        )));
    }
    let cells = indices
        .iter()
        .map(|&i| i as usize)
        .filter(|&i| i < count)
        .map(|i| measure_with_theory(&spec, i).map_err(js))
        .collect::<Result<Vec<_>, _>>()?;
    to_json(&cells)
}

/// The order the page measures the cells of `query`'s map in: coarse to fine.
#[wasm_bindgen(js_name = phaseOrder)]
pub fn phase_order(query: &str) -> Result<Vec<u32>, JsError> {
    let config = Config::parse(query).map_err(js)?;
    Ok(coarse_to_fine(config.phase_cells)
        .into_iter()
        .map(|i| i as u32)
        .collect())
}

#[wasm_bindgen]
impl Lab {
    /// The layers view's setting as the phase map marks it: `{"point": [σ_w, σ_b], "theory":
    /// {gain, bias_std, q_star, chi1, xi}}` (JSON; one point, cheap enough for every draw).
    #[wasm_bindgen(js_name = phaseCurrent)]
    pub fn phase_current(&self) -> Result<String, JsError> {
        let spec = self.config.phase_spec().map_err(js)?;
        let (gain, bias_std) = self.config.phase_point();
        let theory = Theory::from(point(&spec.activation, gain, bias_std));
        to_json(&serde_json::json!({ "point": [gain, bias_std], "theory": theory }))
    }

    /// Draws the phase view from a map (`phaseTheory` with the cells measured so far put in);
    /// returns the plotting area `[left, right, top, bottom]` in canvas pixels, with which the
    /// page finds the cell under the pointer.
    #[wasm_bindgen(js_name = drawPhase)]
    pub fn draw_phase(
        &self,
        snapshot: &str,
        canvas: HtmlCanvasElement,
        dpr: f64,
        dark: bool,
    ) -> Result<Box<[f64]>, JsError> {
        let map: Map = serde_json::from_str(snapshot)
            .map_err(|e| internal(format!("not a phase snapshot: {e}")))?;
        let area = surface::drawing_area(canvas).map_err(js)?;
        let plot = Phase::draw(&area, &self.config, &map, &self.theme(dpr, dark)).map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))?;
        Ok(plot.map_or_else(
            || Box::new([]) as Box<[f64]>,
            |p| Box::new([p.left, p.right, p.top, p.bottom]),
        ))
    }
}
