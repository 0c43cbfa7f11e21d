//! The phase view across the boundary: the page's workers compute the map's theory
//! ([`phase_theory`]) and its cells ([`phase_cells`]) from the query, coarse to fine in the order
//! [`phase_order`] gives; the page reads them as JSON and puts their words in its
//! [`PhaseMap`](super::given::PhaseMap), which draws them.

use super::error::{internal, js};
use super::to_json;
use crate::config::Config;
use crate::phase::map::{coarse_to_fine, measure_with_theory};
use crate::views::phase;
use crate::wire::{to_words, Wire};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The most cells one call measures: a worker's reply then comes within a second or two even
/// at the largest size the keys allow.
const MAX_CELLS_PER_CALL: usize = 64;

/// A worker's answer, twice: as JSON for the page's script (its readouts and hit tests) and as
/// words for the page's module.
#[wasm_bindgen]
pub struct PhaseReply {
    json: String,
    words: Vec<u64>,
}

impl PhaseReply {
    fn of<T: Serialize + Wire>(value: &T) -> Result<PhaseReply, JsError> {
        Ok(PhaseReply {
            json: to_json(value)?,
            words: to_words(value),
        })
    }
}

#[wasm_bindgen]
impl PhaseReply {
    /// The answer as JSON.
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// The answer as words (handed over once: a second call returns an empty array).
    #[wasm_bindgen(js_name = takeWords)]
    pub fn take_words(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.words)
    }
}

/// The map of `query` with its critical line, marks and current point, no cell yet.
#[wasm_bindgen(js_name = phaseTheory)]
pub fn phase_theory(query: &str) -> Result<PhaseReply, JsError> {
    let config = Config::parse(query).map_err(js)?;
    PhaseReply::of(&phase::theory(&config).map_err(js)?)
}

/// What decides the map of `query` ([`phase::map_key`]): the page measures a map again only
/// when this changes.
#[wasm_bindgen(js_name = phaseMapKey)]
pub fn phase_map_key(query: &str) -> Result<String, JsError> {
    let config = Config::parse(query).map_err(js)?;
    phase::map_key(&config).map_err(js)
}

/// The cells `indices` of the map of `query`, each with the theory at its centre (a list).
#[wasm_bindgen(js_name = phaseCells)]
pub fn phase_cells(query: &str, indices: Vec<u32>) -> Result<PhaseReply, JsError> {
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
    PhaseReply::of(&cells)
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
