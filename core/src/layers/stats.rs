//! Per-layer statistics of a pass: the numbers the layers view draws and `actlab layers` prints.

use crate::wire::wire_struct;
use serde::{Deserialize, Serialize};

/// Fixed bins over a stated range; values outside it are counted in the end bins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// `bins + 1` edges.
    pub edges: Vec<f64>,
    /// Count per bin.
    pub counts: Vec<u64>,
}

impl Histogram {
    /// Counts `values` into `bins` equal bins over [lo, hi].
    pub fn new(values: &[f32], lo: f64, hi: f64, bins: usize) -> Histogram {
        let bins = bins.max(1);
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, lo + 0.5)
        };
        let width = (hi - lo) / bins as f64;
        let mut counts = vec![0u64; bins];
        let last = bins - 1;
        for v in values {
            let v = f64::from(*v);
            if v.is_finite() {
                // floor((v − lo)/width) clamped to the bins, without floor (a libm call on
                // baseline x86-64): for x > 0 truncation is floor and `as` saturates; anything
                // at or below lo is bin 0 either way.
                let x = (v - lo) / width;
                let bin = if x > 0.0 { (x as usize).min(last) } else { 0 };
                counts[bin] += 1;
            }
        }
        let edges = (0..=bins).map(|i| lo + width * i as f64).collect();
        Histogram { edges, counts }
    }
}

/// Count, mean and M2 = Σ(x − mean)² of some values: mergeable, so a statistic over a batch split
/// into shards comes out as over the whole batch (Chan, Golub and LeVeque's pairwise update).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    /// How many values.
    pub count: u64,
    /// Their mean (0 for none).
    #[serde(with = "exact")]
    pub mean: f64,
    /// Σ(x − mean)².
    #[serde(with = "exact")]
    pub m2: f64,
}

wire_struct!(Moments { count, mean, m2 });

/// Serde helpers that write an f64 as its bit pattern (a u64): JSON has no NaN or ±∞ (serde_json
/// writes them as null, which does not read back as an f64), and a shard's summary must reach
/// the merge exactly, exploding values included.
pub mod exact {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the bits.
    pub fn serialize<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
        value.to_bits().serialize(s)
    }

    /// Reads the bits.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        u64::deserialize(d).map(f64::from_bits)
    }

    /// The same for an optional value.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// Writes the bits, or null.
        pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
            value.map(f64::to_bits).serialize(s)
        }

        /// Reads the bits, or null.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
            Option::<u64>::deserialize(d).map(|v| v.map(f64::from_bits))
        }
    }

    /// The same for a list.
    pub mod vec {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// Writes each value's bits.
        pub fn serialize<S: Serializer>(values: &[f64], s: S) -> Result<S::Ok, S::Error> {
            let bits: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            bits.serialize(s)
        }

        /// Reads each value's bits.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
            Vec::<u64>::deserialize(d).map(|v| v.into_iter().map(f64::from_bits).collect())
        }
    }

    /// The same for an optional pair (a layer's smallest and largest value). As decimal text
    /// these came back an ulp off (serde_json's default float parser is not correctly rounded:
    /// −20.097126007080078 read as −20.09712600708008), and they set the histogram ranges.
    pub mod option_pair {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// Writes both values' bits, or null.
        pub fn serialize<S: Serializer>(value: &Option<[f64; 2]>, s: S) -> Result<S::Ok, S::Error> {
            value.map(|pair| pair.map(f64::to_bits)).serialize(s)
        }

        /// Reads both values' bits, or null.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<[f64; 2]>, D::Error> {
            Option::<[u64; 2]>::deserialize(d).map(|v| v.map(|pair| pair.map(f64::from_bits)))
        }
    }
}

impl Moments {
    /// Two passes in f64 (the mean, then the squared deviations from it); none gives zeros.
    pub fn of(values: &[f32]) -> Moments {
        if values.is_empty() {
            return Moments::default();
        }
        let n = values.len() as f64;
        let mean = values.iter().map(|v| f64::from(*v)).sum::<f64>() / n;
        let m2 = values.iter().map(|v| (f64::from(*v) - mean).powi(2)).sum();
        Moments {
            count: values.len() as u64,
            mean,
            m2,
        }
    }

    /// The moments of both sets together.
    pub fn merge(self, other: Moments) -> Moments {
        if self.count == 0 {
            return other;
        }
        if other.count == 0 {
            return self;
        }
        let (n_a, n_b) = (self.count as f64, other.count as f64);
        let n = n_a + n_b;
        let d = other.mean - self.mean;
        Moments {
            count: self.count + other.count,
            mean: self.mean + d * n_b / n,
            m2: self.m2 + other.m2 + d * d * n_a * n_b / n,
        }
    }

    /// Population standard deviation (0 for none).
    pub fn std(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            // A negative M2 is rounding (0); a NaN is an exploding layer and must stay NaN.
            let m2 = if self.m2 < 0.0 { 0.0 } else { self.m2 };
            (m2 / self.count as f64).sqrt()
        }
    }
}

/// FNV-1a's offset basis.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step: `hash` followed by `word`.
pub fn fnv(hash: u64, word: u64) -> u64 {
    (hash ^ word).wrapping_mul(0x0100_0000_01b3)
}

/// A hash of each column of a `rows × width` row-major matrix (FNV-1a over the bit patterns):
/// equal columns hash equally.
pub fn column_hashes(values: &[f32], rows: usize, width: usize) -> Vec<u64> {
    let mut hashes = vec![FNV_OFFSET; width];
    for row in values.chunks_exact(width.max(1)).take(rows) {
        for (h, v) in hashes.iter_mut().zip(row) {
            *h = fnv(*h, u64::from(v.to_bits()));
        }
    }
    hashes
}

