//! A typed formula against the built-in it restates (issue #15): `x*tanh(softplus(x))` through
//! its compiled tape (f64, rounded to f32 in the network) against built-in mish, in the layers pass (`layers::run` at 10 × 500 ×
//! 1000, the cs231n size) and in training (examples/s, 2-8-8-1 on the spiral, batch 10). Target:
//! the formula within 3× of mish in both. Each figure is the best of 5 runs.

use activation_lab::layers;
use activation_lab::train::Trainer;
use activation_lab::Config;
use std::hint::black_box;
use std::time::Instant;

const RUNS: usize = 5;
const TARGET_RATIO: f64 = 3.0;
const FORMULA: &str = "activation=custom&formula=x*tanh(softplus(x))";
const BUILTIN: &str = "activation=mish";

fn best_ms(mut work: impl FnMut()) -> f64 {
    work();
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn layers_ms(activation: &str) -> Result<f64, activation_lab::Error> {
    let config = Config::parse(&format!(
        "view=layers&{activation}&init=xavier_normal&depth=10&width=500&batch=1000&seed=1"
    ))?;
    layers::run(&config)?;
    Ok(best_ms(|| {
        let _ = black_box(layers::run(black_box(&config)));
    }))
}

fn train_ms(activation: &str, steps: usize) -> Result<f64, activation_lab::Error> {
    let config = Config::parse(&format!(
        "view=train&dataset=spiral&{activation}&hidden=8,8&batch-size=10&learning-rate=0.03&seed=1"
    ))?;
    let spec = config.train_specs()?.remove(0);
    let mut best = f64::INFINITY;
    for _ in 0..RUNS {
        let mut run = Trainer::new(spec.clone())?;
        run.step();
        let start = Instant::now();
        for _ in 0..steps {
            black_box(run.step());
        }
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
    }
    Ok(best)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (formula, builtin) = (layers_ms(FORMULA)?, layers_ms(BUILTIN)?);
    println!(
        "layers pass 10×500×1000: x*tanh(softplus(x)) {formula:.1} ms, mish {builtin:.1} ms, \
         ratio {:.2} (target ≤ {TARGET_RATIO})",
        formula / builtin
    );
    let steps = 2000;
    let (formula, builtin) = (train_ms(FORMULA, steps)?, train_ms(BUILTIN, steps)?);
    println!(
        "training 2-8-8-1, {steps} steps of 10: x*tanh(softplus(x)) {formula:.1} ms, mish \
         {builtin:.1} ms, ratio {:.2} (target ≤ {TARGET_RATIO})",
        formula / builtin
    );
    Ok(())
}
