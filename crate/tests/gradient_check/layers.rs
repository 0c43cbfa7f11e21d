//! The layers view's pass (row-major, through the GEMM) against central differences:
//! `Network::backward` for every scalar activation, with and without skip connections, with no,
//! batch and layer normalisation, under two initialisers; and every initialiser with smooth
//! activations.
//!
//! Method (convnetjs / cs231n "gradient checks"): for each weight w of a small network
//! (3 layers of 6 units, a batch of 5), nudge it to w ± h, recompute the loss and compare
//! (L(w + h) − L(w − h)) / 2h with the ∂L/∂w that `backward` hands to its callback. The loss is
//! the network's own L = ½·mean(a_L²), so one check covers the loss gradient, every activation
//! derivative, the normalisation backward, the skip connections' extra δ and the transposes in
//! the matrix products.
//!
//! Precision: why the quotient is taken in f64. The network computes in f32 (ε = 6e-8). A
//! quotient of its own f32 losses is limited by truncation, h²·|∂³L/∂w³|/6, and rounding,
//! ≈ ε·L/h: with batch norm over 5 samples the first is 3% at h = 1e-2 and the second is over
//! 1% of small entries at h = 1e-3, so no f32 step separates a right gradient from a slightly
//! wrong one. The quotient is therefore taken on an f64 replica of the forward pass written
//! here from the equations `network.rs` documents (z = a·W + b, normalise with PyTorch's
//! eps = 1e-5, f, add the input back with skips), from the network's own f32 weights and inputs.
//! The replica must first reproduce the network's loss to 1e-5 and every pre-activation to 1e-4,
//! so its derivative is the derivative of the network's function. With h = 1e-5 in f64 the
//! quotient is exact to ~1e-10; the f32 backward is then held to 0.1% of each entry, plus 1e-5
//! of the network's largest entry for entries near 0 (where f32 cancellation in
//! g − mean(g) − ẑ·mean(g·ẑ) leaves absolute, not relative, error).
//!
//! Kinks. ReLU-like functions have no derivative at their kinks, and a quotient whose two points
//! straddle one measures a chord, not a slope. Rather than a statistical escape (a random
//! direction with a loose tolerance), each nudge is checked exactly: a weight is compared only
//! when no pre-activation of any layer changes side of any kink between w − h, w and w + h (the
//! kinks are written down from the definitions, not asked of the code). On one side of every
//! kink the loss is smooth in w and the quotient bound holds. With h = 1e-5 almost nothing is
//! skipped; each case must still compare at least 90% of its weights.
//!
//! `checker_rejects_wrong_gradients` shows the check has teeth: a 0.5% error in every entry,
//! a transposed gradient and a gradient computed without the skip connections all fail it.

use crate::common::kinks;
use crate::TestResult;
use activation_lab::init::Init;
use activation_lab::network::{Network, NetworkSpec, Norm};
use activation_lab::{Activation, Kind};
use std::error::Error;

/// The nudge in the f64 replica: truncation (h²·|∂³L/∂w³|/6) and rounding (ε₆₄·L/h) ~1e-11.
const H: f64 = 1e-5;
/// Relative tolerance on each entry: the f32 backward against an essentially exact quotient.
const RTOL: f64 = 1e-3;
/// Absolute floor, as a share of the network's largest gradient entry, for entries near 0.
const ATOL: f64 = 1e-6;
/// Share of the weights each case must compare away from kinks.
const MIN_CHECKED: f64 = 0.9;

/// Which piece between kinks z is on (odd numbers mark z exactly on a kink).
fn piece(z: f64, kinks: &[f64]) -> usize {
    kinks
        .iter()
        .map(|&k| match z.partial_cmp(&k) {
            Some(std::cmp::Ordering::Greater) => 2,
            Some(std::cmp::Ordering::Equal) => 1,
            _ => 0,
        })
        .sum()
}

