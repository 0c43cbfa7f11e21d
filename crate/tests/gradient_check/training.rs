//! The training lab's pass (batch-inner, with a head and its loss) against central
//! differences: every head × tanh, relu and learned PReLU, Swish, APL and typed formulas'
//! letters (per layer and per unit); the same with skips and batch or layer norm; and every
//! scalar activation × skips on and off × no, batch and layer norm.
//!
//! Gradient check (convnetjs / cs231n "gradient checks"). The model computes in f32, so the
//! quotient (L(p + h) − L(p − h)) / 2h is taken on the model's own loss (`Model::gradient`'s
//! return value) with h = 3e-3, dividing by the exact step between the two f32 values:
//! truncation h²·|L‴|/6 ~ 1e-6 and rounding ε₃₂·|L|/h ~ 2e-5 against entries of 1e-2..1, so
//! each entry is held to 0.2 % of itself plus 2e-4 of the case's largest entry (the correct
//! code's worst entry uses a tenth of that). A factor error anywhere fails: PReLU's ∂f/∂a
//! doubled, or the softmax gradient scaled by 0.5, 1.05 or even 1.01, each fails this check.
//! Kinks (ReLU, PReLU at 0; APL at 0 and each b_s) have no derivative, and a quotient
//! straddling one measures a chord: an f64 replica of the forward pass, written here from the
//! equations `mlp/mod.rs` and `model.rs` document and first required to reproduce the model's loss to 1e-5,
//! tells which pre-activations change side of a kink between p − h, p and p + h; those
//! parameters are skipped, and each case must still compare ≥ 75 % of its parameters and at
//! least one of every kind (W, b and each learned parameter).
//!
//! Normalisation in training has PyTorch's learned γ and β (`affine`), so each normalised case
//! also compares ∂L/∂γ and ∂L/∂β (the replica applies γ·ẑ + β after normalising).
//!
//! With skips or normalisation the quotient is taken on the f64 replica instead (step
//! `H_REPLICA`): over 6 examples batch norm makes a quotient of the f32 loss too coarse (see
//! `layers.rs`).

use crate::common::{kinks, roles};
use crate::TestResult;
use activation_lab::norm::Norm;
use activation_lab::train::dataset::{Examples, Task};
use activation_lab::train::model::{LayerActivation, Model, Scratch};
use activation_lab::train::{TrainSpec, Trainer};
use activation_lab::{Activation, Config, Kind};
use std::error::Error;

/// The finite-difference step on the model's f32 loss.
const H: f32 = 3e-3;
/// Relative tolerance of each gradient entry.
const RTOL: f64 = 2e-3;
/// Absolute floor, as a share of the case's largest entry.
const ATOL: f64 = 2e-4;
/// Share of the parameters each case must compare away from kinks.
const MIN_CHECKED: f64 = 0.75;
/// Examples in a gradient-check batch.
const BATCH: usize = 6;

/// A typed formula with one learned parameter (swish with β renamed k).
const SIGMOID_GATE: &str = "x*sigmoid(k*x)";
/// One with two, and a kink at 0 (a ≠ 1).
const HINGE_TANH: &str = "max(x,a*x)+b*tanh(x)";

/// The one spec of a single-activation train query.
fn spec(query: &str) -> Result<TrainSpec, Box<dyn Error>> {
    let mut specs = Config::parse(&format!("view=train&{query}"))?.train_specs()?;
    match specs.len() {
        1 => Ok(specs.remove(0)),
        n => Err(format!("{query}: expected one racer, got {n}").into()),
    }
}

/// A fresh trainer for a single-activation train query.
fn trainer(query: &str) -> Result<Trainer, Box<dyn Error>> {
    Ok(Trainer::new(spec(query)?)?)
}

