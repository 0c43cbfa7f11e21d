//! How long f and f' take per element, for every scalar activation at its defaults.
//!
//! `cargo bench --bench activations` times `Activation::evaluate_into` (value and derivative,
//! the loop the page's live cost readout runs) over 1,000,000 x values spread over [-10, 10],
//! repeated until one run takes at least 50 ms, and keeps the best of 5 runs: the minimum is the
//! run least disturbed by the rest of the machine. It prints a markdown table with the ratio to
//! ReLU, the cheapest non-trivial activation, so numbers from different machines compare.
//!
//! `BENCH_JSON=path` also writes `{"activation": ns_per_element, ...}` there, so a browser run
//! of the same loop can be set beside it as another column.

use activation_lab::{Activation, Kind};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Elements per pass.
const N: usize = 1_000_000;
/// A timed run repeats the pass until it lasts at least this long.
const MIN_RUN: Duration = Duration::from_millis(50);
/// Runs per activation; the fastest is reported.
const RUNS: usize = 5;

/// One pass of value and derivative over `xs`.
fn pass(activation: &Activation, xs: &[f64], ys: &mut [f64], dys: &mut [f64]) {
    activation.evaluate_into(black_box(xs), ys, dys);
    black_box((&ys[N / 2], &dys[N / 2]));
}

/// Best nanoseconds per element over [`RUNS`] runs of at least [`MIN_RUN`] each.
fn time(activation: &Activation, xs: &[f64]) -> f64 {
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    // One untimed pass warms the caches; its duration sets how many passes make a run.
    let start = Instant::now();
    pass(activation, xs, &mut ys, &mut dys);
    let once = start.elapsed().max(Duration::from_micros(1));
    let passes = (MIN_RUN.as_secs_f64() / once.as_secs_f64()).ceil().max(1.0) as usize;
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..passes {
                pass(activation, xs, &mut ys, &mut dys);
            }
            start.elapsed().as_secs_f64() * 1e9 / (passes * xs.len()) as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let started = Instant::now();
    // The same inputs as the browser's Lab::cost: scrambled, so branches are not predicted.
    let xs = activation_lab::activation::timing::inputs(N);
    let results: Vec<(&str, f64)> = Kind::ALL
        .into_iter()
        .filter_map(|kind| Activation::with_defaults(kind).ok())
        .map(|activation| (activation.name(), time(&activation, &xs)))
        .collect();
    let relu = results
        .iter()
        .find(|(name, _)| *name == "relu")
        .map_or(f64::NAN, |(_, ns)| *ns);

    println!(
        "f and f' via Activation::evaluate_into, {N} x in [-10, 10], best of {RUNS} runs ≥ {} ms\n",
        MIN_RUN.as_millis()
    );
    println!("| activation | ns/element | relative to relu |");
    println!("|---|---:|---:|");
    for (name, ns) in &results {
        println!("| {name} | {ns:.2} | {:.2} |", ns / relu);
    }
    println!("\ntotal elapsed: {:.1} s", started.elapsed().as_secs_f64());

    if let Some(path) = std::env::var_os("BENCH_JSON") {
        let entries: Vec<String> = results
            .iter()
            .map(|(name, ns)| format!("  \"{name}\": {}", serde_json::json!(ns)))
            .collect();
        let text = format!("{{\n{}\n}}\n", entries.join(",\n"));
        match std::fs::write(&path, text) {
            Ok(()) => println!("wrote {}", path.to_string_lossy()),
            Err(e) => {
                eprintln!(
                    "cannot write BENCH_JSON \"{}\": {e}",
                    path.to_string_lossy()
                );
                std::process::exit(1);
            }
        }
    }
}
