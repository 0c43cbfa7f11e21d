//! The training datasets: seeded 2-D classification sets and a 1-D regression set, all inside
//! [−1, 1] (before noise) so one weight scale suits every one of them.
//!
//! - `xor`: uniform points, label = whether x·y > 0 (TensorFlow Playground's XOR);
//! - `circles`: a disc (class 1) inside a ring (class 0);
//! - `gaussians`: one Gaussian blob per class, centres evenly on a circle;
//! - `moons`: scikit-learn's `make_moons`, rescaled;
//! - `spiral`: the cs231n spiral, one arm per class (`classes` 2..=5);
//! - `sine`: y = sin(πx) on x ∈ [−1, 1].
//!
//! sin and cos come from `libm` (the same code on every target), so a seed gives the CLI and the
//! browser the same points; std's would be the platform's own, which differ in the last bit.
//!
//! `noise` is the standard deviation of Gaussian noise added to the coordinates (to y for `sine`;
//! for `spiral`, 2·noise radians are added to each angle, so the default 0.1 is cs231n's 0.2).

use crate::activation::Text;
use crate::random::SeededRng;
use rand::seq::SliceRandom;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use std::f64::consts::PI;

crate::names::named! {
    /// Which toy data a network is trained on.
    pub enum Dataset {
        /// Uniform points labelled by whether x·y > 0.
        Xor = "xor",
        /// A disc inside a ring.
        Circles = "circles",
        /// One Gaussian blob per class.
        Gaussians = "gaussians",
        /// scikit-learn's two moons.
        Moons = "moons",
        /// The cs231n spiral, one arm per class.
        Spiral = "spiral",
        /// y = sin(πx), a 1-D regression.
        Sine = "sine",
    }
}

impl Dataset {
    /// Whether the dataset takes more than two classes.
    pub fn takes_classes(self) -> bool {
        matches!(self, Dataset::Spiral | Dataset::Gaussians)
    }
}

/// What is predicted, which decides the output head and its loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Two classes: one sigmoid output, binary cross-entropy.
    Binary,
    /// `k` classes: k outputs, softmax and cross-entropy.
    MultiClass(usize),
    /// One real output, mean squared error.
    Regression,
}

impl Task {
    /// Outputs of the network.
    pub fn outputs(self) -> usize {
        match self {
            Task::MultiClass(k) => k,
            _ => 1,
        }
    }

    /// The head's name as the JSON and page show it.
    pub fn head(self) -> &'static str {
        self.head_text().en
    }

    /// The head's name in English and Korean.
    pub fn head_text(self) -> Text {
        match self {
            Task::Binary => Text {
                en: "sigmoid + binary cross-entropy",
                ko: "sigmoid + 이진 교차 엔트로피",
            },
            Task::MultiClass(_) => Text {
                en: "softmax + cross-entropy",
                ko: "softmax + 교차 엔트로피",
            },
            Task::Regression => Text {
                en: "linear + mean squared error",
                ko: "선형 + 평균 제곱 오차",
            },
        }
    }
}

/// Examples with their targets, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Examples {
    /// `len × dims` inputs.
    pub inputs: Vec<f32>,
    /// One target per example: the class index (as f32) or the regression value.
    pub targets: Vec<f32>,
    /// Input dimensions: 2, or 1 for `sine`.
    pub dims: usize,
}

impl Examples {
    /// Number of examples.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Example `i`'s inputs.
    pub fn input(&self, i: usize) -> &[f32] {
        &self.inputs[i * self.dims..(i + 1) * self.dims]
    }
}

/// A generated dataset, already split.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    /// What is predicted.
    pub task: Task,
    /// The examples the optimiser sees.
    pub train: Examples,
    /// Held-out examples, only ever evaluated.
    pub test: Examples,
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetSpec {
    /// Which data.
    pub dataset: Dataset,
    /// Classes, for `spiral` and `gaussians` (others have 2; `sine` has none).
    pub classes: usize,
    /// Total examples before the split.
    pub samples: usize,
    /// Noise standard deviation (see the module docs).
    pub noise: f64,
    /// Share of the examples held out for testing.
    pub test_fraction: f64,
}

fn gaussian(rng: &mut SeededRng) -> f64 {
    StandardNormal.sample(rng)
}

