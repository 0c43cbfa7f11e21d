//! The words inside the charts follow the theme's language: with Korean every view's SVG carries
//! the Korean of each table entry it draws and none of the English; with English none of the
//! Korean. Between them the pictures below draw every entry of the table.

use activation_lab::layers::HistogramSource;
use activation_lab::render::text::{self, Key};
use activation_lab::render::train::{draw, draw_panel, flow, inside, slow_step, Panel};
use activation_lab::render::{Lang, Theme};
use activation_lab::train::snapshot::RaceSnapshot;
use activation_lab::train::{race, Trainer};
use activation_lab::{export, Config};
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use std::collections::BTreeSet;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// People and products named on charts, Latin in every language (Korean tutorials write them so).
const PROPER_NAMES: [&str; 4] = ["LeCun", "Xavier", "He", "PyTorch"];

/// Views whose charts between them use the table (small networks, few steps: words, not numbers).
const VIEWS: [&str; 11] = [
    "activation=sigmoid,tanh,relu&points=101",
    // A typed formula with a kink at 0, which the chart rings (issue #15).
    "activation=custom&formula=abs(x)&points=101",
    "view=softmax&logits=1,2,3&target=1",
    "view=layers&activation=relu&depth=6&width=16&batch=8&histograms=pre-activations",
    // Identity with std 10 overflows within 64 layers.
    "view=layers&activation=identity&init=normal&std=10&depth=64&width=64&batch=8",
    "view=train&dataset=xor&hidden=8,8&activation=relu,prelu&optimizer=adam&learning-rate=0.02&steps=100&record-every=20",
    // Five hidden layers: the dead-units key folds layers 4, 8… into one entry.
    "view=train&dataset=circles&hidden=4,4,4,4,4&activation=relu&steps=40&record-every=10",
    "view=train&dataset=sine&hidden=8,8&activation=relu&steps=60&record-every=20",
    // Learning rate 10 on sine diverges within a few steps.
    "view=train&dataset=sine&hidden=32,32&activation=relu&learning-rate=10&steps=300",
    "view=train&dataset=spiral&classes=3&hidden=8&activation=tanh&steps=40&record-every=10",
    // The phase map (issue #16), on a small grid of small networks.
    "view=phase&activation=tanh&init=xavier_normal&bias-std=0.1&phase-cells=4&phase-depth=4&phase-width=8&phase-batch=8",
];

/// The text content of every `<text>` element (plotters writes one per label, unescaped for
/// these strings).
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| {
            let body = part.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.trim().to_string())
        })
        .collect()
}

fn panel(race: &RaceSnapshot, panel: Panel, theme: &Theme) -> Result<String, Box<dyn Error>> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 480)).into_drawing_area();
        draw_panel(&area, race, panel, theme)?;
        area.present()?;
    }
    Ok(svg)
}

/// Every view above plus the notes only an empty race, a missing run or a race before its first
/// record shows; each as the texts it draws.
fn all_texts(lang: Lang) -> Result<Vec<String>, Box<dyn Error>> {
    let theme = Theme::default().with_lang(lang);
    let mut svgs = Vec::new();
    for query in VIEWS {
        svgs.push(export::svg(&Config::parse(query)?, 1200, 900, &theme)?);
    }
    let config = Config::parse("view=train&dataset=xor&hidden=4&activation=relu&steps=10")?;
    let trained = RaceSnapshot::take(&mut race(&config)?, 0.1);
    svgs.push(panel(&trained, Panel::Surface(3), &theme)?);
    // The layer-distributions panel (issue #14), drawn only on the page.
    svgs.push(panel(&trained, Panel::Distributions, &theme)?);
    let mut fresh = config
        .train_specs()?
        .into_iter()
        .map(Trainer::new)
        .collect::<Result<Vec<_>, _>>()?;
    let fresh = RaceSnapshot::take(&mut fresh, 0.1);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 480)).into_drawing_area();
        flow::draw(&area, &fresh, &theme)?;
        area.present()?;
    }
    svgs.push(svg);
    svgs.push(panel(&fresh, Panel::Loss, &theme)?);
    // One step in slow motion (issue #14), at its last stage, where every column has words.
    let mut run = Trainer::new(config.train_specs()?.remove(0))?;
    let step = run.step_slowly(10).ok_or("no slow step")?;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (900, 480)).into_drawing_area();
        slow_step::draw(&area, &step, usize::MAX, 0, &theme)?;
        area.present()?;
    }
    svgs.push(svg);
    // Inside each layer over training (issue #14): the small multiples of a, ẑ and δ, their note
    // when a record kept no histograms, and the per-layer lines.
    let mut watched = Trainer::watched(config.train_specs()?.remove(0), true)?;
    watched.run(10, 10);
    let layers = watched.history.layers.last().cloned().ok_or("no record")?;
    let shot = RaceSnapshot::take(&mut [watched], 0.1);
    let run = &shot.runs[0];
    for (source, layers) in [
        (HistogramSource::Activations, &layers),
        (HistogramSource::PreActivations, &layers),
        (HistogramSource::Deltas, &layers),
        (HistogramSource::Deltas, &Vec::new()),
    ] {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (900, 480)).into_drawing_area();
            inside::small_multiples(&area, run, layers, 10, source, &theme)?;
            area.present()?;
        }
        svgs.push(svg);
    }
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (900, 480)).into_drawing_area();
        inside::layer_lines(&area, &shot, 0, &theme)?;
        area.present()?;
    }
    svgs.push(svg);
    let empty = RaceSnapshot {
        target_loss: 0.1,
        runs: Vec::new(),
    };
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1200, 900)).into_drawing_area();
        draw(&area, &empty, &theme)?;
        area.present()?;
    }
    svgs.push(svg);
    Ok(svgs.iter().flat_map(|svg| texts(svg)).collect())
}

