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
    /// The votes in play at the company of the companies the player controls outright (a
    /// majority of their votes in play whatever the float does): where this is zero, any power
    /// it has there beyond its own votes runs through boards it does not control.
    pub votes_through_companies: u64,
}

impl HolderPower {
    /// Whether the player decides at the company over the whole band of float splits
    /// [`super::ROBUST_BAND`], or with more than half of the Shapley–Shubik power, on votes it
    /// commands outright: a finding a reader can act on.
    pub fn decides_robustly(&self) -> bool {
        self.decisive.is_some_and(|r| r.robust || self.shapley_shubik > 0.5)
    }

    /// Whether the player is pivotal only if every float splits exactly evenly: its absolute
    /// Banzhaf index through the network is 1, yet it does not decide robustly.
    pub fn pivotal_only_at_even_split(&self) -> bool {
        self.banzhaf_absolute == 1.0 && !self.decides_robustly()
    }
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
