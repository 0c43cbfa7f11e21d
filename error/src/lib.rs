//! Errors as values with a sentence and with data.
//!
//! `Display` is the user-facing English sentence (no trailing period). Each variant also has a
//! stable [`Error::code`] and [`Error::fields`], the same facts as data (key, value, range, valid
//! names), so the page builds its Korean sentence from them (`www/js/error-strings.js`, one
//! template per code) instead of reading the English one. [`Error::examples`] lists one error of
//! every code, so a test can check that every code has a translation.

mod bounds;
mod examples;
mod fields;
mod ko;

pub use bounds::{Count, InitScale, Range};

use activation_lab_formula::Problem;
use std::fmt;

/// Everything that can go wrong in the core, from bad input to an unusable canvas. Each variant
/// has its own code: a new variant needs a code in [`Code`], an example and a Korean template.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A `key=value` pair names a key the table does not have.
    UnknownKey {
        /// The key as given.
        key: String,
        /// The valid keys, comma-separated.
        valid: String,
    },
    /// A name-valued key got a name it does not know.
    UnknownName {
        /// The key.
        key: &'static str,
        /// The value as given.
        value: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A numeric key got text that is not a number.
    NotANumber {
        /// The key.
        key: &'static str,
        /// The value as given.
        value: String,
    },
    /// A number outside its key's allowed range (NaN and ±inf included).
    OutOfRange {
        /// The key.
        key: &'static str,
        /// The value as given.
        value: String,
        /// The values allowed.
        range: Range,
    },
    /// A list with too few or too many entries.
    ListLength {
        /// The key.
        key: &'static str,
        /// Entries given.
        got: usize,
        /// Entries expected.
        expected: Count,
    },
    /// A list of names that may not repeat names one twice (`activation=tanh,relu,tanh`).
    RepeatedName {
        /// The key.
        key: &'static str,
        /// The name given twice, in its canonical spelling.
        name: &'static str,
    },
    /// The curves' x range is empty or reversed.
    XRangeOrder {
        /// The lower end as set.
        x_min: f64,
        /// The upper end as set.
        x_max: f64,
    },
    /// The softmax target names no logit.
    TargetNotALogit {
        /// The target class as set.
        target: usize,
        /// How many logits there are.
        logits: usize,
    },
    /// The layers network would not fit the memory budget.
    MemoryBudget {
        /// Samples in the batch.
        batch: usize,
        /// Units per layer.
        width: usize,
        /// Layers.
        depth: usize,
        /// batch × width × depth, saturating.
        values: usize,
        /// The most values allowed.
        budget: usize,
        /// What the budget comes to in megabytes, roughly, as the sentence says it.
        megabytes: usize,
    },
    /// The phase map would be more work than the phase budget.
    PhaseBudget {
        /// Cells along each axis.
        cells: usize,
        /// Hidden layers of each network.
        depth: usize,
        /// Units per layer.
        width: usize,
        /// Samples per network.
        batch: usize,
        /// cells² × depth × batch × width² × 3 multiply-adds, saturating (u64: over 4e9 even
        /// for the default map, past a 32-bit usize).
        work: u64,
        /// The most work allowed.
        budget: u64,
    },
    /// One step of the training race would be more work than the training budget.
    TrainingBudget {
        /// Runs in the race.
        races: usize,
        /// Weights and biases of one run's network.
        weights: usize,
        /// Hidden units of one run's network.
        units: usize,
        /// What one unit's activation counts for, in multiply-adds.
        unit_cost: usize,
        /// Examples per step.
        batch_size: usize,
        /// Examples evaluated by a record.
        samples: usize,
        /// races × (weights + unit_cost × units) × (3 × batch_size + samples), saturating.
        work: usize,
        /// The most work allowed.
        budget: usize,
    },
    /// More than two classes asked of a dataset that has two.
    ClassesNeedDataset {
        /// The classes asked for.
        classes: usize,
        /// The dataset chosen.
        dataset: String,
        /// The datasets that take a class count.
        datasets: &'static [&'static str],
    },
    /// Batch norm asked of training on one example per step: the variance of one example is 0,
    /// so every normalised pre-activation is 0 and nothing learns.
    BatchNormOneExample {
        /// The batch size asked for.
        batch_size: usize,
    },
    /// `layer-activations` does not give one activation per hidden layer.
    LayerCount {
        /// Activations listed.
        got: usize,
        /// The hidden layers' widths.
        hidden: Vec<usize>,
    },
    /// The CLI's `--x` list given together with flags that set a grid of points.
    PointsAndGrid {
        /// The grid flags that cannot be combined with `--x`.
        grid: &'static [&'static str],
    },
    /// Weights could not be drawn because a distribution's scale is not finite.
    InitNotFinite {
        /// Which scale.
        scale: InitScale,
    },
    /// A state no link, control or flag can cause (a worker's message out of step, a library
    /// refusing a constant): its detail is for a bug report, so it stays in English.
    Internal {
        /// What went wrong.
        detail: String,
    },
    /// A link longer than a link is read, in characters or in pairs: the rest is not read.
    LinkTooLong {
        /// What was counted: `"characters"` or `"pairs"`.
        unit: &'static str,
        /// How many the link has.
        got: usize,
        /// How many are read.
        max: usize,
    },
    /// A pair with no `=`, an empty key, or text that is not a valid query.
    Malformed {
        /// The offending fragment.
        fragment: String,
    },
    /// Softmax asked for where a scalar activation is needed.
    NotScalar {
        /// The activation's name.
        name: &'static str,
    },
    /// The canvas could not be used (no 2-D context).
    CanvasUnavailable,
    /// Drawing failed inside the chart backend.
    Drawing {
        /// The backend's message.
        message: String,
    },
    /// A typed formula (`formula`, `formula-params`, `activation=custom`) that cannot be used.
    Formula {
        /// What is wrong, with its facts.
        problem: Problem,
    },
    /// A list entry with an `x` that is not `units x layers` (`hidden=16x`, `16x0`, `16x2x2`).
    RepeatForm {
        /// The key.
        key: &'static str,
        /// The entry as given.
        value: String,
        /// Most layers the repeat may give.
        max: usize,
    },
}

