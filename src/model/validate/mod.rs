//! Checks a scenario before it is evaluated.
//!
//! Static checks (ids, references, dates inside the window, amounts) come first; then the
//! events are replayed on the share register ([`super::ledger`]), which catches what can only
//! be seen on a date (selling shares not held, a float going negative). The error type is
//! [`ValidationError`] (defined in [`super::error`], re-exported here).
//!
//! The parts: `structure` (header, entities, holdings, caps, kinds, behaviours), `events`
//! (each event's parties, dates and amount) and `found` (recording and naming problems).

mod events;
mod found;
mod structure;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use events::check_event;
use found::{UNNAMED, name};
use structure::{
    check_behaviour, check_cap, check_entities, check_header, check_holding, check_kinds, check_lapse, check_pair,
};

pub use super::error::ValidationError;
use super::{Event, Scenario};
pub use found::MAX_COUNT;

/// Every static problem of the scenario, in file order (empty when there is none).
pub fn problems(s: &Scenario) -> Vec<ValidationError> {
    let mut out = Vec::new();
    check_header(s, &mut out);
    check_entities(s, &mut out);
    let ids: BTreeSet<&str> = s.entities.iter().map(|e| e.id.as_str()).collect();
    let companies: BTreeSet<&str> = s.company_ids().into_iter().collect();
    let mut seen = BTreeSet::new();
    for h in &s.holdings {
        let from = out.len();
        check_holding(s, h, &ids, &companies, &mut out);
        if !seen.insert((h.holder.as_str(), h.issuer.as_str())) {
            out.push(ValidationError::new(
                UNNAMED,
                Some(s.start),
                "the same holder and issuer appear twice",
                "merge the two holdings",
            ));
        }
        name(&mut out, from, || format!("holding of {} in {}", s.party_with_id(&h.holder), s.party_with_id(&h.issuer)));
    }
    for (k, c) in s.vote_caps.iter().enumerate() {
        let from = out.len();
        check_pair(s, None, &c.holder, &c.issuer, &ids, &companies, &mut out);
        check_cap(None, c.cap, &mut out);
        check_lapse(None, c, &ids, &mut out);
        name(&mut out, from, || s.vote_cap_item(k));
    }
    check_kinds(s, &mut out);
    let kinds: BTreeSet<String> = s.resolution_kinds().into_iter().map(|k| k.id).collect();
    for (k, b) in s.behaviours.iter().enumerate() {
        let from = out.len();
        check_behaviour(s, None, b, &ids, &companies, &kinds, &mut out);
        name(&mut out, from, || s.behaviour_item(k));
    }
    for (k, e) in s.events.iter().enumerate() {
        let from = out.len();
        check_event(s, e, &ids, &companies, &mut out);
        if let Event::SetBehaviour { setting, .. } = e {
            check_behaviour(s, Some(e.date()), setting, &ids, &companies, &kinds, &mut out);
        }
        name(&mut out, from, || s.event_item(k));
    }
    out
}

/// The first problem of the scenario, static or on a date, if any.
pub fn check(s: &Scenario) -> Result<(), ValidationError> {
    if let Some(first) = problems(s).into_iter().next() {
        return Err(first);
    }
    match super::ledger::replay_with(s, None, |_, _, _| ())?.conflict {
        Some(c) => Err(c.error),
        None => Ok(()),
    }
}
