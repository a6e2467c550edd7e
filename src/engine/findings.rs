//! Findings: what a reader should notice on each date.
//!
//! State findings hold on the date itself (which rule switched which votes off, control,
//! blocking minorities, holders above a bid threshold); crossing findings compare the date
//! with the change point before it (a holder crossing 5, 10, 15, 20, 25, 30, 1/3, 50 or 2/3
//! of an issuer's capital or theoretical votes, up or down).

use chrono::NaiveDate;

use super::IssuerResult;
use super::votes::{RuleOutcome, VoteStatus};
use crate::model::{Jurisdiction, RuleName, Scenario};

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
    /// A holder has more than a third of the votes cast.
    BlockingMinority,
    /// A holder is at or above 30% of a French issuer's capital or votes.
    MandatoryBid,
    /// A holder is above the Japanese tender-offer threshold in force.
    TenderOffer,
    /// A holder crossed a capital threshold since the previous date.
    ThresholdCapital,
    /// A holder crossed a votes threshold since the previous date.
    ThresholdVotes,
    /// The rules' fixed point fell into a cycle.
    Cycle,
    /// A power index is degenerate (a single major facing only an ocean).
    DegeneratePower,
    /// Look-through ownership is undefined on this date (a closed group of companies owning
    /// one another wholly), or could not be computed.
    LookThroughUndefined,
    /// An ultimate holder decides at a company through the network of meetings.
    IndirectDecides,
    /// An ultimate holder's indirect power crossed 50% since the previous date.
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
    /// A sentence for people.
    pub detail: String,
}

/// The thresholds watched for crossings, as (numerator, denominator, label).
pub const THRESHOLDS: [(u64, u64, &str); 9] = [
    (5, 100, "5%"),
    (10, 100, "10%"),
    (15, 100, "15%"),
    (20, 100, "20%"),
    (25, 100, "25%"),
    (30, 100, "30%"),
    (1, 3, "1/3"),
    (50, 100, "50%"),
    (2, 3, "2/3"),
];

/// The date from which Japan's tender-offer threshold is 30% instead of one third
/// (2024 amendment of the Financial Instruments and Exchange Act) [check].
pub fn japan_tender_offer_change() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or(NaiveDate::MIN)
}

/// Percent with two decimals, for details.
fn pct(n: u64, d: u64) -> String {
    if d == 0 { "0%".into() } else { format!("{:.2}%", n as f64 * 100.0 / d as f64) }
}

/// Whether n/d ≥ p/q, exactly.
fn at_least(n: u64, d: u64, p: u64, q: u64) -> bool {
    d > 0 && u128::from(n) * u128::from(q) >= u128::from(p) * u128::from(d)
}

