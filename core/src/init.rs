//! Weight initialisers, with PyTorch's names and formulas (`torch.nn.init`).
//!
//! For a layer with `fan_in` inputs and `fan_out` outputs:
//! - `xavier_normal`: N(0, gain²·2/(fan_in + fan_out)); `xavier_uniform`: U(±gain·√(6/(fan_in + fan_out)))
//! - `kaiming_normal`: N(0, gain²/fan_in); `kaiming_uniform`: U(±gain·√(3/fan_in)) (mode fan_in)
//! - `lecun_normal`: N(0, gain²/fan_in) (gain 1: the SELU initialiser)
//! - `orthogonal`: gain × a random orthogonal matrix (QR of a Gaussian matrix)
//! - `normal`, `uniform`, `constant`, `zeros`: fixed scales, the ones that show what goes wrong.

use crate::error::{Error, InitScale};
use crate::random::SeededRng;
use rand_distr::{Distribution, Normal, StandardNormal, Uniform};
use serde::{Deserialize, Serialize};

/// An initialiser with its parameters resolved.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case", try_from = "InitFields")]
#[allow(missing_docs)] // Each variant is the torch.nn.init function of the same name.
pub enum Init {
    Zeros,
    Constant { value: f64 },
    Normal { std: f64 },
    Uniform { limit: f64 },
    XavierNormal { gain: f64 },
    XavierUniform { gain: f64 },
    KaimingNormal { gain: f64 },
    KaimingUniform { gain: f64 },
    LecunNormal { gain: f64 },
    Orthogonal { gain: f64 },
}

/// An initialiser as JSON writes it, read as one flat object: serde reads an internally tagged
/// enum by buffering it first, whose code was a few percent of the wasm module (every snapshot
/// the page's workers send carries its initialiser).
#[derive(Deserialize)]
struct InitFields {
    name: String,
    value: Option<f64>,
    std: Option<f64>,
    limit: Option<f64>,
    gain: Option<f64>,
}

impl TryFrom<InitFields> for Init {
    type Error = String;
    fn try_from(fields: InitFields) -> Result<Init, String> {
        let scheme: Scheme = fields
            .name
            .parse()
            .map_err(|_| format!("unknown initialiser {:?}", fields.name))?;
        let need = |value: Option<f64>, what: &str| {
            value.ok_or_else(|| format!("initialiser {} needs {what}", scheme.name()))
        };
        Ok(match scheme {
            Scheme::Zeros => Init::Zeros,
            Scheme::Constant => Init::Constant {
                value: need(fields.value, "value")?,
            },
            Scheme::Normal => Init::Normal {
                std: need(fields.std, "std")?,
            },
            Scheme::Uniform => Init::Uniform {
                limit: need(fields.limit, "limit")?,
            },
            Scheme::XavierNormal => Init::XavierNormal {
                gain: need(fields.gain, "gain")?,
            },
            Scheme::XavierUniform => Init::XavierUniform {
                gain: need(fields.gain, "gain")?,
            },
            Scheme::KaimingNormal => Init::KaimingNormal {
                gain: need(fields.gain, "gain")?,
            },
            Scheme::KaimingUniform => Init::KaimingUniform {
                gain: need(fields.gain, "gain")?,
            },
            Scheme::LecunNormal => Init::LecunNormal {
                gain: need(fields.gain, "gain")?,
            },
            Scheme::Orthogonal => Init::Orthogonal {
                gain: need(fields.gain, "gain")?,
            },
        })
    }
}

crate::names::named! {
    /// An initialiser by name, before its parameters (std, value, limit, gain) are resolved.
    pub enum Scheme {
        /// Every weight 0.
        Zeros = "zeros",
        /// Every weight the same value.
        Constant = "constant",
        /// N(0, std²).
        Normal = "normal",
        /// U(−limit, limit).
        Uniform = "uniform",
        /// N(0, gain²·2/(fan_in + fan_out)).
        XavierNormal = "xavier_normal",
        /// U(±gain·√(6/(fan_in + fan_out))).
        XavierUniform = "xavier_uniform",
        /// N(0, gain²/fan_in).
        KaimingNormal = "kaiming_normal",
        /// U(±gain·√(3/fan_in)).
        KaimingUniform = "kaiming_uniform",
        /// N(0, gain²/fan_in), gain 1 for SELU.
        LecunNormal = "lecun_normal",
        /// gain × a random orthogonal matrix.
        Orthogonal = "orthogonal",
    }
}

impl Scheme {
    /// PyTorch's default gain for the scheme: √2 for kaiming (its `nonlinearity='leaky_relu',
    /// a=0` default is the ReLU gain), 1 otherwise.
    pub fn default_gain(self) -> f64 {
        match self {
            Scheme::KaimingNormal | Scheme::KaimingUniform => 2f64.sqrt(),
            _ => 1.0,
        }
    }

