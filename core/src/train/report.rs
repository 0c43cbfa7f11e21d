//! A race's records as CSV and JSON: the same shape for the CLI (`actlab train`) and the page's
//! export buttons.

use super::{RaceSettings, Trainer};
use crate::error::Error;
use crate::pairs::Pairs;
use serde::Serialize;
use serde_json::{Map, Value};

/// One run as JSON: its history, with the per-record arrays at the top level.
#[derive(Serialize)]
struct RunReport<'a> {
    label: &'a str,
    head: &'static str,
    parameters: usize,
    steps: &'a [usize],
    train_loss: &'a [f64],
    test_loss: &'a [f64],
    train_accuracy: &'a [Option<f64>],
    test_accuracy: &'a [Option<f64>],
    grad_norms: &'a [Vec<f64>],
    dead_fraction: &'a [Vec<f64>],
    layers: &'a [Vec<super::inspect::LayerRecord>],
    learned: Pairs<String, &'a [f64]>,
    steps_to_target: Option<usize>,
    diverged_at: Option<usize>,
    divergence: Option<String>,
}

fn run_report(run: &Trainer, target_loss: f64) -> RunReport<'_> {
    let h = &run.history;
    RunReport {
        label: &run.spec.label,
        head: run.data.task.head(),
        parameters: run.model.params.len(),
        steps: &h.steps,
        train_loss: &h.train_loss,
        test_loss: &h.test_loss,
        train_accuracy: &h.train_accuracy,
        test_accuracy: &h.test_accuracy,
        grad_norms: &h.grad_norms,
        dead_fraction: &h.dead_fraction,
        layers: &h.layers,
        learned: h
            .learned
            .iter()
            .map(|s| (format!("layer{}.{}", s.layer, s.name), s.values.as_slice()))
            .collect(),
        steps_to_target: h.steps_to(target_loss),
        diverged_at: run.diverged_at,
        divergence: run.divergence(),
    }
}

/// Every setting with its value in effect, as JSON strings.
fn config_json(settings: &impl RaceSettings) -> Value {
    // Inserted one by one: collecting would compile a sort into the wasm module (see `pairs`).
    let mut object = Map::new();
    for (key, text) in settings.settings() {
        object.insert(key.to_string(), Value::String(text));
    }
    Value::Object(object)
}

/// `{"config": {...}, ...one run's fields}` for one run; for a race, `{"config": {...},
/// "runs": [...]}`.
pub fn json(config: &impl RaceSettings, runs: &[Trainer]) -> Result<String, Error> {
    let to_value = |run: &Trainer| {
        serde_json::to_value(run_report(run, config.target_loss())).map_err(|e| Error::Drawing {
            message: format!("JSON: {e}"),
        })
    };
    let mut object = Map::new();
    object.insert("config".into(), config_json(config));
    if let [run] = runs {
        if let Value::Object(fields) = to_value(run)? {
            object.extend(fields);
        }
    } else {
        let reports = runs.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
        object.insert("runs".into(), Value::Array(reports));
    }
    serde_json::to_string(&Value::Object(object)).map_err(|e| Error::Drawing {
        message: format!("JSON: {e}"),
    })
}

/// One row per run and record: losses, accuracies, then per-layer gradient norms and dead
/// fractions (`grad_norm_1…`, `dead_1…`); an empty cell where a value does not apply.
pub fn csv(runs: &[Trainer]) -> String {
    let layers = runs.iter().map(|r| r.model.layers.len()).max().unwrap_or(0);
    let mut text = String::from("run,step,train_loss,test_loss,train_accuracy,test_accuracy");
    for l in 1..=layers {
        text.push_str(&format!(",grad_norm_{l}"));
    }
    for l in 1..layers {
        text.push_str(&format!(",dead_{l}"));
    }
    text.push('\n');
    let cell = |v: Option<&f64>| v.map_or(String::new(), |v| format!("{v:?}"));
    for run in runs {
        let h = &run.history;
        for (i, step) in h.steps.iter().enumerate() {
            text.push_str(&format!(
                "{},{step},{:?},{:?},{},{}",
                run.spec.label,
                h.train_loss[i],
                h.test_loss[i],
                cell(h.train_accuracy[i].as_ref()),
                cell(h.test_accuracy[i].as_ref()),
            ));
            for l in 0..layers {
                text.push_str(&format!(",{}", cell(h.grad_norms[i].get(l))));
            }
            for l in 0..layers.saturating_sub(1) {
                text.push_str(&format!(",{}", cell(h.dead_fraction[i].get(l))));
            }
            text.push('\n');
        }
    }
    text
}
