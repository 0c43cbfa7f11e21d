//! An SVG document of a chart: what the CLI writes and the page exports, drawn by the same chart
//! code as the canvas.

use crate::error::Error;
use crate::render::drawing_error;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_svg::SVGBackend;

/// The backend an SVG export draws on. In the whole wasm module it is the canvas's backend type
/// too, so each chart is compiled into the module once rather than once per backend.
#[cfg(not(all(target_arch = "wasm32", feature = "boundary")))]
pub type SvgBackend<'a> = SVGBackend<'a>;
/// The backend an SVG export draws on: the canvas's too (see `crate::surface`).
#[cfg(all(target_arch = "wasm32", feature = "boundary"))]
pub type SvgBackend<'a> = crate::surface::Surface<'a>;

#[cfg(not(all(target_arch = "wasm32", feature = "boundary")))]
fn svg_backend(text: &mut String, size: (u32, u32)) -> SvgBackend<'_> {
    SVGBackend::with_string(text, size)
}
#[cfg(all(target_arch = "wasm32", feature = "boundary"))]
fn svg_backend(text: &mut String, size: (u32, u32)) -> SvgBackend<'_> {
    crate::surface::Surface::Svg(SVGBackend::with_string(text, size))
}

/// An SVG document of `width × height` pixels (each clamped to 100..=8000) with what `draw` puts
/// on its drawing area: for a chart drawn from data a view does not compute itself (the CLI's
/// curves at explicit points, a race snapshot kept from earlier).
pub fn svg_document(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SvgBackend, Shift>) -> Result<(), Error>,
) -> Result<String, Error> {
    let (width, height) = (width.clamp(100, 8000), height.clamp(100, 8000));
    let mut text = String::new();
    {
        let area = svg_backend(&mut text, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(drawing_error)?;
    }
    Ok(text)
}
