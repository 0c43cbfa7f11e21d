//! A run's history for the page's step slider (issue #14): every record, a [`Frame`] of its
//! per-layer statistics, the histograms of a, ẑ and δ of every hidden layer, and the network's
//! weights, kept in a [`Ring`] bounded by a stated memory. A frame keeps the weights rather than
//! the decision surface they draw: a copy of a small network's weights costs nothing beside the
//! 3136 predictions of a surface, which made each record dearer than a thousand steps of
//! Playground's network; the surface is evaluated when the slider shows the frame. When the ring is full it thins the
//! oldest first: each frame it drops is the one whose neighbours are closest (the oldest on a
//! tie), so with records at a steady pace it drops every other old frame, sweeping from the
//! start, and the frames left stay spread over the whole run, the first and the latest always
//! kept. [`rewound`] gives the run's snapshot as it was at a kept frame's step, which every chart
//! then draws as it would have drawn it then.

use super::inspect::LayerRecord;
use super::snapshot::{RunSnapshot, Surface};
use super::Trainer;
use crate::activation::Activation;
use crate::layers::Histogram;
use std::mem::size_of;
use std::sync::Arc;

/// The memory the page gives its history, split evenly across the runs of a race.
pub const PAGE_BUDGET: usize = 32 * 1024 * 1024;

/// One record of a run as the history keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The step the record was taken after.
    pub step: usize,
    /// Each hidden layer's record, with its histograms of a, ẑ and δ ([`LayerRecord::all`]).
    pub layers: Vec<LayerRecord>,
    /// Every parameter of the network at that step.
    pub params: Vec<f32>,
    /// Batch norm's running statistics at that step (empty without batch norm).
    pub running: Vec<Vec<(f64, f64)>>,
    /// The fixed activations the run trained under then (a run can change them as it goes),
    /// shared by every frame taken under the same ones: not counted in a frame's bytes.
    pub activations: Arc<[Activation]>,
}

/// Heap bytes of a histogram (its two vectors' allocations).
fn histogram_heap(h: &Histogram) -> usize {
    h.edges.capacity() * size_of::<f64>() + h.counts.capacity() * size_of::<u64>()
}

impl Frame {
    /// The bytes this frame owns on the heap: every allocation reachable from it, by capacity
    /// (the layers' vector, each record's histograms and their boxed triple, the surface).
    pub fn heap_bytes(&self) -> usize {
        let layers: usize = self
            .layers
            .iter()
            .map(|r| {
                r.histogram.as_ref().map_or(0, histogram_heap)
                    + r.all.as_ref().map_or(0, |all| {
                        size_of::<[Histogram; 3]>() + all.iter().map(histogram_heap).sum::<usize>()
                    })
            })
            .sum();
        let running = self.running.capacity() * size_of::<Vec<(f64, f64)>>()
            + self
                .running
                .iter()
                .map(|r| r.capacity() * size_of::<(f64, f64)>())
                .sum::<usize>();
        self.layers.capacity() * size_of::<LayerRecord>()
            + layers
            + self.params.capacity() * size_of::<f32>()
            + running
    }

    /// The bytes the frame takes in a ring: itself plus its heap.
    pub fn bytes(&self) -> usize {
        size_of::<Frame>() + self.heap_bytes()
    }

    /// `run`'s latest record as a frame, taking its three histograms out of the run's history
    /// (so the run's own records stay small) and copying the network's weights as they are now:
    /// call it right after the record, before the next step. The activations are shared with
    /// `previous` (the ring's latest frame) when the run still trains under the same ones.
    pub fn take(run: &mut Trainer, previous: Option<&Frame>) -> Option<Frame> {
        let step = *run.history.steps.last()?;
        let layers = run.history.layers.last_mut()?;
        let mut kept = layers.clone();
        for (record, mine) in layers.iter_mut().zip(&mut kept) {
            mine.all = record.all.take();
        }
        kept.shrink_to_fit();
        let activations = match previous {
            Some(p) if *p.activations == run.spec.activations[..] => p.activations.clone(),
            _ => run.spec.activations.as_slice().into(),
        };
        Some(Frame {
            step,
            layers: kept,
            params: run.model.params.clone(),
            running: run.model.running.clone(),
            activations,
        })
    }

    /// The decision surface at the frame's step: its weights evaluated with `live`'s network,
    /// whose layout a ring's frames share (a ring starts again when the layout changes).
    pub fn surface(&self, live: &mut Trainer) -> Surface {
        let mut model = live.model.clone();
        model.mlp.params.clone_from(&self.params);
        model.running.clone_from(&self.running);
        model.set_fixed_activations(&self.activations);
        Surface::of_model(&model, live.data.task, &mut live.scratch)
    }
}

/// A frame's bytes estimated from its shape: `layers` hidden layers with histograms of `bins`
/// bins (three each, or four when the run also records its `histograms` key's), `params`
/// parameters, and `norm_layers` vectors of running statistics holding `normalised` units'.
pub fn frame_estimate(
    layers: usize,
    (bins, histograms_per_layer): (usize, usize),
    params: usize,
    (norm_layers, normalised): (usize, usize),
) -> usize {
    let histogram = (bins + 1) * size_of::<f64>() + bins * size_of::<u64>();
    let boxed = if histograms_per_layer >= 3 {
        size_of::<[Histogram; 3]>()
    } else {
        0
    };
    size_of::<Frame>()
        + layers * (size_of::<LayerRecord>() + boxed + histograms_per_layer * histogram)
        + params * size_of::<f32>()
        + norm_layers * size_of::<Vec<(f64, f64)>>()
        + normalised * size_of::<(f64, f64)>()
}

