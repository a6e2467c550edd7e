//! What a finding is ([`Finding`], [`FindingKind`]) and the helpers every finding's text uses:
//! the scenario's names by id ([`Entities`]) and percentages.

use std::collections::BTreeMap;

use crate::model::{Entity, EntityKind, Jurisdiction, MARKET, Scenario};

/// The scenario's entities by id, built once per call: [`Scenario::entity`] and
/// [`Scenario::name_of`] scan the list, and findings ask for a name per holder and issuer,
/// which made them grow as the square of the network.
pub(crate) struct Entities<'a> {
    by_id: BTreeMap<&'a str, &'a Entity>,
}

impl<'a> Entities<'a> {
    /// The index of the scenario's entities (the first of two with the same id, as
    /// [`Scenario::entity`] finds).
    pub(crate) fn of(s: &'a Scenario) -> Self {
        let mut by_id = BTreeMap::new();
        for e in &s.entities {
            by_id.entry(e.id.as_str()).or_insert(e);
        }
        Entities { by_id }
    }

    /// The entity with this id.
    pub(crate) fn get(&self, id: &str) -> Option<&'a Entity> {
        self.by_id.get(id).copied()
    }

    /// The display name of an id, as [`Scenario::name_of`] gives it.
    pub(crate) fn name<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        if id == MARKET {
            return "Public float";
        }
        self.get(id).map_or(id, |e| e.name.as_str())
    }

    /// A company's jurisdiction.
    pub(crate) fn jurisdiction(&self, id: &str) -> Option<Jurisdiction> {
        match self.get(id).map(|e| &e.kind) {
            Some(EntityKind::Company { jurisdiction, .. }) => Some(*jurisdiction),
            _ => None,
        }
    }
}

/// The kinds of finding, with the names used in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// A rule switched a holder's votes off.
    VotesOff,
    /// A trust's votes are neutral.
    Neutral,
    /// Part of a holder's votes are neutral because of a cap.
    Capped,
    /// A company controls another (L233-3), directly or through a chain.
    Control,
    /// A player (with its followers) can block a kind of resolution whose quota is above 1/2.
    BlockingMinority,
    /// A holder is at or above 30% of a French issuer's capital or votes.
    MandatoryBid,
    /// An acquisition takes a holder across the Japanese tender-offer threshold in force (or
    /// the law lowers the threshold under its holding).
    TenderOffer,
    /// A holder crossed a capital threshold since the previous date.
    ThresholdCapital,
    /// A holder crossed a votes threshold since the previous date.
    ThresholdVotes,
    /// The rules' fixed point fell into a cycle.
    Cycle,
    /// A power index is degenerate (one holder tips every outcome with the float split
    /// evenly, so its normalised Banzhaf index is 1 and the others' 0), or could not be
    /// computed.
    DegeneratePower,
    /// Look-through ownership is undefined on this date (a closed group of companies owning
    /// one another wholly), or could not be computed.
    LookThroughUndefined,
    /// An ultimate holder decides at a company through the network of meetings, counting only
    /// the companies it controls outright, over a band of float splits around one half or with
    /// more than half of the Shapley–Shubik power.
    IndirectDecides,
    /// An ultimate holder's indirect Shapley–Shubik power crossed 50% since the previous date,
    /// where it commands votes (its own or through companies it controls outright).
    IndirectThreshold,
}

impl FindingKind {
    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::VotesOff => "votes_off",
            FindingKind::Neutral => "neutral",
            FindingKind::Capped => "capped",
            FindingKind::Control => "control",
            FindingKind::BlockingMinority => "blocking_minority",
            FindingKind::MandatoryBid => "mandatory_bid",
            FindingKind::TenderOffer => "tender_offer",
            FindingKind::ThresholdCapital => "threshold_capital",
            FindingKind::ThresholdVotes => "threshold_votes",
            FindingKind::Cycle => "cycle",
            FindingKind::DegeneratePower => "degenerate_power",
            FindingKind::LookThroughUndefined => "look_through_undefined",
            FindingKind::IndirectDecides => "indirect_decides",
            FindingKind::IndirectThreshold => "indirect_threshold",
        }
    }

    /// A few words for people, where a list of findings shows the kind of each.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::VotesOff => "votes switched off",
            FindingKind::Neutral => "neutral votes",
            FindingKind::Capped => "vote cap",
            FindingKind::Control => "control",
            FindingKind::BlockingMinority => "blocking minority",
            FindingKind::MandatoryBid => "mandatory bid",
            FindingKind::TenderOffer => "tender offer",
            FindingKind::ThresholdCapital => "capital threshold",
            FindingKind::ThresholdVotes => "votes threshold",
            FindingKind::Cycle => "rules do not settle",
            FindingKind::DegeneratePower => "degenerate power",
            FindingKind::LookThroughUndefined => "look-through undefined",
            FindingKind::IndirectDecides => "decides through the network",
            FindingKind::IndirectThreshold => "power through the network",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// The holder concerned, if any.
    pub holder: Option<String>,
    /// The issuer concerned, if any.
    pub issuer: Option<String>,
    /// The resolution kinds (ids, in the scenario's order) the finding holds on; empty when
    /// it does not depend on the kind of resolution (a holding, a rule, a crossing).
    pub kinds: Vec<String>,
    /// A sentence for people, in the scenario's names and percentages.
    pub detail: String,
}

/// Percent with two decimals, for details.
pub(crate) fn pct(n: u64, d: u64) -> String {
    if d == 0 { "0%".into() } else { format!("{:.2}%", n as f64 * 100.0 / d as f64) }
}
