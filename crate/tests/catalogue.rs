//! The catalogue's entries: each one complete in both languages and consistent with itself, and
//! each activation working in every place an activation goes (its config name and aliases, the
//! curves, the layers pass, training, learned parameters, the CLI's `actlab list`), so that an
//! entry added to the catalogue is exercised everywhere without editing this file.
//!
//! The numbers themselves are checked against mpmath in `activation_reference.rs`; here the
//! claims are structural (the name resolves to the kind, the pass runs and stays finite).

mod common;

use activation_lab::train::race;
use activation_lab::{layers, readout, Activation, Config, Kind};
use common::actlab;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// Whether `text` has a Hangul syllable, i.e. is written in Korean rather than copied English.
fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[test]
fn every_entry_is_complete_in_both_languages() {
    let mut failures = Vec::new();
    for kind in Kind::ALL {
        let entry = kind.entry();
        let name = kind.name();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            failures.push(format!("{name:?}: not a snake_case PyTorch-style name"));
        }
        for (what, text) in [
            ("summary", entry.summary),
            ("formula", entry.formula),
            ("derivative formula", entry.derivative_formula),
            ("citation", entry.citation),
        ] {
            if text.en.trim().is_empty() || text.ko.trim().is_empty() {
                failures.push(format!("{name}: empty {what}"));
            }
        }
        // A summary is a sentence, so its Korean must be Korean, not the English copied over.
        if !has_hangul(entry.summary.ko) {
            failures.push(format!(
                "{name}: Korean summary has no Korean: {}",
                entry.summary.ko
            ));
        }
        for param in entry.params {
            if !(param.min <= param.default && param.default <= param.max && param.step > 0.0) {
                failures.push(format!(
                    "{name}: {param:?} has its default outside its range"
                ));
            }
        }
        // A learnable parameter needs a learning rule, and a rule needs something to learn.
        let learnable = entry.params.iter().any(|p| p.learnable);
        if learnable != entry.learn.is_some() {
            failures.push(format!(
                "{name}: learnable {learnable} but rule {}",
                entry.learn.is_some()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn names_and_aliases_are_unique_and_resolve_to_their_kind() {
    let mut seen: Vec<&str> = Vec::new();
    for kind in Kind::ALL {
        for name in std::iter::once(kind.name()).chain(kind.entry().aliases.iter().copied()) {
            assert!(!seen.contains(&name), "{name} is used twice");
            seen.push(name);
            assert_eq!(Kind::from_name(name), Some(kind), "{name}");
        }
    }
    // Kind::ALIASES lists exactly the entries' aliases.
    let aliases: Vec<(&str, Kind)> = Kind::ALL
        .into_iter()
        .flat_map(|k| k.entry().aliases.iter().map(move |a| (*a, k)))
        .collect();
    assert_eq!(Kind::ALIASES.to_vec(), aliases);
    assert!(aliases.contains(&("silu", Kind::Swish)));
}

#[test]
fn every_scalar_entry_builds_its_activation_at_its_defaults() -> TestResult {
    for kind in Kind::ALL {
        let Ok(activation) = Activation::with_defaults(kind) else {
            assert!(
                !kind.is_scalar(),
                "{} is scalar but has no scalar form",
                kind.name()
            );
            continue;
        };
        assert_eq!(activation.kind(), kind);
        // The resolved parameters are the entry's, at their defaults (APL's count its lists).
        let resolved = activation.resolved_params();
        for (spec, (key, _)) in kind.params().iter().zip(&resolved) {
            assert_eq!(spec.key, *key, "{}", kind.name());
        }
        assert!(resolved.len() >= kind.params().len(), "{}", kind.name());
        // The config's defaults are the entry's.
        let from_config =
            Config::parse(&format!("activation={}", kind.name()))?.activation(kind)?;
        assert_eq!(from_config, activation, "{}", kind.name());
    }
    Ok(())
}

/// The query selecting one activation in a view, small enough to run for every activation.
fn query(view: &str, name: &str) -> String {
    match view {
        "layers" => format!("view=layers&activation={name}&depth=3&width=16&batch=8&seed=3"),
        "train" => format!("view=train&activation={name}&hidden=4&steps=20&seed=3"),
        _ => format!("view=curves&activation={name}&points=41"),
    }
}

#[test]
fn every_activation_draws_its_curves() -> TestResult {
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        let config = Config::parse(&query("curves", kind.name()))?;
        let curves = readout::curves(&config)?;
        assert_eq!(curves.len(), 1);
        let curve = &curves[0];
        assert_eq!(curve.activation, kind.name());
        assert_eq!(curve.x.len(), 41);
        let finite = curve.y.iter().chain(&curve.dy).all(|v| v.is_finite());
        assert!(
            finite,
            "{}: non-finite curve on the default grid",
            kind.name()
        );
        // The properties card comes with it.
        assert!(kind.default_properties().is_some(), "{}", kind.name());
    }
    Ok(())
}

#[test]
fn every_activation_runs_through_the_layers_pass() -> TestResult {
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        let config = Config::parse(&query("layers", kind.name()))?;
        let snapshot = layers::run(&config)?;
        assert_eq!(snapshot.activation, kind.name());
        assert_eq!(snapshot.layers.len(), 3, "{}", kind.name());
        assert_eq!(snapshot.overflow_at, None, "{}", kind.name());
    }
    Ok(())
}

#[test]
fn every_activation_trains() -> TestResult {
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        let trainers = race(&Config::parse(&query("train", kind.name()))?)?;
        assert_eq!(trainers.len(), 1);
        let trainer = &trainers[0];
        assert_eq!(trainer.steps, 20, "{}", kind.name());
        let losses = &trainer.history.train_loss;
        assert!(!losses.is_empty(), "{}", kind.name());
        assert!(
            losses.iter().all(|l| l.is_finite()),
            "{}: {losses:?}",
            kind.name()
        );
    }
    Ok(())
}

#[test]
fn every_learnable_activation_learns_its_parameters() -> TestResult {
    let learnable = Kind::ALL.into_iter().filter(|k| k.entry().learn.is_some());
    let mut count = 0;
    for kind in learnable {
        count += 1;
        let query = format!("{}&learned=per-unit", query("train", kind.name()));
        let trainers = race(&Config::parse(&query)?)?;
        let learned = &trainers[0].history.learned;
        assert!(!learned.is_empty(), "{query}: no learned series");
        for series in learned {
            let finite = series.values.iter().all(|v| v.is_finite());
            assert!(finite, "{query}: {} {:?}", series.name, series.values);
        }
    }
    // PReLU, Swish and APL in the first wave.
    assert!(count >= 3, "{count} learnable activations");
    Ok(())
}

#[test]
fn actlab_list_shows_every_entry() -> TestResult {
    let output = actlab(&["list", "--format", "json"]);
    assert!(output.status.success());
    let list: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let entries = list.as_array().ok_or("an array")?;
    for kind in Kind::ALL {
        let entry = entries
            .iter()
            .find(|e| e["name"] == kind.name())
            .ok_or(format!("{} is not listed", kind.name()))?;
        assert_eq!(entry["summary"], kind.summary());
    }
    Ok(())
}
