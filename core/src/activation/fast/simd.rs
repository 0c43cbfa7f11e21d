//! The fast kernels' wasm32 SIMD128 loops, where LLVM's own vectorisation left V8 slow: the
//! layers view's forward (tanh) and backward (δ·f′ with its sums) over every value of a layer.
//! Each gives the bits of the scalar code it stands for (`tanh_f32`, `scale_and_summarise`),
//! except the relaxed-SIMD build's tanh, whose fused multiply-adds may round differently.

use super::{scale_one, tanh_f32, Fast, Lanes, SUMS, TANH_ALPHA, TANH_BETA, TANH_CLAMP};
use crate::simd128::{load4, multiply_add, store4};
use core::arch::wasm32::{
    f32x4_abs, f32x4_div, f32x4_gt, f32x4_lt, f32x4_mul, f32x4_pmax, f32x4_pmin, f32x4_splat,
    f32x4_sub, f64x2_add, f64x2_extract_lane, f64x2_promote_low_f32x4, f64x2_splat,
    i32x4_extract_lane, i32x4_shuffle, i32x4_splat, i32x4_sub, v128, v128_and, v128_andnot,
    v128_or,
};

/// Four lanes of f32 at once: the same operation in each lane as on one f32.
impl Lanes for v128 {
    #[inline(always)]
    fn splat(value: f32) -> v128 {
        f32x4_splat(value)
    }
    #[inline(always)]
    fn mul(self, other: v128) -> v128 {
        f32x4_mul(self, other)
    }
    #[inline(always)]
    fn sub(self, other: v128) -> v128 {
        f32x4_sub(self, other)
    }
    /// Masked rather than `v128_bitselect`, so LLVM folds relu's zero away to one `and`.
    #[inline(always)]
    fn where_positive(self, positive: v128, otherwise: v128) -> v128 {
        let mask = f32x4_gt(self, f32x4_splat(0.0));
        v128_or(v128_and(positive, mask), v128_andnot(otherwise, mask))
    }
}

/// [`tanh_f32`] over a slice, four values per `f32x4`: the same clamp and the same steps in the
/// same order, so the plain SIMD128 build gives its bits exactly; the relaxed-SIMD build fuses
/// each step's multiply and add (one instruction where there were two; the last bits may
/// differ, as its GEMM's do). LLVM's own vectorisation of `tanh_f32` unrolled it past x86's 16
/// vector registers, and V8 rebuilt coefficients from immediates on every turn: this loop took
/// the cs231n forward in Chromium from 114–119 ms to 109–112 (tanh now costs what a copy does).
#[cfg_attr(feature = "relaxed-simd", target_feature(enable = "relaxed-simd"))]
pub(super) fn tanh(z: &[f32], a: &mut [f32]) {
    /// Horner's rule in x², highest coefficient first (as `tanh_f32` folds).
    #[inline(always)]
    fn polynomial(coefficients: &[f32], x2: v128) -> v128 {
        let (highest, rest) = coefficients.split_last().unwrap_or((&0.0, &[]));
        rest.iter().rev().fold(f32x4_splat(*highest), |acc, c| {
            multiply_add(acc, x2, f32x4_splat(*c))
        })
    }
    let (low, high) = (f32x4_splat(-TANH_CLAMP), f32x4_splat(TANH_CLAMP));
    let mut inputs = z.chunks_exact(4);
    let mut outputs = a.chunks_exact_mut(4);
    for (z, a) in (&mut inputs).zip(&mut outputs) {
        // pmax(x, low) is x unless x < low, pmin(·, high) unless high < it: NaN stays NaN, as
        // in `f32::clamp`.
        let x = f32x4_pmin(f32x4_pmax(load4(z), low), high);
        let x2 = f32x4_mul(x, x);
        let (p, q) = (polynomial(&TANH_ALPHA, x2), polynomial(&TANH_BETA, x2));
        store4(a, f32x4_div(f32x4_mul(x, p), q));
    }
    for (a, z) in outputs.into_remainder().iter_mut().zip(inputs.remainder()) {
        *a = tanh_f32(*z);
    }
}

