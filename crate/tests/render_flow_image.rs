//! The gradient-flow chart as the page draws it: each run's heatmap is one image
//! ([`flow_rgba`]) put at the plot area the chart's axes leave, and every pixel of it has the
//! colour of the SVG rectangle (one per record and layer) that covers the same spot.

use activation_lab::render::train::flow::{self, Cells, FlowScale};
use activation_lab::render::train::PlotRect;
use activation_lab::render::Theme;
use activation_lab::train::race;
use activation_lab::train::snapshot::{RaceSnapshot, RunSnapshot};
use activation_lab::Config;
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// `name="…"` of an SVG element's text.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    element[start..].split('"').next()
}

/// Every `<rect>` as (x, y, width, height, fill).
fn rects(svg: &str) -> Vec<(f64, f64, f64, f64, String)> {
    svg.split("<rect")
        .skip(1)
        .filter_map(|chunk| {
            let element = &chunk[..chunk.find('>')?];
            let n = |name| attr(element, name)?.parse::<f64>().ok();
            Some((
                n("x")?,
                n("y")?,
                n("width")?,
                n("height")?,
                attr(element, "fill")?.to_string(),
            ))
        })
        .collect()
}

#[test]
fn each_pixel_has_the_colour_of_the_cell_under_it() -> TestResult {
    let config = Config::parse(
        "view=train&dataset=xor&hidden=4,4,4&activation=sigmoid,relu&steps=60&record-every=10",
    )?;
    let mut runs = race(&config)?;
    let snapshot = RaceSnapshot::take(&mut runs, config.target_loss);
    let theme = Theme::default();
    let mut shapes = String::new();
    {
        let area = SVGBackend::with_string(&mut shapes, (640, 480)).into_drawing_area();
        flow::draw(&area, &snapshot, &theme)?;
        area.present()?;
    }
    // The same chart with images: each run's plot area and its pixels.
    let mut images: Vec<(PlotRect, u32, Vec<u8>)> = Vec::new();
    let mut without = String::new();
    {
        let area = SVGBackend::with_string(&mut without, (640, 480)).into_drawing_area();
        let mut blit = |rect: &PlotRect, run: &RunSnapshot, scale: &FlowScale| {
            let width = (rect.right - rect.left).round() as u32;
            let height = (rect.bottom - rect.top).round() as u32;
            images.push((
                *rect,
                width,
                flow::flow_rgba(run, scale, (width, height), &theme),
            ));
            Ok(())
        };
        flow::draw_cells(&area, &snapshot, &theme, Cells::Image(&mut blit))?;
        area.present()?;
    }
    assert_eq!(images.len(), 2, "one image per run");
    let cells = rects(&shapes);
    assert!(
        rects(&without).len() + 2 * 4 * 7 <= cells.len(),
        "the image chart draws no cells"
    );
    let mut checked = 0;
    for (rect, width, pixels) in &images {
        let height = pixels.len() / 4 / *width as usize;
        for py in (0..height).step_by(7) {
            for px in (0..*width as usize).step_by(5) {
                let (x, y) = (rect.left + px as f64 + 0.5, rect.top + py as f64 + 0.5);
                // The cell rectangle under the pixel's centre, away from its edges.
                let Some((.., fill)) = cells.iter().find(|(cx, cy, w, h, _)| {
                    x > cx + 1.0
                        && x < cx + w - 1.0
                        && y > cy + 1.0
                        && y < cy + h - 1.0
                        && *h < 200.0
                }) else {
                    continue;
                };
                let p = &pixels[4 * (py * *width as usize + px)..][..3];
                let colour = format!("#{:02X}{:02X}{:02X}", p[0], p[1], p[2]);
                assert_eq!(colour, fill.to_uppercase(), "pixel ({px}, {py})");
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} pixels checked");
    Ok(())
}
