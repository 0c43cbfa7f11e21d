//! Typed formulas (`activation=custom`): values and exact derivatives against the catalogue's
//! built-ins (formulas that restate them) and against mpmath (formulas that restate none), the
//! PyTorch kink convention, the bounds and their sentences, and arbitrary text through the
//! parser.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use activation_lab::activation::formula::{parse_params, Formula, Problem};
use activation_lab::activation::{Activation, Kind};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The activation reference's grid (tests/fixtures/activation_reference.json).
fn reference_grid() -> Vec<f64> {
    let text = include_str!("fixtures/activation_reference.json");
    let json: Value = serde_json::from_str(text).expect("fixture parses");
    json["grid"]
        .as_array()
        .expect("grid")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect()
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    got == want || (got - want).abs() <= rel * want.abs().max(f64::MIN_POSITIVE)
}

/// A formula restating a built-in equals it, value and f′, on the reference grid, to 1e-12
/// relative.
fn assert_restates(formula: &str, builtin: Activation, skip: impl Fn(f64) -> bool) {
    let f = Formula::new(formula).expect(formula);
    for x in reference_grid().into_iter().filter(|x| !skip(*x)) {
        let (v, d) = (f.value(x, &[]), f.derivative(x, &[]));
        let (bv, bd) = (builtin.value(x), builtin.derivative(x));
        assert!(
            close(v, bv, 1e-12),
            "{formula} at {x}: f = {v}, {} = {bv}",
            builtin.name()
        );
        assert!(
            close(d, bd, 1e-12),
            "{formula} at {x}: f′ = {d}, {}′ = {bd}",
            builtin.name()
        );
    }
}

fn builtin(kind: Kind) -> Activation {
    Activation::with_defaults(kind).expect("scalar")
}

#[test]
fn formulas_restating_builtins_match_them_on_the_reference_grid() {
    let all = |_: f64| false;
    assert_restates("x*sigmoid(x)", builtin(Kind::Swish), all);
    assert_restates("x*tanh(softplus(x))", builtin(Kind::Mish), all);
    assert_restates("max(0,x)", builtin(Kind::Relu), all);
    assert_restates("relu(x)", builtin(Kind::Relu), all);
    assert_restates("x/(1+abs(x))", builtin(Kind::Softsign), all);
    assert_restates("tanh(x)", builtin(Kind::Tanh), all);
    assert_restates("sigmoid(x)", builtin(Kind::Sigmoid), all);
    assert_restates("softplus(x)", builtin(Kind::Softplus), all);
    assert_restates("x*tanh(x)", builtin(Kind::Lisht), all);
    assert_restates("sin(x)", builtin(Kind::Sine), all);
    assert_restates("x", builtin(Kind::Identity), all);
    assert_restates("max(x, 0.01*x)", builtin(Kind::LeakyRelu), all);
    assert_restates("min(max(0,x),6)", builtin(Kind::Relu6), all);
    assert_restates("max(-1, min(1, x))", builtin(Kind::Hardtanh), all);
    // ELU with step and min, as the issue asks: x for x > 0, expm1(x) below.
    assert_restates(
        "step(x)*max(0,x) + min(0, expm1(x))",
        builtin(Kind::Elu),
        all,
    );
    assert_restates(
        "1.0507009873554805*(max(0,x) + min(0, 1.6732632423543773*expm1(x)))",
        builtin(Kind::Selu),
        all,
    );
    // log(1 + e^x) rounds 1 + e^x (relative error ~ε/e^x once e^x is small) and overflows
    // e^x past x ≈ 709.8: stable for −1 ≤ x ≤ 700 only.
    assert_restates("log(1+exp(x))", builtin(Kind::Softplus), |x| {
        !(-1.0..=700.0).contains(&x)
    });
    // 1 + erf(x/√2) cancels for x ≪ 0, where the built-in uses erfc: compare x ≥ −2.
    assert_restates("x*(1+erf(x/sqrt(2)))/2", builtin(Kind::Gelu), |x| x < -2.0);
}

