//! f32 fast paths for the activations every deep or trained network leans on (identity, tanh,
//! sigmoid, relu, leaky relu): the exact f64 formulas cost ~20 ns a value in wasm, which would be
//! most of a training step and a third of the layers view's forward pass. Each loop keeps the
//! match outside so it vectorises. A catalogue entry names its kernel in `fast_f32`; every
//! other activation uses the exact f64 path.

use super::{Activation, SlopeSummary};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd;

/// The f32 kernels, each with f′ taken from the output (tanh′ = 1 − a², σ′ = a(1 − a),
/// relu′ = [a > 0]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fast {
    /// a = z, f′ = 1.
    Identity,
    /// a = tanh z by a rational approximation, f′ = 1 − a².
    Tanh,
    /// a = (1 + tanh(z/2))/2, f′ = a(1 − a).
    Sigmoid,
    /// a = max(0, z), f′ = [a > 0].
    Relu,
    /// a = z for z > 0, else s·z with s > 0 (so a > 0 ⇔ z > 0), f′ = 1 or s.
    Leaky(f32),
}

/// Where [`tanh_f32`] clamps its argument.
const TANH_CLAMP: f32 = 7.905_311;
/// [`tanh_f32`]'s numerator, in x², lowest power first.
const TANH_ALPHA: [f32; 7] = [
    4.893_524_6e-3,
    6.372_619_3e-4,
    1.485_722_4e-5,
    5.122_297e-8,
    -8.604_672e-11,
    2.000_188e-13,
    -2.760_768_5e-16,
];
/// [`tanh_f32`]'s denominator, in x², lowest power first.
const TANH_BETA: [f32; 4] = [4.893_525e-3, 2.268_434_7e-3, 1.185_347_1e-4, 1.198_258_4e-6];

/// tanh in f32 as a [13/6] rational function of x on [−7.905, 7.905] (clamped outside, where
/// tanh is within 3e-7 of ±1): Eigen's `generic_fast_tanh_float` coefficients. Branch-free, so a
/// layer's loop vectorises; relative error ≤ 8·2⁻²⁴ (8 ulp of f32) against f64 tanh for
/// |x| ≥ 1e-30, at most 4.4e-7 absolute (checked in tests/train_core.rs), where libm's tanhf
/// costs several times as much.
#[inline]
pub fn tanh_f32(x: f32) -> f32 {
    let x = x.clamp(-TANH_CLAMP, TANH_CLAMP);
    let x2 = x * x;
    let p = TANH_ALPHA
        .iter()
        .rev()
        .fold(0.0f32, |acc, coefficient| acc * x2 + coefficient);
    let q = TANH_BETA
        .iter()
        .rev()
        .fold(0.0f32, |acc, coefficient| acc * x2 + coefficient);
    x * p / q
}

impl Fast {
    /// The kernel the activation's catalogue entry names for these parameters, if any.
    pub(crate) fn of(activation: &Activation) -> Option<Fast> {
        (activation.entry().fast_f32)(&activation.flat_params())
    }

    #[inline]
    fn value(self, z: f32) -> f32 {
        match self {
            Fast::Identity => z,
            Fast::Tanh => tanh_f32(z),
            // σ(z) = (1 + tanh(z/2))/2: branch-free, and never NaN.
            Fast::Sigmoid => 0.5 + 0.5 * tanh_f32(0.5 * z),
            // Not z.max(0.0): wasm's f32.max propagates NaN where Rust's max does not, so that
            // compiles to a call to fmaxf per value instead of a vector instruction.
            Fast::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Fast::Leaky(slope) => {
                if z > 0.0 {
                    z
                } else {
                    slope * z
                }
            }
        }
    }

    /// a = f(z) element-wise, the match outside the loop so each arm vectorises.
    pub(crate) fn values(self, z: &[f32], a: &mut [f32]) {
        fn each(z: &[f32], a: &mut [f32], f: impl Fn(f32) -> f32) {
            for (a, z) in a.iter_mut().zip(z) {
                *a = f(*z);
            }
        }
        match self {
            Fast::Identity => each(z, a, |z| Fast::Identity.value(z)),
            Fast::Tanh => each(z, a, |z| Fast::Tanh.value(z)),
            Fast::Sigmoid => each(z, a, |z| Fast::Sigmoid.value(z)),
            Fast::Relu => each(z, a, |z| Fast::Relu.value(z)),
            Fast::Leaky(slope) => each(z, a, |z| Fast::Leaky(slope).value(z)),
        }
    }