/// The f64 replica's record of one forward pass.
struct Replica {
    /// ẑ of every layer (what f is applied to), layer after layer.
    pre_activations: Vec<f64>,
    /// max |a| of each layer's input (the network input, then each a_l).
    max_inputs: Vec<f64>,
    /// L = ½·mean(a_L²).
    loss: f64,
}

/// The forward pass in f64, from the equations in `network.rs`'s module documentation.
fn replica(spec: &NetworkSpec, weights: &[Vec<f64>], input: &[f64]) -> Replica {
    let (b, w) = (spec.batch, spec.width);
    let f = &spec.activation;
    let mut previous = input.to_vec();
    let mut pre_activations = Vec::new();
    let mut max_inputs = Vec::new();
    for matrix in weights {
        max_inputs.push(previous.iter().fold(0.0, |m: f64, v| m.max(v.abs())));
        let mut z = vec![0.0; b * w];
        for i in 0..b {
            for j in 0..w {
                z[i * w + j] = (0..w)
                    .map(|k| previous[i * w + k] * matrix[k * w + j])
                    .sum::<f64>()
                    + spec.bias;
            }
        }
        crate::normalise(&mut z, spec.norm, b, w);
        let a: Vec<f64> = z
            .iter()
            .zip(&previous)
            .map(|(z, p)| f.value(*z) + if spec.residual { *p } else { 0.0 })
            .collect();
        pre_activations.extend(&z);
        previous = a;
    }
    let loss = 0.5 * previous.iter().map(|a| a * a).sum::<f64>() / previous.len() as f64;
    max_inputs.push(previous.iter().fold(0.0, |m: f64, v| m.max(v.abs())));
    Replica {
        pre_activations,
        max_inputs,
        loss,
    }
}

/// The network's weights in f64, one row-major matrix per layer.
fn weights_f64(network: &Network) -> Vec<Vec<f64>> {
    (0..network.mlp.layers.len())
        .map(|l| {
            network
                .mlp
                .weights(l)
                .iter()
                .map(|v| f64::from(*v))
                .collect()
        })
        .collect()
}

/// What a gradient check found.
struct Report {
    checked: usize,
    skipped: usize,
    failures: Vec<String>,
}

/// Compares `grads` (claimed ∂L/∂W, one row-major width × width matrix per layer) with central
/// differences of the f64 replica of `network`.
fn check(network: &Network, grads: &[Vec<f32>]) -> Report {
    let spec = &network.spec;
    let kinks = kinks(&spec.activation);
    let weights = weights_f64(network);
    let input: Vec<f64> = network.input.iter().map(|v| f64::from(*v)).collect();
    let base = replica(spec, &weights, &input);
    let pieces = |r: &Replica| -> Vec<usize> {
        r.pre_activations
            .iter()
            .map(|z| piece(*z, &kinks))
            .collect()
    };
    let base_pieces = pieces(&base);
    let mut numeric = Vec::new();
    let mut report = Report {
        checked: 0,
        skipped: 0,
        failures: Vec::new(),
    };
    for layer in 0..weights.len() {
        for k in 0..weights[layer].len() {
            let nudged = |step: f64| {
                let mut copy = weights.clone();
                copy[layer][k] += step;
                replica(spec, &copy, &input)
            };
            let (plus, minus) = (nudged(H), nudged(-H));
            if pieces(&plus) != base_pieces || pieces(&minus) != base_pieces {
                report.skipped += 1;
                continue;
            }
            numeric.push((layer, k, (plus.loss - minus.loss) / (2.0 * H)));
        }
    }
    report.checked = numeric.len();
    let largest = numeric.iter().map(|(_, _, n)| n.abs()).fold(0.0, f64::max);
    let output = base.max_inputs.last().copied().unwrap_or(0.0);
    for (layer, k, numeric) in numeric {
        // The size of the terms the backward pass sums for this layer, had every Jacobian been
        // 1: max|a_(l−1)|·batch·max|∂L/∂a_L| = max|a_(l−1)|·max|a_L|/width.
        let terms = base.max_inputs[layer] * output / spec.width as f64;
        let claimed = grads
            .get(layer)
            .and_then(|g| g.get(k))
            .map_or(f64::NAN, |v| f64::from(*v));
        let allowed = RTOL * numeric.abs() + ATOL * terms.max(largest);
        // Written as "within" so that a NaN on either side is a failure.
        let within = (numeric - claimed).abs() <= allowed;
        if !within {
            report.failures.push(format!(
                "W{}[{}, {}]: backward {claimed:.7e}, central difference {numeric:.7e}",
                layer + 1,
                k / spec.width,
                k % spec.width
            ));
        }
    }
    report
}