#[test]
fn formulas_match_mpmath_values_and_derivatives() {
    let text = include_str!("fixtures/formula_reference.json");
    let json: Value = serde_json::from_str(text).expect("fixture parses");
    let number = |v: &Value| -> f64 { v.as_str().expect("string").parse().expect("f64") };
    let mut compared = 0;
    for case in json["formulas"].as_array().expect("formulas") {
        let source = case["formula"].as_str().expect("formula");
        let f = Formula::new(source).expect(source);
        let p: Vec<f64> = case["k"].as_f64().into_iter().collect();
        assert_eq!(f.params().len(), p.len(), "{source}");
        for point in case["points"].as_array().expect("points") {
            let x = point["x"].as_f64().expect("x");
            let [v, d1, d2] = f.curves(&[x], &p).map(|c| c[0]);
            // f and f′ to 1e-12 relative; f″ to 1e-10 (mpmath.diff's second difference is
            // good to ~30 digits here, so the slack is ours: f″'s longer expression rounds more).
            for (name, got, want, rel) in [
                ("f", v, number(&point["f"]), 1e-12),
                ("f′", d1, number(&point["d1"]), 1e-12),
                ("f″", d2, number(&point["d2"]), 1e-10),
            ] {
                // A derivative that is tiny against f's scale is compared absolutely.
                let ok = close(got, want, rel) || (got - want).abs() <= 1e-14;
                assert!(ok, "{source} at x={x}: {name} = {got}, mpmath {want}");
                compared += 1;
            }
            if let Some(dk) = point.get("dk") {
                let mut dp = [0.0];
                f.gradient(x, &p, &mut dp);
                // ∂/∂k of tanh(kx)/k is a difference of two terms of size |x| that cancel to
                // O(x³) at small x: compared absolutely below 1e-14, like the derivatives.
                assert!(
                    close(dp[0], number(dk), 1e-12) || (dp[0] - number(dk)).abs() <= 1e-14,
                    "{source} at x={x}: ∂f/∂k = {}, mpmath {}",
                    dp[0],
                    number(dk)
                );
            }
        }
    }
    assert!(compared >= 600, "compared {compared}");
}

#[test]
fn kinks_follow_pytorch() {
    let at0 = |s: &str| Formula::new(s).expect(s).derivative(0.0, &[]);
    // torch: relu′(0) = 0, abs′(0) = sgn(0) = 0, step′ = sign′ = 0.
    assert_eq!(at0("relu(x)"), 0.0);
    assert_eq!(at0("abs(x)"), 0.0);
    assert_eq!(at0("step(x)"), 0.0);
    assert_eq!(at0("sign(x)"), 0.0);
    // torch.maximum(a, b) at a tie gives each side half the gradient.
    assert_eq!(at0("max(0,x)"), 0.5);
    assert_eq!(at0("min(x,0)"), 0.5);
    assert_eq!(at0("max(x,x)"), 1.0);
    // step(0) = 1, as the catalogue's binary step.
    assert_eq!(Formula::new("step(x)").unwrap().value(0.0, &[]), 1.0);
    // Kinks found where the arguments cross zero: relu at −0.5, abs at 1, max where x = 3 − x
    // (1.5); abs(x − 2) at 2 but also max(x, 2)'s, the same point once.
    let f = Formula::new("abs(x-1) + relu(2*x+1) + max(x, 3-x) + abs(x-2) + max(x, 2)").unwrap();
    let kinks = f.kinks(&[], -5.0, 5.0);
    assert_eq!(kinks.len(), 4, "{kinks:?}");
    for (got, want) in kinks.iter().zip([-0.5, 1.0, 1.5, 2.0]) {
        assert!((got - want).abs() < 1e-12, "{kinks:?}");
    }
    assert!(Formula::new("x*sigmoid(x)")
        .unwrap()
        .kinks(&[], -5.0, 5.0)
        .is_empty());
}

