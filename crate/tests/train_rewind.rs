//! The history scrubber's core (issue #14): the ring of frames stays within its bound, counted
//! against what the allocator actually handed out; thinning keeps the first and the latest frame
//! and spreads the rest; a rewound frame is exactly the record an independent run stopped at that
//! step takes; and the page's estimate of a frame's size matches real frames.
//!
//! The one `unsafe` in the tests: a counting global allocator (it only forwards to the system's)
//! is the independent measure of the bytes a ring holds.
#![allow(unsafe_code)]

use activation_lab::activation::Activation;
use activation_lab::layers::{Histogram, HistogramSource};
use activation_lab::train::inspect::{LayerRecord, TRAIN_BINS};
use activation_lab::train::rewind::{self, Frame, Ring, PAGE_BUDGET};
use activation_lab::train::snapshot::{RunSnapshot, Surface};
use activation_lab::train::{TrainSpec, Trainer};
use activation_lab::Config;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::error::Error;
use std::sync::Arc;

type TestResult = Result<(), Box<dyn Error>>;

/// The system allocator, counting the bytes this thread holds (allocations minus frees), so a
/// test can measure what a ring owns independently of the ring's own count.
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
}

fn held() -> isize {
    HELD.with(Cell::get)
}

fn add(bytes: isize) {
    // During thread teardown the slot may be gone; those bytes are not the test's.
    let _ = HELD.try_with(|h| h.set(h.get() + bytes));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn spec(query: &str) -> Result<TrainSpec, Box<dyn Error>> {
    let mut specs = Config::parse(&format!("view=train&{query}"))?.train_specs()?;
    match specs.len() {
        1 => Ok(specs.remove(0)),
        n => Err(format!("{query}: expected one racer, got {n}").into()),
    }
}

/// A frame of `layers` hidden layers with all three histograms, 16 × 16 weights and running
/// statistics of 16 units per layer, under `activations` (made once per test: frames share it).
fn synthetic(step: usize, layers: usize, activations: &Arc<[Activation]>) -> Frame {
    let histogram = |k: usize| Histogram::new(&[k as f32, 1.0, 2.0], 0.0, 3.0, TRAIN_BINS);
    Frame {
        step,
        layers: (0..layers)
            .map(|l| LayerRecord {
                mean: l as f64,
                all: Some(Box::new([histogram(l), histogram(l + 1), histogram(l + 2)])),
                ..LayerRecord::default()
            })
            .collect(),
        params: vec![0.5; layers * 272],
        running: vec![vec![(0.0, 1.0); 16]; layers],
        activations: activations.clone(),
    }
}

fn tanh() -> Arc<[Activation]> {
    Arc::from(vec![Activation::Tanh])
}

#[test]
fn the_ring_never_holds_more_than_its_bound_counted_by_the_allocator() {
    let activations = tanh();
    let one = synthetic(0, 20, &activations).bytes();
    for budget in [
        0,
        one / 2,
        one + 1,
        2 * one + 7,
        37 * one,
        100 * one + one / 3,
    ] {
        let before = held();
        let mut ring = Ring::new(budget);
        for i in 0..400 {
            // Frames of varying depth, so sizes differ.
            ring.push(synthetic(10 * i, 5 + i % 17, &activations));
            assert!(
                ring.bytes() <= budget,
                "budget {budget}: {} after {i}",
                ring.bytes()
            );
            // What the allocator says the ring (and the frames in it) hold now.
            let actual = held() - before;
            assert_eq!(
                actual,
                ring.bytes() as isize,
                "budget {budget}: the count is off after frame {i}"
            );
        }
        if budget >= one {
            assert!(
                !ring.frames().is_empty(),
                "budget {budget}: a frame fits but none is kept"
            );
            assert_eq!(ring.latest().map(|f| f.step), Some(3990));
        }
    }
}

#[test]
fn thinning_keeps_the_first_and_latest_and_spreads_the_rest() {
    let activations = tanh();
    let one = synthetic(0, 4, &activations).bytes();
    let mut ring = Ring::new(50 * one + one / 2);
    for i in 0..50 {
        ring.push(synthetic(10 * i, 4, &activations));
    }
    assert_eq!(ring.frames().len(), 50, "fifty frames fit");
    // The first thinning takes the oldest inner frame.
    ring.push(synthetic(500, 4, &activations));
    let steps = ring.steps();
    assert_eq!(
        steps[..3],
        [0, 20, 30],
        "the oldest inner frame goes first: {steps:?}"
    );
    for i in 51..5000 {
        ring.push(synthetic(10 * i, 4, &activations));
        let steps = ring.steps();
        assert_eq!(steps.first(), Some(&0), "the first frame stays");
        assert_eq!(steps.last(), Some(&(10 * i)), "the latest frame is kept");
        assert!(
            steps.len() >= 40,
            "the ring keeps its fill: {}",
            steps.len()
        );
        assert!(steps.windows(2).all(|w| w[0] < w[1]));
        // Spread: no gap is more than twice the mean gap plus one record.
        let span = (steps[steps.len() - 1] - steps[0]) as f64;
        let mean = span / (steps.len() - 1) as f64;
        let widest = steps.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0) as f64;
        assert!(
            widest <= 2.0 * mean + 10.0,
            "step {}: widest gap {widest}, mean {mean}",
            10 * i
        );
    }
}

