//! The views of the lab, one module each, and the one registry that names them all.
//!
//! A view says three things, in the one file of its module (egui's demos each implement one
//! trait in one file the same way): what it computes from a [`Config`] (a plain snapshot), what
//! numbers it exports (CSV and JSON) and how it draws that snapshot on any plotters
//! `DrawingBackend` (through the chart functions in `render`, which stay functions of data).
//! [`visit`] is the registry: the one `match` from the [`View`] a configuration names to the
//! module that shows it. The wasm boundary and [`crate::export`] reach every view through it,
//! the CLI's command for a view computes, exports and draws through that view's module, and
//! [`catalogue`] tells the page which views exist and what each exports.
//!
//! Adding a view: its name in [`View`] (`crate::view`), its module here implementing
//! [`ViewSpec`], and its line in [`visit`] (the compiler asks for it: the match is exhaustive);
//! the README's "How to add a view" lists the rest (its CLI command and its strings).

pub mod curves;
pub mod layers;
pub mod phase;
pub mod softmax;
pub mod train;

pub use crate::view::View;

use crate::config::Config;
use crate::error::Error;
use crate::render::{PlotArea, Theme};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use serde::Serialize;

crate::names::named! {
    /// A form in which the page offers a view's picture or numbers.
    pub enum Format {
        /// The chart as an SVG document, drawn by the same code as the canvas.
        Svg = "svg",
        /// The chart as a PNG image, drawn on a canvas at twice the resolution.
        Png = "png",
        /// The numbers as comma-separated rows with a header, at full f64 precision.
        Csv = "csv",
        /// The numbers as JSON, at full f64 precision.
        Json = "json",
    }
}

/// Every form: what a view offers unless it says otherwise.
pub const EVERY_FORMAT: &[Format] = &[Format::Svg, Format::Png, Format::Csv, Format::Json];

/// One view of the lab: what it computes, exports and draws. A view is a unit type; its
/// functions take the configuration, so a view holds no state of its own.
pub trait ViewSpec {
    /// The plain data the view draws and exports, computed once from a configuration.
    type Snapshot: 'static;

    /// The name the `view` key gives this view.
    const VIEW: View;

    /// The forms the page offers for this view, in the order of its export menu.
    const FORMATS: &'static [Format] = EVERY_FORMAT;

    /// The keys the view's own panel of controls shows, in order (each gets the control its
    /// kind calls for); keys every view shares, such as the activations, have their own place.
    const CONTROLS: &'static [&'static str] = &[];

    /// Whether the page computes the snapshot elsewhere (on its worker pool) and keeps it in a
    /// handle of the page's module, which draws and exports it.
    const WORKERS: bool = false;

    /// Whether a snapshot is worth keeping while the configuration stays the same: training a
    /// race is, sampling curves is not (keeping them would cost a query per frame).
    const KEEP: bool = false;

    /// Computes the snapshot the configuration describes.
    fn compute(config: &Config) -> Result<Self::Snapshot, Error>;

    /// Draws the snapshot on `area`, filling it; returns the plotting area when the page puts a
    /// crosshair over it.
    fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        config: &Config,
        snapshot: &Self::Snapshot,
        theme: &Theme,
    ) -> Result<Option<PlotArea>, Error>;

    /// The snapshot's numbers as CSV.
    fn csv(config: &Config, snapshot: &Self::Snapshot) -> Result<String, Error>;

    /// The snapshot's numbers as JSON.
    fn json(config: &Config, snapshot: &Self::Snapshot) -> Result<String, Error>;
}

/// Something to do with whichever view a configuration names: [`visit`] calls `visit` with that
/// view's type, so the code inside is written once for every view.
pub trait Visitor {
    /// What the visit returns.
    type Output;

    /// Does the work with view `V`.
    fn visit<V: ViewSpec>(self) -> Self::Output;
}

/// The registry: every view, by the name the configuration gives it.
pub fn visit<T: Visitor>(view: View, visitor: T) -> T::Output {
    match view {
        View::Curves => visitor.visit::<curves::Curves>(),
        View::Softmax => visitor.visit::<softmax::Softmax>(),
        View::Layers => visitor.visit::<layers::Layers>(),
        View::Train => visitor.visit::<train::Train>(),
        View::Phase => visitor.visit::<phase::Phase>(),
    }
}

/// What the page needs to know of a view before showing it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Info {
    /// The `view` key's value.
    pub name: &'static str,
    /// The forms of its export menu.
    pub formats: Vec<&'static str>,
    /// Whether its snapshot is computed on the worker pool and kept in a handle.
    pub workers: bool,
    /// The keys of its panel of controls, in order.
    pub controls: &'static [&'static str],
}

/// The facts [`Info`] lists, read from a view's type.
struct InfoOf;

impl Visitor for InfoOf {
    type Output = Info;

    fn visit<V: ViewSpec>(self) -> Info {
        Info {
            name: V::VIEW.name(),
            formats: V::FORMATS.iter().map(|f| f.name()).collect(),
            workers: V::WORKERS,
            controls: V::CONTROLS,
        }
    }
}

/// One view's facts.
pub fn info(view: View) -> Info {
    visit(view, InfoOf)
}

/// Every view's facts, in the order the page lists its tabs.
pub fn catalogue() -> Vec<Info> {
    View::ALL.iter().map(|&view| info(view)).collect()
}

/// A serialisation failure as the core's error: the exports' JSON never fails in practice
/// (plain numbers and strings), but the error still reaches the caller as a value.
pub(crate) fn json_error(error: serde_json::Error) -> Error {
    Error::Drawing {
        message: format!("JSON: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_is_registered_under_its_own_name() {
        for &view in View::ALL {
            assert_eq!(info(view).name, view.name());
        }
    }
}