/// Declares the codes once: the enum, the list of all of them and their names.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// An error's kind without its data: one per [`Error`] variant.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name the page's translations are keyed by.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    /// [`Error::UnknownKey`].
    UnknownKey => "unknown-key",
    /// [`Error::UnknownName`].
    UnknownName => "unknown-name",
    /// [`Error::NotANumber`].
    NotANumber => "not-a-number",
    /// [`Error::OutOfRange`].
    OutOfRange => "out-of-range",
    /// [`Error::ListLength`].
    ListLength => "list-length",
    /// [`Error::RepeatedName`].
    RepeatedName => "repeated-name",
    /// [`Error::XRangeOrder`].
    XRangeOrder => "x-range-order",
    /// [`Error::TargetNotALogit`].
    TargetNotALogit => "target-not-a-logit",
    /// [`Error::MemoryBudget`].
    MemoryBudget => "memory-budget",
    /// [`Error::TrainingBudget`].
    TrainingBudget => "training-budget",
    /// [`Error::PhaseBudget`].
    PhaseBudget => "phase-budget",
    /// [`Error::ClassesNeedDataset`].
    ClassesNeedDataset => "classes-need-dataset",
    /// [`Error::BatchNormOneExample`].
    BatchNormOneExample => "batch-norm-one-example",
    /// [`Error::LayerCount`].
    LayerCount => "layer-count",
    /// [`Error::PointsAndGrid`].
    PointsAndGrid => "points-and-grid",
    /// [`Error::InitNotFinite`].
    InitNotFinite => "init-not-finite",
    /// [`Error::Internal`].
    Internal => "internal",
    /// [`Error::LinkTooLong`].
    LinkTooLong => "link-too-long",
    /// [`Error::Malformed`].
    Malformed => "malformed",
    /// [`Error::NotScalar`].
    NotScalar => "not-scalar",
    /// [`Error::CanvasUnavailable`].
    CanvasUnavailable => "canvas-unavailable",
    /// [`Error::Drawing`].
    Drawing => "drawing",
    /// [`Error::Formula`].
    Formula => "formula",
    /// [`Error::RepeatForm`].
    RepeatForm => "repeat-form",
}

