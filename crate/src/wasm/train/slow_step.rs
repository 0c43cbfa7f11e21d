//! One training step in slow motion (issue #14): the page asks a run to take its next step
//! slowly, then draws it stage by stage while the reader moves through the stages.

use super::{Race, Trainer};
use crate::render;
use crate::train::slow::{SlowStep, Stage};
use crate::wasm::{internal, js, surface, to_json};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// What the page reads of a slow step: the step and its stages in order.
#[derive(Serialize)]
struct Slow<'a> {
    run: usize,
    #[serde(flatten)]
    step: &'a SlowStep,
    stages: Vec<Stage>,
}

#[wasm_bindgen]
impl Race {
    /// Takes the next step slowly in run `index` and plainly in every other run (the race stays
    /// in step), and returns the slow step as JSON; `undefined` when that run cannot step (it
    /// diverged or used its step budget).
    #[wasm_bindgen(js_name = stepSlowly)]
    pub fn step_slowly(&mut self, index: usize) -> Result<Option<String>, JsError> {
        let (limit, every) = (self.config.steps, self.config.record_every);
        let run = super::run_at(&self.shot.runs, index)?;
        if run.diverged_at.is_some() || run.steps >= limit {
            return Ok(None);
        }
        let mut slow = None;
        // Back to the present, with any record not yet in the history kept first, as a plain
        // step does.
        self.history.forget_past();
        self.history.catch_up(&mut self.shot.runs);
        let runs = self.shot.runs.iter_mut().zip(&mut self.stale_surfaces);
        for (i, (run, stale)) in runs.enumerate() {
            if run.steps >= limit {
                continue;
            }
            if i == index {
                slow = run.step_slowly(every);
            } else {
                run.run(1, every);
            }
            close_budget(run, limit);
            *stale = true;
        }
        // One step each, so a record it made is the latest and its network is the one kept.
        self.history.catch_up(&mut self.shot.runs);
        self.slow = slow.map(|step| (index, step));
        self.slow_json().map(Some)
    }

    /// Draws the slow step as it stands after stage `at` (0-based; past the last shows all).
    #[wasm_bindgen(js_name = drawSlowStep)]
    pub fn draw_slow_step(
        &self,
        canvas: HtmlCanvasElement,
        at: usize,
        dpr: f64,
        dark: bool,
    ) -> Result<(), JsError> {
        let (index, step) = self
            .slow
            .as_ref()
            .ok_or_else(|| internal("no slow step to draw"))?;
        let theme = self.theme(dpr, dark);
        let area = surface::drawing_area(canvas).map_err(js)?;
        render::train::slow_step::draw(&area, step, at, *index, &theme).map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))
    }
}

impl Race {
    fn slow_json(&self) -> Result<String, JsError> {
        let (run, step) = self
            .slow
            .as_ref()
            .ok_or_else(|| internal("the run took no step"))?;
        to_json(&Slow {
            run: *run,
            step,
            stages: step.stages(),
        })
    }
}

/// The last step of the budget is always on the record, whatever record-every says.
pub(super) fn close_budget(run: &mut Trainer, limit: usize) {
    if run.steps == limit && run.history.steps.last() != Some(&limit) {
        run.record();
    }
}
