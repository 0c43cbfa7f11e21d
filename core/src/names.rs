//! Closed sets of names: a domain word (a view, an initialiser, a dataset, an optimiser…) is an
//! enum, parsed once from its name at the edge and compared as a value everywhere after.
//!
//! [`named!`] declares such an enum with its names in one place and gives it `ALL`,
//! `name()`, `Display` and a case-insensitive `FromStr` (egui's `Anchor` reads URL fragments the
//! same way), so `#view=Layers` opens the layers view and the canonical name is written back.

use std::fmt;

/// A domain word with a fixed list of names: what the config needs to offer and parse it.
pub trait Named: Copy + 'static {
    /// Every value, in the order the page lists them.
    const ALL: &'static [Self];

    /// The canonical name (lowercase, as the URL hash and the CLI write it).
    fn name(self) -> &'static str;

    /// Every canonical name, in [`Named::ALL`]'s order.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|value| value.name()).collect()
    }

    /// The value whose name is `text`, ignoring ASCII case.
    fn from_name(text: &str) -> Result<Self, UnknownName> {
        position(&Self::names(), text).map(|at| Self::ALL[at])
    }
}

/// Where `text` is among `names`, ignoring ASCII case. Not generic, so the module holds the
/// search and the error once, not once per enum.
fn position(names: &[&'static str], text: &str) -> Result<usize, UnknownName> {
    names
        .iter()
        .position(|name| name.eq_ignore_ascii_case(text))
        .ok_or_else(|| UnknownName {
            value: text.to_string(),
            valid: names.join(", "),
        })
}

/// A name that is not in the list: the text as given and the valid names, so the caller can
/// say which key it was for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// The text that matched no name.
    pub value: String,
    /// The valid names, comma-separated, in list order.
    pub valid: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown name \"{}\" (expected one of: {})",
            self.value, self.valid
        )
    }
}

impl std::error::Error for UnknownName {}

/// Declares a fieldless enum whose variants each have one name, with `ALL`, `name()`,
/// `Display`, a case-insensitive `FromStr` and [`Named`]. Exported so the crates above declare
/// theirs the same way; reach it as `names::named!`.
#[macro_export]
macro_rules! named {
    (
        $(#[$meta:meta])*
        $vis:vis enum $enum:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $name:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $enum {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $enum {
            /// Every value, in the order the page lists them.
            pub const ALL: &'static [$enum] = &[$($enum::$variant),+];

            /// The canonical name, as the URL hash, the CLI and JSON write it.
            pub fn name(self) -> &'static str {
                match self {
                    $($enum::$variant => $name,)+
                }
            }
        }

        impl $crate::names::Named for $enum {
            const ALL: &'static [$enum] = $enum::ALL;

            fn name(self) -> &'static str {
                $enum::name(self)
            }
        }

        impl ::std::fmt::Display for $enum {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $enum {
            type Err = $crate::names::UnknownName;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <$enum as $crate::names::Named>::from_name(text)
            }
        }
    };
}
pub use crate::named;