/// `scale_and_summarise` for a fast kernel, eight values (two `f32x4`) per turn: δ·f′ in f32,
/// each f′ added in f64 to the running sum of its lane (value i to lane i mod 8, as the scalar
/// loop does, so the sums come out the same) and counted where |f′| < `threshold`. LLVM's own
/// loop converted and counted lane by lane: in a profile of the cs231n pass in Chromium this
/// one's share of the samples is 1.0 % where that one's was 1.9 %.
pub(super) fn scale_and_summarise(
    fast: Fast,
    a: &[f32],
    delta: &mut [f32],
    threshold: f32,
) -> (f64, usize) {
    // The kernel fixed in each arm, so each loop is compiled for its own f′.
    let slopes = |kernel: Fast| move |a: v128| kernel.slope_from_output(a);
    match fast {
        Fast::Identity => scale_lanes(a, delta, threshold, fast, slopes(Fast::Identity)),
        Fast::Tanh => scale_lanes(a, delta, threshold, fast, slopes(Fast::Tanh)),
        Fast::Sigmoid => scale_lanes(a, delta, threshold, fast, slopes(Fast::Sigmoid)),
        Fast::Relu => scale_lanes(a, delta, threshold, fast, slopes(Fast::Relu)),
        Fast::Leaky(s) => scale_lanes(a, delta, threshold, fast, slopes(Fast::Leaky(s))),
    }
}

/// [`scale_and_summarise`] with f′ of four outputs at a time (`slopes`; `fast` for the tail).
#[inline(always)]
fn scale_lanes(
    a: &[f32],
    delta: &mut [f32],
    threshold: f32,
    fast: Fast,
    slopes: impl Fn(v128) -> v128,
) -> (f64, usize) {
    let limit = f32x4_splat(threshold);
    // Lanes 0–1, 2–3, 4–5 and 6–7 of the eight f64 sums; the counts of lanes 0–3 and 4–7.
    let mut sums = [f64x2_splat(0.0); SUMS / 2];
    let mut counts = [i32x4_splat(0); 2];
    let mut deltas = delta.chunks_exact_mut(SUMS);
    let mut outputs = a.chunks_exact(SUMS);
    for (d, a) in (&mut deltas).zip(&mut outputs) {
        let (d_low, d_high) = d.split_at_mut(4);
        for (half, (d, a)) in [(d_low, &a[..4]), (d_high, &a[4..])]
            .into_iter()
            .enumerate()
        {
            let s = slopes(load4(a));
            store4(d, f32x4_mul(load4(d), s));
            let high = i32x4_shuffle::<2, 3, 2, 3>(s, s);
            sums[2 * half] = f64x2_add(sums[2 * half], f64x2_promote_low_f32x4(s));
            sums[2 * half + 1] = f64x2_add(sums[2 * half + 1], f64x2_promote_low_f32x4(high));
            // A true comparison is all ones, -1 as an integer: subtracting it counts one.
            counts[half] = i32x4_sub(counts[half], f32x4_lt(f32x4_abs(s), limit));
        }
    }
    let mut lane_sums = [0.0f64; SUMS];
    let mut below = [0usize; SUMS];
    for (pair, sum) in sums.iter().enumerate() {
        lane_sums[2 * pair] = f64x2_extract_lane::<0>(*sum);
        lane_sums[2 * pair + 1] = f64x2_extract_lane::<1>(*sum);
    }
    for (half, count) in counts.iter().enumerate() {
        let lanes = [
            i32x4_extract_lane::<0>(*count),
            i32x4_extract_lane::<1>(*count),
            i32x4_extract_lane::<2>(*count),
            i32x4_extract_lane::<3>(*count),
        ];
        for (lane, n) in lanes.into_iter().enumerate() {
            below[4 * half + lane] = n as u32 as usize;
        }
    }
    let tail = outputs.remainder().iter().zip(deltas.into_remainder());
    for (lane, (a, d)) in tail.enumerate() {
        let slope = fast.slope_from_output(*a);
        scale_one(slope, d, threshold, &mut lane_sums[lane], &mut below[lane]);
    }
    (lane_sums.iter().sum(), below.iter().sum())
}
