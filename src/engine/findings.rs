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
use crate::model::{Entity, EntityKind, Jurisdiction, MARKET, RuleName, Scenario, thousands};

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
    fn jurisdiction(&self, id: &str) -> Option<Jurisdiction> {
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
        detail,
    })
}

/// Findings for degenerate or unavailable power indices.
pub fn degenerate_findings(s: &Scenario, issuers: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    let (entities, names) = (Entities::of(s), s.names());
    for x in issuers {
        for k in &x.kinds {
            let (set, kind) = (&k.power, names.kind_in_text(&k.game.kind));
            let issuer = Some(x.votes.issuer.clone());
            if set.degenerate {
                out.push(Finding {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer: issuer.clone(),
                    detail: format!(
                        "at {} ({kind} resolutions) a single blockholder faces only the float: its \
                        normalised Banzhaf index is 1 by construction; read Shapley–Shubik \
                        instead",
                        entities.name(&x.votes.issuer)
                    ),
                });
            }
            if let Some(why) = &set.unavailable {
                out.push(Finding {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer,
                    detail: format!(
                        "power at {} ({kind} resolutions) could not be computed: {why}",
                        entities.name(&x.votes.issuer),
                    ),
                });
            }
        }
    }
    out
}

/// Japan's tender-offer threshold in force on `date`, as (numerator, denominator, label).
fn tender_offer_threshold(date: NaiveDate) -> (u64, u64, &'static str) {
    if date >= japan_tender_offer_change() { (30, 100, "30%") } else { (1, 3, "one third") }
}

/// Blocking minorities per kind of resolution whose quota is above one half: a player (with
/// the votes that follow it) whose votes alone keep the others below the quota.
pub fn blocking_findings(s: &Scenario, issuers: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    let (entities, names) = (Entities::of(s), s.names());
    for x in issuers {
        for kr in &x.kinds {
            let g = &kr.game;
            let f = g.quota.fraction();
            if u128::from(f.numer()) * 2 <= u128::from(f.denom()) || g.total == 0 {
                continue;
            }
            let name = names.kind_in_text(&g.kind);
            for (k, w) in g.players() {
                // Every other free vote yes (committed yes votes are added by `passes`).
                if g.passes(u128::from(g.total - w - g.committed_against - g.committed_for)) {
                    continue;
                }
                let h = &x.votes.holders[k].holder;
                let with = if w > g.holders[k].votes { " with the votes that follow it" } else { "" };
                out.push(Finding {
                    kind: FindingKind::BlockingMinority,
                    holder: Some(h.clone()),
                    issuer: Some(x.votes.issuer.clone()),
                    detail: format!(
                        "{}{with} has {} of the votes in play at {} on {name} resolutions: enough to block them \
                        alone (they need {})",
                        entities.name(h),
                        pct(w, g.total),
                        entities.name(&x.votes.issuer),
                        g.quota.label()
                    ),
                });
            }
        }
    }
    out
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
                                entities.name(h),
                                entities.name(&iv.issuer),
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