impl Error {
    /// The error's kind, without its data.
    pub fn kind(&self) -> Code {
        match self {
            Error::UnknownKey { .. } => Code::UnknownKey,
            Error::UnknownName { .. } => Code::UnknownName,
            Error::NotANumber { .. } => Code::NotANumber,
            Error::OutOfRange { .. } => Code::OutOfRange,
            Error::ListLength { .. } => Code::ListLength,
            Error::RepeatedName { .. } => Code::RepeatedName,
            Error::XRangeOrder { .. } => Code::XRangeOrder,
            Error::TargetNotALogit { .. } => Code::TargetNotALogit,
            Error::MemoryBudget { .. } => Code::MemoryBudget,
            Error::TrainingBudget { .. } => Code::TrainingBudget,
            Error::PhaseBudget { .. } => Code::PhaseBudget,
            Error::ClassesNeedDataset { .. } => Code::ClassesNeedDataset,
            Error::BatchNormOneExample { .. } => Code::BatchNormOneExample,
            Error::LayerCount { .. } => Code::LayerCount,
            Error::PointsAndGrid { .. } => Code::PointsAndGrid,
            Error::InitNotFinite { .. } => Code::InitNotFinite,
            Error::Internal { .. } => Code::Internal,
            Error::LinkTooLong { .. } => Code::LinkTooLong,
            Error::Malformed { .. } => Code::Malformed,
            Error::NotScalar { .. } => Code::NotScalar,
            Error::CanvasUnavailable => Code::CanvasUnavailable,
            Error::Drawing { .. } => Code::Drawing,
            Error::Formula { .. } => Code::Formula,
            Error::RepeatForm { .. } => Code::RepeatForm,
        }
    }

    /// A stable code for the page's translations (`www/js/error-strings.js`).
    pub fn code(&self) -> &'static str {
        self.kind().name()
    }

    /// The keys whose values together make a cross-key error (a budget, a range's two ends), or
    /// the one key of any other: a link that breaks a rule across keys drops only pairs of
    /// these, never an innocent `view` or `steps`.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Error::XRangeOrder { .. } => vec!["x-min", "x-max"],
            Error::TargetNotALogit { .. } => vec!["target", "logits"],
            Error::MemoryBudget { .. } => vec!["batch", "width", "depth"],
            Error::PhaseBudget { .. } => {
                vec!["phase-cells", "phase-depth", "phase-width", "phase-batch"]
            }
            Error::TrainingBudget { .. } => vec![
                "activation",
                "layer-activations",
                "hidden",
                "batch-size",
                "samples",
                "dataset",
                "classes",
                "norm",
            ],
            Error::ClassesNeedDataset { .. } => vec!["classes", "dataset"],
            Error::BatchNormOneExample { .. } => vec!["norm", "batch-size"],
            Error::LayerCount { .. } => vec!["layer-activations", "hidden"],
            Error::Formula { problem } => problem.keys().to_vec(),
            _ => self.key().into_iter().collect(),
        }
    }

    /// The key the error is about, if any, so the page can show it next to that control.
    pub fn key(&self) -> Option<&str> {
        match self {
            Error::UnknownKey { key, .. } => Some(key),
            Error::UnknownName { key, .. }
            | Error::NotANumber { key, .. }
            | Error::OutOfRange { key, .. }
            | Error::ListLength { key, .. }
            | Error::RepeatedName { key, .. }
            | Error::RepeatForm { key, .. } => Some(key),
            Error::Formula { problem } => problem.keys().last().copied(),
            _ => None,
        }
    }
}

