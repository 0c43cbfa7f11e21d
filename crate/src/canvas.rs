//! Turns an `HtmlCanvasElement` into a plotters drawing area, for both wasm boundaries: the
//! whole one (`wasm`) and the first chart's (`first_chart`).

use crate::error::Error;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The whole canvas as a drawing area; a canvas without a 2-D context is an error, not a panic.
pub fn drawing_area(canvas: HtmlCanvasElement) -> Result<DrawingArea<CanvasBackend, Shift>, Error> {
    if canvas.width() == 0 || canvas.height() == 0 {
        return Err(Error::CanvasUnavailable);
    }
    CanvasBackend::with_canvas_object(canvas)
        .map(IntoDrawingArea::into_drawing_area)
        .ok_or(Error::CanvasUnavailable)
}