/// Checks that the f64 replica computes the network's function (loss and every ẑ), so that its
/// derivative is the network's derivative.
fn replica_matches(network: &Network) -> Result<(), String> {
    let pass = network.forward();
    let loss = pass.loss.ok_or("the forward pass overflowed")?;
    let weights = weights_f64(network);
    let input: Vec<f64> = network.input.iter().map(|v| f64::from(*v)).collect();
    let exact = replica(&network.spec, &weights, &input);
    if (loss - exact.loss).abs() > 1e-5 * exact.loss.max(1e-12) {
        return Err(format!(
            "loss {loss} but the f64 replica gives {}",
            exact.loss
        ));
    }
    let ours = pass.pre_activations.iter().flatten();
    for (z, want) in ours.zip(&exact.pre_activations) {
        if (f64::from(*z) - want).abs() > 1e-4 * (1.0 + want.abs()) {
            return Err(format!(
                "a pre-activation is {z}, the f64 replica gives {want}"
            ));
        }
    }
    Ok(())
}

/// The analytic gradients `backward` hands to its callback, checked against the norms it
/// records.
fn analytic(network: &Network) -> Result<Vec<Vec<f32>>, String> {
    let mut pass = network.forward();
    let mut grads = vec![Vec::new(); network.mlp.layers.len()];
    network.backward(&mut pass, |layer, grad| grads[layer] = grad.to_vec());
    for (grad, norm) in grads.iter().zip(&pass.grad_weight_norms) {
        let own = grad
            .iter()
            .map(|g| f64::from(*g).powi(2))
            .sum::<f64>()
            .sqrt();
        if (own - norm).abs() > 1e-6 * (1.0 + own) {
            return Err(format!("grad_weight_norm {norm} but ‖∂L/∂W‖ = {own}"));
        }
    }
    Ok(grads)
}

/// The small network of every case.
fn spec(activation: Activation, init: Init, residual: bool, norm: Norm, seed: u64) -> NetworkSpec {
    NetworkSpec {
        activation,
        init,
        depth: 3,
        width: 6,
        batch: 5,
        uniform_input: false,
        // Non-zero so the bias path is exercised (normalisation then removes it again).
        bias: 0.1,
        bias_std: 0.0,
        residual,
        norm,
        seed,
    }
}

/// Runs one case; `Some` describes what went wrong.
fn run_case(spec: NetworkSpec) -> Result<Option<String>, Box<dyn Error>> {
    let label = format!(
        "{} {:?} residual={} norm={:?} seed={}",
        spec.activation.name(),
        spec.init,
        spec.residual,
        spec.norm,
        spec.seed
    );
    let network = Network::new(spec)?;
    if let Err(problem) = replica_matches(&network).and_then(|()| analytic(&network).map(|_| ())) {
        return Ok(Some(format!("{label}: {problem}")));
    }
    let report = check(&network, &analytic(&network)?);
    let total = report.checked + report.skipped;
    if (report.checked as f64) < MIN_CHECKED * total as f64 {
        return Ok(Some(format!(
            "{label}: only {} of {total} weights could be checked away from kinks",
            report.checked
        )));
    }
    Ok((!report.failures.is_empty()).then(|| {
        format!(
            "{label}: {} of {} weights differ:\n    {}",
            report.failures.len(),
            report.checked,
            report.failures.join("\n    ")
        )
    }))
}

