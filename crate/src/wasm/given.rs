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
use crate::wire::{from_words, Wire};
use std::borrow::Cow;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// A handle's four jobs on the snapshot its `shown(lab)` gives (view `$view`'s): draw it on a
/// canvas, export it as SVG, CSV or JSON, each with the lab's settings (histograms, language).
macro_rules! given_jobs {
    ($handle:ty, $view:ty) => {
        #[wasm_bindgen]
        impl $handle {
            /// Draws it on `canvas` (backing store CSS size × `dpr`): the plotting area `[left,
            /// right, top, bottom]` in canvas pixels, empty for a view without a crosshair.
            pub fn draw(
                &self,
                lab: &Lab,
                canvas: HtmlCanvasElement,
                dpr: f64,
                dark: bool,
            ) -> Result<Box<[f64]>, JsError> {
                let area = surface::drawing_area(canvas).map_err(js)?;
                let theme = lab.theme(dpr, dark);
                finish::<$view>(&lab.config, &*self.shown(lab)?, &theme, Job::Draw(area))?.plot()
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
                let theme = lab.theme(1.0, dark);
                finish::<$view>(
                    &lab.config,
                    &*self.shown(lab)?,
                    &theme,
                    Job::Svg(width, height),
                )?
                .text()
            }

            /// The numbers as CSV.
            #[wasm_bindgen(js_name = exportCsv)]
            pub fn export_csv(&self, lab: &Lab) -> Result<String, JsError> {
                let theme = lab.theme(1.0, false);
                finish::<$view>(&lab.config, &*self.shown(lab)?, &theme, Job::Csv)?.text()
            }

            /// The numbers as JSON, as the export menu writes them.
            #[wasm_bindgen(js_name = exportJson)]
            pub fn export_json(&self, lab: &Lab) -> Result<String, JsError> {
                let theme = lab.theme(1.0, false);
                finish::<$view>(&lab.config, &*self.shown(lab)?, &theme, Job::Json)?.text()
            }
        }
    };
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
}

impl LayersSnapshot {
    fn shown(&self, _: &Lab) -> Result<Cow<'_, Snapshot>, JsError> {
        Ok(Cow::Borrowed(&self.snapshot))
    }
}

given_jobs!(LayersSnapshot, Layers);

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
}

/// Drawn and exported with its current mark at the lab's setting (the plotting area it draws
/// in is how the page finds the cell under the pointer).
impl PhaseMap {
    fn shown(&self, lab: &Lab) -> Result<Cow<'_, Map>, JsError> {
        phase::marked(&self.map, &lab.config)
            .map(Cow::Owned)
            .map_err(js)
    }
}

given_jobs!(PhaseMap, Phase);
