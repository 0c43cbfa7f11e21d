//! The training core against theory (its gradient check is in the one suite of the network,
//! `tests/gradient_check/training.rs`): the three heads at zero weights, the optimisers against
//! `torch.optim`'s documented update rules, the datasets against their defining formulas, loss
//! decrease for every dataset × optimiser, divergence as a state, `adapt`, config errors and
//! determinism.

mod common;
use common::roles;

use activation_lab::train::dataset::Data;
use activation_lab::train::model::{Model, Scratch};
use activation_lab::train::optimizer::{Optimizer, OptimizerState};
use activation_lab::train::{race, report, TrainSpec, Trainer};
use activation_lab::Config;
use std::error::Error;
use std::f64::consts::{LN_2, PI};

type TestResult = Result<(), Box<dyn Error>>;

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

/// A model of the query with every weight and bias set to 0, so every output logit is 0.
fn zero_model(query: &str) -> Result<(Model, Data), Box<dyn Error>> {
    let run = trainer(query)?;
    let mut model = run.model;
    model.params.fill(0.0);
    Ok((model, run.data))
}

#[test]
fn heads_at_zero_weights_match_theory() -> TestResult {
    let mut scratch = Scratch::default();
    // BCE of σ(0) = ½ is ln 2 whatever the labels; ∂L/∂b_out = mean(σ(0) − y) (torch
    // BCEWithLogitsLoss).
    let (model, data) = zero_model("dataset=moons&activation=relu&hidden=4")?;
    let loss = model.evaluate(&data.train, &mut scratch).loss;
    if (loss - LN_2).abs() > 1e-12 {
        return Err(format!("binary cross-entropy at zero weights {loss}, expected ln 2").into());
    }
    let mut grads = vec![0.0; model.params.len()];
    let out_bias = model.layers[model.layers.len() - 1].biases;
    model.gradient(
        &data.train.inputs,
        &data.train.targets,
        &mut grads,
        &mut scratch,
    );
    let mean_y = data
        .train
        .targets
        .iter()
        .map(|y| f64::from(*y))
        .sum::<f64>()
        / data.train.len() as f64;
    if (f64::from(grads[out_bias]) - (0.5 - mean_y)).abs() > 1e-6 {
        return Err(format!(
            "binary ∂L/∂b {} ≠ ½ − mean(y) = {}",
            grads[out_bias],
            0.5 - mean_y
        )
        .into());
    }
    // Softmax of k equal logits is 1/k each: CE = ln k, ∂L/∂b_j = 1/k − share of class j.
    for k in 3..=5 {
        for dataset in ["spiral", "gaussians"] {
            let query = format!("dataset={dataset}&classes={k}&activation=tanh&hidden=4");
            let (model, data) = zero_model(&query)?;
            let loss = model.evaluate(&data.train, &mut scratch).loss;
            if (loss - (k as f64).ln()).abs() > 1e-12 {
                return Err(format!("{query}: cross-entropy {loss}, expected ln {k}").into());
            }
            let mut grads = vec![0.0; model.params.len()];
            let out_bias = model.layers[model.layers.len() - 1].biases;
            model.gradient(
                &data.train.inputs,
                &data.train.targets,
                &mut grads,
                &mut scratch,
            );
            for j in 0..k {
                let share = data
                    .train
                    .targets
                    .iter()
                    .filter(|y| **y as usize == j)
                    .count() as f64
                    / data.train.len() as f64;
                let expected = 1.0 / k as f64 - share;
                if (f64::from(grads[out_bias + j]) - expected).abs() > 1e-6 {
                    return Err(
                        format!("{query}: ∂L/∂b_{j} {} ≠ {expected}", grads[out_bias + j]).into(),
                    );
                }
            }
        }
    }
    // MSE of a zero prediction is mean(y²); ∂L/∂b = mean(2(0 − y)) = −2·mean(y) (torch MSELoss).
    let (model, data) = zero_model("dataset=sine&noise=0.1&activation=relu&hidden=4")?;
    let loss = model.evaluate(&data.train, &mut scratch).loss;
    let targets: Vec<f64> = data.train.targets.iter().map(|y| f64::from(*y)).collect();
    let mean_square = targets.iter().map(|y| y * y).sum::<f64>() / targets.len() as f64;
    if (loss - mean_square).abs() > 1e-12 * mean_square.max(1.0) {
        return Err(
            format!("MSE at zero weights {loss}, expected mean(y²) = {mean_square}").into(),
        );
    }
    let mut grads = vec![0.0; model.params.len()];
    let out_bias = model.layers[model.layers.len() - 1].biases;
    model.gradient(
        &data.train.inputs,
        &data.train.targets,
        &mut grads,
        &mut scratch,
    );
    let expected = -2.0 * targets.iter().sum::<f64>() / targets.len() as f64;
    if (f64::from(grads[out_bias]) - expected).abs() > 1e-6 {
        return Err(format!("MSE ∂L/∂b {} ≠ −2·mean(y) = {expected}", grads[out_bias]).into());
    }
    Ok(())
}

