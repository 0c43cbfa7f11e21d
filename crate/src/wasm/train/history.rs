//! The race's history (issue #14): each run keeps a frame of every record in a
//! [`Ring`](crate::train::rewind::Ring) of its share of [`PAGE_BUDGET`]; the page's step slider
//! rewinds every chart to a kept step, and going live shows the present again. Also the charts
//! inside each layer (small multiples of a, ẑ or δ, and the per-layer lines), which draw the
//! record shown: the rewound one or the latest.

use super::{Race, Trainer};
use crate::layers::HistogramSource;
use crate::names::Named;
use crate::render;
use crate::train::rewind::{self, Ring, PAGE_BUDGET};
use crate::train::snapshot::RaceSnapshot;
use crate::wasm::{internal, js, surface, to_json};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// What the race keeps of its past and which of it the charts show.
pub(super) struct History {
    /// One ring per run, in race order.
    rings: Vec<Ring>,
    /// The step the charts are rewound to and the race as it was then; `None` shows the present.
    past: Option<(usize, RaceSnapshot)>,
    /// Which values the small multiples show.
    source: HistogramSource,
}

impl History {
    /// Empty rings for `runs` runs, sharing the page's budget evenly.
    pub(super) fn new(runs: usize) -> History {
        let budget = PAGE_BUDGET / runs.max(1);
        History {
            rings: (0..runs).map(|_| Ring::new(budget)).collect(),
            past: None,
            source: HistogramSource::Activations,
        }
    }

    /// Starts again for `runs` runs (after a rebuild), keeping the chosen values.
    pub(super) fn restart(&mut self, runs: usize) {
        let source = self.source;
        *self = History::new(runs);
        self.source = source;
    }

    /// Shows the present again.
    pub(super) fn forget_past(&mut self) {
        self.past = None;
    }

    /// Runs it keeps rings for.
    pub(super) fn runs(&self) -> usize {
        self.rings.len()
    }

    /// The past the charts show, when rewound.
    pub(super) fn past(&self) -> Option<&RaceSnapshot> {
        self.past.as_ref().map(|(_, race)| race)
    }

    /// The race as the charts should draw it: the past when rewound.
    pub(super) fn shown<'a>(&'a self, live: &'a RaceSnapshot) -> &'a RaceSnapshot {
        self.past.as_ref().map_or(live, |(_, race)| race)
    }

    /// Run `i`'s ring (none past the last run).
    pub(super) fn ring(&mut self, i: usize) -> Option<&mut Ring> {
        self.rings.get_mut(i)
    }

    /// Keeps each run's latest record that its ring does not have yet (a record taken outside
    /// [`rewind::run_keeping`]: step 0, a slow step, the budget's last step).
    pub(super) fn catch_up(&mut self, runs: &mut [Trainer]) {
        for (run, ring) in runs.iter_mut().zip(&mut self.rings) {
            rewind::keep_latest(run, ring);
        }
    }
}

/// The history as the page's slider reads it.
#[derive(Serialize)]
struct Info {
    /// Every kept step of any run, ascending: the slider's positions.
    steps: Vec<usize>,
    /// The step shown, when rewound.
    rewound: Option<usize>,
    /// Bytes the rings hold, and their bound.
    bytes: usize,
    budget: usize,
    /// Frames kept per run.
    frames: Vec<usize>,
}

#[wasm_bindgen]
impl Race {
    /// The history's kept steps, the step shown if rewound, and its memory, as JSON.
    #[wasm_bindgen(js_name = historyInfo)]
    pub fn history_info(&self) -> Result<String, JsError> {
        let rings = &self.history.rings;
        let mut steps: Vec<usize> = rings.iter().flat_map(Ring::steps).collect();
        steps.sort_unstable();
        steps.dedup();
        to_json(&Info {
            steps,
            rewound: self.history.past.as_ref().map(|(s, _)| *s),
            bytes: rings.iter().map(Ring::bytes).sum(),
            budget: rings.iter().map(Ring::budget).sum(),
            frames: rings.iter().map(|r| r.frames().len()).collect(),
        })
    }

    /// Rewinds every chart, the state and the table to `step`: each run as at its latest kept
    /// frame at or before it. Returns the step shown.
    pub fn rewind(&mut self, step: usize) -> Result<usize, JsError> {
        self.refresh(|_| false);
        let live = &self.shot.race;
        let runs = live
            .runs
            .iter()
            .zip(&self.history.rings)
            .zip(&mut self.shot.runs)
            .map(|((run, ring), trainer)| {
                ring.at(step)
                    .map(|frame| rewind::rewound(run, frame, trainer))
                    .ok_or_else(|| internal(format!("no history kept for {}", run.label)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let shown = runs.iter().map(|r| r.steps).max().unwrap_or(0);
        self.history.past = Some((
            step,
            RaceSnapshot {
                target_loss: live.target_loss,
                runs,
            },
        ));
        Ok(shown)
    }

    /// Shows the present again.
    pub fn live(&mut self) {
        self.history.forget_past();
    }

    /// Which values the small multiples show: `activations`, `pre-activations` or `deltas`.
    #[wasm_bindgen(js_name = setInsideValues)]
    pub fn set_inside_values(&mut self, name: &str) -> Result<(), JsError> {
        self.history.source = HistogramSource::from_name(name).map_err(|unknown| {
            js(crate::error::Error::UnknownName {
                key: "histograms",
                value: unknown.value,
                valid: unknown.valid,
            })
        })?;
        Ok(())
    }

    /// Draws run `index`'s small multiples at the record shown.
    #[wasm_bindgen(js_name = drawInside)]
    pub fn draw_inside(
        &mut self,
        canvas: HtmlCanvasElement,
        index: usize,
        dpr: f64,
        dark: bool,
    ) -> Result<(), JsError> {
        let theme = self.theme(dpr, dark);
        self.refresh(|_| false);
        let history = &self.history;
        let ring = super::run_at(&history.rings, index)?;
        let run = super::run_at(&history.shown(&self.shot.race).runs, index)?;
        let frame = match &history.past {
            Some(_) => ring.at(run.steps),
            None => ring.latest(),
        };
        let (layers, step) = frame.map_or((&[][..], run.steps), |f| (&f.layers[..], f.step));
        let area = surface::drawing_area(canvas).map_err(js)?;
        render::train::inside::small_multiples(&area, run, layers, step, history.source, &theme)
            .map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))
    }

    /// Draws run `index`'s saturated, zero and dead shares per layer over the steps shown.
    #[wasm_bindgen(js_name = drawLayerLines)]
    pub fn draw_layer_lines(
        &mut self,
        canvas: HtmlCanvasElement,
        index: usize,
        dpr: f64,
        dark: bool,
    ) -> Result<(), JsError> {
        let theme = self.theme(dpr, dark);
        let race = self.refresh(|_| false);
        let area = surface::drawing_area(canvas).map_err(js)?;
        render::train::inside::layer_lines(&area, race, index, &theme).map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))
    }
}
