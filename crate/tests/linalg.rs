//! The native GEMM (`matrixmultiply`'s packed sgemm, the path every non-wasm build takes) against
//! a naive triple loop in f64, within the bound a correct f32 GEMM meets (tests/common/naive_gemm.rs
//! states it and its source). The wasm builds' SIMD128 and relaxed-SIMD kernels are checked
//! against the same definition in tests/web.rs (the test build) and in Chromium on the release
//! modules the page loads (tests/e2e/wasm-builds.spec.mjs).

#[path = "common/naive_gemm.rs"]
mod naive_gemm;

use activation_lab::linalg::matmul;

#[test]
fn native_matmul_matches_a_naive_f64_product_within_gamma_k() -> Result<(), String> {
    naive_gemm::check(matmul)
}
