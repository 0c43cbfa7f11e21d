//! The wasm32 SIMD128 GEMM: Goto-style blocking (a `KC × NC` block of b and an `MC × KC` block of
//! a packed into contiguous micro-panels, zero-padded to whole panels), then an `MR × NR`
//! register-blocked micro-kernel of `f32x4` multiply-adds over each pair of panels. Packing reads
//! through the strides, so transposed views cost nothing extra in the kernel; whole panels of a
//! row-major or transposed matrix are packed four floats at a time (a generic element-by-element
//! pack took 8 % of the cs231n forward in Chromium).
//!
//! `unsafe` here is the micro-kernel's 16-byte loads, each from a chunk known to be that long.
#![allow(unsafe_code)]

use crate::simd128::{load4, multiply_add, store4};
use core::arch::wasm32::{
    f32x4_add, f32x4_extract_lane, f32x4_splat, i32x4_shuffle, v128, v128_load, v128_load32_splat,
};

/// Rows of c per micro-tile (one broadcast value of a each per step): 12 accumulators, 2 values
/// of b and 1 of a fill x86's 16 vector registers. The relaxed build is the one V8 loads, and V8
/// allocates registers in the module's instruction order (hence `-pre-RA-sched=source`,
/// .cargo/config.toml); with it 6 × 8 runs the cs231n pass in Chromium 4 % faster than 4 × 8.
/// The plain build is the one Safari loads: WebKit's JSC allocates registers its own way and
/// runs 6 × 8 about 7 % faster than 4 × 8 (WebKitGTK on x86, bench-engines; Apple's ARM has 32
/// vector registers). V8 would spill it, a product without fused multiply-adds taking one more
/// register (forward 211 ms instead of 130), but V8 loads the relaxed build.
const MR: usize = 6;
/// Columns of c per micro-tile: two `f32x4` lanes of b per step.
const NR: usize = 8;
/// Depth of a packed block: a `KC × NR` panel of b (16 KiB) stays in L1 across a's panels, and
/// the cs231n forward (500 deep) is one block, stored into c with no pass adding a second.
/// 256 × 128 ran within the noise of it.
const KC: usize = 512;
/// Rows of a packed block of a (`MC × KC`, 144 KiB, L2): a multiple of both tiles' rows, so no
/// block ends in a panel padded with zero rows.
const MC: usize = 72;
/// Columns of a packed block of b (`KC × NC`, 1 MiB at most).
const NC: usize = 1024;

/// A matrix as data with row and column strides (element (i, j) at `i·rs + j·cs`).
type Strided<'a> = (&'a [f32], isize, isize);

/// The 4 × 4 transpose: lane r of result q is lane q of `rows[r]`.
#[inline(always)]
fn transpose4([v0, v1, v2, v3]: [v128; 4]) -> [v128; 4] {
    let t0 = i32x4_shuffle::<0, 4, 1, 5>(v0, v1);
    let t1 = i32x4_shuffle::<2, 6, 3, 7>(v0, v1);
    let t2 = i32x4_shuffle::<0, 4, 1, 5>(v2, v3);
    let t3 = i32x4_shuffle::<2, 6, 3, 7>(v2, v3);
    [
        i32x4_shuffle::<0, 1, 4, 5>(t0, t2),
        i32x4_shuffle::<2, 3, 6, 7>(t0, t2),
        i32x4_shuffle::<0, 1, 4, 5>(t1, t3),
        i32x4_shuffle::<2, 3, 6, 7>(t1, t3),
    ]
}

/// Packs `width` (≥ 4) lines of x, each `kc` long and contiguous, side by side:
/// `panel[p·width + w] = data[starts[w] + p]`, four values of four lines at a time through a
/// transpose; when `width` is not a multiple of four (the 6-row panels) the last four lines
/// overlap the group before, which writes the same values twice rather than packing the rest
/// one by one. The last `kc % 4` values go one by one. `panel` is `kc · width` long.
fn pack_lines(panel: &mut [f32], data: &[f32], starts: &[usize], kc: usize) {
    let width = starts.len();
    let whole = kc - kc % 4;
    for p in (0..whole).step_by(4) {
        for first in (0..width).step_by(4).map(|first| first.min(width - 4)) {
            let four = &starts[first..first + 4];
            let lines = transpose4([
                load4(&data[four[0] + p..]),
                load4(&data[four[1] + p..]),
                load4(&data[four[2] + p..]),
                load4(&data[four[3] + p..]),
            ]);
            for (r, line) in lines.into_iter().enumerate() {
                store4(&mut panel[(p + r) * width + first..], line);
            }
        }
    }
    for p in whole..kc {
        for (w, start) in starts.iter().enumerate() {
            panel[p * width + w] = data[start + p];
        }
    }
}

