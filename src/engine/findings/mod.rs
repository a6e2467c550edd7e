//! Findings: what a reader should notice on each date.
//!
//! State findings hold on the date itself (which rule switched which votes off, control,
//! blocking minorities, holders above a bid threshold); crossing findings compare the date
//! with the change point before it (a holder crossing 5, 10, 15, 20, 25, 30, 1/3, 50 or 2/3
//! of an issuer's capital or theoretical votes, up or down).

use chrono::NaiveDate;

use std::collections::BTreeMap;

use super::IssuerResult;
use super::votes::{HolderVotes, IssuerVotes, RuleOutcome, VoteStatus};

mod finding;
pub(crate) mod group;
mod power;

use crate::model::{Jurisdiction, RuleName, Scenario, thousands};
pub(crate) use finding::{Entities, pct};
pub use finding::{Finding, FindingKind};
pub use power::{blocking_findings, degenerate_findings};

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

/// Whether n/d ≥ p/q, exactly.
fn at_least(n: u64, d: u64, p: u64, q: u64) -> bool {
    d > 0 && u128::from(n) * u128::from(q) >= u128::from(p) * u128::from(d)
}

/// The state findings of one date.
pub fn state_findings(s: &Scenario, issuers: &[IssuerResult], rules: &RuleOutcome) -> Vec<Finding> {
    let entities = Entities::of(s);
    let mut out = rules_findings(rules, &entities);
    for issuer_votes in issuers.iter().map(|x| &x.votes) {
        let jurisdiction = entities.jurisdiction(&issuer_votes.issuer);
        for holder_votes in &issuer_votes.holders {
            out.extend(vote_status_finding(holder_votes, issuer_votes, &entities));
            if jurisdiction == Some(Jurisdiction::France) {
                out.extend(mandatory_bid_finding(holder_votes, issuer_votes, &entities));
            }
        }
    }
    out
}

/// What the rules' fixed point found: a failure to settle, and every control relation.
fn rules_findings(rules: &RuleOutcome, entities: &Entities) -> Vec<Finding> {
    let mut out = Vec::new();
    let name = |id: &str| entities.name(id).to_string();
    if rules.cycle != 1 {
        let detail = if rules.cycle == 0 {
            format!("the rules did not settle within {} iterations; the last state reached is shown", rules.iterations)
        } else {
            format!(
                "the rules do not settle: their application cycles with period {}; \
                 the last state of the cycle is shown",
                rules.cycle
            )
        };
        out.push(Finding { kind: FindingKind::Cycle, holder: None, issuer: None, kinds: Vec::new(), detail });
    }
    for (a, controlled) in &rules.control {
        for b in controlled {
            out.push(Finding {
                kind: FindingKind::Control,
                holder: Some(a.clone()),
                issuer: Some(b.clone()),
                kinds: Vec::new(),
                detail: format!("{} controls {} (L233-3 test on votes)", name(a), name(b)),
            });
        }
    }
    out
}

/// A holder's votes switched off by a rule, neutral, or capped at one meeting, if they are.
fn vote_status_finding(h: &HolderVotes, iv: &IssuerVotes, entities: &Entities) -> Option<Finding> {
    let name = |id: &str| entities.name(id).to_string();
    let (holder, issuer) = (Some(h.holder.clone()), Some(iv.issuer.clone()));
    match (h.status, h.rule) {
        (VoteStatus::Suppressed, Some(rule)) => Some(Finding {
            kind: FindingKind::VotesOff,
            holder,
            issuer,
            kinds: Vec::new(),
            detail: format!(
                "{} votes of {} at {} are switched off by {}",
                thousands(h.theoretical_votes),
                name(&h.holder),
                name(&iv.issuer),
                rule.label()
            ),
        }),
        (VoteStatus::Neutral, _) => Some(Finding {
            kind: FindingKind::Neutral,
            holder,
            issuer,
            kinds: Vec::new(),
            detail: format!(
                "{} votes of {} at {} are neutral ({})",
                thousands(h.exercisable_votes),
                name(&h.holder),
                name(&iv.issuer),
                RuleName::TrustNeutral.label()
            ),
        }),
        (VoteStatus::Capped, _) => Some(Finding {
            kind: FindingKind::Capped,
            holder,
            issuer,
            kinds: Vec::new(),
            detail: format!(
                "{} of {}'s {} votes at {} are neutral under its vote cap",
                thousands(h.exercisable_votes - h.game_votes),
                name(&h.holder),
                thousands(h.exercisable_votes),
                name(&iv.issuer)
            ),
        }),
        _ => None,
    }
}

