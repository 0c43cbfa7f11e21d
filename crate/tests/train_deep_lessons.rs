//! The deep-network lessons of issue #14, each a preset of the page (core/src/train/presets.rs)
//! with its contrast (the same run with the one setting the lesson is about changed), asserted at
//! the config's fixed seed (1).
//!
//! Chance is computed from the data (the larger class's share of the test set, 1/2 for the
//! balanced 2-class spiral), not taken from a run. The vanishing gradient is the chain rule's:
//! through L sigmoid layers the first layer's gradient carries a product of L factors
//! f′ ≤ 1/4, so without skips it is many orders of magnitude below the last layer's, and the
//! lesson's quoted magnitude (about 10⁻¹⁴ for 20 sigmoid layers, 10⁻⁹ for 20 tanh layers at
//! std 0.1) is held to within one order of magnitude. With skips ∂a_l/∂a_(l−1) = I + …, so the
//! gradient reaches the first layer at the last layer's order.

use activation_lab::train::presets::{Preset, PRESETS};
use activation_lab::train::Trainer;
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

fn preset(id: &str) -> Result<&'static Preset, String> {
    PRESETS
        .iter()
        .find(|p| p.id == id)
        .ok_or(format!("no preset {id}"))
}

/// The one racer of a query, trained for its steps.
fn trained(query: &str) -> Result<Trainer, Box<dyn Error>> {
    let config = Config::parse(query)?;
    let mut specs = config.train_specs()?;
    if specs.len() != 1 {
        return Err(format!("{query}: {} racers", specs.len()).into());
    }
    let mut run = Trainer::new(specs.remove(0))?;
    run.run(config.steps, config.record_every);
    if let Some(sentence) = run.divergence() {
        return Err(format!("{query}: {sentence}").into());
    }
    Ok(run)
}

/// The preset's run and its contrast's.
fn both(id: &str) -> Result<(Trainer, Trainer), Box<dyn Error>> {
    let preset = preset(id)?;
    let contrast = preset.contrast.ok_or(format!("{id} has no contrast"))?;
    Ok((trained(preset.query)?, trained(contrast)?))
}

/// The larger class's share of the test set: what always guessing it scores.
fn chance(run: &Trainer) -> f64 {
    let targets = &run.data.test.targets;
    let ones = targets.iter().filter(|t| **t > 0.5).count() as f64;
    let n = targets.len() as f64;
    (ones / n).max(1.0 - ones / n)
}

fn final_accuracy(run: &Trainer) -> Result<f64, Box<dyn Error>> {
    run.history
        .test_accuracy
        .last()
        .copied()
        .flatten()
        .ok_or_else(|| "no test accuracy".into())
}

/// The first layer's ‖∂L/∂W‖ at each record after step 0 (no gradient before the first step).
fn first_layer_gradients(run: &Trainer) -> Vec<f64> {
    run.history.grad_norms[1..].iter().map(|g| g[0]).collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Asserts a skip/norm lesson: `learns` ends at least `accuracy`, `stuck` within 0.05 of chance,
/// the first layer's median gradient at least `ratio` times larger with the fix, and the stuck
/// run's within a decade of `quoted`.
fn assert_rescue(id: &str, accuracy: f64, ratio: f64, quoted: Option<f64>) -> TestResult {
    let (learns, stuck) = both(id)?;
    let chance = chance(&learns);
    assert!(
        (chance - 0.5).abs() < 0.05,
        "{id}: the spiral is balanced ({chance})"
    );
    let (good, bad) = (final_accuracy(&learns)?, final_accuracy(&stuck)?);
    assert!(
        good >= accuracy,
        "{id}: learns to {good}, expected ≥ {accuracy}"
    );
    assert!(
        (bad - chance).abs() <= 0.05,
        "{id}: contrast at {bad}, chance {chance}"
    );
    let (g_good, g_bad) = (
        median(first_layer_gradients(&learns)),
        median(first_layer_gradients(&stuck)),
    );
    assert!(
        g_good >= ratio * g_bad,
        "{id}: first-layer gradient {g_good:e} vs {g_bad:e}"
    );
    if let Some(quoted) = quoted {
        assert!(
            g_bad > quoted / 10.0 && g_bad < quoted * 10.0,
            "{id}: contrast's first-layer gradient {g_bad:e}, the claim says about {quoted:e}"
        );
    }
    Ok(())
}

#[test]
fn skip_connections_rescue_a_deep_sigmoid_network() -> TestResult {
    assert_rescue("deep-sigmoid-skips", 0.7, 1e9, Some(1e-14))
}

#[test]
fn skip_connections_rescue_a_deep_tanh_network() -> TestResult {
    assert_rescue("deep-tanh-skips", 0.9, 1e5, Some(1e-9))
}

#[test]
fn batch_norm_lets_the_plain_deep_network_learn() -> TestResult {
    assert_rescue("deep-sigmoid-batch-norm", 0.9, 1e9, None)
}

#[test]
fn residual_connections_fix_the_fifty_layer_relu_network() -> TestResult {
    let (learns, stuck) = both("deep-relu-skips")?;
    assert!(final_accuracy(&learns)? >= 0.9);
    assert!((final_accuracy(&stuck)? - chance(&stuck)).abs() <= 0.05);
    Ok(())
}

#[test]
fn he_init_trains_relu_at_depth_ten_but_not_fifty() -> TestResult {
    let (shallow, deep) = both("deep-relu-depth")?;
    assert_eq!(shallow.model.hidden_layers(), 10);
    assert_eq!(deep.model.hidden_layers(), 50);
    let shallow_accuracy = final_accuracy(&shallow)?;
    assert!(shallow_accuracy >= 0.9, "depth 10: {shallow_accuracy}");
    let deep_accuracy = final_accuracy(&deep)?;
    assert!(
        (deep_accuracy - chance(&deep)).abs() <= 0.05,
        "depth 50: {deep_accuracy}"
    );
    Ok(())
}

/// The share of dead units over every hidden layer (all 32 wide) at each record.
fn dead_share(run: &Trainer) -> Vec<f64> {
    run.history
        .dead_fraction
        .iter()
        .map(|layers| layers.iter().sum::<f64>() / layers.len() as f64)
        .collect()
}

#[test]
fn dead_relus_appear_within_the_first_steps_at_a_large_learning_rate() -> TestResult {
    let (fast, slow) = both("dead-relu-timeline")?;
    let (fast, slow) = (dead_share(&fast), dead_share(&slow));
    // A record every step: index = step.
    assert!(fast[0] < 0.10, "at initialisation {}", fast[0]);
    assert!(
        fast[..=10].iter().any(|share| *share > 0.40),
        "within 10 steps {:?}",
        &fast[..=10]
    );
    assert!(slow.iter().all(|share| *share < 0.15), "{slow:?}");
    // Same seed, same weights: the two runs start equal.
    assert_eq!(fast[0], slow[0]);
    Ok(())
}