/// Asserts `got` is within `tol` (relative) of `expected`, entry by entry.
fn close(what: &str, got: &[f32], expected: &[f64], tol: f64) -> TestResult {
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        if (f64::from(*g) - e).abs() > tol * e.abs().max(1e-12) {
            return Err(format!("{what}[{i}]: got {g}, expected {e}").into());
        }
    }
    Ok(())
}

#[test]
fn optimizers_follow_torch_optim_update_rules() -> TestResult {
    let start = [1.0f32, -2.0, 0.5];
    let grads = [0.3f32, -0.7, 40.0];
    let lr = 0.1;
    let keep = [false; 3];
    // SGD (torch.optim.SGD): p ← p − lr·g.
    let mut p = start;
    OptimizerState::new(Optimizer::Sgd, 3).step(&mut p, &grads, &keep, lr, 0.0);
    let moved: Vec<f32> = start.iter().zip(&p).map(|(a, b)| a - b).collect();
    let expected: Vec<f64> = grads.iter().map(|g| 0.1 * f64::from(*g)).collect();
    close("sgd step", &moved, &expected, 1e-5)?;
    // Momentum (torch.optim.SGD, momentum = 0.9, dampening 0): v₁ = g, v₂ = 0.9g + g; after two
    // equal gradients p has moved lr·g·(1 + 1.9).
    let mut p = start;
    let mut momentum = OptimizerState::new(Optimizer::Momentum, 3);
    momentum.step(&mut p, &grads, &keep, lr, 0.0);
    momentum.step(&mut p, &grads, &keep, lr, 0.0);
    let moved: Vec<f32> = start.iter().zip(&p).map(|(a, b)| a - b).collect();
    let expected: Vec<f64> = grads.iter().map(|g| 0.1 * f64::from(*g) * 2.9).collect();
    close("momentum after two steps", &moved, &expected, 1e-5)?;
    // Adam (torch.optim.Adam): after one step m̂ = g and v̂ = g², so p moves lr·g/(|g| + ε)
    // ≈ lr·sign(g) whatever |g| is (ε = 1e-8 is 1e-5 of the smallest |g| here).
    let mut p = start;
    let small = [1e-3f32, -0.7, 40.0];
    OptimizerState::new(Optimizer::Adam, 3).step(&mut p, &small, &keep, lr, 0.0);
    let moved: Vec<f32> = start.iter().zip(&p).map(|(a, b)| a - b).collect();
    let expected: Vec<f64> = small.iter().map(|g| 0.1 * f64::from(g.signum())).collect();
    close("adam first step", &moved, &expected, 1e-4)?;
    // Two Adam steps with different gradients, against the documented recursion in f64.
    let mut p = start;
    let mut adam = OptimizerState::new(Optimizer::Adam, 3);
    let second = [-0.1f32, -0.7, 5.0];
    adam.step(&mut p, &grads, &keep, lr, 0.0);
    adam.step(&mut p, &second, &keep, lr, 0.0);
    let expected: Vec<f64> = (0..3)
        .map(|i| {
            let (g1, g2) = (f64::from(grads[i]), f64::from(second[i]));
            let (b1, b2, eps) = (0.9f64, 0.999f64, 1e-8);
            let m1 = (1.0 - b1) * g1;
            let v1 = (1.0 - b2) * g1 * g1;
            let first_move = 0.1 * (m1 / (1.0 - b1)) / ((v1 / (1.0 - b2)).sqrt() + eps);
            let m2 = b1 * m1 + (1.0 - b1) * g2;
            let v2 = b2 * v1 + (1.0 - b2) * g2 * g2;
            let second_move = 0.1 * (m2 / (1.0 - b1 * b1)) / ((v2 / (1.0 - b2 * b2)).sqrt() + eps);
            first_move + second_move
        })
        .collect();
    let moved: Vec<f32> = start.iter().zip(&p).map(|(a, b)| a - b).collect();
    close("adam after two steps", &moved, &expected, 1e-4)?;
    // L2 weight decay (torch.optim weight_decay) adds λ·w to a weight's gradient, and here to
    // weights only: with g = 0, a weight moves lr·λ·w (SGD, first momentum step) or lr·sign(w)
    // (Adam's first step), a bias or activation parameter not at all.
    let is_weight = [true, false, true];
    let zero = [0.0f32; 3];
    for &optimizer in Optimizer::ALL {
        let name = optimizer.name();
        let mut p = start;
        OptimizerState::new(optimizer, 3).step(&mut p, &zero, &is_weight, lr, 0.5);
        let moved: Vec<f32> = start.iter().zip(&p).map(|(a, b)| a - b).collect();
        let expected: Vec<f64> = start
            .iter()
            .zip(is_weight)
            .map(|(w, decayed)| match (decayed, optimizer) {
                (false, _) => 0.0,
                (true, Optimizer::Adam) => 0.1 * f64::from(w.signum()),
                (true, _) => 0.1 * 0.5 * f64::from(*w),
            })
            .collect();
        if moved[1] != 0.0 {
            return Err(format!("{name}: weight decay moved a bias by {}", moved[1]).into());
        }
        close(&format!("{name} weight decay"), &moved, &expected, 1e-5)?;
    }
    Ok(())
}

