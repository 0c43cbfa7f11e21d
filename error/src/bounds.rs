//! The bounds an error names: the range a number should have been in, the count a list should
//! have had, the scale an initialisation needed. Each writes itself as the English sentence says
//! it; [`super::fields`] gives the same facts as data.

use std::fmt;

/// The values a number was allowed to take, as an out-of-range sentence names them.
#[derive(Clone, Debug, PartialEq)]
pub enum Range {
    /// One real in `[min, max]`, or `(min, max]` when `min_exclusive`.
    Number {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Whether `min` itself is excluded.
        min_exclusive: bool,
    },
    /// One integer in `min..=max`.
    Integer {
        /// Lower bound.
        min: usize,
        /// Upper bound.
        max: usize,
    },
    /// Every entry of a list of reals in `[min, max]`.
    Numbers {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Every entry of a list of integers in `min..=max`.
    Integers {
        /// Lower bound.
        min: usize,
        /// Upper bound.
        max: usize,
    },
    /// Any positive number, as one activation's parameter needs.
    Positive {
        /// The activation whose parameter it is.
        activation: &'static str,
    },
}

/// How many entries a list should have had, as a list-length sentence names it.
#[derive(Clone, Debug, PartialEq)]
pub enum Count {
    /// Between `min` and `max` values (`2..=10 values`).
    Values {
        /// Fewest entries.
        min: usize,
        /// Most entries.
        max: usize,
    },
    /// Exactly `count` values because of the activation (`1 value for scaled_tanh`).
    For {
        /// The entries needed.
        count: usize,
        /// The activation that needs them.
        activation: &'static str,
    },
    /// One value per hinge of a piecewise-linear activation (`2 values for apl (one per hinge,
    /// hinges=2)`).
    PerHinge {
        /// The activation with hinges.
        activation: &'static str,
        /// Its number of hinges, which is the entries needed.
        hinges: usize,
    },
    /// Between `min` and `max` entries, written without a noun (the CLI's `--x` points).
    Plain {
        /// Fewest entries.
        min: usize,
        /// Most entries.
        max: usize,
    },
}

/// The scale of a weight distribution, as an initialisation error names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitScale {
    /// A normal distribution's standard deviation.
    Std,
    /// A uniform distribution's bound.
    Limit,
}

impl InitScale {
    /// The name the error's fields carry.
    pub fn name(self) -> &'static str {
        match self {
            InitScale::Std => "std",
            InitScale::Limit => "limit",
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Range::Number { .. } => write!(f, "a number in {}", self.interval()),
            Range::Integer { .. } => write!(f, "an integer in {}", self.interval()),
            Range::Numbers { .. } => write!(f, "numbers in {}", self.interval()),
            Range::Integers { .. } => write!(f, "integers in {}", self.interval()),
            Range::Positive { activation } => write!(f, "positive for {activation}"),
        }
    }
}

impl Range {
    /// The bounds in the notation a reader types (`[0, 10]`, `(0, 10]`, `1..=64`); empty for
    /// [`Range::Positive`], which has none.
    pub fn interval(&self) -> String {
        match self {
            Range::Number {
                min,
                max,
                min_exclusive,
            } => format!("{}{min}, {max}]", if *min_exclusive { "(" } else { "[" }),
            Range::Numbers { min, max } => format!("[{min}, {max}]"),
            Range::Integer { min, max } | Range::Integers { min, max } => format!("{min}..={max}"),
            Range::Positive { .. } => String::new(),
        }
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = |n: usize| if n == 1 { "value" } else { "values" };
        match self {
            Count::Values { min, max } => write!(f, "{min}..={max} values"),
            Count::For { count, activation } => {
                write!(f, "{count} {} for {activation}", noun(*count))
            }
            Count::PerHinge { activation, hinges } => write!(
                f,
                "{hinges} {} for {activation} (one per hinge, hinges={hinges})",
                noun(*hinges)
            ),
            Count::Plain { min, max } => write!(f, "{min}..={max}"),
        }
    }
}
