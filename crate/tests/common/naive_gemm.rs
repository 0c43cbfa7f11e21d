//! The reference for the GEMM tests (tests/linalg.rs natively, tests/web.rs in the wasm test
//! build): a matrix product by its definition, a naive triple loop summed in f64, and the error
//! bound any correct f32 GEMM meets; and ‖aᵀδ‖ by its definition, for `linalg::outer_norm`.
//!
//! The bound: every term a_ip·b_pj of f32 inputs is exact in f64 (24 + 24 bits < 53), and an f32
//! inner product of length k, computed in *any* order, with or without fused multiply-adds,
//! satisfies |ĉ − c| ≤ γ_k·Σ_p |a_ip|·|b_pj|, γ_k = k·u/(1 − k·u), u = 2⁻²⁴ (Higham, *Accuracy
//! and Stability of Numerical Algorithms*, 2nd ed., §3.1, eq. 3.5: each term passes through at
//! most k roundings, its product's and k − 1 additions'; a fused multiply-add merges two of
//! them). The GEMM's blocking (partial sums per 512-deep block, each added into c) is one such
//! order. The f64 reference's own error, γ_k in 2⁻⁵³, is added to the tolerance.

use activation_lab::linalg::View;

/// The unit roundoff of f32.
pub const U32: f64 = 1.0 / (1u64 << 24) as f64;
/// The unit roundoff of f64.
pub const U64: f64 = f64::EPSILON / 2.0;

/// γ_k = k·u/(1 − k·u) (Higham §3.1).
pub fn gamma(k: usize, u: f64) -> f64 {
    let ku = k as f64 * u;
    ku / (1.0 - ku)
}

/// (m, k, n) that leave partial micro-tiles (6 × 8) and blocks (512 deep, 72 rows, 1024
/// columns) in every direction, one exact tile, and one of each degenerate size.
pub const SIZES: [(usize, usize, usize); 6] = [
    (1, 1, 1),
    (3, 5, 7),
    (6, 8, 8),
    (37, 513, 129),
    (130, 3, 1025),
    (9, 700, 17),
];

/// Deterministic values in [−1, 1) without an RNG: a small linear congruential sequence, each a
/// multiple of 2⁻²³, so every product is a normal f32 product (no underflow).
pub fn values(len: usize, seed: u32) -> Vec<f32> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 8) as f32 / (1u32 << 23) as f32 - 1.0
        })
        .collect()
}

/// Element (i, j) of a view, straight from the definition of [`View`].
fn at(view: &View, i: usize, j: usize) -> f64 {
    let index = if view.transposed {
        j * view.rows + i
    } else {
        i * view.cols + j
    };
    f64::from(view.data[index])
}

/// Runs `matmul` on every size in [`SIZES`] and every pair of transposes, and checks each entry
/// of c against the naive f64 product within γ_k·Σ|a||b| (plus the reference's own γ_k in f64).
pub fn check(matmul: impl Fn(View, View, &mut [f32])) -> Result<(), String> {
    for (m, k, n) in SIZES {
        let a = values(m * k, 1);
        let b = values(k * n, 2);
        for (transpose_a, transpose_b) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let va = if transpose_a {
                View::transpose_of(&a, k, m)
            } else {
                View::new(&a, m, k)
            };
            let vb = if transpose_b {
                View::transpose_of(&b, n, k)
            } else {
                View::new(&b, k, n)
            };
            let mut c = vec![f32::NAN; m * n];
            matmul(va, vb, &mut c);
            let bound = gamma(k, U32) + gamma(k, U64);
            for i in 0..m {
                for j in 0..n {
                    let (mut sum, mut magnitude) = (0.0f64, 0.0f64);
                    for p in 0..k {
                        let term = at(&va, i, p) * at(&vb, p, j);
                        sum += term;
                        magnitude += term.abs();
                    }
                    let got = f64::from(c[i * n + j]);
                    let error = (got - sum).abs();
                    // A NaN (an entry never written) fails too.
                    if error.is_nan() || error > bound * magnitude {
                        return Err(format!(
                            "{m}×{k}·{k}×{n} (transposed {transpose_a}, {transpose_b}) at ({i}, {j}): \
                             {got} vs {sum}, |error| {:e} > γ_k·Σ|a||b| = {:e}",
                            error,
                            bound * magnitude
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// ‖aᵀδ‖ by its definition: aᵀδ (`a` is `rows × fan_in`, `delta` `rows × fan_out`, row-major)
/// formed entry by entry in f64, then its Frobenius norm.
pub fn formed_outer_norm(a: &[f32], delta: &[f32], rows: usize) -> f64 {
    let (fan_in, fan_out) = (a.len() / rows.max(1), delta.len() / rows.max(1));
    let mut squared = 0.0f64;
    for i in 0..fan_in {
        for j in 0..fan_out {
            let entry: f64 = (0..rows)
                .map(|r| f64::from(a[r * fan_in + i]) * f64::from(delta[r * fan_out + j]))
                .sum();
            squared += entry * entry;
        }
    }
    squared.sqrt()
}

/// Checks `outer_norm(a, δ, rows)` (‖aᵀδ‖ from the rows' dot products) against
/// [`formed_outer_norm`] to 1e-12 (both in f64; only their order of summation differs), an exact
/// cancellation to 0, and an overflowed value (NaN or ∞ in a, or ∞ in δ beside a dead row of a,
/// where 0·∞ is NaN) to an unbounded norm, never 0 or a number.
pub fn check_outer_norm(outer_norm: impl Fn(&[f32], &[f32], usize) -> f64) -> Result<(), String> {
    for (rows, fan_in, fan_out) in [(1, 1, 1), (1, 7, 3), (3, 5, 9), (16, 33, 17), (5, 1, 40)] {
        let (a, delta) = (values(rows * fan_in, 1), values(rows * fan_out, 2));
        let (got, want) = (
            outer_norm(&a, &delta, rows),
            formed_outer_norm(&a, &delta, rows),
        );
        // NaN fails too.
        let error = (got - want).abs();
        if error.is_nan() || error > 1e-12 * want {
            return Err(format!(
                "{rows}×{fan_in}, {rows}×{fan_out}: {got} vs {want}"
            ));
        }
    }
    // a = [1, 1; 1, 1], δ = [1; −1]: aᵀδ = 0.
    let cancelled = outer_norm(&[1.0, 1.0, 1.0, 1.0], &[1.0, -1.0], 2);
    let empty = outer_norm(&[], &[], 0);
    if cancelled != 0.0 || empty != 0.0 {
        return Err(format!("cancelled {cancelled}, empty {empty}: expected 0"));
    }
    let unbounded = |x: f64| x.is_nan() || x == f64::INFINITY;
    for bad in [f32::NAN, f32::INFINITY] {
        let mut a = values(4 * 3, 3);
        a[5] = bad;
        let got = outer_norm(&a, &values(4 * 2, 4), 4);
        if !unbounded(got) {
            return Err(format!("{bad} in a: {got}"));
        }
    }
    let mut a = values(4 * 3, 5);
    a[..3].fill(0.0);
    let mut delta = values(4 * 2, 6);
    delta[0] = f32::INFINITY;
    let got = outer_norm(&a, &delta, 4);
    if !unbounded(got) {
        return Err(format!("∞ in δ beside a dead row: {got}"));
    }
    Ok(())
}
