//! APL, the adaptive piecewise linear unit (Agostinelli et al. 2015):
//! f(x) = max(0, x) + Σ_s a_s·max(0, b_s − x), f′(x) = [x > 0] − Σ_s a_s·[x < b_s] (0 at each
//! hinge, as autograd's max gives). `p` holds the S slopes a_s, then the S positions b_s.

use super::prelude::*;

/// The APL hinge defaults for S hinges: slopes 0.2, positions spread evenly around 0.
pub fn apl_default_hinges(hinges: usize) -> (Vec<f64>, Vec<f64>) {
    let centre = (hinges as f64 - 1.0) / 2.0;
    let a = vec![0.2; hinges];
    let b = (0..hinges).map(|s| s as f64 - centre).collect();
    (a, b)
}

/// The slopes and the positions.
fn hinges(p: &[f64]) -> (&[f64], &[f64]) {
    p.split_at(p.len() / 2)
}

fn value(x: f64, p: &[f64]) -> f64 {
    let (a, b) = hinges(p);
    let value = a
        .iter()
        .zip(b)
        .fold(x.max(0.0), |sum, (a_s, b_s)| sum + a_s * (b_s - x).max(0.0));
    if !value.is_nan() {
        return value;
    }
    // Only for |x| near f64::MAX: terms of opposite sign each overflow to ±∞ although their sum
    // is finite (a = (10, −10), b = (−10, 10) gives f = −200 far left), and ∞ − ∞ is NaN. Grouped
    // as Σ a_s·b_s − x·Σ a_s over the hinges right of x, the slopes cancel before x multiplies
    // them. (Term by term is kept elsewhere: it is the more accurate form next to a hinge.)
    let (slope, offset) = a
        .iter()
        .zip(b)
        .filter(|(_, b_s)| x < **b_s)
        .fold((0.0, 0.0), |(slope, offset), (a_s, b_s)| {
            (slope + a_s, offset + a_s * b_s)
        });
    x.max(0.0) + offset - x * slope
}

fn derivative(x: f64, p: &[f64]) -> f64 {
    let (a, b) = hinges(p);
    let relu_part = if x > 0.0 { 1.0 } else { 0.0 };
    a.iter().zip(b).fold(
        relu_part,
        |sum, (a_s, b_s)| if x < *b_s { sum - a_s } else { sum },
    )
}

/// (f, f′) and ∂f/∂a_s = max(0, b_s − x), ∂f/∂b_s = a_s·[x < b_s].
fn gradient(x: f64, p: &[f64], dp: &mut [f64]) -> (f64, f64) {
    let count = p.len() / 2;
    let (a, b) = hinges(p);
    let mut value = x.max(0.0);
    let mut slope = if x > 0.0 { 1.0 } else { 0.0 };
    for s in 0..count {
        let (a_s, b_s) = (a[s], b[s]);
        let active = x < b_s;
        value += a_s * (b_s - x).max(0.0);
        if active {
            slope -= a_s;
        }
        dp[s] = (b_s - x).max(0.0);
        dp[count + s] = if active { a_s } else { 0.0 };
    }
    (value, slope)
}

/// The kinks, 0 and every b_s, in order.
fn kinks(p: &[f64]) -> Vec<f64> {
    let mut kinks = hinges(p).1.to_vec();
    kinks.push(0.0);
    kinks.sort_unstable_by(f64::total_cmp);
    kinks
}

fn shape(p: &[f64]) -> Shape {
    let (a, b) = hinges(p);
    // Far left the slope is −Σa_s: the function then rises without bound as x → −∞ (Σa_s > 0),
    // falls (Σa_s < 0), or is flat (Σa_s = 0).
    let left_slope: f64 = -a.iter().sum::<f64>();
    // Piecewise linear and rising on the right (slope 1), so unless it falls without bound on
    // the left its minimum is attained at one of the kinks (0 and the b_s).
    let lo = (left_slope <= 0.0).then(|| {
        b.iter()
            .chain([&0.0])
            .map(|k| value(*k, p))
            .fold(f64::INFINITY, f64::min)
    });
    // Monotonic when f′ ≥ 0 on every piece between the kinks and beyond them.
    let kinks = kinks(p);
    let mut probes: Vec<f64> = kinks.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    probes.extend(kinks.first().map(|k| k - 1.0));
    probes.extend(kinks.last().map(|k| k + 1.0));
    Shape {
        monotonic: probes.iter().all(|x| derivative(*x, p) >= 0.0),
        saturates_left: left_slope == 0.0,
        ..Shape::rectifier(lo, lo.is_some(), C0)
    }
}

/// APL's entry; `p` = [a_1..a_S, b_1..b_S].
pub(super) const ENTRY: Entry = Entry {
    name: "apl",
    aliases: &[],
    // The hinge count; the lists `a` and `b` it sizes are what training learns.
    params: &[ParamSpec::fixed("hinges", 1.0, 1.0, 5.0, 1.0).learned()],
    value,
    derivative,
    second_derivative: None,
    fast_f32: no_fast_path,
    default_lists: Some(|count| {
        let (a, b) = apl_default_hinges(count);
        a.into_iter().chain(b).collect()
    }),
    learn: Some(Learn {
        names: |count| {
            let hinges = count / 2;
            (1..=hinges)
                .map(|s| format!("a{s}"))
                .chain((1..=hinges).map(|s| format!("b{s}")))
                .collect()
        },
        gradient,
    }),
    facts: Facts {
        shape,
        max_slope: |p| piecewise_max(|x| derivative(x, p), &kinks(p)),
        init: |_| ("kaiming_normal", None),
    },
    summary: Text {
        en: "adaptive piecewise linear, max(0, x) + Σ a_s·max(0, −x + b_s) (Agostinelli et al. 2015)",
        ko: "적응형 구간별 선형 유닛, max(0, x) + Σ a_s·max(0, −x + b_s): 꺾이는 점의 위치와 그 구간의 경사를 학습합니다 (Agostinelli 외 2015)",
    },
    formula: same("max(0, x) + Σ a_s·max(0, b_s − x)"),
    derivative_formula: same("[x > 0] − Σ a_s·[x < b_s]"),
    citation: Text {
        en: "Agostinelli, Hoffman, Sadowski & Baldi 2015 (Learning activation functions)",
        ko: "Agostinelli, Hoffman, Sadowski & Baldi 2015 (Learning activation functions)",
    },
};