/// Every record's three histograms dropped (the run's own history keeps none once the ring
/// took them).
fn without_all(mut snapshot: RunSnapshot) -> RunSnapshot {
    for record in snapshot.history.layers.iter_mut().flatten() {
        record.all = None;
    }
    snapshot
}

#[test]
fn rewinding_gives_the_record_of_an_independent_run_stopped_there() -> TestResult {
    for query in [
        "dataset=moons&activation=relu&hidden=8x3&residual=true&norm=batch&record-every=10",
        "dataset=spiral&classes=3&activation=tanh&hidden=6,5&optimizer=adam&record-every=7",
        "dataset=sine&activation=sigmoid&hidden=5&record-every=4",
    ] {
        let spec = spec(query)?;
        let every = Config::parse(&format!("view=train&{query}"))?.record_every;
        let mut live = Trainer::watched(spec.clone(), true)?;
        let mut ring = Ring::new(PAGE_BUDGET);
        rewind::keep_latest(&mut live, &mut ring);
        // In frames of 3 steps, as a page would step it.
        for _ in 0..40 {
            rewind::run_keeping(&mut live, 3, every, &mut ring);
        }
        let shot = RunSnapshot::take(&mut live);
        for stop in [0, every, 5 * every, 120 / every * every] {
            let mut alone = Trainer::watched(spec.clone(), true)?;
            alone.run(stop, every);
            let reference = alone.history.layers.last().cloned().ok_or("no record")?;
            let reference_shot = without_all(RunSnapshot::take(&mut alone));
            let frame = ring.at(stop).ok_or("no frame")?;
            assert_eq!(frame.step, stop, "{query}: the frame at {stop}");
            assert_eq!(frame.layers, reference, "{query}: layers at {stop}");
            assert!(
                frame.layers.iter().all(|r| r.all.is_some()),
                "{query}: histograms kept"
            );
            let past = rewind::rewound(&shot, frame, &mut live);
            assert_eq!(
                past.history.layers.last(),
                Some(&reference),
                "{query}: {stop}"
            );
            assert_eq!(
                without_all(past),
                reference_shot,
                "{query}: the snapshot at {stop}"
            );
        }
        // The live run's own records keep no histograms: the ring has them.
        assert!(live
            .history
            .layers
            .iter()
            .flatten()
            .all(|r| r.all.is_none()));
    }
    Ok(())
}

