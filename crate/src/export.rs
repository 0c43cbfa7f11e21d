//! Exports of the current view: the chart as SVG (the same plotters code that draws the canvas)
//! and its numbers as CSV or JSON, each at full f64 precision. The CLI and the page share these.

use crate::config::{Config, View};
use crate::error::Error;
use crate::layers::{self, Snapshot};
use crate::readout::{self, Curve};
use crate::render::{self, drawing_error, Theme};
use crate::softmax;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_svg::SVGBackend;

/// The curves as `activation,x,y,dy[,d2y]` rows; `{:?}` is Rust's shortest round-trip form.
pub fn curves_csv(curves: &[Curve]) -> String {
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

/// One row per class: logit, probability, cross-entropy gradient.
pub fn softmax_csv(readout: &softmax::Readout) -> String {
    let mut text = String::from("class,z,p,gradient\n");
    for (i, ((z, p), g)) in readout
        .logits
        .iter()
        .zip(&readout.probabilities)
        .zip(&readout.gradient)
        .enumerate()
    {
        text.push_str(&format!("{i},{z:?},{p:?},{g:?}\n"));
    }
    text
}

/// One row per layer with its statistics (histograms are in the JSON export).
pub fn layers_csv(snapshot: &Snapshot) -> String {
    let mut text = String::from(
        "layer,mean,std,frac_saturated,frac_zero,mean_derivative,pre_mean,pre_std,delta_std,grad_weight_norm,distinct_neurons,theory_variance\n",
    );
    for l in &snapshot.layers {
        let theory = l
            .theory_variance
            .map_or(String::new(), |v| format!("{v:?}"));
        text.push_str(&format!(
            "{},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{},{theory}\n",
            l.index,
            l.mean,
            l.std,
            l.frac_saturated,
            l.frac_zero,
            l.mean_derivative,
            l.pre_mean,
            l.pre_std,
            l.delta_std,
            l.grad_weight_norm,
            l.distinct_neurons
        ));
    }
    text
}

/// The layers snapshot to export: the one already computed (the page's worker made it), or a
/// fresh run.
fn snapshot_for(config: &Config, snapshot: Option<Snapshot>) -> Result<Snapshot, Error> {
    snapshot.map_or_else(|| layers::run(config), Ok)
}

/// The current view's numbers as CSV.
pub fn csv(config: &Config, snapshot: Option<Snapshot>) -> Result<String, Error> {
    Ok(match config.view {
        View::Curves => curves_csv(&readout::curves(config)?),
        View::Softmax => softmax_csv(&softmax::readout(
            &config.logits,
            config.temperature,
            config.target,
        )),
        View::Layers => layers_csv(&snapshot_for(config, snapshot)?),
        View::Train => crate::train::report::csv(&crate::train::race(config)?),
    })
}

/// The current view's numbers as JSON (curves with their zones, the softmax readout, or the
/// whole layers snapshot with histograms).
pub fn json(config: &Config, snapshot: Option<Snapshot>) -> Result<String, Error> {
    let text = match config.view {
        View::Curves => serde_json::to_string(&readout::curves(config)?),
        View::Softmax => serde_json::to_string(&softmax::readout(
            &config.logits,
            config.temperature,
            config.target,
        )),
        View::Layers => serde_json::to_string(&snapshot_for(config, snapshot)?),
        View::Train => return crate::train::report::json(config, &crate::train::race(config)?),
    };
    text.map_err(|e| Error::Drawing {
        message: format!("JSON: {e}"),
    })
}

/// The current view as an SVG document of `width × height` pixels.
pub fn svg(
    config: &Config,
    snapshot: Option<Snapshot>,
    width: u32,
    height: u32,
    theme: &Theme,
) -> Result<String, Error> {
    match config.view {
        View::Curves => curves_svg(
            &readout::curves(config)?,
            Some(config.at),
            width,
            height,
            theme,
        ),
        View::Softmax => svg_document(width, height, |area| {
            let r = softmax::readout(&config.logits, config.temperature, config.target);
            render::softmax::draw(area, &r.probabilities, &r.gradient, r.target, theme)
        }),
        View::Layers => {
            let snapshot = snapshot_for(config, snapshot)?;
            layers_svg(&snapshot, config.histograms, width, height, theme)
        }
        View::Train => train_svg(
            &mut crate::train::race(config)?,
            config.target_loss,
            width,
            height,
            theme,
        ),
    }
}

/// Curves as an SVG document of `width × height` pixels, with the crosshair at `cursor` if any:
/// the curves view for the page's export and for `actlab curve`, which samples its own points
/// (`--x`) and shows the crosshair only when asked.
pub fn curves_svg(
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

/// A layers snapshot as an SVG document of `width × height` pixels, with the histograms of
/// `panel`: the layers view for the page's export and for `actlab layers`.
pub fn layers_svg(
    snapshot: &Snapshot,
    panel: render::layers::Panel,
    width: u32,
    height: u32,
    theme: &Theme,
) -> Result<String, Error> {
    svg_document(width, height, |area| {
        render::layers::draw(area, snapshot, panel, theme)
    })
}

/// An SVG document of `width × height` pixels (each clamped to 100..=8000) with what `draw` puts
/// on its drawing area.
fn svg_document(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), Error>,
) -> Result<String, Error> {
    let (width, height) = (width.clamp(100, 8000), height.clamp(100, 8000));
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(drawing_error)?;
    }
    Ok(text)
}

/// A race's runs as they are now (not retrained) as an SVG document of `width × height` pixels:
/// the training view's composite, for the CLI, the page's live race and the widget alike.
pub fn train_svg(
    runs: &mut [crate::train::Trainer],
    target_loss: f64,
    width: u32,
    height: u32,
    theme: &Theme,
) -> Result<String, Error> {
    svg_document(width, height, |area| {
        render::train::draw(area, runs, target_loss, theme)
    })
}
