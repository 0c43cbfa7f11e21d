//! The `wasm-bindgen` boundary: one opaque [`Lab`] handle per chart, small copied results, and
//! `Result<_, JsError>` carrying the core's sentence, code and fields (`error.rs`). This module is the only place that names
//! `wasm_bindgen` or `web_sys`; it holds no logic the native tests cannot reach.

mod check;
mod error;
mod given;
mod layers_pool;
mod phase;
mod train;
mod views;

pub use check::check_matmul;
pub use given::{LayersSnapshot, PhaseMap};
pub use layers_pool::{LayersMerge, LayersShard, NetworkShard};
pub use phase::{phase_cells, phase_map_key, phase_order, phase_theory, PhaseReply};
pub use train::Race;

use self::error::{internal, js};
use crate::activation::Kind;
use crate::config::{Config, KEYS};
use crate::error::Error;
use crate::pairs::Pairs;
use crate::readout;
use crate::render::{self, Lang, Theme};
use crate::surface;
use crate::views::layers::Layers;
use crate::views::softmax::Softmax;
use crate::views::ViewSpec;
use serde::Serialize;
use views::{Job, Kept, Show};
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
    /// The snapshot of a view worth computing once per configuration (a trained race).
    kept: Option<Kept>,
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
    /// A typed formula's own facts (issue #15).
    #[serde(skip_serializing_if = "Option::is_none")]
    custom: Option<CustomCard>,
}

/// What the card of a typed formula adds: f and f′ typeset, the kinks on the axis and where f
/// stops being finite.
#[derive(Serialize)]
struct CustomCard {
    source: String,
    mathml: String,
    derivative_mathml: Option<String>,
    kinks: Vec<f64>,
    overflow_below: Option<f64>,
    overflow_above: Option<f64>,
}

impl CustomCard {
    fn of(custom: &crate::activation::custom::Custom, x_min: f64, x_max: f64) -> Option<Self> {
        let formula = custom.formula();
        let (mathml, derivative_mathml) =
            crate::activation::formula::mathml::typeset(formula.source()).ok()?;
        let (overflow_below, overflow_above) = custom.overflow();
        Some(CustomCard {
            source: formula.source().to_string(),
            mathml,
            derivative_mathml,
            kinks: formula.kinks(custom.values(), x_min, x_max),
            overflow_below,
            overflow_above,
        })
    }
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
            kept: None,
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
            kept: None,
        }
    }

    /// Opens whatever part of a widget's attributes is valid, like `restore`, from the names
    /// and values as the element holds them (no link limit, no percent-decoding).
    #[wasm_bindgen(js_name = fromAttributes)]
    pub fn from_attributes(names: Vec<String>, values: Vec<String>) -> Lab {
        let pairs = names.into_iter().zip(values).map(Ok).collect();
        let (config, errors) = Config::parse_lenient_pairs(pairs);
        Lab {
            config,
            warnings: errors,
            lang: Lang::En,
            kept: None,
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

    /// Does `job` on the current view, through the view registry.
    fn show(&mut self, job: Job, theme: Theme) -> Result<views::Done, JsError> {
        Show {
            config: &self.config,
            kept: &mut self.kept,
            theme,
            job,
        }
        .run()
    }

    /// The views the lab shows, in the order of the page's tabs, as JSON: each one's `name`
    /// (the `view` key's value), the `formats` of its export menu (`svg`, `png`, `csv`,
    /// `json`) and whether the page computes its snapshot on the `workers` and hands it over.
    pub fn views() -> Result<String, JsError> {
        to_json(&crate::views::catalogue())
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
    /// `dpr`) and returns the plotting area `[left, right, top, bottom]` in canvas pixels (empty
    /// for a view without a crosshair). The train view draws a still picture of the finished
    /// race (the widget's form); the page animates the race through `Race` instead.
    pub fn draw(
        &mut self,
        canvas: HtmlCanvasElement,
        dpr: f64,
        dark: bool,
    ) -> Result<Box<[f64]>, JsError> {
        let theme = self.theme(dpr, dark);
        let area = surface::drawing_area(canvas).map_err(js)?;
        self.show(Job::Draw(area), theme)?.plot()
    }

    /// Runs the layers experiment (one forward and backward pass) here and returns its snapshot
    /// as JSON (the page runs it on its workers: `LayersMerge`).
    pub fn layers(&self) -> Result<String, JsError> {
        to_json(&Layers::compute(&self.config).map_err(js)?)
    }

    /// The current view as an SVG document (the same chart code as the canvas), computed here;
    /// a snapshot the workers made exports through its own handle (`LayersSnapshot`,
    /// `PhaseMap`).
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&mut self, width: u32, height: u32, dark: bool) -> Result<String, JsError> {
        let theme = self.theme(1.0, dark);
        self.show(Job::Svg(width, height), theme)?.text()
    }

    /// The current view's numbers as CSV, full f64 precision.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&mut self) -> Result<String, JsError> {
        let theme = self.theme(1.0, false);
        self.show(Job::Csv, theme)?.text()
    }

    /// The current view's numbers as JSON.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&mut self) -> Result<String, JsError> {
        let theme = self.theme(1.0, false);
        self.show(Job::Json, theme)?.text()
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
                    custom: match activation {
                        crate::activation::Activation::Custom(custom) => {
                            CustomCard::of(custom, self.config.x_min, self.config.x_max)
                        }
                        _ => None,
                    },
                }
            })
            .collect::<Vec<_>>();
        to_json(&cards)
    }

    /// The softmax view's numbers as JSON.
    pub fn softmax(&self) -> Result<String, JsError> {
        to_json(&Softmax::compute(&self.config).map_err(js)?)
    }

    /// Measures f and f' of one activation (with this lab's parameters) over `n` points in
    /// [−10, 10], the native bench's scrambled inputs: the best of `repeats` runs, in
    /// nanoseconds per element, in this browser.
    pub fn cost(&self, name: &str, n: u32, repeats: u32) -> Result<f64, JsError> {
        let activation = self.activation_named(name)?;
        let n = n.clamp(1, 4_000_000) as usize;
        let xs = crate::activation::timing::inputs(n);
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
        let network = crate::mlp::network::Network::new(self.config.network_spec().map_err(js)?)
            .map_err(js)?;
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
        // `custom` before a formula is typed takes no parameters yet.
        if Kind::from_name(name) == Some(Kind::Custom) && self.config.formula.is_none() {
            return Ok("{}".into());
        }
        let params = self.activation_named(name)?.resolved_params();
        to_json(&params.into_iter().collect::<Pairs<_, _>>())
    }

    /// The series colours, so the page's swatches match the chart.
    pub fn palette() -> Vec<String> {
        render::PALETTE
            .iter()
            .map(|c| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2))
            .collect()
    }

    /// Which key each initialiser reads, as JSON `{scheme: key or null}`: the layers view shows
    /// only that key's control.
    #[wasm_bindgen(js_name = initParameters)]
    pub fn init_parameters() -> Result<String, JsError> {
        to_json(
            &crate::init::Scheme::ALL
                .iter()
                .map(|s| (s.name(), s.parameter_key()))
                .collect::<Pairs<_, _>>(),
        )
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
                .chain([Kind::Custom].iter())
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
