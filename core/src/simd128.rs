//! wasm32 SIMD128 helpers shared by the GEMM (`mlp::wasm_gemm`) and the activation kernels
//! (`activation::fast`): four-float loads and stores from slices, and the multiply-add that the
//! relaxed-SIMD build fuses.
//!
//! `unsafe` here is the 16-byte loads and stores, each from or to a slice taken to four floats
//! first (bounds-checked).
#![allow(unsafe_code)]

use core::arch::wasm32::{v128, v128_load, v128_store};

/// acc + a·b per lane. With the `relaxed-simd` feature (the second module the page loads where the
/// browser validates relaxed SIMD) this is one fused multiply-add where the hardware has one: the
/// caller then issues one instruction per lane group instead of two, and the result may round
/// differently from the plain module's in the last bit. A caller must enable the `relaxed-simd`
/// target feature itself for this to inline (`#[cfg_attr(feature = "relaxed-simd",
/// target_feature(enable = "relaxed-simd"))]`).
#[inline(always)]
pub(crate) fn multiply_add(a: v128, b: v128, acc: v128) -> v128 {
    #[cfg(feature = "relaxed-simd")]
    {
        core::arch::wasm32::f32x4_relaxed_madd(a, b, acc)
    }
    #[cfg(not(feature = "relaxed-simd"))]
    {
        core::arch::wasm32::f32x4_add(acc, core::arch::wasm32::f32x4_mul(a, b))
    }
}

/// Four floats from the start of `from` (which must hold at least four).
#[inline(always)]
pub(crate) fn load4(from: &[f32]) -> v128 {
    let four = &from[..4];
    // SAFETY: `four` is exactly 4 floats (16 bytes); v128_load is an unaligned read (wasm's
    // v128.load has no alignment requirement), and f32 has no invalid bit patterns.
    unsafe { v128_load(four.as_ptr().cast::<v128>()) }
}

/// Four floats into the start of `to` (which must hold at least four).
#[inline(always)]
pub(crate) fn store4(to: &mut [f32], value: v128) {
    let four = &mut to[..4];
    // SAFETY: `four` is exactly 4 floats (16 bytes), borrowed mutably; an unaligned write.
    unsafe { v128_store(four.as_mut_ptr().cast::<v128>(), value) }
}
