//! The numbers the page prints and the CLI writes: sampled curves, the crosshair readout, the
//! chain-of-layers product and the saturated/dead zones. Renderers draw these; they never reach
//! into [`Config`] themselves.

use crate::activation::Activation;
use crate::config::Config;
use crate::error::Error;
use serde::Serialize;

/// Below this |f'| a unit is called saturated: its gradient is all but gone.
pub const SATURATION_THRESHOLD: f64 = 0.01;

/// One activation sampled over the x grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Curve {
    /// Canonical name (`leaky_relu`).
    pub activation: &'static str,
    /// Name with non-default parameters, for legends (`leaky_relu (negative-slope=0.2)`).
    pub label: String,
    /// The x grid.
    pub x: Vec<f64>,
    /// f(x).
    pub y: Vec<f64>,
    /// f'(x), exact.
    pub dy: Vec<f64>,
    /// f''(x) (numerical), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d2y: Option<Vec<f64>>,
    /// Where 0 < |f'| < 0.01.
    pub saturated: Vec<(f64, f64)>,
    /// Where f' = 0 exactly.
    pub dead: Vec<(f64, f64)>,
    /// A typed formula's kinks and jumps on the grid, as (x, f(x)): where f′ does not exist.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kinks: Vec<(f64, f64)>,
}

/// The values at the crosshair, and what n layers of this activation do to a gradient there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PointReadout {
    /// Canonical name.
    pub activation: &'static str,
    /// Legend label.
    pub label: String,
    /// The x (the `at` key).
    pub x: f64,
    /// f(x).
    pub value: f64,
    /// f'(x).
    pub derivative: f64,
    /// f''(x), numerical.
    pub second_derivative: f64,
    /// n, the `chain-depth` key (which follows `depth` until set).
    pub depth: usize,
    /// f'(x)^n: the factor a gradient picks up through n layers whose units all sit at x (the
    /// weights' contribution is left out, which is exactly what makes the lesson clean).
    pub chain: f64,
}

fn label(config: &Config, activation: &Activation) -> String {
    let params: Vec<String> = activation
        .kind()
        .params()
        .iter()
        .filter_map(|p| {
            let value = config.get(p.key).ok().filter(|v| !v.is_empty())?;
            (value != p.default.to_string()).then(|| format!("{}={value}", p.key))
        })
        .collect();
    if params.is_empty() {
        activation.name().to_string()
    } else {
        format!("{} ({})", activation.name(), params.join(", "))
    }
}

/// Turns a per-point predicate over the grid into [start, end] intervals of x.
fn runs(x: &[f64], inside: impl Fn(usize) -> bool) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..x.len() {
        match (inside(i), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((x[s], x[i - 1]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((x[s], x[x.len() - 1]));
    }
    out
}

/// A typed formula's kinks within the grid, with f there (none for a catalogue entry, whose
/// card states its kinks in words).
fn kinks(activation: &Activation, x: &[f64]) -> Vec<(f64, f64)> {
    let Activation::Custom(custom) = activation else {
        return Vec::new();
    };
    // The CLI's `--x` points need not be in order: the span is from the least to the greatest.
    let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lo > hi {
        return Vec::new();
    }
    let (formula, p) = (custom.formula(), custom.values());
    formula
        .kinks(p, lo, hi)
        .into_iter()
        .map(|k| (k, formula.value(k, p)))
        .collect()
}

/// Samples one activation at the given xs, marking its saturated and dead zones.
fn sample(config: &Config, activation: &Activation, x: &[f64]) -> Curve {
    let mut y = vec![0.0; x.len()];
    let mut dy = vec![0.0; x.len()];
    activation.evaluate_into(x, &mut y, &mut dy);
    let d2y = config
        .second_derivative
        .then(|| x.iter().map(|v| activation.second_derivative(*v)).collect());
    Curve {
        activation: activation.name(),
        label: label(config, activation),
        saturated: runs(x, |i| dy[i] != 0.0 && dy[i].abs() < SATURATION_THRESHOLD),
        dead: runs(x, |i| dy[i] == 0.0),
        kinks: kinks(activation, x),
        x: x.to_vec(),
        y,
        dy,
        d2y,
    }
}

/// Samples every selected activation over the config's grid.
pub fn curves(config: &Config) -> Result<Vec<Curve>, Error> {
    curves_at(config, &config.grid())
}

/// Samples every selected activation at explicit xs (the CLI's `--x=1,2,3`).
pub fn curves_at(config: &Config, xs: &[f64]) -> Result<Vec<Curve>, Error> {
    Ok(config
        .resolved_activations()?
        .iter()
        .map(|activation| sample(config, activation, xs))
        .collect())
}
/// The crosshair readout at `at` for every selected activation.
pub fn at_cursor(config: &Config) -> Result<Vec<PointReadout>, Error> {
    let x = config.at;
    Ok(config
        .resolved_activations()?
        .iter()
        .map(|activation| {
            let derivative = activation.derivative(x);
            PointReadout {
                activation: activation.name(),
                label: label(config, activation),
                x,
                value: activation.value(x),
                derivative,
                second_derivative: activation.second_derivative(x),
                depth: config.chain_depth(),
                chain: derivative.powi(config.chain_depth() as i32),
            }
        })
        .collect())
}
