//! Applying one date's steps to the register: every step is netted first (so the order of
//! same-date events never matters), one function per kind of step, then the register is
//! checked and the events at fault are named.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::checks::{calibrate, check_floats};
use super::conflict::{Conflict, ConflictKind, conflict};
use super::register::{Block, CapTerms, Register, held_by_issuer};
use super::steps::{Action, Step};
use crate::model::error::ValidationError;
use crate::model::kinds::{Behaviour, BehaviourKey};
use crate::model::{MARKET, RuleName, Scenario, thousands};

/// The events at fault for a problem, named for the error's item, and their indices.
type Culprits = (String, Vec<usize>);

/// One date's changes, netted: share deltas summed, settings with the event that made them.
#[derive(Default)]
struct Netted {
    /// Change of each (holder, issuer) block.
    holding_delta: BTreeMap<(String, String), i128>,
    /// Change of each issuer's treasury.
    treasury_delta: BTreeMap<String, i128>,
    /// Change of each issuer's issued shares.
    issued_delta: BTreeMap<String, i128>,
    /// Published vote counts, with the event that published each.
    counts: BTreeMap<String, (u64, usize)>,
    /// Caps set (`Some`) or lifted (`None`), with their event.
    caps: BTreeMap<(String, String), (Option<CapTerms>, usize)>,
    /// Rules switched, with their event.
    rules: BTreeMap<RuleName, (bool, usize)>,
    /// Behaviours set, with their event.
    behaviours: BTreeMap<BehaviourKey, (Behaviour, usize)>,
}

/// Records `value` for `key` set by `event`; when an earlier event of the date set the same
/// key to another value, returns that event's index.
fn set_once<K: Ord, V: PartialEq>(
    settings: &mut BTreeMap<K, (V, usize)>,
    key: K,
    value: V,
    event: usize,
) -> Result<(), usize> {
    if let Some((previous, earlier)) = settings.get(&key)
        && *previous != value
    {
        return Err(*earlier);
    }
    settings.insert(key, (value, event));
    Ok(())
}

impl Netted {
    /// Adds `delta` shares of `issuer` to `party` (the float for the market, treasury for the
    /// issuer itself).
    fn touch(&mut self, party: &str, issuer: &str, delta: i128) {
        if party == MARKET {
        } else if party == issuer {
            *self.treasury_delta.entry(issuer.to_string()).or_default() += delta;
        } else {
            *self.holding_delta.entry((party.to_string(), issuer.to_string())).or_default() += delta;
        }
    }

    /// Shares move from one party to another (a transfer, a tranche, a buyback into treasury).
    fn transfer(&mut self, issuer: &str, from: &str, to: &str, shares: u64) {
        let count = i128::from(shares);
        self.touch(from, issuer, -count);
        self.touch(to, issuer, count);
    }

    /// Treasury shares are cancelled.
    fn cancel(&mut self, issuer: &str, shares: u64) {
        let count = i128::from(shares);
        *self.treasury_delta.entry(issuer.to_string()).or_default() -= count;
        *self.issued_delta.entry(issuer.to_string()).or_default() -= count;
    }

    /// New shares are issued to `to`.
    fn issue(&mut self, issuer: &str, to: &str, shares: u64) {
        let count = i128::from(shares);
        *self.issued_delta.entry(issuer.to_string()).or_default() += count;
        self.touch(to, issuer, count);
    }

