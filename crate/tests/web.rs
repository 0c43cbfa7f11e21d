//! The wasm boundary, run under `wasm-bindgen-test-runner` (node): bad input comes back as a
//! `JsError` carrying the core's sentence, its code and its fields, never as a panic, and the
//! handle round-trips.
#![cfg(target_arch = "wasm32")]

use activation_lab::wasm::{Lab, LayersMerge, LayersShard, LayersSnapshot, PhaseMap, Race};
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "common/naive_gemm.rs"]
mod naive_gemm;

// Every entry point on arbitrary input (issue #11).
#[path = "web/properties.rs"]
mod properties;

// The fast kernels' SIMD loops against their definitions.
#[path = "web/fast_kernels.rs"]
mod fast_kernels;

fn message(error: JsError) -> String {
    js_sys::Error::from(JsValue::from(error)).message().into()
}

/// What a JS `catch` sees on an error object: `message`, `code`, and `fields` as JSON text.
fn parts(error: &JsValue) -> (String, String, String) {
    let get = |name: &str| js_sys::Reflect::get(error, &name.into()).unwrap_or_default();
    let fields = js_sys::JSON::stringify(&get("fields"))
        .map(String::from)
        .unwrap_or_default();
    (
        js_sys::Error::from(error.clone()).message().into(),
        get("code").as_string().unwrap_or_default(),
        fields,
    )
}

#[wasm_bindgen_test]
fn a_thrown_error_carries_its_code_and_fields() {
    let error = Lab::new("view=train&dataset=xor&classes=3")
        .err()
        .map(JsValue::from)
        .unwrap_or_default();
    assert!(error.is_instance_of::<js_sys::Error>(), "{error:?}");
    assert_eq!(
        parts(&error),
        (
            "classes=3 needs dataset=spiral or dataset=gaussians: xor has 2 classes".into(),
            "classes-need-dataset".into(),
            r#"{"classes":3,"dataset":"xor","datasets":["spiral","gaussians"]}"#.into(),
        )
    );
    let mut lab = Lab::new("")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    let error = lab
        .set("depth", "500")
        .err()
        .map(JsValue::from)
        .unwrap_or_default();
    assert_eq!(
        parts(&error),
        (
            "depth must be an integer in 1..=64, got 500".into(),
            "out-of-range".into(),
            r#"{"key":"depth","range":{"interval":"1..=64","kind":"integer","max":64,"min":1},"value":"500"}"#
                .into(),
        )
    );
    // And its Korean sentence, the one `actlab --lang ko` prints (error/src/ko.rs).
    let ko = js_sys::Reflect::get(&error, &"ko".into()).unwrap_or_default();
    assert_eq!(
        ko.as_string().as_deref(),
        Some("depth 값은 1..=64 범위의 정수여야 합니다 (입력: 500)")
    );
}

#[wasm_bindgen_test]
fn errors_made_at_the_boundary_are_internal_with_their_detail() {
    let lab = Lab::new("")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    let error = lab
        .cost("relu", 1000, 3)
        .err()
        .map(JsValue::from)
        .unwrap_or_default();
    assert_eq!(
        parts(&error),
        (
            "this page has no performance clock".into(),
            "internal".into(),
            r#"{"detail":"this page has no performance clock"}"#.into(),
        )
    );
}

#[wasm_bindgen_test]
fn the_error_examples_cross_as_errors_of_every_code() {
    let examples = Lab::error_examples();
    let codes: std::collections::BTreeSet<String> = examples.iter().map(|e| parts(e).1).collect();
    let expected: std::collections::BTreeSet<String> = activation_lab::error::Code::ALL
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(codes, expected);
    for example in &examples {
        let (sentence, _, fields) = parts(example);
        assert!(
            !sentence.is_empty() && fields.starts_with('{'),
            "{sentence}: {fields}"
        );
    }
}

#[wasm_bindgen_test]
fn unknown_activation_is_a_js_error_with_the_valid_names() {
    let error = Lab::new("activation=rleu").err().map(message);
    let text = error.unwrap_or_default();
    assert!(
        text.starts_with("unknown activation \"rleu\" (expected one of: identity, step, sigmoid"),
        "{text}"
    );
}

#[wasm_bindgen_test]
fn out_of_range_and_nan_values_are_refused_and_the_state_is_kept() {
    let mut lab = Lab::new("activation=tanh")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    let error = lab
        .set("depth", "500")
        .err()
        .map(message)
        .unwrap_or_default();
    assert_eq!(error, "depth must be an integer in 1..=64, got 500");
    let error = lab
        .set("x-min", "NaN")
        .err()
        .map(message)
        .unwrap_or_default();
    assert_eq!(error, "x-min must be a number in [-1000, 1000], got NaN");
    assert_eq!(lab.query(), "activation=tanh");
}