#[test]
fn second_derivatives_against_closed_forms() {
    // tanh″ = −2 tanh sech², σ″ = σ′(1 − 2σ), (x³)″ = 6x, (e^x)″ = e^x.
    for x in [-3.0, -0.7, 0.0, 0.4, 2.5] {
        let t: f64 = f64::tanh(x);
        let s = 1.0 / (1.0 + f64::exp(-x));
        for (src, want) in [
            ("tanh(x)", -2.0 * t * (1.0 - t * t)),
            ("sigmoid(x)", s * (1.0 - s) * (1.0 - 2.0 * s)),
            ("x^3", 6.0 * x),
            ("exp(x)", f64::exp(x)),
        ] {
            let got = Formula::new(src).unwrap().second_derivative(x, &[]);
            assert!(
                (got - want).abs() <= 1e-14 + 1e-13 * want.abs(),
                "{src} at {x}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn overflow_is_a_value_not_a_crash() {
    let f = Formula::new("exp(x)").unwrap();
    assert_eq!(f.value(800.0, &[]), f64::INFINITY);
    assert_eq!(f.value(709.0, &[]), f64::exp(709.0));
    let f = Formula::new("log(x)").unwrap();
    assert!(f.value(-1.0, &[]).is_nan());
    let mut out = [0.0f32; 3];
    assert!(!Formula::new("exp(x)")
        .unwrap()
        .values_f32(&[0.0, 50.0, 100.0], &[], &mut out));
    assert_eq!(out[0], 1.0);
    assert_eq!(out[2], f32::INFINITY);
}

#[test]
fn f32_tape_agrees_with_f64() {
    let f = Formula::new("x*tanh(softplus(x)) + k*sin(x)").unwrap();
    let z: Vec<f32> = (0..1000).map(|i| -8.0 + 0.016 * i as f32).collect();
    let mut out = vec![0.0f32; z.len()];
    assert!(f.values_f32(&z, &[0.5], &mut out));
    let mut delta = vec![1.0f32; z.len()];
    f.scale_by_derivatives_f32(&z, &[0.5], &mut delta, 1e-3);
    for ((z, a), d) in z.iter().zip(&out).zip(&delta) {
        let x = f64::from(*z);
        assert!((f64::from(*a) - f.value(x, &[0.5])).abs() < 1e-5, "{x}");
        assert!(
            (f64::from(*d) - f.derivative(x, &[0.5])).abs() < 1e-5,
            "{x}"
        );
    }
}

fn problem(source: &str) -> Problem {
    Formula::new(source)
        .err()
        .unwrap_or_else(|| panic!("{source} parsed"))
}

#[test]
fn bad_formulas_get_a_sentence_with_the_column() {
    assert_eq!(
        problem("x*(x+1))").to_string(),
        "unexpected ')' at column 8 of the formula"
    );
    assert_eq!(
        problem("sin(x))+1").to_string(),
        "unexpected ')' at column 7 of the formula"
    );
    assert_eq!(
        problem("x+").to_string(),
        "the formula ends unexpectedly at column 3"
    );
    assert!(matches!(
        problem("foo(x)"),
        Problem::UnknownFunction { column: 1, .. }
    ));
    assert!(matches!(
        problem("x*abc"),
        Problem::UnknownName { column: 3, .. }
    ));
    assert!(matches!(
        problem(&format!("x{}", "+x".repeat(100))),
        Problem::TooLong { got: 201, max: 200 }
    ));
    let deep = format!("{}x{}", "(".repeat(33), ")".repeat(33));
    assert!(matches!(problem(&deep), Problem::TooDeep { max: 32, .. }));
    let ok = format!("{}x{}", "(".repeat(32), ")".repeat(32));
    assert!(Formula::new(&ok).is_ok());
    assert!(matches!(
        problem("max(x)"),
        Problem::Arity {
            expected: 2,
            got: 1,
            ..
        }
    ));
    assert!(matches!(
        problem("a*b*c*d*x"),
        Problem::TooManyParams {
            name: 'd',
            column: 7,
            ..
        }
    ));
    assert!(matches!(problem("1e999*x"), Problem::BadNumber { .. }));
    assert!(matches!(
        problem("x ; 1"),
        Problem::Unexpected { column: 3, .. }
    ));
    assert_eq!(
        problem("  ").to_string(),
        "the formula is empty: write an expression in x"
    );
    assert!(parse_params("k:1.5,a:-2").is_ok());
    for bad in ["k", "k:abc", "x:1", "kk:1", "k:1,k:2", "k:inf", "k:NaN"] {
        assert!(
            matches!(parse_params(bad), Err(Problem::ParamsSyntax { .. })),
            "{bad}"
        );
    }
}

/// xorshift64*, fixed seed: arbitrary strings from the grammar's alphabet and beyond.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn arbitrary_text_never_panics_and_stays_fast() {
    const PIECES: [&str; 30] = [
        "x", "e", "pi", "k", "a", "(", ")", "+", "-", "*", "/", "^", ",", "1", "2.5", "1e3",
        "exp(", "log(", "tanh(", "max(", "sqrt(", "abs(", "sigmoid(", "step(", " ", "é", "∞",
        "\u{0}", "1e-400", "..",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut slowest = Duration::ZERO;
    for case in 0..3000 {
        let n = (rng.next() % 80) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        let start = Instant::now();
        if let Ok(f) = Formula::new(&text) {
            let p = vec![0.7; f.params().len()];
            let _ = f.curves(&[-1.0, 0.0, 2.0], &p);
            let _ = f.kinks(&p, -5.0, 5.0);
        }
        slowest = slowest.max(start.elapsed());
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "case {case}: {text:?}"
        );
    }
    // Worst cases by construction: the longest product and the deepest nesting, differentiated
    // twice.
    for text in [
        format!("x{}", "*x".repeat(99)),
        format!("{}x{}", "exp(".repeat(32), ")".repeat(32)),
        format!("{}x{}", "tanh(sigmoid(".repeat(16), "))".repeat(16)),
        format!("x{}", "/(1+x)".repeat(32)),
    ] {
        let start = Instant::now();
        let _ = Formula::new(&text).map(|f| f.curves(&[0.5], &[]));
        assert!(start.elapsed() < Duration::from_secs(2), "{text}");
    }
    eprintln!("slowest arbitrary case: {slowest:?}");
}
