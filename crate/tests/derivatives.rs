//! Every exact derivative against central differences of its own value, and every value and
//! derivative finite at the far ends of f64 for every allowed extreme parameter.
//!
//! Central differences need no outside table: (f(x+h) − f(x−h))/2h converges to f'(x) with
//! error h²·|f'''|/6 + ε·|f|/h, so it catches a wrong formula (a dropped factor, a sign, the
//! wrong side of a kink) wherever f is smooth. Points within a few steps of a kink are skipped.

mod common;
use activation_lab::{Activation, Config, Kind};
use common::kinks;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// Non-default parameter sets, as config queries (each is in its key's allowed range).
const NON_DEFAULT: [&str; 17] = [
    "activation=scaled_tanh&a=2&b=0.5",
    "activation=bounded_relu&cap=3",
    "activation=leaky_relu&negative-slope=0.2",
    "activation=leaky_relu&negative-slope=0",
    "activation=prelu&negative-slope=1",
    "activation=elu&alpha=0.5",
    "activation=elu&alpha=2",
    "activation=celu&alpha=0.5",
    "activation=celu&alpha=3",
    "activation=swish&beta=0.5",
    "activation=swish&beta=4",
    "activation=swish&beta=20",
    "activation=softplus&beta=0.5",
    "activation=softplus&beta=4",
    "activation=softplus&beta=20",
    "activation=apl&hinges=2&a=0.3,-0.1&b=-1,1",
    "activation=apl&hinges=3",
];

/// The one activation a single-activation query selects.
fn build(query: &str) -> Result<Activation, Box<dyn Error>> {
    let mut resolved = Config::parse(query)?.resolved_activations()?;
    match resolved.len() {
        1 => Ok(resolved.remove(0)),
        n => Err(format!("{query} selects {n} activations").into()),
    }
}

/// Every scalar kind at its defaults, then the non-default sets, with a label for messages.
fn activations() -> Result<Vec<(String, Activation)>, Box<dyn Error>> {
    let mut out = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        out.push((kind.name().to_string(), Activation::with_defaults(kind)?));
    }
    for query in NON_DEFAULT {
        out.push((query.to_string(), build(query)?));
    }
    Ok(out)
}

