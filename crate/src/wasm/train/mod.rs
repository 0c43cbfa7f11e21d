//! The training view's handle: a [`Race`] keeps its runs between animation frames, so the page
//! steps them a few at a time and redraws. Like [`super::Lab`], it takes the config as a query
//! and answers with small JSON or a drawing.
//!
//! The charts draw a [`RaceSnapshot`] kept beside the runs, not the runs: after a step only the
//! new records are copied into it, and a run's decision surface is evaluated again only when that
//! surface is drawn, so a frame that draws one picture evaluates at most one network.
//!
//! Each capability of the race beyond stepping and drawing (the slow step, the history, the widget's
//! panels) lives in its own child module with its own `impl Race` block, so they change apart.

use super::{internal, js, surface, to_json};
use crate::activation::Text;
use crate::config::{Config, View};
use crate::error::Error;
use crate::render::{self, Lang, Theme};
use crate::surface::Surface;
use crate::train::snapshot::{RaceSnapshot, RunSnapshot};
use crate::train::{TrainSpec, Trainer};
use crate::views::train::{Train, TrainSnapshot};
use crate::views::ViewSpec;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

mod history;
mod slow_step;

/// Several runs trained side by side on the same data and seed (one run when the config
/// names a single activation or `layer-activations`).
#[wasm_bindgen]
pub struct Race {
    config: Config,
    lang: Lang,
    /// The runs, and what the charts draw: the runs as plain data, brought up to date before
    /// each drawing (the training view's snapshot, so its exports are the view's own).
    shot: TrainSnapshot,
    /// Per run, whether its network changed since its surface in `snapshot` was evaluated.
    stale_surfaces: Vec<bool>,
    /// The last step taken slowly, and the run that took it (none after a rebuild).
    slow: Option<(usize, crate::train::slow::SlowStep)>,
    /// Each run's kept records, and the step the charts are rewound to (issue #14).
    history: history::History,
}

/// One run's latest numbers, for the page's status line and results table.
#[derive(Serialize)]
struct RunState<'a> {
    label: &'a str,
    steps: usize,
    finished: bool,
    train_loss: Option<f64>,
    test_loss: Option<f64>,
    train_accuracy: Option<f64>,
    test_accuracy: Option<f64>,
    dead_fraction: Option<&'a [f64]>,
    /// Each hidden layer's distribution at the latest record (issue #14).
    layers: Option<&'a [crate::train::inspect::LayerRecord]>,
    learned: Vec<(String, f64)>,
    steps_to_target: Option<usize>,
    diverged_at: Option<usize>,
    divergence: Option<String>,
}

#[derive(Serialize)]
struct State<'a> {
    /// The step shown when the history is rewound (the furthest run's), else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    rewound: Option<usize>,
    head: &'static str,
    head_ko: &'static str,
    target_loss: f64,
    max_steps: usize,
    runs: Vec<RunState<'a>>,
}

/// The furthest run's step among `runs`.
fn runs_steps(runs: &[RunState<'_>]) -> usize {
    runs.iter().map(|r| r.steps).max().unwrap_or(0)
}

fn train_config(query: &str) -> Result<Config, Error> {
    let mut config = Config::parse(query)?;
    config.view = View::Train;
    Ok(config)
}

fn build(config: &Config) -> Result<Vec<Trainer>, Error> {
    config
        .train_specs()?
        .into_iter()
        // Each record keeps a, ẑ and δ's histograms for the history to take.
        .map(|spec| Trainer::watched(spec, true))
        .collect()
}

/// Run `index` of a race's `runs` (a trainer, a snapshot or a ring), or the sentence a call
/// with a run the race does not have gets.
fn run_at<T>(runs: &[T], index: usize) -> Result<&T, JsError> {
    runs.get(index)
        .ok_or_else(|| internal(format!("no run {index} in this race")))
}

/// The canvas's 2-D context.
fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, Error> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or(Error::CanvasUnavailable)
}

/// Puts RGBA `pixels` on the canvas with their top left at `rect`'s (`width` pixels a row).
fn put_pixels(
    context: &CanvasRenderingContext2d,
    rect: &render::train::PlotRect,
    pixels: &[u8],
    width: u32,
) -> Result<(), Error> {
    let rows = (pixels.len() / 4 / width.max(1) as usize) as u32;
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(pixels), width, rows)
        .map_err(|_| Error::CanvasUnavailable)?;
    context
        .put_image_data(&image, rect.left.round(), rect.top.round())
        .map_err(|_| Error::CanvasUnavailable)
}

