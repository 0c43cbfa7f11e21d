//! Checks: exports that tests call on the very modules the page loads, named `check…` so no one
//! mistakes them for the page's API (which never calls them). They add no logic: each runs one
//! core function on the caller's numbers.

use super::error::internal;
use crate::mlp::linalg::{matmul, View};
use wasm_bindgen::prelude::*;

/// A check, not page API: c = a·b (`m × n`, row-major) through the deep network's GEMM,
/// `linalg::matmul`, i.e. the SIMD128 or the relaxed-SIMD kernel this module was built with.
/// `a` holds `m × k` row-major, or with `transpose_a` its transpose (`k × m` row-major); `b`
/// likewise `k × n` or (`transpose_b`) `n × k`. tests/e2e/wasm-builds.spec.mjs compares both
/// release modules against a naive product. Lengths that do not match the sizes are an error.
#[wasm_bindgen(js_name = checkMatmul)]
pub fn check_matmul(
    a: &[f32],
    b: &[f32],
    m: usize,
    k: usize,
    n: usize,
    transpose_a: bool,
    transpose_b: bool,
) -> Result<Box<[f32]>, JsError> {
    let sizes = (m.checked_mul(k), k.checked_mul(n), m.checked_mul(n));
    let (Some(mk), Some(kn), Some(mn)) = sizes else {
        return Err(internal(format!(
            "checkMatmul: {m}×{k}·{k}×{n} is too large"
        )));
    };
    if a.len() != mk || b.len() != kn {
        return Err(internal(format!(
            "checkMatmul: a holds {} values and b {}, but {m}×{k}·{k}×{n} needs {mk} and {kn}",
            a.len(),
            b.len()
        )));
    }
    let va = if transpose_a {
        View::transpose_of(a, k, m)
    } else {
        View::new(a, m, k)
    };
    let vb = if transpose_b {
        View::transpose_of(b, n, k)
    } else {
        View::new(b, k, n)
    };
    let mut c = vec![0.0f32; mn];
    matmul(va, vb, &mut c);
    Ok(c.into_boxed_slice())
}
