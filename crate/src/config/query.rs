//! The text formats of a config: a query (`activation=tanh&x-max=8`, as the URL hash and the
//! widget's attributes give it), a JSON object of the same keys, and the canonical query back.

use super::{Config, Key, KEYS};
use crate::error::Error;

/// Decodes `%XX` escapes and `+` (a browser may escape a hash it was given).
fn percent_decode(text: &str) -> Result<String, Error> {
    let malformed = || Error::Malformed {
        fragment: text.to_string(),
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3).ok_or_else(malformed)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| malformed())?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| malformed())
}

/// Escapes what a query value cannot carry as itself (`+` reads as a space, `&`, `=`, `#`, `%`,
/// spaces, `^`, anything outside ASCII), so a typed formula opens the same from a shared link;
/// the characters other keys' values use (letters, digits, `-_.,:`) stay as they are.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.,:*()!~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Most characters of a link that are read: every key at a long value fits many times over.
pub const MAX_LINK_CHARS: usize = 8192;
/// Most `key=value` pairs of a link that are read (a key counts once, its last value).
pub const MAX_LINK_PAIRS: usize = 200;

/// Splits `key=value&key=value` (a leading `#` or `?` is ignored) into decoded pairs. A link past
/// [`MAX_LINK_CHARS`] or [`MAX_LINK_PAIRS`] is read that far, and the error says so first.
pub fn split_query(query: &str) -> Vec<Result<(String, String), Error>> {
    let query = query.trim().trim_start_matches(['#', '?']);
    let mut out = Vec::new();
    let chars = query.chars().count();
    let query = match query.char_indices().nth(MAX_LINK_CHARS) {
        Some((cut, _)) => {
            out.push(Err(Error::LinkTooLong {
                unit: "characters",
                got: chars,
                max: MAX_LINK_CHARS,
            }));
            // Up to the last whole pair before the cut, so no pair is read half.
            &query[..query[..cut].rfind('&').unwrap_or(0)]
        }
        None => query,
    };
    let pairs = query.split('&').filter(|pair| !pair.is_empty()).count();
    if pairs > MAX_LINK_PAIRS {
        out.push(Err(Error::LinkTooLong {
            unit: "pairs",
            got: pairs,
            max: MAX_LINK_PAIRS,
        }));
    }
    out.extend(split_pairs(query).take(MAX_LINK_PAIRS));
    out
}

/// The decoded pairs of a query, in order.
fn split_pairs(query: &str) -> impl Iterator<Item = Result<(String, String), Error>> + '_ {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .filter(|(key, _)| !key.is_empty())
                .ok_or_else(|| Error::Malformed {
                    fragment: pair.to_string(),
                })?;
            Ok((percent_decode(key)?, percent_decode(value)?))
        })
}

/// Keeps only the last pair of each key, where it stands: a link that repeats a key means its
/// last value (as `URLSearchParams.set` would leave it), and what follows handles each key once,
/// so a link of a thousand repeats costs what a link of one does (recovering from a bad
/// combination replays the pairs, which would otherwise grow with the cube of their count).
fn last_value_wins(
    pairs: Vec<Result<(String, String), Error>>,
) -> Vec<Result<(String, String), Error>> {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<_> = pairs
        .into_iter()
        .rev()
        .filter(|pair| match pair {
            Ok((key, _)) => seen.insert(key.clone()),
            Err(_) => true,
        })
        .collect();
    kept.reverse();
    kept
}

