//! The properties card checked by sampling: range, monotonicity, saturation, zero-centring, the
//! largest slope, f'(0), PyTorch's gains and smoothness must agree with the function itself.
//!
//! Every declared fact is tested in both directions where that makes sense (declared monotonic
//! ⇒ no sampled decrease, declared not monotonic ⇒ some sampled decrease), so a card that says
//! too little is caught as surely as one that says too much.

use activation_lab::activation::properties::{Properties, Smoothness, Where};
use activation_lab::{Activation, Config, Kind};
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// Parameter sets besides the defaults, chosen to flip facts: slope 0 saturates and is bounded,
/// slope 1 is linear and odd, α ≠ 1 makes ELU C0, APL's Σa_s < 0 makes it monotonic and unbounded.
const NON_DEFAULT: [&str; 14] = [
    "activation=scaled_tanh&a=2&b=0.5",
    "activation=bounded_relu&cap=3",
    "activation=leaky_relu&negative-slope=0.2",
    "activation=leaky_relu&negative-slope=0",
    "activation=prelu&negative-slope=1",
    "activation=elu&alpha=0.5",
    "activation=elu&alpha=2",
    "activation=celu&alpha=2",
    "activation=swish&beta=4",
    "activation=swish&beta=20",
    "activation=softplus&beta=4",
    "activation=apl&hinges=2&a=0.3,-0.1&b=-1,1",
    "activation=apl&hinges=1&a=-0.1&b=0",
    "activation=apl&hinges=3",
];

/// An activation with its card and its samples on the 1e-3 grid over [−10, 10] plus far tails.
struct Sampled {
    label: String,
    activation: Activation,
    properties: Properties,
    x: Vec<f64>,
    y: Vec<f64>,
    dy: Vec<f64>,
}

/// Far tails, where saturation and the range's open ends show.
const TAILS: [f64; 5] = [20.0, 50.0, 1e3, 1e5, 1e7];

fn build(query: &str) -> Result<Activation, Box<dyn Error>> {
    let mut resolved = Config::parse(query)?.resolved_activations()?;
    match resolved.len() {
        1 => Ok(resolved.remove(0)),
        n => Err(format!("{query} selects {n} activations").into()),
    }
}

fn all() -> Result<Vec<Sampled>, Box<dyn Error>> {
    let mut activations = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        activations.push((kind.name().to_string(), Activation::with_defaults(kind)?));
    }
    for query in NON_DEFAULT {
        activations.push((query.to_string(), build(query)?));
    }
    // Increasing x: −tails, the grid, +tails.
    let mut x: Vec<f64> = TAILS.iter().rev().map(|t| -t).collect();
    x.extend((-10_000..=10_000).map(|i| f64::from(i) * 1e-3));
    x.extend(TAILS);
    Ok(activations
        .into_iter()
        .map(|(label, activation)| Sampled {
            y: x.iter().map(|v| activation.value(*v)).collect(),
            dy: x.iter().map(|v| activation.derivative(*v)).collect(),
            properties: activation.properties(),
            x: x.clone(),
            label,
            activation,
        })
        .collect())
}

/// Collects failures so one run reports every wrong card, not just the first.
fn report(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} wrong facts:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_sample_lies_in_the_declared_range_and_the_range_is_tight() -> TestResult {
    // Bounds are checked closed (an open end such as σ's 1 is reached in f64 once σ(x) rounds to
    // 1), with 1e-12 slack for bounds found numerically (GELU's dip by golden-section search).
    // Tight: a finite bound is approached to 1e-5 (the 1e-3 grid misses a smooth minimum by at
    // most |f''|·(5e-4)²/2 ≤ 1e-5 for |f''| ≤ 80), and an absent bound is exceeded by 1e4 at
    // |x| = 1e7, the slowest tail being slope 0.01·x.
    let mut failures = Vec::new();
    for s in all()? {
        let (lo, hi) = (s.properties.range_min, s.properties.range_max);
        let (min, max) =
            s.y.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
                    (a.min(*y), b.max(*y))
                });
        if let Some(lo) = lo {
            if min < lo - 1e-12 * lo.abs().max(1.0) {
                failures.push(format!(
                    "{}: f reaches {min}, below range_min {lo}",
                    s.label
                ));
            }
            if min > lo + 1e-5 {
                failures.push(format!(
                    "{}: range_min {lo} is not approached (lowest sample {min})",
                    s.label
                ));
            }
        } else if min > -1e4 {
            failures.push(format!(
                "{}: range_min is None but f stays ≥ {min}",
                s.label
            ));
        }
        if let Some(hi) = hi {
            if max > hi + 1e-12 * hi.abs().max(1.0) {
                failures.push(format!(
                    "{}: f reaches {max}, above range_max {hi}",
                    s.label
                ));
            }
            if max < hi - 1e-5 {
                failures.push(format!(
                    "{}: range_max {hi} is not approached (highest sample {max})",
                    s.label
                ));
            }
        } else if max < 1e4 {
            failures.push(format!(
                "{}: range_max is None but f stays ≤ {max}",
                s.label
            ));
        }
    }
    report(failures);
    Ok(())
}

