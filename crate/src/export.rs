//! Exports of the current view: the chart as SVG (the same plotters code that draws the canvas)
//! and its numbers as CSV or JSON, each at full f64 precision. The CLI and the page share these.
//!
//! Nothing here knows one view from another: each export asks the registry
//! ([`crate::views::visit`]) for the view the configuration names, computes its snapshot and
//! lets the view write it. A caller that already holds a snapshot (the page's workers made it,
//! or the race is live) hands it to the view's own functions or to [`svg_of`] instead.

use crate::config::Config;
use crate::error::Error;
use crate::render::Theme;
use crate::views::{self, ViewSpec, Visitor};

pub use crate::render::svg::svg_document;

/// What an export writes: the chart at a size, or the numbers.
#[derive(Clone, Copy)]
enum Text<'a> {
    /// The chart, `width × height` pixels, in `theme`.
    Svg(u32, u32, &'a Theme),
    /// The numbers as CSV.
    Csv,
    /// The numbers as JSON.
    Json,
}

/// One export of the view a configuration names, computed afresh.
struct Export<'a> {
    config: &'a Config,
    text: Text<'a>,
}

impl Visitor for Export<'_> {
    type Output = Result<String, Error>;

    fn visit<V: ViewSpec>(self) -> Result<String, Error> {
        let snapshot = V::compute(self.config)?;
        match self.text {
            Text::Svg(width, height, theme) => {
                svg_of::<V>(self.config, &snapshot, width, height, theme)
            }
            Text::Csv => V::csv(self.config, &snapshot),
            Text::Json => V::json(self.config, &snapshot),
        }
    }
}

fn export(config: &Config, text: Text) -> Result<String, Error> {
    views::visit(config.view, Export { config, text })
}

/// The current view's numbers as CSV.
pub fn csv(config: &Config) -> Result<String, Error> {
    export(config, Text::Csv)
}

/// The current view's numbers as JSON.
pub fn json(config: &Config) -> Result<String, Error> {
    export(config, Text::Json)
}

/// The current view as an SVG document of `width × height` pixels.
pub fn svg(config: &Config, width: u32, height: u32, theme: &Theme) -> Result<String, Error> {
    export(config, Text::Svg(width, height, theme))
}

/// View `V`'s `snapshot` as an SVG document of `width × height` pixels: the picture as the
/// snapshot holds it, nothing computed again.
pub fn svg_of<V: ViewSpec>(
    config: &Config,
    snapshot: &V::Snapshot,
    width: u32,
    height: u32,
    theme: &Theme,
) -> Result<String, Error> {
    svg_document(width, height, |area| {
        V::draw(area, config, snapshot, theme).map(|_| ())
    })
}
