//! The curves view: f, f′ (and f″) of the selected activations, sampled on the x grid, with the
//! crosshair at `at`.

use super::{json_error, ViewSpec};
use crate::config::Config;
use crate::error::Error;
use crate::readout::{self, Curve};
use crate::render::svg::svg_document;
use crate::render::{self, PlotArea, Theme};
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The curves view.
pub struct Curves;

impl ViewSpec for Curves {
    type Snapshot = Vec<Curve>;
    const VIEW: View = View::Curves;

    fn compute(config: &Config) -> Result<Vec<Curve>, Error> {
        readout::curves(config)
    }

    fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        config: &Config,
        curves: &Vec<Curve>,
        theme: &Theme,
    ) -> Result<Option<PlotArea>, Error> {
        let options = render::curves::CurveOptions {
            cursor: Some(config.at),
        };
        render::curves::draw(area, curves, options, theme).map(Some)
    }

    fn csv(_: &Config, curves: &Vec<Curve>) -> Result<String, Error> {
        Ok(csv(curves))
    }

    /// The curves with their zones.
    fn json(_: &Config, curves: &Vec<Curve>) -> Result<String, Error> {
        serde_json::to_string(curves).map_err(json_error)
    }
}

/// The curves as `activation,x,y,dy[,d2y]` rows; `{:?}` is Rust's shortest round-trip form.
pub fn csv(curves: &[Curve]) -> String {
    let second = curves.iter().any(|c| c.d2y.is_some());
    let mut text = String::from(if second {
        "activation,x,y,dy,d2y\n"
    } else {
        "activation,x,y,dy\n"
    });
    for curve in curves {
        for (i, ((x, y), dy)) in curve.x.iter().zip(&curve.y).zip(&curve.dy).enumerate() {
            text.push_str(&format!("{},{x:?},{y:?},{dy:?}", curve.activation));
            if let Some(d2y) = curve.d2y.as_ref().and_then(|d2y| d2y.get(i)) {
                text.push_str(&format!(",{d2y:?}"));
            }
            text.push('\n');
        }
    }
    text
}

/// Curves as an SVG document of `width × height` pixels, with the crosshair at `cursor` if any:
/// `actlab curve` samples its own points (`--x`) and shows the crosshair only when asked, so it
/// draws its curves through this rather than through the view's snapshot.
pub fn svg(
    curves: &[Curve],
    cursor: Option<f64>,
    width: u32,
    height: u32,
    theme: &Theme,
) -> Result<String, Error> {
    svg_document(width, height, |area| {
        let options = render::curves::CurveOptions { cursor };
        render::curves::draw(area, curves, options, theme).map(|_| ())
    })
}
