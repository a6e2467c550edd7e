//! The differences between the inputs of two scenarios: holdings, caps and events added,
//! removed or changed, and changed settings. Pure; compare mode shows it as a list.

use std::collections::BTreeMap;

use super::{Event, Scenario};

/// How an input differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Only in the second scenario.
    Added,
    /// Only in the first scenario.
    Removed,
    /// In both, with different values.
    Changed,
}

impl Change {
    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One difference between the inputs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputChange {
    /// What kind of difference.
    pub change: Change,
    /// What differs ("holding renault in nissan", "event: transfer …").
    pub item: String,
    /// The values: "A → B", or the one value.
    pub detail: String,
}

/// The differences from scenario `a` to scenario `b`, in a stable order.
pub fn inputs(a: &Scenario, b: &Scenario) -> Vec<InputChange> {
    let mut out = Vec::new();
    settings(a, b, &mut out);
    let holdings = |s: &Scenario| -> BTreeMap<(String, String), (u64, u64)> {
        s.holdings.iter().map(|h| ((h.holder.clone(), h.issuer.clone()), (h.shares, h.double_voting_shares))).collect()
    };
    // Entities by name as people know them (the second scenario's names, else the first's).
    let name = |id: &str| if b.entity(id).is_some() { b.name_of(id) } else { a.name_of(id) }.to_string();
    keyed(
        &holdings(a),
        &holdings(b),
        |(h, i)| format!("holding of {} in {}", name(h), name(i)),
        |&(s, d)| match d {
            0 => format!("{} shares", super::thousands(s)),
            d => format!("{} shares ({} double voting)", super::thousands(s), super::thousands(d)),
        },
        &mut out,
    );
    let caps = |s: &Scenario| -> BTreeMap<(String, String), String> {
        s.vote_caps
            .iter()
            .map(|c| ((c.holder.clone(), c.issuer.clone()), format!("{} ({:?})", c.cap, c.reading)))
            .collect()
    };
    keyed(&caps(a), &caps(b), |(h, i)| format!("vote cap on {} at {}", name(h), name(i)), Clone::clone, &mut out);
    events(a, b, &mut out);
    out
}

fn settings(a: &Scenario, b: &Scenario, out: &mut Vec<InputChange>) {
    let mut one = |item: &str, x: String, y: String| {
        if x != y {
            out.push(InputChange { change: Change::Changed, item: item.into(), detail: format!("{x} → {y}") });
        }
    };
    one("window", format!("{} to {}", a.start, a.end), format!("{} to {}", b.start, b.end));
    one("float turnout", a.meeting.float_turnout.to_string(), b.meeting.float_turnout.to_string());
    one("float model", format!("{:?}", a.meeting.float_model), format!("{:?}", b.meeting.float_model));
    one("rules", format!("{:?}", a.rules), format!("{:?}", b.rules));
}

fn keyed<K: Ord + Clone, V: PartialEq>(
    a: &BTreeMap<K, V>,
    b: &BTreeMap<K, V>,
    name: impl Fn(&K) -> String,
    show: impl Fn(&V) -> String,
    out: &mut Vec<InputChange>,
) {
    for (k, va) in a {
        match b.get(k) {
            None => out.push(InputChange { change: Change::Removed, item: name(k), detail: show(va) }),
            Some(vb) if vb != va => out.push(InputChange {
                change: Change::Changed,
                item: name(k),
                detail: format!("{} → {}", show(va), show(vb)),
            }),
            _ => {}
        }
    }
    for (k, vb) in b {
        if !a.contains_key(k) {
            out.push(InputChange { change: Change::Added, item: name(k), detail: show(vb) });
        }
    }
}

/// Events are matched by kind and parties; a match with another date, amount or caption is
/// a change, the rest are added or removed. Each event is summarised with the names of the
/// scenario it belongs to.
fn events(a: &Scenario, b: &Scenario, out: &mut Vec<InputChange>) {
    let key = |e: &Event| (e.kind_label(), e.parties().join(","));
    let mut unmatched_b: Vec<&Event> = b.events.iter().collect();
    for ea in &a.events {
        if let Some(k) = unmatched_b.iter().position(|eb| *eb == ea) {
            unmatched_b.remove(k);
            continue;
        }
        if let Some(k) = unmatched_b.iter().position(|eb| key(eb) == key(ea)) {
            let eb = unmatched_b.remove(k);
            out.push(InputChange {
                change: Change::Changed,
                item: format!("event: {}", ea.kind_label()),
                detail: format!("{} on {} → {} on {}", a.event_summary(ea), ea.date(), b.event_summary(eb), eb.date()),
            });
        } else {
            out.push(InputChange {
                change: Change::Removed,
                item: format!("event: {}", ea.kind_label()),
                detail: format!("{} on {}", a.event_summary(ea), ea.date()),
            });
        }
    }
    for eb in unmatched_b {
        out.push(InputChange {
            change: Change::Added,
            item: format!("event: {}", eb.kind_label()),
            detail: format!("{} on {}", b.event_summary(eb), eb.date()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holdings_and_events_read_with_names_and_separators_and_only_the_changes_are_listed() {
        let a = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        assert!(inputs(&a, &a).is_empty());
        let mut b = a.clone();
        let Some(h) = b.holdings.iter_mut().find(|h| h.holder == "renault" && h.issuer == "nissan") else {
            panic!("the default scenario has Renault in Nissan")
        };
        h.shares = 1_139_593_080;
        b.holdings.retain(|h| !(h.holder == "french-state" && h.issuer == "renault"));
        // An event changed in B, whose seller B also renames: each side reads with its own names.
        let Some(Event::Buyback { shares, .. }) =
            b.events.iter_mut().find(|e| matches!(e, Event::Buyback { from, .. } if from == "trust"))
        else {
            panic!("the default scenario has Nissan buying back shares from the trust")
        };
        *shares = 200_000_000;
        let Some(trust) = b.entities.iter_mut().find(|e| e.id == "trust") else {
            panic!("the default scenario has the trust")
        };
        trust.name = "Natixis trust".into();
        let changes = inputs(&a, &b);
        let said: Vec<String> =
            changes.iter().map(|c| format!("{} {}: {}", c.change.label(), c.item, c.detail)).collect();
        assert_eq!(
            said,
            [
                "removed holding of French State in Renault: 44,387,915 shares (44,387,915 double voting)",
                "changed holding of Renault in Nissan: 1,831,837,000 shares → 1,139,593,080 shares",
                "changed event: buyback: buyback by Nissan of 211,000,000 shares from French trust (Natixis) on \
                 2023-12-13 → buyback by Nissan of 200,000,000 shares from Natixis trust on 2023-12-13",
            ]
        );
    }
}
