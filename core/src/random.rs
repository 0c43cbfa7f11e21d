//! The one seeded random generator, the same algorithm on every target.
//!
//! rand's `SmallRng` is xoshiro256++ on 64-bit targets but xoshiro128++ on wasm32, so a seed gave
//! the CLI and the browser different data, weights and lessons. xoshiro256++ by name (with the
//! same SplitMix64 seeding) keeps the native numbers and makes the browser's equal to them.

/// Seeded with `SeedableRng::seed_from_u64`.
pub type SeededRng = rand_xoshiro::Xoshiro256PlusPlus;
