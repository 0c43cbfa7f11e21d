//! What the Cargo features this crate is built with decide, as constants the code can read.

/// Whether this is the first-chart module alone (`first-chart` without `boundary`): it draws
/// curves and shows no card, tooltip or help, so the catalogue and the key table leave their
/// texts out of it (a constant, so the texts are not linked in).
pub(crate) const FIRST_CHART_ONLY: bool =
    cfg!(all(feature = "first-chart", not(feature = "boundary")));