    /// δ ← δ·f′ from the outputs `a`, the match outside the loop.
    pub(crate) fn scale_by_slopes(self, a: &[f32], delta: &mut [f32]) {
        fn each(a: &[f32], delta: &mut [f32], slope: impl Fn(f32) -> f32) {
            for (d, a) in delta.iter_mut().zip(a) {
                *d *= slope(*a);
            }
        }
        match self {
            Fast::Identity => {}
            Fast::Tanh => each(a, delta, |a| Fast::Tanh.slope_from_output(a)),
            Fast::Sigmoid => each(a, delta, |a| Fast::Sigmoid.slope_from_output(a)),
            Fast::Relu => each(a, delta, |a| Fast::Relu.slope_from_output(a)),
            Fast::Leaky(slope) => each(a, delta, |a| Fast::Leaky(slope).slope_from_output(a)),
        }
    }

    /// f′ at the z that gave output `a` (PyTorch's convention at 0: relu′ = 0, leaky′ = slope), of
    /// one f32 or, in the SIMD128 loops, of four at once: each kernel's f′ is written here alone.
    #[inline(always)]
    fn slope_from_output<L: Lanes>(self, a: L) -> L {
        let one = L::splat(1.0);
        match self {
            Fast::Identity => one,
            Fast::Tanh => one.sub(a.mul(a)),
            Fast::Sigmoid => a.mul(one.sub(a)),
            Fast::Relu => a.where_positive(one, L::splat(0.0)),
            Fast::Leaky(slope) => a.where_positive(one, L::splat(slope)),
        }
    }
}

impl Fast {
    /// The fast path for the layers experiment's network, where `frac_zero` counts outputs that
    /// are exactly 0: sigmoid is left out, because through tanh, 0.5 + 0.5·tanh(z/2) rounds every
    /// σ(z) below ~1.5e-8 to 0 and would report saturated sigmoid units as dead.
    pub(crate) fn for_network(fast: Option<Fast>) -> Option<Fast> {
        fast.filter(|fast| *fast != Fast::Sigmoid)
    }

    /// a = f(z), and whether every z and a is finite (the network stops at an overflow).
    pub(crate) fn values_checked(self, z: &[f32], a: &mut [f32]) -> bool {
        // Chunk by chunk, each checked while it is still in L1: a layer's z and a (4 MB at the
        // cs231n size) outgrow L2, and a second pass read both back from L3.
        const CHUNK: usize = 512;
        let mut finite = true;
        for (z, a) in z.chunks(CHUNK).zip(a.chunks_mut(CHUNK)) {
            match self {
                // Not in `values`: training runs that, and the relaxed build's fused steps would
                // train to other bits than the native build's.
                #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
                Fast::Tanh => simd::tanh(z, a),
                _ => self.values(z, a),
            }
            // `&` rather than `all`: an early exit would stop it vectorising.
            finite &= z.iter().zip(a.iter()).fold(true, |finite, (z, a)| {
                finite & z.is_finite() & a.is_finite()
            });
        }
        finite
    }

    /// δ ← δ·f′(z), with f′ taken from the output a = f(z) when the caller still has it (`outputs`)
    /// and from z otherwise; also sums f′ and counts |f′| < `threshold`, as
    /// [`Activation::scale_by_derivatives_f32`] does.
    pub(crate) fn scale_by_slopes_summarised(
        self,
        z: &[f32],
        outputs: Option<&[f32]>,
        delta: &mut [f32],
        threshold: f64,
    ) -> SlopeSummary {
        let computed;
        let a = match outputs {
            Some(a) => a,
            None => {
                let mut values = vec![0.0f32; z.len()];
                self.values(z, &mut values);
                computed = values;
                &computed
            }
        };
        // Compared in f32: leaky relu's slope 0.01 is 0.0099999998 in f32, under the usual
        // threshold 0.01·max|f′| = 0.01 in f64, but not under the same threshold in f32.
        let threshold_f32 = threshold as f32;
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let (sum, below) = simd::scale_and_summarise(self, a, delta, threshold_f32);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        let (sum, below) = match self {
            Fast::Identity => scale_and_summarise(a, delta, threshold_f32, |_| 1.0),
            Fast::Tanh => {
                scale_and_summarise(a, delta, threshold_f32, |a| Fast::Tanh.slope_from_output(a))
            }
            Fast::Sigmoid => scale_and_summarise(a, delta, threshold_f32, |a| {
                Fast::Sigmoid.slope_from_output(a)
            }),
            Fast::Relu => {
                scale_and_summarise(a, delta, threshold_f32, |a| Fast::Relu.slope_from_output(a))
            }
            Fast::Leaky(slope) => scale_and_summarise(a, delta, threshold_f32, |a| {
                Fast::Leaky(slope).slope_from_output(a)
            }),
        };
        SlopeSummary {
            sum,
            below,
            threshold,
        }
    }
}

