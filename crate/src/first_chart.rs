//! The first chart's boundary: two calls that draw the curves view a link or a widget's
//! attributes describe, and nothing else. Built alone (`first-chart` without the default
//! `boundary`), the linker keeps only the configuration, the catalogue and the curves chart, so
//! the page fetches this small module first and shows a reader the chart while the
//! whole module, which every other view needs, is still arriving (issue #13).
//!
//! The call answers whether it drew. Anything else (another view, a typed formula, an unusable
//! canvas, a bad language) is `false`, and the whole module, once loaded, draws and words it as
//! always: this module says nothing of its own, so no sentence is written twice.

use crate::canvas::drawing_area;
use crate::config::{split_query, Config};
use crate::render::{Lang, Theme};
use crate::view::View;
use crate::views::curves::Curves;
use crate::views::ViewSpec;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Draws the curves view that `query` (a link's hash, read leniently like the page's
/// `Lab.restore`) describes on `canvas`, whose backing store the caller sized to CSS size ×
/// `dpr`; `false` when the link names another view or the drawing failed.
#[wasm_bindgen(js_name = drawLinkChart)]
pub fn draw_link_chart(
    query: &str,
    canvas: HtmlCanvasElement,
    dpr: f64,
    dark: bool,
    lang: &str,
) -> bool {
    let pairs = split_query(query);
    if gives_formula(pairs.iter().flatten()) {
        return false;
    }
    let (config, _) = Config::parse_lenient_pairs(pairs);
    draw(&config, canvas, dpr, dark, lang)
}

/// Whether a link or widget gives a typed formula: this module reads none (the parser is the
/// whole module's, see `Field for Option<Arc<Formula>>`), and read without it the config would
/// name another activation, so such a chart is left to the whole module.
fn gives_formula<'a>(mut pairs: impl Iterator<Item = &'a (String, String)>) -> bool {
    pairs.any(|(key, value)| {
        Config::key(key).is_ok_and(|row| row.name == "formula") && !value.trim().is_empty()
    })
}

/// Draws the curves view a widget's attributes describe (names and values as the element holds
/// them, like `Lab.fromAttributes`); `false` unless every attribute is valid, since the whole
/// module, which leaves a bad one out with a sentence above the chart, draws what is left.
#[wasm_bindgen(js_name = drawAttributesChart)]
pub fn draw_attributes_chart(
    names: Vec<String>,
    values: Vec<String>,
    canvas: HtmlCanvasElement,
    dpr: f64,
    dark: bool,
    lang: &str,
) -> bool {
    let pairs: Vec<(String, String)> = names.into_iter().zip(values).collect();
    if gives_formula(pairs.iter()) {
        return false;
    }
    match Config::parse_lenient_pairs(pairs.into_iter().map(Ok).collect()) {
        (config, errors) if errors.is_empty() => draw(&config, canvas, dpr, dark, lang),
        _ => false,
    }
}

fn draw(config: &Config, canvas: HtmlCanvasElement, dpr: f64, dark: bool, lang: &str) -> bool {
    if config.view != View::Curves {
        return false;
    }
    let Ok(lang) = Lang::parse(lang) else {
        return false;
    };
    let theme = Theme::new(dpr, dark).with_lang(lang);
    let Ok(area) = drawing_area(canvas) else {
        return false;
    };
    Curves::compute(config)
        .and_then(|curves| Curves::draw(&area, config, &curves, &theme))
        .is_ok()
        && area.present().is_ok()
}
