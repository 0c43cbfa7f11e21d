//! The lesson presets are canonical queries of valid configs, so a preset button writes exactly
//! its query into the link.

use activation_lab::config::View;
use activation_lab::train::presets::PRESETS;
use activation_lab::Config;

#[test]
fn every_preset_is_a_valid_canonical_train_query() -> Result<(), String> {
    for preset in PRESETS {
        let config = Config::parse(preset.query).map_err(|e| format!("{}: {e}", preset.id))?;
        assert_eq!(config.view, View::Train, "{}", preset.id);
        assert_eq!(
            config.to_query(),
            preset.query,
            "{} is not canonical",
            preset.id
        );
    }
    let mut ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), PRESETS.len(), "preset ids are unique");
    Ok(())
}