/// splitmix64 as a uniform in [−1, 1): deterministic perturbations without the crate's RNG.
fn uniform(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The f64 replica's loss and, per pre-activation, which piece between its kinks it is on.
struct Replica {
    loss: f64,
    pieces: Vec<usize>,
}

/// Which piece between `kinks` z is on; a z within 1e-6 of a kink counts as on it (odd).
fn piece(z: f64, kinks: &[f64]) -> usize {
    kinks
        .iter()
        .map(|&k| {
            if (z - k).abs() < 1e-6 {
                1
            } else if z > k {
                2
            } else {
                0
            }
        })
        .sum()
}

/// The forward pass and loss in f64 from the equations in `mlp/mod.rs` and `model.rs`:
/// z = a·W + b (W row-major fan_in × fan_out); on a hidden layer, ẑ normalised with PyTorch's
/// eps (batch norm: a unit over the examples; layer norm: an example over the units), a = f(ẑ)
/// from each activation's definition, plus the layer's input with skips where fan_in equals
/// fan_out; and the heads' losses as torch defines them (BCEWithLogitsLoss, CrossEntropyLoss,
/// MSELoss; mean over the batch).
fn replica(model: &Model, params: &[f64], examples: &Examples) -> Result<Replica, String> {
    let batch = examples.len();
    let mut previous: Vec<f64> = examples.inputs.iter().map(|v| f64::from(*v)).collect();
    let mut pieces = Vec::new();
    for layer in &model.layers {
        let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
        let w = &params[layer.weights..layer.weights + fan_in * fan_out];
        let b = &params[layer.biases..layer.biases + fan_out];
        let mut z = vec![0.0; batch * fan_out];
        for i in 0..batch {
            for j in 0..fan_out {
                z[i * fan_out + j] = b[j]
                    + (0..fan_in)
                        .map(|k| previous[i * fan_in + k] * w[k * fan_out + j])
                        .sum::<f64>();
            }
        }
        let hidden = layer.activation.is_some();
        if hidden {
            crate::normalise(&mut z, model.norm, batch, fan_out);
        }
        // PyTorch's affine batch and layer norm: y = γ_j·ẑ + β_j per unit j.
        if let Some(start) = layer.affine {
            for (k, z) in z.iter_mut().enumerate() {
                let j = k % fan_out;
                *z = params[start + j] * *z + params[start + fan_out + j];
            }
        }
        let skip = model.residual && hidden && fan_in == fan_out;
        let mut a = vec![0.0; batch * fan_out];
        for i in 0..batch {
            for j in 0..fan_out {
                let z = z[i * fan_out + j];
                let (value, kinks): (f64, Vec<f64>) = match &layer.activation {
                    None => (z, Vec::new()),
                    Some(LayerActivation::Fixed {
                        activation: Activation::Tanh,
                        ..
                    }) => (z.tanh(), Vec::new()),
                    Some(LayerActivation::Fixed {
                        activation: Activation::Relu,
                        ..
                    }) => (z.max(0.0), vec![0.0]),
                    // Every other activation from its catalogue definition in f64 (checked
                    // against mpmath in activation_reference.rs), kinks from the definitions.
                    Some(LayerActivation::Fixed { activation: f, .. }) => (f.value(z), kinks(f)),
                    Some(LayerActivation::Learned {
                        learnable,
                        offset,
                        slots,
                    }) => {
                        let count = learnable.count();
                        let start = offset + if *slots == 1 { 0 } else { j * count };
                        let p = &params[start..start + count];
                        match learnable.kind() {
                            // He et al. 2015: f = x for x > 0, a·x otherwise.
                            Kind::Prelu => (if z > 0.0 { z } else { p[0] * z }, vec![0.0]),
                            // Ramachandran et al. 2017: f = x·σ(βx).
                            Kind::Swish => (z * sigmoid(p[0] * z), Vec::new()),
                            // Agostinelli et al. 2015: max(0, x) + Σ a_s·max(0, −x + b_s).
                            Kind::Apl => {
                                let (a_s, b_s) = p.split_at(count / 2);
                                let value = z.max(0.0)
                                    + a_s
                                        .iter()
                                        .zip(b_s)
                                        .map(|(a, b)| a * (b - z).max(0.0))
                                        .sum::<f64>();
                                (
                                    value,
                                    std::iter::once(0.0).chain(b_s.iter().copied()).collect(),
                                )
                            }
                            // Typed formulas, each written out by hand here (not through the
                            // formula's own tapes).
                            Kind::Custom => match learnable.formula().map(|f| f.source()) {
                                Some(SIGMOID_GATE) => (z * sigmoid(p[0] * z), Vec::new()),
                                Some(HINGE_TANH) => (z.max(p[0] * z) + p[1] * z.tanh(), vec![0.0]),
                                other => return Err(format!("no replica for formula {other:?}")),
                            },
                            other => return Err(format!("no replica for learned {other:?}")),
                        }
                    }
                };
                if hidden {
                    pieces.push(piece(z, &kinks));
                }
                let input = if skip { previous[i * fan_in + j] } else { 0.0 };
                a[i * fan_out + j] = value + input;
            }
        }
        previous = a;
    }
    let outputs = model.task.outputs();
    let loss = previous
        .chunks_exact(outputs)
        .zip(&examples.targets)
        .map(|(z, y)| {
            let y = f64::from(*y);
            match model.task {
                Task::Binary => (1.0 + z[0].exp()).ln() - y * z[0],
                Task::MultiClass(_) => z.iter().map(|v| v.exp()).sum::<f64>().ln() - z[y as usize],
                Task::Regression => (z[0] - y).powi(2),
            }
        })
        .sum::<f64>()
        / batch as f64;
    Ok(Replica { loss, pieces })
}

/// The first `count` training examples.
fn first(examples: &Examples, count: usize) -> Examples {
    Examples {
        inputs: examples.inputs[..count * examples.dims].to_vec(),
        targets: examples.targets[..count].to_vec(),
        dims: examples.dims,
    }
}

/// What one gradient-check case found: the failures, and checked/total per role.
struct Check {
    failures: Vec<String>,
    checked: usize,
    total: usize,
    unchecked_roles: Vec<String>,
}

impl Check {
    /// Why the case proves too little, labelled: under MIN_CHECKED of its slots compared, or
    /// a role (weights, biases, a learned parameter) never compared.
    fn coverage_failures(&self, label: &str) -> Vec<String> {
        let mut failures = Vec::new();
        if (self.checked as f64) < MIN_CHECKED * self.total as f64 {
            failures.push(format!(
                "{label}: only {}/{} compared",
                self.checked, self.total
            ));
        }
        if !self.unchecked_roles.is_empty() {
            failures.push(format!("{label}: no {:?} compared", self.unchecked_roles));
        }
        failures
    }
}

/// Checks `Model::gradient` of the model a query builds, with every parameter perturbed off
/// its initial value (so per-unit slots differ and biases are not all 0), on a small batch.
fn gradient_check(query: &str) -> Result<Check, Box<dyn Error>> {
    gradient_check_with(query, false, Norm::None)
}

/// The finite-difference step on the f64 replica's loss, where normalisation is checked: over
/// 6 examples batch norm makes the f32 loss's quotient too coarse (see gradient_check.rs), so
/// the quotient is taken on the replica, which first reproduces the model's loss to 1e-5; with
/// h = 1e-5 in f64 it is exact to ~1e-10.
const H_REPLICA: f64 = 1e-5;

/// [`gradient_check`] of the model with skip connections (`residual`) and normalisation
/// `norm`; with either, the quotients are taken on the f64 replica.
fn gradient_check_with(query: &str, residual: bool, norm: Norm) -> Result<Check, Box<dyn Error>> {
    let on_replica = residual || norm != Norm::None;
    let query = format!("{query}&residual={residual}&norm={norm}");
    check_trainer(&trainer(&query)?, &query, on_replica)
}

/// The gradient check of a run's model (with the skips and normalisation, learned γ and β
/// included, its spec set), its quotients taken on the f64 replica (`on_replica`, step
/// [`H_REPLICA`]) or on the model's own f32 loss (step `H`).
fn check_trainer(run: &Trainer, query: &str, on_replica: bool) -> Result<Check, Box<dyn Error>> {
    let mut model = run.model.clone();
    let mut state = 7;
    for p in &mut model.params {
        *p += (0.2 * uniform(&mut state)) as f32;
    }
    let examples = first(&run.data.train, BATCH);
    let mut scratch = Scratch::default();
    let mut grads = vec![0.0; model.params.len()];
    let loss = model.gradient(
        &examples.inputs,
        &examples.targets,
        &mut grads,
        &mut scratch,
    );
    let params64: Vec<f64> = model.params.iter().map(|p| f64::from(*p)).collect();
    let base = replica(&model, &params64, &examples)?;
    if (base.loss - loss).abs() > 1e-5 * loss.abs().max(1.0) {
        return Err(format!("{query}: replica loss {} ≠ model loss {loss}", base.loss).into());
    }
    let roles = roles(&model);
    let mut quotients = vec![None; model.params.len()];
    let mut scratch_grads = vec![0.0; model.params.len()];
    for i in 0..model.params.len() {
        let p = model.params[i];
        let (up, down) = (p + H, p - H);
        let mut nudged = params64.clone();
        nudged[i] = if on_replica {
            params64[i] + H_REPLICA
        } else {
            f64::from(up)
        };
        let replica_up = replica(&model, &nudged, &examples)?;
        nudged[i] = if on_replica {
            params64[i] - H_REPLICA
        } else {
            f64::from(down)
        };
        let replica_down = replica(&model, &nudged, &examples)?;
        if replica_up.pieces != base.pieces
            || replica_down.pieces != base.pieces
            || base.pieces.iter().any(|p| p % 2 == 1)
        {
            continue;
        }
        if on_replica {
            quotients[i] = Some((replica_up.loss - replica_down.loss) / (2.0 * H_REPLICA));
            continue;
        }
        let mut probe = model.clone();
        probe.params[i] = up;
        let loss_up = probe.gradient(
            &examples.inputs,
            &examples.targets,
            &mut scratch_grads,
            &mut scratch,
        );
        probe.params[i] = down;
        let loss_down = probe.gradient(
            &examples.inputs,
            &examples.targets,
            &mut scratch_grads,
            &mut scratch,
        );
        quotients[i] = Some((loss_up - loss_down) / f64::from(up - down));
    }
    let largest = quotients
        .iter()
        .flatten()
        .fold(0.0f64, |m, q| m.max(q.abs()));
    let mut failures = Vec::new();
    for (i, q) in quotients.iter().enumerate() {
        if let Some(q) = q {
            let g = f64::from(grads[i]);
            if (g - q).abs() > RTOL * q.abs() + ATOL * largest {
                failures.push(format!(
                    "{query}: param {i} ({}): analytic {g:.6e}, quotient {q:.6e}",
                    roles[i]
                ));
            }
        }
    }
    let mut unchecked_roles: Vec<String> = roles
        .iter()
        .filter(|r| {
            !roles
                .iter()
                .zip(&quotients)
                .any(|(s, q)| s == *r && q.is_some())
        })
        .cloned()
        .collect();
    unchecked_roles.dedup();
    Ok(Check {
        failures,
        checked: quotients.iter().flatten().count(),
        total: quotients.len(),
        unchecked_roles,
    })
}

#[test]
fn gradient_matches_central_differences_for_every_head_and_activation() -> TestResult {
    let heads = ["dataset=xor", "dataset=spiral&classes=3", "dataset=sine"];
    let activations = [
        "activation=tanh",
        "activation=relu",
        "activation=prelu&learned=per-layer",
        "activation=prelu&learned=per-unit",
        "activation=swish&learned=per-layer",
        "activation=swish&learned=per-unit",
        "activation=apl&hinges=2&learned=per-layer",
        "activation=apl&hinges=2&learned=per-unit",
        "activation=custom&formula=x*sigmoid(k*x)&formula-params=k:1.5&learned=per-layer",
        "activation=custom&formula=x*sigmoid(k*x)&formula-params=k:1.5&learned=per-unit",
        "activation=custom&formula=max(x,a*x)%2Bb*tanh(x)&formula-params=a:0.2,b:0.5&learned=per-unit",
    ];
    let mut failures = Vec::new();
    for head in heads {
        for activation in activations {
            let query = format!("{head}&{activation}&hidden=4,3&noise=0.1&seed=3");
            let check = gradient_check(&query)?;
            let coverage = check.coverage_failures(&query);
            failures.extend(check.failures);
            failures.extend(coverage);
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

#[test]
fn gradient_matches_central_differences_with_skips_and_normalisation() -> TestResult {
    // hidden=4,4: the second hidden layer has fan_in = fan_out, so it takes a skip.
    let heads = ["dataset=xor", "dataset=spiral&classes=3", "dataset=sine"];
    let activations = [
        "activation=tanh",
        "activation=relu",
        "activation=prelu&learned=per-unit",
        "activation=swish&learned=per-layer",
        "activation=apl&hinges=2&learned=per-unit",
    ];
    let mut failures = Vec::new();
    for head in heads {
        for activation in activations {
            for residual in [false, true] {
                for &norm in Norm::ALL {
                    if !residual && norm == Norm::None {
                        continue;
                    }
                    let query = format!("{head}&{activation}&hidden=4,4&noise=0.1&seed=3");
                    let label = format!("{query} residual={residual} norm={norm:?}");
                    let check = gradient_check_with(&query, residual, norm)?;
                    failures.extend(check.failures.iter().map(|f| format!("{label}: {f}")));
                    failures.extend(check.coverage_failures(&label));
                }
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

#[test]
fn gradient_matches_central_differences_for_every_activation_with_skips_and_norms() -> TestResult {
    let heads = ["dataset=xor", "dataset=spiral&classes=3", "dataset=sine"];
    let mut failures = Vec::new();
    let mut cases = 0;
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        let activation = Activation::with_defaults(kind)?;
        for residual in [false, true] {
            for norm in [Norm::None, Norm::Batch, Norm::Layer] {
                // The heads take turns, so every activation meets each of them.
                let head = heads[cases % heads.len()];
                cases += 1;
                let query = format!("{head}&activation=tanh&hidden=4,4&noise=0.1&seed=3");
                let mut spec = spec(&query)?;
                spec.activations = vec![activation.clone(); spec.hidden.len()];
                spec.residual = residual;
                spec.norm = norm;
                let label = format!("{head} {} residual={residual} norm={norm:?}", kind.name());
                let check = check_trainer(&Trainer::new(spec)?, &label, true)?;
                let coverage = check.coverage_failures(&label);
                failures.extend(check.failures);
                failures.extend(coverage);
            }
        }
    }
    let kinds = Kind::ALL.into_iter().filter(|k| k.is_scalar()).count();
    assert!(kinds >= 23, "{kinds} scalar kinds");
    assert_eq!(cases, kinds * 2 * 3);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}
