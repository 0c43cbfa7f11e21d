//! The output formats, a type parsed once from `--format`: after that no command compares a
//! format's name as a string.

use activation_lab::Error;
use std::fmt;
use std::str::FromStr;

/// What a command can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Numbers at full f64 precision (the shortest text that reads back to the same number).
    Json,
    /// One row per point, layer or record, with a header line.
    Csv,
    /// The page's chart, drawn by the same code as the canvas.
    Svg,
    /// A table padded for reading in a terminal.
    Text,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Json, Format::Csv, Format::Svg, Format::Text];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Svg => "svg",
            Format::Text => "text",
        }
    }

    /// The names of `formats`, joined by `separator`.
    pub fn join(formats: &[Format], separator: &str) -> String {
        formats
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(separator)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// The format named exactly `name` (names are lowercase, as `--help` prints them).
    fn from_str(name: &str) -> Result<Format, Error> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| Error::UnknownName {
                key: "format",
                value: name.to_string(),
                valid: Format::join(&Format::ALL, ", "),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_and_nothing_else_does() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
            assert_eq!(format.to_string(), format.name());
        }
        // Names are exact: `--help` prints them in lowercase, and that is what is accepted.
        for name in ["JSON", "xml", "", " json"] {
            assert_eq!(
                name.parse::<Format>(),
                Err(Error::UnknownName {
                    key: "format",
                    value: name.to_string(),
                    valid: "json, csv, svg, text".into(),
                })
            );
        }
    }
}
