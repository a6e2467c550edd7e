//! Voting power at every meeting: the game each issuer's meeting plays, and its indices.
//!
//! The players are the blockholders whose votes are in the game (exercisable and not
//! neutral) and the float, whose votes cast are its exercisable votes × turnout. Quotas:
//! ordinary resolutions need more than 1/2 of the votes cast, special resolutions at least
//! 2/3 (neutral "mirror" votes split like the others, so they leave the game).
//!
//! Vote counts are reduced to integer units of 1/[`RESOLUTION`] of the votes in the game
//! before the finite games are solved (see [`super::power::units`]); the oceanic indices are
//! computed on the exact fractions.

use super::votes::IssuerVotes;
use crate::model::{FloatModel, Meeting};

/// Units per whole game used to reduce vote counts to integer weights (0.01% of the votes).
pub const RESOLUTION: u64 = 10_000;

/// The two kinds of resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resolution {
    /// More than 1/2 of the votes cast.
    Ordinary,
    /// At least 2/3 of the votes cast.
    Special,
}

impl Resolution {
    /// Both, in order.
    pub const ALL: [Resolution; 2] = [Resolution::Ordinary, Resolution::Special];

    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Resolution::Ordinary => "ordinary",
            Resolution::Special => "special",
        }
    }

    /// The quota as (numerator, denominator, strict): strict means "more than".
    pub fn quota(self) -> (u64, u64, bool) {
        match self {
            Resolution::Ordinary => (1, 2, true),
            Resolution::Special => (2, 3, false),
        }
    }
}

/// The two power indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// Shapley–Shubik.
    ShapleyShubik,
    /// Normalised Banzhaf.
    Banzhaf,
}

impl Measure {
    /// Both, in order.
    pub const ALL: [Measure; 2] = [Measure::ShapleyShubik, Measure::Banzhaf];

    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Measure::ShapleyShubik => "shapley_shubik",
            Measure::Banzhaf => "banzhaf",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Measure::ShapleyShubik => "Shapley–Shubik",
            Measure::Banzhaf => "Banzhaf",
        }
    }
}

/// The power of one player.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Power {
    /// Shapley–Shubik index.
    pub shapley_shubik: f64,
    /// Normalised Banzhaf index; `None` for an oceanic float, whose Banzhaf share is not
    /// defined in the limit (each member's power vanishes while their number grows).
    pub banzhaf: Option<f64>,
}

impl Power {
    /// The value of one measure (Banzhaf `None` reads as `None`).
    pub fn get(&self, m: Measure) -> Option<f64> {
        match m {
            Measure::ShapleyShubik => Some(self.shapley_shubik),
            Measure::Banzhaf => self.banzhaf,
        }
    }
}

/// The power of every player at one meeting for one kind of resolution.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerSet {
    /// Aligned with [`IssuerVotes::holders`].
    pub holders: Vec<Power>,
    /// The float (all its members together).
    pub float: Power,
    /// A single major facing only an ocean: its normalised Banzhaf is 1 by construction.
    pub degenerate: bool,
}

/// Votes and power at one issuer's meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuerResult {
    /// The votes.
    pub votes: IssuerVotes,
    /// Power for ordinary resolutions.
    pub ordinary: PowerSet,
    /// Power for special resolutions.
    pub special: PowerSet,
}

impl IssuerResult {
    /// Power for one kind of resolution.
    pub fn power(&self, r: Resolution) -> &PowerSet {
        match r {
            Resolution::Ordinary => &self.ordinary,
            Resolution::Special => &self.special,
        }
    }

    /// A holder's power at ordinary resolutions.
    pub fn holder_power(&self, holder: &str) -> Option<&Power> {
        let k = self.votes.holders.iter().position(|h| h.holder == holder)?;
        self.ordinary.holders.get(k)
    }

    /// A holder's power for a resolution, if it holds shares.
    pub fn power_of(&self, holder: &str, r: Resolution) -> Option<&Power> {
        let k = self.votes.holders.iter().position(|h| h.holder == holder)?;
        self.power(r).holders.get(k)
    }
}

/// Votes and power at one issuer.
pub fn analyse(votes: IssuerVotes, meeting: &Meeting) -> IssuerResult {
    let ordinary = power_set(&votes, meeting.float_model, Resolution::Ordinary);
    let special = power_set(&votes, meeting.float_model, Resolution::Special);
    IssuerResult { votes, ordinary, special }
}
fn power_set(votes: &IssuerVotes, _m: FloatModel, _r: Resolution) -> PowerSet { PowerSet { holders: vec![Power::default(); votes.holders.len()], ..Default::default() } }
/// TEMP
pub fn degenerate_findings(_s: &crate::model::Scenario, _i: &[IssuerResult]) -> Vec<super::Finding> { Vec::new() }