/// Draws the gradient-flow chart with each run's heatmap put as one image.
fn draw_flow(
    canvas: &HtmlCanvasElement,
    area: &DrawingArea<Surface<'static>, Shift>,
    race: &RaceSnapshot,
    theme: &Theme,
) -> Result<(), Error> {
    use render::train::flow::{self, Cells};
    let context = context_2d(canvas)?;
    let mut blit = |rect: &render::train::PlotRect, run: &RunSnapshot, scale: &flow::FlowScale| {
        let width = (rect.right - rect.left).round().max(1.0) as u32;
        let height = (rect.bottom - rect.top).round().max(1.0) as u32;
        let pixels = flow::flow_rgba(run, scale, (width, height), theme);
        put_pixels(&context, rect, &pixels, width)
    };
    flow::draw_cells(area, race, theme, Cells::Image(&mut blit)).map(|_| ())
}

/// Puts `run`'s surface with its points on `area` as one image at the plot area
/// [`render::train::surface_rect`] gives, then draws the chart's frame, axes and title round it.
fn blit_surface(
    context: &CanvasRenderingContext2d,
    area: &DrawingArea<Surface<'static>, Shift>,
    run: &RunSnapshot,
    theme: &Theme,
    dark: bool,
) -> Result<(), Error> {
    let rect = render::train::surface_rect(area, theme);
    let width = (rect.right - rect.left).round().max(1.0) as u32;
    let height = (rect.bottom - rect.top).round().max(1.0) as u32;
    let mut pixels = render::train::surface_rgba(&run.surface, width, height, dark);
    render::train::stamp_points(&mut pixels, width, height, run, theme);
    put_pixels(context, &rect, &pixels, width)?;
    render::train::draw_surface(
        area,
        run,
        render::train::SurfaceFill::ImageWithPoints,
        theme,
    )
    .map(|_| ())
}