#[wasm_bindgen_test]
fn query_round_trips_through_set() {
    let mut lab = Lab::new("")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    lab.set("activation", "leaky_relu,gelu")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    lab.set("negative-slope", "0.2")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    let again = Lab::new(&lab.query())
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        again.query(),
        "activation=leaky_relu,gelu&negative-slope=0.2"
    );
}

/// Numbers past Clinger's fast path (more than 15 digits) take formula/src/number.rs's exact
/// comparisons, which the module runs without std's table: the link keeps the very double.
#[wasm_bindgen_test]
fn long_numbers_in_a_link_read_as_the_nearest_double() {
    let lab = Lab::restore(
        "#activation=leaky_relu&negative-slope=0.30000000000000004&x-max=7.0000000000000001",
    );
    assert_eq!(
        lab.query(),
        "activation=leaky_relu&negative-slope=0.30000000000000004&x-max=7"
    );
    // 1 + 2^-53, halfway between 1 and the next double: ties to even give 1; a hair above, the
    // next double up.
    let halfway = "1.00000000000000011102230246251565404236316680908203125";
    for (text, read) in [
        (halfway.to_string(), "1"),
        (format!("{halfway}1"), "1.0000000000000002"),
    ] {
        let lab = Lab::restore(&format!("#x-max={text}"));
        assert_eq!(lab.query(), format!("x-max={read}"));
    }
}