#[test]
fn derivative_matches_central_difference_away_from_kinks() -> TestResult {
    // Step h = 1e-6·max(1, |x|). Over the sampled x (|x| ≤ 700, |f| ≤ 700, |f'''| ≤ 10³ for
    // β = 20) the difference quotient is within h²·|f'''|/6 + 4ε·|f|/h ≈ 3e-10 of f'(x) in
    // relative terms, so a tolerance of 1e-7·(1 + |f'|) leaves a margin of ~300 while any real
    // formula error (a missing factor, a wrong sign) is off by far more than 1e-7.
    let mut xs: Vec<f64> = (0..=229).map(|i| -8.0 + 0.07 * f64::from(i)).collect();
    xs.extend([
        -700.0, -100.0, -50.0, -20.0, -12.5, 12.5, 20.0, 50.0, 100.0, 700.0,
    ]);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (label, activation) in activations()? {
        let kinks = kinks(&activation);
        for &x in &xs {
            let h = 1e-6 * x.abs().max(1.0);
            if kinks.iter().any(|k| (x - k).abs() <= 4.0 * h) {
                continue;
            }
            let numeric = (activation.value(x + h) - activation.value(x - h)) / (2.0 * h);
            let exact = activation.derivative(x);
            checked += 1;
            // Written as "close" so that a NaN on either side counts as a mismatch.
            let close = (numeric - exact).abs() <= 1e-7 * (1.0 + exact.abs());
            if !close {
                failures.push(format!(
                    "{label}: f'({x}) = {exact:e}, central difference {numeric:e}"
                ));
            }
        }
    }
    assert!(checked > 8000, "only {checked} points were checked");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

#[test]
fn one_sided_slopes_next_to_each_kink_are_the_slopes_of_the_pieces() -> TestResult {
    // Just beside a kink the exact f' must be the slope of the piece x is on. A one-sided
    // difference inside that piece (from x further away from the kink) is exact for the linear
    // pieces and within 1e-6 for the curved ones (h = 1e-7, |f''| ≤ 4, ε·|f|/h ≈ 1e-8).
    let mut failures = Vec::new();
    for (label, activation) in activations()? {
        for kink in kinks(&activation) {
            for side in [-1.0, 1.0] {
                let x = kink + side * 1e-6;
                let far = x + side * 1e-7;
                let numeric = (activation.value(far) - activation.value(x)) / (far - x);
                let exact = activation.derivative(x);
                let close = (numeric - exact).abs() <= 1e-6 * (1.0 + exact.abs());
                if !close {
                    failures.push(format!(
                        "{label}: f'({x}) = {exact:e}, one-sided difference {numeric:e}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

/// The x values where overflow, underflow and cancellation live: denormal-adjacent, where
/// `exp` over- and underflows (±709, ±745), where x² and x³ overflow, and the largest finite x.
const EXTREME_X: [f64; 8] = [1e-300, 1e-6, 700.0, 745.0, 1000.0, 1e10, 1e300, f64::MAX];

/// The smallest positive f64; "positive" keys such as beta and alpha accept it.
const TINY: f64 = 5e-324;

/// Parameter sets at the edges of every key's allowed range whose f and f' are finite real
/// numbers that fit in f64 at every x (so an infinity or a NaN is a bug).
fn extreme_parameter_sets() -> Result<Vec<(String, Activation)>, Box<dyn Error>> {
    let queries = [
        "activation=scaled_tanh&a=10&b=10".to_string(),
        format!("activation=scaled_tanh&a={TINY}&b={TINY}"),
        "activation=bounded_relu&cap=100".to_string(),
        format!("activation=bounded_relu&cap={TINY}"),
        "activation=leaky_relu&negative-slope=0".to_string(),
        "activation=leaky_relu&negative-slope=1".to_string(),
        "activation=prelu&negative-slope=1".to_string(),
        "activation=elu&alpha=10".to_string(),
        format!("activation=elu&alpha={TINY}"),
        "activation=celu&alpha=10".to_string(),
        format!("activation=celu&alpha={TINY}"),
        "activation=swish&beta=20".to_string(),
        format!("activation=swish&beta={TINY}"),
        "activation=softplus&beta=20".to_string(),
        // Softplus is ln 2/β at x = 0, which only fits in f64 for β > ln 2/f64::MAX ≈ 3.9e-309;
        // 1e-300 is the tiny β whose curve is finite everywhere (5e-324 is checked for NaN below).
        "activation=softplus&beta=1e-300".to_string(),
        "activation=apl&hinges=5&a=10,10,10,10,10&b=10,10,10,10,10".to_string(),
        // Slopes +10 and −10 cancel left of both hinges: f(x) = −200 for every x < −10, however
        // large each term is on its own.
        "activation=apl&hinges=2&a=10,-10&b=-10,10".to_string(),
        "activation=apl&hinges=5&a=-10,-10,-10,-10,-10&b=-10,-5,0,5,10".to_string(),
    ];
    let mut out = activations()?;
    for query in queries {
        let activation = build(&query)?;
        out.push((query, activation));
    }
    Ok(out)
}

#[test]
fn values_and_derivatives_stay_finite_at_the_ends_of_f64() -> TestResult {
    // The maths of every activation below is finite at every finite x except where the value
    // itself exceeds f64::MAX, and there an infinite value is the correctly rounded answer:
    // SELU grows like λx with λ ≈ 1.0507 > 1 on the right (Klambauer et al. 2017), and APL grows
    // like |Σa_s|·|x| on the left. Only those points may be ±∞ (never NaN); all else is finite.
    let mut failures = Vec::new();
    for (label, activation) in extreme_parameter_sets()? {
        let (left_slope, right_slope) = match &activation {
            Activation::Apl { a, .. } => (-a.iter().sum::<f64>(), 1.0),
            Activation::Selu => (0.0, 1.050_700_987_355_480_5),
            _ => (0.0, 0.0),
        };
        for x in EXTREME_X.into_iter().flat_map(|x| [x, -x]) {
            let value = activation.value(x);
            let derivative = activation.derivative(x);
            let tail_slope = if x < 0.0 { left_slope } else { right_slope };
            let overflows = tail_slope.abs() > 1.0 && x.abs() > f64::MAX / tail_slope.abs();
            let value_ok = if overflows {
                !value.is_nan()
            } else {
                value.is_finite()
            };
            if !value_ok || !derivative.is_finite() {
                failures.push(format!(
                    "{label}: f({x:e}) = {value}, f'({x:e}) = {derivative}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} non-finite results:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

#[test]
fn far_tails_have_their_closed_forms() -> TestResult {
    // Far right, hardswish is x and softplus is x + log1p(e^−βx)/β = x to within e^−βx: both
    // must give f64::MAX itself at f64::MAX (not ∞ from an intermediate 6x or βx). Far left,
    // APL with a = (10, −10), b = (−10, 10) is 10(−10 − x) − 10(10 − x) = −200. Summed term by
    // term in f64 that is only good to ε·Σ|terms| ≈ 4e-15·|x| (at x = −1e300 both terms round to
    // 1e301 and cancel to 0), so the exact −200 is asserted where the terms are exact (|x| ≤ 1e3)
    // and at f64::MAX, where the terms overflow and the lab regroups the slopes first.
    for query in [
        "activation=hardswish",
        "activation=softplus&beta=20",
        "activation=softplus&beta=4",
    ] {
        let activation = build(query)?;
        assert_eq!(activation.value(f64::MAX), f64::MAX, "{query}");
        assert_eq!(activation.value(1e300), 1e300, "{query}");
    }
    let apl = build("activation=apl&hinges=2&a=10,-10&b=-10,10")?;
    for x in [-f64::MAX, -1e3, -20.0, -10.5] {
        assert_eq!(apl.value(x), -200.0, "apl({x:e})");
        assert_eq!(apl.derivative(x), 0.0, "apl'({x:e})");
    }
    Ok(())
}

#[test]
fn no_nan_even_where_the_true_value_overflows() -> TestResult {
    // With the smallest positive β softplus is ln 2/5e-324 at 0, far beyond f64::MAX: infinity is
    // the right f64 answer there, NaN never is. The derivative σ(βx) stays finite.
    for query in [
        format!("activation=softplus&beta={TINY}"),
        format!("activation=swish&beta={TINY}"),
    ] {
        let activation = build(&query)?;
        for x in EXTREME_X.into_iter().flat_map(|x| [x, -x]).chain([0.0]) {
            let (value, derivative) = (activation.value(x), activation.derivative(x));
            assert!(
                !value.is_nan() && derivative.is_finite(),
                "{query}: f({x:e}) = {value}, f' = {derivative}"
            );
        }
    }
    Ok(())
}

#[test]
fn sigmoid_slope_never_exceeds_a_quarter_and_tanh_slope_never_exceeds_one() -> TestResult {
    // σ'(x) = σ(x)σ(−x) ≤ 1/4 with equality only at 0 (AM–GM on σ(x) + σ(−x) = 1), and
    // tanh'(x) = sech²x ≤ 1 with equality only at 0: the reason a deep sigmoid stack shrinks every
    // gradient by at least 4× per layer. Checked on a 1e-3 grid over [−40, 40] plus the extremes.
    let sigmoid = Activation::with_defaults(Kind::Sigmoid)?;
    let tanh = Activation::with_defaults(Kind::Tanh)?;
    let xs = (-40_000..=40_000)
        .map(|i| f64::from(i) * 1e-3)
        .chain(EXTREME_X.into_iter().flat_map(|x| [x, -x]));
    for x in xs {
        let (ds, dt) = (sigmoid.derivative(x), tanh.derivative(x));
        assert!((0.0..=0.25).contains(&ds), "σ'({x}) = {ds}");
        assert!((0.0..=1.0).contains(&dt), "tanh'({x}) = {dt}");
    }
    assert_eq!(sigmoid.derivative(0.0), 0.25);
    assert_eq!(tanh.derivative(0.0), 1.0);
    Ok(())
}
