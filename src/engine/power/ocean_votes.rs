//! [`OceanVotesF64`]: both oceanic indices in `f64`, as the engine reads them, whichever way
//! they were computed (by subsets of the majors in `ocean_f64.rs`, by vote units in
//! `ocean_units.rs`).

/// Both oceanic indices in `f64`, straight from vote counts (no big fractions): what the
/// engine evaluates at every date.
#[derive(Debug, Clone, PartialEq)]
pub struct OceanVotesF64 {
    /// Milnor–Shapley value of each major.
    pub shapley: Vec<f64>,
    /// The ocean's Shapley–Shubik value (1 − Σ majors).
    pub ocean_shapley: f64,
    /// Dubey–Shapley absolute Banzhaf of each major.
    pub banzhaf_absolute: Vec<f64>,
    /// Normalised among the majors; `None` when no major ever swings.
    pub banzhaf_normalised: Option<Vec<f64>>,
    /// An ocean and exactly one major with positive Banzhaf power.
    pub degenerate: bool,
}