#[wasm_bindgen_test]
fn restore_keeps_the_valid_part_of_a_broken_link() {
    let lab = Lab::restore("#activation=relu&bogus=1&x-max=8");
    assert_eq!(lab.query(), "activation=relu&x-max=8");
    let warnings = lab.warnings();
    assert_eq!(warnings.len(), 1);
    let (sentence, code, fields) = parts(&warnings[0]);
    assert!(sentence.starts_with("unknown key \"bogus\""), "{sentence}");
    assert_eq!(code, "unknown-key");
    assert!(
        fields.starts_with(r#"{"key":"bogus","valid":["view","activation","#),
        "{fields}"
    );
}

#[wasm_bindgen_test]
fn attributes_are_not_a_link_and_are_not_cut_at_its_limit() {
    // 9000 characters: a link this long is cut at 8192 and its pair dropped; an attribute is read
    // whole, so its value reaches the key's own check and is echoed shortened.
    let long = "x".repeat(9000);
    let lab = Lab::from_attributes(
        vec!["activation".into(), "x-max".into(), "depth".into()],
        vec![long.clone(), "4%".into(), "7".into()],
    );
    assert_eq!(lab.query(), "depth=7");
    let codes: Vec<String> = lab.warnings().iter().map(|w| parts(w).1).collect();
    assert_eq!(codes, ["unknown-name", "not-a-number"]);
    let link = Lab::restore(&format!("activation={long}&depth=7"));
    assert_eq!(parts(&link.warnings()[0]).1, "link-too-long");
}

#[wasm_bindgen_test]
fn readout_reports_sigmoid_closed_forms() {
    let lab = Lab::new("activation=sigmoid&depth=10")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    let json = lab
        .readout()
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    // σ(0) = 1/2, σ'(0) = 1/4, and (1/4)^10 = 9.5367431640625e-7 exactly in binary.
    assert!(json.contains("\"value\":0.5"), "{json}");
    assert!(json.contains("\"derivative\":0.25"), "{json}");
    assert!(json.contains("\"chain\":9.5367431640625e-7"), "{json}");
}

#[wasm_bindgen_test]
fn measuring_cost_without_a_browser_clock_is_an_error_not_a_panic() {
    let lab = Lab::new("")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    let error = lab
        .cost("relu", 1000, 3)
        .err()
        .map(message)
        .unwrap_or_default();
    assert_eq!(error, "this page has no performance clock");
    let error = lab
        .cost("softmax", 1000, 3)
        .err()
        .map(message)
        .unwrap_or_default();
    assert_eq!(
        error,
        "softmax is vector-valued and has its own view (view=softmax), not a curve"
    );
}

/// The same seed trains to the same bits in wasm32 as natively (tests/train_core.rs asserts the
/// same numbers): the CLI, the tests and the page agree on every lesson.
#[wasm_bindgen_test]
fn a_seed_trains_to_the_same_bits_as_natively() {
    let config = activation_lab::Config::parse(
        "view=train&dataset=moons&activation=relu&hidden=32,32,32&learning-rate=1&noise=0.1",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let spec = config
        .train_specs()
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0);
    let mut run = activation_lab::train::Trainer::new(spec).unwrap_or_else(|e| panic!("{e}"));
    run.run(200, 50);
    assert_eq!(
        run.data.train.inputs[..4],
        [-0.991_452_8, -0.030_432_848, -0.087_134_05, -0.338_634_5]
    );
    let sum: f64 = run.model.params.iter().map(|p| f64::from(*p)).sum();
    assert_eq!(sum.to_bits(), 13_852_603_497_335_422_720);
}

// Drawing needs a DOM (plotters measures text with the page's canvas), which node lacks: the
// exported words are checked natively (render_lang_svg.rs) and in Chromium (i18n.spec.mjs).
#[wasm_bindgen_test]
fn chart_language_takes_en_or_ko_and_refuses_others_in_a_sentence() {
    let mut lab = Lab::new("view=softmax")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    for code in ["ko", "en", "ko-KR"] {
        assert!(lab.set_language(code).is_ok(), "{code}");
    }
    let error = lab.set_language("fr").err().map(message);
    assert_eq!(
        error.as_deref(),
        Some("unknown language \"fr\" (expected one of: en, ko)")
    );
    let mut race = Race::new("dataset=xor&activation=relu")
        .map_err(message)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(race.set_language("ko").is_ok());
    assert!(race.set_language("").is_err());
}

/// The history (issue #14): rewinding shows an earlier record in the state, stepping returns
/// to the present, and an unknown histogram name is a sentence.
#[wasm_bindgen_test]
fn the_race_rewinds_to_a_kept_record_and_steps_from_the_present() -> Result<(), String> {
    let mut race = Race::new("dataset=xor&activation=relu&hidden=4,4&steps=50&record-every=10")
        .map_err(message)?;
    race.step(30);
    let info: serde_json::Value =
        serde_json::from_str(&race.history_info().map_err(message)?).map_err(|e| e.to_string())?;
    assert_eq!(info["steps"], serde_json::json!([0, 10, 20, 30]));
    assert_eq!(
        race.rewind(15).map_err(message)?,
        10,
        "the kept record at or before 15"
    );
    let state: serde_json::Value =
        serde_json::from_str(&race.state().map_err(message)?).map_err(|e| e.to_string())?;
    assert_eq!(state["rewound"], 10);
    assert_eq!(state["runs"][0]["steps"], 10);
    race.step(1);
    let state: serde_json::Value =
        serde_json::from_str(&race.state().map_err(message)?).map_err(|e| e.to_string())?;
    assert!(state.get("rewound").is_none(), "stepping shows the present");
    assert_eq!(state["runs"][0]["steps"], 31);
    let error = race.set_inside_values("weights").err().map(message);
    assert_eq!(
        error.as_deref(),
        Some("unknown histograms \"weights\" (expected one of: activations, pre-activations, deltas)")
    );
    Ok(())
}

/// The wasm32 SIMD GEMM (core/src/mlp/wasm_gemm.rs) of this test build against a naive triple loop in
/// f64, within γ_k·Σ|a||b| (tests/common/naive_gemm.rs states the bound and its source), for
/// sizes that leave partial micro-tiles and blocks in every direction, and for both transposed
/// views. The release modules the page loads, plain and relaxed-SIMD, are checked the same way
/// in Chromium (tests/e2e/wasm-builds.spec.mjs).
#[wasm_bindgen_test]
fn matmul_matches_a_naive_f64_product_within_gamma_k() -> Result<(), String> {
    naive_gemm::check(activation_lab::linalg::matmul)
}

/// ‖aᵀδ‖ from the rows' dot products (a preview's ∂L/∂W norm) as the wasm build compiles it.
#[wasm_bindgen_test]
fn the_outer_norm_is_the_norm_of_the_product_formed() -> Result<(), String> {
    naive_gemm::check_outer_norm(activation_lab::linalg::outer_norm)
}

/// `merged` and `whole` (JSON) hold the same keys and values: integers (counts, histogram
/// bins, indices) and strings exactly, floats to `tolerance(key)` relative (sums in another
/// order), or both within 1e-12 of 0.
fn same_numbers(
    merged: &serde_json::Value,
    whole: &serde_json::Value,
    at: &str,
    tolerance: &dyn Fn(&str) -> f64,
) -> Result<(), String> {
    use serde_json::Value;
    match (merged, whole) {
        (Value::Object(m), Value::Object(w)) => {
            if m.keys().ne(w.keys()) {
                return Err(format!("{at}: keys {:?} vs {:?}", m.keys(), w.keys()));
            }
            m.iter().try_for_each(|(key, value)| {
                let here = format!("{at}.{key}");
                same_numbers(value, &w[key], &here, &|k: &str| {
                    tolerance(if k.is_empty() { key } else { k })
                })
            })
        }
        (Value::Array(m), Value::Array(w)) if m.len() == w.len() => m
            .iter()
            .zip(w)
            .enumerate()
            .try_for_each(|(i, (m, w))| same_numbers(m, w, &format!("{at}[{i}]"), tolerance)),
        (Value::Number(m), Value::Number(w)) if m.is_f64() || w.is_f64() => {
            let (m, w) = (
                m.as_f64().unwrap_or(f64::NAN),
                w.as_f64().unwrap_or(f64::NAN),
            );
            let tolerance = tolerance("");
            if (m - w).abs() <= tolerance * w.abs() || (m.abs() < 1e-12 && w.abs() < 1e-12) {
                Ok(())
            } else {
                Err(format!(
                    "{at}: {m} vs {w} (relative tolerance {tolerance:e})"
                ))
            }
        }
        (m, w) if m == w => Ok(()),
        (m, w) => Err(format!("{at}: {m} vs {w}")),
    }
}

/// Two shards through the boundary the page's workers use, merged: the one-piece pass's numbers,
/// every one of them. The reference is the whole batch's pass (`Lab::layers`, no shards): each
/// output row depends only on its own input row, so counts, histograms and distinct neurons must
/// be identical, and moments (f64 sums in another order) agree to 1e-9; ∂L/∂W's norm is an f32
/// sum of the shards' products, to 1e-5 (the tolerances of tests/layers_shards.rs natively).
#[wasm_bindgen_test]
fn layers_shards_merge_to_the_one_piece_pass() -> Result<(), String> {
    let query = "activation=tanh&init=xavier_normal&depth=3&width=32&batch=150";
    let mut merge = LayersMerge::new(query).map_err(message)?;
    assert_eq!(LayersMerge::shards(query, 2).map_err(message)?, 2);
    let mut shards = Vec::new();
    for index in 0..2 {
        let mut shard = LayersShard::new(query, index, 2).map_err(message)?;
        let (samples, gradients) = (shard.take_samples(), shard.take_gradients());
        assert_eq!(gradients.len(), 3 * 32 * 32);
        merge
            .add(shard.summary(), samples, gradients)
            .map_err(message)?;
        shards.push(shard);
    }
    let ranges = merge.ranges().map_err(message)?;
    for shard in &shards {
        merge
            .add_counts(shard.counts(ranges.clone()).map_err(message)?)
            .map_err(message)?;
    }
    let merged = merge.finish().map_err(message)?.json().map_err(message)?;
    let whole = Lab::new(query)
        .and_then(|lab| lab.layers())
        .map_err(message)?;
    let parse = |json: &str| -> Result<serde_json::Value, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    };
    let (merged, whole) = (parse(&merged)?, parse(&whole)?);
    assert_eq!(whole["layers"].as_array().map(Vec::len), Some(3));
    let tolerance = |key: &str| {
        if key == "grad_weight_norm" {
            1e-5
        } else {
            1e-9
        }
    };
    same_numbers(&merged, &whole, "snapshot", &tolerance)
}

