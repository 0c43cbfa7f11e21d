//! The catalogue: one file per activation, and this list naming them all.
//!
//! To add an activation, write its file (copy the nearest relative: `lisht.rs` for a smooth
//! function without parameters, `leaky_relu.rs` for one with a parameter), add its line below,
//! and add its reference values to `tests/fixtures/gen_activation_reference.py`. The config
//! names, the CLI's `actlab list`, the page's pickers and cards, the curves, the layers pass and
//! training all read the entry; the compiler points at anything the line leaves out.
//!
//! One file per function (rather than one table) keeps each entry's formulas, facts and texts
//! on one screen, and lets a newcomer read or copy one function without scrolling past the
//! others; this list is the only place that knows them all.

use super::entry::{Entry, ParamGradient, ParamSpec, UseGradient};
use super::params::ParamValue;
use super::{NoDefaults, UseFunctions};
use serde::Serialize;

catalogue! {
    scalar {
        identity => Identity,
        step => Step,
        sigmoid => Sigmoid,
        hard_sigmoid => HardSigmoid,
        tanh => Tanh,
        scaled_tanh => ScaledTanh { a, b },
        hardtanh => Hardtanh,
        softsign => Softsign,
        relu => Relu,
        relu6 => Relu6,
        bounded_relu => BoundedRelu { cap },
        leaky_relu => LeakyRelu { negative_slope },
        prelu => Prelu { negative_slope },
        elu => Elu { alpha },
        celu => Celu { alpha },
        selu => Selu,
        gelu => Gelu,
        gelu_tanh => GeluTanh,
        swish => Swish { beta },
        hardswish => Hardswish,
        mish => Mish,
        softplus => Softplus { beta },
        apl => Apl [a, b],
        lisht => Lisht,
        elish => Elish,
        sqnl => Sqnl,
        sine => Sine,
    }
    vector {
        softmax => Softmax,
    }
}

pub use apl::apl_default_hinges;

/// What every entry file uses.
mod prelude {
    pub(super) use super::shared;
    pub(super) use crate::activation::entry::{
        no_fast_path, same, Entry, Facts, Learn, ParamSpec, Text,
    };
    pub(super) use crate::activation::fast::Fast;
    pub(super) use crate::activation::functions as f;
    pub(super) use crate::activation::properties::{
        golden_max, minimum, piecewise_max, Shape, Smoothness::*, Where,
    };
}

/// The parameter specs the entries share (one config key, one slider, several activations).
pub(crate) mod shared {
    use super::ParamSpec;

    /// PReLU/leaky ReLU's slope for x < 0 at this default.
    pub const fn negative_slope(default: f64) -> ParamSpec {
        ParamSpec::fixed("negative-slope", default, 0.0, 1.0, 0.01)
    }

    /// ELU/CELU's α: the negative saturation value is −α.
    pub const ALPHA: ParamSpec = ParamSpec::fixed("alpha", 1.0, 0.0, 10.0, 0.05);

    /// Swish's and softplus's β.
    pub const BETA: ParamSpec = ParamSpec::fixed("beta", 1.0, 0.0, 20.0, 0.05);
}
