//! How a `Config` field's type reads its value from text and writes it back: one [`Field`]
//! implementation per type (numbers, integers, booleans, lists, activation names, and each
//! domain word through its own name list), so a key-table row only names its field.

use super::grammar::ValueKind;
use crate::activation::formula::{parse_params, Formula};
use crate::activation::Kind;
use crate::error::Error;
use crate::init::Scheme;
use crate::input::Input;
use crate::layers::HistogramSource;
use crate::names::Named;
use crate::norm::Norm;
use crate::train::dataset::Dataset;
use crate::train::learned::Learned;
use crate::train::optimizer::Optimizer;
use crate::train::PanelName;
use crate::view::View;
use std::sync::Arc;

/// The catalogue's kind named `name` (canonical or alias, ignoring ASCII case).
fn activation(name: &str) -> Option<Kind> {
    Kind::ALL
        .iter()
        .chain([Kind::Custom].iter())
        .map(|kind| (kind.name(), *kind))
        .chain(Kind::ALIASES.iter().copied())
        .find(|(text, _)| text.eq_ignore_ascii_case(name))
        .map(|(_, kind)| kind)
}

/// A type a `Config` field can hold: how text of the key's kind becomes it, and its canonical
/// text. `Option<T>` is a value that may be unset (it then reads as `None`).
pub trait Field: Sized {
    /// Parses `text` (already trimmed) as key `key` of kind `kind`.
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error>;

    /// The canonical text, or `None` when there is nothing to write.
    fn text(&self) -> Option<String>;
}

fn join<T: ToString>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Field for f64 {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        kind.number(key, text)
    }

    fn text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Field for usize {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        kind.integer(key, text)
    }

    fn text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Field for u64 {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        kind.integer(key, text).map(|n| n as u64)
    }

    fn text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Field for bool {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(kind.unknown_name(key, text)),
        }
    }

    fn text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Field for Vec<f64> {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        kind.items(key, text)?
            .into_iter()
            .map(|item| kind.number(key, item))
            .collect()
    }

    fn text(&self) -> Option<String> {
        Some(join(self))
    }
}

/// A list of integers, where an entry may also be a repeat `units x count` (`16x20`: 20 layers
/// of 16), so a deep network's `hidden` is short to type; the expanded list is held to the
/// kind's length bounds.
impl Field for Vec<usize> {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        let max_len = match *kind {
            ValueKind::IntegerList { max_len, .. } => max_len,
            _ => 1,
        };
        let mut values = Vec::new();
        for item in kind.items(key, text)? {
            let Some((units, count)) = item.split_once(['x', 'X']) else {
                values.push(kind.integer(key, item)?);
                continue;
            };
            let repeat = || Error::RepeatForm {
                key,
                value: item.to_string(),
                max: max_len,
            };
            let units = units.trim();
            let count: usize = count.trim().parse().map_err(|_| repeat())?;
            if units.is_empty() || count == 0 {
                return Err(repeat());
            }
            let units = kind.integer(key, units)?;
            if values.len().saturating_add(count) > max_len {
                return Err(kind.list_length(key, values.len().saturating_add(count)));
            }
            values.extend(std::iter::repeat_n(units, count));
        }
        Ok(values)
    }

    /// Lists of at most [`SHORT_LIST`] entries as they always were (`8,8`); a longer one with
    /// each run of equal entries as a repeat (`2,16x20`), so a deep network's link stays short.
    fn text(&self) -> Option<String> {
        if self.len() <= SHORT_LIST {
            return Some(join(self));
        }
        let mut runs: Vec<String> = Vec::new();
        let mut rest = &self[..];
        while let Some(&first) = rest.first() {
            let run = rest.iter().take_while(|v| **v == first).count();
            runs.push(if run > 1 {
                format!("{first}x{run}")
            } else {
                first.to_string()
            });
            rest = &rest[run..];
        }
        Some(runs.join(","))
    }
}

/// The longest integer list written entry by entry (the most hidden layers before repeats).
const SHORT_LIST: usize = 8;

