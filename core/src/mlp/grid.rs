//! Where a layer's values live in its buffer, for the layer step and the learned loops alike.

/// Where a layer's value for example i and unit j lives in its buffer: at
/// `i·example_step + j·unit_step`. The layers view stores a layer row-major (an example's units
/// side by side, what the GEMM reads), training stores it unit-major (a unit's examples side by
/// side, so the small layers' loops run over the batch in SIMD lanes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    /// Examples the step covers.
    pub examples: usize,
    /// Units of the layer.
    pub units: usize,
    example_step: usize,
    unit_step: usize,
}

impl Grid {
    /// `examples × units`, one example a row.
    pub fn row_major(examples: usize, units: usize) -> Grid {
        Grid {
            examples,
            units,
            example_step: units,
            unit_step: 1,
        }
    }

    /// `units` rows of `stride` examples each, of which the first `examples` are covered.
    pub fn unit_major(examples: usize, units: usize, stride: usize) -> Grid {
        Grid {
            examples,
            units,
            example_step: 1,
            unit_step: stride,
        }
    }

    /// The index of example i, unit j.
    #[inline]
    pub fn at(self, example: usize, unit: usize) -> usize {
        example * self.example_step + unit * self.unit_step
    }
}
