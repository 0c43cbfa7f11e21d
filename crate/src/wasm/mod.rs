//! The `wasm-bindgen` boundary: one opaque [`Lab`] handle per chart, small copied results, and
//! `Result<_, JsError>` carrying the core's sentence, code and fields (`error.rs`). This module is the only place that names
//! `wasm_bindgen` or `web_sys`; it holds no logic the native tests cannot reach.

mod canvas;
mod error;
mod layers_pool;
mod train;

pub use layers_pool::{LayersMerge, LayersShard, NetworkShard};
pub use train::Race;

use self::error::{internal, js};
use crate::activation::Kind;
use crate::config::{Config, View, KEYS};
use crate::error::Error;
use crate::render::{self, Lang, Theme};
use crate::train::snapshot::RaceSnapshot;
use crate::train::{report, Trainer};
use crate::{layers, readout, softmax};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Runs once when the module loads: panics print their Rust message to the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn to_json<T: Serialize>(value: &T) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| internal(format!("internal: {e}")))
}

/// One lab: a configuration and the views drawn from it. Each chart on a page has its own.
#[wasm_bindgen]
pub struct Lab {
    config: Config,
    warnings: Vec<Error>,
    lang: Lang,
    /// The train view's finished race and the query it was trained for: the widget draws it,
    /// lists its numbers and exports it, and a race is worth training once, not per call.
    finished_race: Option<FinishedRace>,
}

/// A race trained to its `steps`: the snapshot the charts and the SVG draw, and the runs the
/// CSV and JSON reports read.
struct FinishedRace {
    query: String,
    runs: Vec<Trainer>,
    snapshot: RaceSnapshot,
}

impl FinishedRace {
    /// `config`'s race from `cache`, trained (and the cache filled) only when the config changed
    /// since. A function of the two fields, not a method of the lab, so the caller can read the
    /// config while holding the race.
    fn of<'a>(
        config: &Config,
        cache: &'a mut Option<FinishedRace>,
    ) -> Result<&'a FinishedRace, JsError> {
        let query = config.to_query();
        let race = match cache.take() {
            Some(race) if race.query == query => race,
            _ => {
                let mut runs = crate::train::race(config).map_err(js)?;
                let snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
                FinishedRace {
                    query,
                    runs,
                    snapshot,
                }
            }
        };
        Ok(cache.insert(race))
    }
}

/// A selected activation's card: the facts and formulas the page shows beside the chart.
#[derive(Serialize)]
struct Card {
    name: &'static str,
    summary: &'static str,
    formula: &'static str,
    derivative_formula: &'static str,
    properties: crate::activation::properties::Properties,
    /// Korean texts and the citation, beside the English fields.
    #[serde(flatten)]
    texts: crate::activation::entry::CardTexts,
}