/// A holder at or above the 30% mandatory-bid threshold of a French company, in capital or votes.
fn mandatory_bid_finding(h: &HolderVotes, iv: &IssuerVotes, entities: &Entities) -> Option<Finding> {
    let capital_at = |p, q| at_least(h.shares, iv.issued_shares, p, q);
    let votes_at = |p, q| at_least(h.theoretical_votes, iv.theoretical_votes, p, q);
    if !(capital_at(30, 100) || votes_at(30, 100)) {
        return None;
    }
    let detail = format!(
        "{} holds {} of {}'s capital and {} of its votes: \
         at or above the 30% mandatory-bid threshold (CMF L433-3)",
        entities.name(&h.holder),
        pct(h.shares, iv.issued_shares),
        entities.name(&iv.issuer),
        pct(h.theoretical_votes, iv.theoretical_votes)
    );
    Some(Finding {
        kind: FindingKind::MandatoryBid,
        holder: Some(h.holder.clone()),
        issuer: Some(iv.issuer.clone()),
        kinds: Vec::new(),
        detail,
    })
}

/// Japan's tender-offer threshold in force on `date`, as (numerator, denominator, label).
fn tender_offer_threshold(date: NaiveDate) -> (u64, u64, &'static str) {
    if date >= japan_tender_offer_change() { (30, 100, "30%") } else { (1, 3, "one third") }
}

/// Japan's tender-offer rule: a finding when an acquisition (a holder's shares grow) takes a
/// holder across the threshold in force, or when the law lowers the threshold under a holding.
/// A holding that crossed nothing (one held since before the scenario) gives none.
fn tender_offer_crossings(
    entities: &Entities,
    (d0, prev): (NaiveDate, &super::votes::IssuerVotes),
    (d1, iv): (NaiveDate, &super::votes::IssuerVotes),
    holder: &str,
) -> Option<Finding> {
    let (p0, q0, _) = tender_offer_threshold(d0);
    let (p1, q1, label) = tender_offer_threshold(d1);
    let (old, new) = (prev.holder(holder), iv.holder(holder));
    let (s0, v0) = old.map_or((0, 0), |h| (h.shares, h.theoretical_votes));
    let (s1, v1) = new.map_or((0, 0), |h| (h.shares, h.theoretical_votes));
    let was = at_least(v0, prev.theoretical_votes, p0, q0);
    let is = at_least(v1, iv.theoretical_votes, p1, q1);
    let law_changed = (p0, q0) != (p1, q1);
    if was || !is || !(s1 > s0 || law_changed) {
        return None;
    }
    let how = if s1 > s0 { "an acquisition takes it" } else { "the law's lower threshold leaves it" };
    Some(Finding {
        kind: FindingKind::TenderOffer,
        holder: Some(holder.to_string()),
        issuer: Some(iv.issuer.clone()),
        kinds: Vec::new(),
        detail: format!(
            "{how}: {} goes from {} to {} of {}'s votes, across Japan's tender-offer threshold of {label} in \
            force on {d1}",
            entities.name(holder),
            pct(v0, prev.theoretical_votes),
            pct(v1, iv.theoretical_votes),
            entities.name(&iv.issuer)
        ),
    })
}

