//! The layers pass split over shards (what the page's workers run) against the same pass whole:
//! each output row depends only on its own input row, so the shards see the very same values and
//! every count, histogram and distinct-neuron number must come out identical; moments and
//! ∂L/∂W are sums in another order, so they agree to rounding.

use activation_lab::layers::{run, run_sharded, shard_count, Merge, Shard, Snapshot};
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// Within `relative` of `want`, or the same infinity, or both NaN (an exploding layer's moments
/// must stay NaN, not turn into a number).
fn close(got: f64, want: f64, relative: f64) -> bool {
    (got - want).abs() <= relative * want.abs().max(1e-300)
        || got == want
        || (got.is_nan() && want.is_nan())
}

fn assert_same(whole: &Snapshot, split: &Snapshot, what: &str) {
    assert_eq!(split.layers.len(), whole.layers.len(), "{what}: layers");
    assert_eq!(split.overflow_at, whole.overflow_at, "{what}: overflow");
    match (split.loss, whole.loss) {
        (Some(s), Some(w)) => assert!(close(s, w, 1e-12), "{what}: loss {s} vs {w}"),
        (s, w) => assert_eq!(s, w, "{what}: loss"),
    }
    for (s, w) in split.layers.iter().zip(&whole.layers) {
        let at = format!("{what}, layer {}", w.index);
        // Exact: counts of identical values.
        assert_eq!(s.histogram, w.histogram, "{at}: histogram of a");
        assert_eq!(s.pre_histogram, w.pre_histogram, "{at}: histogram of z");
        assert_eq!(s.delta_histogram, w.delta_histogram, "{at}: histogram of δ");
        assert_eq!(s.distinct_neurons, w.distinct_neurons, "{at}: distinct");
        assert_eq!(s.frac_saturated, w.frac_saturated, "{at}: saturated");
        assert_eq!(s.frac_zero, w.frac_zero, "{at}: zero");
        assert_eq!(s.dead_units, w.dead_units, "{at}: dead units");
        assert_eq!(s.theory_variance, w.theory_variance, "{at}: theory");
        // Sums in another order.
        for (name, s, w, tolerance) in [
            ("mean", s.mean, w.mean, 1e-9),
            ("std", s.std, w.std, 1e-12),
            ("pre_mean", s.pre_mean, w.pre_mean, 1e-9),
            ("pre_std", s.pre_std, w.pre_std, 1e-12),
            ("delta_std", s.delta_std, w.delta_std, 1e-12),
            (
                "mean_derivative",
                s.mean_derivative,
                w.mean_derivative,
                1e-12,
            ),
            // ∂L/∂W: f32 sums of the shards' products against one product over every row.
            (
                "grad_weight_norm",
                s.grad_weight_norm,
                w.grad_weight_norm,
                1e-5,
            ),
        ] {
            // Past an f32 overflow, ∂L/∂W's sums in another order may meet ∞ − ∞ (NaN) where the
            // whole pass keeps ∞: either says the gradient overflowed.
            let both_overflowed = name == "grad_weight_norm" && !s.is_finite() && !w.is_finite();
            assert!(
                close(s, w, tolerance) || (s.abs() < 1e-12 && w.abs() < 1e-12) || both_overflowed,
                "{at}: {name} {s} vs {w}"
            );
        }
    }
}

#[test]
fn shards_give_the_whole_batch_statistics() -> TestResult {
    for query in [
        // The collapse, the saturation and ReLU's long tail (unbounded histogram range).
        "activation=tanh&init=normal&std=0.01&depth=6&width=40&batch=97",
        "activation=tanh&init=normal&std=1&depth=4&width=33&batch=50",
        "activation=relu&init=kaiming_normal&depth=5&width=48&batch=64&bias=0.1",
        // Over 200 000 values: the range sample takes every 2nd, counted over the whole batch.
        "activation=relu&init=kaiming_normal&depth=4&width=257&batch=301",
        // Symmetry: every neuron the same in every shard.
        "activation=tanh&init=zeros&depth=3&width=16&batch=30",
        // Skips, layer norm (per sample, so it splits), uniform input, an exact-path activation.
        "activation=sigmoid&init=xavier_uniform&depth=8&width=24&batch=45&residual=true",
        "activation=gelu&init=xavier_normal&depth=4&width=32&batch=40&norm=layer&input=uniform",
        // Few rows for the width, as a preview's: the whole pass takes ∂L/∂W's norms without
        // forming it (linalg::outer_norm), the shards from the ∂L/∂W they add up.
        "activation=tanh&init=xavier_normal&depth=4&width=128&batch=12",
        "activation=relu&init=kaiming_normal&depth=5&width=96&batch=8&residual=true&bias-std=0.2",
    ] {
        let config = Config::parse(query)?;
        let whole = run(&config)?;
        assert!(whole.loss.is_some(), "{query}");
        for shards in [2, 3, 7] {
            assert_same(
                &whole,
                &run_sharded(&config, shards)?,
                &format!("{query}, {shards} shards"),
            );
        }
    }
    Ok(())
}