#[test]
fn only_weights_are_marked_for_decay() -> TestResult {
    // hidden 4,3 on 2-D binary data with per-unit PReLU: weights 2·4 + 4·3 + 3·1 = 23, biases
    // 4 + 3 + 1 = 8, slopes 4 + 3 = 7.
    let model = trainer("dataset=xor&activation=prelu&learned=per-unit&hidden=4,3")?.model;
    let weights = model.is_weight.iter().filter(|w| **w).count();
    if (model.params.len(), weights) != (38, 23) {
        return Err(format!(
            "{} parameters of which {weights} weights, expected 38 and 23",
            model.params.len()
        )
        .into());
    }
    for (role, decayed) in roles(&model).iter().zip(&model.is_weight) {
        if (role == "W") != *decayed {
            return Err(format!("a {role} parameter has is_weight = {decayed}").into());
        }
    }
    Ok(())
}

/// One example: its inputs and its target.
type Example = (Vec<f32>, f32);

/// The data of a train query (any network), and all of its examples, train then test.
fn data(query: &str) -> Result<(Data, Vec<Example>), Box<dyn Error>> {
    let data = trainer(&format!("activation=relu&{query}"))?.data;
    let all = [&data.train, &data.test]
        .iter()
        .flat_map(|e| (0..e.len()).map(|i| (e.input(i).to_vec(), e.targets[i])))
        .collect();
    Ok((data, all))
}

