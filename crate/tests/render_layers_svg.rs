//! The layers view rendered natively to SVG: small multiples per layer, the spread chart with
//! its theory line, the gradient-flow bars and thresholds, and overflow shown as a state.

use activation_lab::layers;
use activation_lab::render::layers::{draw, Panel};
use activation_lab::render::Theme;
use activation_lab::Config;
use plotters::prelude::IntoDrawingArea;
use plotters_svg::SVGBackend;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn render(query: &str, panel: Panel) -> Result<String, Box<dyn std::error::Error>> {
    let snapshot = layers::run(&Config::parse(query)?)?;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1200, 900)).into_drawing_area();
        draw(&area, &snapshot, panel, &Theme::default())?;
        area.present()?;
    }
    if let Ok(path) = std::env::var("LAYERS_SVG_OUT") {
        std::fs::write(path, &svg)?;
    }
    Ok(svg)
}

#[test]
fn every_layer_gets_a_histogram_with_its_numbers() -> TestResult {
    let svg = render(
        "activation=tanh&init=normal&std=0.01&depth=6&width=64&batch=128",
        Panel::Activations,
    )?;
    for layer in 1..=6 {
        assert!(
            svg.contains(&format!("L{layer} μ=")),
            "caption of layer {layer}"
        );
    }
    assert!(
        svg.contains("a per layer — tanh with normal(std=0.01)"),
        "heading names activation and init"
    );
    assert!(
        svg.contains("std of z, mean-field theory"),
        "theory line in the legend"
    );
    assert!(
        svg.contains("‖∂L/∂W‖") && svg.contains("std of δ"),
        "gradient legend"
    );
    assert!(
        svg.contains("vanishing (10⁻³ × top)"),
        "the tanh N(0, 0.01) gradients vanish below the threshold"
    );
    // 6 layers × 40 bins of histogram bars, plus 2 × 6 gradient bars, at least.
    assert!(
        svg.matches("<rect").count() >= 6 * 40 + 12,
        "{} rects",
        svg.matches("<rect").count()
    );
    Ok(())
}

#[test]
fn panels_switch_the_histogram_variable() -> TestResult {
    let z = render(
        "activation=relu&init=kaiming_normal&depth=3&width=32&batch=64",
        Panel::PreActivations,
    )?;
    assert!(z.contains("z per layer — relu with kaiming_normal(gain=1.414)"));
    let d = render(
        "activation=relu&init=kaiming_normal&depth=3&width=32&batch=64",
        Panel::Deltas,
    )?;
    assert!(d.contains("δ per layer"));
    Ok(())
}

#[test]
fn overflow_is_drawn_as_a_state() -> TestResult {
    let svg = render(
        "activation=identity&init=normal&std=10&depth=64&width=64&batch=8",
        Panel::Activations,
    )?;
    assert!(
        svg.contains("overflow at layer"),
        "overflow named in the heading"
    );
    Ok(())
}
