//! f32 matrix products for the network: natively through `matrixmultiply`'s packed GEMM, in
//! wasm32 with SIMD128 through the packed, cache-blocked GEMM of `wasm_gemm`, written with
//! `f32x4` intrinsics (`matrixmultiply` has no wasm SIMD kernel; with its generic fallback the
//! cs231n network's forward + backward pass ran about 10% slower in Chromium).
//!
//! With `wasm_gemm`, this is the crate's only `unsafe`: `sgemm` takes raw pointers and strides.
//! [`matmul`] checks every index the strides can reach against the slice lengths first, so no
//! input can make either GEMM read or write out of bounds.
#![allow(unsafe_code)]

/// A row-major matrix view, possibly transposed: element (i, j) is at `i*row_stride + j*col_stride`.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    /// The elements.
    pub data: &'a [f32],
    /// Rows of the (possibly transposed) view.
    pub rows: usize,
    /// Columns of the view.
    pub cols: usize,
    /// Transposed: the data holds a `cols × rows` row-major matrix.
    pub transposed: bool,
}

impl<'a> View<'a> {
    /// A `rows × cols` row-major matrix.
    pub fn new(data: &'a [f32], rows: usize, cols: usize) -> View<'a> {
        View {
            data,
            rows,
            cols,
            transposed: false,
        }
    }

    /// The transpose of a `rows × cols` row-major matrix (so the view is `cols × rows`).
    pub fn transpose_of(data: &'a [f32], rows: usize, cols: usize) -> View<'a> {
        View {
            data,
            rows: cols,
            cols: rows,
            transposed: true,
        }
    }

    fn strides(&self) -> (isize, isize) {
        if self.transposed {
            (1, self.rows as isize)
        } else {
            (self.cols as isize, 1)
        }
    }
}

/// The Euclidean (Frobenius) norm of f32 values, summed in f64 so a layer of many small values
/// keeps its size.
pub fn norm(values: &[f32]) -> f64 {
    dot(values, values).sqrt()
}

/// Σ xᵢyᵢ in f64 over the shorter of the two.
fn dot(x: &[f32], y: &[f32]) -> f64 {
    // Eight running sums: one chain of f64 additions would wait out each add's latency in turn.
    const SUMS: usize = 8;
    let mut sums = [0.0f64; SUMS];
    let (mut xs, mut ys) = (x.chunks_exact(SUMS), y.chunks_exact(SUMS));
    for (x, y) in (&mut xs).zip(&mut ys) {
        for ((sum, x), y) in sums.iter_mut().zip(x).zip(y) {
            *sum += f64::from(*x) * f64::from(*y);
        }
    }
    for ((sum, x), y) in sums.iter_mut().zip(xs.remainder()).zip(ys.remainder()) {
        *sum += f64::from(*x) * f64::from(*y);
    }
    sums.iter().sum::<f64>()
}

/// ‖aᵀ·δ‖ (Frobenius) for row-major `a` (`rows × a.len()/rows`) and `delta` (`rows ×
/// delta.len()/rows`), without forming the product: ‖aᵀδ‖² = Σᵢⱼ (aᵢ·aⱼ)(δᵢ·δⱼ) over pairs of
/// rows, every dot product in f64. That is rows²·(fan_in + fan_out)/2 multiply-adds where the
/// product takes rows·fan_in·fan_out and its norm fan_in·fan_out more: for the layers view's
/// preview (16 rows of 500 units) a thirtieth of the multiply-adds ([`outer_norm_is_cheaper`]).
///
/// Its f64 can hold a norm past f32's range that the f32 product, formed, would have overflowed
/// to ∞ in some entry: there a preview says "about 10³⁹" where the whole pass says ∞.
pub fn outer_norm(a: &[f32], delta: &[f32], rows: usize) -> f64 {
    if rows == 0 {
        return 0.0;
    }
    debug_assert!(a.len() % rows == 0 && delta.len() % rows == 0, "whole rows");
    let (fan_in, fan_out) = (a.len() / rows, delta.len() / rows);
    fn row(m: &[f32], width: usize, i: usize) -> &[f32] {
        &m[i * width..(i + 1) * width]
    }
    let mut squared = 0.0;
    for i in 0..rows {
        for j in i..rows {
            let products = dot(row(a, fan_in, i), row(a, fan_in, j))
                * dot(row(delta, fan_out, i), row(delta, fan_out, j));
            // Each pair off the diagonal stands for (i, j) and (j, i).
            squared += if i == j { products } else { 2.0 * products };
        }
    }
    // Rounding can leave a sum that is 0 in exact arithmetic a hair below it. Not `max(0.0)`,
    // which would turn an overflowed layer's NaN into a norm of 0.
    if squared < 0.0 {
        0.0
    } else {
        squared.sqrt()
    }
}

/// Whether [`outer_norm`] costs less than forming aᵀδ (`rows × fan_in` by `rows × fan_out`)
/// and taking its [`norm`], for a caller that wants only the norm. Each of its f64
/// multiply-adds is counted as eight of the GEMM's f32 ones (four lanes to one, and more for
/// the GEMM's blocking): an estimate, not a measured crossover; at the preview's 16 rows of 500
/// it is eight times under the line, and a shard of the cs231n pass forms the product either way.
pub fn outer_norm_is_cheaper(rows: usize, fan_in: usize, fan_out: usize) -> bool {
    let pairs = rows.saturating_mul(rows.saturating_add(1)) / 2;
    let gram = pairs
        .saturating_mul(fan_in.saturating_add(fan_out))
        .saturating_mul(8);
    let product = rows
        .saturating_add(1)
        .saturating_mul(fan_in.saturating_mul(fan_out));
    gram < product
}

/// c = a · b, with c row-major `a.rows × b.cols`.
pub fn matmul(a: View, b: View, c: &mut [f32]) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    assert_eq!(k, b.rows, "inner dimensions differ");
    assert!(
        a.data.len() >= m * k && b.data.len() >= k * n && c.len() >= m * n,
        "matrix too short"
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        c[..m * n].fill(0.0);
        return;
    }
    let (rsa, csa) = a.strides();
    let (rsb, csb) = b.strides();
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        super::wasm_gemm::gemm(
            m,
            k,
            n,
            (a.data, rsa, csa),
            (b.data, rsb, csb),
            &mut c[..m * n],
        );
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    // SAFETY: with the strides above, the largest offset sgemm touches in a is (m-1)·rsa +
    // (k-1)·csa = m·k − 1 (either layout), in b k·n − 1, and in c m·n − 1; the asserts above
    // guarantee each slice is at least that long, and c does not alias a or b (&mut).
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.data.as_ptr(),
            rsa,
            csa,
            b.data.as_ptr(),
            rsb,
            csb,
            0.0,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_and_transposes_match_the_definition() {
        // a = [[1, 2, 3], [4, 5, 6]], b = [[1, 0], [0, 1], [1, 1]]: a·b = [[4, 5], [10, 11]].
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let b = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0];
        let mut c = [0.0; 4];
        matmul(View::new(&a, 2, 3), View::new(&b, 3, 2), &mut c);
        assert_eq!(c, [4.0, 5.0, 10.0, 11.0]);
        // aᵀ·a = [[17, 22, 27], [22, 29, 36], [27, 36, 45]].
        let mut g = [0.0; 9];
        matmul(View::transpose_of(&a, 2, 3), View::new(&a, 2, 3), &mut g);
        assert_eq!(g, [17.0, 22.0, 27.0, 22.0, 29.0, 36.0, 27.0, 36.0, 45.0]);
        // a·aᵀ = [[14, 32], [32, 77]].
        let mut h = [0.0; 4];
        matmul(View::new(&a, 2, 3), View::transpose_of(&a, 2, 3), &mut h);
        assert_eq!(h, [14.0, 32.0, 32.0, 77.0]);
    }
}