/// Every dataset with each class count it takes.
const DATASETS: [&str; 10] = [
    "dataset=xor",
    "dataset=circles",
    "dataset=gaussians",
    "dataset=gaussians&classes=3",
    "dataset=gaussians&classes=5",
    "dataset=moons",
    "dataset=spiral",
    "dataset=spiral&classes=3",
    "dataset=spiral&classes=4",
    "dataset=sine",
];

#[test]
fn datasets_are_seeded_balanced_and_split_as_asked() -> TestResult {
    for dataset in DATASETS {
        let (first, _) = data(&format!("{dataset}&seed=5&noise=0.1"))?;
        let (again, _) = data(&format!("{dataset}&seed=5&noise=0.1"))?;
        let (other, _) = data(&format!("{dataset}&seed=6&noise=0.1"))?;
        if first != again {
            return Err(format!("{dataset}: seed 5 gave two different datasets").into());
        }
        if first.train.inputs == other.train.inputs {
            return Err(format!("{dataset}: seeds 5 and 6 gave the same inputs").into());
        }
        // Train and test sizes: round(n·fraction) held out.
        for (samples, fraction, test_len) in [
            (500, 0.5, 250),
            (101, 0.1, 10),
            (200, 0.25, 50),
            (60, 0.9, 54),
        ] {
            let (d, _) = data(&format!(
                "{dataset}&samples={samples}&test-fraction={fraction}"
            ))?;
            if (d.train.len(), d.test.len()) != (samples - test_len, test_len) {
                return Err(format!(
                    "{dataset} samples={samples} test-fraction={fraction}: {} train + {} test",
                    d.train.len(),
                    d.test.len()
                )
                .into());
            }
        }
        // Each class has n/k examples, ±1.
        if dataset == "dataset=sine" {
            continue;
        }
        let (d, all) = data(&format!("{dataset}&samples=301"))?;
        let k = d.task.outputs().max(2);
        for class in 0..k {
            let count = all.iter().filter(|(_, y)| *y as usize == class).count();
            if (count as f64 - 301.0 / k as f64).abs() > 1.0 {
                return Err(format!("{dataset}: class {class} has {count} of 301").into());
            }
        }
    }
    Ok(())
}

