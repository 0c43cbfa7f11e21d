//! `actlab phase`: the edge of chaos for one activation. With `--bias-std` it prints the
//! mean-field numbers at one point (σ_w = `--gain`, σ_b = `--bias-std`); without, the critical
//! line and the measured map; `--format svg` draws the page's phase view.

use crate::emit::{check_out, emit};
use crate::error::CliError;
use crate::format::Format;
use crate::invocation::{Invocation, Spec};
use crate::json::json;
use activation_lab::config::View;
use activation_lab::export;
use activation_lab::phase::map::{LinePoint, Theory};
use activation_lab::phase::theory::{critical_gain, point};
use activation_lab::render::Theme;
use activation_lab::views::phase::Phase;
use activation_lab::views::ViewSpec;
use serde::Serialize;

/// The SVG size.
const SVG_SIZE: (u32, u32) = (960, 640);

/// `actlab phase`.
pub const SPEC: Spec = Spec {
    name: "phase",
    flags: "[--config FILE.json] [--activation NAME] [--gain G] [--bias-std S] \
            [--phase-depth N] [--phase-width N] [--phase-batch N] [--phase-cells N]",
    view: Some(View::Phase),
    formats: &[Format::Json, Format::Svg],
    about: "The edge of chaos (mean-field theory, Schoenholz et al. 2017) for the first \
            --activation, with weights N(0, σ_w²/fan_in) and biases N(0, σ_b²). With \
            --bias-std, json prints {\"activation\", \"gain\", \"bias_std\", \
            \"critical_gain\", \"q_star\", \"chi1\", \"xi\"} at σ_w = --gain (default: the \
            layers view's initialiser, as σ_w = std·√width) and σ_b = --bias-std: \
            critical_gain is the σ_w where χ₁ = 1 at that σ_b (null if there is none), q_star \
            the fixed point of the variance map (null: infinite), chi1 = σ_w²·E[f′(√q*·z)²] \
            (< 1 ordered, > 1 chaotic) and xi = 1/|ln χ₁| the depth scale (null on the line). \
            Without --bias-std it prints {\"activation\", \"line\", \"cells\"}: the critical \
            line as [{\"bias_std\", \"critical_gain\"}] over σ_b 0–1.5, and every cell of the \
            --phase-cells² map over σ_w 0.25–4 with its theory and, measured in a \
            --phase-depth × --phase-width network on --phase-batch samples, \
            log10_delta_ratio (log₁₀ ‖δ₁‖/‖δ_L‖) and log10_weight_gradient_ratio (log₁₀ \
            ‖∂L/∂W₁‖/‖∂L/∂W_L‖), null after an overflow. svg draws the page's phase view \
            (960×640) into --out.",
    run,
};

/// `actlab phase --bias-std S --format json`.
#[derive(Serialize)]
struct PointJson<'a> {
    activation: &'a str,
    critical_gain: Option<f64>,
    #[serde(flatten)]
    theory: Theory,
}

/// One cell of `actlab phase --format json`.
#[derive(Serialize)]
struct CellJson {
    #[serde(flatten)]
    theory: Theory,
    log10_delta_ratio: Option<f64>,
    log10_weight_gradient_ratio: Option<f64>,
}

/// `actlab phase --format json` without `--bias-std`.
#[derive(Serialize)]
struct MapJson<'a> {
    activation: &'a str,
    line: &'a [LinePoint],
    cells: Vec<CellJson>,
}

fn run(invocation: &Invocation) -> Result<(), CliError> {
    let config = &invocation.config;
    let out = invocation.out.as_deref();
    check_out(invocation.format, out)?;
    let spec = config.phase_spec()?;
    if invocation.format == Format::Json {
        if let Some(bias_std) = config.bias_std {
            let (gain, _) = config.phase_point();
            let report = PointJson {
                activation: spec.activation.name(),
                critical_gain: critical_gain(&spec.activation, bias_std),
                theory: Theory::from(point(&spec.activation, gain, bias_std)),
            };
            return emit(&json(&report, true)?, out);
        }
    }
    let map = Phase::compute(config)?;
    match invocation.format {
        Format::Svg => {
            let (width, height) = SVG_SIZE;
            let svg = export::svg_of::<Phase>(config, &map, width, height, &Theme::default())?;
            emit(&svg, out)
        }
        Format::Json | Format::Csv | Format::Text => {
            let cells = map
                .theory
                .iter()
                .zip(&map.measured)
                .filter_map(|(theory, cell)| Some((theory.as_ref()?, cell)))
                .map(|(theory, cell)| CellJson {
                    theory: *theory,
                    log10_delta_ratio: cell.and_then(|c| c.log_ratio),
                    log10_weight_gradient_ratio: cell.and_then(|c| c.weight_log_ratio),
                })
                .collect();
            let report = MapJson {
                activation: &map.activation,
                line: &map.line,
                cells,
            };
            emit(&json(&report, false)?, out)
        }
    }
}