#[test]
fn monotonic_exactly_when_no_sample_decreases() -> TestResult {
    // A decrease counts when it exceeds 4 ulp of the larger value: the grid spacing is 1e-3, so
    // a truly monotonic f can only "decrease" by rounding, and every non-monotonic kind here
    // dips by more than 1e-3.
    let mut failures = Vec::new();
    for s in all()? {
        let decrease =
            s.y.windows(2)
                .zip(s.x.windows(2))
                .find(|(y, _)| y[1] < y[0] - 4.0 * f64::EPSILON * y[0].abs().max(y[1].abs()));
        match (s.properties.monotonic, decrease) {
            (true, Some((y, x))) => failures.push(format!(
                "{}: declared monotonic but f({}) = {} > f({}) = {}",
                s.label, x[0], y[0], x[1], y[1]
            )),
            (false, None) => failures.push(format!(
                "{}: declared not monotonic but never decreases",
                s.label
            )),
            _ => {}
        }
    }
    report(failures);
    Ok(())
}

#[test]
fn saturates_exactly_when_the_far_slope_vanishes() -> TestResult {
    // Probe |x| = 1e3. Of the saturating kinds softsign decays slowest, f'(1e3) = 1/1001² ≈ 1e-6;
    // of the non-saturating ones the smallest tail slope here is leaky_relu's 0.01. A threshold
    // of 1e-4 sits two decades from both. A saturating slope must also keep decaying (1e6 probe).
    let mut failures = Vec::new();
    for s in all()? {
        for (side, x, declared) in [
            ("left", -1e3, s.properties.saturates_left),
            ("right", 1e3, s.properties.saturates_right),
        ] {
            let slope = s.activation.derivative(x).abs();
            let further = s.activation.derivative(x * 1e3).abs();
            let observed = slope < 1e-4 && further <= slope;
            if declared != observed {
                failures.push(format!(
                    "{}: saturates_{side} = {declared}, but |f'({x})| = {slope:e}, |f'({})| = {further:e}",
                    s.label,
                    x * 1e3
                ));
            }
        }
    }
    report(failures);
    Ok(())
}

#[test]
fn zero_centred_exactly_when_odd() -> TestResult {
    // Odd kinds must satisfy f(−x) = −f(x) to 1 ulp (tanh, clamp and x/(1+|x|) are odd in f64
    // too); a kind declared not zero-centred must break it by more than 1e-6 somewhere.
    let mut failures = Vec::new();
    for s in all()? {
        let worst =
            s.x.iter()
                .map(|x| {
                    (s.activation.value(-x) + s.activation.value(*x)).abs()
                        / s.activation.value(*x).abs().max(1.0)
                })
                .fold(0.0, f64::max);
        let odd = worst <= f64::EPSILON;
        if s.properties.zero_centred && !odd {
            failures.push(format!(
                "{}: declared zero-centred but |f(−x) + f(x)| reaches {worst:e}",
                s.label
            ));
        }
        if !s.properties.zero_centred && worst <= 1e-6 {
            failures.push(format!(
                "{}: declared not zero-centred but f(−x) = −f(x) everywhere",
                s.label
            ));
        }
    }
    report(failures);
    Ok(())
}

