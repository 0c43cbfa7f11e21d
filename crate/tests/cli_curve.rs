//! `actlab curve`, run as a user would: the JSON, CSV and SVG of one or several activations on
//! the grid or at explicit points, numbers against closed forms, and the sentences for points
//! that are not on the x axis.

// A test that cannot run the binary or parse its output should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use activation_lab::render::Theme;
use activation_lab::{export, Config};
use common::{assert_input_error, json, numbers, sorted_keys, stdout, temp_path};
use serde_json::Value;

#[test]
fn curve_json_for_one_activation_has_exactly_the_documented_keys() {
    let curve = json(&["curve", "--activation", "sigmoid", "--x=0"]);
    assert_eq!(
        sorted_keys(&curve),
        ["activation", "dy", "params", "x", "y"]
    );
    assert_eq!(curve["activation"], "sigmoid");
    assert_eq!(curve["params"], serde_json::json!({}));
    // Closed forms σ(0) = 1/2 and σ'(0) = σ(0)σ(−0) = 1/4, both exact in binary: tolerance 0.
    assert_eq!(numbers(&curve["x"]), [0.0]);
    assert_eq!(numbers(&curve["y"]), [0.5]);
    assert_eq!(numbers(&curve["dy"]), [0.25]);
}

#[test]
fn relu_at_explicit_points() {
    let curve = json(&["curve", "--activation", "relu", "--x=-1,2"]);
    assert_eq!(numbers(&curve["y"]), [0.0, 2.0]);
    assert_eq!(numbers(&curve["dy"]), [0.0, 1.0]);
}

#[test]
fn second_derivative_adds_d2y_and_both_flag_forms_work() {
    let spaced = [
        "curve",
        "--activation",
        "tanh",
        "--x=0,1",
        "--second-derivative",
        "true",
    ];
    let joined = [
        "curve",
        "--activation=tanh",
        "--x=0,1",
        "--second-derivative=true",
        "--format=json",
    ];
    for args in [&spaced[..], &joined[..]] {
        let curve = json(args);
        assert_eq!(
            sorted_keys(&curve),
            ["activation", "d2y", "dy", "params", "x", "y"]
        );
        // tanh'' = −2 tanh·sech² (closed form, Python math): 0 at x = 0, −0.63970000844922
        // at x = 1; the CLI's f'' is a central difference, so the tolerance is 1e-6.
        let d2y = numbers(&curve["d2y"]);
        assert!(
            d2y[0].abs() < 1e-9 && (d2y[1] + 0.639_700_008_449_224_6).abs() < 1e-6,
            "{d2y:?}"
        );
    }
}

#[test]
fn several_activations_print_an_array_with_resolved_params() {
    let curves = json(&[
        "curve",
        "--activation",
        "leaky_relu,prelu,apl",
        "--negative-slope",
        "0.2",
        "--hinges",
        "2",
        "--points",
        "5",
    ]);
    let curves = curves.as_array().expect("an array for several activations");
    assert_eq!(curves.len(), 3);
    assert_eq!(
        curves[0]["params"],
        serde_json::json!({"negative-slope": 0.2})
    );
    assert_eq!(
        curves[1]["params"],
        serde_json::json!({"negative-slope": 0.2})
    );
    assert_eq!(
        curves[2]["params"],
        serde_json::json!({"hinges": 2, "a": [0.2, 0.2], "b": [-0.5, 0.5]})
    );
    // The default grid is x-min = −5 .. x-max = 5.
    assert_eq!(numbers(&curves[0]["x"]), [-5.0, -2.5, 0.0, 2.5, 5.0]);
    assert_eq!(numbers(&curves[0]["y"]), [-1.0, -0.5, 0.0, 2.5, 5.0]);
}