    /// Nets one step; a setting made twice on the date with two values is a conflict.
    fn add(&mut self, scenario: &Scenario, step: &Step, date: NaiveDate) -> Result<(), Box<Conflict>> {
        let clash = |earlier: usize, what: &str| conflict(scenario, earlier, step.event, date, what);
        match &step.action {
            Action::Move { issuer, from, to, shares } => self.transfer(issuer, from, to, *shares),
            Action::Cancel { issuer, shares } => self.cancel(issuer, *shares),
            Action::Create { issuer, to, shares } => self.issue(issuer, to, *shares),
            Action::Cap { holder, issuer, terms } => {
                let key = (holder.clone(), issuer.clone());
                set_once(&mut self.caps, key, terms.clone(), step.event).map_err(|k| clash(k, "the vote cap"))?;
            }
            Action::Rule { rule, on } => {
                set_once(&mut self.rules, *rule, *on, step.event).map_err(|k| clash(k, rule.label()))?;
            }
            Action::Behave { key, behaviour } => {
                set_once(&mut self.behaviours, key.clone(), behaviour.clone(), step.event)
                    .map_err(|k| clash(k, "a holder'scenario behaviour"))?;
            }
            Action::Count { issuer, votes } => {
                set_once(&mut self.counts, issuer.clone(), *votes, step.event)
                    .map_err(|k| clash(k, "the published vote count"))?;
            }
            Action::Nothing | Action::Sell { .. } => {}
        }
        Ok(())
    }
}

/// Names the events behind a problem found after netting.
struct Blame<'a> {
    /// The scenario, to name events.
    scenario: &'a Scenario,
    /// The date's steps.
    steps: &'a [Step],
    /// The date.
    date: NaiveDate,
}

impl Blame<'_> {
    /// The events whose steps match `matches`, named and listed.
    fn culprits(&self, matches: &dyn Fn(&Action) -> bool) -> Culprits {
        let mut events: Vec<usize> =
            self.steps.iter().filter(|step| matches(&step.action)).map(|step| step.event).collect();
        events.dedup();
        let names: Vec<String> = events.iter().map(|&k| self.scenario.event_item(k)).collect();
        (names.join(", "), events)
    }

    /// A conflict of the `Other` kind. Its item is the events at fault, named only once there
    /// is an error (naming an event looks its parties up); the error's own item when there are
    /// none.
    fn other(&self, (by, events): Culprits, error: ValidationError) -> Box<Conflict> {
        let item = if by.is_empty() { error.item.clone() } else { by };
        let error = ValidationError { item, ..error };
        Box::new(Conflict { date: self.date, events, kind: ConflictKind::Other, error })
    }
}

/// Applies every step of one date, netted, then checks the register.
pub(super) fn apply_date(s: &Scenario, r: &mut Register, steps: &[Step], date: NaiveDate) -> Result<(), Box<Conflict>> {
    let mut netted = Netted::default();
    for step in steps {
        netted.add(s, step, date)?;
    }
    let blame = Blame { scenario: s, steps, date };
    apply_holdings(r, &blame, netted.holding_delta)?;
    apply_treasury(r, &blame, netted.treasury_delta)?;
    apply_issued(r, netted.issued_delta);
    apply_settings(r, netted.caps, netted.rules, netted.behaviours);
    check_floats(s, r, date, "")
        .map_err(|e| blame.other(blame.culprits(&|a| matches!(a, Action::Move { .. } | Action::Cancel { .. })), e))?;
    for (issuer, (votes, k)) in netted.counts {
        calibrate(s, r, &issuer, votes, date).map_err(|e| blame.other((s.event_item(k), vec![k]), e))?;
    }
    clamp_float_double_votes(r);
    Ok(())
}

/// Applies the netted changes of holdings; a holder selling more than it holds is a conflict.
fn apply_holdings(
    register: &mut Register,
    blame: &Blame<'_>,
    holding_delta: BTreeMap<(String, String), i128>,
) -> Result<(), Box<Conflict>> {
    for ((holder, issuer), delta) in holding_delta {
        let block = register.holdings.entry((holder.clone(), issuer.clone())).or_default();
        let now = i128::from(block.shares) + delta;
        if now < 0 {
            return Err(oversold(blame, holder, issuer, block, delta));
        }
        if delta < 0 {
            let out = (-delta) as u64;
            let single = block.shares - block.double_voting;
            block.double_voting -= out.saturating_sub(single);
        }
        block.shares = now as u64;
    }
    register.holdings.retain(|_, b| b.shares > 0);
    Ok(())
}

