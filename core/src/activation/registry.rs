//! The macro that turns the catalogue's list of entries into the [`Kind`](super::Kind) and
//! [`Activation`](super::Activation) enums and every `match` over them.
//!
//! It exists so that adding an activation is one file and one line: the enums, their names,
//! the dispatch to the formulas (kept as a `match`, so each activation's loop is compiled with
//! its formulas inlined), the parameter plumbing and the defaults are generated here, once.
//!
//! A line reads `module => Variant`, `module => Variant { field, … }` (f64 parameters, in the
//! entry's `params` order) or `module => Variant [list, …]` (per-hinge lists of equal length,
//! stored one after another in `p`, with the entry's one `params` item counting them).

/// Builds the flat parameter slice `p` of one variant's fields.
macro_rules! flat_params {
    () => {
        [0.0f64; 0]
    };
    ([ $($value:expr),* ]) => {
        [$($value),*]
    };
    (lists [ $($list:ident),* ]) => {{
        let mut p: Vec<f64> = Vec::new();
        $(p.extend_from_slice($list);)*
        p
    }};
}

/// Builds one variant at the entry's defaults.
macro_rules! with_defaults {
    ($entry:expr, $variant:ident) => {
        Activation::$variant
    };
    ($entry:expr, $variant:ident [ $($field:ident),* ]) => {{
        let mut defaults = $entry.params.iter().map(|p| p.default);
        Activation::$variant { $($field: defaults.next().unwrap_or(f64::NAN)),* }
    }};
    ($entry:expr, $variant:ident lists [ $($list:ident),* ]) => {{
        let count = $entry.params.first().map_or(1.0, |p| p.default) as usize;
        let flat = $entry.default_lists.map_or_else(Vec::new, |lists| lists(count));
        let mut lists = flat.chunks(count.max(1));
        Activation::$variant { $($list: lists.next().map(<[f64]>::to_vec).unwrap_or_default()),* }
    }};
}