impl DatasetSpec {
    /// The task this dataset poses.
    pub fn task(&self) -> Task {
        match self.dataset {
            Dataset::Sine => Task::Regression,
            dataset if dataset.takes_classes() && self.classes > 2 => {
                Task::MultiClass(self.classes)
            }
            _ => Task::Binary,
        }
    }

    /// Generates the examples from `rng`, shuffles them and splits off the test share (at least
    /// one example on each side).
    pub fn generate(&self, rng: &mut SeededRng) -> Data {
        let task = self.task();
        let n = self.samples;
        let classes = if self.dataset.takes_classes() {
            self.classes.max(2)
        } else {
            2
        };
        let noise = self.noise;
        let mut points: Vec<(Vec<f32>, f32)> = Vec::with_capacity(n);
        for i in 0..n {
            // Classes take turns, so every class has n/classes examples (±1).
            let class = i % classes;
            let (x, y, label) = match self.dataset {
                Dataset::Xor => {
                    // Playground pads points away from the axes so the clean labels are clear.
                    let pad = |v: f64| if v > 0.0 { v + 0.05 } else { v - 0.05 };
                    let x = pad(rng.random_range(-0.95..0.95));
                    let y = pad(rng.random_range(-0.95..0.95));
                    // The label is the quadrant's; mirroring y into a quadrant of this turn's
                    // class keeps the points uniform and the classes balanced.
                    let y = if (x * y > 0.0) == (class == 1) { y } else { -y };
                    (x, y, class as f32)
                }
                Dataset::Circles => {
                    let radius = if class == 1 {
                        rng.random_range(0.0..0.5)
                    } else {
                        rng.random_range(0.7..1.0)
                    };
                    let angle = rng.random_range(0.0..2.0 * PI);
                    (
                        radius * libm::cos(angle),
                        radius * libm::sin(angle),
                        class as f32,
                    )
                }
                Dataset::Gaussians => {
                    // Two classes sit on a diagonal (Playground's layout); more, on a circle.
                    let angle = PI / 4.0 + 2.0 * PI * class as f64 / classes as f64;
                    let centre = 0.6;
                    let spread = 0.15;
                    // Cut at 2.5 spreads so the blobs stay inside [−1, 1] like every dataset.
                    let mut blob = || loop {
                        let g = gaussian(rng);
                        if g.abs() <= 2.5 {
                            return spread * g;
                        }
                    };
                    (
                        centre * libm::cos(angle) + blob(),
                        centre * libm::sin(angle) + blob(),
                        class as f32,
                    )
                }
                Dataset::Moons => {
                    let t = rng.random_range(0.0..PI);
                    let (x, y) = if class == 0 {
                        (libm::cos(t), libm::sin(t))
                    } else {
                        (1.0 - libm::cos(t), 0.5 - libm::sin(t))
                    };
                    // make_moons spans x ∈ [−1, 2], y ∈ [−0.5, 1]: centre and scale into [−1, 1].
                    ((x - 0.5) / 1.5, (y - 0.25) / 1.5, class as f32)
                }
                Dataset::Spiral => {
                    // cs231n: r = linspace(0, 1), θ = linspace(4j, 4(j+1)) + noise.
                    let per_class = n.div_ceil(classes).max(2);
                    let k = i / classes;
                    let r = k as f64 / (per_class - 1) as f64;
                    let theta = 4.0 * (class as f64 + r) + 2.0 * noise * gaussian(rng);
                    (r * libm::sin(theta), r * libm::cos(theta), class as f32)
                }
                Dataset::Sine => {
                    let x = rng.random_range(-1.0..=1.0);
                    let y = libm::sin(PI * x) + noise * gaussian(rng);
                    points.push((vec![x as f32], y as f32));
                    continue;
                }
            };
            let (x, y) = if self.dataset == Dataset::Spiral {
                (x, y)
            } else {
                (x + noise * gaussian(rng), y + noise * gaussian(rng))
            };
            points.push((vec![x as f32, y as f32], label));
        }
        points.shuffle(rng);
        let test_len = ((n as f64 * self.test_fraction).round() as usize).clamp(1, n - 1);
        let dims = points.first().map_or(2, |(x, _)| x.len());
        let split = |part: &[(Vec<f32>, f32)]| Examples {
            inputs: part.iter().flat_map(|(x, _)| x.iter().copied()).collect(),
            targets: part.iter().map(|(_, t)| *t).collect(),
            dims,
        };
        let (test, train) = points.split_at(test_len);
        Data {
            task,
            train: split(train),
            test: split(test),
        }
    }
}
