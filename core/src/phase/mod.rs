//! The edge of chaos: where a deep network's signals and gradients neither vanish nor explode.
//!
//! For weights N(0, σ_w²/fan_in) and biases N(0, σ_b²), mean-field theory ([`theory`]) splits
//! the (σ_w, σ_b) plane into an ordered phase (χ₁ < 1: gradients vanish with depth) and a
//! chaotic one (χ₁ > 1: they explode), divided by the critical line χ₁ = 1 (Poole et al. 2016;
//! Schoenholz et al. 2017). [`measure`] puts a real deep network at each cell of a grid over
//! that plane and measures how its gradient changes from the last hidden layer to the first, so
//! the view can draw the theory over the measurement.

pub mod map;
pub mod measure;
mod roots;
pub mod theory;

pub use map::{coarse_to_fine, theory_map, Map};
pub use measure::{Cell, Grid, GridSpec};
pub use roots::brent;
pub use theory::{critical_gain, critical_line, point, Point};
