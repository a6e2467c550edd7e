//! What a time chart marks on its date axis: the events ([`Marker`], [`event_markers`]) and the
//! date from which an event cannot happen ([`ConflictMark`]).

use chrono::NaiveDate;

use crate::engine::Evaluation;
use crate::model::Scenario;

/// A dated marker on the time axis (an event or a finding).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Date.
    pub date: NaiveDate,
    /// Short label.
    pub label: String,
}

/// The mark of an event that cannot happen: from its date on, nothing is known.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictMark {
    /// The date of the event that cannot happen.
    pub date: NaiveDate,
    /// A short label: which event, and why.
    pub label: String,
}

impl ConflictMark {
    /// The mark of an evaluation's conflict, if it has one.
    pub fn of(s: &Scenario, ev: &Evaluation) -> Option<ConflictMark> {
        let c = ev.conflict.as_ref()?;
        let what = c
            .events
            .first()
            .and_then(|&k| s.events.get(k))
            .map_or_else(|| "an event".to_string(), |e| format!("\u{201c}{}\u{201d}", s.event_title(e)));
        Some(ConflictMark {
            date: c.date,
            label: format!("Conflict: {what} cannot happen; nothing is known from here"),
        })
    }
}

/// A marker for every event date, labelled with the first caption or event kind.
pub fn event_markers(s: &Scenario, ev: &Evaluation) -> Vec<Marker> {
    ev.points
        .iter()
        .filter(|p| !p.events.is_empty())
        .map(|p| {
            let label = p
                .events
                .iter()
                .filter_map(|&k| s.events.get(k))
                .map(|e| if e.caption().is_empty() { e.kind_label().to_string() } else { e.caption().to_string() })
                .next()
                .unwrap_or_default();
            Marker { date: p.date, label }
        })
        .collect()
}