/// The literal pieces of a template between its `{placeholders}`, trimmed, that hold a letter.
fn fragments(template: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        pieces.push(&rest[..open]);
        rest = rest[open..].split_once('}').map_or("", |(_, after)| after);
    }
    pieces.push(rest);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect()
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn korean_charts_draw_every_entry_in_korean_and_none_in_english() -> TestResult {
    let drawn = all_texts(Lang::Ko)?;
    let all = drawn.join("\n");
    for key in Key::ALL {
        for piece in fragments(text::text(Lang::Ko, key)) {
            assert!(
                all.contains(piece),
                "{key:?}: \"{piece}\" is not in any Korean chart"
            );
        }
        for piece in fragments(text::text(Lang::En, key)) {
            // Proper names (the phase map's initialiser marks) stay Latin in both languages.
            if piece
                .split(|c: char| !c.is_ascii_alphabetic())
                .all(|w| w.is_empty() || PROPER_NAMES.contains(&w))
            {
                continue;
            }
            // Whole words only: "out" must not match inside a function name.
            let word = |t: &String| {
                t.match_indices(piece).any(|(i, _)| {
                    let before = t[..i].chars().next_back();
                    let after = t[i + piece.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
            };
            let found: Vec<&String> = drawn.iter().filter(|t| word(t)).collect();
            assert!(
                found.is_empty(),
                "{key:?}: English \"{piece}\" drawn in Korean charts: {found:?}"
            );
        }
    }
    // The words left in Latin letters are names and notation, never table English.
    let latin: BTreeSet<&str> = drawn
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() > 1)
        .collect();
    let names = [
        "relu", "prelu", "sigmoid", "tanh", "identity", "normal", "std", "swish", "apl", "sine",
        // fan and in: the notation fan_in.
        "log", "softmax", "slope", "fan", "in", "custom",
        // rms: root mean square, notation like log.
        "rms",
    ];
    let unexpected: Vec<&&str> = latin
        .iter()
        .filter(|w| !names.contains(w) && !PROPER_NAMES.contains(w))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    Ok(())
}

#[test]
fn english_charts_draw_every_entry_in_english_and_no_korean() -> TestResult {
    let drawn = all_texts(Lang::En)?;
    let all = drawn.join("\n");
    for key in Key::ALL {
        for piece in fragments(text::text(Lang::En, key)) {
            assert!(all.contains(piece), "{key:?}: \"{piece}\" is not drawn");
        }
    }
    let korean: Vec<&String> = drawn.iter().filter(|t| has_hangul(t)).collect();
    assert!(korean.is_empty(), "{korean:?}");
    Ok(())
}

#[test]
fn the_font_names_a_korean_face_only_for_korean() -> TestResult {
    let config = Config::parse("view=softmax")?;
    let en = export::svg(&config, 500, 300, &Theme::default())?;
    let ko = export::svg(
        &config,
        500,
        300,
        &Theme::new(2.0, true).with_lang(Lang::Ko),
    )?;
    assert!(en.contains("font-family=\"sans-serif\"") && !en.contains("Noto Sans KR"));
    assert!(ko.contains("font-family=\"Noto Sans KR,") && ko.contains("클래스 0 (정답)"));
    // Language is only words: the same bars in the same places.
    let shapes = |svg: &str| svg.lines().filter(|l| l.starts_with("<rect")).count();
    assert_eq!(shapes(&en), shapes(&ko));
    Ok(())
}
