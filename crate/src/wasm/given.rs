//! Snapshots the page's workers made, kept in the page's module as handles: a layers pass's
//! merged snapshot ([`LayersSnapshot`], from `LayersMerge.finish`) and the phase map as its
//! cells arrive ([`PhaseMap`]). They never cross back into the module as text: reading JSON back
//! was 77 KB of it. A handle draws and exports through the view registry's [`finish`], with the
//! lab's configuration, and gives its numbers to the page's script as JSON.

use super::error::{internal, js};
use super::views::{finish, Job};
use super::{surface, to_json, Lab};
use crate::layers::Snapshot;
use crate::phase::map::{Map, Measured};
use crate::views::layers::Layers;
use crate::views::phase::{self, Phase};
use crate::views::ViewSpec;
use crate::wire::{from_words, Wire};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Draws `snapshot` of view `V` on `canvas` (backing store CSS size × `dpr`): the plotting area
/// `[left, right, top, bottom]` in canvas pixels, empty for a view without a crosshair.
fn draw<V: ViewSpec>(
    lab: &Lab,
    snapshot: &V::Snapshot,
    canvas: HtmlCanvasElement,
    dpr: f64,
    dark: bool,
) -> Result<Box<[f64]>, JsError> {
    let area = surface::drawing_area(canvas).map_err(js)?;
    finish::<V>(
        &lab.config,
        snapshot,
        &lab.theme(dpr, dark),
        Job::Draw(area),
    )?
    .plot()
}

/// Writes `snapshot` of view `V` as `job` asks.
fn export<V: ViewSpec>(
    lab: &Lab,
    snapshot: &V::Snapshot,
    job: Job,
    dark: bool,
) -> Result<String, JsError> {
    finish::<V>(&lab.config, snapshot, &lab.theme(1.0, dark), job)?.text()
}

/// Words from a worker as the value they hold, or the page's internal error naming `what`.
pub(super) fn read<T: Wire>(words: &[u64], what: &str) -> Result<T, JsError> {
    from_words(words).map_err(|e| internal(format!("not {what}: {e}")))
}

/// A layers pass's snapshot, merged on the page.
#[wasm_bindgen]
pub struct LayersSnapshot {
    pub(super) snapshot: Snapshot,
}

/// A snapshot made here (the tests hand over ones no computation gives).
impl From<Snapshot> for LayersSnapshot {
    fn from(snapshot: Snapshot) -> LayersSnapshot {
        LayersSnapshot { snapshot }
    }
}

#[wasm_bindgen]
impl LayersSnapshot {
    /// The snapshot's numbers as JSON (the status line and the tests read them).
    pub fn json(&self) -> Result<String, JsError> {
        to_json(&self.snapshot)
    }

    /// Draws it with `lab`'s settings (histograms, language).
    pub fn draw(
        &self,
        lab: &Lab,
        canvas: HtmlCanvasElement,
        dpr: f64,
        dark: bool,
    ) -> Result<Box<[f64]>, JsError> {
        draw::<Layers>(lab, &self.snapshot, canvas, dpr, dark)
    }

    /// The chart as an SVG document of `width × height` pixels.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(
        &self,
        lab: &Lab,
        width: u32,
        height: u32,
        dark: bool,
    ) -> Result<String, JsError> {
        export::<Layers>(lab, &self.snapshot, Job::Svg(width, height), dark)
    }

    /// The numbers as CSV.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, lab: &Lab) -> Result<String, JsError> {
        export::<Layers>(lab, &self.snapshot, Job::Csv, false)
    }

    /// The numbers as JSON, as the export menu writes them.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self, lab: &Lab) -> Result<String, JsError> {
        export::<Layers>(lab, &self.snapshot, Job::Json, false)
    }
}

/// The phase map on the page: its theory from one worker, then its cells from all of them as
/// they are measured. It is drawn and exported with its current mark at the lab's setting.
#[wasm_bindgen]
pub struct PhaseMap {
    map: Map,
}

#[wasm_bindgen]
impl PhaseMap {
    /// The map from a worker's `phaseTheory` words (no cell measured yet).
    #[wasm_bindgen(constructor)]
    pub fn new(theory: Vec<u64>) -> Result<PhaseMap, JsError> {
        let map: Map = read(&theory, "a phase map")?;
        // The chart walks `cells × cells` places in both lists.
        let places = map.cells.checked_mul(map.cells);
        if places != Some(map.theory.len()) || places != Some(map.measured.len()) {
            return Err(internal(format!(
                "not a phase map: {} and {} places for {} cells a side",
                map.theory.len(),
                map.measured.len(),
                map.cells
            )));
        }
        Ok(PhaseMap { map })
    }

    /// Puts in the cells of a worker's `PhaseCells.words`.
    #[wasm_bindgen(js_name = addCells)]
    pub fn add_cells(&mut self, cells: Vec<u64>) -> Result<(), JsError> {
        let cells: Vec<Measured> = read(&cells, "phase cells")?;
        self.map.fill(cells);
        Ok(())
    }

    /// Draws it with its current mark at `lab`'s setting: the plotting area `[left, right, top,
    /// bottom]` in canvas pixels, with which the page finds the cell under the pointer.
    pub fn draw(
        &self,
        lab: &Lab,
        canvas: HtmlCanvasElement,
        dpr: f64,
        dark: bool,
    ) -> Result<Box<[f64]>, JsError> {
        draw::<Phase>(lab, &self.marked(lab)?, canvas, dpr, dark)
    }

    /// The chart as an SVG document of `width × height` pixels.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(
        &self,
        lab: &Lab,
        width: u32,
        height: u32,
        dark: bool,
    ) -> Result<String, JsError> {
        export::<Phase>(lab, &self.marked(lab)?, Job::Svg(width, height), dark)
    }

    /// The cells measured so far as CSV.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, lab: &Lab) -> Result<String, JsError> {
        export::<Phase>(lab, &self.marked(lab)?, Job::Csv, false)
    }

    /// The map as JSON, as the export menu writes it.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self, lab: &Lab) -> Result<String, JsError> {
        export::<Phase>(lab, &self.marked(lab)?, Job::Json, false)
    }
}

impl PhaseMap {
    fn marked(&self, lab: &Lab) -> Result<Map, JsError> {
        phase::marked(&self.map, &lab.config).map_err(js)
    }
}
