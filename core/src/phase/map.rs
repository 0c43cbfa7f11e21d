//! The phase view's snapshot: the theory over the map (the critical line, and q*, χ₁, ξ at every
//! cell's centre), the named initialisations' marks, and the measured cells as they arrive
//! (the page fills them coarse to fine from its workers; the CLI measures them all).

use super::measure::{
    cell_point, centres, measure_cell, Cell, GridSpec, BIAS_STD_RANGE, GAIN_RANGE,
};
use super::theory::{critical_line, point, Point};
use crate::activation::Activation;
use crate::error::Error;
use crate::wire::wire_struct;
use serde::{Deserialize, Serialize};

/// σ_b samples of the drawn critical line, over the map's σ_b range.
pub const LINE_POINTS: usize = 49;

/// Serialises a quantity that may be infinite (q* past the runaway, ξ on the line) as JSON's
/// `null`, which reads back as +∞: JSON has no infinity.
mod infinite_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            serializer.serialize_f64(*value)
        } else {
            serializer.serialize_none()
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::INFINITY))
    }
}

/// The theory at one cell's centre, as the snapshot keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theory {
    /// σ_w.
    pub gain: f64,
    /// σ_b.
    pub bias_std: f64,
    /// q* (`null` in JSON: infinite, the signal grows without bound).
    #[serde(with = "infinite_as_null")]
    pub q_star: f64,
    /// χ₁.
    pub chi1: f64,
    /// ξ = 1/|ln χ₁| (`null` in JSON: infinite, on the line).
    #[serde(with = "infinite_as_null")]
    pub xi: f64,
}

impl From<Point> for Theory {
    fn from(p: Point) -> Theory {
        Theory {
            gain: p.gain,
            bias_std: p.bias_std,
            q_star: p.q_star,
            chi1: p.chi1,
            xi: p.xi,
        }
    }
}

/// One point of the critical line.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinePoint {
    /// σ_b.
    pub bias_std: f64,
    /// σ_w where χ₁ = 1 (`None`: χ₁ does not cross 1 at this σ_b).
    pub critical_gain: Option<f64>,
}

/// The named initialisations, as gains of N(0, gain²/fan_in).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marks {
    /// LeCun normal and Xavier (fan_in = fan_out): gain 1.
    pub lecun: f64,
    /// He (Kaiming): √2.
    pub he: f64,
    /// `torch.nn.init.calculate_gain` for the activation, where PyTorch defines one.
    pub pytorch: Option<f64>,
    /// The layers view's setting (`gain`, default 1, and `bias-std`).
    pub current: (f64, f64),
}

/// Everything the phase view draws and exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Map {
    /// The activation's name.
    pub activation: String,
    /// Hidden layers of each measured network.
    pub depth: usize,
    /// Units per layer.
    pub width: usize,
    /// Samples.
    pub batch: usize,
    /// Cells along each axis.
    pub cells: usize,
    /// The σ_w range (horizontal).
    pub gain_range: (f64, f64),
    /// The σ_b range (vertical).
    pub bias_std_range: (f64, f64),
    /// The critical line, σ_b from low to high.
    pub line: Vec<LinePoint>,
    /// The theory at each cell's centre (index = row·cells + column, row 0 at σ_b's low end),
    /// `None` until the cell is measured (the page's workers compute it with the cell).
    pub theory: Vec<Option<Theory>>,
    /// The measured cells, `None` until measured.
    pub measured: Vec<Option<Cell>>,
    /// The named initialisations.
    pub marks: Marks,
    /// The theory at the current setting.
    pub current: Theory,
    /// Multiply-adds of one cell's forward pass (the backward pass is about twice that).
    pub cell_multiply_adds: f64,
}

/// One cell as a worker hands it over: its place, the theory at its centre and the measurement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// row·cells + column.
    pub index: usize,
    /// The theory at the cell's centre.
    pub theory: Theory,
    /// What the network did there.
    pub cell: Cell,
}

/// Cell `index` of the map: the theory at its centre and the network measured there.
pub fn measure_with_theory(spec: &GridSpec, index: usize) -> Result<Measured, Error> {
    let (gain, bias_std) = cell_point(spec.cells, index);
    Ok(Measured {
        index,
        theory: Theory::from(point(&spec.activation, gain, bias_std)),
        cell: measure_cell(spec, index)?,
    })
}

/// The map's critical line, marks and current point; no cell computed yet.
pub fn theory_map(spec: &GridSpec, current: (f64, f64)) -> Result<Map, Error> {
    let f: &Activation = &spec.activation;
    let bias_stds = centres(BIAS_STD_RANGE, LINE_POINTS - 1);
    let mut samples = vec![BIAS_STD_RANGE.0];
    samples.extend(bias_stds);
    samples.push(BIAS_STD_RANGE.1);
    let line = samples
        .iter()
        .zip(critical_line(f, &samples))
        .map(|(&bias_std, critical_gain)| LinePoint {
            bias_std,
            critical_gain,
        })
        .collect();
    let count = spec.cells * spec.cells;
    let w = spec.width as f64;
    Ok(Map {
        activation: f.name().to_string(),
        depth: spec.depth,
        width: spec.width,
        batch: spec.batch,
        cells: spec.cells,
        gain_range: GAIN_RANGE,
        bias_std_range: BIAS_STD_RANGE,
        line,
        theory: vec![None; count],
        measured: vec![None; count],
        marks: Marks {
            lecun: 1.0,
            he: 2f64.sqrt(),
            pytorch: f.properties().gain,
            current,
        },
        current: Theory::from(point(f, current.0, current.1)),
        cell_multiply_adds: spec.depth as f64 * spec.batch as f64 * w * w,
    })
}

wire_struct!(Theory {
    gain,
    bias_std,
    q_star,
    chi1,
    xi,
});
wire_struct!(LinePoint {
    bias_std,
    critical_gain,
});
wire_struct!(Marks {
    lecun,
    he,
    pytorch,
    current,
});
wire_struct!(Map {
    activation,
    depth,
    width,
    batch,
    cells,
    gain_range,
    bias_std_range,
    line,
    theory,
    measured,
    marks,
    current,
    cell_multiply_adds,
});
wire_struct!(Measured {
    index,
    theory,
    cell
});

impl Map {
    /// Moves the current mark to `current` (σ_w, σ_b) and its theory with it: the page keeps
    /// a map's cells while the layers view's setting, which only this mark shows, changes.
    pub fn mark_current(&mut self, activation: &Activation, current: (f64, f64)) {
        self.marks.current = current;
        self.current = Theory::from(point(activation, current.0, current.1));
    }

    /// Puts measured cells in their places (indices past the map are ignored).
    pub fn fill(&mut self, cells: impl IntoIterator<Item = Measured>) {
        for m in cells {
            if let (Some(theory), Some(cell)) =
                (self.theory.get_mut(m.index), self.measured.get_mut(m.index))
            {
                *theory = Some(m.theory);
                *cell = Some(m.cell);
            }
        }
    }
}

/// The order the page measures cells in: coarse to fine, every 8th row and column first, then
/// the cells between at 4, 2 and 1, so a rough picture of the whole map comes first.
pub fn coarse_to_fine(cells: usize) -> Vec<usize> {
    let mut order = Vec::with_capacity(cells * cells);
    let mut seen = vec![false; cells * cells];
    for stride in [8, 4, 2, 1] {
        for row in (0..cells).step_by(stride) {
            for column in (0..cells).step_by(stride) {
                let index = row * cells + column;
                if !seen[index] {
                    seen[index] = true;
                    order.push(index);
                }
            }
        }
    }
    order
}
