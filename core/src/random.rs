//! The one seeded random generator, the same algorithm on every target.
//!
//! rand's `SmallRng` is xoshiro256++ on 64-bit targets but xoshiro128++ on wasm32, so a seed gave
//! the CLI and the browser different data, weights and lessons. xoshiro256++ by name (with the
//! same SplitMix64 seeding) keeps the native numbers and makes the browser's equal to them.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use std::cell::RefCell;

/// Seeded with `SeedableRng::seed_from_u64`.
pub type SeededRng = rand_xoshiro::Xoshiro256PlusPlus;

/// Most standard-normal draws a thread keeps: the layers view's cs231n network and its input
/// (2.5 M weights and 0.5 M inputs), 12 MiB of f32.
pub const KEPT_NORMALS: usize = 3 << 20;

/// One seed's standard-normal draws so far, and its generator positioned after them.
struct Kept {
    seed: u64,
    rng: SeededRng,
    values: Vec<f32>,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Calls `use_them` with the first `n` standard-normal draws of the generator seeded with `seed`,
/// the values `StandardNormal.sample(&mut rng)` gives n times in a row as f32 (each an f64 draw
/// rounded: what `Normal<f32>` scales, so every f32 normal is one multiply-add of these away).
/// Kept as f32, not f64: building the cs231n network reads them all, and at half the bytes that
/// read is half the memory traffic (the thread's copy is half the size too). The thread keeps the last
/// seed's draws (up to [`KEPT_NORMALS`]): a slider dragged in the layers view redraws the same
/// seed's network at every width, and drawing its 2.5 M weights was a third of each preview.
/// `use_them` must not call this again (the kept draws are borrowed while it runs).
pub fn with_standard_normals<T>(seed: u64, n: usize, use_them: impl FnOnce(&[f32]) -> T) -> T {
    if n > KEPT_NORMALS {
        let mut rng = SeededRng::seed_from_u64(seed);
        let values: Vec<f32> = (0..n).map(|_| StandardNormal.sample(&mut rng)).collect();
        return use_them(&values);
    }
    KEPT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_some_and(|kept| kept.seed != seed) {
            *slot = None;
        }
        let kept = slot.get_or_insert_with(|| Kept {
            seed,
            rng: SeededRng::seed_from_u64(seed),
            values: Vec::new(),
        });
        if kept.values.len() < n {
            let more = n - kept.values.len();
            kept.values.reserve_exact(more);
            for _ in 0..more {
                let value: f32 = StandardNormal.sample(&mut kept.rng);
                kept.values.push(value);
            }
        }
        use_them(&kept.values[..n])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_draws_are_the_generators_draws_in_order() {
        let fresh = |seed: u64, n: usize| -> Vec<f32> {
            let mut rng = SeededRng::seed_from_u64(seed);
            (0..n).map(|_| StandardNormal.sample(&mut rng)).collect()
        };
        // A short run, a longer one extending it, a shorter prefix, another seed, back again.
        for (seed, n) in [(7, 100), (7, 1000), (7, 10), (8, 500), (7, 300)] {
            with_standard_normals(seed, n, |kept| assert_eq!(kept, fresh(seed, n).as_slice()));
        }
        // Each is the generator's f64 draw rounded to f32, one draw per value.
        let mut rng = SeededRng::seed_from_u64(7);
        let wide: Vec<f64> = (0..100).map(|_| StandardNormal.sample(&mut rng)).collect();
        with_standard_normals(7, 100, |kept| {
            assert!(kept.iter().zip(&wide).all(|(k, w)| *k == *w as f32));
        });
        // Past the limit the draws are made and not kept, and still the same.
        let n = KEPT_NORMALS + 1;
        with_standard_normals(9, n, |drawn| {
            assert_eq!(drawn.len(), n);
            assert_eq!(drawn[..100], fresh(9, 100)[..]);
        });
    }
}