/// W lines of x side by side, `kc` steps deep (`panel[p·W + w]`, zero past `lines`): value (w, p)
/// is `data[(line0 + w)·line_stride + (pc + p)·step_stride]`. An a panel's lines are rows of a
/// and its steps columns (MR wide); a b panel's lines are columns of b and its steps rows (NR).
/// Where the W values of a step are contiguous they are copied as a run; where each line is, four
/// lines at a time go through a transpose.
fn pack<const W: usize>(
    panel: &mut [f32],
    (data, line_stride, step_stride): Strided,
    line0: usize,
    pc: usize,
    lines: usize,
) {
    let (line_stride, step_stride) = (line_stride as usize, step_stride as usize);
    let kc = panel.len() / W;
    if lines == W && line_stride == 1 {
        for (p, step) in panel.chunks_exact_mut(W).enumerate() {
            step.copy_from_slice(&data[(pc + p) * step_stride + line0..][..W]);
        }
    } else if lines == W && step_stride == 1 {
        let starts: [usize; W] = core::array::from_fn(|w| (line0 + w) * line_stride + pc);
        pack_lines(panel, data, &starts, kc);
    } else {
        for (p, step) in panel.chunks_exact_mut(W).enumerate() {
            for (w, value) in step.iter_mut().enumerate() {
                *value = if w < lines {
                    data[(line0 + w) * line_stride + (pc + p) * step_stride]
                } else {
                    0.0
                };
            }
        }
    }
}

/// c (`m × n`, row-major, exactly `m·n` long) = a (`m × k`) · b (`k × n`); k, m, n ≥ 1.
#[cfg_attr(feature = "relaxed-simd", target_feature(enable = "relaxed-simd"))]
pub(super) fn gemm(m: usize, k: usize, n: usize, a: Strided, b: Strided, c: &mut [f32]) {
    let mut packed_a = vec![0.0f32; MC.min(m).next_multiple_of(MR) * KC.min(k)];
    let mut packed_b = vec![0.0f32; NC.min(n).next_multiple_of(NR) * KC.min(k)];
    for jc in (0..n).step_by(NC) {
        let nc = NC.min(n - jc);
        for pc in (0..k).step_by(KC) {
            let kc = KC.min(k - pc);
            let b_panels = &mut packed_b[..nc.next_multiple_of(NR) * kc];
            for (jr, panel) in b_panels.chunks_exact_mut(NR * kc).enumerate() {
                let j0 = jc + jr * NR;
                // b's lines are its columns: its strides trade places.
                let (data, rs, cs) = b;
                pack::<NR>(panel, (data, cs, rs), j0, pc, NR.min(jc + nc - j0));
            }
            for ic in (0..m).step_by(MC) {
                let mc = MC.min(m - ic);
                let a_panels = &mut packed_a[..mc.next_multiple_of(MR) * kc];
                for (ir, panel) in a_panels.chunks_exact_mut(MR * kc).enumerate() {
                    let i0 = ic + ir * MR;
                    pack::<MR>(panel, a, i0, pc, MR.min(ic + mc - i0));
                }
                for (jr, b_panel) in b_panels.chunks_exact(NR * kc).enumerate() {
                    let j0 = jc + jr * NR;
                    let cols = NR.min(jc + nc - j0);
                    for (ir, a_panel) in a_panels.chunks_exact(MR * kc).enumerate() {
                        let i0 = ic + ir * MR;
                        let rows = MR.min(ic + mc - i0);
                        let tile = kernel(a_panel, b_panel);
                        for (i, lanes) in tile.into_iter().take(rows).enumerate() {
                            put_row(&mut c[(i0 + i) * n + j0..][..cols], lanes, pc == 0);
                        }
                    }
                }
            }
        }
    }
}

/// One row of a finished tile into c: stored from the first block of depth (so c needs no
/// clearing beforehand: one pass less over it per product), added from the later ones.
#[inline(always)]
fn put_row(row: &mut [f32], lanes: [v128; 2], first: bool) {
    if let Ok(whole) = <&mut [f32; NR]>::try_from(&mut *row) {
        // A whole row of the tile: two vector stores or adds, not eight lanes one by one.
        let (left, right) = whole.split_at_mut(4);
        if first {
            store4(left, lanes[0]);
            store4(right, lanes[1]);
        } else {
            store4(left, f32x4_add(load4(left), lanes[0]));
            store4(right, f32x4_add(load4(right), lanes[1]));
        }
        return;
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
    for (c, sum) in row.iter_mut().zip(sums) {
        *c = if first { sum } else { *c + sum };
    }
}

/// The `MR × NR` product of an a panel (`kc × MR`, column by column) and a b panel (`kc × NR`,
/// row by row), as MR rows of two `f32x4`.
#[inline(always)]
fn kernel(a: &[f32], b: &[f32]) -> [[v128; 2]; MR] {
    let mut acc = [[f32x4_splat(0.0); 2]; MR];
    for (ap, bp) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
        // SAFETY: bp is a chunk of exactly NR = 8 floats (32 bytes), so both 16-byte loads, at
        // float offsets 0 and 4, are inside it; unaligned reads, as in `load4`. Not `load4`
        // itself: its bounds check would sit in the innermost loop.
        let (b0, b1) = unsafe {
            (
                v128_load(bp.as_ptr().cast::<v128>()),
                v128_load(bp.as_ptr().add(4).cast::<v128>()),
            )
        };
        for (row, value) in acc.iter_mut().zip(ap) {
            // One value of a in all four lanes (x86: one broadcast load).
            // SAFETY: `value` is a reference to one f32, read as the 4 bytes of a u32.
            let splat = unsafe { v128_load32_splat(core::ptr::from_ref(value).cast::<u32>()) };
            row[0] = multiply_add(splat, b0, row[0]);
            row[1] = multiply_add(splat, b1, row[1]);
        }
    }
    acc
}