/// (config key, value) of one variant's parameters.
macro_rules! resolved_params {
    ($entry:expr) => {
        Vec::new()
    };
    ($entry:expr, [ $($value:expr),* ]) => {
        $entry
            .params
            .iter()
            .zip([$($value),*])
            .map(|(spec, v)| (spec.key, ParamValue::Number(v)))
            .collect()
    };
    ($entry:expr, lists [ $($list:ident),* ]) => {{
        let count = [$($list.len()),*][0];
        let mut out: Vec<(&'static str, ParamValue)> = $entry
            .params
            .iter()
            .map(|spec| (spec.key, ParamValue::Number(count as f64)))
            .collect();
        $(out.push((stringify!($list), ParamValue::List($list.clone())));)*
        out
    }};
}

/// Generates `Kind`, `Activation` and their dispatch from the catalogue's lines.
macro_rules! catalogue {
    (
        scalar {
            $( $module:ident => $variant:ident
                $({ $($field:ident),* })?
                $([ $($list:ident),* ])? ),* $(,)?
        }
        vector { $( $vector_module:ident => $vector:ident ),* $(,)? }
    ) => {
        $(mod $module;)*
        $(mod $vector_module;)*

        /// Every activation the lab knows, in the order the page and `actlab list` show them.
        /// Each variant's entry (its file in `activation/catalogue/`) documents it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        #[allow(missing_docs)] // Each variant is documented by its entry.
        pub enum Kind {
            $($variant,)*
            $($vector,)*
            /// A formula typed by the user (`activation=custom&formula=…`): not in [`Kind::ALL`],
            /// whose entries each have a fixed definition and a reference fixture.
            Custom,
        }

        impl Kind {
            /// All kinds, in catalogue order.
            pub const ALL: [Kind; { [$(stringify!($variant),)* $(stringify!($vector),)*].len() }] =
                [$(Kind::$variant,)* $(Kind::$vector,)*];

            /// This kind's catalogue entry: its names, parameters, formulas, facts and texts.
            /// (The first-chart module's entries leave out what it never shows:
            /// [`Entry::for_first_chart`].)
            pub const fn entry(self) -> &'static Entry {
                if crate::features::FIRST_CHART_ONLY {
                    return match self {
                        $(Kind::$variant => &const { $module::ENTRY.for_first_chart() },)*
                        $(Kind::$vector => &const { $vector_module::ENTRY.for_first_chart() },)*
                        Kind::Custom => &const { crate::activation::custom::ENTRY.for_first_chart() },
                    };
                }
                match self {
                    $(Kind::$variant => &$module::ENTRY,)*
                    $(Kind::$vector => &$vector_module::ENTRY,)*
                    Kind::Custom => &crate::activation::custom::ENTRY,
                }
            }

            /// Hands `user` this kind's (f, f′, ∂f/∂p) rule from its entry's `learn`, as a
            /// function known at compile time, so the training loops are compiled once per
            /// learnable activation with the rule inlined; `None` for a kind that learns
            /// nothing.
            #[inline(always)]
            pub fn with_gradient<U: UseGradient>(self, user: U) -> Option<U::Output> {
                match self {
                    $(Kind::$variant => {
                        const GRADIENT: Option<ParamGradient> = match $module::ENTRY.learn {
                            Some(learn) => Some(learn.gradient),
                            None => None,
                        };
                        match GRADIENT {
                            Some(_) => Some(user.apply(|x, p, dp| match GRADIENT {
                                Some(gradient) => gradient(x, p, dp),
                                None => (f64::NAN, f64::NAN),
                            })),
                            None => None,
                        }
                    })*
                    $(Kind::$vector => None,)*
                    Kind::Custom => None,
                }
            }

            /// Softmax maps a vector to a vector; every other kind is applied element-wise.
            pub const fn is_scalar(self) -> bool {
                match self {
                    $(Kind::$variant => true,)*
                    $(Kind::$vector => false,)*
                    Kind::Custom => true,
                }
            }
        }

        /// A scalar activation with its parameters resolved.
        #[derive(Clone, Debug, PartialEq)]
        #[allow(missing_docs)] // The variants mirror `Kind`; their fields are the PyTorch names.
        pub enum Activation {
            $($variant $({ $($field: f64),* })? $({ $($list: Vec<f64>),* })?,)*
            /// A typed formula with its parameters' values.
            Custom(crate::activation::custom::Custom),
        }

        impl Activation {
            /// The kind of this activation.
            pub fn kind(&self) -> Kind {
                match self {
                    $(Activation::$variant { .. } => Kind::$variant,)*
                    Activation::Custom(_) => Kind::Custom,
                }
            }

            /// The kind with every parameter at its default. Softmax is vector-valued (no
            /// scalar form) and a typed formula needs its text: asking for either is an error,
            /// not a panic.
            pub fn with_defaults(kind: Kind) -> Result<Activation, NoDefaults> {
                Ok(match kind {
                    $(Kind::$variant => with_defaults!(
                        $module::ENTRY, $variant $([ $($field),* ])? $(lists [ $($list),* ])?
                    ),)*
                    $(Kind::$vector => return Err(NoDefaults::NotScalar($vector_module::ENTRY.name)),)*
                    Kind::Custom => return Err(NoDefaults::Formula),
                })
            }

            /// The parameters as the entry's functions read them (`p`).
            pub fn flat_params(&self) -> Vec<f64> {
                match self {
                    $(Activation::$variant $({ $($field),* })? $({ $($list),* })? => {
                        flat_params!($([ $(*$field),* ])? $(lists [ $($list),* ])?).to_vec()
                    })*
                    Activation::Custom(custom) => custom.values().to_vec(),
                }
            }

            /// (config key, value) for every parameter this activation reads, in key-table
            /// order.
            pub fn resolved_params(&self) -> Vec<(&'static str, ParamValue)> {
                match self {
                    $(Activation::$variant $({ $($field),* })? $({ $($list),* })? => {
                        resolved_params!(
                            $module::ENTRY $(, [ $(*$field),* ])? $(, lists [ $($list),* ])?
                        )
                    })*
                    Activation::Custom(custom) => custom.resolved_params(),
                }
            }

            /// Matches once and hands `user` this activation's f and f′ as two functions, so
            /// whatever `user` does with them (one call, or a loop over a slice) is compiled
            /// once per activation with the formulas inlined: the match is out of the loop.
            #[inline(always)]
            pub(super) fn with_functions<U: UseFunctions>(&self, user: U) -> U::Output {
                match self {
                    $(Activation::$variant $({ $($field),* })? $({ $($list),* })? => {
                        let p = flat_params!($([ $(*$field),* ])? $(lists [ $($list),* ])?);
                        let p: &[f64] = &p;
                        const ENTRY: Entry = $module::ENTRY;
                        user.apply(move |x| (ENTRY.value)(x, p), move |x| (ENTRY.derivative)(x, p))
                    })*
                    // One value at a time through the tape: the slice loops
                    // (`values_f32`, `scale_by_derivatives_f32`, `evaluate_into`) run the tape
                    // over the whole slice instead and never come here.
                    Activation::Custom(custom) => {
                        let (formula, p) = (custom.formula(), custom.values());
                        user.apply(move |x| formula.value(x, p), move |x| formula.derivative(x, p))
                    }
                }
            }
        }
    };
}
