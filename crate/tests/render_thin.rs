//! Lines thinned to their plot's pixel columns (M4): what is kept draws the same extremes in
//! every column as the whole line, in order, with at most four points a column; short lines and
//! non-finite values pass untouched.

use activation_lab::render::train::thin::m4;

/// A noisy series of `n` points over x in [0, n): a slow wave, a fast wiggle and a spike.
fn series(n: usize) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let x = i as f64;
            let spike = if i % 977 == 13 { 5.0 } else { 0.0 };
            (
                x,
                (x / 500.0).sin() + 0.3 * ((x * 7.3).sin() * (x * 1.1).cos()) + spike,
            )
        })
        .collect()
}

#[test]
fn each_column_keeps_its_first_last_lowest_and_highest_point() {
    for (n, columns) in [(10_000, 300), (5_003, 17), (1_201, 300)] {
        let points = series(n);
        let range = (0.0, n as f64);
        let kept = m4(points.clone(), range, columns);
        assert!(
            kept.len() <= 4 * columns,
            "{n} points in {columns} columns: {}",
            kept.len()
        );
        // In order, and each kept point is one of the line's.
        assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "x ascending");
        assert!(kept.iter().all(|p| points.contains(p)));
        // The test's own bucketing: column = floor(x / width · columns).
        let column = |x: f64| ((x / n as f64) * columns as f64).floor() as usize;
        for c in 0..columns {
            let all: Vec<_> = points.iter().filter(|p| column(p.0) == c).collect();
            let mine: Vec<_> = kept.iter().filter(|p| column(p.0) == c).collect();
            let (Some(first), Some(last)) = (all.first(), all.last()) else {
                assert!(mine.is_empty());
                continue;
            };
            assert_eq!(mine.first(), Some(first), "column {c}: first");
            assert_eq!(mine.last(), Some(last), "column {c}: last");
            let low = |v: &[&(f64, f64)]| v.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let high = |v: &[&(f64, f64)]| v.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            let mine_refs: Vec<&(f64, f64)> = mine.to_vec();
            assert_eq!(low(&mine_refs), low(&all), "column {c}: lowest");
            assert_eq!(high(&mine_refs), high(&all), "column {c}: highest");
        }
    }
}

#[test]
fn short_lines_and_gaps_pass_untouched() {
    let short = series(1_000);
    assert_eq!(
        m4(short.clone(), (0.0, 1_000.0), 300),
        short,
        "≤ 4 a column: as is"
    );
    let mut gapped = series(10_000);
    gapped[4_321].1 = f64::NAN;
    gapped[4_322].1 = f64::INFINITY;
    let kept = m4(gapped.clone(), (0.0, 10_000.0), 100);
    // The column holding the gap keeps all of its 100 points, the others at most four.
    let gap_column: Vec<_> = gapped[4_300..4_400].to_vec();
    let kept_there: Vec<_> = kept
        .iter()
        .filter(|p| (4_300.0..4_400.0).contains(&p.0))
        .copied()
        .collect();
    assert_eq!(kept_there.len(), gap_column.len());
    assert!(kept_there[21].1.is_nan() && kept_there[22].1 == f64::INFINITY);
    assert!(kept.len() <= 4 * 99 + 100);
}
