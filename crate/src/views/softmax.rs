//! The softmax view: logits → probabilities at a temperature, the cross-entropy loss and its
//! gradient (p − y)/T, and the Jacobian.

use super::{json_error, ViewSpec};
use crate::config::Config;
use crate::error::Error;
use crate::render::{self, PlotArea, Theme};
use crate::softmax::{self, Readout};
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The softmax view.
pub struct Softmax;

impl ViewSpec for Softmax {
    type Snapshot = Readout;
    const VIEW: View = View::Softmax;

    fn compute(config: &Config) -> Result<Readout, Error> {
        Ok(softmax::readout(
            &config.logits,
            config.temperature,
            config.target,
        ))
    }

    fn draw<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        _: &Config,
        readout: &Readout,
        theme: &Theme,
    ) -> Result<Option<PlotArea>, Error> {
        let r = readout;
        render::softmax::draw(area, &r.probabilities, &r.gradient, r.target, theme)?;
        Ok(None)
    }

    /// One row per class: logit, probability, cross-entropy gradient.
    fn csv(_: &Config, readout: &Readout) -> Result<String, Error> {
        let mut text = String::from("class,z,p,gradient\n");
        for (i, ((z, p), g)) in readout
            .logits
            .iter()
            .zip(&readout.probabilities)
            .zip(&readout.gradient)
            .enumerate()
        {
            text.push_str(&format!("{i},{z:?},{p:?},{g:?}\n"));
        }
        Ok(text)
    }

    fn json(_: &Config, readout: &Readout) -> Result<String, Error> {
        serde_json::to_string(readout).map_err(json_error)
    }
}
