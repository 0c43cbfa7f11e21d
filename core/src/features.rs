//! What the Cargo features this crate is built with decide, as constants the code can read.

/// Whether this is the first-chart module alone (`activation-lab`'s `first-chart` without its
/// `boundary`, which sets this crate's `first-chart-only`): it draws curves and shows no card,
/// tooltip or help, so the catalogue and the key table leave their texts out of it (a constant,
/// so the texts are not linked in).
pub const FIRST_CHART_ONLY: bool = cfg!(feature = "first-chart-only");
