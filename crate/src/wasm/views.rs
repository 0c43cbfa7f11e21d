//! How the [`super::Lab`] handle shows whichever view its configuration names: one visitor of
//! the view registry draws on a canvas or writes an export, so no call on the handle matches on
//! the view.
//!
//! A view whose snapshot is worth keeping (a trained race) keeps it in [`Kept`] until the
//! configuration changes; a snapshot made elsewhere (the worker pool's) is a handle of its own
//! (`given.rs`), which does its jobs through [`finish`].

use super::error::{internal, js};
use crate::config::Config;
use crate::render::{drawing_error, Theme};
use crate::surface::Surface;
use crate::views::{self, ViewSpec, Visitor};
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use std::any::Any;
use wasm_bindgen::prelude::*;

/// The last kept snapshot and the query it was computed for: the widget draws a finished race,
/// lists its numbers and exports it, and a race is worth training once, not per call.
pub struct Kept {
    query: String,
    snapshot: Box<dyn Any>,
}

/// What to do with the view.
pub enum Job {
    /// Draw it on a canvas whose backing store is CSS size × the theme's `dpr`. The caller
    /// makes the drawing area first, so an unusable canvas fails before any work is done.
    Draw(DrawingArea<Surface<'static>, Shift>),
    /// Write it as an SVG document of `width × height` pixels.
    Svg(u32, u32),
    /// Write its numbers as CSV.
    Csv,
    /// Write its numbers as JSON.
    Json,
}

/// What a job gives back: the plotting area `[left, right, top, bottom]` in canvas pixels
/// (empty when the view has no crosshair) or the export's text.
pub enum Done {
    /// A drawing's plotting area.
    Plot(Box<[f64]>),
    /// An export.
    Text(String),
}

impl Done {
    /// The export's text (a drawing has none).
    pub fn text(self) -> Result<String, JsError> {
        match self {
            Done::Text(text) => Ok(text),
            Done::Plot(_) => Err(internal("internal: a drawing has no text")),
        }
    }

    /// The drawing's plotting area (an export has none).
    pub fn plot(self) -> Result<Box<[f64]>, JsError> {
        match self {
            Done::Plot(plot) => Ok(plot),
            Done::Text(_) => Err(internal("internal: an export has no plotting area")),
        }
    }
}

/// One job on the view `config` names.
pub struct Show<'a> {
    /// The lab's configuration.
    pub config: &'a Config,
    /// The lab's kept snapshot.
    pub kept: &'a mut Option<Kept>,
    /// The colours, sizes and language.
    pub theme: Theme,
    /// What to do.
    pub job: Job,
}

impl Show<'_> {
    /// Does the job on the configured view.
    pub fn run(self) -> Result<Done, JsError> {
        views::visit(self.config.view, self)
    }
}

impl Visitor for Show<'_> {
    type Output = Result<Done, JsError>;

    fn visit<V: ViewSpec>(self) -> Result<Done, JsError> {
        let job = self.job;
        if !V::KEEP {
            let snapshot = V::compute(self.config).map_err(js)?;
            return finish::<V>(self.config, &snapshot, &self.theme, job);
        }
        let query = self.config.to_query();
        let kept = match self.kept.take() {
            Some(kept) if kept.query == query && kept.snapshot.is::<V::Snapshot>() => kept,
            _ => Kept {
                query,
                snapshot: Box::new(V::compute(self.config).map_err(js)?),
            },
        };
        let kept = self.kept.insert(kept);
        let snapshot = kept
            .snapshot
            .downcast_ref::<V::Snapshot>()
            .ok_or_else(|| internal("internal: the kept snapshot is of another view"))?;
        finish::<V>(self.config, snapshot, &self.theme, job)
    }
}

/// Draws or writes view `V`'s `snapshot`.
pub fn finish<V: ViewSpec>(
    config: &Config,
    snapshot: &V::Snapshot,
    theme: &Theme,
    job: Job,
) -> Result<Done, JsError> {
    match job {
        Job::Draw(area) => {
            let plot = V::draw(&area, config, snapshot, theme).map_err(js)?;
            area.present().map_err(|e| js(drawing_error(e)))?;
            Ok(Done::Plot(plot.map_or_else(
                || Box::new([]) as Box<[f64]>,
                |p| Box::new([p.left, p.right, p.top, p.bottom]),
            )))
        }
        Job::Svg(width, height) => {
            crate::export::svg_of::<V>(config, snapshot, width, height, theme)
                .map(Done::Text)
                .map_err(js)
        }
        Job::Csv => V::csv(config, snapshot).map(Done::Text).map_err(js),
        Job::Json => V::json(config, snapshot).map(Done::Text).map_err(js),
    }
}