/// Activation names, resolved through the catalogue's names and aliases, each once unless the
/// kind allows repeats. An empty list (only `layer-activations` may be empty) writes nothing.
impl Field for Vec<Kind> {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        let repeats = matches!(kind, ValueKind::Names { repeats: true, .. });
        let mut kinds: Vec<Kind> = Vec::new();
        for name in kind.items(key, text)? {
            let found = activation(name).ok_or_else(|| kind.unknown_name(key, name))?;
            if kinds.contains(&found) && !repeats {
                return Err(Error::RepeatedName {
                    key,
                    name: found.name(),
                });
            }
            kinds.push(found);
        }
        Ok(kinds)
    }

    fn text(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.iter().map(|k| k.name()).collect::<Vec<_>>().join(","))
    }
}

/// A widget's panels, each named once, written in the order listed.
impl Field for Vec<PanelName> {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        let mut panels: Vec<PanelName> = Vec::new();
        for name in kind.items(key, text)? {
            let found = PanelName::from_name(name).map_err(|unknown| Error::UnknownName {
                key,
                value: unknown.value,
                valid: unknown.valid,
            })?;
            if panels.contains(&found) {
                return Err(Error::RepeatedName {
                    key,
                    name: found.name(),
                });
            }
            panels.push(found);
        }
        Ok(panels)
    }

    fn text(&self) -> Option<String> {
        Some(self.iter().map(|p| p.name()).collect::<Vec<_>>().join(","))
    }
}

impl<T: Field> Field for Option<T> {
    fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
        T::parse(text, key, kind).map(Some)
    }

    fn text(&self) -> Option<String> {
        self.as_ref().and_then(T::text)
    }
}

/// A domain word is read by its own name list (what its `FromStr` does), with the key named in
/// the error, and written as its canonical name.
fn parse_named<T: Named>(text: &str, key: &'static str, kind: &ValueKind) -> Result<T, Error> {
    let [name] = kind.items(key, text)?[..] else {
        return Err(kind.unknown_name(key, text));
    };
    T::from_name(name).map_err(|unknown| Error::UnknownName {
        key,
        value: unknown.value,
        valid: unknown.valid,
    })
}

/// Every domain word a key takes. (One blanket impl over `Named` is not allowed now that the
/// words live in the core crate: Rust cannot rule out the core implementing `Named` for `f64`.)
macro_rules! named_fields {
    ($($word:ty),+) => {$(
        impl Field for $word {
            fn parse(text: &str, key: &'static str, kind: &ValueKind) -> Result<Self, Error> {
                parse_named(text, key, kind)
            }

            fn text(&self) -> Option<String> {
                Some(self.name().to_string())
            }
        }
    )+};
}

named_fields!(
    View,
    Scheme,
    Input,
    Norm,
    HistogramSource,
    Learned,
    Optimizer,
    Dataset
);

/// A typed formula: parsed, differentiated and compiled when set, so a bad one is refused at the
/// edge with its sentence; an empty value unsets it. The first-chart module reads none: a custom
/// activation there has no formula, so its chart is left to the whole module, and the parser,
/// differentiator and compiler (7 KB of the first-chart module on the wire) stay out of it.
impl Field for Option<Arc<Formula>> {
    fn parse(text: &str, _: &'static str, _: &ValueKind) -> Result<Self, Error> {
        if text.is_empty() || crate::features::FIRST_CHART_ONLY {
            return Ok(None);
        }
        Formula::new(text)
            .map(|formula| Some(Arc::new(formula)))
            .map_err(|problem| Error::Formula { problem })
    }

    fn text(&self) -> Option<String> {
        self.as_ref().map(|formula| formula.source().to_string())
    }
}

/// The formula's parameters' values, `k:1.5,a:2`.
impl Field for Vec<(char, f64)> {
    fn parse(text: &str, _: &'static str, _: &ValueKind) -> Result<Self, Error> {
        parse_params(text).map_err(|problem| Error::Formula { problem })
    }

    fn text(&self) -> Option<String> {
        (!self.is_empty()).then(|| {
            self.iter()
                .map(|(letter, value)| format!("{letter}:{value}"))
                .collect::<Vec<_>>()
                .join(",")
        })
    }
}