/// The arithmetic [`Fast::slope_from_output`] takes: on one f32 here, on a wasm `v128` of four
/// in `simd.rs`, lane by lane the same IEEE operations, so both give the same bits.
trait Lanes: Copy {
    fn splat(value: f32) -> Self;
    fn mul(self, other: Self) -> Self;
    fn sub(self, other: Self) -> Self;
    /// `positive` where the value is > 0, `otherwise` where it is not (NaN included).
    fn where_positive(self, positive: Self, otherwise: Self) -> Self;
}

impl Lanes for f32 {
    #[inline(always)]
    fn splat(value: f32) -> f32 {
        value
    }
    #[inline(always)]
    fn mul(self, other: f32) -> f32 {
        self * other
    }
    #[inline(always)]
    fn sub(self, other: f32) -> f32 {
        self - other
    }
    #[inline(always)]
    fn where_positive(self, positive: f32, otherwise: f32) -> f32 {
        if self > 0.0 {
            positive
        } else {
            otherwise
        }
    }
}

/// Running sums kept side by side: one chain of f64 additions waits out each add's latency in
/// turn (the cs231n backward spent ~4 ms of its ~320 in Chromium on it), eight chains overlap.
const SUMS: usize = 8;

/// One value of [`scale_and_summarise`]: δ ← δ·f′, and f′ into its lane's sum and count.
#[inline(always)]
fn scale_one(slope: f32, d: &mut f32, threshold: f32, sum: &mut f64, below: &mut usize) {
    *d *= slope;
    *sum += f64::from(slope);
    *below += usize::from(slope.abs() < threshold);
}