#[wasm_bindgen]
impl Lab {
    /// Parses a query strictly (`activation=tanh&x-max=8`); a bad pair is an error.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Lab, JsError> {
        Ok(Lab {
            config: Config::parse(query).map_err(js)?,
            warnings: Vec::new(),
            lang: Lang::En,
            finished_race: None,
        })
    }

    /// Opens whatever part of a query is valid (a shared link with one typo still opens);
    /// `warnings()` says what was left out.
    pub fn restore(query: &str) -> Lab {
        let (config, errors) = Config::parse_lenient(query);
        Lab {
            config,
            warnings: errors,
            lang: Lang::En,
            finished_race: None,
        }
    }

    /// Why `restore` left parts of the query out: one JS `Error` each, with the English
    /// sentence as `message` and the same `code` and `fields` a thrown error carries.
    pub fn warnings(&self) -> Vec<JsValue> {
        self.warnings.iter().cloned().map(error::value).collect()
    }

    /// One error of every code the core can produce, and of every form of its sentence, as the
    /// same JS `Error` objects the other calls throw: the page's translation test reads them.
    #[wasm_bindgen(js_name = errorExamples)]
    pub fn error_examples() -> Vec<JsValue> {
        Error::examples().into_iter().map(error::value).collect()
    }

    /// The language of the words drawn inside the charts and exports (`en` or `ko`; English
    /// until set). An unknown code is an error and the language stays as it was.
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&mut self, lang: &str) -> Result<(), JsError> {
        self.lang = Lang::parse(lang).map_err(js)?;
        Ok(())
    }

    fn theme(&self, dpr: f64, dark: bool) -> Theme {
        Theme::new(dpr, dark).with_lang(self.lang)
    }

    /// Sets one key; on error the lab keeps its previous state.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        self.config.set(key, value).map_err(js)
    }

    /// A key's current value as text (`""` for an unset activation parameter).
    pub fn get(&self, key: &str) -> Result<String, JsError> {
        self.config.get(key).map_err(js)
    }

    /// The canonical query of the current state: only keys that differ from the defaults.
    pub fn query(&self) -> String {
        self.config.to_query()
    }

    /// The current view's name.
    pub fn view(&self) -> String {
        self.config.view.name().to_string()
    }

    /// Draws the current view on `canvas` (whose backing store the caller sized to CSS size ×
    /// `dpr`) and returns the plotting area `[left, right, top, bottom]` in canvas pixels.
    pub fn draw(
        &mut self,
        canvas: HtmlCanvasElement,
        dpr: f64,
        dark: bool,
    ) -> Result<Box<[f64]>, JsError> {
        let theme = self.theme(dpr, dark);
        let area = canvas::drawing_area(canvas).map_err(js)?;
        match self.config.view {
            View::Curves => {
                let curves = readout::curves(&self.config).map_err(js)?;
                let options = render::curves::CurveOptions {
                    cursor: Some(self.config.at),
                };
                let plot = render::curves::draw(&area, &curves, options, &theme).map_err(js)?;
                area.present().map_err(|e| js(render::drawing_error(e)))?;
                Ok(Box::new([plot.left, plot.right, plot.top, plot.bottom]))
            }
            View::Layers => {
                let snapshot = layers::run(&self.config).map_err(js)?;
                render::layers::draw(&area, &snapshot, self.layer_panel(), &theme).map_err(js)?;
                area.present().map_err(|e| js(render::drawing_error(e)))?;
                Ok(Box::new([]))
            }
            View::Train => {
                // A still picture of the finished race (the widget's form); the page animates
                // the race through `Race` instead.
                let race = &FinishedRace::of(&self.config, &mut self.finished_race)?.snapshot;
                render::train::draw(&area, race, &theme).map_err(js)?;
                area.present().map_err(|e| js(render::drawing_error(e)))?;
                Ok(Box::new([]))
            }
            View::Softmax => {
                let s = self.softmax_numbers();
                render::softmax::draw(&area, &s.probabilities, &s.gradient, s.target, &theme)
                    .map_err(js)?;
                area.present().map_err(|e| js(render::drawing_error(e)))?;
                Ok(Box::new([]))
            }
        }
    }

    fn layer_panel(&self) -> render::layers::Panel {
        self.config.histograms
    }

    /// Runs the layers experiment (one forward and backward pass) and returns its snapshot as
    /// JSON: the page calls this in a worker and hands the result to `drawLayers`.
    pub fn layers(&self) -> Result<String, JsError> {
        to_json(&layers::run(&self.config).map_err(js)?)
    }

    /// Draws the layers view from a snapshot made by `layers()` (in this or another instance).
    #[wasm_bindgen(js_name = drawLayers)]
    pub fn draw_layers(
        &self,
        snapshot: &str,
        canvas: HtmlCanvasElement,
        dpr: f64,
        dark: bool,
    ) -> Result<(), JsError> {
        let snapshot: layers::Snapshot = serde_json::from_str(snapshot)
            .map_err(|e| internal(format!("not a layers snapshot: {e}")))?;
        let area = canvas::drawing_area(canvas).map_err(js)?;
        render::layers::draw(&area, &snapshot, self.layer_panel(), &self.theme(dpr, dark))
            .map_err(js)?;
        area.present().map_err(|e| js(render::drawing_error(e)))
    }

    fn snapshot_arg(snapshot: &str) -> Result<Option<layers::Snapshot>, JsError> {
        if snapshot.is_empty() {
            return Ok(None);
        }
        serde_json::from_str(snapshot)
            .map(Some)
            .map_err(|e| internal(format!("not a layers snapshot: {e}")))
    }

    /// The current view as an SVG document (the same chart code as the canvas). `snapshot` is the
    /// layers view's snapshot JSON, or `""` to compute one.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(
        &mut self,
        snapshot: &str,
        width: u32,
        height: u32,
        dark: bool,
    ) -> Result<String, JsError> {
        let theme = self.theme(1.0, dark);
        if self.config.view == View::Train {
            let race = &FinishedRace::of(&self.config, &mut self.finished_race)?.snapshot;
            return crate::export::train_svg(race, width, height, &theme).map_err(js);
        }
        crate::export::svg(
            &self.config,
            Self::snapshot_arg(snapshot)?,
            width,
            height,
            &theme,
        )
        .map_err(js)
    }

    /// The current view's numbers as CSV, full f64 precision.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&mut self, snapshot: &str) -> Result<String, JsError> {
        if self.config.view == View::Train {
            let race = FinishedRace::of(&self.config, &mut self.finished_race)?;
            return Ok(report::csv(&race.runs));
        }
        crate::export::csv(&self.config, Self::snapshot_arg(snapshot)?).map_err(js)
    }

    /// The current view's numbers as JSON.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&mut self, snapshot: &str) -> Result<String, JsError> {
        if self.config.view == View::Train {
            let race = FinishedRace::of(&self.config, &mut self.finished_race)?;
            return report::json(&self.config, &race.runs).map_err(js);
        }
        crate::export::json(&self.config, Self::snapshot_arg(snapshot)?).map_err(js)
    }

    /// The crosshair readout as JSON: per activation x, f, f', f'', depth and f'(x)^depth.
    pub fn readout(&self) -> Result<String, JsError> {
        to_json(&readout::at_cursor(&self.config).map_err(js)?)
    }

    /// The properties cards of the selected activations, as JSON.
    pub fn cards(&self) -> Result<String, JsError> {
        let cards = self
            .config
            .resolved_activations()
            .map_err(js)?
            .iter()
            .map(|activation| {
                let kind = activation.kind();
                let (formula, derivative_formula) = kind.formulas();
                Card {
                    name: kind.name(),
                    summary: kind.summary(),
                    formula,
                    derivative_formula,
                    properties: activation.properties(),
                    texts: kind.entry().card_texts(),
                }
            })
            .collect::<Vec<_>>();
        to_json(&cards)
    }

    fn softmax_numbers(&self) -> softmax::Readout {
        let c = &self.config;
        softmax::readout(&c.logits, c.temperature, c.target)
    }

    /// The softmax view's numbers as JSON.
    pub fn softmax(&self) -> Result<String, JsError> {
        to_json(&self.softmax_numbers())
    }

    /// Measures f and f' of one activation (with this lab's parameters) over `n` points in
    /// [−10, 10]: the best of `repeats` runs, in nanoseconds per element, in this browser.
    pub fn cost(&self, name: &str, n: u32, repeats: u32) -> Result<f64, JsError> {
        let activation = self.activation_named(name)?;
        let n = n.clamp(1, 4_000_000) as usize;
        let xs: Vec<f64> = (0..n)
            .map(|i| -10.0 + 20.0 * (i as f64) / (n as f64))
            .collect();
        let mut values = vec![0.0; n];
        let mut derivatives = vec![0.0; n];
        let clock = web_sys::window()
            .and_then(|w| w.performance())
            .ok_or_else(|| internal("this page has no performance clock"))?;
        // Browsers coarsen performance.now() (to 100 µs without cross-origin isolation), so a
        // run is repeated until it lasts MIN_RUN_MS; the cheapest functions need ~1 ns/element.
        const MIN_RUN_MS: f64 = 5.0;
        let mut time = |reps: u32| {
            let start = clock.now();
            for _ in 0..reps {
                activation.evaluate_into(&xs, &mut values, &mut derivatives);
            }
            clock.now() - start
        };
        let mut reps = 1u32;
        while reps < 1 << 16 && time(reps) < MIN_RUN_MS {
            reps *= 2;
        }
        let mut best = f64::INFINITY;
        for _ in 0..repeats.clamp(1, 100) {
            best = best.min(time(reps) / f64::from(reps));
        }
        // Read the outputs so the optimiser cannot drop the work.
        if values.iter().chain(&derivatives).any(|v| v.is_nan()) {
            return Err(internal("internal: the benchmark produced NaN"));
        }
        Ok(best * 1e6 / n as f64)
    }

    /// Times this lab's network without statistics, in milliseconds: the best of `repeats`
    /// forward passes and of `repeats` forward + backward passes (`make bench` reads these).
    #[wasm_bindgen(js_name = timeNetwork)]
    pub fn time_network(&self, repeats: u32) -> Result<Box<[f64]>, JsError> {
        let clock = web_sys::window()
            .and_then(|w| w.performance())
            .ok_or_else(|| internal("this page has no performance clock"))?;
        let network =
            crate::network::Network::new(self.config.network_spec().map_err(js)?).map_err(js)?;
        let (mut forward, mut both) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..repeats.clamp(1, 20) {
            let start = clock.now();
            let mut pass = network.forward();
            let forward_done = clock.now();
            network.backward(&mut pass, |_, _| {});
            let end = clock.now();
            forward = forward.min(forward_done - start);
            both = both.min(end - start);
        }
        Ok(Box::new([forward, both]))
    }

    fn activation_named(&self, name: &str) -> Result<crate::activation::Activation, JsError> {
        let kind = Kind::from_name(name).ok_or_else(|| {
            js(Error::UnknownName {
                key: "activation",
                value: name.into(),
                valid: Kind::valid_names(),
            })
        })?;
        self.config.activation(kind).map_err(js)
    }

    /// The parameters one activation would use in this lab (set values, else its defaults), as
    /// a JSON object keyed by config key.
    pub fn params(&self, name: &str) -> Result<String, JsError> {
        let params = self.activation_named(name)?.resolved_params();
        to_json(
            &params
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
    }

    /// The series colours, so the page's swatches match the chart.
    pub fn palette() -> Vec<String> {
        render::PALETTE
            .iter()
            .map(|c| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2))
            .collect()
    }

    /// The key table (name, help, type and bounds, default) as JSON: the page builds its
    /// controls from it.
    pub fn keys() -> Result<String, JsError> {
        to_json(&KEYS.iter().map(|k| k.info()).collect::<Vec<_>>())
    }

    /// The catalogue as JSON: name, summary, parameters and default properties of every kind.
    pub fn catalogue() -> Result<String, JsError> {
        #[derive(Serialize)]
        struct Entry {
            name: &'static str,
            summary: &'static str,
            scalar: bool,
            params: &'static [crate::activation::ParamSpec],
            #[serde(flatten)]
            texts: crate::activation::entry::CardTexts,
        }
        to_json(
            &Kind::ALL
                .iter()
                .map(|k| Entry {
                    name: k.name(),
                    summary: k.summary(),
                    scalar: k.is_scalar(),
                    params: k.params(),
                    texts: k.entry().card_texts(),
                })
                .collect::<Vec<_>>(),
        )
    }
}
