//! Deep networks in the training lab (issue #14): the repeat form of `hidden`, skips and
//! normalisation reaching the trained model, and batch norm's running statistics checked
//! against PyTorch's documented update (`torch.nn.BatchNorm1d`: momentum 0.1, ε 1e-5, unbiased
//! running variance, evaluation by the running statistics).

use activation_lab::error::Code;
use activation_lab::norm::Norm;
use activation_lab::train::model::Scratch;
use activation_lab::train::Trainer;
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

fn hidden(query: &str) -> Result<Vec<usize>, activation_lab::Error> {
    Config::parse(query).map(|c| c.hidden)
}

/// The error a query must be refused with.
fn refused(query: &str) -> Result<activation_lab::Error, String> {
    Config::parse(query)
        .err()
        .ok_or(format!("{query} was accepted"))
}

#[test]
fn hidden_takes_a_repeat_form_beside_the_list_form() -> TestResult {
    assert_eq!(hidden("hidden=16x20")?, vec![16; 20]);
    assert_eq!(hidden("hidden=2,16x3,4")?, vec![2, 16, 16, 16, 4]);
    assert_eq!(hidden("hidden=8X2")?, vec![8, 8]);
    assert_eq!(hidden("hidden=4x64")?.len(), 64);
    assert_eq!(
        hidden(&format!("hidden={}", vec!["3"; 64].join(",")))?.len(),
        64
    );
    // Short lists write back as they always did; long ones as runs, each reopening to itself.
    assert_eq!(Config::parse("hidden=8,8")?.get("hidden")?, "8,8");
    for (query, text) in [
        ("hidden=16x20", "16x20"),
        ("hidden=2,16x9,4", "2,16x9,4"),
        ("hidden=16,16,16,16,16,16,16,16,16", "16x9"),
    ] {
        let written = Config::parse(query)?.get("hidden")?;
        assert_eq!(written, text);
        assert_eq!(hidden(&format!("hidden={written}"))?, hidden(query)?);
    }
    Ok(())
}

#[test]
fn a_bad_repeat_gets_one_sentence_naming_the_form() -> TestResult {
    for bad in ["16x", "x20", "16x0", "16x2x2", "16x-1", "16xNaN", "16x1e9"] {
        let error = refused(&format!("hidden={bad}"))?;
        assert_eq!(error.kind(), Code::RepeatForm, "{bad}: {error}");
        let sentence = error.to_string();
        assert!(
            sentence.contains(bad) && sentence.contains("16x20"),
            "{sentence}"
        );
    }
    // Units out of range name the units' range; more than 64 layers names the count.
    let error = refused("hidden=0x3")?;
    assert_eq!(error.kind(), Code::OutOfRange, "{error}");
    for too_deep in ["16x65", "16x60,8x5", "1x4294967297"] {
        let error = refused(&format!("hidden={too_deep}"))?;
        assert_eq!(error.kind(), Code::ListLength, "{too_deep}: {error}");
        assert!(error.to_string().contains("1..=64"), "{error}");
    }
    Ok(())
}

#[test]
fn training_budget_counts_normalisation_and_refuses_in_one_sentence() -> TestResult {
    // A 20-layer network of 16 units fits; with batch norm it costs more by the stated terms.
    let plain = Config::parse("view=train&dataset=spiral&hidden=16x20&activation=sigmoid")?;
    plain.validate()?;
    let error = refused(
        "view=train&dataset=spiral&hidden=64x64&activation=relu&norm=batch&batch-size=100",
    )?;
    assert_eq!(error.kind(), Code::TrainingBudget, "{error}");
    // 60 = the unit cost plus normalisation's; weights include γ and β (2 per hidden unit).
    let sentence = error.to_string();
    assert!(sentence.contains("60 × units"), "{sentence}");
    let weights = 2 * 64 + 64 + 63 * (65 * 64) + 65 + 2 * 64 * 64;
    assert!(
        sentence.contains(&format!("({weights} + 60 × 4096)")),
        "{sentence}"
    );
    Ok(())
}

fn trainer(query: &str) -> Result<Trainer, Box<dyn Error>> {
    let mut specs = Config::parse(query)?.train_specs()?;
    Ok(Trainer::new(specs.remove(0))?)
}

#[test]
fn skips_and_norm_reach_the_trained_model_with_gamma_and_beta() -> TestResult {
    let run = trainer("view=train&dataset=spiral&hidden=2,8x3&residual=true&norm=layer")?;
    let model = &run.model;
    assert!(model.residual);
    assert_eq!(model.norm, Norm::Layer);
    // Skips where fan_in = fan_out: not the first two hidden layers (2→2 has one; 2→8 not).
    let skips: Vec<bool> = (0..model.layers.len()).map(|l| model.skips(l)).collect();
    assert_eq!(skips, [true, false, true, true, false]);
    for l in 0..4 {
        let (gamma, beta) = model.affine(l).ok_or("no affine")?;
        assert!(gamma.iter().all(|g| *g == 1.0) && beta.iter().all(|b| *b == 0.0));
    }
    assert!(
        model.affine(4).is_none(),
        "the output layer is not normalised"
    );
    let plain = trainer("view=train&dataset=spiral&hidden=2,8x3")?;
    assert_eq!(
        model.params.len(),
        plain.model.params.len() + 2 * (2 + 8 * 3)
    );
    Ok(())
}