#[test]
fn the_three_histograms_are_those_the_histograms_key_records() -> TestResult {
    let query = "dataset=circles&activation=tanh&hidden=6x3&record-every=5";
    for (i, source) in [
        HistogramSource::Activations,
        HistogramSource::PreActivations,
        HistogramSource::Deltas,
    ]
    .into_iter()
    .enumerate()
    {
        let mut one = spec(query)?;
        one.histograms = Some(source);
        let mut keyed = Trainer::new(one)?;
        let mut all = Trainer::watched(spec(query)?, true)?;
        keyed.run(15, 5);
        all.run(15, 5);
        let keyed = keyed.history.layers.last().ok_or("no record")?;
        let all = all.history.layers.last().ok_or("no record")?;
        for (k, a) in keyed.iter().zip(all) {
            let three = a.all.as_ref().ok_or("no histograms")?;
            assert_eq!(k.histogram.as_ref(), Some(&three[i]), "{source:?}");
        }
        // a and ẑ count every training value of the layer.
        if i < 2 {
            let examples = Config::parse(&format!("view=train&{query}"))?;
            let train = (examples.samples as f64 * (1.0 - examples.test_fraction)).round() as u64;
            for a in all {
                let total: u64 = a.all.as_ref().ok_or("none")?[i].counts.iter().sum();
                assert!(total.abs_diff(6 * train) <= 6, "{total} vs {}", 6 * train);
            }
        }
    }
    Ok(())
}

#[test]
fn the_estimate_matches_real_frames() -> TestResult {
    for query in [
        "dataset=moons&activation=relu&hidden=16x20&residual=true&norm=batch",
        "dataset=spiral&classes=3&activation=tanh&hidden=8,8",
        "dataset=sine&activation=gelu&hidden=12",
    ] {
        let mut run = Trainer::watched(spec(query)?, true)?;
        run.run(10, 10);
        let frame = Frame::take(&mut run, None).ok_or("no frame")?;
        let normalised = frame.running.iter().map(Vec::len).sum();
        let estimate = rewind::frame_estimate(
            frame.layers.len(),
            (TRAIN_BINS, 3),
            frame.params.len(),
            (frame.running.len(), normalised),
        );
        let actual = frame.bytes();
        let off = (estimate as f64 - actual as f64).abs() / actual as f64;
        assert!(off < 0.02, "{query}: estimate {estimate}, actual {actual}");
        // And the whole-page bound in frames: a 20-layer run of four keeps well over a hundred.
        if frame.layers.len() == 20 {
            assert!(
                PAGE_BUDGET / 4 / actual > 100,
                "{} frames",
                PAGE_BUDGET / 4 / actual
            );
        }
    }
    Ok(())
}

#[test]
fn a_frame_keeps_the_activation_it_was_trained_under() -> TestResult {
    // tanh for 30 steps, then the run carries on under relu: the frame at step 20 must draw
    // the surface of a tanh network stopped at 20, not of its weights under relu.
    let query = "dataset=circles&hidden=6,6&record-every=10";
    let tanh_spec = spec(&format!("{query}&activation=tanh"))?;
    let mut live = Trainer::watched(tanh_spec.clone(), true)?;
    let mut ring = Ring::new(PAGE_BUDGET);
    rewind::keep_latest(&mut live, &mut ring);
    rewind::run_keeping(&mut live, 30, 10, &mut ring);
    assert!(
        live.adapt(spec(&format!("{query}&activation=relu"))?)?,
        "the run is kept"
    );
    rewind::run_keeping(&mut live, 30, 10, &mut ring);
    let frames = ring.frames();
    assert!(
        Arc::ptr_eq(&frames[0].activations, &frames[3].activations),
        "frames under the same activations share one list"
    );
    assert_eq!(*frames[6].activations, [Activation::Relu, Activation::Relu]);

    let mut alone = Trainer::watched(tanh_spec, true)?;
    alone.run(20, 10);
    let expected = Surface::of(&mut alone);
    let frame = ring.at(20).ok_or("no frame at 20")?;
    assert_eq!(frame.surface(&mut live), expected);
    // And the live network is untouched by the evaluation.
    let before = Surface::of(&mut live);
    let _ = ring.at(0).ok_or("no frame")?.surface(&mut live);
    assert_eq!(Surface::of(&mut live), before);
    Ok(())
}