#[test]
fn backward_matches_central_differences_for_every_activation() -> TestResult {
    let inits = [
        Init::KaimingNormal { gain: 2f64.sqrt() },
        Init::XavierUniform { gain: 1.0 },
    ];
    let mut problems = Vec::new();
    let mut cases = 0u64;
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        for residual in [false, true] {
            for norm in [Norm::None, Norm::Batch, Norm::Layer] {
                for init in inits {
                    cases += 1;
                    let spec = spec(
                        Activation::with_defaults(kind)?,
                        init,
                        residual,
                        norm,
                        cases,
                    );
                    problems.extend(run_case(spec)?);
                }
            }
        }
    }
    // Every scalar kind of the catalogue (23 in the first wave) × residual × norm × init.
    let kinds = Kind::ALL.into_iter().filter(|k| k.is_scalar()).count() as u64;
    assert!(kinds >= 23, "{kinds} scalar kinds");
    assert_eq!(cases, kinds * 2 * 3 * 2);
    assert!(
        problems.is_empty(),
        "{} cases failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
    Ok(())
}

#[test]
fn backward_matches_central_differences_for_every_initialiser() -> TestResult {
    // Smooth activations only, so that zeros and constant init (every z equal, often exactly
    // on a kink) can be checked too; sigmoid makes the zeros case non-trivial (a = ½).
    let inits = [
        Init::Zeros,
        Init::Constant { value: 0.1 },
        Init::Normal { std: 0.5 },
        Init::Uniform { limit: 0.8 },
        Init::XavierNormal { gain: 1.0 },
        Init::XavierUniform { gain: 1.0 },
        Init::KaimingNormal { gain: 2f64.sqrt() },
        Init::KaimingUniform { gain: 2f64.sqrt() },
        Init::LecunNormal { gain: 1.0 },
        Init::Orthogonal { gain: 1.0 },
    ];
    let mut problems = Vec::new();
    let mut seed = 1000;
    for activation in [Activation::Sigmoid, Activation::Tanh, Activation::Gelu] {
        for init in inits {
            for residual in [false, true] {
                seed += 1;
                let spec = spec(activation.clone(), init, residual, Norm::None, seed);
                problems.extend(run_case(spec)?);
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} cases failed:\n{}",
        problems.len(),
        problems.join("\n")
    );
    Ok(())
}

#[test]
fn checker_rejects_wrong_gradients() -> TestResult {
    // The check must have teeth: feed it gradients with the mistakes a backward pass makes and
    // see each one flagged on most weights.
    let network = Network::new(spec(
        Activation::Tanh,
        Init::XavierNormal { gain: 1.0 },
        true,
        Norm::Layer,
        7,
    ))?;
    let grads = analytic(&network)?;
    let width = network.spec.width;
    let total = grads.iter().map(Vec::len).sum::<usize>();
    assert!(check(&network, &grads).failures.is_empty());
    // A 0.5% error in every entry (a constant slightly off in a derivative).
    let scaled: Vec<Vec<f32>> = grads
        .iter()
        .map(|g| g.iter().map(|v| v * 1.005).collect())
        .collect();
    // ∂L/∂Wᵀ instead of ∂L/∂W (the operands of a product swapped).
    let transposed: Vec<Vec<f32>> = grads
        .iter()
        .map(|g| {
            (0..g.len())
                .map(|k| g[(k % width) * width + k / width])
                .collect()
        })
        .collect();
    // The gradient of the same weights and inputs with the skip connections left out.
    let mut plain = network.clone();
    plain.spec.residual = false;
    plain.mlp.residual = false;
    let without_skips = analytic(&plain)?;
    for (what, wrong) in [
        ("scaled by 1.005", scaled),
        ("transposed", transposed),
        ("without skips", without_skips),
    ] {
        let failures = check(&network, &wrong).failures.len();
        assert!(
            failures > total / 2,
            "{what}: only {failures} of {total} flagged"
        );
    }
    Ok(())
}