/// What comes from JavaScript may be anything: a clear error, never a panic.
#[wasm_bindgen_test]
fn layers_merge_refuses_bad_input_with_a_sentence() -> Result<(), String> {
    let query = "activation=tanh&depth=2&width=8&batch=10";
    let mut merge = LayersMerge::new(query).map_err(message)?;
    let error = merge
        .add(vec![1, 2, 3], Vec::new(), Vec::new())
        .err()
        .map(message);
    assert!(error.unwrap_or_default().starts_with("not a shard summary"));
    let error = merge.ranges().err().map(message);
    assert_eq!(error.as_deref(), Some("0 of 0 shards have reported"));
    let mut shard = LayersShard::new(query, 0, 1).map_err(message)?;
    let summary = shard.summary();
    let mut samples = shard.take_samples();
    samples.pop();
    let error = merge.add(summary, samples, Vec::new()).err().map(message);
    assert_eq!(
        error.as_deref(),
        Some("shard 0's arrays have the wrong lengths")
    );
    let error = merge.add_counts(vec![1, 2]).err().map(message);
    assert!(error
        .unwrap_or_default()
        .starts_with("not histogram counts"));
    let error = shard.counts(Vec::new()).err().map(message);
    assert!(error
        .unwrap_or_default()
        .starts_with("not histogram ranges"));
    let error = LayersShard::new(query, 2, 2).err().map(message);
    assert_eq!(error.as_deref(), Some("shard 2 of 2 does not exist"));
    Ok(())
}