#[wasm_bindgen]
impl Race {
    /// Builds the runs a query describes (strictly parsed; the view is taken to be `train`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Race, JsError> {
        let config = train_config(query).map_err(js)?;
        let shot = TrainSnapshot::of(build(&config).map_err(js)?, config.target_loss);
        let stale_surfaces = vec![false; shot.runs.len()];
        let history = history::History::new(shot.runs.len());
        Ok(Race {
            config,
            lang: Lang::En,
            shot,
            stale_surfaces,
            slow: None,
            history,
        })
    }

    /// The language of the words drawn inside the charts and the SVG export (`en` or `ko`;
    /// English until set). An unknown code is an error and the language stays as it was.
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&mut self, lang: &str) -> Result<(), JsError> {
        self.lang = Lang::parse(lang).map_err(js)?;
        Ok(())
    }

    fn theme(&self, dpr: f64, dark: bool) -> Theme {
        Theme::new(dpr, dark).with_lang(self.lang)
    }

    /// Takes the snapshot afresh after the runs were rebuilt or reconfigured (their number, data,
    /// networks or the target may all have changed).
    fn retake(&mut self, kept: bool) {
        self.history.forget_past();
        if !kept || self.history.runs() != self.shot.runs.len() {
            self.history.restart(self.shot.runs.len());
        }
        let runs = std::mem::take(&mut self.shot.runs);
        self.shot = TrainSnapshot::of(runs, self.config.target_loss);
        self.stale_surfaces = vec![false; self.shot.runs.len()];
        self.slow = None;
    }

    /// Brings the snapshot up to the runs: every run's records, and the surfaces of the runs
    /// `surface` selects whose networks changed since theirs was evaluated.
    fn refresh(&mut self, surface: impl Fn(usize) -> bool) -> &RaceSnapshot {
        self.history.catch_up(&mut self.shot.runs);
        let runs = self.shot.runs.iter_mut().zip(&mut self.shot.race.runs);
        for (i, ((run, shot), stale)) in runs.zip(&mut self.stale_surfaces).enumerate() {
            shot.update_records(run);
            if *stale && surface(i) {
                shot.update_surface(run);
                *stale = false;
            }
        }
        self.history.shown(&self.shot.race)
    }

    /// Adopts a new query. Runs continue where only the learning rate, optimiser, batch size,
    /// weight decay, the step budget, or a run's fixed activation (or its parameters) changed;
    /// otherwise the race restarts. Returns whether the runs were kept.
    pub fn configure(&mut self, query: &str) -> Result<bool, JsError> {
        let config = train_config(query).map_err(js)?;
        let specs = config.train_specs().map_err(js)?;
        let kept = self.adopt(config, specs);
        // The snapshot follows the runs whatever happened, even when a later run failed to
        // adapt after earlier ones had.
        self.retake(matches!(kept, Ok(true)));
        kept.map_err(js)
    }

    /// Carries each run over to its new spec, or rebuilds the race; returns whether the runs
    /// were kept.
    fn adopt(&mut self, config: Config, specs: Vec<TrainSpec>) -> Result<bool, Error> {
        // Runs are matched by position: the same number of racers can each carry on (a run's
        // fixed activation may change under it, e.g. tanh → relu mid-training).
        let same_racers = specs.len() == self.shot.runs.len();
        let mut kept = same_racers;
        if same_racers {
            for (run, spec) in self.shot.runs.iter_mut().zip(specs) {
                kept &= run.adapt(spec)?;
            }
        }
        if !kept {
            self.shot.runs = build(&config)?;
        }
        self.config = config;
        Ok(kept)
    }

    /// Starts every run again from step 0 (same data and initial weights).
    pub fn reset(&mut self) -> Result<(), JsError> {
        self.shot.runs = build(&self.config).map_err(js)?;
        self.retake(false);
        Ok(())
    }

    /// Trains each run up to `count` more steps (never past `steps`), recording every
    /// `record-every` steps. Returns whether any run can still go on.
    pub fn step(&mut self, count: u32) -> bool {
        let (limit, every) = (self.config.steps, self.config.record_every);
        self.history.forget_past();
        // Step 0 (or a record taken since) goes into the history before the race moves on.
        self.history.catch_up(&mut self.shot.runs);
        let runs = self.shot.runs.iter_mut().zip(&mut self.stale_surfaces);
        for (i, (run, stale)) in runs.enumerate() {
            let before = run.steps;
            let todo = (count as usize).min(limit.saturating_sub(run.steps));
            // In stretches that end at each record, each kept with its surface (issue #14).
            match self.history.ring(i) {
                Some(ring) => crate::train::rewind::run_keeping(run, todo, every, ring),
                None => run.run(todo, every),
            }
            // The last step of the budget is always on the record, whatever record-every says.
            slow_step::close_budget(run, limit);
            *stale |= run.steps != before;
        }
        !self.finished()
    }

    /// Whether every run has diverged or used its step budget.
    pub fn finished(&self) -> bool {
        self.shot
            .runs
            .iter()
            .all(|r| r.diverged_at.is_some() || r.steps >= self.config.steps)
    }

    /// Steps taken by the furthest run.
    pub fn steps(&self) -> usize {
        self.shot.runs.iter().map(|r| r.steps).max().unwrap_or(0)
    }

    /// Each run's latest record and status, as JSON.
    pub fn state(&self) -> Result<String, JsError> {
        let target = self.config.target_loss;
        // Rewound, each run's numbers are as at the step shown (issue #14).
        let past = self.history.past();
        let runs: Vec<RunState<'_>> = self
            .shot
            .runs
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let then = past.and_then(|p| p.runs.get(i));
                let h = then.map_or(&run.history, |p| &p.history);
                let steps = then.map_or(run.steps, |p| p.steps);
                let diverged_at = then.map_or(run.diverged_at, |p| p.diverged_at);
                RunState {
                    label: &run.spec.label,
                    steps,
                    finished: diverged_at.is_some() || steps >= self.config.steps,
                    train_loss: h.train_loss.last().copied(),
                    test_loss: h.test_loss.last().copied(),
                    train_accuracy: h.train_accuracy.last().copied().flatten(),
                    test_accuracy: h.test_accuracy.last().copied().flatten(),
                    dead_fraction: h.dead_fraction.last().map(Vec::as_slice),
                    layers: h.layers.last().map(Vec::as_slice),
                    learned: h
                        .learned
                        .iter()
                        .filter_map(|s| {
                            let name = format!("layer {} {}", s.layer, s.name);
                            s.values.last().map(|v| (name, *v))
                        })
                        .collect(),
                    steps_to_target: h.steps_to(target),
                    diverged_at,
                    divergence: diverged_at.and_then(|_| run.divergence()),
                }
            })
            .collect();
        let head = self
            .shot
            .runs
            .first()
            .map_or(Text { en: "", ko: "" }, |r| r.data.task.head_text());
        to_json(&State {
            rewound: self.history.past().map(|_| runs_steps(&runs)),
            head: head.en,
            head_ko: head.ko,
            target_loss: target,
            max_steps: self.config.steps,
            runs,
        })
    }

    /// Draws run `index`'s decision surface: the heatmap and the points are computed into one
    /// pixel buffer from the snapshot and put on the canvas in one call; the axes and title are
    /// drawn around it.
    #[wasm_bindgen(js_name = drawSurface)]
    pub fn draw_surface(
        &mut self,
        canvas: HtmlCanvasElement,
        index: usize,
        dpr: f64,
        dark: bool,
    ) -> Result<(), JsError> {
        let theme = self.theme(dpr, dark);
        let run = run_at(&self.refresh(|i| i == index).runs, index)?;
        let context = context_2d(&canvas).map_err(js)?;
        let area = surface::drawing_area(canvas).map_err(js)?;
        blit_surface(&context, &area, run, &theme, dark).map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))
    }

    /// Evaluates the next run's decision surface that is out of date, if any, and returns
    /// whether it did: a widget calls it once a frame until it returns false, so the drawing
    /// that follows evaluates no network and one frame evaluates at most one.
    #[wasm_bindgen(js_name = prepareSurface)]
    pub fn prepare_surface(&mut self) -> bool {
        let Some(next) = self.stale_surfaces.iter().position(|stale| *stale) else {
            return false;
        };
        self.refresh(|i| i == next);
        true
    }

    /// Draws one chart: `loss`, `accuracy`, `gradient-flow`, `dead` or `learned`.
    #[wasm_bindgen(js_name = drawPanel)]
    pub fn draw_panel(
        &mut self,
        canvas: HtmlCanvasElement,
        panel: &str,
        dpr: f64,
        dark: bool,
    ) -> Result<(), JsError> {
        let panel = render::train::Panel::from_name(panel)
            .ok_or_else(|| internal(format!("unknown training chart \"{panel}\"")))?;
        let theme = self.theme(dpr, dark);
        let context_canvas = canvas.clone();
        let area = surface::drawing_area(canvas).map_err(js)?;
        // A chart panel reads only records; a surface panel's image comes from drawSurface.
        let race = self.refresh(|_| false);
        if panel == render::train::Panel::GradientFlow {
            draw_flow(&context_canvas, &area, race, &theme).map_err(js)?;
        } else {
            render::train::draw_panel(&area, race, panel, &theme).map_err(js)?;
        }
        area.present().map_err(|e| js(render::drawing_error(e)))
    }

    /// The whole view in one drawing (every surface and chart): the widget's picture of the
    /// finished race and the PNG export. Each surface is one image, as on the page, not a
    /// rectangle per cell and a circle per point.
    pub fn draw(&mut self, canvas: HtmlCanvasElement, dpr: f64, dark: bool) -> Result<(), JsError> {
        let theme = self.theme(dpr, dark);
        let context = context_2d(&canvas).map_err(js)?;
        let area = surface::drawing_area(canvas).map_err(js)?;
        let race = self.refresh(|_| true);
        render::train::draw_with(&area, race, &theme, |cell, run| {
            blit_surface(&context, cell, run, &theme, dark)
        })
        .map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))
    }

    /// The names of the page's charts beside its surfaces, in order, as JSON (each has its
    /// canvas `train-<name>` in index.html): the view's panels drawn once for the race.
    pub fn panels() -> Result<String, JsError> {
        let names: Vec<String> = Train::panels()
            .iter()
            .filter_map(|name| render::train::Panel::of_widget_panel(*name))
            .map(|panel| panel.name())
            .collect();
        to_json(&names)
    }

    /// The lesson presets (id, query, title, claim) as JSON.
    pub fn presets() -> Result<String, JsError> {
        to_json(&crate::train::presets::PRESETS)
    }

    /// Every record of every run as CSV.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> Result<String, JsError> {
        Train::csv(&self.config, &self.shot).map_err(js)
    }

    /// The config and every run's records as JSON (the shape `actlab train` prints).
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> Result<String, JsError> {
        Train::json(&self.config, &self.shot).map_err(js)
    }

    /// The whole view as SVG, from the runs as they are now (not retrained).
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&mut self, width: u32, height: u32, dark: bool) -> Result<String, JsError> {
        let theme = self.theme(1.0, dark);
        self.refresh(|_| true);
        crate::export::svg_of::<Train>(&self.config, &self.shot, width, height, &theme).map_err(js)
    }
}