impl Config {
    /// Looks a key up in the table.
    pub fn key(name: &str) -> Result<&'static Key, Error> {
        KEYS.iter()
            .find(|k| k.name == name)
            .ok_or_else(|| Error::UnknownKey {
                key: name.to_string(),
                valid: KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", "),
            })
    }

    /// Parses a query (`activation=tanh&x-max=8`) strictly: the first bad pair is the error.
    pub fn parse(query: &str) -> Result<Config, Error> {
        let mut config = Config::default();
        for pair in last_value_wins(split_query(query)) {
            let (key, value) = pair?;
            Config::key(&key)?.set(&mut config, &value)?;
        }
        config.validate()?;
        Ok(config)
    }

    /// Parses as much of a query as is valid and returns the errors of the rest, so a link with
    /// one bad value still opens with everything else it says.
    pub fn parse_lenient(query: &str) -> (Config, Vec<Error>) {
        Config::parse_lenient_pairs(split_query(query))
    }

    /// [`Config::parse_lenient`] of pairs already split and decoded, as a widget's attributes
    /// are: they are not a link, so no link limit applies (their number is the element's).
    pub fn parse_lenient_pairs(
        pairs: Vec<Result<(String, String), Error>>,
    ) -> (Config, Vec<Error>) {
        let mut config = Config::default();
        let mut errors = Vec::new();
        let mut applied: Vec<(String, String)> = Vec::new();
        for pair in last_value_wins(pairs) {
            let result = pair.and_then(|(key, value)| {
                let mut trial = config.clone();
                Config::key(&key)?.set(&mut trial, &value)?;
                applied.push((key, value));
                config = trial;
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        }
        // A combination can be invalid where each pair was fine (x-min above x-max): drop the
        // latest pair whose removal makes the rest consistent (x-max=1 in
        // "x-min=2&x-max=1&depth=3", not the innocent depth=3 after it), or, if no single pair
        // does, the latest pair; repeat until what remains is consistent. Only pairs of the
        // keys the rule is about are candidates (a budget's factors, not `view` or `steps`), and
        // each rule is said once, as the link broke it, however many pairs it takes.
        let replay = |pairs: &[(String, String)], skip: Option<usize>| {
            let mut config = Config::default();
            for (i, (key, value)) in pairs.iter().enumerate() {
                if let (true, Ok(key)) = (Some(i) != skip, Config::key(key)) {
                    let _ = key.set(&mut config, value);
                }
            }
            config
        };
        while let Err(error) = config.validate() {
            let involved: Vec<usize> = {
                let keys = error.keys();
                let of_rule: Vec<usize> = (0..applied.len())
                    .filter(|&i| keys.contains(&applied[i].0.as_str()))
                    .collect();
                if of_rule.is_empty() {
                    (0..applied.len()).collect()
                } else {
                    of_rule
                }
            };
            if !errors
                .iter()
                .any(|said: &Error| said.kind() == error.kind())
            {
                errors.push(error);
            }
            let Some(&latest) = involved.last() else {
                config = Config::default();
                break;
            };
            let culprit = involved
                .iter()
                .rev()
                .copied()
                .find(|&i| replay(&applied, Some(i)).validate().is_ok())
                .unwrap_or(latest);
            applied.remove(culprit);
            config = replay(&applied, None);
        }
        (config, errors)
    }

    /// Reads a JSON object of the same keys: strings, numbers, booleans or arrays of them.
    pub fn from_json(text: &str) -> Result<Config, Error> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::Malformed {
                fragment: format!("JSON: {e}"),
            })?;
        let object = value.as_object().ok_or_else(|| Error::Malformed {
            fragment: "JSON: the config must be an object of key: value".into(),
        })?;
        let mut config = Config::default();
        for (key, value) in object {
            Config::key(key)?.set(&mut config, &json_to_text(value))?;
        }
        config.validate()?;
        Ok(config)
    }

    /// Sets one key from text, keeping the old state if the result would be invalid.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), Error> {
        let mut trial = self.clone();
        Config::key(key)?.set(&mut trial, value)?;
        trial.validate()?;
        *self = trial;
        Ok(())
    }

    /// The current value of a key as text (`""` for an unset activation parameter).
    pub fn get(&self, key: &str) -> Result<String, Error> {
        Ok(Config::key(key)?.value_in_effect(self))
    }

    /// The canonical query: only keys that differ from the defaults, in table order.
    pub fn to_query(&self) -> String {
        let default = Config::default();
        KEYS.iter()
            .filter_map(|k| {
                let value = (k.get)(self)?;
                ((k.get)(&default).as_deref() != Some(value.as_str()))
                    .then(|| format!("{}={}", k.name, percent_encode(&value)))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn json_to_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(json_to_text).collect::<Vec<_>>().join(",")
        }
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