#[test]
fn largest_slope_bounds_every_sample_and_is_approached() -> TestResult {
    // sup |f'| must bound every sampled |f'| (1e-12 relative slack for the numerically found
    // maxima) and be approached within 1e-6: on the 1e-3 grid a smooth maximum is missed by at
    // most |f'''|·(5e-4)²/2 ≈ 1e-7 (|f'''| ≤ 1 at these maxima, ≤ 400 for β = 20, whose peak is
    // then sampled at β-scaled spacing), and plateaus and kinks are sampled exactly. Where it is
    // said to be reached must also hold.
    let mut failures = Vec::new();
    for s in all()? {
        let declared = s.properties.max_abs_derivative;
        let sampled = s.dy.iter().map(|d| d.abs()).fold(0.0, f64::max);
        if sampled > declared * (1.0 + 1e-12) {
            failures.push(format!(
                "{}: sampled |f'| {sampled} exceeds max_abs_derivative {declared}",
                s.label
            ));
        }
        if sampled < declared * (1.0 - 1e-6) {
            failures.push(format!(
                "{}: max_abs_derivative {declared} is never approached ({sampled})",
                s.label
            ));
        }
        let slope = |x: f64| s.activation.derivative(x).abs();
        let reached = match s.properties.max_abs_derivative_at {
            Where::Point { x } => (slope(x) - declared).abs() <= 1e-12 * declared,
            Where::Interval { lo, hi } => {
                let probe = match (lo, hi) {
                    (Some(lo), Some(hi)) => vec![
                        lo + (hi - lo) * 0.25,
                        (lo + hi) / 2.0,
                        lo + (hi - lo) * 0.75,
                    ],
                    (Some(lo), None) => vec![lo + 0.5, lo + 10.0],
                    (None, Some(hi)) => vec![hi - 0.5, hi - 10.0],
                    (None, None) => vec![0.0],
                };
                probe.into_iter().all(|x| slope(x) == declared)
            }
            Where::Everywhere => s.dy.iter().all(|d| d.abs() == declared),
            // Never reached in exact arithmetic; in f64 σ(βx) rounds to 1 from βx ≈ 37 on, so
            // "not reached" is checked on |x| ≤ 5 (1 − σ(20) ≈ 2e-9 is still visible).
            Where::AsXGrowsLarge => {
                s.x.iter()
                    .zip(&s.dy)
                    .all(|(x, d)| x.abs() > 5.0 || d.abs() < declared)
                    && (slope(1e3) - declared).abs() <= 1e-12
            }
        };
        if !reached {
            failures.push(format!(
                "{}: |f'| is not {declared} {}",
                s.label,
                s.properties.max_abs_derivative_at.describe()
            ));
        }
    }
    report(failures);
    Ok(())
}

#[test]
fn derivative_at_zero_follows_pytorch() -> Result<(), Box<dyn Error>> {
    // f'(0) as PyTorch's autograd returns it: at a kink the branch taken by the backward kernel
    // (relu/hardtanh/relu6 give 0 or the inner slope per `threshold_backward`/`hardtanh_backward`,
    // leaky_relu takes the negative side, ELU/SELU's `elu_backward` uses x ≤ 0 → α·scale). Smooth
    // kinds by closed form: σ'(0) = 1/4, tanh'(0) = 1, GELU'(0) = Φ(0) = 1/2, SiLU'(0) = 1/2,
    // mish'(0) = tanh(ln 2) = 3/5, softplus'(0) = σ(0) = 1/2, scaled_tanh'(0) = a·b.
    let selu_lambda_alpha = 1.050_700_987_355_480_5 * 1.673_263_242_354_377_3;
    let expected: [(&str, f64); 24] = [
        ("identity", 1.0),
        ("step", 0.0),
        ("sigmoid", 0.25),
        ("hard_sigmoid", 1.0 / 6.0),
        ("tanh", 1.0),
        ("scaled_tanh", 1.7159 * (2.0 / 3.0)),
        ("hardtanh", 1.0),
        ("softsign", 1.0),
        ("relu", 0.0),
        ("relu6", 0.0),
        ("bounded_relu", 0.0),
        ("leaky_relu", 0.01),
        ("prelu", 0.25),
        ("elu", 1.0),
        ("celu", 1.0),
        ("selu", selu_lambda_alpha),
        ("gelu", 0.5),
        ("gelu_tanh", 0.5),
        ("swish", 0.5),
        ("hardswish", 0.5),
        ("mish", 0.6),
        ("softplus", 0.5),
        // APL default a = 0.2, b = 0: both max terms sit at their kink, each contributing 0.
        ("apl", 0.0),
        ("activation=elu&alpha=2", 2.0),
    ];
    let mut failures = Vec::new();
    for (name, want) in expected {
        let activation = match Kind::from_name(name) {
            Some(kind) => Activation::with_defaults(kind)?,
            None => build(name)?,
        };
        let card = activation.properties().derivative_at_zero;
        let direct = activation.derivative(0.0);
        if card != direct || (direct - want).abs() > 1e-15 {
            failures.push(format!(
                "{name}: card f'(0) = {card}, f'(0) = {direct}, PyTorch {want}"
            ));
        }
    }
    report(failures);
    Ok(())
}

