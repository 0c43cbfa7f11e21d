//! `actlab curve`: f, f' (and f'') of one or more activations, sampled on the x grid or at
//! explicit points, as JSON, CSV or the page's chart.

use crate::emit::{check_out, emit};
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::json::{json, Params};
use activation_lab::config::View;
use activation_lab::readout;
use activation_lab::render::Theme;
use activation_lab::views::curves::{self, Curves};
use activation_lab::views::ViewSpec;
use serde::Serialize;

/// The SVG size: the page's chart at its desktop size.
const SVG_SIZE: (u32, u32) = (900, 560);

/// `actlab curve`.
pub const SPEC: Spec = Spec {
    name: "curve",
    flags: "[--config FILE.json] [--KEY VALUE ...] [--x=X1,X2,...]",
    view: Some(View::Curves),
    formats: &[Format::Json, Format::Csv, Format::Svg],
    about: "Samples f(x), the exact f'(x) and, with --second-derivative true, f''(x) of \
            each --activation over the x-min..x-max grid of --points values, or at the \
            points of --x. json prints {\"activation\", \"params\", \"x\", \"y\", \"dy\"} \
            (+ \"d2y\", and for a typed formula with kinks in the range \"kinks\": \
            [[x, f(x)], ...], where f′ jumps) for one activation and a JSON array of such objects for several; \
            params are the resolved parameters, e.g. {\"negative-slope\": 0.01}. csv \
            prints the header activation,x,y,dy (+ ,d2y) and one row per point. svg draws \
            the page's chart (900×560) into --out, with the crosshair only when --at is \
            given. Numbers are printed at full f64 precision.",
    run,
};

/// One curve as `actlab curve --format json` prints it.
#[derive(Serialize)]
struct CurveJson<'a> {
    activation: &'static str,
    params: Params,
    x: &'a [f64],
    y: &'a [f64],
    dy: &'a [f64],
    #[serde(skip_serializing_if = "Option::is_none")]
    d2y: Option<&'a [f64]>,
    /// A typed formula's kinks within the sampled x, as [x, f(x)] (where f′ jumps or f
    /// itself does: abs, relu, max, min, step), the same list the page's curve export has.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    kinks: &'a [(f64, f64)],
}

/// Samples the curves and writes them in the chosen format.
fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    check_out(invocation.format, out)?;
    let curves = match &invocation.xs {
        Some(xs) => readout::curves_at(config, xs)?,
        None => Curves::compute(config)?,
    };
    match invocation.format {
        Format::Csv => emit(&curves::csv(&curves), out),
        Format::Svg => {
            let (width, height) = SVG_SIZE;
            let svg = curves::svg(&curves, invocation.cursor, width, height, &Theme::default())?;
            emit(&svg, out)
        }
        // Text is not one of this command's formats, so the parser never hands it over.
        Format::Json | Format::Text => {
            let activations = config.resolved_activations()?;
            let objects: Vec<CurveJson> = curves
                .iter()
                .zip(&activations)
                .map(|(curve, activation)| CurveJson {
                    activation: curve.activation,
                    params: Params(activation.resolved_params()),
                    x: &curve.x,
                    y: &curve.y,
                    dy: &curve.dy,
                    d2y: curve.d2y.as_deref(),
                    kinks: &curve.kinks,
                })
                .collect();
            // One activation: one object. Several: an array of them, in the order given.
            match objects.as_slice() {
                [one] => emit(&json(one, false)?, out),
                all => emit(&json(&all, false)?, out),
            }
        }
    }
}