/// `a, b or c`: the last two joined by "or".
fn either(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownKey { key, valid } => {
                write!(f, "unknown key \"{key}\" (expected one of: {valid})")
            }
            Error::UnknownName { key, value, valid } => {
                write!(f, "unknown {key} \"{value}\" (expected one of: {valid})")
            }
            Error::NotANumber { key, value } => {
                write!(f, "{key} must be a number, got \"{value}\"")
            }
            Error::OutOfRange { key, value, range } => {
                write!(f, "{key} must be {range}, got {value}")
            }
            Error::ListLength { key, got, expected } => {
                write!(f, "{key} takes {expected}, got {got}")
            }
            Error::RepeatedName { key, name } => write!(f, "{key} lists {name} twice"),
            Error::XRangeOrder { x_min, x_max } => write!(
                f,
                "x-min must be less than x-max, got x-min={x_min} and x-max={x_max}"
            ),
            Error::TargetNotALogit { target, logits } => write!(
                f,
                "target must name one of the {logits} logits (0..={}), got {target}",
                logits.saturating_sub(1)
            ),
            Error::MemoryBudget {
                batch,
                width,
                depth,
                values,
                budget,
                megabytes,
            } => write!(
                f,
                "batch × width × depth = {batch} × {width} × {depth} = {values} values is over the \
                 memory budget of {budget} (about {megabytes} MB): lower batch, width or depth"
            ),
            Error::PhaseBudget {
                cells,
                depth,
                width,
                batch,
                work,
                budget,
            } => write!(
                f,
                "the phase map's work phase-cells² × phase-depth × phase-batch × phase-width² × 3 = \
                 {cells}² × {depth} × {batch} × {width}² × 3 = {work} is over the budget of \
                 {budget}: lower phase-cells, phase-depth, phase-batch or phase-width"
            ),
            Error::TrainingBudget {
                races,
                weights,
                units,
                unit_cost,
                batch_size,
                samples,
                work,
                budget,
            } => write!(
                f,
                "training work per step = races × (weights + {unit_cost} × units) × (3 × batch-size + \
                 samples) = {races} × ({weights} + {unit_cost} × {units}) × (3 × {batch_size} + \
                 {samples}) = {work} is over the budget of {budget}: race fewer activations, or \
                 lower hidden, batch-size or samples"
            ),
            Error::ClassesNeedDataset {
                classes,
                dataset,
                datasets,
            } => write!(
                f,
                "classes={classes} needs {}: {dataset} has 2 classes",
                either(datasets.iter().map(|d| format!("dataset={d}")))
            ),
            Error::BatchNormOneExample { batch_size } => write!(
                f,
                "norm=batch needs batch-size 2 or more: over one example each unit's variance is 0, \
                 so its normalised output is 0 and nothing learns (got batch-size={batch_size})"
            ),
            Error::LayerCount { got, hidden } => write!(
                f,
                "layer-activations lists {got} activations for {} hidden layers (hidden={}): \
                 give one per layer",
                hidden.len(),
                fields::join(hidden)
            ),
            Error::PointsAndGrid { grid } => write!(
                f,
                "--x lists the points itself, so it cannot be combined with {}",
                either(grid.iter().map(|flag| format!("--{flag}")))
            ),
            Error::InitNotFinite { scale } => {
                let what = match scale {
                    InitScale::Std => "the standard deviation",
                    InitScale::Limit => "the limit",
                };
                write!(f, "cannot initialise: {what} is not finite")
            }
            Error::Internal { detail } => f.write_str(detail),
            Error::LinkTooLong { unit, got, max } => {
                write!(
                    f,
                    "this link has {got} {unit}; only the first {max} are read"
                )
            }
            Error::Malformed { fragment } => {
                write!(f, "malformed setting \"{fragment}\" (expected key=value)")
            }
            Error::NotScalar { name } => write!(
                f,
                "{name} is vector-valued and has its own view (view=softmax), not a curve"
            ),
            Error::CanvasUnavailable => f.write_str("the canvas has no 2-D drawing context"),
            Error::Drawing { message } => write!(f, "drawing failed: {message}"),
            Error::Formula { problem } => write!(f, "{problem}"),
            Error::RepeatForm { key, value, max } => write!(
                f,
                "{key} entry \"{value}\" is not a repeat: write units x layers, e.g. 16x20 for 20 \
                 layers of 16 units, with 1..={max} layers"
            ),
        }
    }
}

impl std::error::Error for Error {}