#[test]
fn gains_are_pytorch_calculate_gain() -> TestResult {
    // torch.nn.init.calculate_gain (PyTorch docs table): linear 1, sigmoid 1, tanh 5/3, relu √2,
    // leaky_relu √(2/(1 + negative_slope²)), selu 3/4. Exact closed forms: tolerance 1 ulp.
    let cases: [(&str, f64); 7] = [
        ("activation=identity", 1.0),
        ("activation=sigmoid", 1.0),
        ("activation=tanh", 5.0 / 3.0),
        ("activation=relu", 2f64.sqrt()),
        (
            "activation=leaky_relu",
            (2.0f64 / (1.0 + 0.01 * 0.01)).sqrt(),
        ),
        (
            "activation=leaky_relu&negative-slope=0.2",
            (2.0f64 / (1.0 + 0.2 * 0.2)).sqrt(),
        ),
        ("activation=selu", 0.75),
    ];
    for (query, want) in cases {
        let gain = build(query)?
            .properties()
            .gain
            .ok_or(format!("{query}: no gain"))?;
        assert!(
            (gain - want).abs() <= f64::EPSILON * want,
            "{query}: gain {gain}, PyTorch {want}"
        );
    }
    Ok(())
}

#[test]
fn smoothness_matches_the_jumps_in_f_and_its_derivatives() -> TestResult {
    // On a 1e-4 grid over [−7, 7] (every kink tested lies inside): a jump in f shows as |Δf| > 0.5
    // (the step's is 1), while a continuous f moves < 1e-2 per step (|f'| ≤ 100). A jump in f'
    // shows as |Δf'| > 0.1 (the smallest tested is hard_sigmoid's 1/6), while continuous f' moves
    // < 1e-2 (|f''| ≤ 10 here, β = 20 included). For f'' = Δf'/h, a jump shows as
    // |f''ᵢ₊₁ − f''ᵢ₋₁| > 0.3 (the smallest tested is CELU α = 2's 1/2), while smooth f'' moves
    // < 0.1 over 2h (|f'''| ≤ 200 at β = 20 ⇒ 0.04; rounding adds 4ε/h ≈ 1e-11).
    let h = 1e-4;
    let xs: Vec<f64> = (-70_000..=70_000).map(|i| f64::from(i) * h).collect();
    let mut failures = Vec::new();
    for s in all()? {
        let y: Vec<f64> = xs.iter().map(|x| s.activation.value(*x)).collect();
        let dy: Vec<f64> = xs.iter().map(|x| s.activation.derivative(*x)).collect();
        let d2y: Vec<f64> = dy.windows(2).map(|w| (w[1] - w[0]) / h).collect();
        let f_jump = y
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(0.0, f64::max);
        let df_jump = dy
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(0.0, f64::max);
        let d2f_jump = d2y
            .windows(3)
            .map(|w| (w[2] - w[0]).abs())
            .fold(0.0, f64::max);
        let observed = if f_jump > 0.5 {
            Some(Smoothness::Discontinuous)
        } else if f_jump < 1e-2 && df_jump > 0.1 {
            Some(Smoothness::C0)
        } else if df_jump < 1e-2 && d2f_jump > 0.3 {
            Some(Smoothness::C1)
        } else if df_jump < 1e-2 && d2f_jump < 0.1 {
            Some(Smoothness::Smooth)
        } else {
            None
        };
        if observed != Some(s.properties.smoothness) {
            failures.push(format!(
                "{}: declared {:?}, observed {observed:?} (max |Δf| {f_jump:.3e}, |Δf'| {df_jump:.3e}, |Δf''| {d2f_jump:.3e})",
                s.label, s.properties.smoothness
            ));
        }
    }
    report(failures);
    Ok(())
}
