//! The lesson presets are canonical queries of valid configs, so a preset button writes exactly
//! its query into the link.

use activation_lab::config::View;
use activation_lab::train::presets::PRESETS;
use activation_lab::Config;

#[test]
fn every_preset_is_a_valid_canonical_train_query() -> Result<(), String> {
    for preset in PRESETS {
        for query in std::iter::once(preset.query).chain(preset.contrast) {
            let config = Config::parse(query).map_err(|e| format!("{}: {e}", preset.id))?;
            assert_eq!(config.view, View::Train, "{}", preset.id);
            assert_eq!(config.to_query(), query, "{} is not canonical", preset.id);
        }
    }
    let mut ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), PRESETS.len(), "preset ids are unique");
    Ok(())
}

/// The numbers a text quotes (`55`, `0.25`, `2012`), in order of appearance.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            out.push(current.trim_end_matches('.').to_string());
            current.clear();
        }
    }
    out.sort();
    out
}

#[test]
fn every_preset_reads_in_korean_and_quotes_the_same_figures() {
    let hangul = |text: &str| text.chars().any(|c| ('가'..='힣').contains(&c));
    for preset in PRESETS {
        for (field, text) in [("title", preset.title), ("claim", preset.claim)] {
            assert!(
                hangul(text.ko),
                "{} {field} has no Korean: {}",
                preset.id,
                text.ko
            );
            // A translation may reorder a sentence but not change what it quotes: the figures
            // (55 %, f′ ≤ 0.25, 2012, 6×) are the same set in both languages.
            assert_eq!(numbers(text.en), numbers(text.ko), "{} {field}", preset.id);
        }
    }
}