/// How many different values: of [`column_hashes`], how many distinct neurons a layer has
/// (columns of its `batch × width` output that differ in at least one sample). Zeros or constant
/// init gives 1: every neuron computes the same thing.
pub fn distinct(mut hashes: Vec<u64>) -> usize {
    hashes.sort_unstable();
    hashes.dedup();
    hashes.len()
}

/// Most values the histogram ranges are picked from: a stride sample keeps the pick fast at any
/// network size (see `layers::Shard`, which takes it by position in the whole batch).
pub const RANGE_SAMPLE: usize = 200_000;

/// The range holding the central `1 − 2·tail` share of the finite values in `sample`. Histograms
/// on shared axes use it so that a few extreme values (ReLU's long right tail) do not squeeze
/// everything else into one bin; values outside land in the end bins, so no count is lost.
pub fn quantile_range(sample: Vec<f32>, tail: f64) -> (f64, f64) {
    let mut sample: Vec<f64> = sample
        .into_iter()
        .filter(|v| v.is_finite())
        .map(f64::from)
        .collect();
    if sample.is_empty() {
        return (f64::INFINITY, f64::NEG_INFINITY);
    }
    // Two order statistics by selection, not a sort: O(n) rather than O(n log n), which was most
    // of the merge the page's thread does after a layers pass.
    let last = sample.len() - 1;
    let mut at = |q: f64| {
        let rank = ((q * last as f64).round() as usize).min(last);
        *sample.select_nth_unstable_by(rank, f64::total_cmp).1
    };
    (at(tail), at(1.0 - tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_counts_every_finite_value_once() {
        let h = Histogram::new(
            &[-1.0, -0.5, 0.0, 0.49, 0.5, 1.0, 7.0, f32::NAN],
            -1.0,
            1.0,
            4,
        );
        assert_eq!(h.edges, vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(h.counts, vec![1, 1, 2, 3]);
    }

    #[test]
    fn histogram_bins_are_floor_of_the_offset_clamped() {
        // Every value, including the edges themselves, below lo and far above hi, lands where
        // the definition floor((v − lo)/width) clamped to [0, bins − 1] puts it.
        let (lo, hi, bins) = (-1.3, 2.9, 7);
        let width = (hi - lo) / bins as f64;
        let mut values: Vec<f32> = (0..=bins).map(|i| (lo + width * i as f64) as f32).collect();
        values.extend((0..2000).map(|i| -5.0 + i as f32 * 0.00537));
        values.extend([f32::MAX, f32::MIN, -0.0, 1e-30]);
        let mut expected = vec![0u64; bins];
        for v in &values {
            let bin = ((f64::from(*v) - lo) / width)
                .floor()
                .clamp(0.0, (bins - 1) as f64);
            expected[bin as usize] += 1;
        }
        assert_eq!(Histogram::new(&values, lo, hi, bins).counts, expected);
    }

    #[test]
    fn distinct_columns_sees_symmetry() {
        // Two samples × three units: columns 0 and 2 are equal.
        let count = |values: &[f32]| distinct(column_hashes(values, 2, 3));
        assert_eq!(count(&[1.0, 2.0, 1.0, 3.0, 4.0, 3.0]), 2);
        assert_eq!(count(&[0.5; 6]), 1);
    }

    #[test]
    fn quantile_range_ignores_the_extreme_tail() {
        // 0, 1, …, 999 and one outlier at 1e6: the 0.5 % tails cut the outlier off.
        let mut values: Vec<f32> = (0..1000).map(|i| i as f32).collect();
        values.push(1e6);
        let (lo, hi) = quantile_range(values, 0.005);
        assert_eq!((lo, hi), (5.0, 995.0));
    }

    #[test]
    fn quantile_range_picks_the_same_order_statistics_as_a_sort() {
        // A scrambled sample with repeats, a NaN and infinities (left out as non-finite).
        let mut sample: Vec<f32> = (0..1001u32)
            .map(|i| ((i * 7919) % 613) as f32 - 300.0)
            .collect();
        sample.extend([f32::NAN, f32::INFINITY, f32::NEG_INFINITY]);
        let mut sorted: Vec<f64> = sample
            .iter()
            .filter(|v| v.is_finite())
            .map(|v| f64::from(*v))
            .collect();
        sorted.sort_unstable_by(f64::total_cmp);
        let last = sorted.len() - 1;
        for tail in [0.0, 0.005, 0.1, 0.5] {
            let at = |q: f64| sorted[((q * last as f64).round() as usize).min(last)];
            assert_eq!(
                quantile_range(sample.clone(), tail),
                (at(tail), at(1.0 - tail))
            );
        }
    }

    #[test]
    fn merged_moments_are_the_moments_of_the_union() {
        // [1, 2] ∪ [3, 4, 10]: mean 4, population variance (9 + 4 + 1 + 0 + 36)/5 = 10.
        let merged = Moments::of(&[1.0, 2.0]).merge(Moments::of(&[3.0, 4.0, 10.0]));
        assert_eq!(merged.count, 5);
        assert!((merged.mean - 4.0).abs() < 1e-15);
        assert!((merged.std() - 10f64.sqrt()).abs() < 1e-14);
        assert_eq!(Moments::default().merge(merged), merged);
        assert_eq!(Moments::of(&[]).std(), 0.0);
    }

    #[test]
    fn moments_match_hand_computation() {
        // [1, 2, 3, 4]: mean 2.5, population variance 1.25.
        let m = Moments::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(m.mean, 2.5);
        assert!((m.std() - 1.25f64.sqrt()).abs() < 1e-15);
    }
}
