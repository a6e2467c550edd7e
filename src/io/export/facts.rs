//! The assumptions and the sources of a scenario as rows of text, for the board pack's
//! Assumptions and Sources pages ([`super::deck`]) and the workbook's sheets of the same names
//! ([`super::workbook`]), so both say the same thing in the same words.
//!
//! Assumptions: the meeting (float model and turnout), the rules and the readings of the law,
//! each vote cap and its reading, each kind of resolution with its quota, each holder's
//! behaviour; each with the `source:` the file gives, or "no source in the file". Sources:
//! every `source:` of the file, grouped by entity (the entity, its holdings, the caps on it,
//! its behaviours) and then by event (title and date), in file order.

use crate::model::{
    Behaviour, CapReading, ControlTest, FloatModel, QuarterTest, RuleName, Scenario, capitalised, percent, thousands,
};

/// One row of the Assumptions or Sources page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The heading the row sits under ("Meeting", an entity's name, "Events").
    pub group: String,
    /// What the row is about ("Float turnout", "Nissan holds 15% of Renault").
    pub item: String,
    /// Its value or reading ("30%", "free (a player)"); empty on the Sources page.
    pub value: String,
    /// The file's `source:`, or [`NO_SOURCE`].
    pub source: String,
}

/// What a row says when the file gives no source.
pub const NO_SOURCE: &str = "no source in the file";

fn fact(group: &str, item: String, value: String, source: Option<&str>) -> Fact {
    Fact { group: group.to_string(), item, value, source: source.unwrap_or(NO_SOURCE).to_string() }
}

/// The float model in words.
pub fn float_model(model: FloatModel) -> String {
    match model {
        FloatModel::Ocean => "an ocean of very many small holders".to_string(),
        FloatModel::EqualHolders(n) => format!("{} equal holders", thousands(u64::from(n))),
        FloatModel::Leech(n) => format!("{} equal holders (Leech's normal approximation)", thousands(u64::from(n))),
    }
}

/// The modelling choices of `s`, in the order of the Assumptions page.
pub fn assumptions(s: &Scenario) -> Vec<Fact> {
    let mut out = vec![
        fact("Meeting", "Float model (every issuer)".into(), float_model(s.meeting.float_model), None),
        fact(
            "Meeting",
            "Float turnout (every issuer)".into(),
            format!("{} of the float's votes are cast", percent(s.meeting.float_turnout)),
            None,
        ),
    ];
    for rule in RuleName::ALL {
        let on = if s.rules.is_on(rule) { "on at the start" } else { "off at the start" };
        out.push(fact("Rules", capitalised(rule.label()), on.into(), None));
    }
    let control = match s.rules.control_test {
        ControlTest::ExercisableVotes => "counts the votes the controller can exercise",
        ControlTest::TheoreticalVotes => "counts theoretical votes",
    };
    out.push(fact("Rules", "French control test (L233-3)".into(), control.into(), None));
    let quarter = match s.rules.quarter_test {
        QuarterTest::HeldVotes => "counts the votes held, treasury aside",
        QuarterTest::ExercisableVotes => "counts only exercisable votes",
    };
    out.push(fact("Rules", "Japanese quarter test (art. 308(1))".into(), quarter.into(), None));
    for cap in &s.vote_caps {
        let reading = match cap.reading {
            CapReading::OfTotalAfterCap => "of the total after capping",
            CapReading::OfTotalBeforeCap => "of the exercisable votes before capping",
        };
        let mut value = format!("at most {} {reading}", percent(cap.cap));
        if let Some(other) = &cap.lapses_when_exercisable {
            value.push_str(&format!("; lapses while {}'s votes there can be exercised", s.name_of(other)));
        }
        let item = format!("Vote cap on {} at {}", s.name_of(&cap.holder), s.name_of(&cap.issuer));
        out.push(fact("Vote caps", item, value, cap.source.as_deref()));
    }
    for kind in s.resolution_kinds() {
        let value = format!("passes with {} of the votes in play", kind.quota.label());
        out.push(fact("Resolution kinds", kind.name.clone(), value, kind.source.as_deref()));
    }
    for b in &s.behaviours {
        let at = b.issuer.as_deref().map_or("every issuer".to_string(), |i| s.name_of(i).to_string());
        let kind = b.kind.as_deref().map_or("every kind".to_string(), |k| kind_name(s, k));
        let value = match &b.behaviour {
            Behaviour::Follows(h) => format!("follows {}", s.name_of(h)),
            other => other.label(),
        };
        out.push(fact("Behaviours", format!("{} at {at}, {kind}", s.name_of(&b.holder)), value, b.source.as_deref()));
    }
    out
}

