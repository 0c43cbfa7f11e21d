//! The measurement under the theory: at each cell of a (σ_w, σ_b) grid, one forward and
//! backward pass through a real deep network (the layers view's [`Network`]), with weights
//! N(0, σ_w²/fan_in) (`lecun_normal` at gain σ_w) and biases N(0, σ_b²), and how much the
//! gradient shrank or grew from the last hidden layer back to the first.
//!
//! The colour is log₁₀ of ‖δ₁‖/‖δ_L‖, the backpropagated gradient ∂L/∂z at the first and the
//! last hidden layer: mean-field theory predicts ‖δ₁‖²/‖δ_L‖² = χ₁^(L−1), so its sign is the
//! phase. The ratio of the weight gradients ‖∂L/∂W₁‖/‖∂L/∂W_L‖ is kept beside it, but it also
//! carries the ratio of the layers' input sizes ‖x‖/‖a_(L−1)‖, which cancels the gradient's
//! growth for a ReLU network without biases (both scale as (σ_w²/2)^(L/2)): it stays near 0
//! on both sides of the line there, so it cannot show the phase.

use crate::activation::Activation;
use crate::error::Error;
use crate::init::Init;
use crate::mlp::linalg::norm;
use crate::mlp::network::{Network, NetworkSpec, Norm};
use crate::wire::wire_struct;
use serde::{Deserialize, Serialize};

/// The σ_w range of the map (horizontal).
pub const GAIN_RANGE: (f64, f64) = (0.25, 4.0);
/// The σ_b range of the map (vertical).
pub const BIAS_STD_RANGE: (f64, f64) = (0.0, 1.5);

/// The networks measured over the map.
#[derive(Clone, Debug, PartialEq)]
pub struct GridSpec {
    /// Every hidden layer's activation.
    pub activation: Activation,
    /// Hidden layers.
    pub depth: usize,
    /// Units per layer (and input features).
    pub width: usize,
    /// Samples.
    pub batch: usize,
    /// Cells along each axis.
    pub cells: usize,
    /// Seed of every cell's weights and inputs.
    pub seed: u64,
}

/// One measured cell.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// σ_w at the cell's centre.
    pub gain: f64,
    /// σ_b at the cell's centre.
    pub bias_std: f64,
    /// log₁₀ ‖δ₁‖/‖δ_L‖; `None` when the pass overflowed or a gradient underflowed to 0.
    pub log_ratio: Option<f64>,
    /// log₁₀ ‖∂L/∂W₁‖/‖∂L/∂W_L‖, likewise.
    pub weight_log_ratio: Option<f64>,
    /// The first layer whose values overflowed f32, if any (deep in the chaotic phase).
    pub overflow_at: Option<usize>,
}

wire_struct!(Cell {
    gain,
    bias_std,
    log_ratio,
    weight_log_ratio,
    overflow_at,
});

/// The measured map, row by row from σ_b's low end (`cells` rows of `cells` cells).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// Cells along each axis.
    pub cells: usize,
    /// The cells, index = row·cells + column.
    pub values: Vec<Cell>,
}

/// The centres of `cells` equal cells over `range`.
pub fn centres(range: (f64, f64), cells: usize) -> Vec<f64> {
    let step = (range.1 - range.0) / cells.max(1) as f64;
    (0..cells)
        .map(|i| range.0 + (i as f64 + 0.5) * step)
        .collect()
}

/// The cell's σ_w and σ_b: column `index % cells`, row `index / cells`.
pub fn cell_point(cells: usize, index: usize) -> (f64, f64) {
    let step = |range: (f64, f64)| (range.1 - range.0) / cells.max(1) as f64;
    let (column, row) = (index % cells.max(1), index / cells.max(1));
    (
        GAIN_RANGE.0 + (column as f64 + 0.5) * step(GAIN_RANGE),
        BIAS_STD_RANGE.0 + (row as f64 + 0.5) * step(BIAS_STD_RANGE),
    )
}

/// log₁₀(first/last), `None` unless both are positive and finite.
fn log_ratio(first: f64, last: f64) -> Option<f64> {
    let ratio = (first / last).log10();
    (first > 0.0 && last > 0.0 && ratio.is_finite()).then_some(ratio)
}

/// The network a cell measures: `spec`'s shape with weights N(0, σ_w²/fan_in) and biases
/// N(0, σ_b²).
pub fn cell_network(spec: &GridSpec, gain: f64, bias_std: f64) -> Result<Network, Error> {
    Network::new(NetworkSpec {
        activation: spec.activation.clone(),
        init: Init::LecunNormal { gain },
        depth: spec.depth,
        width: spec.width,
        batch: spec.batch,
        uniform_input: false,
        bias: 0.0,
        bias_std,
        residual: false,
        norm: Norm::None,
        seed: spec.seed,
    })
}

/// One cell: a network at (σ_w, σ_b), forward and backward.
pub fn measure(spec: &GridSpec, gain: f64, bias_std: f64) -> Result<Cell, Error> {
    let network = cell_network(spec, gain, bias_std)?;
    let mut pass = network.forward();
    network.backward_ends(&mut pass);
    let (deltas, weights) = (&pass.deltas, &pass.grad_weight_norms);
    let ends = |values: Vec<f64>| match (values.first(), values.last()) {
        (Some(first), Some(last)) if values.len() > 1 => log_ratio(*first, *last),
        _ => None,
    };
    Ok(Cell {
        gain,
        bias_std,
        log_ratio: ends(deltas.iter().map(|d| norm(d)).collect()),
        weight_log_ratio: ends(weights.clone()),
        overflow_at: pass.overflow_at,
    })
}

/// Cell `index` of the map.
pub fn measure_cell(spec: &GridSpec, index: usize) -> Result<Cell, Error> {
    let (gain, bias_std) = cell_point(spec.cells, index);
    measure(spec, gain, bias_std)
}

/// The whole map, one cell after another (the page spreads the cells over its workers).
pub fn measure_grid(spec: &GridSpec) -> Result<Grid, Error> {
    let values = (0..spec.cells * spec.cells)
        .map(|index| measure_cell(spec, index))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Grid {
        cells: spec.cells,
        values,
    })
}