#[test]
fn an_overflow_in_any_shard_stops_the_merged_pass_there() -> TestResult {
    // Constant weights 10 on width 1024: |z| grows ×10240 a layer and leaves f32 by layer 10.
    let config =
        Config::parse("activation=identity&init=constant&value=10&depth=12&width=1024&batch=20")?;
    let whole = run(&config)?;
    let at = whole.overflow_at.ok_or("no overflow")?;
    assert_eq!(whole.layers.len(), at - 1);
    assert_eq!(whole.loss, None);
    assert_same(&whole, &run_sharded(&config, 4)?, "overflow, 4 shards");
    Ok(())
}

#[test]
fn batch_norm_is_not_split_and_bad_shards_are_refused() -> TestResult {
    let batch_norm = Config::parse("activation=tanh&depth=2&width=8&batch=10&norm=batch")?;
    let err = Shard::run(&batch_norm, 0, 2)
        .err()
        .ok_or("split batch norm")?;
    assert!(err.to_string().contains("batch norm"), "{err}");
    assert!(run_sharded(&batch_norm, 1).is_ok());
    assert!(Shard::run(&batch_norm, 1, 1).is_err(), "shard 1 of 1");

    let config = Config::parse("activation=tanh&depth=2&width=8&batch=10")?;
    let mut shards = [Shard::run(&config, 0, 2)?, Shard::run(&config, 1, 2)?];
    let first = shards[0].partial();
    let second = shards[1].partial();
    let mut merge = Merge::new(&config)?;
    merge.add(first.clone())?;
    let early = merge
        .ranges()
        .err()
        .ok_or("ranges before every shard reported")?;
    assert_eq!(early.to_string(), "1 of 2 shards have reported");
    let twice = merge
        .add(first.clone())
        .err()
        .ok_or("the same shard twice")?;
    assert_eq!(twice.to_string(), "shard 0 was given twice");
    // A shard of another network (a different batch) does not fit.
    let mut other = Shard::run(
        &Config::parse("activation=tanh&depth=2&width=8&batch=12")?,
        1,
        2,
    )?;
    assert!(merge.add(other.partial()).is_err());
    let mut cut = second.clone();
    cut.samples.pop();
    assert!(merge.add(cut).is_err(), "a truncated sample");
    // ∂L/∂W handed over already: a second partial of the same shard comes without it.
    assert_eq!(shards[1].partial().gradients.len(), 0);
    let mut without_gradients = second.clone();
    without_gradients.gradients.clear();
    assert!(merge.add(without_gradients).is_err(), "no ∂L/∂W");
    merge.add(second)?;
    let ranges = merge.ranges()?;
    merge.add_counts(shards[0].counts(&ranges))?;
    assert!(
        merge.add_counts(shards[0].counts(&ranges)).is_err(),
        "counts twice"
    );
    merge.add_counts(shards[1].counts(&ranges))?;
    assert_same(&run(&config)?, &merge.finish()?, "merged by hand");
    Ok(())
}

#[test]
fn the_pass_is_split_only_where_it_pays_and_fits() -> TestResult {
    let count = |query: &str, workers| -> Result<usize, Box<dyn Error>> {
        Ok(shard_count(&Config::parse(query)?, workers)?)
    };
    // The cs231n network: one shard per worker.
    assert_eq!(count("depth=10&width=500&batch=1000", 4)?, 4);
    assert_eq!(count("depth=10&width=500&batch=1000", 2)?, 2);
    assert_eq!(count("depth=10&width=500&batch=1000", 0)?, 1);
    // At least 64 samples a shard.
    assert_eq!(count("depth=10&width=500&batch=100", 4)?, 1);
    assert_eq!(count("depth=10&width=500&batch=200", 4)?, 3);
    // Batch norm couples the samples.
    assert_eq!(count("depth=10&width=500&batch=1000&norm=batch", 4)?, 1);
    // ∂L/∂W over the budget: 1024² × 11 = 11.5 M values would be 46 MB per shard to hand over.
    assert_eq!(count("depth=4&width=1024&batch=1000", 4)?, 4);
    assert_eq!(count("depth=11&width=1024&batch=1000", 4)?, 1);
    Ok(())
}

