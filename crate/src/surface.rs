//! One drawing backend for every chart the whole wasm module draws: a page's canvas or an SVG
//! export. Charts are generic over plotters' `DrawingBackend`, so with two backend types the
//! module carried each chart (and plotters' axes, meshes and legends under it) compiled twice;
//! with one it carries them once.

use crate::canvas::{self, Canvas2d};
use crate::error::Error;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_svg::SVGBackend;
use web_sys::HtmlCanvasElement;

/// A chart's destination in the browser.
pub enum Surface<'a> {
    Canvas(Canvas2d),
    Svg(SVGBackend<'a>),
}

/// A drawing area on a page's canvas or in an SVG document.
pub type SurfaceArea<'a> = DrawingArea<Surface<'a>, Shift>;

/// The whole canvas as a drawing area (see [`canvas::backend`] for what fails).
pub fn drawing_area(canvas: HtmlCanvasElement) -> Result<SurfaceArea<'static>, Error> {
    Ok(Surface::Canvas(canvas::backend(canvas)?).into_drawing_area())
}

/// Either backend's failure, as its message (the two backends fail with different types).
#[derive(Debug)]
pub struct SurfaceError(String);

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SurfaceError {}

type Failure = DrawingErrorKind<SurfaceError>;

fn failure<E: std::error::Error + Send + Sync>(error: DrawingErrorKind<E>) -> Failure {
    match error {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(SurfaceError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls the same method on whichever backend this is, with its error as a [`SurfaceError`].
macro_rules! forward {
    ($self:ident, $backend:ident => $call:expr) => {
        match $self {
            Surface::Canvas($backend) => $call.map_err(failure),
            Surface::Svg($backend) => $call.map_err(failure),
        }
    };
}

impl DrawingBackend for Surface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Surface::Canvas(b) => b.get_size(),
            Surface::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        forward!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), Failure> {
        forward!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        forward!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        forward!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        forward!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        forward!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        forward!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        forward!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        forward!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Failure> {
        forward!(self, b => b.estimate_text_size(text, style))
    }
}
