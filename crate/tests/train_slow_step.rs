//! One training step in slow motion (issue #14): it is the step the run would take anyway, and
//! each stage's numbers hold what theory says of them (SGD's update is η times the gradient, a
//! zero network's loss is ln 2 and its output δ ½/B, a small step descends, δ vanishes through
//! a deep sigmoid network and skips carry it).

use activation_lab::train::slow::{SlowStep, Stage};
use activation_lab::train::{TrainSpec, Trainer};
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

fn spec(query: &str) -> Result<TrainSpec, Box<dyn Error>> {
    let mut specs = Config::parse(&format!("view=train&{query}"))?.train_specs()?;
    match specs.len() {
        1 => Ok(specs.remove(0)),
        n => Err(format!("{query}: expected one racer, got {n}").into()),
    }
}

fn slow(run: &mut Trainer) -> Result<SlowStep, Box<dyn Error>> {
    run.step_slowly(10).ok_or_else(|| "no slow step".into())
}

#[test]
fn the_slow_step_is_the_step_the_run_takes_anyway() -> TestResult {
    for query in [
        "dataset=spiral&activation=tanh&hidden=8,8&optimizer=adam&learning-rate=0.01",
        "dataset=moons&activation=relu&hidden=8x4&residual=true&norm=batch&optimizer=momentum",
        "dataset=xor&activation=prelu&learned=per-unit&hidden=4,3&norm=layer",
    ] {
        let mut plain = Trainer::new(spec(query)?)?;
        let mut slowly = plain.clone();
        // Steps 1–9 plainly on both, then step 10 (a record follows it) and 11 one way each.
        plain.run(9, 10);
        slowly.run(9, 10);
        for _ in 0..2 {
            plain.run(1, 10);
            slow(&mut slowly)?;
            assert_eq!(plain.steps, slowly.steps, "{query}");
            assert_eq!(plain.model, slowly.model, "{query}: the networks differ");
            assert_eq!(plain.history, slowly.history, "{query}: the records differ");
        }
        // And the next plain step still agrees: the batch order and the optimiser state moved alike.
        plain.run(5, 10);
        slowly.run(5, 10);
        assert_eq!(plain.model, slowly.model, "{query}: later steps differ");
    }
    Ok(())
}

#[test]
fn sgd_moves_each_layer_by_the_learning_rate_times_its_gradient() -> TestResult {
    let eta = 0.05;
    let query = format!(
        "dataset=circles&activation=tanh&hidden=6,5&optimizer=sgd&learning-rate={eta}&weight-decay=0"
    );
    let mut run = Trainer::new(spec(&query)?)?;
    let step = slow(&mut run)?;
    assert_eq!(step.layers.len(), 3);
    for (l, layer) in step.layers.iter().enumerate() {
        assert!(layer.gradient_norm > 0.0, "layer {l} got no gradient");
        let expected = eta * layer.gradient_norm;
        let error = (layer.update_norm - expected).abs() / expected;
        assert!(
            error < 1e-5,
            "layer {l}: ‖ΔW‖ {} against η‖∂L/∂W‖ {expected}",
            layer.update_norm
        );
    }
    Ok(())
}

#[test]
fn a_zero_network_starts_at_ln_2_with_half_over_b_at_the_output() -> TestResult {
    let batch = 16;
    let mut run = Trainer::new(spec(&format!(
        "dataset=moons&activation=tanh&hidden=4,4&init=zeros&batch-size={batch}&optimizer=sgd"
    ))?)?;
    let step = slow(&mut run)?;
    assert_eq!(step.batch, batch);
    // Every logit is 0: p = ½ for every example, BCE = ln 2, δ_out = (½ − y)/B = ±½/B.
    assert!(
        (step.loss - std::f64::consts::LN_2).abs() < 1e-7,
        "{}",
        step.loss
    );
    let out = step.layers.last().ok_or("no layers")?;
    assert_eq!((out.mean, out.std), (0.0, 0.0));
    let expected = 0.5 / batch as f64;
    assert!((out.delta_rms - expected).abs() < 1e-9, "{}", out.delta_rms);
    // With every weight 0, nothing reaches the hidden layers: δ there is exactly 0.
    for hidden in &step.layers[..2] {
        assert_eq!(hidden.delta_rms, 0.0);
        assert_eq!(hidden.weight_norm, 0.0);
    }
    Ok(())
}