/// δ ← δ·f′(a) value by value, with Σf′ (in f64) and the count of |f′| < `threshold`, in one
/// pass over a and δ (the same length).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn scale_and_summarise(
    a: &[f32],
    delta: &mut [f32],
    threshold: f32,
    slope: impl Fn(f32) -> f32,
) -> (f64, usize) {
    let mut sums = [0.0f64; SUMS];
    let mut below = [0usize; SUMS];
    let mut each = |lane: usize, a: f32, d: &mut f32| {
        scale_one(slope(a), d, threshold, &mut sums[lane], &mut below[lane]);
    };
    let mut deltas = delta.chunks_exact_mut(SUMS);
    let mut outputs = a.chunks_exact(SUMS);
    for (d, a) in (&mut deltas).zip(&mut outputs) {
        for lane in 0..SUMS {
            each(lane, a[lane], &mut d[lane]);
        }
    }
    let tail = outputs.remainder().iter().zip(deltas.into_remainder());
    for (lane, (a, d)) in tail.enumerate() {
        each(lane, *a, d);
    }
    (sums.iter().sum(), below.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Kind;

    /// The unit roundoff of f32, 2⁻²⁴.
    const U: f64 = 1.0 / (1u64 << 24) as f64;

    /// z over [−12, 12] in f32, plus the values the network meets at the ends: 0, ±inf, NaN.
    fn grid() -> Vec<f32> {
        (0..=4800).map(|i| -12.0 + i as f32 / 200.0).collect()
    }

    /// Every activation whose catalogue entry names a network fast path at its defaults.
    fn with_network_fast_paths() -> Vec<(Activation, Fast)> {
        Kind::ALL
            .into_iter()
            .filter_map(|kind| Activation::with_defaults(kind).ok())
            .filter_map(|a| Fast::for_network(Fast::of(&a)).map(|fast| (a, fast)))
            .collect()
    }

    #[test]
    fn the_deep_network_keeps_its_four_fast_paths() {
        let names: Vec<&str> = with_network_fast_paths()
            .iter()
            .map(|(a, _)| a.name())
            .collect();
        assert_eq!(names, ["identity", "tanh", "relu", "leaky_relu"]);
    }

    #[test]
    fn network_fast_paths_match_the_exact_formulas() -> Result<(), String> {
        for (activation, fast) in with_network_fast_paths() {
            let z = grid();
            let mut a = vec![0.0; z.len()];
            assert!(fast.values_checked(&z, &mut a));
            let mut exact = vec![0.0; z.len()];
            activation.values_f32(&z, &mut exact);
            // Relative to the exact value rounded to f32: tanh_f32's 8·u (tests/train_core.rs)
            // plus that rounding's u/2, within 9·u; the piecewise-linear kernels are exact or
            // one rounding of s·z away.
            for ((z, a), e) in z.iter().zip(&a).zip(&exact) {
                assert!(
                    f64::from((a - e).abs()) <= 9.0 * U * f64::from(e.abs()),
                    "{activation:?} at {z}: {a} vs {e}"
                );
            }
            // f′ from the output and from z agree with the f64 derivative, and so do the
            // summaries the layer statistics read.
            let threshold = 0.01;
            let mut reference = vec![1.0f32; z.len()];
            let expected = activation.scale_by_derivatives_f32(&z, &mut reference, threshold);
            for outputs in [Some(a.as_slice()), None] {
                let mut delta = vec![1.0f32; z.len()];
                let got = fast.scale_by_slopes_summarised(&z, outputs, &mut delta, threshold);
                for (d, r) in delta.iter().zip(&reference) {
                    assert!((d - r).abs() <= 1e-6, "{activation:?}: f′ {d} vs {r}");
                }
                assert!((got.sum - expected.sum).abs() <= 1e-6 * z.len() as f64);
                // Only a value within an ulp of the threshold could be counted differently.
                assert!(
                    got.below.abs_diff(expected.below) <= 2,
                    "{got:?} vs {expected:?}"
                );
            }
        }
        Ok(())
    }

    /// The training step's fast sigmoid, 0.5 + 0.5·tanh_f32(z/2), against the exact logistic
    /// 1/(1 + e⁻ᶻ) in f64 as the reference, over every 1/1024 of [−40, 40] (both tails: σ is
    /// below 5e-18 and above 1 − 5e-18 at the ends) and ±inf. The bound is derived, not fitted:
    /// ½ of tanh_f32's error at z/2 (≤ ½·4.4e-7, tests/train_core.rs) plus the rounding of
    /// 0.5 + 0.5·t to an f32 in [0, 1] (≤ u/2 = 3e-8) is at most 2.5e-7 absolute; the measured
    /// worst is 2.27e-7 near z = 11.55. Relative to σ that is ≤ 5e-7 for z ≥ 0; in the left tail
    /// the output goes to exactly 0 (below z ≈ −16), which is why the network keeps the exact
    /// path (next test). It never leaves [0, 1], so σ′ = a(1 − a) is never negative.
    #[test]
    fn fast_sigmoid_is_within_2_5e_7_of_the_exact_logistic() {
        let z: Vec<f32> = (-40 * 1024..=40 * 1024)
            .map(|i| i as f32 / 1024.0)
            .chain([f32::NEG_INFINITY, f32::INFINITY])
            .collect();
        let mut a = vec![f32::NAN; z.len()];
        Fast::Sigmoid.values(&z, &mut a);
        let mut worst = (0.0f64, 0.0f32);
        for (z, a) in z.iter().zip(&a) {
            let exact = 1.0 / (1.0 + (-f64::from(*z)).exp());
            let error = (f64::from(*a) - exact).abs();
            if error > worst.0 {
                worst = (error, *z);
            }
            assert!((0.0..=1.0).contains(a), "σ({z}) = {a}");
            if *z >= 0.0 {
                assert!(error <= 5e-7 * exact, "σ({z}): {a} vs {exact}");
            }
        }
        assert!(
            worst.0 <= 2.5e-7,
            "worst |error| {:e} at {}",
            worst.0,
            worst.1
        );
        // σ(0) = 1/2 exactly, and the tails reach exactly 0 and 1.
        assert_eq!(a[40 * 1024], 0.5);
        assert_eq!((a[0], a[80 * 1024]), (0.0, 1.0));
    }

    #[test]
    fn sigmoid_keeps_the_exact_path_in_the_network() {
        // 0.5 + 0.5·tanh(z/2) is exactly 0 at z = −20, where σ is 2.1e-9: the network would
        // count the unit as dead.
        assert_eq!(Fast::Sigmoid.value(-20.0), 0.0);
        assert_eq!(Fast::for_network(Fast::of(&Activation::Sigmoid)), None);
        assert_eq!(Fast::of(&Activation::Sigmoid), Some(Fast::Sigmoid));
    }

    #[test]
    fn overflow_is_reported() {
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            let mut a = [0.0; 3];
            assert!(
                !Fast::Tanh.values_checked(&[0.5, bad, 0.1], &mut a),
                "{bad}"
            );
        }
    }
}
