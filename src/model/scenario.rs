//! The scenario itself: what a `.ron` file holds — entities, holdings on the start date,
//! meeting parameters — and the questions asked of it (names, capital, float, references).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::color::Color;
use super::event::Event;
use super::fraction::Fraction;
use super::kinds::{self, Behaviour, BehaviourSetting, ResolutionKind};
use super::rules::{Rules, VoteCap};
use super::serialize::is_zero;

/// The version of the scenario format that this program writes.
pub const FORMAT_VERSION: u32 = 2;

/// The reserved party id for "the market": the public float of an issuer.
pub const MARKET: &str = "market";

/// A whole scenario: what a `.ron` file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; loading migrates older versions to [`FORMAT_VERSION`].
    pub version: u32,
    /// A short title, shown in the window title and on charts.
    pub title: String,
    /// A longer description (sources, assumptions).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// First date of the scenario's window; the holdings below are the state on this date.
    pub start: NaiveDate,
    /// Last date of the window.
    pub end: NaiveDate,
    /// Meeting parameters (float turnout, float model).
    pub meeting: Meeting,
    /// Which rules apply at the start, and how the law is read.
    #[serde(default)]
    pub rules: Rules,
    /// Pairs of companies (A, B) whose balance is reported as A at B's meeting minus B at
    /// A's; when empty, every pair of companies that hold each other, in id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub balance_pairs: Vec<(String, String)>,
    /// Companies, investors and trusts.
    pub entities: Vec<Entity>,
    /// Holdings on the start date.
    pub holdings: Vec<Holding>,
    /// Vote caps in force on the start date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vote_caps: Vec<VoteCap>,
    /// The kinds of resolution; when empty, ordinary (> 1/2) and special (≥ 2/3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<ResolutionKind>,
    /// Holders' behaviours per issuer and kind on the start date; a holder named nowhere is
    /// free, a trust neutral (while the trust rule is on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviours: Vec<BehaviourSetting>,
    /// Dated events, in any order (the engine sorts them by date, stably).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

/// Meeting parameters shared by every issuer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Fraction of the float's exercisable votes that are cast at a meeting.
    pub float_turnout: Fraction,
    /// How the float is modelled in the power indices.
    #[serde(default)]
    pub float_model: FloatModel,
}

/// How the public float enters the voting game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FloatModel {
    /// A continuum of infinitesimal holders (Milnor–Shapley, Dubey–Shapley). The default.
    #[default]
    Ocean,
    /// This many equal holders, an exact finite game.
    EqualHolders(u32),
    /// This many equal holders, by Leech's normal approximation (large registers).
    Leech(u32),
}

/// A company, an investor or a trust.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Identifier used in the file (lowercase letters, digits, `-` and `_`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Colour on charts, `"#rrggbb"`.
    pub color: Color,
    /// What the entity is.
    pub kind: EntityKind,
    /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The kinds of entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EntityKind {
    /// Issuer and holder.
    Company {
        /// Whose company law applies at its meetings.
        jurisdiction: Jurisdiction,
        /// Issued shares on the start date.
        issued_shares: u64,
        /// Shares held by the company itself on the start date.
        treasury_shares: u64,
        /// Published theoretical votes on the start date (AMF convention, treasury included);
        /// when given, the float's double votes are calibrated to it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        theoretical_votes: Option<u64>,
    },
    /// A holder only: a state, a fund, employees.
    Investor,
    /// Holds shares for a beneficiary: votes neutral, economic rights to the beneficiary.
    Trust {
        /// Id of the entity that receives the economic rights.
        beneficiary: String,
    },
}

/// Whose law governs an issuer's meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Jurisdiction {
    /// France: control suppression (C. com. L233-31), double votes, 30% mandatory bid.
    France,
    /// Japan: mutual quarter (Companies Act art. 308(1)), tender-offer threshold.
    Japan,
    /// Neither: only treasury, caps and trusts apply.
    Other,
}

/// Shares of an issuer held by a holder on the start date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// Id of the holder.
    pub holder: String,
    /// Id of the issuing company.
    pub issuer: String,
    /// Number of shares.
    pub shares: u64,
    /// How many of them carry double voting rights (loi Florange); at most `shares`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub double_voting_shares: u64,
    /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Scenario {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The display name of an id (`"market"` is "Public float"), or the id itself.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        if id == MARKET {
            return "Public float";
        }
        self.entity(id).map_or(id, |e| e.name.as_str())
    }

    /// Issued and treasury shares of a company on the start date ((0, 0) for anything else).
    pub fn start_capital(&self, issuer: &str) -> (u64, u64) {
        match self.entity(issuer).map(|e| &e.kind) {
            Some(EntityKind::Company { issued_shares, treasury_shares, .. }) => (*issued_shares, *treasury_shares),
            _ => (0, 0),
        }
    }

    /// The float of a company on the start date: issued − treasury − listed holdings (never
    /// below zero; validation reports a negative one).
    pub fn start_float(&self, issuer: &str) -> u64 {
        let (issued, treasury) = self.start_capital(issuer);
        let held: u64 = self.holdings.iter().filter(|h| h.issuer == issuer).map(|h| h.shares).sum();
        issued.saturating_sub(treasury).saturating_sub(held)
    }

    /// Whether any holding, cap, balance pair, trust or event names the entity `id`.
    pub fn is_referenced(&self, id: &str) -> bool {
        self.holdings.iter().any(|h| h.holder == id || h.issuer == id)
            || self.vote_caps.iter().any(|c| c.holder == id || c.issuer == id)
            || self.balance_pairs.iter().any(|(a, b)| a == id || b == id)
            || self.entities.iter().any(|e| matches!(&e.kind, EntityKind::Trust { beneficiary } if beneficiary == id))
            || self.events.iter().any(|e| e.parties().contains(&id))
            || self.behaviours.iter().any(|b| {
                b.holder == id
                    || b.issuer.as_deref() == Some(id)
                    || matches!(&b.behaviour, Behaviour::Follows(l) if l == id)
            })
    }

    /// The resolution kinds: the file's, or ordinary and special when it names none.
    pub fn resolution_kinds(&self) -> Vec<ResolutionKind> {
        if self.kinds.is_empty() { ResolutionKind::defaults() } else { self.kinds.clone() }
    }

    /// The kind of the headline series (balance, compare): `ordinary` when defined, else the
    /// first kind.
    pub fn headline_kind(&self) -> String {
        let kinds = self.resolution_kinds();
        kinds
            .iter()
            .find(|k| k.id == kinds::ORDINARY)
            .or(kinds.first())
            .map_or_else(|| kinds::ORDINARY.to_string(), |k| k.id.clone())
    }

    /// Ids of the companies (issuers), in file order.
    pub fn company_ids(&self) -> Vec<&str> {
        self.entities.iter().filter(|e| matches!(e.kind, EntityKind::Company { .. })).map(|e| e.id.as_str()).collect()
    }
}
