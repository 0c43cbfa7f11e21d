//! One error of every code, and of every form a code's sentence takes, so a test can check that
//! each has a translation: the page's i18n test reads this list through the wasm boundary
//! (`Lab.errorExamples()`), and a native test checks that it covers every code.

use super::{Code, Count, Error, InitScale, Range};

/// The examples of one code. The match has no wildcard arm, so a new code does not compile until
/// it has examples here.
fn examples_of(code: Code) -> Vec<Error> {
    match code {
        Code::UnknownKey => vec![Error::UnknownKey {
            key: "depht".into(),
            valid: "activation, depth, x-min, x-max".into(),
        }],
        Code::UnknownName => vec![Error::UnknownName {
            key: "activation",
            value: "rleu".into(),
            valid: "sigmoid, tanh, relu".into(),
        }],
        Code::NotANumber => vec![Error::NotANumber {
            key: "x-min",
            value: "abc".into(),
        }],
        Code::OutOfRange => vec![
            Error::OutOfRange {
                key: "std",
                value: "-1".into(),
                range: Range::Number {
                    min: 0.0,
                    max: 10.0,
                    min_exclusive: false,
                },
            },
            Error::OutOfRange {
                key: "temperature",
                value: "0".into(),
                range: Range::Number {
                    min: 0.01,
                    max: 100.0,
                    min_exclusive: true,
                },
            },
            Error::OutOfRange {
                key: "depth",
                value: "500".into(),
                range: Range::Integer { min: 1, max: 64 },
            },
            Error::OutOfRange {
                key: "logits",
                value: "99".into(),
                range: Range::Numbers {
                    min: -20.0,
                    max: 20.0,
                },
            },
            Error::OutOfRange {
                key: "hidden",
                value: "0".into(),
                range: Range::Integers { min: 1, max: 64 },
            },
            Error::OutOfRange {
                key: "b",
                value: "-1".into(),
                range: Range::Positive {
                    activation: "scaled_tanh",
                },
            },
        ],
        Code::ListLength => vec![
            Error::ListLength {
                key: "logits",
                got: 1,
                expected: Count::Values { min: 2, max: 10 },
            },
            Error::ListLength {
                key: "a",
                got: 2,
                expected: Count::For {
                    count: 1,
                    activation: "scaled_tanh",
                },
            },
            Error::ListLength {
                key: "a",
                got: 3,
                expected: Count::PerHinge {
                    activation: "apl",
                    hinges: 1,
                },
            },
            Error::ListLength {
                key: "x",
                got: 200_000,
                expected: Count::Plain {
                    min: 1,
                    max: 100_000,
                },
            },
        ],
        Code::RepeatedName => vec![Error::RepeatedName {
            key: "activation",
            name: "relu",
        }],
        Code::XRangeOrder => vec![Error::XRangeOrder {
            x_min: 5.0,
            x_max: 1.0,
        }],
        Code::TargetNotALogit => vec![Error::TargetNotALogit {
            target: 7,
            logits: 3,
        }],
        Code::MemoryBudget => vec![Error::MemoryBudget {
            batch: 4096,
            width: 1000,
            depth: 64,
            values: 262_144_000,
            budget: 12_000_000,
            megabytes: 150,
        }],
        Code::PhaseBudget => vec![Error::PhaseBudget {
            cells: 48,
            depth: 64,
            width: 256,
            batch: 512,
            work: 14_843_406_974_976,
            budget: 30_000_000_000,
        }],
        Code::TrainingBudget => vec![Error::TrainingBudget {
            races: 6,
            weights: 29_377,
            units: 512,
            unit_cost: 50,
            batch_size: 1000,
            samples: 5000,
            work: 2_638_896_000,
            budget: 15_000_000,
        }],
        Code::ClassesNeedDataset => vec![Error::ClassesNeedDataset {
            classes: 3,
            dataset: "xor".into(),
            datasets: &["spiral", "gaussians"],
        }],
        Code::BatchNormOneExample => vec![Error::BatchNormOneExample { batch_size: 1 }],
        Code::LayerCount => vec![Error::LayerCount {
            got: 3,
            hidden: vec![8, 8],
        }],
        Code::PointsAndGrid => vec![Error::PointsAndGrid {
            grid: &["x-min", "x-max", "points"],
        }],
        Code::InitNotFinite => vec![
            Error::InitNotFinite {
                scale: InitScale::Std,
            },
            Error::InitNotFinite {
                scale: InitScale::Limit,
            },
        ],
        Code::Internal => vec![Error::Internal {
            detail: "shard 3 of 2 does not exist".into(),
        }],
        Code::LinkTooLong => vec![
            Error::LinkTooLong {
                unit: "characters",
                got: 9000,
                max: 4096,
            },
            Error::LinkTooLong {
                unit: "pairs",
                got: 1000,
                max: 200,
            },
        ],
        Code::Malformed => vec![Error::Malformed {
            fragment: "zz".into(),
        }],
        Code::NotScalar => vec![Error::NotScalar { name: "softmax" }],
        Code::CanvasUnavailable => vec![Error::CanvasUnavailable],
        Code::Drawing => vec![Error::Drawing {
            message: "the backend refused the text".into(),
        }],
        Code::Formula => activation_lab_formula::Problem::examples()
            .into_iter()
            .map(|problem| Error::Formula { problem })
            .collect(),
        Code::RepeatForm => vec![Error::RepeatForm {
            key: "hidden",
            value: "16x".into(),
            max: 64,
        }],
    }
}

impl Error {
    /// One error of every code, with one of every form of the codes whose sentence has several
    /// (each kind of range, each kind of list count).
    pub fn examples() -> Vec<Error> {
        let mut all = Vec::new();
        for &code in Code::ALL {
            all.extend(examples_of(code));
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_examples_of_its_own_kind() {
        for &code in Code::ALL {
            let examples = examples_of(code);
            assert!(!examples.is_empty(), "{code:?} has no example");
            for example in examples {
                assert_eq!(example.kind(), code, "{example}");
            }
        }
    }
}
