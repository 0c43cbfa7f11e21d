//! The native GEMM (`matrixmultiply`'s packed sgemm, the path every non-wasm build takes) and ‖aᵀδ‖
//! from the rows' dot products (`linalg::outer_norm`) against a naive triple loop in f64, within
//! the bound a correct f32 GEMM meets (tests/common/naive_gemm.rs states it and its source). The
//! wasm builds' SIMD128 and relaxed-SIMD kernels are checked against the same definition in
//! tests/web.rs (the test build) and in Chromium on the release modules the page loads
//! (tests/e2e/wasm-builds.spec.mjs).

#[path = "common/naive_gemm.rs"]
mod naive_gemm;

use activation_lab::linalg::{matmul, outer_norm, outer_norm_is_cheaper};
use activation_lab::network::Network;
use activation_lab::Config;

#[test]
fn native_matmul_matches_a_naive_f64_product_within_gamma_k() -> Result<(), String> {
    naive_gemm::check(matmul)
}

#[test]
fn the_outer_norm_is_the_norm_of_the_product_formed() -> Result<(), String> {
    naive_gemm::check_outer_norm(outer_norm)
}

#[test]
fn a_lone_pass_with_few_rows_reports_the_norm_of_the_gradient_it_does_not_form(
) -> Result<(), Box<dyn std::error::Error>> {
    // The cost rule: few rows for the width (tests/layers_shards.rs's two such queries, the
    // cs231n preview's 16 rows of 500, the pass below) take the norm without the product; more
    // rows, as in a 250- or 500-row shard of the cs231n pass, form it (a shard of a split pass
    // forms it anyway, to add it up).
    for (rows, width) in [(12, 128), (8, 96), (16, 500), (6, 64)] {
        assert!(
            outer_norm_is_cheaper(rows, width, width),
            "{rows} × {width}"
        );
    }
    for (rows, width) in [(97, 40), (50, 33), (30, 16), (250, 500), (500, 500)] {
        assert!(
            !outer_norm_is_cheaper(rows, width, width),
            "{rows} × {width}"
        );
    }
    // Each layer's norm against aᵀδ formed in f64 from the pass's own a and δ: to 1e-12, which
    // ∂L/∂W formed by the f32 GEMM (about 1e-7) would not meet.
    let (rows, depth) = (6, 3);
    let spec = Config::parse("activation=tanh&init=xavier_normal&depth=3&width=64&batch=6")?
        .network_spec()?;
    let network = Network::new(spec)?;
    let mut pass = network.forward();
    network.backward_counting_saturated(&mut pass, 0.0, None::<fn(usize, &[f32])>);
    for l in 0..depth {
        let a = if l == 0 {
            &network.input
        } else {
            &pass.activations[l - 1]
        };
        let want = naive_gemm::formed_outer_norm(a, &pass.deltas[l], rows);
        let got = pass.grad_weight_norms[l];
        assert!(
            want > 0.0 && (got - want).abs() <= 1e-12 * want,
            "layer {l}: {got} vs {want}"
        );
    }
    Ok(())
}
