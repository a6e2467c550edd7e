//! The votes at each meeting as the rest of the engine reads them: [`IssuerVotes`] with one
//! [`HolderVotes`] per holder and its [`VoteStatus`], and what the rules' fixed point found
//! ([`RuleOutcome`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::RuleName;

/// How a holder's votes count at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VoteStatus {
    /// Every vote counts.
    Full,
    /// Votes above a cap are neutral.
    Capped,
    /// Every vote is neutral (a trust).
    Neutral,
    /// The law switches the votes off.
    Suppressed,
}

impl VoteStatus {
    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            VoteStatus::Full => "full",
            VoteStatus::Capped => "capped",
            VoteStatus::Neutral => "neutral",
            VoteStatus::Suppressed => "suppressed",
        }
    }
}

/// One holder's votes at one issuer.
#[derive(Debug, Clone, PartialEq)]
pub struct HolderVotes {
    /// Holder id.
    pub holder: String,
    /// Shares held.
    pub shares: u64,
    /// Of which with double votes.
    pub double_voting: u64,
    /// Theoretical votes.
    pub theoretical_votes: u64,
    /// Exercisable votes (zero when suppressed), AMF convention.
    pub exercisable_votes: u64,
    /// Exercisable votes after any cap, before the holder's behaviour (a trust's neutrality):
    /// what it brings into play on a kind of resolution where it is not neutral.
    pub available_votes: u64,
    /// Votes in the voting game: exercisable minus neutral votes.
    pub game_votes: u64,
    /// Status.
    pub status: VoteStatus,
    /// The rule behind a status other than full.
    pub rule: Option<RuleName>,
}

/// The votes at one issuer's meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuerVotes {
    /// Issuer id.
    pub issuer: String,
    /// Issued shares.
    pub issued_shares: u64,
    /// Treasury shares.
    pub treasury_shares: u64,
    /// Float shares (issued − treasury − listed holdings).
    pub float_shares: u64,
    /// The float's theoretical (= exercisable) votes.
    pub float_votes: u64,
    /// The float's votes cast at the scenario's turnout.
    pub float_votes_cast: u64,
    /// Theoretical votes, treasury included.
    pub theoretical_votes: u64,
    /// Exercisable votes.
    pub exercisable_votes: u64,
    /// Votes cast: blockholders' exercisable votes (neutral ones included) + float cast.
    pub votes_cast: u64,
    /// The votes in the game: cast minus neutral.
    pub game_total: u64,
    /// Holders, ordered by id.
    pub holders: Vec<HolderVotes>,
}

impl IssuerVotes {
    /// The holder with this id.
    pub fn holder(&self, id: &str) -> Option<&HolderVotes> {
        self.holders.iter().find(|h| h.holder == id)
    }
}

/// What the fixed point found beyond the votes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleOutcome {
    /// For each company, the companies it controls (directly or through a chain).
    pub control: BTreeMap<String, BTreeSet<String>>,
    /// Iterations until the state repeated.
    pub iterations: usize,
    /// Length of the cycle the iteration fell into (1 = converged).
    pub cycle: usize,
}