/// The state findings of one date.
pub fn state_findings(s: &Scenario, date: NaiveDate, issuers: &[IssuerResult], rules: &RuleOutcome) -> Vec<Finding> {
    let mut out = Vec::new();
    let name = |id: &str| s.name_of(id).to_string();
    if rules.cycle != 1 {
        let detail = if rules.cycle == 0 {
            format!("the rules did not settle within {} iterations; the last state reached is shown", rules.iterations)
        } else {
            format!(
                "the rules do not settle: their application cycles with period {}; the last state of the cycle is shown",
                rules.cycle
            )
        };
        out.push(Finding { kind: FindingKind::Cycle, holder: None, issuer: None, detail });
    }
    for (a, controlled) in &rules.control {
        for b in controlled {
            out.push(Finding {
                kind: FindingKind::Control,
                holder: Some(a.clone()),
                issuer: Some(b.clone()),
                detail: format!("{} controls {} (L233-3 test on votes)", name(a), name(b)),
            });
        }
    }
    for iv in issuers.iter().map(|x| &x.votes) {
        let jurisdiction = s.entity(&iv.issuer).and_then(|e| match e.kind {
            crate::model::EntityKind::Company { jurisdiction, .. } => Some(jurisdiction),
            _ => None,
        });
        for h in &iv.holders {
            let who = || (Some(h.holder.clone()), Some(iv.issuer.clone()));
            let (holder, issuer) = who();
            match (h.status, h.rule) {
                (VoteStatus::Suppressed, Some(rule)) => out.push(Finding {
                    kind: FindingKind::VotesOff,
                    holder,
                    issuer,
                    detail: format!(
                        "{} votes of {} at {} are switched off by {}",
                        h.theoretical_votes,
                        name(&h.holder),
                        name(&iv.issuer),
                        rule.label()
                    ),
                }),
                (VoteStatus::Neutral, _) => out.push(Finding {
                    kind: FindingKind::Neutral,
                    holder,
                    issuer,
                    detail: format!(
                        "{} votes of {} at {} are neutral ({})",
                        h.exercisable_votes,
                        name(&h.holder),
                        name(&iv.issuer),
                        RuleName::TrustNeutral.label()
                    ),
                }),
                (VoteStatus::Capped, _) => out.push(Finding {
                    kind: FindingKind::Capped,
                    holder,
                    issuer,
                    detail: format!(
                        "{} of {}'s {} votes at {} are neutral under its vote cap",
                        h.exercisable_votes - h.game_votes,
                        name(&h.holder),
                        h.exercisable_votes,
                        name(&iv.issuer)
                    ),
                }),
                _ => {}
            }
            if iv.game_total > 0 && u128::from(h.game_votes) * 3 > u128::from(iv.game_total) {
                let (holder, issuer) = who();
                out.push(Finding {
                    kind: FindingKind::BlockingMinority,
                    holder,
                    issuer,
                    detail: format!(
                        "{} has {} of the votes cast at {}: more than a third, enough to block a special resolution",
                        name(&h.holder),
                        pct(h.game_votes, iv.game_total),
                        name(&iv.issuer)
                    ),
                });
            }
            let capital_at = |p, q| at_least(h.shares, iv.issued_shares, p, q);
            let votes_at = |p, q| at_least(h.theoretical_votes, iv.theoretical_votes, p, q);
            match jurisdiction {
                Some(Jurisdiction::France) if capital_at(30, 100) || votes_at(30, 100) => {
                    let (holder, issuer) = who();
                    out.push(Finding { kind: FindingKind::MandatoryBid, holder, issuer, detail: format!("{} holds {} of {}'s capital and {} of its votes: at or above the 30% mandatory-bid threshold (CMF L433-3)", name(&h.holder), pct(h.shares, iv.issued_shares), name(&iv.issuer), pct(h.theoretical_votes, iv.theoretical_votes)) });
                }
                Some(Jurisdiction::Japan) => {
                    let (p, q, label) =
                        if date >= japan_tender_offer_change() { (30, 100, "30%") } else { (1, 3, "one third") };
                    if votes_at(p, q) {
                        let (holder, issuer) = who();
                        out.push(Finding { kind: FindingKind::TenderOffer, holder, issuer, detail: format!("{} holds {} of {}'s votes: above Japan's tender-offer threshold of {label} in force on {date}", name(&h.holder), pct(h.theoretical_votes, iv.theoretical_votes), name(&iv.issuer)) });
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Threshold crossings between two consecutive dates.
pub fn crossings(s: &Scenario, before: &[IssuerResult], after: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    for iv in after.iter().map(|x| &x.votes) {
        let Some(prev) = before.iter().map(|x| &x.votes).find(|p| p.issuer == iv.issuer) else { continue };
        let mut holders: Vec<&str> = iv
            .holders
            .iter()
            .map(|h| h.holder.as_str())
            .chain(prev.holders.iter().map(|h| h.holder.as_str()))
            .collect();
        holders.sort_unstable();
        holders.dedup();
        for h in holders {
            let old = prev.holder(h);
            let new = iv.holder(h);
            let shares = |x: Option<&super::votes::HolderVotes>| x.map_or(0, |x| x.shares);
            let votes = |x: Option<&super::votes::HolderVotes>| x.map_or(0, |x| x.theoretical_votes);
            let measures = [
                (
                    FindingKind::ThresholdCapital,
                    "capital",
                    shares(old),
                    prev.issued_shares,
                    shares(new),
                    iv.issued_shares,
                ),
                (
                    FindingKind::ThresholdVotes,
                    "votes",
                    votes(old),
                    prev.theoretical_votes,
                    votes(new),
                    iv.theoretical_votes,
                ),
            ];
            for (kind, what, n0, d0, n1, d1) in measures {
                for (p, q, label) in THRESHOLDS {
                    let was = at_least(n0, d0, p, q);
                    let is = at_least(n1, d1, p, q);
                    if was != is {
                        out.push(Finding {
                            kind,
                            holder: Some(h.to_string()),
                            issuer: Some(iv.issuer.clone()),
                            detail: format!(
                                "{} crossed {label} of {}'s {what} {} ({} → {})",
                                s.name_of(h),
                                s.name_of(&iv.issuer),
                                if is { "upward" } else { "downward" },
                                pct(n0, d0),
                                pct(n1, d1)
                            ),
                        });
                    }
                }
            }
        }
    }
    out
}
