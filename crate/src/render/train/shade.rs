//! The decision surface's colours: each prediction's shade of its class colour, and the dense
//! picture the page blits under the surface chart as one RGBA buffer (like wasm-bindgen's
//! julia_set), interpolated from the snapshot's grid so a frame costs a table lookup per pixel
//! and no network evaluation.

use crate::render::{Theme, PALETTE};
use crate::train::snapshot::Surface;
use plotters::prelude::*;

/// How much of a class colour a fully confident cell gets; the rest is the background, so the
/// points drawn on top keep their contrast.
const STRENGTH: f64 = 0.5;

/// `a` moved towards `b` by `t` ∈ [0, 1].
fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// Steps of shade between the background and a class's strongest colour.
const LEVELS: usize = 256;

/// Each class's shades from the background (level 0) to [`STRENGTH`] of its colour, so a pixel's
/// colour is a table lookup (the buffer has a few hundred thousand pixels per frame).
pub(super) struct Shades {
    background: RGBColor,
    tables: Vec<Vec<RGBColor>>,
}

impl Shades {
    pub(super) fn new(background: RGBColor) -> Shades {
        let tables = PALETTE
            .iter()
            .map(|colour| {
                (0..LEVELS)
                    .map(|level| {
                        let t = STRENGTH * level as f64 / (LEVELS - 1) as f64;
                        mix(background, *colour, t)
                    })
                    .collect()
            })
            .collect();
        Shades { background, tables }
    }

    /// Class `class`'s shade at confidence `t` ∈ [0, 1] (NaN: the background).
    fn shade(&self, class: usize, t: f64) -> RGBColor {
        if !t.is_finite() {
            return self.background;
        }
        // + ½ and truncate: rounds as t ≥ 0, without a libm call per pixel.
        let level = (t.clamp(0.0, 1.0) * (LEVELS - 1) as f64 + 0.5) as usize;
        self.tables
            .get(class % PALETTE.len())
            .and_then(|table| table.get(level))
            .copied()
            .unwrap_or(self.background)
    }

    /// The colour of one prediction: binary diverges from PALETTE[0] (p = 0) through the
    /// background (p = ½) to PALETTE[1] (p = 1); multi-class takes the winning class's colour,
    /// as strong as its lead over a uniform guess.
    pub(super) fn of(&self, prediction: &[f32]) -> RGBColor {
        match prediction {
            [] => self.background,
            [p] => {
                let p = f64::from(*p);
                self.shade(usize::from(p > 0.5), (2.0 * p - 1.0).abs())
            }
            probabilities => {
                let (class, p) = probabilities.iter().enumerate().fold(
                    (0, f32::NEG_INFINITY),
                    |best, (i, p)| if *p > best.1 { (i, *p) } else { best },
                );
                let uniform = 1.0 / probabilities.len() as f64;
                self.shade(class, (f64::from(p) - uniform) / (1.0 - uniform))
            }
        }
    }
}

/// The decision surface as `width × height` RGBA pixels (row 0 at the top, y decreasing, the
/// same [`DOMAIN`](crate::train::DOMAIN)² the chart's plot area spans), interpolated
/// bilinearly from the snapshot's grid of predictions. Opaque; blank (the background) for regression, whose surface is the
/// fitted curve the chart draws, and for a grid that is not whole.
pub fn surface_rgba(surface: &Surface, width: u32, height: u32, dark: bool) -> Vec<u8> {
    let background = Theme::new(1.0, dark).background();
    let (w, h) = (width as usize, height as usize);
    let blank = || [background.0, background.1, background.2, 255].repeat(w * h);
    let Some((n, k, grid)) = surface.grid() else {
        return blank();
    };
    if w == 0 || h == 0 {
        return blank();
    }
    // A pixel centre in grid coordinates: cell centres sit at integers 0..n−1.
    let to_grid = |pixel: usize, size: usize| {
        ((pixel as f64 + 0.5) / size as f64 * n as f64 - 0.5).clamp(0.0, (n - 1) as f64)
    };
    let columns: Vec<(usize, usize, f32)> = (0..w)
        .map(|x| {
            let g = to_grid(x, w);
            let lo = g.floor() as usize;
            (lo, (lo + 1).min(n - 1), (g - lo as f64) as f32)
        })
        .collect();
    let mut pixels = Vec::with_capacity(w * h * 4);
    // Interpolate down the columns once per pixel row (n·k values), then along the row per
    // pixel (k values): a quarter of the work of four-corner lookups at every pixel.
    let shades = Shades::new(background);
    let mut row = vec![0.0f32; n * k];
    let mut prediction = vec![0.0f32; k];
    for y in 0..h {
        let g = to_grid(y, h);
        let (r0, t) = (g.floor() as usize, (g - g.floor()) as f32);
        let r1 = (r0 + 1).min(n - 1);
        let (upper, lower) = (&grid[r0 * n * k..][..n * k], &grid[r1 * n * k..][..n * k]);
        for ((value, a), b) in row.iter_mut().zip(upper).zip(lower) {
            *value = a + (b - a) * t;
        }
        for &(c0, c1, s) in &columns {
            let (left, right) = (&row[c0 * k..][..k], &row[c1 * k..][..k]);
            for ((value, a), b) in prediction.iter_mut().zip(left).zip(right) {
                *value = a + (b - a) * s;
            }
            let colour = shades.of(&prediction);
            pixels.extend_from_slice(&[colour.0, colour.1, colour.2, 255]);
        }
    }
    pixels
}
