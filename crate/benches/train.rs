//! Training speed: examples per second through forward + backward + update (no evaluation or
//! records), for TensorFlow Playground's default network (2 inputs, hidden 4,2, tanh, batch 10,
//! spiral) and for 2-8-8-8-8-8-8-1.
//!
//! Reference (issue #4): Playground's per-node JavaScript network does about 1.3 million
//! examples/s for 2-4-2-1 tanh on this machine kind under node; the target is 5× that in
//! Chromium (`node bench-train.mjs` measures there). Each network keeps the best of 5 runs.
//!
//! `BENCH_JSON=path` also writes `{"<hidden>": examples_per_second, ...}` there.

use activation_lab::train::Trainer;
use activation_lab::Config;
use std::hint::black_box;
use std::time::Instant;

const RUNS: usize = 5;
const REFERENCE_EXAMPLES_PER_SECOND: f64 = 1.3e6;
const TARGET_FACTOR: f64 = 5.0;

fn trainer(hidden: &str) -> Result<Trainer, activation_lab::Error> {
    // `hidden` may carry more keys (`16x20&residual=true`).
    let config = Config::parse(&format!(
        "view=train&dataset=spiral&activation=tanh&batch-size=10&learning-rate=0.03&seed=1&hidden={hidden}"
    ))?;
    let spec = config.train_specs()?.remove(0);
    Trainer::new(spec)
}

/// Best examples/s over [`RUNS`] runs of `steps` steps.
fn examples_per_second(hidden: &str, steps: usize) -> Result<f64, activation_lab::Error> {
    let mut best = 0.0f64;
    for _ in 0..RUNS {
        let mut run = trainer(hidden)?;
        let batch = run.spec.batch_size;
        run.step();
        let start = Instant::now();
        for _ in 0..steps {
            black_box(run.step());
        }
        let seconds = start.elapsed().as_secs_f64();
        best = best.max((steps * batch) as f64 / seconds);
    }
    Ok(best)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut json = Vec::new();
    println!("\nTraining speed, native (forward + backward + update; best of {RUNS})\n");
    println!("| network | examples/s | × Playground's 1.3 M/s (node) | target {TARGET_FACTOR}× |");
    println!("|---|---:|---:|---|");
    for (hidden, steps) in [("4,2", 200_000), ("8,8,8,8,8,8", 30_000)] {
        let rate = examples_per_second(hidden, steps)?;
        // The 1.3 M/s reference is for 2-4-2-1 only; `node bench-train.mjs` times the per-node
        // JS network at both sizes in the same browser.
        let (ratio, verdict) = if hidden == "4,2" {
            let ratio = rate / REFERENCE_EXAMPLES_PER_SECOND;
            let met = if ratio >= TARGET_FACTOR {
                "met"
            } else {
                "not met"
            };
            (format!("{ratio:.1}×"), met)
        } else {
            ("—".to_string(), "—")
        };
        println!(
            "| 2-{}-1 tanh, batch 10 | {:.2} M | {ratio} | {verdict} |",
            hidden.replace(',', "-"),
            rate / 1e6,
        );
        json.push(format!("\"{hidden}\": {rate:.0}"));
    }
    // Issue #14's deep networks (no target of their own: the page adapts its steps per frame),
    // and learned activations (issue #10 watches these for regressions).
    println!("\n| deep or learned network, batch 10 | examples/s |\n|---|---:|");
    for (hidden, steps, label) in [
        ("16x20", 3_000, "2-16x20-1 tanh, plain"),
        ("16x20&residual=true", 3_000, "2-16x20-1 tanh, residual"),
        ("16x20&norm=batch", 3_000, "2-16x20-1 tanh, batch norm"),
        (
            "8,8&activation=prelu&learned=per-unit",
            60_000,
            "2-8-8-1 prelu, learned per unit",
        ),
        (
            "8,8&activation=apl&hinges=2&learned=per-layer",
            60_000,
            "2-8-8-1 apl, learned per layer",
        ),
    ] {
        let rate = examples_per_second(hidden, steps)?;
        println!("| {label} | {:.3} M |", rate / 1e6);
        json.push(format!("\"{hidden}\": {rate:.0}"));
    }
    if let Ok(path) = std::env::var("BENCH_JSON") {
        std::fs::write(path, format!("{{{}}}\n", json.join(", ")))?;
    }
    Ok(())
}
