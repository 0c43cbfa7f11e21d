//! Turns an `HtmlCanvasElement` into a plotters drawing area, for both wasm boundaries: the
//! whole one (`wasm`) and the first chart's (`first_chart`).

use crate::error::Error;
#[cfg(feature = "first-chart")]
use plotters::{coord::Shift, prelude::*};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A drawing area on a page's canvas.
#[cfg(feature = "first-chart")]
pub type CanvasArea = DrawingArea<Canvas2d, Shift>;

/// The whole canvas as a drawing area; a canvas without a 2-D context is an error, not a panic.
/// (The whole module draws through [`crate::surface`], which also writes SVG.)
#[cfg(feature = "first-chart")]
pub fn drawing_area(canvas: HtmlCanvasElement) -> Result<CanvasArea, Error> {
    Ok(backend(canvas)?.into_drawing_area())
}

/// The canvas's backend, or an error for a canvas of no size or without a 2-D context.
pub fn backend(canvas: HtmlCanvasElement) -> Result<Canvas2d, Error> {
    if canvas.width() == 0 || canvas.height() == 0 {
        return Err(Error::CanvasUnavailable);
    }
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or(Error::CanvasUnavailable)?;
    let inner = CanvasBackend::with_canvas_object(canvas).ok_or(Error::CanvasUnavailable)?;
    Ok(Canvas2d { inner, context })
}

/// plotters-canvas's backend, but measuring text with the canvas's own `measureText`. Without
/// it, plotters sizes every label by adding a span to the page and reading its `offsetHeight`:
/// a forced layout of the whole page per label, which cost the training view a third of its
/// frame with its pictures in sight (#14).
pub struct Canvas2d {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

type Failure = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for Canvas2d {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Failure> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        self.inner.draw_text(text, style, pos)
    }

    /// The text's advance width and the font's ascent + descent (what a span's line box
    /// measures), in the font `draw_text` sets.
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Failure> {
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str(),
        ));
        match self.context.measure_text(text) {
            Ok(m) => Ok((
                m.width().ceil() as u32,
                (m.font_bounding_box_ascent() + m.font_bounding_box_descent()).ceil() as u32,
            )),
            Err(_) => self.inner.estimate_text_size(text, style),
        }
    }
}
