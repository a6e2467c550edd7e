//! Why a replay stops: an event that cannot happen on its date, with the figures a fix needs
//! and the message that names it.

use chrono::NaiveDate;

use crate::model::Scenario;
use crate::model::error::ValidationError;

/// An event that cannot happen on its date given what came before.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The date on which it fails.
    pub date: NaiveDate,
    /// Indices of the events at fault (several when same-date events net out wrong).
    pub events: Vec<usize>,
    /// What kind of impossibility, with the figures a fix needs.
    pub kind: ConflictKind,
    /// The message: item, date, problem and what to do.
    pub error: ValidationError,
}

/// Why an event cannot happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConflictKind {
    /// A party sells more shares of `issuer` than it holds on the date.
    Oversold {
        /// The seller.
        holder: String,
        /// The issuer.
        issuer: String,
        /// Shares held before the date's events.
        held: u64,
        /// Shares sold on the date, net of shares received.
        sold: u64,
    },
    /// A `down_to` asks the seller to keep more than it holds (that would be a purchase).
    AboveHolding {
        /// The seller.
        holder: String,
        /// The issuer.
        issuer: String,
        /// Shares held on the date.
        held: u64,
        /// Shares the seller should keep.
        target: u64,
    },
    /// Anything else: treasury or float below zero, a published vote count the holdings
    /// contradict, two events setting one thing to two values on a date.
    Other,
}

pub(super) fn conflict(s: &Scenario, a: usize, b: usize, date: NaiveDate, what: &str) -> Box<Conflict> {
    let error = ValidationError::new(
        format!("events {} and {}", a + 1, b + 1),
        Some(date),
        format!(
            "they set {what} to two different values on the same date ({}; {})",
            s.events.get(a).map_or_else(String::new, |e| s.event_summary_with_ids(e)),
            s.events.get(b).map_or_else(String::new, |e| s.event_summary_with_ids(e))
        ),
        "keep one of them, or move one to another date",
    );
    Box::new(Conflict { date, events: vec![a, b], kind: ConflictKind::Other, error })
}
