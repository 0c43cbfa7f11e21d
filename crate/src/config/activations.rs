//! The selected activations with their parameters resolved: a set value applies to every
//! selected activation that takes it, an unset one is each activation's own default.

use super::Config;
use crate::activation::custom::Custom;
use crate::activation::formula::Problem;
use crate::activation::{apl_default_hinges, Activation, Kind};
use crate::error::{Count, Error, Range};

impl Config {
    /// A parameter's value for one activation: the set value, else that activation's default.
    fn param(&self, kind: Kind, key: &str) -> f64 {
        let set = match key {
            "negative-slope" => self.negative_slope,
            "alpha" => self.alpha,
            "beta" => self.beta,
            "cap" => self.cap,
            _ => None,
        };
        let default = kind
            .params()
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.default);
        set.or(default).unwrap_or(f64::NAN)
    }

    /// The scalar `a`/`b` of scaled_tanh, which must be one positive number each.
    fn scaled_tanh_param(&self, key: &'static str) -> Result<f64, Error> {
        let given = if key == "a" { &self.a } else { &self.b };
        match given.as_deref() {
            None => Ok(self.param(Kind::ScaledTanh, key)),
            Some([v]) if *v > 0.0 => Ok(*v),
            Some([v]) => Err(Error::OutOfRange {
                key,
                value: v.to_string(),
                range: Range::Positive {
                    activation: Kind::ScaledTanh.name(),
                },
            }),
            Some(list) => Err(Error::ListLength {
                key,
                got: list.len(),
                expected: Count::For {
                    count: 1,
                    activation: Kind::ScaledTanh.name(),
                },
            }),
        }
    }

    /// APL's hinge slopes or positions: one per hinge, or the defaults for that many hinges.
    fn apl_list(&self, key: &'static str) -> Result<Vec<f64>, Error> {
        let (default_a, default_b) = apl_default_hinges(self.hinges);
        let (given, default) = if key == "a" {
            (&self.a, default_a)
        } else {
            (&self.b, default_b)
        };
        match given {
            None => Ok(default),
            Some(list) if list.len() == self.hinges => Ok(list.clone()),
            Some(list) => Err(Error::ListLength {
                key,
                got: list.len(),
                expected: Count::PerHinge {
                    activation: Kind::Apl.name(),
                    hinges: self.hinges,
                },
            }),
        }
    }

    /// The selected activations with their parameters resolved.
    pub fn resolved_activations(&self) -> Result<Vec<Activation>, Error> {
        self.activations
            .iter()
            .map(|kind| self.activation(*kind))
            .collect()
    }

    /// One activation with this config's parameters (it need not be selected).
    pub fn activation(&self, kind: Kind) -> Result<Activation, Error> {
        Ok(match kind {
            Kind::ScaledTanh => Activation::ScaledTanh {
                a: self.scaled_tanh_param("a")?,
                b: self.scaled_tanh_param("b")?,
            },
            Kind::BoundedRelu => Activation::BoundedRelu {
                cap: self.param(kind, "cap"),
            },
            Kind::LeakyRelu => Activation::LeakyRelu {
                negative_slope: self.param(kind, "negative-slope"),
            },
            Kind::Prelu => Activation::Prelu {
                negative_slope: self.param(kind, "negative-slope"),
            },
            Kind::Elu => Activation::Elu {
                alpha: self.param(kind, "alpha"),
            },
            Kind::Celu => Activation::Celu {
                alpha: self.param(kind, "alpha"),
            },
            Kind::Swish => Activation::Swish {
                beta: self.param(kind, "beta"),
            },
            Kind::Softplus => Activation::Softplus {
                beta: self.param(kind, "beta"),
            },
            Kind::Apl => Activation::Apl {
                a: self.apl_list("a")?,
                b: self.apl_list("b")?,
            },
            Kind::Custom => {
                let formula = self.formula.clone().ok_or(Error::Formula {
                    problem: Problem::Missing,
                })?;
                Activation::Custom(
                    Custom::new(formula, &self.formula_params)
                        .map_err(|problem| Error::Formula { problem })?,
                )
            }
            other => Activation::with_defaults(other)?,
        })
    }
}