#[test]
fn noiseless_datasets_follow_their_defining_formulas() -> TestResult {
    for dataset in DATASETS {
        for seed in 1..=3 {
            let query = format!("{dataset}&noise=0&seed={seed}");
            let (_, all) = data(&query)?;
            for (x, label) in &all {
                if !x.iter().all(|v| v.is_finite() && v.abs() <= 1.1) || !label.is_finite() {
                    return Err(
                        format!("{query}: example {x:?} → {label} out of [−1.1, 1.1]").into(),
                    );
                }
            }
        }
    }
    let (_, all) = data("dataset=xor&noise=0")?;
    // Playground's XOR: uniform in [−0.95, 0.95]², each coordinate pushed 0.05 away from its
    // axis (so 0.05 ≤ |x|, |y| ≤ 1), class 1 where x·y > 0.
    for (x, label) in &all {
        let padded = x.iter().all(|v| (0.05..=1.0).contains(&v.abs()));
        if !padded || (*label == 1.0) != (x[0] * x[1] > 0.0) {
            return Err(format!("xor: {x:?} labelled {label}").into());
        }
    }
    // Gaussians: class c of K has its centre at 0.6·(cos θ_c, sin θ_c), θ_c = π/4 + 2πc/K, and
    // each coordinate is the centre plus 0.15·g with g ~ N(0, 1) cut at |g| ≤ 2.5: every point
    // within 0.375 of its centre per coordinate, each class's mean at the centre and its std
    // that of the truncated normal, 0.15·√(1 − 2βφ(β)/(2Φ(β) − 1)) at β = 2.5 = 0.1431896 (the
    // textbook truncated-normal variance). Means within 4σ/√n, stds within 4σ/√(2n).
    const TRUNCATED_STD: f64 = 0.143_189_622_951_687;
    for k in [2usize, 3, 5] {
        let (_, all) = data(&format!(
            "dataset=gaussians&classes={k}&noise=0&samples=3000"
        ))?;
        for class in 0..k {
            let theta = PI / 4.0 + 2.0 * PI * class as f64 / k as f64;
            let centre = [0.6 * theta.cos(), 0.6 * theta.sin()];
            let points: Vec<[f64; 2]> = all
                .iter()
                .filter(|(_, label)| *label as usize == class)
                .map(|(x, _)| [f64::from(x[0]), f64::from(x[1])])
                .collect();
            let n = points.len() as f64;
            for axis in 0..2 {
                let offsets: Vec<f64> = points.iter().map(|p| p[axis] - centre[axis]).collect();
                if let Some(far) = offsets.iter().find(|d| d.abs() > 0.375 + 1e-6) {
                    return Err(
                        format!("gaussians K={k} class {class}: {far} from its centre").into(),
                    );
                }
                let mean = offsets.iter().sum::<f64>() / n;
                let std = (offsets.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n).sqrt();
                if mean.abs() > 4.0 * TRUNCATED_STD / n.sqrt()
                    || (std - TRUNCATED_STD).abs() > 4.0 * TRUNCATED_STD / (2.0 * n).sqrt()
                {
                    return Err(format!(
                        "gaussians K={k} class {class} axis {axis}: mean offset {mean}, std {std} (expected 0, {TRUNCATED_STD})"
                    )
                    .into());
                }
            }
        }
    }
    // Circles: a disc of radius 0.5 (class 1) inside a ring of radii 0.7..1 (class 0).
    let (_, all) = data("dataset=circles&noise=0")?;
    for (x, label) in &all {
        let r = f64::from(x[0]).hypot(f64::from(x[1]));
        let ok = if *label == 1.0 {
            r < 0.5
        } else {
            (0.7 - 1e-6..=1.0 + 1e-6).contains(&r)
        };
        if !ok {
            return Err(format!("circles: {x:?} (radius {r}) labelled {label}").into());
        }
    }
    // Sine: y = sin(πx).
    let (_, all) = data("dataset=sine&noise=0")?;
    for (x, y) in &all {
        let expected = (PI * f64::from(x[0])).sin();
        if (f64::from(*y) - expected).abs() > 1e-6 {
            return Err(format!("sine: y({}) = {y}, expected {expected}", x[0]).into());
        }
    }
    // scikit-learn's make_moons: the outer moon (cos t, sin t) and the inner one
    // (1 − cos t, ½ − sin t), t ∈ [0, π]; undoing the documented rescaling (spans x ∈ [−1, 2],
    // y ∈ [−½, 1] centred and scaled by 1.5) puts every point on its unit circle.
    let (_, all) = data("dataset=moons&noise=0")?;
    for (p, label) in &all {
        let (x, y) = (1.5 * f64::from(p[0]) + 0.5, 1.5 * f64::from(p[1]) + 0.25);
        let (cx, cy, upper) = if *label == 0.0 {
            (0.0, 0.0, true)
        } else {
            (1.0, 0.5, false)
        };
        let r = (x - cx).hypot(y - cy);
        if (r - 1.0).abs() > 1e-5 || (upper && y < cy - 1e-5) || (!upper && y > cy + 1e-5) {
            return Err(format!("moons: {p:?} labelled {label} is off its moon").into());
        }
    }
    // cs231n's spiral: (r sin θ, r cos θ) with θ = 4(class + r) and r = linspace(0, 1, N), N
    // the points per class (⌈300/k⌉ here): each class's radii are exactly j/(N − 1), j = 0, 1, ….
    for k in 2..=5 {
        let (_, all) = data(&format!("dataset=spiral&classes={k}&noise=0&samples=300"))?;
        let per_class = 300usize.div_ceil(k);
        let mut steps: Vec<Vec<usize>> = vec![Vec::new(); k];
        for (p, label) in &all {
            let (x, y) = (f64::from(p[0]), f64::from(p[1]));
            let r = x.hypot(y);
            let theta = 4.0 * (f64::from(*label) + r);
            let step = r * (per_class - 1) as f64;
            if r > 1.0 + 1e-6
                || (x - r * theta.sin()).abs() + (y - r * theta.cos()).abs() > 1e-5
                || (step - step.round()).abs() > 1e-4
            {
                return Err(format!("spiral k={k}: {p:?} labelled {label} is off its arm").into());
            }
            steps[*label as usize].push(step.round() as usize);
        }
        for (class, mut steps) in steps.into_iter().enumerate() {
            steps.sort_unstable();
            if steps != (0..steps.len()).collect::<Vec<_>>() {
                return Err(format!("spiral k={k} class {class}: radii steps {steps:?}").into());
            }
        }
    }
    Ok(())
}

