//! The distribution a deep network's input batch is drawn from.

crate::names::named! {
    /// The input distribution of the layers experiment.
    pub enum Input {
        /// N(0, 1): unit variance, what the mean-field prediction starts from.
        Normal = "normal",
        /// U(−1, 1): bounded, variance 1/3.
        Uniform = "uniform",
    }
}
