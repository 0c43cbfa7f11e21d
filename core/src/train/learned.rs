//! Whether training learns the activations' own parameters (PReLU's slope, Swish's β, APL's
//! hinges, a typed formula's letters) and how finely.

crate::names::named! {
    /// How learnable activation parameters are trained.
    pub enum Learned {
        /// One value per hidden layer, shared by its units.
        PerLayer = "per-layer",
        /// One value per unit.
        PerUnit = "per-unit",
        /// Frozen at their configured values.
        None = "none",
    }
}

impl Learned {
    /// What the model takes: `None` freezes the parameters, `Some(per_unit)` trains them.
    pub fn per_unit(self) -> Option<bool> {
        match self {
            Learned::PerLayer => Some(false),
            Learned::PerUnit => Some(true),
            Learned::None => None,
        }
    }
}
