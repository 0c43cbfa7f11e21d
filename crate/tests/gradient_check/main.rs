//! The one gradient-check suite of the network both views run (`mlp`): each pass's analytic
//! gradient against central differences of an f64 replica written from the documented
//! equations, with kinks written down from the definitions and skipped exactly.
//!
//! - `layers.rs`: the layers view's pass (row-major, through the GEMM, loss ½·mean(a²)): every
//!   scalar activation × skips on and off × no, batch and layer norm × two initialisers, and
//!   every initialiser; the checker is shown to reject wrong gradients;
//! - `training.rs`: the training lab's pass (batch-inner, with a head): every head × learned
//!   activation parameters per layer and per unit; every scalar activation × skips × norm.

#[path = "../common/mod.rs"]
mod common;
mod layers;
mod training;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// PyTorch's default eps in batch and layer norm (`torch.nn.BatchNorm1d`, `torch.nn.LayerNorm`),
/// the one the network states it uses.
const NORM_EPSILON: f64 = 1e-5;

/// Both replicas' normalisation in f64: `z` is `rows × width`, row-major; batch norm normalises a
/// unit over the rows, layer norm a row over the units (biased variance and PyTorch's eps, as
/// torch does in training); `Norm::None` leaves `z` alone.
fn normalise(z: &mut [f64], norm: activation_lab::norm::Norm, rows: usize, width: usize) {
    use activation_lab::norm::Norm;
    let groups: Vec<Vec<usize>> = match norm {
        Norm::None => Vec::new(),
        Norm::Batch => (0..width)
            .map(|j| (0..rows).map(|i| i * width + j).collect())
            .collect(),
        Norm::Layer => (0..rows)
            .map(|i| (0..width).map(|j| i * width + j).collect())
            .collect(),
    };
    for group in groups {
        let n = group.len() as f64;
        let mean = group.iter().map(|&k| z[k]).sum::<f64>() / n;
        let var = group.iter().map(|&k| (z[k] - mean).powi(2)).sum::<f64>() / n;
        for k in group {
            z[k] = (z[k] - mean) / (var + NORM_EPSILON).sqrt();
        }
    }
}
