//! The layers view's preview (#13): while a slider is dragged at the cs231n size, the page draws
//! the same network on the first few samples of the batch before the whole pass. Checked here
//! against the whole network itself: the preview's weights, biases, inputs and every layer's
//! pre-activations are exactly those of the full batch's first samples, whatever the batch size.

use activation_lab::layers::{PREVIEW_ABOVE_MACS, PREVIEW_MIN_ROWS};
use activation_lab::network::Network;
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

const CS231N: &str = "view=layers&activation=tanh&depth=10&width=500&batch=1000";

#[test]
fn a_big_pass_previews_its_first_samples_through_the_same_network() -> TestResult {
    for query in [
        CS231N.to_string(),
        // Random biases and uniform inputs: both drawn from the seed after the weights.
        "view=layers&activation=relu&init=kaiming_normal&depth=12&width=400&batch=2000&bias-std=0.3&input=uniform&seed=7".into(),
        format!("{CS231N}&residual=true&norm=layer"),
    ] {
        let full = Config::parse(&query)?;
        let small = full.layers_preview()?.ok_or(format!("{query}: no preview"))?;
        assert!(small.batch >= PREVIEW_MIN_ROWS && small.batch * 4 <= full.batch, "{query}: batch {}", small.batch);
        assert_eq!(Config { batch: full.batch, ..small.clone() }, full, "{query}: only the batch differs");
        // What the worker is sent round-trips to the same preview.
        assert_eq!(Config::parse(&small.to_query())?, small, "{query}: the preview's query");

        let whole = Network::new(full.network_spec()?)?;
        let first = Network::new(small.network_spec()?)?;
        let width = full.width;
        assert_eq!(first.mlp.params, whole.mlp.params, "{query}: the same weights and biases");
        assert_eq!(first.input, whole.input[..small.batch * width], "{query}: the first samples of the batch");
        let rows = Network::with_rows(full.network_spec()?, 0..small.batch)?.forward();
        assert_eq!(first.forward().pre_activations, rows.pre_activations, "{query}: every layer's z");
    }
    Ok(())
}

#[test]
fn quick_passes_and_batch_norm_get_no_preview() -> TestResult {
    // 1000 × 100² × 10 = 100 M multiply-adds: under the threshold.
    let quick = Config::parse("view=layers&depth=10&width=100&batch=1000")?;
    const { assert!(1000 * 100 * 100 * 10 <= PREVIEW_ABOVE_MACS) };
    assert_eq!(quick.layers_preview()?, None);
    // Batch norm normalises over the batch: the first samples alone would be another network.
    assert_eq!(
        Config::parse(&format!("{CS231N}&norm=batch"))?.layers_preview()?,
        None
    );
    // A batch not four times the preview's: the pass itself is the preview.
    assert_eq!(
        Config::parse("view=layers&depth=64&width=1024&batch=40")?.layers_preview()?,
        None
    );
    Ok(())
}

#[test]
fn changing_the_batch_keeps_the_network() -> TestResult {
    // The reader who changes the batch size looks at more or fewer samples of the same network
    // (the biases used to be drawn after the inputs, so they moved with the batch size).
    let spec = |batch: usize| {
        Config::parse(&format!(
            "view=layers&depth=3&width=8&batch={batch}&bias-std=1"
        ))?
        .network_spec()
    };
    let (a, b) = (Network::new(spec(10)?)?, Network::new(spec(30)?)?);
    assert_eq!(a.mlp.params, b.mlp.params);
    assert_eq!(a.input, b.input[..a.input.len()]);
    Ok(())
}