#[test]
fn exploding_values_cross_as_json_exactly() -> TestResult {
    // Gain 2.2 on identity layers: the forward pass stays finite for 64 layers, δ overflows on
    // the way back (NaN and ∞ in its moments and norms), and JSON has no such numbers.
    let config = Config::parse(
        "activation=identity&init=kaiming_normal&gain=2.2&depth=64&width=64&batch=128",
    )?;
    let whole = run(&config)?;
    assert_eq!(whole.overflow_at, None);
    assert!(
        whole.layers.iter().any(|l| !l.delta_std.is_finite()),
        "δ should explode"
    );
    for shards in [1, 2] {
        let mut merge = Merge::new(&config)?;
        let mut parts = (0..shards)
            .map(|index| Shard::run(&config, index, shards))
            .collect::<Result<Vec<_>, _>>()?;
        for shard in &mut parts {
            let mut partial = shard.partial();
            // {:?} prints every f64 in its shortest round-trip form, and NaN, inf and −0.0 as
            // such: equal text is equal values, which PartialEq cannot say (NaN ≠ NaN).
            let before = format!("{:?}", partial.summary);
            assert!(
                before.contains("NaN") && before.contains("inf"),
                "the summary should carry NaN and ∞"
            );
            let json = serde_json::to_string(&partial.summary)?;
            partial.summary = serde_json::from_str(&json)?;
            let after = format!("{:?}", partial.summary);
            if after != before {
                // The first difference, with some context (the whole summary is ~200 KB).
                let at = before
                    .bytes()
                    .zip(after.bytes())
                    .take_while(|(b, a)| b == a)
                    .count();
                let near = |s: &str| {
                    s.get(at.saturating_sub(60)..(at + 60).min(s.len()))
                        .unwrap_or("")
                        .to_string()
                };
                return Err(format!(
                    "{shards} shards: the summary changed through JSON near …{}… (now …{}…)",
                    near(&before),
                    near(&after)
                )
                .into());
            }
            merge.add(partial)?;
        }
        let ranges = merge.ranges()?;
        for shard in &parts {
            merge.add_counts(shard.counts(&ranges))?;
        }
        // The reference is the whole batch's pass, which crossed no JSON: every statistic,
        // NaN and ∞ where it has them.
        assert_same(
            &whole,
            &merge.finish()?,
            &format!("{shards} shards through JSON"),
        );
    }
    Ok(())
}

#[test]
fn after_an_overflow_in_some_shards_no_shard_counts_delta() -> TestResult {
    // Seed 2: some of the four shards overflow (at different layers), the others get through
    // and run their backward pass; the whole batch's pass has no δ at all.
    let config = Config::parse(
        "activation=relu&init=kaiming_normal&gain=5.6&depth=64&width=16&batch=256&seed=2",
    )?;
    let whole = run(&config)?;
    assert!(whole.overflow_at.is_some());
    let split = run_sharded(&config, 4)?;
    assert_same(&whole, &split, "partial overflow, 4 shards");
    for layer in &split.layers {
        assert_eq!(layer.delta_std, 0.0);
        assert_eq!(layer.delta_histogram.counts.iter().sum::<u64>(), 0);
    }
    Ok(())
}

#[test]
fn a_lone_shard_counts_over_the_ranges_its_merge_picks_in_one_round() -> TestResult {
    // A preview's pass is one shard: its worker sends its ranges and counts with its partial.
    // Bounded (tanh) and unbounded (ReLU: ranges from the sampled quantiles) activations.
    // Each with another pass whose ranges differ.
    for (query, other) in [
        (
            "activation=tanh&init=xavier_normal&depth=4&width=40&batch=16",
            "activation=tanh&init=normal&std=3&depth=4&width=40&batch=16",
        ),
        (
            "activation=relu&init=kaiming_normal&depth=3&width=257&batch=301",
            "activation=relu&init=normal&std=3&depth=3&width=257&batch=301",
        ),
    ] {
        let config = Config::parse(query)?;
        let mut shard = Shard::run(&config, 0, 1)?;
        let partial = shard.partial();
        let lone = shard.lone_counts(&partial)?;
        let mut merge = Merge::new(&config)?;
        merge.add(partial.clone())?;
        merge.add_lone_counts(lone)?;
        let one_round = merge.finish()?;
        let whole = run(&config)?;
        assert_same(&whole, &one_round, &format!("{query}, one round"));
        // Exactly the two rounds' numbers, not only within rounding.
        assert_eq!(format!("{whole:?}"), format!("{one_round:?}"), "{query}");

        // Counts over another pass's ranges would be drawn on the wrong axis: refused.
        let mut foreign = Shard::run(&Config::parse(other)?, 0, 1)?;
        let foreign_partial = foreign.partial();
        let mut merge = Merge::new(&config)?;
        merge.add(partial)?;
        let refused = merge
            .add_lone_counts(foreign.lone_counts(&foreign_partial)?)
            .err()
            .ok_or("counts over another pass's ranges")?;
        assert!(refused.to_string().contains("other ranges"), "{refused}");
    }
    // A shard of two cannot pick the ranges alone.
    let config = Config::parse("activation=tanh&depth=2&width=8&batch=10")?;
    let mut half = Shard::run(&config, 0, 2)?;
    let partial = half.partial();
    let err = half
        .lone_counts(&partial)
        .err()
        .ok_or("half a pass alone")?;
    assert!(err.to_string().contains("not alone"), "{err}");
    Ok(())
}
