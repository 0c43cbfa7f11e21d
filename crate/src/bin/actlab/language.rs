//! The language of the CLI's sentences: `--lang en|ko` anywhere on the command line, else the
//! locale (the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty, as POSIX orders
//! them), Korean when it starts with `ko`. Chosen once, before the command runs, so every error
//! on the way out speaks the same language.

use activation_lab::render::Lang;
use std::sync::OnceLock;

static LANGUAGE: OnceLock<Lang> = OnceLock::new();

/// The language chosen for this run (English until [`choose`] has run).
pub fn current() -> Lang {
    LANGUAGE.get().copied().unwrap_or_default()
}

/// One sentence in the current language, from its English and Korean wordings.
pub fn said(english: String, korean: String) -> String {
    match current() {
        Lang::En => english,
        Lang::Ko => korean,
    }
}

/// The language a locale value names: Korean for `ko`, `ko_KR.UTF-8`, `ko-KR`, else English
/// (`C`, `POSIX`, `en_US.UTF-8` and every language the CLI does not speak).
pub fn from_locale(value: &str) -> Lang {
    if value.to_ascii_lowercase().starts_with("ko") {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// Takes `--lang X` / `--lang=X` out of `arguments` and fixes the run's language from it or
/// from the locale; `--lang` naming another language is an error (in the locale's language).
pub fn choose(arguments: &mut Vec<String>) -> Result<(), activation_lab::Error> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .map_or(Lang::En, |value| from_locale(&value));
    let mut given = None;
    let mut i = 0;
    while i < arguments.len() {
        if let Some(value) = arguments[i].strip_prefix("--lang=") {
            given = Some(value.to_string());
            arguments.remove(i);
        } else if arguments[i] == "--lang" && i + 1 < arguments.len() {
            given = Some(arguments.remove(i + 1));
            arguments.remove(i);
        } else {
            i += 1;
        }
    }
    // A `--lang` naming another language is said in the locale's language.
    let chosen = given.as_deref().map(Lang::parse).transpose();
    let _ = LANGUAGE.set(match chosen {
        Ok(Some(lang)) => lang,
        _ => locale,
    });
    chosen.map(|_| ())
}