#[test]
fn a_small_step_descends_by_about_eta_times_the_squared_gradient() -> TestResult {
    let eta = 1e-3;
    let mut run = Trainer::new(spec(&format!(
        "dataset=spiral&activation=tanh&hidden=8,8&optimizer=sgd&learning-rate={eta}"
    ))?)?;
    for _ in 0..3 {
        let step = slow(&mut run)?;
        let squared: f64 = step.layers.iter().map(|l| l.gradient_norm.powi(2)).sum();
        let drop = step.loss - step.loss_after;
        // First order: L(θ − ηg) ≈ L − η‖g‖²; the biases' part of ‖g‖² only adds to the drop.
        assert!(
            drop > 0.9 * eta * squared,
            "loss {} → {}, η‖g_W‖² {}",
            step.loss,
            step.loss_after,
            eta * squared
        );
    }
    Ok(())
}

#[test]
fn a_full_batch_step_sees_the_loss_the_record_shows() -> TestResult {
    let mut run = Trainer::new(spec(
        "dataset=xor&activation=sigmoid&hidden=5&batch-size=1000&samples=200",
    )?)?;
    let recorded = run.history.train_loss[0];
    let step = slow(&mut run)?;
    assert_eq!(step.batch, run.data.train.len());
    assert!(
        (step.loss - recorded).abs() < 1e-6 * recorded,
        "{} against {recorded}",
        step.loss
    );
    Ok(())
}

/// δ at the first hidden layer over δ at the output layer.
fn first_over_output(query: &str) -> Result<f64, Box<dyn Error>> {
    let mut run = Trainer::new(spec(query)?)?;
    let step = slow(&mut run)?;
    let first = step.layers[0].delta_rms;
    let output = step.layers.last().ok_or("no layers")?.delta_rms;
    Ok(first / output)
}

#[test]
fn delta_vanishes_through_twenty_sigmoid_layers_and_skips_carry_it() -> TestResult {
    let deep = "dataset=spiral&activation=sigmoid&hidden=16x20&init=xavier_normal";
    let plain = first_over_output(deep)?;
    // Each sigmoid layer multiplies δ by at most ¼·|W|: twenty of them leave under 1e-6 of it.
    assert!(plain < 1e-6, "plain: {plain:e}");
    let skips = first_over_output(&format!("{deep}&residual=true"))?;
    assert!(skips > 1e-2, "with skips: {skips:e}");
    Ok(())
}

#[test]
fn stages_go_forward_then_loss_then_backward_then_update() -> TestResult {
    let mut run = Trainer::new(spec("dataset=moons&activation=relu&hidden=4,4")?)?;
    let stages = slow(&mut run)?.stages();
    use Stage::{Backward, Forward, Loss, Update};
    assert_eq!(
        stages,
        vec![
            Forward(0),
            Forward(1),
            Forward(2),
            Loss,
            Backward(2),
            Backward(1),
            Backward(0),
            Update
        ]
    );
    Ok(())
}

#[test]
fn a_diverged_run_has_no_slow_step() -> TestResult {
    let mut run = Trainer::new(spec(
        "dataset=sine&activation=relu&hidden=8,8&optimizer=sgd&learning-rate=10&init=normal",
    )?)?;
    run.run(500, 10);
    assert!(run.diverged_at.is_some(), "the run did not diverge");
    assert!(run.step_slowly(10).is_none());
    Ok(())
}
