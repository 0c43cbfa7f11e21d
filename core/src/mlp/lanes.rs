//! The batch-inner layout's three products, for the small layers training runs: examples go
//! through a layer `LANES` at a time, one in each lane of a `[f32; LANES]` that LLVM keeps in one
//! SIMD register (wasm simd128, SSE). A batch is padded with zero inputs to whole groups, so no
//! inner loop has a remainder, and every inner loop runs over the batch rather than over a
//! layer's few units. A layer's values are stored unit-major: row j (`groups` [`Lanes`] long)
//! holds unit j for every example, the padding examples last.
//!
//! Every sum runs in the order one example at a time would take, so a seed trains to the same
//! bits on every target.

/// Examples per SIMD register.
pub const LANES: usize = 4;

/// One value for each of `LANES` examples.
pub type Lanes = [f32; LANES];

/// acc += x·w, lane by lane.
#[inline]
fn add_scaled(acc: &mut Lanes, x: &Lanes, w: f32) {
    for (acc, x) in acc.iter_mut().zip(x) {
        *acc += x * w;
    }
}

/// Σ x·y over every lane of two rows.
#[inline]
fn dot(x: &[Lanes], y: &[Lanes]) -> f32 {
    let mut acc = [0.0; LANES];
    for (x, y) in x.iter().zip(y) {
        for ((acc, x), y) in acc.iter_mut().zip(x).zip(y) {
            *acc += x * y;
        }
    }
    acc.iter().sum()
}

/// Σ x over every lane of a row.
#[inline]
fn sum(x: &[Lanes]) -> f32 {
    let mut acc = [0.0; LANES];
    for x in x {
        for (acc, x) in acc.iter_mut().zip(x) {
            *acc += x;
        }
    }
    acc.iter().sum()
}

/// Transposes `batch` examples of `fan_in` inputs (row-major) into `into`, unit-major and padded
/// with zeros; returns the groups of `LANES` examples.
pub fn load(inputs: &[f32], fan_in: usize, batch: usize, into: &mut Vec<Lanes>) -> usize {
    let groups = batch.div_ceil(LANES).max(1);
    into.clear();
    into.resize(fan_in * groups, [0.0; LANES]);
    let stride = groups * LANES;
    let transposed = into.as_flattened_mut();
    for (i, example) in inputs.chunks_exact(fan_in).take(batch).enumerate() {
        for (k, x) in example.iter().enumerate() {
            transposed[k * stride + i] = *x;
        }
    }
    groups
}

/// z = a·W + b: `w` is row-major `fan_in × fan_out`, `b` has `fan_out` values, `previous` has
/// fan_in rows of `groups`; `z` gets fan_out rows.
pub fn forward(previous: &[Lanes], w: &[f32], b: &[f32], groups: usize, z: &mut Vec<Lanes>) {
    let fan_out = b.len();
    z.resize(groups * fan_out, [0.0; LANES]);
    // z_j = b_j + Σ_k W_kj·a_k, summed in k order as one example at a time would, in a
    // register per group of examples. (The row iterators are made once and cloned: making one
    // divides, which costs more than a row's arithmetic here.)
    let (a_rows, w_rows) = (previous.chunks_exact(groups), w.chunks_exact(fan_out));
    for (j, (z_row, bias)) in z.chunks_exact_mut(groups).zip(b).enumerate() {
        for (c, z) in z_row.iter_mut().enumerate() {
            let mut acc = [*bias; LANES];
            for (a_row, w_row) in a_rows.clone().zip(w_rows.clone()) {
                add_scaled(&mut acc, &a_row[c], w_row[j]);
            }
            *z = acc;
        }
    }
}

/// ∂W_kj = Σ a_k·δ_j and ∂b_j = Σ δ_j over the batch, written (not added) into `w_grads`
/// (row-major `fan_in × fan_out`) and `b_grads` (`fan_out`).
pub fn weight_gradients(
    previous: &[Lanes],
    delta: &[Lanes],
    groups: usize,
    w_grads: &mut [f32],
    b_grads: &mut [f32],
) {
    let fan_out = b_grads.len();
    let d_rows = delta.chunks_exact(groups);
    for (g, d_row) in b_grads.iter_mut().zip(d_rows.clone()) {
        *g = sum(d_row);
    }
    for (a_row, g_row) in previous
        .chunks_exact(groups)
        .zip(w_grads.chunks_exact_mut(fan_out))
    {
        for (g, d_row) in g_row.iter_mut().zip(d_rows.clone()) {
            *g = dot(a_row, d_row);
        }
    }
}

/// ∂L/∂a_k of the layer below: Σ_j W_kj·δ_j, summed in j order, into `delta_previous` (fan_in
/// rows).
pub fn backward(
    w: &[f32],
    delta: &[Lanes],
    groups: usize,
    (fan_in, fan_out): (usize, usize),
    delta_previous: &mut Vec<Lanes>,
) {
    let d_rows = delta.chunks_exact(groups);
    delta_previous.resize(fan_in * groups, [0.0; LANES]);
    for (p_row, w_row) in delta_previous
        .chunks_exact_mut(groups)
        .zip(w.chunks_exact(fan_out))
    {
        for (c, p) in p_row.iter_mut().enumerate() {
            let mut acc = [0.0; LANES];
            for (w, d_row) in w_row.iter().zip(d_rows.clone()) {
                add_scaled(&mut acc, &d_row[c], *w);
            }
            *p = acc;
        }
    }
}