/// A run's frames, oldest first, within a memory bound.
#[derive(Clone, Debug)]
pub struct Ring {
    frames: Vec<Frame>,
    budget: usize,
    /// The frames' own bytes ([`Frame::bytes`] summed), kept as they come and go.
    frame_bytes: usize,
}

impl Ring {
    /// An empty ring that keeps at most `budget` bytes ([`Ring::bytes`]).
    pub fn new(budget: usize) -> Ring {
        Ring {
            frames: Vec::new(),
            budget,
            frame_bytes: 0,
        }
    }

    /// The bound, in bytes.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Every byte the ring holds: the frames and its vector's spare capacity.
    pub fn bytes(&self) -> usize {
        self.frame_bytes + (self.frames.capacity() - self.frames.len()) * size_of::<Frame>()
    }

    /// The frames, oldest first.
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// The kept steps, oldest first.
    pub fn steps(&self) -> Vec<usize> {
        self.frames.iter().map(|f| f.step).collect()
    }

    /// The latest kept frame.
    pub fn latest(&self) -> Option<&Frame> {
        self.frames.last()
    }

    /// Forgets every frame.
    pub fn clear(&mut self) {
        self.frames = Vec::new();
        self.frame_bytes = 0;
    }

    /// The latest kept frame at or before `step` (the first frame for an earlier step).
    pub fn at(&self, step: usize) -> Option<&Frame> {
        let after = self.frames.partition_point(|f| f.step <= step);
        self.frames.get(after.saturating_sub(1))
    }

    /// Adds the next frame, then thins the oldest until the ring fits its bound. A frame at a step
    /// already kept replaces it; one before the latest (the run started again) clears the ring
    /// first. A bound too small for two frames keeps only the latest; too small for one, none.
    pub fn push(&mut self, frame: Frame) {
        match self.frames.last() {
            Some(last) if last.step == frame.step => {
                self.remove(self.frames.len() - 1);
            }
            Some(last) if last.step > frame.step => self.clear(),
            _ => {}
        }
        self.frame_bytes += frame.bytes();
        self.frames.push(frame);
        while self.bytes() > self.budget && self.frames.len() > 2 {
            self.thin_one();
            // Spare capacity counts: give it back once the vector is well under it.
            if self.frames.capacity() > 2 * self.frames.len() {
                self.frames.shrink_to_fit();
            }
        }
        while self.bytes() > self.budget && !self.frames.is_empty() {
            self.remove(0);
            self.frames.shrink_to_fit();
        }
    }

    fn remove(&mut self, i: usize) {
        let gone = self.frames.remove(i);
        self.frame_bytes -= gone.bytes();
    }

    /// Drops the inner frame whose neighbours are closest in steps (the oldest on a tie).
    fn thin_one(&mut self) {
        let n = self.frames.len();
        let gap = |i: usize| self.frames[i + 1].step - self.frames[i - 1].step;
        if let Some(i) = (1..n.saturating_sub(1)).min_by_key(|&i| (gap(i), i)) {
            self.remove(i);
        }
    }
}

/// `run` as it was at `frame`'s step: its records up to that step, the frame's per-layer records
/// (with their histograms) and its surface, evaluated on `live`, the run itself; not diverged if
/// it diverged later.
pub fn rewound(run: &RunSnapshot, frame: &Frame, live: &mut Trainer) -> RunSnapshot {
    let h = &run.history;
    let k = h.steps.partition_point(|s| *s <= frame.step);
    let mut history = super::History {
        steps: h.steps[..k].to_vec(),
        train_loss: h.train_loss.iter().take(k).copied().collect(),
        test_loss: h.test_loss.iter().take(k).copied().collect(),
        train_accuracy: h.train_accuracy.iter().take(k).copied().collect(),
        test_accuracy: h.test_accuracy.iter().take(k).copied().collect(),
        grad_norms: h.grad_norms.iter().take(k).cloned().collect(),
        dead_fraction: h.dead_fraction.iter().take(k).cloned().collect(),
        learned: h
            .learned
            .iter()
            .map(|s| super::LearnedSeries {
                values: s.values.iter().take(k).copied().collect(),
                ..s.clone()
            })
            .collect(),
        layers: h.layers.iter().take(k).cloned().collect(),
    };
    if let Some(last) = history.layers.last_mut() {
        if history.steps.last() == Some(&frame.step) {
            last.clone_from(&frame.layers);
        }
    }
    RunSnapshot {
        label: run.label.clone(),
        steps: frame.step,
        diverged_at: run.diverged_at.filter(|d| *d <= frame.step),
        layers: run.layers,
        history,
        points: run.points.clone(),
        surface: frame.surface(live),
    }
}

/// Takes up to `count` steps of `run`, recording every `record_every` steps as
/// [`Trainer::run`] does, and keeps a frame of each record in `ring`: the steps go in stretches
/// that end at a record, so each frame's weights are the network's at its own step.
pub fn run_keeping(run: &mut Trainer, count: usize, record_every: usize, ring: &mut Ring) {
    let every = record_every.max(1);
    let mut left = count;
    while left > 0 && run.diverged_at.is_none() {
        let stretch = (every - run.steps % every).min(left);
        run.run(stretch, record_every);
        left -= stretch;
        keep_latest(run, ring);
    }
}

/// Keeps `run`'s latest record in `ring` if the ring does not have it yet.
pub fn keep_latest(run: &mut Trainer, ring: &mut Ring) {
    let latest = run.history.steps.last().copied();
    let has = ring.latest().map(|f| f.step);
    if latest.is_some() && latest != has {
        if let Some(frame) = Frame::take(run, ring.latest()) {
            ring.push(frame);
        }
    }
}