#[test]
fn loss_decreases_for_every_dataset_and_optimizer() -> TestResult {
    // Learning rates in each optimiser's usual range; 600 steps of batch 10 on an 8-8 tanh net.
    let optimizers = [("sgd", 0.1), ("momentum", 0.05), ("adam", 0.01)];
    let mut failures = Vec::new();
    for dataset in DATASETS {
        for (optimizer, lr) in optimizers {
            let query = format!(
                "{dataset}&activation=tanh&hidden=8,8&optimizer={optimizer}&learning-rate={lr}&noise=0.1"
            );
            let mut run = trainer(&query)?;
            run.run(600, 600);
            let h = &run.history;
            let (first, last) = (h.train_loss[0], h.train_loss[h.train_loss.len() - 1]);
            if h.steps != [0, 600]
                || run.diverged_at.is_some()
                || last.is_nan()
                || last >= 0.8 * first
            {
                failures.push(format!(
                    "{query}: loss {first} → {last} at steps {:?}",
                    h.steps
                ));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

/// A run that diverges: sine regression at the largest learning rate, recorded every step.
const DIVERGES: &str =
    "view=train&dataset=sine&activation=tanh&hidden=8,8&learning-rate=10&steps=100&record-every=1";

#[test]
fn divergence_is_a_state_not_a_crash() -> TestResult {
    let config = Config::parse(DIVERGES)?;
    let mut runs = race(&config)?;
    let step = runs[0]
        .diverged_at
        .ok_or("learning-rate=10 did not diverge")?;
    let json = report::json(&config, &runs)?;
    if !json.contains(&format!("\"diverged_at\":{step}")) {
        return Err(format!("the JSON does not say diverged_at {step}: {json}").into());
    }
    let run = &mut runs[0];
    if run.steps != step || step >= 100 {
        return Err(format!("diverged at {step} but stopped after {} steps", run.steps).into());
    }
    let sentence = run.divergence().ok_or("no divergence sentence")?;
    if !sentence.starts_with(&format!("diverged at step {step}:"))
        || !sentence.contains("learning rate 10 ")
    {
        return Err(format!("divergence sentence: {sentence}").into());
    }
    let h = &run.history;
    let finite = h
        .train_loss
        .iter()
        .chain(&h.test_loss)
        .all(|l| l.is_finite());
    if h.steps.len() < 2 || h.steps.iter().any(|s| *s >= step) || !finite {
        return Err(format!("records {:?} with losses {:?}", h.steps, h.train_loss).into());
    }
    if run.step() || run.steps != step {
        return Err("a step after divergence trained on".into());
    }
    Ok(())
}

#[test]
fn adapt_keeps_the_run_unless_the_network_changes() -> TestResult {
    let base = "dataset=moons&activation=relu&hidden=8,8&optimizer=sgd&learning-rate=0.1";
    let mut run = trainer(base)?;
    run.run(50, 10);
    let params = run.model.params.clone();
    let records = run.history.steps.len();
    let kept = run.adapt(spec(&format!("{base}&learning-rate=0.01&optimizer=adam"))?)?;
    if !kept || run.steps != 50 || run.model.params != params || run.history.steps.len() != records
    {
        return Err(format!(
            "new learning rate/optimiser: kept {kept}, steps {}",
            run.steps
        )
        .into());
    }
    if run.spec.optimizer != Optimizer::Adam || run.spec.learning_rate != 0.01 {
        return Err("the new spec was not adopted".into());
    }
    run.run(10, 10);
    if run.steps != 60 || run.model.params == params {
        return Err("training did not go on after adapt".into());
    }
    let kept = run.adapt(spec(&format!("{base}&hidden=8,4"))?)?;
    if kept || run.steps != 0 || run.history.steps != [0] || run.model.layers[1].fan_out != 4 {
        return Err(format!("new hidden sizes: kept {kept}, steps {}", run.steps).into());
    }
    Ok(())
}

#[test]
fn a_kept_run_computes_under_its_new_activation() -> TestResult {
    // tanh, then relu on the same weights: the kept run's gradient must be the one a network
    // built under relu computes from those weights (each layer keeps its activation's f32
    // kernel, chosen when the activation is set, and a stale tanh kernel would differ).
    let base = "dataset=moons&hidden=8,8&optimizer=sgd&learning-rate=0.1";
    let mut run = trainer(&format!("{base}&activation=tanh"))?;
    run.run(20, 10);
    let relu = spec(&format!("{base}&activation=relu"))?;
    if !run.adapt(relu.clone())? {
        return Err("the run was not kept".into());
    }
    let mut fresh = Trainer::new(relu)?;
    fresh.model.params.clone_from(&run.model.params);
    let examples = &run.data.train;
    let (inputs, targets) = (
        &examples.inputs[..10 * examples.dims],
        &examples.targets[..10],
    );
    let gradient = |model: &Model| {
        let mut grads = vec![0.0f32; model.params.len()];
        let loss = model.gradient(inputs, targets, &mut grads, &mut Scratch::default());
        (loss, grads)
    };
    let (kept, built) = (gradient(&run.model), gradient(&fresh.model));
    if kept != built {
        return Err(format!("loss {} after adapt, {} built under relu", kept.0, built.0).into());
    }
    let mut tanh = trainer(&format!("{base}&activation=tanh"))?;
    tanh.model.params.clone_from(&run.model.params);
    if gradient(&tanh.model) == built {
        return Err("the check cannot tell tanh from relu on these weights".into());
    }
    Ok(())
}

#[test]
fn config_errors_say_what_is_wrong() -> TestResult {
    let cases = [
        ("dataset=xor&classes=3", "classes=3 needs dataset=spiral or dataset=gaussians: xor has 2 classes", "classes-need-dataset"),
        (
            "hidden=8,8&layer-activations=relu,tanh,relu",
            "layer-activations lists 3 activations for 2 hidden layers (hidden=8,8): give one per layer",
            "layer-count",
        ),
        ("hidden=0", "hidden must be integers in 1..=64, got 0", "out-of-range"),
        ("hidden=8x65", "hidden takes 1..=64 values, got 65", "list-length"),
        ("hidden=65", "hidden must be integers in 1..=64, got 65", "out-of-range"),
        ("learning-rate=0", "learning-rate must be a number in [0.00001, 10], got 0", "out-of-range"),
        ("learning-rate=NaN", "learning-rate must be a number in [0.00001, 10], got NaN", "out-of-range"),
        ("learning-rate=11", "learning-rate must be a number in [0.00001, 10], got 11", "out-of-range"),
    ];
    for (query, sentence, code) in cases {
        match Config::parse(&format!("view=train&{query}")) {
            Ok(_) => return Err(format!("{query} was accepted").into()),
            Err(e) if e.to_string() == sentence && e.code() == code => {}
            Err(e) => {
                return Err(format!(
                    "{query}: \"{e}\" ({}), expected \"{sentence}\" ({code})",
                    e.code()
                )
                .into())
            }
        }
    }
    Ok(())
}

#[test]
fn runs_are_deterministic_for_a_seed() -> TestResult {
    let query = "view=train&dataset=spiral&classes=3&activation=swish,relu&hidden=8,8&optimizer=adam&learning-rate=0.01&steps=200&record-every=20";
    let first = race(&Config::parse(query)?)?;
    let again = race(&Config::parse(query)?)?;
    let other = race(&Config::parse(&format!("{query}&seed=2"))?)?;
    for ((a, b), c) in first.iter().zip(&again).zip(&other) {
        if a.history != b.history || a.model.params != b.model.params {
            return Err(format!("{}: the same seed gave two runs", a.spec.label).into());
        }
        if a.history.train_loss == c.history.train_loss {
            return Err(format!("{}: seeds 1 and 2 gave the same losses", a.spec.label).into());
        }
    }
    Ok(())
}

/// The training step's f32 tanh (a rational approximation) against f64 tanh as the reference
/// (std's `tanh`, correctly rounded to well under an f32 ulp): a relative error of at most
/// 8·u, u = 2⁻²⁴ (so within 8 ulp of f32 at tanh x), for every |x| ≥ 1e-30. An exhaustive run over
/// every positive f32 up to 12 (once, off-line: about a minute) found the worst at x = 5.8463607,
/// 7.33·u; this test samples every 251st f32 of [1e-30, 12] and that point. Below 1e-30 the
/// product x·p goes subnormal and the relative error grows, harmlessly (tanh x = x there to
/// within f32). Also odd, and never beyond ±1, so 1 − a² (its f′) is never negative.
#[test]
fn fast_tanh_is_within_8_ulp_of_tanh() {
    use activation_lab::activation::fast::tanh_f32;
    const U: f64 = 1.0 / (1u64 << 24) as f64;
    let (start, end) = (1e-30f32.to_bits(), 12.0f32.to_bits());
    let sampled = (start..=end).step_by(251).map(f32::from_bits);
    let (mut worst, mut worst_at) = (0.0f64, 0.0f32);
    for x in sampled.chain([5.846_360_7, 12.0]) {
        let approx = tanh_f32(x);
        let exact = f64::from(x).tanh();
        let relative = (f64::from(approx) - exact).abs() / exact;
        if relative > worst {
            (worst, worst_at) = (relative, x);
        }
        assert_eq!(tanh_f32(-x), -approx, "odd at {x}");
        assert!(approx <= 1.0, "bounded at {x}");
    }
    assert!(
        worst <= 8.0 * U,
        "worst relative error {:.3}·u at {worst_at}",
        worst / U
    );
    // The off-line worst case is in the sample: the bound is not loose by more than an ulp.
    assert!(worst > 7.0 * U, "worst {:.3}·u at {worst_at}", worst / U);
    assert_eq!(tanh_f32(f32::MAX), tanh_f32(1e3));
    assert_eq!(tanh_f32(f32::INFINITY), 1.0);
    assert_eq!(tanh_f32(0.0), 0.0);
}

/// One seed gives the same data and the same trained weights on every target: these bits were
/// taken natively, and tests/web.rs asserts the same bits under wasm32 (rand's SmallRng and
/// std's sin/cos differ between the two; the core uses xoshiro256++ and libm instead).
#[test]
fn a_seed_trains_to_the_same_bits_as_in_the_browser() -> TestResult {
    let config = Config::parse(
        "view=train&dataset=moons&activation=relu&hidden=32,32,32&learning-rate=1&noise=0.1",
    )?;
    let mut run = Trainer::new(config.train_specs()?.remove(0))?;
    run.run(200, 50);
    assert_eq!(
        run.data.train.inputs[..4],
        [-0.991_452_8, -0.030_432_848, -0.087_134_05, -0.338_634_5]
    );
    let sum: f64 = run.model.params.iter().map(|p| f64::from(*p)).sum();
    assert_eq!(sum.to_bits(), 13_852_603_497_335_422_720);
    Ok(())
}