/// Threshold crossings between two consecutive dates.
pub fn crossings(
    s: &Scenario,
    (d0, before): (NaiveDate, &[IssuerResult]),
    (d1, after): (NaiveDate, &[IssuerResult]),
) -> Vec<Finding> {
    let mut out = Vec::new();
    let entities = Entities::of(s);
    let before: BTreeMap<&str, &super::votes::IssuerVotes> =
        before.iter().rev().map(|x| (x.votes.issuer.as_str(), &x.votes)).collect();
    for iv in after.iter().map(|x| &x.votes) {
        let Some(&prev) = before.get(iv.issuer.as_str()) else { continue };
        let japanese = entities.jurisdiction(&iv.issuer) == Some(Jurisdiction::Japan);
        let mut holders: Vec<&str> = iv
            .holders
            .iter()
            .map(|h| h.holder.as_str())
            .chain(prev.holders.iter().map(|h| h.holder.as_str()))
            .collect();
        holders.sort_unstable();
        holders.dedup();
        for h in holders {
            if japanese {
                out.extend(tender_offer_crossings(&entities, (d0, prev), (d1, iv), h));
            }
            out.extend(threshold_crossings(&entities, h, prev, iv));
        }
    }
    out
}

/// The thresholds one holder crossed at one issuer between two dates, one finding per measure
/// (every threshold crossed in one line: they are all crossed the same way). Where the votes
/// moved exactly as the capital did (one vote a share), one line says both.
fn threshold_crossings(
    entities: &Entities,
    holder: &str,
    prev: &super::votes::IssuerVotes,
    iv: &super::votes::IssuerVotes,
) -> Vec<Finding> {
    let (old, new) = (prev.holder(holder), iv.holder(holder));
    let shares = |x: Option<&HolderVotes>| x.map_or(0, |x| x.shares);
    let votes = |x: Option<&HolderVotes>| x.map_or(0, |x| x.theoretical_votes);
    let measures = [
        (FindingKind::ThresholdCapital, (shares(old), prev.issued_shares), (shares(new), iv.issued_shares)),
        (FindingKind::ThresholdVotes, (votes(old), prev.theoretical_votes), (votes(new), iv.theoretical_votes)),
    ];
    // Per measure: the thresholds crossed, whether upward, and the shares before and after.
    let crossed: Vec<(FindingKind, Vec<String>, bool, String, String)> = measures
        .into_iter()
        .filter_map(|(kind, (n0, d0), (n1, d1))| {
            let labels: Vec<(u64, u64, &str)> =
                THRESHOLDS.into_iter().filter(|&(p, q, _)| at_least(n0, d0, p, q) != at_least(n1, d1, p, q)).collect();
            let &(p, q, _) = labels.first()?;
            let labels = labels.iter().map(|l| l.2.to_string()).collect();
            Some((kind, labels, at_least(n1, d1, p, q), pct(n0, d0), pct(n1, d1)))
        })
        .collect();
    let same = crossed.len() == 2
        && crossed[0].1 == crossed[1].1
        && crossed[0].3 == crossed[1].3
        && crossed[0].4 == crossed[1].4;
    crossed
        .iter()
        .take(if same { 1 } else { 2 })
        .map(|(kind, labels, upward, from, to)| {
            let what = match (same, kind) {
                (true, _) => "capital and votes",
                (false, FindingKind::ThresholdCapital) => "capital",
                (false, _) => "votes",
            };
            Finding {
                kind: *kind,
                holder: Some(holder.to_string()),
                issuer: Some(iv.issuer.clone()),
                kinds: Vec::new(),
                detail: format!(
                    "{} crossed {} of {}'s {what} {} ({from} → {to})",
                    entities.name(holder),
                    group::join(labels),
                    entities.name(&iv.issuer),
                    if *upward { "upward" } else { "downward" },
                ),
            }
        })
        .collect()
}
