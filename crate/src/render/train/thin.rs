//! Lines over the steps thinned to what their plot can show. A race keeps a record every few
//! steps, so after a long run a line has far more points than its plot has pixel columns, and
//! each point is a call the canvas makes: 100 000 steps of a 20-layer race put hundreds of
//! thousands on one chart, a frame's time many times over. Per pixel column the first, lowest,
//! highest and last point draw the same pixels as all of them (Jugel et al. 2014, "M4: a
//! visualization-oriented time series data aggregation").

use plotters::prelude::*;

/// `points` (x ascending) as a plot `columns` pixels wide over `(x0, x1)` draws them: per column
/// its first, lowest, highest and last point, in order. A column with a non-finite value keeps
/// every point, so a line's gaps stay where they were.
pub fn m4(points: Vec<(f64, f64)>, (x0, x1): (f64, f64), columns: usize) -> Vec<(f64, f64)> {
    let span_ok = (x1 - x0).is_finite() && x1 > x0;
    if columns == 0 || points.len() <= 4 * columns || !span_ok {
        return points;
    }
    let last = (columns - 1) as f64;
    let column = |x: f64| {
        ((x - x0) / (x1 - x0) * columns as f64)
            .floor()
            .clamp(0.0, last) as usize
    };
    let mut out = Vec::with_capacity(4 * columns);
    let mut start = 0;
    while start < points.len() {
        let c = column(points[start].0);
        let end = start
            + points[start..]
                .iter()
                .take_while(|p| column(p.0) == c)
                .count()
                .max(1);
        let bucket = &points[start..end];
        if bucket.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
            out.extend_from_slice(bucket);
        } else {
            let by_y = |a: &&(f64, f64), b: &&(f64, f64)| a.1.total_cmp(&b.1);
            let low = bucket
                .iter()
                .enumerate()
                .min_by(|a, b| by_y(&a.1, &b.1))
                .map_or(0, |(i, _)| i);
            let high = bucket
                .iter()
                .enumerate()
                .max_by(|a, b| by_y(&a.1, &b.1))
                .map_or(0, |(i, _)| i);
            let mut keep = [0, low, high, bucket.len() - 1];
            keep.sort_unstable();
            let mut previous = None;
            for i in keep {
                if previous != Some(i) {
                    out.push(bucket[i]);
                    previous = Some(i);
                }
            }
        }
        start = end;
    }
    out
}

/// [`m4`] for a chart's plot: its x range and pixel width.
pub fn for_chart<DB: DrawingBackend, X: Ranged<ValueType = f64>, Y: Ranged>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    points: Vec<(f64, f64)>,
) -> Vec<(f64, f64)> {
    let range = chart.x_range();
    let (pixels, _) = chart.plotting_area().get_pixel_range();
    let columns = usize::try_from(pixels.end - pixels.start).unwrap_or(0);
    m4(points, (range.start, range.end), columns)
}
