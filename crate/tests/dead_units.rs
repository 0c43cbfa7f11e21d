//! Dead units in the layers view (issue #12): a unit whose output is exactly 0 for every example
//! of the batch. Checked against networks built so that exactly the chosen units die, against
//! all-zero columns counted here from the forward pass's own outputs, and across shards, where
//! a unit zero for all of one shard's rows need not be dead for the batch.

use activation_lab::layers::{run, run_sharded};
use activation_lab::network::Network;
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// Sets unit `unit` of layer `l` to z = `weight`·(input `source`) + `bias`, every other weight
/// into it 0.
fn wire(
    network: &mut Network,
    l: usize,
    unit: usize,
    source: Option<usize>,
    weight: f32,
    bias: f32,
) {
    let layer = network.mlp.layers[l].clone();
    for i in 0..layer.fan_in {
        network.mlp.params[layer.weights + i * layer.fan_out + unit] = 0.0;
    }
    if let Some(i) = source {
        network.mlp.params[layer.weights + i * layer.fan_out + unit] = weight;
    }
    network.mlp.params[layer.biases + unit] = bias;
}

#[test]
fn units_wired_to_die_are_the_dead_ones() -> TestResult {
    const BATCH: u64 = 50;
    let config = Config::parse("activation=relu&depth=2&width=8&batch=50&input=uniform")?;
    let mut network = Network::new(config.network_spec()?)?;
    // Layer 1 (ReLU, inputs in [−1, 1]): units 1, 3 and 4 get z = −1 (0 for every example);
    // unit 5 copies x₅ (0 exactly where x₅ ≤ 0); the rest get z = x_j + 2 ≥ 1 (never 0).
    let dead_first = [1, 3, 4];
    for j in 0..8 {
        match j {
            _ if dead_first.contains(&j) => wire(&mut network, 0, j, None, 0.0, -1.0),
            5 => wire(&mut network, 0, j, Some(j), 1.0, 0.0),
            _ => wire(&mut network, 0, j, Some(j), 1.0, 2.0),
        }
    }
    // Layer 2 copies layer 1 (relu(a) = a for a ≥ 0), except unit 7, which gets z = 0 exactly.
    for j in 0..8 {
        if j == 7 {
            wire(&mut network, 1, j, None, 0.0, 0.0);
        } else {
            wire(&mut network, 1, j, Some(j), 1.0, 0.0);
        }
    }
    let x5_not_positive = network
        .input
        .chunks_exact(8)
        .filter(|row| row[5] <= 0.0)
        .count() as u64;
    assert!(
        0 < x5_not_positive && x5_not_positive < BATCH,
        "unit 5 must be zero for some examples only, got {x5_not_positive}"
    );

    let pass = network.forward();
    let expected = |dead: &[usize]| -> Vec<u64> {
        (0..8)
            .map(|j| match j {
                _ if dead.contains(&j) => BATCH,
                5 => x5_not_positive,
                _ => 0,
            })
            .collect()
    };
    assert_eq!(network.zero_outputs(&pass, 0), expected(&[1, 3, 4]));
    assert_eq!(network.zero_outputs(&pass, 1), expected(&[1, 3, 4, 7]));
    Ok(())
}

/// Per layer, the units whose column of f(z) is all zero, counted from the forward pass's own
/// values: a (without skips) or z ≤ 0, where ReLU is 0 (with skips, a = a_prev + f(z)).
fn all_zero_columns(network: &Network, residual: bool) -> Vec<usize> {
    let width = network.spec.width;
    let pass = network.forward();
    (0..pass.activations.len())
        .map(|l| {
            let (values, zero): (&[f32], fn(f32) -> bool) = if residual {
                (&pass.pre_activations[l], |z| z <= 0.0)
            } else {
                (&pass.activations[l], |a| a == 0.0)
            };
            (0..width)
                .filter(|&j| values.chunks_exact(width).all(|row| zero(row[j])))
                .count()
        })
        .collect()
}

#[test]
fn dead_units_are_the_all_zero_columns_whole_and_sharded() -> TestResult {
    // A negative bias kills a share of the ReLUs (the dead-ReLU lesson); with skips the layers
    // keep their inputs' spread, so it takes −2.
    for (query, residual) in [
        (
            "activation=relu&init=kaiming_normal&depth=6&width=32&batch=64&bias=-1",
            false,
        ),
        (
            "activation=relu&init=xavier_normal&depth=6&width=32&batch=64&bias=-2&residual=true",
            true,
        ),
    ] {
        let config = Config::parse(query)?;
        let spec = config.network_spec()?;
        let expected = all_zero_columns(&Network::new(spec.clone())?, residual);
        assert!(
            expected.iter().any(|&k| 0 < k && k < spec.width),
            "{query}: some layer must have some but not all units dead, got {expected:?}"
        );
        let dead = |snapshot: activation_lab::layers::Snapshot| -> Vec<usize> {
            snapshot.layers.iter().map(|l| l.dead_units).collect()
        };
        assert_eq!(dead(run(&config)?), expected, "{query}");

        // Four shards of 16 rows: a unit zero for all of one shard's rows is more often dead
        // there than in the batch, so counting per shard and adding (or taking the largest)
        // would be wrong; the merge must add zero counts per unit.
        let shard_dead = (0..4)
            .map(|i| {
                let rows = i * 16..(i + 1) * 16;
                Ok(all_zero_columns(
                    &Network::with_rows(spec.clone(), rows)?,
                    residual,
                ))
            })
            .collect::<Result<Vec<_>, activation_lab::Error>>()?;
        assert!(
            shard_dead
                .iter()
                .any(|per_layer| per_layer.iter().zip(&expected).any(|(s, w)| s > w)),
            "{query}: some shard must see more all-zero columns than the batch"
        );
        assert_eq!(
            dead(run_sharded(&config, 4)?),
            expected,
            "{query}, 4 shards"
        );
    }
    Ok(())
}

#[test]
fn constant_networks_are_all_dead_or_all_alive() -> TestResult {
    // Zero weights: z = bias for every unit and example, so ReLU outputs max(0, bias) everywhere.
    for (bias, dead) in [("0.5", 0), ("-0.5", 16), ("0", 16)] {
        let config = Config::parse(&format!(
            "activation=relu&init=zeros&bias={bias}&depth=3&width=16&batch=20"
        ))?;
        for layer in run(&config)?.layers {
            assert_eq!(layer.dead_units, dead, "bias {bias}, layer {}", layer.index);
        }
    }
    Ok(())
}
