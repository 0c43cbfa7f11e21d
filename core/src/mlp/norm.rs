//! Batch and layer normalisation of a layer's pre-activations, forward and backward, in any
//! [`Grid`] layout (no learned scale or shift). Sums are taken in f64, group by group, member by
//! member, so both layouts compute the same numbers for the same values.

use super::layer::Grid;
use crate::norm::Norm;

/// Keeps batch/layer norm finite when a group has zero variance (PyTorch's default eps).
pub const NORM_EPSILON: f64 = 1e-5;

/// The groups normalised together and the members of each: a unit over the examples (batch
/// norm) or an example over the units (layer norm). `None` for no normalisation.
fn groups(grid: Grid, norm: Norm) -> Option<(usize, usize, impl Fn(usize, usize) -> usize)> {
    let batch = norm == Norm::Batch;
    let (groups, members) = match norm {
        Norm::None => return None,
        Norm::Batch => (grid.units, grid.examples),
        Norm::Layer => (grid.examples, grid.units),
    };
    let index = move |group: usize, member: usize| {
        if batch {
            grid.at(member, group)
        } else {
            grid.at(group, member)
        }
    };
    Some((groups, members, index))
}

/// Normalises z in place over `grid` and returns the σ of each group, which the backward pass
/// needs (empty without normalisation).
pub fn normalise(z: &mut [f32], grid: Grid, norm: Norm) -> Vec<f64> {
    normalise_keeping_means(z, grid, norm, &mut Vec::new())
}

/// [`normalise`], also writing each group's mean into `means` (batch norm's running statistics
/// follow them).
pub fn normalise_keeping_means(
    z: &mut [f32],
    grid: Grid,
    norm: Norm,
    means: &mut Vec<f64>,
) -> Vec<f64> {
    means.clear();
    let Some((groups, members, index)) = groups(grid, norm) else {
        return Vec::new();
    };
    let count = members as f64;
    (0..groups)
        .map(|group| {
            let mean = (0..members)
                .map(|m| f64::from(z[index(group, m)]))
                .sum::<f64>()
                / count;
            let var = (0..members)
                .map(|m| (f64::from(z[index(group, m)]) - mean).powi(2))
                .sum::<f64>()
                / count;
            let sigma = (var + NORM_EPSILON).sqrt();
            means.push(mean);
            for m in 0..members {
                let k = index(group, m);
                z[k] = ((f64::from(z[k]) - mean) / sigma) as f32;
            }
            sigma
        })
        .collect()
}

/// Turns ∂L/∂ẑ into ∂L/∂z through the normalisation: (g − mean(g) − ẑ·mean(g·ẑ))/σ per group.
pub fn normalise_backward(
    delta: &mut [f32],
    normalised: &[f32],
    scales: &[f64],
    grid: Grid,
    norm: Norm,
) {
    let Some((_, members, index)) = groups(grid, norm) else {
        return;
    };
    let count = members as f64;
    for (group, sigma) in scales.iter().enumerate() {
        let (mut mean_g, mut mean_gz) = (0.0, 0.0);
        for m in 0..members {
            let k = index(group, m);
            mean_g += f64::from(delta[k]);
            mean_gz += f64::from(delta[k]) * f64::from(normalised[k]);
        }
        mean_g /= count;
        mean_gz /= count;
        for m in 0..members {
            let k = index(group, m);
            delta[k] = ((f64::from(delta[k]) - mean_g - f64::from(normalised[k]) * mean_gz) / sigma)
                as f32;
        }
    }
}

/// Batch norm in evaluation, as PyTorch's `eval()`: each unit normalised by the running mean
/// and variance kept over training, `(mean, var)` per unit, instead of the batch's own.
pub fn normalise_with(z: &mut [f32], grid: Grid, running: &[(f64, f64)]) {
    for (unit, (mean, var)) in running.iter().enumerate() {
        let sigma = (var + NORM_EPSILON).sqrt();
        for example in 0..grid.examples {
            let k = grid.at(example, unit);
            z[k] = ((f64::from(z[k]) - mean) / sigma) as f32;
        }
    }
}
