//! Errors as data: every error the core can produce has a code and fields that carry what its
//! English sentence says, so the page can say it in another language without reading the
//! English. The expected fields are written out here from the sentences asserted in
//! tests/config.rs, not derived from the code under test.

use activation_lab::error::Code;
use activation_lab::{Config, Error};
use serde_json::{json, Value};
use std::collections::BTreeSet;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The error `query` fails with, as code, sentence and fields.
fn error_of(query: &str) -> Result<Value, String> {
    match Config::parse(query) {
        Ok(_) => Err(format!("{query} was accepted")),
        Err(error) => Ok(error.to_json()),
    }
}

#[test]
fn the_examples_cover_every_code_once_named() {
    let names: BTreeSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(names.len(), Code::ALL.len(), "two codes share a name");
    let covered: BTreeSet<&str> = Error::examples().iter().map(Error::code).collect();
    assert_eq!(covered, names);
}

#[test]
fn every_example_has_a_sentence_and_an_object_of_fields() {
    for error in Error::examples() {
        let sentence = error.to_string();
        assert!(
            !sentence.is_empty() && !sentence.ends_with('.'),
            "{sentence}"
        );
        let json = error.to_json();
        assert_eq!(json["code"], error.code());
        assert_eq!(json["message"], sentence.as_str());
        assert!(json["fields"].is_object(), "{sentence}: {json}");
    }
}

#[test]
fn the_two_conflicts_a_link_can_cause_carry_their_numbers_and_names() -> TestResult {
    // Both came back in English on a Korean page while they were free-form sentences.
    assert_eq!(
        error_of("view=train&dataset=xor&classes=3")?,
        json!({
            "code": "classes-need-dataset",
            "message": "classes=3 needs dataset=spiral or dataset=gaussians: xor has 2 classes",
            "fields": { "classes": 3, "dataset": "xor", "datasets": ["spiral", "gaussians"] },
        })
    );
    assert_eq!(
        error_of("view=train&hidden=8,8&layer-activations=relu,tanh,relu")?,
        json!({
            "code": "layer-count",
            "message": "layer-activations lists 3 activations for 2 hidden layers (hidden=8,8): give one per layer",
            "fields": { "got": 3, "layers": 2, "hidden": [8, 8], "hidden_text": "8,8" },
        })
    );
    Ok(())
}

#[test]
fn ranges_cross_as_bounds_and_as_the_notation_a_reader_types() -> TestResult {
    assert_eq!(
        error_of("depth=500")?["fields"],
        json!({ "key": "depth", "value": "500",
                "range": { "kind": "integer", "min": 1, "max": 64, "interval": "1..=64" } })
    );
    assert_eq!(
        error_of("x-min=NaN")?["fields"],
        json!({ "key": "x-min", "value": "NaN",
                "range": { "kind": "number", "min": -1000.0, "max": 1000.0,
                           "min_exclusive": false, "interval": "[-1000, 1000]" } })
    );
    assert_eq!(
        error_of("activation=scaled_tanh&b=-1")?["fields"],
        json!({ "key": "b", "value": "-1",
                "range": { "kind": "positive", "activation": "scaled_tanh" } })
    );
    assert_eq!(
        error_of("view=train&hidden=0")?["fields"]["range"],
        json!({ "kind": "integers", "min": 1, "max": 64, "interval": "1..=64" })
    );
    Ok(())
}

#[test]
fn list_lengths_say_which_count_was_expected() -> TestResult {
    assert_eq!(
        error_of("logits=1")?["fields"],
        json!({ "key": "logits", "got": 1, "expected": { "kind": "values", "min": 2, "max": 10 } })
    );
    assert_eq!(
        error_of("activation=apl&hinges=2&a=0.1")?["fields"],
        json!({ "key": "a", "got": 1,
                "expected": { "kind": "per-hinge", "activation": "apl", "hinges": 2 } })
    );
    assert_eq!(
        error_of("activation=scaled_tanh&a=1,2")?["fields"],
        json!({ "key": "a", "got": 2,
                "expected": { "kind": "for", "count": 1, "activation": "scaled_tanh" } })
    );
    Ok(())
}

#[test]
fn names_cross_as_lists() -> TestResult {
    let fields = error_of("init=xavier")?["fields"].clone();
    assert_eq!(fields["key"], "init");
    assert_eq!(fields["value"], "xavier");
    assert_eq!(
        fields["valid"],
        json!([
            "zeros",
            "constant",
            "normal",
            "uniform",
            "xavier_normal",
            "xavier_uniform",
            "kaiming_normal",
            "kaiming_uniform",
            "lecun_normal",
            "orthogonal"
        ])
    );
    assert_eq!(
        error_of("activation=tanh,relu,tanh")?["fields"],
        json!({ "key": "activation", "name": "tanh" })
    );
    assert_eq!(
        error_of("x-min=5&x-max=1")?["fields"],
        json!({ "x_min": "5", "x_max": "1" })
    );
    assert_eq!(
        error_of("logits=1,2&target=2")?["fields"],
        json!({ "target": 2, "logits": 2, "last": 1 })
    );
    Ok(())
}

#[test]
fn the_memory_budget_crosses_with_every_factor() -> TestResult {
    assert_eq!(
        error_of("view=layers&batch=4096&width=1024&depth=64")?["fields"],
        json!({ "batch": 4096, "width": 1024, "depth": 64, "values": 268_435_456_u64,
                "budget": 12_000_000, "megabytes": 150 })
    );
    Ok(())
}
