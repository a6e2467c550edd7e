//! Replaying a scenario date by date: the agenda of steps, intents resolved against the
//! register before each date, and what a replay hands back.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::apply::apply_date;
use super::checks::initial_register;
use super::conflict::{Conflict, ConflictKind};
use super::register::{Register, held};
use super::steps::{Action, Step, expand, tranche_schedule};
use crate::model::error::ValidationError;
use crate::model::{Amount, Scenario, percent, thousands};

/// The register on one change point, and the events that take effect on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The date.
    pub date: NaiveDate,
    /// Indices (into `Scenario::events`) of the events with an effect on this date; a phased
    /// sale is listed on each of its tranche dates.
    pub events: Vec<usize>,
    /// The register after this date's events.
    pub register: Register,
}

/// What a replay found: the register on every date up to the first event that cannot
/// happen, the share counts that intents (`down_to`, `part`) resolved to, and that conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The start date and every later change point before the conflict, in date order.
    pub entries: Vec<Entry>,
    /// The total share count of each transfer and phased sale that took effect, keyed by
    /// event index (intents resolved on their date).
    pub resolved: BTreeMap<usize, u64>,
    /// The first event that cannot happen, if any; nothing on or after its date is replayed.
    pub conflict: Option<Conflict>,
}

/// Replays the scenario: the register on its start date and on every later date on which
/// an event takes effect, in date order. Fails with the first problem, on the start date or
/// later.
pub fn replay(s: &Scenario) -> Result<Vec<Entry>, ValidationError> {
    let r = replay_partial(s)?;
    match r.conflict {
        Some(c) => Err(c.error),
        None => Ok(r.entries),
    }
}

/// Replays the scenario up to the first event that cannot happen, which it reports instead of
/// failing. Fails only when the start date itself is impossible.
pub fn replay_partial(s: &Scenario) -> Result<Replay, ValidationError> {
    replay_until(s, None)
}

/// Replays the scenario through `until` (every date when `None`), stopping at a conflict.
/// Keeps a copy of the register per change point; [`replay_with`] hands them over one at a
/// time instead.
pub fn replay_until(s: &Scenario, until: Option<NaiveDate>) -> Result<Replay, ValidationError> {
    let mut entries = Vec::new();
    let end = replay_with(s, until, |date, events, register| {
        entries.push(Entry { date, events, register: register.clone() })
    })?;
    Ok(Replay { entries, resolved: end.resolved, conflict: end.conflict })
}

/// How a replay ended: the share counts intents resolved to, and the first event that
/// cannot happen, if any (see [`Replay`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayEnd {
    /// The total share count of each transfer and phased sale that took effect, by event index.
    pub resolved: BTreeMap<usize, u64>,
    /// The first event that cannot happen, if any; nothing on or after its date was replayed.
    pub conflict: Option<Conflict>,
}

/// Replays the scenario through `until` (every date when `None`), stopping at a conflict, and
/// hands each change point (its date, its events, the register after them) to `visit` in date
/// order. Only the current register is kept, so memory does not grow with the number of
/// change points (a file of 100,000 dated events would otherwise hold 100,000 registers).
pub fn replay_with(
    s: &Scenario,
    until: Option<NaiveDate>,
    mut visit: impl FnMut(NaiveDate, Vec<usize>, &Register),
) -> Result<ReplayEnd, ValidationError> {
    let mut register = initial_register(s)?;
    let mut agenda: BTreeMap<NaiveDate, Vec<Step>> = BTreeMap::new();
    for st in expand(s) {
        agenda.entry(st.date).or_default().push(st);
    }
    let mut out = ReplayEnd { resolved: BTreeMap::new(), conflict: None };
    if agenda.first_key_value().is_none_or(|(d, _)| *d > s.start) {
        visit(s.start, Vec::new(), &register);
    }
    while let Some((date, steps)) = agenda.pop_first() {
        if until.is_some_and(|u| date > u) {
            break;
        }
        let steps = match resolve(s, &register, date, steps, &mut agenda, &mut out.resolved) {
            Ok(steps) => steps,
            Err(c) => {
                out.conflict = Some(*c);
                break;
            }
        };
        if let Err(c) = apply_date(s, &mut register, &steps, date) {
            out.conflict = Some(*c);
            break;
        }
        let mut events: Vec<usize> = steps.iter().map(|st| st.event).collect();
        events.sort_unstable();
        events.dedup();
        visit(date, events, &register);
    }
    Ok(out)
}

/// Resolves the date's sales into moves: an intent against the register as it stands before
/// the date's events, a phased sale's total into its tranches (later ones go on the agenda).
/// Steps come back in event order.
fn resolve(
    s: &Scenario,
    r: &Register,
    date: NaiveDate,
    steps: Vec<Step>,
    agenda: &mut BTreeMap<NaiveDate, Vec<Step>>,
    resolved: &mut BTreeMap<usize, u64>,
) -> Result<Vec<Step>, Box<Conflict>> {
    let mut out = Vec::with_capacity(steps.len());
    for st in steps {
        let Action::Sell { issuer, from, to, amount, schedule } = st.action else {
            out.push(st);
            continue;
        };
        let n = resolve_amount(s, r, date, st.event, &issuer, &from, amount)?;
        resolved.insert(st.event, n);
        let moves = match schedule {
            Some(p) => tranche_schedule(date, p.end, n, p.tranches, p.profile),
            None => vec![(date, n)],
        };
        for (d, shares) in moves {
            let action = Action::Move { issuer: issuer.clone(), from: from.clone(), to: to.clone(), shares };
            let step = Step { date: d, event: st.event, action };
            if d == date {
                out.push(step);
            } else {
                agenda.entry(d).or_default().push(step);
            }
        }
    }
    out.sort_by_key(|st| st.event);
    Ok(out)
}

/// The share count of an amount on `date`, against the register before the date's events.
fn resolve_amount(
    s: &Scenario,
    r: &Register,
    date: NaiveDate,
    event: usize,
    issuer: &str,
    seller: &str,
    amount: Amount,
) -> Result<u64, Box<Conflict>> {
    let holding = held(r, seller, issuer);
    match amount {
        Amount::Shares(n) => Ok(n),
        Amount::Part(f) => Ok(f.round_mul(holding)),
        Amount::DownTo(f) => {
            let issued = r.capital.get(issuer).map_or(0, |c| c.issued);
            let target = f.round_mul(issued);
            if target > holding {
                let error = ValidationError::new(
                    s.event_item(event),
                    Some(date),
                    format!(
                        "{} should keep {} of {}, that is {} shares, but holds only {} ({}): that would be a purchase",
                        s.party_with_id(seller),
                        percent(f),
                        s.party_with_id(issuer),
                        thousands(target),
                        thousands(holding),
                        share_pct(holding, issued)
                    ),
                    "lower `down_to` to at most the holding, give a share count, or remove the event",
                );
                let kind = ConflictKind::AboveHolding {
                    holder: seller.to_string(),
                    issuer: issuer.to_string(),
                    held: holding,
                    target,
                };
                return Err(Box::new(Conflict { date, events: vec![event], kind, error }));
            }
            Ok(holding - target)
        }
    }
}

/// `n / d` as a percentage with two decimals, for messages.
fn share_pct(n: u64, d: u64) -> String {
    if d == 0 { "0%".to_string() } else { format!("{:.2}%", n as f64 * 100.0 / d as f64) }
}
