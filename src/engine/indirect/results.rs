//! The indirect indices as the rest of the crate reads them: [`IndirectPower`] of every atomic
//! player at every company ([`CompanyPower`], [`HolderPower`]), how they were obtained
//! ([`Method`], [`StdErr`]) and, per kind of resolution, [`KindPower`].

use super::error::IndirectError;
use super::robust::DecisiveRange;

/// How the figures were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Every coalition enumerated; times exact.
    Exact,
    /// Estimated from this many coalitions per index.
    MonteCarlo {
        /// Coalitions drawn for each index.
        samples: u64,
        /// The seed.
        seed: u64,
    },
}

impl Method {
    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::MonteCarlo { .. } => "monte_carlo",
        }
    }

    /// Coalitions drawn, for a Monte Carlo estimate.
    pub fn samples(self) -> Option<u64> {
        match self {
            Method::Exact => None,
            Method::MonteCarlo { samples, .. } => Some(samples),
        }
    }
}

/// Standard errors of a Monte Carlo estimate.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StdErr {
    /// Of the absolute Banzhaf index.
    pub banzhaf_absolute: f64,
    /// Of the Shapley–Shubik index.
    pub shapley_shubik: f64,
}

/// One atomic player's indirect power at one company.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HolderPower {
    /// Absolute Banzhaf (Dubey–Shapley floats).
    pub banzhaf_absolute: f64,
    /// Banzhaf normalised over the atomic players; `None` when none of them ever swings.
    pub banzhaf: Option<f64>,
    /// Shapley–Shubik (Milnor–Shapley floats).
    pub shapley_shubik: f64,
    /// Standard errors, for a Monte Carlo estimate.
    pub stderr: Option<StdErr>,
    /// The floats' yes-fractions over which this player's vote alone settles the outcome,
    /// counting only the companies it controls outright (always exact, see
    /// [`super::robust`]); `None` when it decides at none.
    pub decisive: Option<DecisiveRange>,
}

/// Indirect power at one company.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyPower {
    /// The company's id.
    pub company: String,
    /// Aligned with [`IndirectPower::players`].
    pub holders: Vec<HolderPower>,
    /// The floats together: 1 − Σ Shapley–Shubik of the atomic players.
    pub float_shapley_shubik: f64,
}

/// Indirect power of every atomic player at every company, for one kind of resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct IndirectPower {
    /// How the figures were obtained.
    pub method: Method,
    /// The atomic players, by id.
    pub players: Vec<String>,
    /// One per company, in the network's order.
    pub companies: Vec<CompanyPower>,
}

impl IndirectPower {
    /// The power at one company.
    pub fn company(&self, id: &str) -> Option<&CompanyPower> {
        self.companies.iter().find(|c| c.company == id)
    }

    /// One player's power at one company.
    pub fn holder(&self, company: &str, player: &str) -> Option<&HolderPower> {
        let u = self.players.iter().position(|p| p == player)?;
        self.company(company)?.holders.get(u)
    }
}

/// Indirect power for one kind of resolution on one date, or why it could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub struct KindPower {
    /// The kind of resolution (its id).
    pub kind: String,
    /// The indices, or what prevented them.
    pub result: Result<IndirectPower, IndirectError>,
}

impl KindPower {
    /// The indices, if they could be computed.
    pub fn power(&self) -> Option<&IndirectPower> {
        self.result.as_ref().ok()
    }
}