/// The first hidden layer's z = x·W + b over `examples` rows, in f64 from the parameters.
fn first_layer_z(run: &Trainer, inputs: &[f32], rows: usize) -> Vec<Vec<f64>> {
    let model = &run.model;
    let layer = &model.layers[0];
    let (w, b) = (model.weights(0), model.biases(0));
    (0..layer.fan_out)
        .map(|j| {
            (0..rows)
                .map(|i| {
                    f64::from(b[j])
                        + (0..layer.fan_in)
                            .map(|k| {
                                f64::from(inputs[i * layer.fan_in + k])
                                    * f64::from(w[k * layer.fan_out + j])
                            })
                            .sum::<f64>()
                })
                .collect()
        })
        .collect()
}

#[test]
fn batch_norm_running_statistics_follow_pytorch() -> TestResult {
    // A batch as large as the training set takes the whole set, so the batch is known.
    let mut run = trainer(
        "view=train&dataset=moons&samples=60&hidden=5,5&norm=batch&batch-size=1000&activation=tanh",
    )?;
    let n = run.data.train.len();
    let z = first_layer_z(&run, &run.data.train.inputs, n);
    run.step();
    for (j, values) in z.iter().enumerate() {
        let mean = values.iter().sum::<f64>() / n as f64;
        // torch: running_var uses the unbiased batch variance.
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0);
        let (running_mean, running_var) = run.model.running[0][j];
        assert!(
            (running_mean - 0.1 * mean).abs() < 1e-6,
            "unit {j}: {running_mean} vs {mean}"
        );
        let expected = 0.9 + 0.1 * var;
        assert!(
            (running_var - expected).abs() < 1e-6 * expected,
            "unit {j}: {running_var} vs {expected}"
        );
    }
    Ok(())
}

#[test]
fn evaluation_with_batch_norm_does_not_depend_on_the_batch() -> TestResult {
    // In eval mode each example is normalised by the running statistics, so its prediction is
    // the same alone as among others (with the batch's statistics it would not be).
    let mut run = trainer("view=train&dataset=spiral&hidden=8x4&norm=batch&activation=relu")?;
    run.run(30, 10);
    let mut scratch = Scratch::default();
    let inputs = &run.data.test.inputs;
    let together = run.model.predict(inputs, run.data.test.len(), &mut scratch);
    for i in [0, 7, 31] {
        let alone = run
            .model
            .predict(&inputs[2 * i..2 * i + 2], 1, &mut scratch);
        assert!(
            (alone[0] - together[i]).abs() < 1e-6,
            "{i}: {} vs {}",
            alone[0],
            together[i]
        );
    }
    // And the loss is what its predictions give: a network that learned at all.
    assert!(run.history.train_loss.iter().all(|l| l.is_finite()));
    Ok(())
}

#[test]
fn layer_records_match_an_independent_forward_pass() -> TestResult {
    // The first hidden layer from the parameters in f64 with the closed forms: sigmoid
    // σ(z), σ′ = σ(1 − σ) (largest 1/4); relu max(0, z), relu′ 1 or 0 (largest 1).
    for (activation, f, slope, max_slope) in [
        (
            "sigmoid",
            (|z: f64| 1.0 / (1.0 + (-z).exp())) as fn(f64) -> f64,
            (|z: f64| {
                let s = 1.0 / (1.0 + (-z).exp());
                s * (1.0 - s)
            }) as fn(f64) -> f64,
            0.25,
        ),
        (
            "relu",
            |z: f64| z.max(0.0),
            |z: f64| f64::from(u8::from(z > 0.0)),
            1.0,
        ),
    ] {
        let mut run = trainer(&format!(
            "view=train&dataset=circles&hidden=6,4&activation={activation}&init=normal&std=3&steps=1"
        ))?;
        run.run(5, 5);
        let record = &run.history.layers.last().ok_or("no record")?[0];
        let n = run.data.train.len();
        let z = first_layer_z(&run, &run.data.train.inputs, n);
        let values: Vec<f64> = z.iter().flatten().map(|z| f(*z)).collect();
        let count = values.len() as f64;
        let mean = values.iter().sum::<f64>() / count;
        let std = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / count).sqrt();
        let saturated = z
            .iter()
            .flatten()
            .filter(|z| slope(**z) < 0.01 * max_slope)
            .count();
        let zero = values.iter().filter(|v| **v == 0.0).count();
        let dead = z
            .iter()
            .filter(|unit| unit.iter().all(|z| f(*z) == 0.0))
            .count();
        let label = format!("{activation}: {record:?}");
        assert!((record.mean - mean).abs() < 1e-5, "{label} mean {mean}");
        assert!((record.std - std).abs() < 1e-5, "{label} std {std}");
        // A value within f32 rounding of the threshold may land either side: one in a thousand.
        assert!(
            (record.saturated - saturated as f64 / count).abs() < 1e-3,
            "{label} {saturated}"
        );
        assert!(
            (record.zero - zero as f64 / count).abs() < 1e-3,
            "{label} {zero}"
        );
        assert_eq!(record.dead, dead, "{label}");
        assert!(
            record.delta_std > 0.0 && record.histogram.is_none(),
            "{label}"
        );
    }
    Ok(())
}
