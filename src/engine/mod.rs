//! The engine: turns a scenario into the state of every holding and every vote on every
//! change point, with voting power, balance, look-through ownership and findings.
//!
//! Pure: no egui, no IO. Between events nothing changes, so only change points are evaluated
//! and every series is a step function.

pub mod analysis;
pub mod balance;
pub mod compare;
pub mod findings;
pub mod kinds;
pub mod look_through;
pub mod ownership;
pub mod power;
pub mod sensitivity;
pub mod votes;

use chrono::NaiveDate;

use crate::model::validate::{self, ValidationError};
use crate::model::{Scenario, ledger};

pub use analysis::{IssuerResult, KindResult, Measure, Power, PowerSet};
pub use balance::{Balance, ratio};
pub use findings::{Finding, FindingKind};
pub use kinds::{Counted, Decided, HolderPlay, KindGame};
pub use votes::{HolderVotes, IssuerVotes, RuleOutcome, VoteStatus};

/// The results on one change point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The date from which these results hold (until the next point).
    pub date: NaiveDate,
    /// Indices of the scenario's events that take effect on this date.
    pub events: Vec<usize>,
    /// Votes and power at each issuer, ordered by issuer id.
    pub issuers: Vec<IssuerResult>,
    /// What the rules' fixed point found (control relations, convergence).
    pub rules: RuleOutcome,
    /// Balance of each reported pair.
    pub balance: Vec<Balance>,
    /// Look-through ownership on economic rights.
    pub ownership: look_through::LookThrough,
    /// Findings: state on this date, and crossings since the previous point.
    pub findings: Vec<Finding>,
}

impl Point {
    /// The results at one issuer.
    pub fn issuer(&self, id: &str) -> Option<&IssuerResult> {
        self.issuers.iter().find(|x| x.votes.issuer == id)
    }
}

/// The results of a whole scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// One point per change date, in date order.
    pub points: Vec<Point>,
}

impl Evaluation {
    /// The point in force on `date` (the last point on or before it; the first if before all).
    pub fn at(&self, date: NaiveDate) -> Option<&Point> {
        let k = self.points.partition_point(|p| p.date <= date);
        self.points.get(k.saturating_sub(1))
    }

    /// Index of the point in force on `date`.
    pub fn index_at(&self, date: NaiveDate) -> usize {
        self.points.partition_point(|p| p.date <= date).saturating_sub(1)
    }
}

/// Dates on which the law itself changes what the findings say (Japan's tender-offer
/// threshold), added as change points when they fall inside the window.
fn add_law_dates(s: &Scenario, entries: &mut Vec<ledger::Entry>) {
    let d = findings::japan_tender_offer_change();
    if d <= s.start || d > s.end || entries.iter().any(|e| e.date == d) {
        return;
    }
    let k = entries.partition_point(|e| e.date < d);
    if let Some(prev) = k.checked_sub(1).and_then(|p| entries.get(p)) {
        let entry = ledger::Entry { date: d, events: Vec::new(), register: prev.register.clone() };
        entries.insert(k, entry);
    }
}

/// Evaluates a scenario at every change point. Fails with the first problem of the scenario.
pub fn evaluate(s: &Scenario) -> Result<Evaluation, ValidationError> {
    if let Some(first) = validate::problems(s).into_iter().next() {
        return Err(first);
    }
    let mut entries = ledger::replay(s)?;
    add_law_dates(s, &mut entries);
    let mut staged = Vec::with_capacity(entries.len());
    for e in &entries {
        let (issuers, rules) = votes::votes_on(s, &e.register);
        let results: Vec<IssuerResult> = issuers.into_iter().map(|v| analysis::analyse(v, s, &e.register)).collect();
        staged.push((e, results, rules));
    }
    let pairs = balance::pairs(s, staged.iter().map(|(_, r, _)| r.as_slice()));
    let mut points: Vec<Point> = Vec::with_capacity(staged.len());
    for (e, issuers, rules) in staged {
        let mut found = findings::state_findings(s, &issuers, &rules);
        if let Some(prev) = points.last() {
            found.extend(findings::crossings(s, (prev.date, &prev.issuers), (e.date, &issuers)));
        }
        found.extend(findings::blocking_findings(s, &issuers));
        found.extend(analysis::degenerate_findings(s, &issuers));
        found.sort();
        let ownership = look_through::look_through(s, &e.register);
        points.push(Point {
            date: e.date,
            events: e.events.clone(),
            balance: balance::balances(s, &pairs, &issuers),
            issuers,
            rules,
            ownership,
            findings: found,
        });
    }
    Ok(Evaluation { points })
}
