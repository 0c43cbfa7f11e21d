//! f32 matrix products for the network: natively through `matrixmultiply`'s packed GEMM, in
//! wasm32 with SIMD128 through a packed, cache-blocked GEMM written here with `f32x4` intrinsics
//! (`matrixmultiply` has no wasm SIMD kernel; with its generic fallback the cs231n network's
//! forward + backward pass ran about 10% slower in Chromium).
//!
//! This is the crate's only `unsafe`: `sgemm` takes raw pointers and strides, and the wasm kernel
//! loads four floats at once from a slice. [`matmul`] checks every index the strides can reach
//! against the slice lengths first, and each load is from a chunk known to be long enough, so no
//! input can make either read or write out of bounds.
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
    values
        .iter()
        .map(|v| f64::from(*v).powi(2))
        .sum::<f64>()
        .sqrt()
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
        simd::gemm(
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

/// The wasm32 SIMD128 GEMM: Goto-style blocking (a `KC × NC` block of b and an `MC × KC` block of
/// a packed into contiguous micro-panels, zero-padded to whole panels), then an `MR × NR`
/// register-blocked micro-kernel of `f32x4` multiply-adds over each pair of panels. Packing reads
/// through the strides, so transposed views cost nothing extra in the kernel.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::{
        f32x4_add, f32x4_extract_lane, f32x4_splat, v128, v128_load, v128_store,
    };

    /// Floats in a vector. Each value of a is packed this many times, already broadcast, so the
    /// micro-kernel loads it instead of shuffling it out of a shared load: the cs231n forward in
    /// Chromium 126 -> 117 ms (relaxed SIMD), 150 -> 137 ms (plain), for 4x the packed a.
    const LANES: usize = 4;

    /// acc + a·b per lane. With the `relaxed-simd` feature (the second module the page loads where
    /// the browser validates relaxed SIMD) this is one fused multiply-add where the hardware has
    /// one: the micro-kernel then issues one instruction per lane group instead of two, about
    /// 1.45× the GFLOP/s in Chromium. The products may round differently from the plain module's
    /// in the last bit.
    #[inline(always)]
    fn multiply_add(a: v128, b: v128, acc: v128) -> v128 {
        #[cfg(feature = "relaxed-simd")]
        {
            core::arch::wasm32::f32x4_relaxed_madd(a, b, acc)
        }
        #[cfg(not(feature = "relaxed-simd"))]
        {
            core::arch::wasm32::f32x4_add(acc, core::arch::wasm32::f32x4_mul(a, b))
        }
    }

    /// Rows of c per micro-tile (one broadcast value of a each per step). 4 × 8 keeps the 8
    /// accumulators, 2 of b and 1 of a in x86's 16 vector registers; at 5 or 6 rows V8 spills
    /// and the forward takes 195-211 ms instead of 117.
    const MR: usize = 4;
    /// Columns of c per micro-tile: two `f32x4` lanes of b per step.
    const NR: usize = 8;
    /// Depth of a packed block: a `KC × NR` panel of b (8 KiB) stays in L1 across a's panels.
    const KC: usize = 256;
    /// Rows of a packed block of a (`MC × KC × LANES`, 256 KiB, L2; 128 rows ran no faster).
    const MC: usize = 64;
    /// Columns of a packed block of b (`KC × NC`, 1 MiB at most).
    const NC: usize = 1024;

    /// A matrix as data with row and column strides (element (i, j) at `i·rs + j·cs`).
    type Strided<'a> = (&'a [f32], isize, isize);

    fn at((data, rs, cs): Strided, i: usize, j: usize) -> f32 {
        data[i * rs as usize + j * cs as usize]
    }

    /// c (`m × n`, row-major, exactly `m·n` long) = a (`m × k`) · b (`k × n`); k, m, n ≥ 1.
    #[cfg_attr(feature = "relaxed-simd", target_feature(enable = "relaxed-simd"))]
    pub(super) fn gemm(m: usize, k: usize, n: usize, a: Strided, b: Strided, c: &mut [f32]) {
        c.fill(0.0);
        let mut packed_a = vec![0.0f32; MC.min(m).next_multiple_of(MR) * KC.min(k) * LANES];
        let mut packed_b = vec![0.0f32; NC.min(n).next_multiple_of(NR) * KC.min(k)];
        for jc in (0..n).step_by(NC) {
            let nc = NC.min(n - jc);
            for pc in (0..k).step_by(KC) {
                let kc = KC.min(k - pc);
                // b[pc.., jc..] as panels of NR columns: for each p, NR consecutive values.
                let b_panels = &mut packed_b[..nc.next_multiple_of(NR) * kc];
                for (jr, panel) in b_panels.chunks_exact_mut(NR * kc).enumerate() {
                    let j0 = jc + jr * NR;
                    let cols = NR.min(jc + nc - j0);
                    for (p, row) in panel.chunks_exact_mut(NR).enumerate() {
                        for (j, value) in row.iter_mut().enumerate() {
                            *value = if j < cols { at(b, pc + p, j0 + j) } else { 0.0 };
                        }
                    }
                }
                for ic in (0..m).step_by(MC) {
                    let mc = MC.min(m - ic);
                    // a[ic.., pc..] as panels of MR rows: for each p, MR values down a column,
                    // each in all LANES lanes.
                    let a_panels = &mut packed_a[..mc.next_multiple_of(MR) * kc * LANES];
                    for (ir, panel) in a_panels.chunks_exact_mut(MR * kc * LANES).enumerate() {
                        let i0 = ic + ir * MR;
                        let rows = MR.min(ic + mc - i0);
                        for (p, column) in panel.chunks_exact_mut(MR * LANES).enumerate() {
                            for (i, splat) in column.chunks_exact_mut(LANES).enumerate() {
                                splat.fill(if i < rows { at(a, i0 + i, pc + p) } else { 0.0 });
                            }
                        }
                    }
                    for (jr, b_panel) in b_panels.chunks_exact(NR * kc).enumerate() {
                        let j0 = jc + jr * NR;
                        let cols = NR.min(jc + nc - j0);
                        for (ir, a_panel) in a_panels.chunks_exact(MR * kc * LANES).enumerate() {
                            let i0 = ic + ir * MR;
                            let rows = MR.min(ic + mc - i0);
                            let tile = kernel(a_panel, b_panel);
                            for (i, lanes) in tile.iter().take(rows).enumerate() {
                                let start = (i0 + i) * n + j0;
                                if cols == NR {
                                    // A whole row of the tile: two vector adds into c, not
                                    // eight lanes taken out one by one.
                                    let row = &mut c[start..start + NR];
                                    // SAFETY: row is exactly NR = 8 floats, so the 16-byte
                                    // loads and stores at float offsets 0 and 4 are inside it
                                    // (unaligned accesses, which wasm allows).
                                    unsafe {
                                        let at = row.as_mut_ptr().cast::<v128>();
                                        v128_store(at, f32x4_add(v128_load(at), lanes[0]));
                                        let at = row.as_mut_ptr().add(4).cast::<v128>();
                                        v128_store(at, f32x4_add(v128_load(at), lanes[1]));
                                    }
                                    continue;
                                }
                                let sums = [
                                    f32x4_extract_lane::<0>(lanes[0]),
                                    f32x4_extract_lane::<1>(lanes[0]),
                                    f32x4_extract_lane::<2>(lanes[0]),
                                    f32x4_extract_lane::<3>(lanes[0]),
                                    f32x4_extract_lane::<0>(lanes[1]),
                                    f32x4_extract_lane::<1>(lanes[1]),
                                    f32x4_extract_lane::<2>(lanes[1]),
                                    f32x4_extract_lane::<3>(lanes[1]),
                                ];
                                let row = &mut c[start..start + cols];
                                row.iter_mut().zip(sums).for_each(|(c, s)| *c += s);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The `MR × NR` product of an a panel (`kc × MR` values, each repeated in all four lanes)
    /// and a b panel (`kc × NR`, row by row), as MR rows of two `f32x4`.
    #[inline(always)]
    fn kernel(a: &[f32], b: &[f32]) -> [[v128; 2]; MR] {
        let mut acc = [[f32x4_splat(0.0); 2]; MR];
        for (ap, bp) in a.chunks_exact(MR * LANES).zip(b.chunks_exact(NR)) {
            // SAFETY: bp is a chunk of exactly NR = 8 floats (32 bytes), so both 16-byte loads, at
            // float offsets 0 and 4, are inside it; v128_load is an unaligned read (wasm's
            // v128.load has no alignment requirement), and f32 has no invalid bit patterns.
            let (b0, b1) = unsafe {
                (
                    v128_load(bp.as_ptr().cast::<v128>()),
                    v128_load(bp.as_ptr().add(4).cast::<v128>()),
                )
            };
            for (row, splat) in acc.iter_mut().zip(ap.chunks_exact(LANES)) {
                // SAFETY: splat is a chunk of exactly 4 floats (16 bytes): the same unaligned,
                // in-bounds load as above.
                let splat = unsafe { v128_load(splat.as_ptr().cast::<v128>()) };
                row[0] = multiply_add(splat, b0, row[0]);
                row[1] = multiply_add(splat, b1, row[1]);
            }
        }
        acc
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