/// The conflict of a holder that would sell more shares than its `block` holds.
fn oversold(blame: &Blame<'_>, holder: String, issuer: String, block: &Block, delta: i128) -> Box<Conflict> {
    let (by, events) =
        blame.culprits(&|a| matches!(a, Action::Move { issuer: i, from, .. } if *i == issuer && *from == holder));
    let sold = (-delta) as u64;
    let scenario = blame.scenario;
    let error = ValidationError::new(
        by,
        Some(blame.date),
        format!(
            "{} would sell {} shares of {} but holds only {}",
            scenario.party_with_id(&holder),
            thousands(sold),
            scenario.party_with_id(&issuer),
            thousands(block.shares)
        ),
        "reduce the amount sold, or move the sale after the shares are bought",
    );
    let kind = ConflictKind::Oversold { holder, issuer, held: block.shares, sold };
    Box::new(Conflict { date: blame.date, events, kind, error })
}

/// Applies the netted changes of treasuries; a treasury going below zero is a conflict.
fn apply_treasury(
    register: &mut Register,
    blame: &Blame<'_>,
    treasury_delta: BTreeMap<String, i128>,
) -> Result<(), Box<Conflict>> {
    for (issuer, delta) in treasury_delta {
        let capital = register.capital.entry(issuer.clone()).or_default();
        let now = i128::from(capital.treasury) + delta;
        if now < 0 {
            let by = blame.culprits(&|a| match a {
                Action::Move { issuer: i, from, .. } => *i == issuer && *from == issuer,
                Action::Cancel { issuer: i, .. } => *i == issuer,
                _ => false,
            });
            let scenario = blame.scenario;
            let error = ValidationError::new(
                "",
                Some(blame.date),
                format!(
                    "{} would cancel or sell {} treasury shares but holds only {}",
                    scenario.party_with_id(&issuer),
                    thousands((-delta) as u64),
                    thousands(capital.treasury)
                ),
                "buy the shares back first, or reduce the number cancelled",
            );
            return Err(blame.other(by, error));
        }
        capital.treasury = now as u64;
    }
    Ok(())
}

/// Applies the netted changes of issued shares (issues and cancellations).
fn apply_issued(register: &mut Register, issued_delta: BTreeMap<String, i128>) {
    for (issuer, delta) in issued_delta {
        let capital = register.capital.entry(issuer.clone()).or_default();
        capital.issued = (i128::from(capital.issued) + delta).max(0) as u64;
    }
}

/// Puts the date's caps, rules and behaviours in force.
fn apply_settings(
    register: &mut Register,
    caps: BTreeMap<(String, String), (Option<CapTerms>, usize)>,
    rules: BTreeMap<RuleName, (bool, usize)>,
    behaviours: BTreeMap<BehaviourKey, (Behaviour, usize)>,
) {
    for ((holder, issuer), (terms, _)) in caps {
        match terms {
            Some(t) => register.caps.insert((holder, issuer), t),
            None => register.caps.remove(&(holder, issuer)),
        };
    }
    for (rule, (on, _)) in rules {
        register.rules.set(rule, on);
    }
    for (key, (behaviour, _)) in behaviours {
        register.behaviours.insert(key, behaviour);
    }
}

/// Keeps the float's double votes within the float after the date's changes.
fn clamp_float_double_votes(register: &mut Register) {
    let held: Vec<u64> = {
        let by_issuer = held_by_issuer(register);
        register.capital.keys().map(|i| by_issuer.get(i.as_str()).copied().unwrap_or(0)).collect()
    };
    for ((_, capital), held) in register.capital.iter_mut().zip(held) {
        let float = capital.issued.saturating_sub(capital.treasury).saturating_sub(held);
        capital.float_double_voting = capital.float_double_voting.min(float);
    }
}
