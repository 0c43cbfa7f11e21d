//! The fast kernels' SIMD128 loops (core/src/activation/fast/simd.rs), which only the wasm build
//! runs, against their definitions written out value by value: the layers view's forward gives
//! `tanh_f32`'s bits (its accuracy against f64 tanh is tests/train_core.rs's), and its backward
//! gives δ·f′(a) bit for bit, Σf′ as an f64 sum in slice order to 1e-12, and the count of
//! |f′| < threshold exactly; at lengths that leave every remainder of their four- and
//! eight-value groups, and at the values where a lane's arithmetic could go its own way
//! (±0, subnormals, the clamp's ends, huge values, NaN and ±inf).

use activation_lab::activation::fast::tanh_f32;
use activation_lab::mlp::layer::{Grid, LayerActivation, Mode};
use activation_lab::{Activation, Kind};
use wasm_bindgen_test::wasm_bindgen_test;

/// Lengths with every remainder mod 8, an empty one, and a layer larger than one chunk.
const LENGTHS: [usize; 11] = [0, 1, 2, 3, 4, 5, 6, 7, 9, 1031, 4096 + 13];

/// Values whose lanes could differ from the scalar code: signed zeros, subnormals, the
/// clamp's ends and either side of them, and values far past it.
const EDGES: [f32; 12] = [
    0.0, -0.0, 1e-40, -1e-40, 7.905_311, -7.905_311, 7.905_312, -7.905_31, 1e30, -1e30, 0.5, -3.0,
];

/// `len` values in [−12, 12) from a fixed LCG, every seventh one an edge value.
fn values(len: usize, seed: u32) -> Vec<f32> {
    let mut state = seed;
    (0..len)
        .map(|i| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            if i % 7 == 3 {
                EDGES[(state >> 28) as usize % EDGES.len()]
            } else {
                (state >> 8) as f32 / (1u32 << 24) as f32 * 24.0 - 12.0
            }
        })
        .collect()
}

/// Each fast kernel: its activation, f(z) and f′ from the output, as the definitions state them.
type Kernel = (Kind, fn(f32) -> f32, fn(f32) -> f32);
const KERNELS: [Kernel; 4] = [
    (Kind::Tanh, tanh_f32, |a| 1.0 - a * a),
    (
        Kind::Relu,
        |z| if z > 0.0 { z } else { 0.0 },
        |a| f32::from(u8::from(a > 0.0)),
    ),
    (
        Kind::LeakyRelu,
        |z| if z > 0.0 { z } else { 0.01 * z },
        |a| if a > 0.0 { 1.0 } else { 0.01 },
    ),
    (Kind::Identity, |z| z, |_| 1.0),
];

#[wasm_bindgen_test]
fn the_fast_kernels_simd_loops_give_their_definitions_bits() -> Result<(), String> {
    for (kind, f, slope) in KERNELS {
        let layer =
            LayerActivation::fixed(Activation::with_defaults(kind).map_err(|e| e.to_string())?);
        for len in LENGTHS {
            let at = format!("{kind:?} over {len} values");
            let z = values(len, 7 + len as u32);
            let mut a = vec![f32::NAN; len];
            let finite = layer.forward(&[], &z, &mut a, Grid::row_major(1, len), Mode::Inspect);
            assert!(finite, "{at}: reported an overflow");
            for (i, (z, a)) in z.iter().zip(&a).enumerate() {
                assert_eq!(a.to_bits(), f(*z).to_bits(), "{at}: f({z}) at {i}");
            }
            let delta_in = values(len, 11 + len as u32);
            let mut delta = delta_in.clone();
            let threshold = 0.05;
            let summary = layer.backward(
                &[],
                &z,
                Some(&a),
                &mut delta,
                None,
                Grid::row_major(1, len),
                Mode::Inspect,
                threshold,
            );
            let slopes: Vec<f32> = a.iter().map(|a| slope(*a)).collect();
            for (i, ((d, d_in), s)) in delta.iter().zip(&delta_in).zip(&slopes).enumerate() {
                assert_eq!(d.to_bits(), (d_in * s).to_bits(), "{at}: δ·f′ at {i}");
            }
            let sum: f64 = slopes.iter().map(|s| f64::from(*s)).sum();
            assert!(
                (summary.sum - sum).abs() <= 1e-12 * sum.abs().max(1.0),
                "{at}: Σf′ {} vs {sum}",
                summary.sum
            );
            let below = slopes.iter().filter(|s| s.abs() < threshold as f32).count();
            assert_eq!(summary.below, below, "{at}: |f′| < {threshold}");
        }
    }
    Ok(())
}

/// NaN stays NaN through the SIMD clamp (as through `f32::clamp`), and a NaN or infinite z
/// anywhere in a layer, first lane, last lane or the tail, is reported as an overflow.
#[wasm_bindgen_test]
fn a_nan_or_infinite_z_is_an_overflow_and_nan_stays_nan() -> Result<(), String> {
    let tanh =
        LayerActivation::fixed(Activation::with_defaults(Kind::Tanh).map_err(|e| e.to_string())?);
    for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        for at in [0, 3, 4, 1030, 1032] {
            let mut z = values(1033, 5);
            z[at] = bad;
            let mut a = vec![0.0; z.len()];
            let finite = tanh.forward(&[], &z, &mut a, Grid::row_major(1, z.len()), Mode::Inspect);
            assert!(!finite, "{bad} at {at} was not reported");
            assert_eq!(a[at].is_nan(), bad.is_nan(), "tanh({bad}) = {}", a[at]);
            if !bad.is_nan() {
                assert_eq!(a[at], bad.signum(), "tanh({bad})");
            }
        }
    }
    Ok(())
}
