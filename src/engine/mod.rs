//! The engine: turns a scenario into the state of every holding and every vote on every
//! change point, with voting power, balance, look-through ownership and findings.
//!
//! Pure: no egui, no IO. Between events nothing changes, so only change points are evaluated
//! and every series is a step function.

pub mod votes;

use chrono::NaiveDate;

use crate::model::validate::{self, ValidationError};
use crate::model::{Scenario, ledger};

pub use votes::{HolderVotes, IssuerVotes, RuleOutcome, VoteStatus};

/// The results on one change point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The date from which these results hold (until the next point).
    pub date: NaiveDate,
    /// Indices of the scenario's events that take effect on this date.
    pub events: Vec<usize>,
    /// Votes at each issuer, ordered by issuer id.
    pub issuers: Vec<IssuerVotes>,
    /// What the rules' fixed point found (control relations, convergence).
    pub rules: RuleOutcome,
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
}

/// Evaluates a scenario at every change point. Fails with the first problem of the scenario.
pub fn evaluate(s: &Scenario) -> Result<Evaluation, ValidationError> {
    if let Some(first) = validate::problems(s).into_iter().next() {
        return Err(first);
    }
    let entries = ledger::replay(s)?;
    let points = entries
        .into_iter()
        .map(|e| {
            let (issuers, rules) = votes::votes_on(s, &e.register);
            Point { date: e.date, events: e.events, issuers, rules }
        })
        .collect();
    Ok(Evaluation { points })
}
