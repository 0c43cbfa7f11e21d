//! How long the deep network takes at the cs231n size: 10 tanh layers × 500 units × 1000
//! samples, f32.
//!
//! `cargo bench --bench network` times the forward pass's matrix products alone,
//! `Network::forward`, `Network::forward` + `backward`, and
//! `layers::run` end to end (building the network, both passes and every per-layer statistic:
//! what the CLI and the page wait for). Weights are `xavier_normal` so values stay in tanh's
//! working range instead of collapsing to zero (cs231n's N(0, 0.01²)) and every layer does real
//! work. `Network::new` is outside the first two timings. Each phase keeps the best of 5 runs:
//! the minimum is the run least disturbed by the rest of the machine.
//!
//! FLOPs: the forward pass is one `batch × width` by `width × width` product per layer,
//! 2·batch·width²·depth; the backward pass adds two more of the same size (∂W = aᵀδ and
//! δ_prev = δWᵀ), so forward + backward is 3× the forward count.
//!
//! `BENCH_JSON=path` also writes `{"forward_ms", "forward_backward_ms", "run_ms"}` there.

use activation_lab::layers;
use activation_lab::linalg::{matmul, View};
use activation_lab::network::Network;
use activation_lab::Config;
use std::hint::black_box;
use std::time::Instant;

/// Runs per phase; the fastest is reported.
const RUNS: usize = 5;

/// Best milliseconds over [`RUNS`] runs of `work`, after one untimed warm-up run.
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

/// The benchmark's network, through the same key table as the page and the CLI.
fn config() -> Result<Config, activation_lab::Error> {
    let mut config = Config::default();
    for (key, value) in [
        ("activation", "tanh"),
        ("init", "xavier_normal"),
        ("depth", "10"),
        ("width", "500"),
        ("batch", "1000"),
        ("seed", "1"),
    ] {
        config.set(key, value)?;
    }
    Ok(config)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let config = config()?;
    let spec = config.network_spec()?;
    let (depth, width, batch) = (spec.depth, spec.width, spec.batch);
    let network = Network::new(spec)?;

    // The forward pass's products alone (no f, no checks), to show what share of the forward
    // time is GEMM and what is the element-wise work around it.
    let (mut a, mut z) = (network.input.clone(), vec![0.0f32; batch * width]);
    let gemm_ms = best_ms(|| {
        a.copy_from_slice(&network.input);
        for l in 0..network.mlp.layers.len() {
            matmul(
                View::new(&a, batch, width),
                View::new(network.mlp.weights(l), width, width),
                &mut z,
            );
            std::mem::swap(&mut a, &mut z);
        }
        black_box(&a);
    });
    let forward_ms = best_ms(|| {
        black_box(network.forward());
    });
    let forward_backward_ms = best_ms(|| {
        let mut pass = network.forward();
        network.backward(&mut pass, |_, _| {});
        black_box(pass);
    });
    // What the f32 rational tanh buys: tanh over every pre-activation of the forward pass, by
    // the network's own path (Activation::values_f32) and by the exact libm tanh in f32.
    let tanh = activation_lab::Activation::with_defaults(activation_lab::Kind::Tanh)?;
    let pre: Vec<f32> = (0..batch * width * depth)
        .map(|i| -4.0 + 8.0 * ((i as f64 * 0.618_033_988_75).fract() as f32))
        .collect();
    let mut out = vec![0.0f32; pre.len()];
    let fast_tanh_ms = best_ms(|| {
        tanh.values_f32(black_box(&pre), &mut out);
        black_box(&out);
    });
    let exact_tanh_ms = best_ms(|| {
        for (o, &z) in out.iter_mut().zip(black_box(&pre)) {
            *o = z.tanh();
        }
        black_box(&out);
    });
    let mut run_error = None;
    let run_ms = best_ms(|| match layers::run(black_box(&config)) {
        Ok(snapshot) => {
            black_box(snapshot);
        }
        Err(error) => run_error = Some(error),
    });
    if let Some(error) = run_error {
        return Err(error.into());
    }

    let forward_flops = 2.0 * (batch * width * width * depth) as f64;
    let gflops = |flops: f64, ms: f64| flops / (ms * 1e-3) / 1e9;
    println!(
        "tanh, xavier_normal, {depth} layers × {width} units × {batch} samples, f32; \
         best of {RUNS} runs\n"
    );
    println!("| phase | ms | GFLOP/s |");
    println!("|---|---:|---:|");
    for (phase, ms, flops) in [
        (
            "forward GEMMs alone (linalg::matmul)",
            gemm_ms,
            forward_flops,
        ),
        ("forward", forward_ms, forward_flops),
        (
            "forward + backward",
            forward_backward_ms,
            3.0 * forward_flops,
        ),
        (
            "layers::run (new + both passes + stats)",
            run_ms,
            3.0 * forward_flops,
        ),
    ] {
        println!("| {phase} | {ms:.1} | {:.1} |", gflops(flops, ms));
    }
    println!(
        "\ntanh alone over the forward pass's {} pre-activations: {fast_tanh_ms:.1} ms by the \
         network's f32 rational tanh (≤ 8 ulp), {exact_tanh_ms:.1} ms by the exact f32 libm tanh \
         (what TF.js's kernel uses): exact − rational = {:+.1} ms per forward pass, natively.",
        pre.len(),
        exact_tanh_ms - fast_tanh_ms
    );
    println!(
        "\nforward = 2·batch·width²·depth = {:.2} GFLOP; forward + backward = 3× that. \
         layers::run's rate counts only the GEMM FLOPs.",
        forward_flops / 1e9
    );

    if let Ok(path) = std::env::var("BENCH_JSON") {
        let json = serde_json::json!({
            "forward_ms": forward_ms,
            "forward_backward_ms": forward_backward_ms,
            "run_ms": run_ms,
            "tanh_fast_ms": fast_tanh_ms,
            "tanh_exact_ms": exact_tanh_ms,
        });
        std::fs::write(&path, format!("{json}\n"))?;
        println!("wrote {path}");
    }
    eprintln!("(bench took {:.1} s)", started.elapsed().as_secs_f64());
    Ok(())
}