#[test]
fn csv_has_a_header_and_one_row_per_point() {
    let text = stdout(&[
        "curve",
        "--activation",
        "relu,tanh",
        "--points",
        "11",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "activation,x,y,dy");
    assert_eq!(lines.len(), 1 + 2 * 11);
    assert_eq!(lines[1], "relu,-5.0,0.0,0.0");
    assert!(lines[12].starts_with("tanh,-5.0,"));

    let text = stdout(&[
        "curve",
        "--activation",
        "relu",
        "--x=3",
        "--format",
        "csv",
        "--second-derivative",
        "true",
    ]);
    assert_eq!(text, "activation,x,y,dy,d2y\nrelu,3.0,3.0,1.0,0.0\n");
}

#[test]
fn svg_is_written_to_the_out_file_with_the_legend() {
    let path = temp_path("curves.svg");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    let printed = stdout(&[
        "curve",
        "--activation",
        "tanh,relu",
        "--at",
        "1",
        "--format",
        "svg",
        "--out",
        path_text,
    ]);
    assert!(printed.is_empty());
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    std::fs::remove_file(&path).ok();
    assert!(svg.contains("<svg"));
    assert!(
        svg.contains("tanh f") && svg.contains("relu f′"),
        "legend labels"
    );
    assert!(svg.contains("width=\"900\"") && svg.contains("height=\"560\""));
}

#[test]
fn json_out_file_and_config_file_with_overriding_flags() {
    let config = temp_path("config.json");
    let out = temp_path("out.json");
    std::fs::write(
        &config,
        r#"{"activation": ["elu", "tanh"], "alpha": 2, "points": 3}"#,
    )
    .unwrap();
    let (config_text, out_text) = (config.to_str().unwrap(), out.to_str().unwrap());
    let printed = stdout(&[
        "curve",
        "--config",
        config_text,
        "--activation",
        "elu",
        "--out",
        out_text,
    ]);
    let curve: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    std::fs::remove_file(&config).ok();
    std::fs::remove_file(&out).ok();
    assert!(printed.is_empty());
    // activation from the flag, alpha and points from the file.
    assert_eq!(curve["activation"], "elu");
    assert_eq!(curve["params"], serde_json::json!({"alpha": 2.0}));
    assert_eq!(numbers(&curve["x"]).len(), 3);
}

#[test]
fn explicit_points_must_be_numbers_on_the_x_axis() {
    assert_input_error(&["curve", "--x=1,abc"], "x must be a number, got \"abc\"");
    // The same bounds as x-min and x-max; NaN and ±inf are outside them.
    let range = "x must be a number in [-1000, 1000]";
    assert_input_error(&["curve", "--x=0,inf"], &format!("{range}, got inf"));
    assert_input_error(&["curve", "--x=NaN"], &format!("{range}, got NaN"));
    assert_input_error(
        &["curve", "--x=-1e308,1e308"],
        &format!("{range}, got -1e308"),
    );
    assert_input_error(
        &["curve", "--x=1", "--points", "9"],
        "--x lists the points itself, so it cannot be combined with --x-min, --x-max or --points",
    );
}

#[test]
fn svg_survives_a_single_point_and_the_ends_of_the_axis() {
    for (name, x) in [("one.svg", "--x=1"), ("ends.svg", "--x=-1000,1000")] {
        let path = temp_path(name);
        let path_text = path.to_str().expect("a UTF-8 temp path");
        stdout(&[
            "curve",
            "--activation",
            "apl,selu",
            x,
            "--format",
            "svg",
            "--out",
            path_text,
        ]);
        let svg = std::fs::read_to_string(&path).expect("the SVG was written");
        std::fs::remove_file(&path).ok();
        assert!(svg.contains("</svg>"), "{x}");
    }
}

/// The page's "export SVG" of the same state, which the CLI must match byte for byte.
fn page_svg(query: &str, width: u32, height: u32) -> String {
    let config = Config::parse(query).expect("a valid query");
    export::svg(&config, width, height, &Theme::default()).expect("the page's export")
}

#[test]
fn svg_is_the_pages_export_byte_for_byte() {
    let path = temp_path("same.svg");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    stdout(&[
        "curve",
        "--activation",
        "gelu,elu",
        "--at",
        "-1.5",
        "--format",
        "svg",
        "--out",
        path_text,
    ]);
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    std::fs::remove_file(&path).ok();
    assert_eq!(svg, page_svg("activation=gelu,elu&at=-1.5", 900, 560));
}

/// A typed formula's kinks: where an argument of abs, relu, max or step crosses zero, with f
/// there (worked out by hand: |x−1| + relu(x+2) kinks at −2 and 1, where f = 3 and 3;
/// step(x−0.5) jumps at 0.5). A smooth formula and a built-in list none.
#[test]
fn curve_json_lists_a_typed_formulas_kinks() {
    let kinks_of = |formula: &str, range: [&str; 2]| {
        let json = common::json(&[
            "curve",
            "--activation",
            "custom",
            "--formula",
            formula,
            "--x-min",
            range[0],
            "--x-max",
            range[1],
        ]);
        json.get("kinks").map(|k| {
            k.as_array()
                .expect("kinks is an array")
                .iter()
                .map(|pair| (pair[0].as_f64().expect("x"), pair[1].as_f64().expect("f")))
                .collect::<Vec<_>>()
        })
    };
    let kinks = kinks_of("abs(x-1)+relu(x+2)", ["-5", "5"]).expect("kinks listed");
    assert_eq!(kinks.len(), 2, "{kinks:?}");
    for ((x, f), (want_x, want_f)) in kinks.iter().zip([(-2.0, 3.0), (1.0, 3.0)]) {
        assert!((x - want_x).abs() < 1e-9, "{kinks:?}");
        assert!((f - want_f).abs() < 1e-9, "{kinks:?}");
    }
    // Outside the sampled range, a kink is not listed.
    let inside = kinks_of("abs(x-1)+relu(x+2)", ["0", "5"]).expect("kinks listed");
    assert_eq!(inside.len(), 1, "{inside:?}");
    let jump = kinks_of("step(x-0.5)", ["-2", "2"]).expect("the jump listed");
    assert_eq!(jump.len(), 1, "{jump:?}");
    assert!((jump[0].0 - 0.5).abs() < 1e-9, "{jump:?}");
    assert_eq!(kinks_of("x*tanh(softplus(x))", ["-5", "5"]), None);
    let relu = common::json(&["curve", "--activation", "relu"]);
    assert!(
        relu.get("kinks").is_none(),
        "a built-in states its kinks on its card"
    );
}
