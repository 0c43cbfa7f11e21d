//! The inputs every timing of f and f′ runs on, natively (`cargo bench --bench activations`) and
//! in the browser (`Lab::cost`, the page's live cost readout), so the two columns of the bench
//! compare the same work.

/// `n` values over [−10, 10) in a scrambled but fixed order (a Weyl sequence with the golden
/// ratio), so branchy functions such as ReLU do not get a sorted input's perfectly predicted
/// branches, and every run sees the same numbers.
pub fn inputs(n: usize) -> Vec<f64> {
    let golden = (5f64.sqrt() - 1.0) / 2.0;
    (0..n)
        .map(|i| -10.0 + 20.0 * (i as f64 * golden).fract())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::inputs;

    #[test]
    fn inputs_cover_the_range_unsorted() {
        let xs = inputs(10_000);
        assert!(xs.iter().all(|x| (-10.0..10.0).contains(x)));
        // A Weyl sequence is equidistributed: each unit bin of the 20 holds 500 ± a few.
        for bin in 0..20 {
            let lo = -10.0 + bin as f64;
            let count = xs.iter().filter(|x| (lo..lo + 1.0).contains(*x)).count();
            assert!((490..=510).contains(&count), "bin {bin}: {count}");
        }
        let descents = xs.windows(2).filter(|w| w[1] < w[0]).count();
        assert!(descents > 3_000, "sorted-looking: {descents} descents");
    }
}
