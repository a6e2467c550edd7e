//! Dated events: transfers, buybacks, issues, phased sales, cap and rule changes, behaviours,
//! vote counts and milestones, with the questions every event answers (date, caption, parties).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fraction::Fraction;
use super::kinds::{Behaviour, BehaviourSetting};
use super::rules::{RuleName, VoteCap};
use super::serialize::{bare, is_false};

/// How a phased sale spreads its shares over its tranches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SaleProfile {
    /// Equal tranches.
    #[default]
    Even,
    /// Tranches decreasing n, n−1, …, 1.
    FrontLoaded,
    /// Tranches increasing 1, 2, …, n.
    BackLoaded,
}

/// A dated event. Every event may carry a caption for presenters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Event {
    /// Shares of `issuer` move from one party to another (`"market"` is the float; the issuer
    /// itself as receiver means treasury).
    Transfer {
        /// Effective date.
        date: NaiveDate,
        /// Issuer of the shares.
        issuer: String,
        /// Seller (an entity id or `"market"`).
        from: String,
        /// Buyer (an entity id, `"market"`, or the issuer for treasury).
        to: String,
        /// Number of shares (give exactly one of `shares`, `down_to` and `part`).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        shares: Option<u64>,
        /// The seller keeps this fraction of the issuer's issued shares (see `Amount::DownTo`).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        down_to: Option<Fraction>,
        /// This fraction of the seller's holding is sold (see `Amount::Part`).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        part: Option<Fraction>,
        /// A what-if adjustment made in the app (a holding changed at a later date), kept apart
        /// from the scenario's own events on the timeline and in lists.
        #[serde(default, skip_serializing_if = "is_false")]
        what_if: bool,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// The issuer buys its own shares from a holder or the market, into treasury or cancelled.
    Buyback {
        /// Effective date.
        date: NaiveDate,
        /// The issuer, who buys.
        issuer: String,
        /// Seller (an entity id or `"market"`).
        from: String,
        /// Number of shares.
        shares: u64,
        /// Cancel them at once instead of keeping them in treasury.
        #[serde(default)]
        cancel: bool,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// The issuer cancels treasury shares.
    Cancellation {
        /// Effective date.
        date: NaiveDate,
        /// The issuer.
        issuer: String,
        /// Number of treasury shares cancelled.
        shares: u64,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// New shares (capital increase, conversion of bonds).
    Issue {
        /// Effective date.
        date: NaiveDate,
        /// The issuer.
        issuer: String,
        /// Who receives them (an entity id or `"market"`).
        to: String,
        /// Number of new shares.
        shares: u64,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A total sold by one holder over a window in tranches; expands into dated transfers.
    PhasedSale {
        /// Date of the first tranche.
        start: NaiveDate,
        /// Date of the last tranche.
        end: NaiveDate,
        /// Issuer of the shares.
        issuer: String,
        /// Seller.
        seller: String,
        /// Buyer (an entity id, `"market"`, or the issuer for a buyback into treasury).
        buyer: String,
        /// Total shares sold (give exactly one of `shares`, `down_to` and `part`).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        shares: Option<u64>,
        /// The seller keeps this fraction of the issuer's issued shares on the start date.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        down_to: Option<Fraction>,
        /// This fraction of the seller's holding on the start date is sold.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        part: Option<Fraction>,
        /// Number of tranches (at least 1).
        tranches: u32,
        /// How the total is spread.
        #[serde(default)]
        profile: SaleProfile,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A vote cap is set (or changed).
    SetVoteCap {
        /// Effective date.
        date: NaiveDate,
        /// The cap.
        cap: VoteCap,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A vote cap is lifted.
    LiftVoteCap {
        /// Effective date.
        date: NaiveDate,
        /// Id of the holder.
        holder: String,
        /// Id of the issuer.
        issuer: String,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A rule is switched on or off.
    SetRule {
        /// Effective date.
        date: NaiveDate,
        /// The rule.
        rule: RuleName,
        /// On or off.
        on: bool,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A holder's behaviour is set (or changed) at one issuer or all, on one kind or all.
    SetBehaviour {
        /// Effective date.
        date: NaiveDate,
        /// The setting.
        setting: BehaviourSetting,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
    },
    /// A published count of theoretical votes, to calibrate the float's double votes.
    VoteCount {
        /// Date of the count.
        date: NaiveDate,
        /// The issuer.
        issuer: String,
        /// Theoretical votes, treasury included (AMF convention).
        theoretical_votes: u64,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A caption only.
    Milestone {
        /// Date.
        date: NaiveDate,
        /// Caption for presenters.
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
}

impl Event {
    /// The date of the event (for a phased sale, its first tranche).
    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Transfer { date, .. }
            | Event::Buyback { date, .. }
            | Event::Cancellation { date, .. }
            | Event::Issue { date, .. }
            | Event::SetVoteCap { date, .. }
            | Event::LiftVoteCap { date, .. }
            | Event::SetRule { date, .. }
            | Event::SetBehaviour { date, .. }
            | Event::VoteCount { date, .. }
            | Event::Milestone { date, .. } => *date,
            Event::PhasedSale { start, .. } => *start,
        }
    }

    /// Moves the event to `date`; a phased sale keeps the length of its window.
    pub fn set_date(&mut self, new: NaiveDate) {
        match self {
            Event::Transfer { date, .. }
            | Event::Buyback { date, .. }
            | Event::Cancellation { date, .. }
            | Event::Issue { date, .. }
            | Event::SetVoteCap { date, .. }
            | Event::LiftVoteCap { date, .. }
            | Event::SetRule { date, .. }
            | Event::SetBehaviour { date, .. }
            | Event::VoteCount { date, .. }
            | Event::Milestone { date, .. } => *date = new,
            Event::PhasedSale { start, end, .. } => {
                let len = *end - *start;
                *start = new;
                *end = new + len;
            }
        }
    }

    /// The caption, possibly empty.
    pub fn caption(&self) -> &str {
        match self {
            Event::Transfer { caption, .. }
            | Event::Buyback { caption, .. }
            | Event::Cancellation { caption, .. }
            | Event::Issue { caption, .. }
            | Event::PhasedSale { caption, .. }
            | Event::SetVoteCap { caption, .. }
            | Event::LiftVoteCap { caption, .. }
            | Event::SetRule { caption, .. }
            | Event::SetBehaviour { caption, .. }
            | Event::VoteCount { caption, .. }
            | Event::Milestone { caption, .. } => caption,
        }
    }

    /// The caption, to edit.
    pub fn caption_mut(&mut self) -> &mut String {
        match self {
            Event::Transfer { caption, .. }
            | Event::Buyback { caption, .. }
            | Event::Cancellation { caption, .. }
            | Event::Issue { caption, .. }
            | Event::PhasedSale { caption, .. }
            | Event::SetVoteCap { caption, .. }
            | Event::LiftVoteCap { caption, .. }
            | Event::SetRule { caption, .. }
            | Event::SetBehaviour { caption, .. }
            | Event::VoteCount { caption, .. }
            | Event::Milestone { caption, .. } => caption,
        }
    }

    /// Where the event's figures come from, when the file says (`source: "…"`).
    pub fn source(&self) -> Option<&str> {
        match self {
            Event::Transfer { source, .. }
            | Event::Buyback { source, .. }
            | Event::Cancellation { source, .. }
            | Event::Issue { source, .. }
            | Event::PhasedSale { source, .. }
            | Event::SetVoteCap { source, .. }
            | Event::LiftVoteCap { source, .. }
            | Event::SetRule { source, .. }
            | Event::VoteCount { source, .. }
            | Event::Milestone { source, .. } => source.as_deref(),
            Event::SetBehaviour { setting, .. } => setting.source.as_deref(),
        }
    }

    /// The entity ids the event names (parties, issuer, holder).
    pub fn parties(&self) -> Vec<&str> {
        match self {
            Event::Transfer { issuer, from, to, .. } => vec![issuer, from, to],
            Event::Buyback { issuer, from, .. } => vec![issuer, from],
            Event::Cancellation { issuer, .. } | Event::VoteCount { issuer, .. } => vec![issuer],
            Event::Issue { issuer, to, .. } => vec![issuer, to],
            Event::PhasedSale { issuer, seller, buyer, .. } => vec![issuer, seller, buyer],
            Event::SetVoteCap { cap, .. } => vec![&cap.holder, &cap.issuer],
            Event::LiftVoteCap { holder, issuer, .. } => vec![holder, issuer],
            Event::SetBehaviour { setting, .. } => {
                let mut v = vec![&setting.holder];
                v.extend(setting.issuer.as_ref());
                if let Behaviour::Follows(leader) = &setting.behaviour {
                    v.push(leader);
                }
                v
            }
            Event::SetRule { .. } | Event::Milestone { .. } => Vec::new(),
        }
        .into_iter()
        .map(String::as_str)
        .collect()
    }

    /// The kind of event, for people.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Event::Transfer { .. } => "transfer",
            Event::Buyback { .. } => "buyback",
            Event::Cancellation { .. } => "cancellation",
            Event::Issue { .. } => "share issue",
            Event::PhasedSale { .. } => "phased sale",
            Event::SetVoteCap { .. } => "vote cap set",
            Event::LiftVoteCap { .. } => "vote cap lifted",
            Event::SetRule { .. } => "rule switched",
            Event::SetBehaviour { .. } => "behaviour set",
            Event::VoteCount { .. } => "published vote count",
            Event::Milestone { .. } => "milestone",
        }
    }
}
