//! Typed formulas whose parameters train with the weights (`activation=custom&learned=…`): the
//! letters leave their start and the race records them; a formula restating Swish learns as the
//! catalogue's Swish does (its own hand-written ∂f/∂β, an independent rule); a formula without
//! letters learns nothing; and `actlab train` prints the learned values. The gradients
//! themselves are checked by central differences in gradient_check/training.rs.

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use activation_lab::train::snapshot::RaceSnapshot;
use activation_lab::train::{race, LearnedSeries};
use activation_lab::Config;
use common::{json, numbers};

const GATE: &str = "activation=custom&formula=x*sigmoid(k*x)&formula-params=k:1.5";

/// The learned records of a one-run race of `query` on XOR, 200 steps, a record every 50.
fn learned(query: &str) -> (Vec<LearnedSeries>, Vec<f64>) {
    let config = Config::parse(&format!(
        "view=train&dataset=xor&hidden=6,4&steps=200&record-every=50&seed=5&{query}"
    ))
    .expect(query);
    let mut runs = race(&config).expect(query);
    let snapshot = RaceSnapshot::take(&mut runs, 0.1);
    let history = &snapshot.runs[0].history;
    (history.learned.clone(), history.train_loss.clone())
}

#[test]
fn a_learned_letter_leaves_its_start_and_the_race_records_it() {
    for (grain, slots) in [("per-layer", "one"), ("per-unit", "each unit's")] {
        let (series, loss) = learned(&format!("{GATE}&learned={grain}"));
        let names: Vec<(usize, &str)> = series.iter().map(|s| (s.layer, &s.name[..])).collect();
        assert_eq!(names, [(1, "k"), (2, "k")], "{grain}");
        for s in &series {
            assert_eq!(s.values.len(), 5, "{grain}: step 0 and every 50");
            // 1.5 is exact in f32, and every slot starts there.
            assert_eq!(s.values[0], 1.5, "{grain} layer {}", s.layer);
            let moved = (s.values[4] - 1.5).abs();
            assert!(
                moved > 1e-3 && s.values.iter().all(|v| v.is_finite()),
                "{grain}: {slots} k of layer {} stayed at {:?}",
                s.layer,
                s.values
            );
        }
        assert!(loss[4] < loss[0], "{grain}: the loss fell: {loss:?}");
    }
    // Frozen, nothing is recorded.
    let (series, _) = learned(&format!("{GATE}&learned=none"));
    assert!(series.is_empty(), "{series:?}");
}

#[test]
fn a_formula_restating_swish_learns_as_swish_does() {
    for grain in ["per-layer", "per-unit"] {
        let (formula, formula_loss) = learned(&format!("{GATE}&learned={grain}"));
        let (swish, swish_loss) = learned(&format!("activation=swish&beta=1.5&learned={grain}"));
        assert_eq!(formula.len(), swish.len(), "{grain}");
        for (f, s) in formula.iter().zip(&swish) {
            assert_eq!((f.layer, &f.name[..], &s.name[..]), (s.layer, "k", "beta"));
            for (a, b) in f.values.iter().zip(&s.values) {
                assert!(
                    (a - b).abs() <= 1e-4,
                    "{grain}: k {:?}, β {:?}",
                    f.values,
                    s.values
                );
            }
        }
        for (a, b) in formula_loss.iter().zip(&swish_loss) {
            assert!(
                (a - b).abs() <= 1e-4 * b.abs().max(1.0),
                "{grain}: {formula_loss:?} vs {swish_loss:?}"
            );
        }
    }
}

#[test]
fn a_formula_without_letters_learns_nothing() {
    let (series, loss) = learned("activation=custom&formula=x*sigmoid(x)&learned=per-unit");
    assert!(series.is_empty(), "{series:?}");
    assert!(loss.iter().all(|l| l.is_finite()), "{loss:?}");
}

#[test]
fn actlab_train_prints_the_learned_letters() {
    let report = json(&[
        "train",
        "--dataset",
        "xor",
        "--activation",
        "custom",
        "--formula",
        "x*sigmoid(k*x)",
        "--formula-params",
        "k:1.5",
        "--learned",
        "per-unit",
        "--hidden",
        "6,4",
        "--steps",
        "200",
        "--record-every",
        "100",
    ]);
    for key in ["layer1.k", "layer2.k"] {
        let values = numbers(&report["learned"][key]);
        assert_eq!(values.len(), 3, "{key}: {values:?}");
        assert_eq!(values[0], 1.5, "{key}");
        assert!((values[2] - 1.5).abs() > 1e-3, "{key} stayed: {values:?}");
    }
}
