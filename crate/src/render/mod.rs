//! Charts, written once and generic over plotters' `DrawingBackend`: the browser hands them a
//! canvas backend, the CLI and the tests an SVG one.
//!
//! Every chart is a function of plain data (a [`crate::readout::Curve`], probabilities…) and a
//! [`Theme`]; none of them sees the configuration or the page.

pub mod curves;
pub mod layers;
pub mod phase;
pub mod softmax;
pub mod svg;
pub mod text;
pub mod train;

pub use text::Lang;

use crate::error::Error;
use plotters::chart::{ChartContext, SeriesLabelPosition};
use plotters::coord::CoordTranslate;
use plotters::prelude::*;

/// Okabe & Ito's colour-blind-safe palette (blue, vermillion, bluish green, reddish purple,
/// orange, sky blue), in the order series are assigned.
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
];

/// Sizes and colours, scaled by the device pixel ratio so a 2× canvas gets 2× fonts and lines;
/// and the language of the words drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Light text on a dark background.
    pub dark: bool,
    /// The language of titles, axis names, legends and notes.
    pub lang: Lang,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            dpr: 1.0,
            dark: false,
            lang: Lang::En,
        }
    }
}

impl Theme {
    /// A theme for this device pixel ratio; unusable ratios (NaN, ≤ 0, absurd) fall back to 1.
    pub fn new(dpr: f64, dark: bool) -> Theme {
        let dpr = if dpr.is_finite() && (0.25..=8.0).contains(&dpr) {
            dpr
        } else {
            1.0
        };
        Theme {
            dpr,
            dark,
            lang: Lang::En,
        }
    }

    /// This theme with its words in `lang`.
    pub fn with_lang(self, lang: Lang) -> Theme {
        Theme { lang, ..self }
    }

    /// A chart string in the theme's language (see [`text`]).
    pub fn text(&self, key: text::Key) -> &'static str {
        text::text(self.lang, key)
    }

    /// A chart string in the theme's language with its `{name}` placeholders filled.
    pub fn fill(&self, key: text::Key, vars: &[(&str, &str)]) -> String {
        text::fill(self.lang, key, vars)
    }

    /// The CSS font family of chart text, one with the language's glyphs first.
    pub fn font_family(&self) -> &'static str {
        self.lang.font_family()
    }

    /// A length in CSS pixels, in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.dpr).round().max(1.0) as u32
    }

    /// Font size in device pixels for a CSS size.
    pub fn font(&self, css: f64) -> f64 {
        css * self.dpr
    }

    /// Background colour.
    pub fn background(&self) -> RGBColor {
        if self.dark {
            RGBColor(0x1e, 0x1e, 0x24)
        } else {
            RGBColor(0xff, 0xff, 0xff)
        }
    }

    /// Text and axis colour.
    pub fn foreground(&self) -> RGBColor {
        if self.dark {
            RGBColor(0xe8, 0xe8, 0xec)
        } else {
            RGBColor(0x22, 0x22, 0x28)
        }
    }

    /// Grid-line and shading colour.
    pub fn muted(&self) -> RGBColor {
        if self.dark {
            RGBColor(0x55, 0x55, 0x60)
        } else {
            RGBColor(0xbb, 0xbb, 0xc4)
        }
    }

    /// The colour of the i-th series.
    pub fn series(&self, i: usize) -> RGBColor {
        PALETTE[i % PALETTE.len()]
    }
}

/// Where the plotting area landed, in backend pixels: the page maps mouse x to data x with it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    /// Left edge (pixels) and the x value there.
    pub left: f64,
    /// Right edge (pixels) and the x value there.
    pub right: f64,
    /// Top edge (pixels).
    pub top: f64,
    /// Bottom edge (pixels).
    pub bottom: f64,
}

/// Wraps a backend error into the core's error, keeping its message.
pub fn drawing_error<E: std::error::Error + Send + Sync>(
    error: plotters::drawing::DrawingAreaErrorKind<E>,
) -> Error {
    Error::Drawing {
        message: error.to_string(),
    }
}

/// The (min, max) of finite values, padded by 8 % so curves do not touch the frame.
pub fn padded_range<'a>(values: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let span = (hi - lo).max(1e-9);
    (lo - 0.08 * span, hi + 0.08 * span)
}

/// Draws the series legend in the theme's colours, at `position`, in `font_size` CSS pixels.
pub fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    font_size: f64,
    theme: &Theme,
) -> Result<(), Error>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    let text = theme.foreground();
    chart
        .configure_series_labels()
        .position(position)
        .background_style(theme.background().mix(0.85))
        .border_style(theme.muted())
        .label_font(
            (theme.font_family(), theme.font(font_size))
                .into_font()
                .color(&text),
        )
        .draw()
        .map_err(drawing_error)
}
