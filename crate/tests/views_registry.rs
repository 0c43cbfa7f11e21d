//! The registry of views tells the page what each view's panel shows and when the phase map must
//! be measured again, so the page keeps no list of its own (issue #10, one registry of views).

use activation_lab::config::KEYS;
use activation_lab::views::{self, phase, View};
use activation_lab::Config;
use std::collections::BTreeSet;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

#[test]
fn every_control_a_view_lists_is_a_key_of_the_table_once() {
    let names: BTreeSet<&str> = KEYS.iter().map(|k| k.name).collect();
    for info in views::catalogue() {
        let controls = info.controls;
        let unique: BTreeSet<&str> = controls.iter().copied().collect();
        assert_eq!(
            unique.len(),
            controls.len(),
            "{}: a key listed twice",
            info.name
        );
        for key in controls {
            assert!(names.contains(key), "{}: {key} is not a key", info.name);
        }
    }
    // The two views whose panels the page builds from the list: every key their snapshot reads.
    let layers = views::info(View::Layers).controls;
    for key in [
        "activation",
        "init",
        "depth",
        "width",
        "batch",
        "norm",
        "residual",
        "histograms",
    ] {
        assert!(layers.contains(&key), "layers lacks {key}");
    }
    let phase = views::info(View::Phase).controls;
    for key in [
        "bias-std",
        "gain",
        "phase-depth",
        "phase-width",
        "phase-batch",
        "phase-cells",
    ] {
        assert!(phase.contains(&key), "phase lacks {key}");
    }
}

fn key(query: &str) -> Result<String, Box<dyn Error>> {
    Ok(phase::map_key(&Config::parse(query)?)?)
}

#[test]
fn the_phase_map_is_measured_again_exactly_when_what_it_measures_changes() -> TestResult {
    let base = "view=phase&activation=tanh&phase-cells=8";
    let same = key(base)?;
    // The current point and the layers view's keys move only the map's mark.
    for other in [
        "gain=1.7",
        "bias-std=0.3",
        "init=kaiming_normal",
        "width=64",
        "depth=30",
        "batch=16",
        "x-min=-3",
    ] {
        assert_eq!(
            key(&format!("{base}&{other}"))?,
            same,
            "{other} re-measures the map"
        );
    }
    // What the measured networks are made of changes it.
    for other in [
        "activation=relu",
        "phase-depth=12",
        "phase-width=32",
        "phase-batch=32",
        "phase-cells=12",
        "seed=9",
    ] {
        let name = other.split('=').next().unwrap_or_default();
        let kept: Vec<&str> = base
            .split('&')
            .filter(|pair| !pair.starts_with(name))
            .collect();
        let query = format!("{}&{other}", kept.join("&"));
        assert_ne!(key(&query)?, same, "{other} keeps the old map");
    }
    // An activation's parameter, and a typed formula and its letters.
    let elu = key("view=phase&activation=elu&phase-cells=8")?;
    assert_ne!(
        key("view=phase&activation=elu&alpha=0.5&phase-cells=8")?,
        elu
    );
    let formula = "view=phase&activation=custom&formula=tanh(k*x)&phase-cells=8";
    let k1 = key(&format!("{formula}&formula-params=k:1"))?;
    assert_ne!(k1, key(&format!("{formula}&formula-params=k:2"))?);
    let sine = formula.replace("tanh", "sin");
    assert_ne!(k1, key(&format!("{sine}&formula-params=k:1"))?);
    Ok(())
}