fn kind_name(s: &Scenario, id: &str) -> String {
    s.resolution_kinds().into_iter().find(|k| k.id == id).map_or(id.to_string(), |k| k.name)
}

/// Every `source:` of `s`: grouped by entity (its own, its holdings, the caps on it and its
/// behaviours), then the kinds of resolution, then the events by date; items without a
/// source are left out (see [`unsourced`]).
pub fn sources(s: &Scenario) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut push = |group: &str, item: String, source: &Option<String>| {
        if let Some(text) = source {
            out.push(fact(group, item, String::new(), Some(text)));
        }
    };
    for e in &s.entities {
        push(&e.name, format!("{} (the entity)", e.name), &e.source);
        for h in s.holdings.iter().filter(|h| h.holder == e.id) {
            let item = format!("{} shares of {} held at the start", thousands(h.shares), s.name_of(&h.issuer));
            push(&e.name, item, &h.source);
        }
        for cap in s.vote_caps.iter().filter(|c| c.holder == e.id) {
            push(&e.name, format!("Vote cap at {}", s.name_of(&cap.issuer)), &cap.source);
        }
        for b in s.behaviours.iter().filter(|b| b.holder == e.id) {
            push(&e.name, format!("Behaviour: {}", b.behaviour.label()), &b.source);
        }
    }
    for kind in &s.kinds {
        push("Resolution kinds", kind.name.clone(), &kind.source);
    }
    let mut events: Vec<_> = s.events.iter().collect();
    events.sort_by_key(|e| e.date());
    for e in events {
        let source = e.source().map(str::to_string);
        push("Events", format!("{} ({})", s.event_title(e), e.date()), &source);
    }
    out
}

/// How many items of `s` that could carry a `source:` carry none.
pub fn unsourced(s: &Scenario) -> usize {
    let missing = |x: &Option<String>| usize::from(x.is_none());
    s.entities.iter().map(|e| missing(&e.source)).sum::<usize>()
        + s.holdings.iter().map(|h| missing(&h.source)).sum::<usize>()
        + s.vote_caps.iter().map(|c| missing(&c.source)).sum::<usize>()
        + s.behaviours.iter().map(|b| missing(&b.source)).sum::<usize>()
        + s.kinds.iter().map(|k| missing(&k.source)).sum::<usize>()
        + s.events.iter().filter(|e| e.source().is_none()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_of_the_default_is_listed_once_under_its_entity_or_event() {
        let s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let rows = sources(&s);
        let given = s.entities.iter().filter(|e| e.source.is_some()).count()
            + s.holdings.iter().filter(|h| h.source.is_some()).count()
            + s.vote_caps.iter().filter(|c| c.source.is_some()).count()
            + s.behaviours.iter().filter(|b| b.source.is_some()).count()
            + s.kinds.iter().filter(|k| k.source.is_some()).count()
            + s.events.iter().filter(|e| e.source().is_some()).count();
        assert_eq!(rows.len(), given);
        assert!(rows.iter().all(|r| r.source != NO_SOURCE && !r.source.is_empty()));
        let events = rows.iter().filter(|r| r.group == "Events").count();
        assert_eq!(events, s.events.iter().filter(|e| e.source().is_some()).count());
    }

    #[test]
    fn assumptions_name_the_float_the_rules_and_every_kind() {
        let s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let rows = assumptions(&s);
        assert!(rows.iter().any(|r| r.item.starts_with("Float turnout") && r.value.contains('%')));
        assert_eq!(rows.iter().filter(|r| r.group == "Rules").count(), RuleName::ALL.len() + 2);
        assert_eq!(rows.iter().filter(|r| r.group == "Resolution kinds").count(), s.resolution_kinds().len());
        assert_eq!(rows.iter().filter(|r| r.group == "Vote caps").count(), s.vote_caps.len());
    }
}