#[wasm_bindgen_test]
fn the_page_reads_the_views_and_their_formats_from_the_core() -> Result<(), String> {
    let views: serde_json::Value =
        serde_json::from_str(&Lab::views().map_err(message)?).map_err(|e| e.to_string())?;
    let names: Vec<&str> = views
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["name"].as_str())
        .collect();
    assert_eq!(names, ["curves", "softmax", "layers", "train", "phase"]);
    assert_eq!(views[2]["workers"], true);
    assert_eq!(views[4]["workers"], true);
    assert_eq!(
        views[0]["formats"],
        serde_json::json!(["svg", "png", "csv", "json"])
    );
    // The keys of each view's own panel cross too: the page builds the layers and phase panels
    // from them.
    assert_eq!(views[2]["controls"][0], "activation");
    assert_eq!(views[4]["controls"][1], "bias-std");
    assert_eq!(views[0]["controls"], serde_json::json!([]));
    // And what decides the phase map: the current point's gain does not, the depth does.
    let base = "view=phase&activation=tanh&phase-cells=8";
    let key = |q: &str| activation_lab::wasm::phase_map_key(q).map_err(message);
    assert_eq!(key(base)?, key(&format!("{base}&gain=1.7"))?);
    assert_ne!(key(base)?, key(&format!("{base}&phase-depth=12"))?);
    assert!(key("view=phase&activation=nope").is_err());
    Ok(())
}

/// The page exports the snapshot its workers made, through its handle. An export that
/// recomputed would agree with a faithful snapshot, so these hand over snapshots no computation
/// gives (a layer's mean of 42.5, a map named after another activation) and look for them
/// (issue #17, item 5).
#[wasm_bindgen_test]
fn exports_show_the_snapshot_handed_over_not_a_recomputation() -> Result<(), String> {
    let query = "view=layers&activation=tanh&init=zeros&depth=3&width=8&batch=4";
    let config = activation_lab::Config::parse(query).map_err(|e| e.to_string())?;
    let mut snapshot = activation_lab::layers::run(&config).map_err(|e| e.to_string())?;
    // Zeros init: every mean is 0 in a recomputation.
    snapshot.layers[0].mean = 42.5;
    let given = LayersSnapshot::from(snapshot);
    let mut lab = Lab::new(query).map_err(message)?;
    let csv = given.export_csv(&lab).map_err(message)?;
    let first = csv.lines().nth(1).unwrap_or_default();
    assert!(first.starts_with("1,42.5,"), "{first}");
    let json = given.export_json(&lab).map_err(message)?;
    assert!(json.contains("42.5"), "{json}");
    // Without a snapshot the lab's export recomputes, and the mean is 0 again.
    let fresh = lab.export_csv().map_err(message)?;
    assert!(
        fresh
            .lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with("1,0.0,"),
        "{fresh}"
    );

    // The phase map crosses from the workers as words; its current mark follows the lab.
    let query =
        "view=phase&activation=tanh&phase-cells=4&phase-depth=3&phase-width=4&phase-batch=2";
    let config = activation_lab::Config::parse(query).map_err(|e| e.to_string())?;
    let mut map = activation_lab::views::phase::theory(&config).map_err(|e| e.to_string())?;
    map.activation = "not-computed-here".into();
    let given = PhaseMap::new(activation_lab::wire::to_words(&map)).map_err(message)?;
    let lab = Lab::new(&format!("{query}&gain=1.7&bias-std=0.3")).map_err(message)?;
    let json = given.export_json(&lab).map_err(message)?;
    assert!(json.contains("not-computed-here"), "{json}");
    let exported: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    assert_eq!(exported["marks"]["current"], serde_json::json!([1.7, 0.3]));
    // The map has no measured cell yet, so its CSV has the header alone: a recomputation would
    // have measured all 16.
    let csv = given.export_csv(&lab).map_err(message)?;
    assert_eq!(csv.lines().count(), 1, "{csv}");
    // Cells from a worker fill it; words that are not cells are refused with a sentence.
    let cells = activation_lab::wasm::phase_cells(query, vec![0, 5])
        .map_err(message)?
        .take_words();
    let mut given = given;
    given.add_cells(cells).map_err(message)?;
    assert_eq!(given.export_csv(&lab).map_err(message)?.lines().count(), 3);
    let error = given.add_cells(vec![9]).err().map(message);
    assert!(error
        .unwrap_or_default()
        .starts_with("not phase cells: word"));
    Ok(())
}