    /// The one key whose value this scheme reads (`None`: zeros reads none), so a control panel
    /// shows that key alone: [`Scheme::with`] takes the same value.
    pub fn parameter_key(self) -> Option<&'static str> {
        match self {
            Scheme::Zeros => None,
            Scheme::Constant => Some("value"),
            Scheme::Normal => Some("std"),
            Scheme::Uniform => Some("limit"),
            Scheme::XavierNormal
            | Scheme::XavierUniform
            | Scheme::KaimingNormal
            | Scheme::KaimingUniform
            | Scheme::LecunNormal
            | Scheme::Orthogonal => Some("gain"),
        }
    }

    /// The initialiser with its parameters: `std`, `value` and `limit` for the fixed-scale
    /// schemes, `gain` for the others.
    pub fn with(self, std: f64, value: f64, limit: f64, gain: f64) -> Init {
        match self {
            Scheme::Zeros => Init::Zeros,
            Scheme::Constant => Init::Constant { value },
            Scheme::Normal => Init::Normal { std },
            Scheme::Uniform => Init::Uniform { limit },
            Scheme::XavierNormal => Init::XavierNormal { gain },
            Scheme::XavierUniform => Init::XavierUniform { gain },
            Scheme::KaimingNormal => Init::KaimingNormal { gain },
            Scheme::KaimingUniform => Init::KaimingUniform { gain },
            Scheme::LecunNormal => Init::LecunNormal { gain },
            Scheme::Orthogonal => Init::Orthogonal { gain },
        }
    }
}

impl Init {
    /// The weights' standard deviation for this fan-in/fan-out (`None` for orthogonal, whose
    /// entries have std gain/√fan_out only on average; and zeros/constant, which have none).
    pub fn std(&self, fan_in: usize, fan_out: usize) -> f64 {
        let (fi, fo) = (fan_in as f64, fan_out as f64);
        match self {
            Init::Zeros | Init::Constant { .. } => 0.0,
            Init::Normal { std } => *std,
            // U(−l, l) has variance l²/3.
            Init::Uniform { limit } => limit / 3f64.sqrt(),
            Init::XavierNormal { gain } | Init::XavierUniform { gain } => {
                gain * (2.0 / (fi + fo)).sqrt()
            }
            Init::KaimingNormal { gain }
            | Init::KaimingUniform { gain }
            | Init::LecunNormal { gain } => gain / fi.sqrt(),
            Init::Orthogonal { gain } => gain / fo.sqrt(),
        }
    }

    /// The mean of the weights (non-zero only for `constant`).
    pub fn mean(&self) -> f64 {
        match self {
            Init::Constant { value } => *value,
            _ => 0.0,
        }
    }

    /// The distribution each weight is drawn from, for the normal initialisers (each weight then
    /// takes one standard-normal draw: `normal.from_zscore(z)`, as `fill` does).
    pub fn normal(&self, fan_in: usize, fan_out: usize) -> Result<Option<Normal<f64>>, Error> {
        match self {
            Init::Normal { .. }
            | Init::XavierNormal { .. }
            | Init::KaimingNormal { .. }
            | Init::LecunNormal { .. } => Normal::new(0.0, self.std(fan_in, fan_out))
                .map(Some)
                .map_err(|_| Error::InitNotFinite {
                    scale: InitScale::Std,
                }),
            _ => Ok(None),
        }
    }

    /// Fills a row-major `fan_in × fan_out` weight matrix.
    pub fn fill(
        &self,
        weights: &mut [f32],
        fan_in: usize,
        fan_out: usize,
        rng: &mut SeededRng,
    ) -> Result<(), Error> {
        let std = self.std(fan_in, fan_out);
        match self {
            Init::Zeros => weights.fill(0.0),
            Init::Constant { value } => weights.fill(*value as f32),
            Init::Normal { .. }
            | Init::XavierNormal { .. }
            | Init::KaimingNormal { .. }
            | Init::LecunNormal { .. } => {
                if let Some(normal) = self.normal(fan_in, fan_out)? {
                    weights
                        .iter_mut()
                        .for_each(|w| *w = normal.sample(rng) as f32);
                }
            }
            Init::Uniform { .. } | Init::XavierUniform { .. } | Init::KaimingUniform { .. } => {
                let limit = std * 3f64.sqrt();
                if limit == 0.0 {
                    weights.fill(0.0);
                } else {
                    let uniform = Uniform::new_inclusive(-limit, limit).map_err(|_| {
                        Error::InitNotFinite {
                            scale: InitScale::Limit,
                        }
                    })?;
                    weights
                        .iter_mut()
                        .for_each(|w| *w = uniform.sample(rng) as f32);
                }
            }
            Init::Orthogonal { gain } => orthogonal(weights, fan_in, fan_out, *gain, rng),
        }
        Ok(())
    }
}

/// gain × Q, where Q has orthonormal rows or columns (whichever there are fewer of), from
/// modified Gram–Schmidt on a Gaussian matrix, as `torch.nn.init.orthogonal_` does via QR.
fn orthogonal(weights: &mut [f32], rows: usize, cols: usize, gain: f64, rng: &mut SeededRng) {
    // Orthonormalise the shorter dimension's vectors: `n` vectors of length `len`.
    let (n, len) = if rows <= cols {
        (rows, cols)
    } else {
        (cols, rows)
    };
    let mut vectors: Vec<Vec<f64>> = (0..n)
        .map(|_| (0..len).map(|_| StandardNormal.sample(rng)).collect())
        .collect();
    for i in 0..n {
        for j in 0..i {
            let (done, rest) = vectors.split_at_mut(i);
            let dot: f64 = done[j].iter().zip(&rest[0]).map(|(a, b)| a * b).sum();
            rest[0]
                .iter_mut()
                .zip(&done[j])
                .for_each(|(v, q)| *v -= dot * q);
        }
        let norm = vectors[i]
            .iter()
            .map(|v| v * v)
            .sum::<f64>()
            .sqrt()
            .max(f64::MIN_POSITIVE);
        vectors[i].iter_mut().for_each(|v| *v /= norm);
    }
    for r in 0..rows {
        for c in 0..cols {
            let v = if rows <= cols {
                vectors[r][c]
            } else {
                vectors[c][r]
            };
            weights[r * cols + c] = (gain * v) as f32;
        }
    }
}
