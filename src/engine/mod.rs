//! The engine: turns a scenario into the state of every holding and every vote on every
//! change point, with voting power, balance, look-through ownership and findings.
//!
//! Pure: no egui, no IO. Between events nothing changes, so only change points are evaluated
//! and every series is a step function.

pub mod analysis;
pub mod assumptions;
pub mod balance;
pub mod compare;
pub mod findings;
pub mod goal_seek;
pub mod indirect;
pub mod kinds;
pub mod look_through;
pub mod ownership;
pub mod power;
pub mod random;
pub mod reading;
mod recent;
pub mod votes;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::ledger::Conflict;
use crate::model::validate::{self, ValidationError};
use crate::model::{Scenario, ledger};
use recent::Recent;

pub use analysis::{IssuerResult, KindResult, Measure, Power, PowerSet};
pub use balance::{Balance, ratio};
pub use findings::{Finding, FindingKind};
pub use kinds::{Counted, Decided, HolderPlay, KindGame};
pub use reading::{BanzhafReading, Estimate, ShownEstimate};
pub use votes::{HolderVotes, IssuerVotes, RuleOutcome, VoteStatus};

/// The results on one change point.
///
/// Memory grows with what changes from one point to the next, not with the size of the results:
/// each issuer's results, the rules' outcome, the balance, the look-through ownership and the
/// indirect power are shared (`Arc`) with a recent point where they were the same (see
/// `recent.rs`), and each finding is kept once for the whole evaluation however many points it
/// holds on.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The date from which these results hold (until the next point).
    pub date: NaiveDate,
    /// Indices of the scenario's events that take effect on this date.
    pub events: Vec<usize>,
    /// Votes and power at each issuer, ordered by issuer id.
    pub issuers: Vec<Arc<IssuerResult>>,
    /// What the rules' fixed point found (control relations, convergence).
    pub rules: Arc<RuleOutcome>,
    /// Balance of each reported pair.
    pub balance: Arc<Vec<Balance>>,
    /// Look-through ownership on economic rights.
    pub ownership: Arc<look_through::LookThrough>,
    /// Indirect power of the ultimate holders through the network, per kind of resolution.
    pub indirect: Arc<Vec<indirect::KindPower>>,
    /// Findings: state on this date, and crossings since the previous point.
    pub findings: Vec<Arc<Finding>>,
}

impl Point {
    /// The results at one issuer.
    pub fn issuer(&self, id: &str) -> Option<&IssuerResult> {
        self.issuers.iter().find(|x| x.votes.issuer == id).map(Arc::as_ref)
    }
}

/// The results of a whole scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// One point per change date, in date order; when an event cannot happen, the points
    /// stop before its date.
    pub points: Vec<Point>,
    /// The total share count each transfer and phased sale resolved to (intents such as
    /// `down_to` resolved on their date), keyed by event index.
    pub resolved: BTreeMap<usize, u64>,
    /// The first event that cannot happen, if any: results hold up to the day before its date.
    pub conflict: Option<Conflict>,
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

/// The date on which the law itself changes what the findings say (Japan's tender-offer
/// threshold), added as a change point when it falls inside the window.
fn law_date(s: &Scenario) -> Option<NaiveDate> {
    let d = findings::japan_tender_offer_change();
    (d > s.start && d <= s.end).then_some(d)
}

/// What one change point's register gives, before the findings that compare points.
#[derive(Clone)]
struct Staged {
    date: NaiveDate,
    events: Vec<usize>,
    issuers: Vec<Arc<IssuerResult>>,
    rules: Arc<RuleOutcome>,
    ownership: Arc<look_through::LookThrough>,
}

/// The results of one register (votes, rules, power, look-through); the register itself is
/// not kept. Each part is shared with a recent point where it was the same.
fn stage(
    s: &Scenario,
    (date, events): (NaiveDate, Vec<usize>),
    register: &ledger::Register,
    cache: &mut analysis::PowerCache,
    shelves: &mut Shelves,
) -> Staged {
    let (issuers, rules) = votes::votes_on(s, register);
    cache.next_point();
    let issuers: Vec<IssuerResult> =
        issuers.into_iter().map(|v| analysis::analyse_with(v, s, register, cache)).collect();
    if s.balance_pairs.is_empty() {
        shelves.pairs.extend(balance::pairs(s, std::iter::once(issuers.as_slice())));
    }
    let issuers =
        exact_vec(issuers.into_iter().map(|x| shelves.issuers.entry(x.votes.issuer.clone()).or_default().share(x)));
    let ownership = look_through::look_through(s, register);
    Staged { date, events, issuers, rules: shelves.rules.share(rules), ownership: shelves.ownership.share(ownership) }
}

/// The recent values of each part of the staged results, and the pairs whose balance is
/// reported when the scenario names none (every pair holding each other at some point).
#[derive(Default)]
struct Shelves {
    issuers: BTreeMap<String, Recent<IssuerResult>>,
    rules: Recent<RuleOutcome>,
    ownership: Recent<look_through::LookThrough>,
    pairs: std::collections::BTreeSet<(String, String)>,
}

/// Adds the law's date as a point with the previous point's results (the register is the
/// same), when it falls after the last point and before `next` (the date about to be added;
/// `None` at the end).
fn add_law_point(staged: &mut Vec<Staged>, law: Option<NaiveDate>, next: Option<NaiveDate>) {
    let Some(d) = law else { return };
    if let Some(prev) = staged.last().filter(|p| p.date < d && next.is_none_or(|n| n > d)) {
        let copy = Staged { date: d, events: Vec::new(), ..prev.clone() };
        staged.push(copy);
    }
}

/// Evaluates a scenario at every change point. Fails with the first problem of the scenario,
/// including an event that cannot happen on its date (see [`evaluate_partial`]).
pub fn evaluate(s: &Scenario) -> Result<Evaluation, ValidationError> {
    let ev = evaluate_partial(s)?;
    match ev.conflict {
        Some(c) => Err(c.error),
        None => Ok(ev),
    }
}

/// Evaluates a scenario up to the first event that cannot happen: the results before its
/// date, and the conflict. Fails on a static problem (an unknown id, a date outside the
/// window, …) or an impossible start date.
pub fn evaluate_partial(s: &Scenario) -> Result<Evaluation, ValidationError> {
    if let Some(first) = validate::problems(s).into_iter().next() {
        return Err(first);
    }
    // The register is replayed one change point at a time and not kept: memory grows with the
    // results, not with a copy of the register per point.
    let law = law_date(s);
    let mut staged: Vec<Staged> = Vec::new();
    let mut cache = analysis::PowerCache::default();
    let mut shelves = Shelves::default();
    let end = ledger::replay_with(s, None, |date, events, register| {
        add_law_point(&mut staged, law, Some(date));
        staged.push(stage(s, (date, events), register, &mut cache, &mut shelves));
    })?;
    let limit = end.conflict.as_ref().map(|c| c.date);
    add_law_point(&mut staged, law.filter(|d| limit.is_none_or(|l| *d < l)), None);
    let pairs = if s.balance_pairs.is_empty() { shelves.pairs.into_iter().collect() } else { s.balance_pairs.clone() };
    Ok(Evaluation { points: points_of(s, staged, &pairs), resolved: end.resolved, conflict: end.conflict })
}

/// Votes, power and balance at one issuer set, the state in force on `date` (no findings,
/// no look-through): what goal seeking measures. Fails on a problem of the scenario on or
/// before that date.
pub fn evaluate_on(s: &Scenario, date: NaiveDate) -> Result<(Vec<IssuerResult>, Vec<Balance>), ValidationError> {
    // The register in force on `date`: the last one on or before it, or the first.
    let mut chosen: Option<ledger::Register> = None;
    let end = ledger::replay_with(s, Some(date), |d, _, register| {
        if d <= date || chosen.is_none() {
            chosen = Some(register.clone());
        }
    })?;
    if let Some(c) = end.conflict {
        return Err(c.error);
    }
    let Some(register) = chosen else {
        return Ok((Vec::new(), Vec::new()));
    };
    let (issuers, _) = votes::votes_on(s, &register);
    let results: Vec<IssuerResult> = issuers.into_iter().map(|v| analysis::analyse(v, s, &register)).collect();
    let pairs = balance::pairs(s, std::iter::once(results.as_slice()));
    let balances = balance::balances(s, &pairs, &results);
    Ok((results, balances))
}

/// The balance of every reported pair in force on `date`, exactly as
/// `evaluate(s)?.at(date).map(|p| p.balance)` gives it (the same errors, the same pairs, the
/// last change point on or before `date`, or the first), without the rest of the evaluation:
/// no power at other dates, no look-through, indirect power or findings. What the assumptions
/// computes for each variant of a scenario. `None` when the scenario has no change point.
pub fn balances_at(s: &Scenario, date: NaiveDate) -> Result<Option<Vec<Balance>>, ValidationError> {
    if let Some(first) = validate::problems(s).into_iter().next() {
        return Err(first);
    }
    // The pairs come from the votes at every change point unless the scenario lists them.
    // (The law's date, a copy of the point before it, adds no pair and no other register.)
    let listed = !s.balance_pairs.is_empty();
    let mut votes_by_point: Vec<Vec<votes::IssuerVotes>> = Vec::new();
    let mut chosen: Option<ledger::Register> = None;
    let end = ledger::replay_with(s, None, |d, _, register| {
        if !listed {
            votes_by_point.push(votes::votes_on(s, register).0);
        }
        if d <= date || chosen.is_none() {
            chosen = Some(register.clone());
        }
    })?;
    if let Some(c) = end.conflict {
        return Err(c.error);
    }
    let Some(register) = chosen else { return Ok(None) };
    let pairs = balance::pairs_of_votes(s, votes_by_point.iter().map(|p| p.iter().collect()));
    let mut cache = analysis::PowerCache::default();
    let issuers: Vec<IssuerResult> = votes::votes_on(s, &register)
        .0
        .into_iter()
        .map(|v| analysis::analyse_with(v, s, &register, &mut cache))
        .collect();
    Ok(Some(balance::balances(s, &pairs, &issuers)))
}

/// The results on each change point: balance and findings added to the staged results.
fn points_of(s: &Scenario, staged: Vec<Staged>, pairs: &[(String, String)]) -> Vec<Point> {
    let mut points: Vec<Point> = Vec::with_capacity(staged.len());
    // Every distinct finding once: most hold on many points in a row.
    let mut pool: std::collections::BTreeSet<Arc<Finding>> = std::collections::BTreeSet::new();
    let mut recent_indirect = Recent::default();
    let mut recent_balance = Recent::default();
    // The previous point's issuers as computed, for the crossings.
    let mut before: Option<Vec<IssuerResult>> = None;
    for Staged { date, events, issuers: kept, rules, ownership } in staged {
        // The issuers' results as one slice, for the computations below (one point at a time).
        let issuers: Vec<IssuerResult> = kept.iter().map(|x| IssuerResult::clone(x)).collect();
        let prev = points.last();
        let indirect = recent_indirect.share(indirect::on_date(&issuers, &indirect::Options::default()));
        let mut found = findings::state_findings(s, &issuers, &rules);
        found.extend(indirect::state_findings(s, &indirect));
        if let (Some(prev), Some(before)) = (prev, &before) {
            found.extend(findings::crossings(s, (prev.date, before), (date, &issuers)));
            found.extend(indirect::crossings(s, &prev.indirect, &indirect));
        }
        found.extend(findings::blocking_findings(s, &issuers));
        found.extend(findings::degenerate_findings(s, &issuers));
        found.extend(look_through::findings(s, &ownership));
        found.sort();
        let found = exact_vec(found.into_iter().map(|f| interned(&mut pool, f)));
        let balance = recent_balance.share(balance::balances(s, pairs, &issuers));
        before = Some(issuers);
        points.push(Point { date, events, balance, issuers: kept, rules, ownership, indirect, findings: found });
    }
    points
}

/// The items in a vector of their own length. `collect` from a vector's `into_iter` would reuse
/// that vector's buffer, sized for the larger items it held: kept for every point, that is ten
/// times the memory the `Arc`s need.
fn exact_vec<T>(items: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    out.extend(items);
    out
}

/// The pool's copy of `f`, added when it is new.
fn interned(pool: &mut std::collections::BTreeSet<Arc<Finding>>, f: Finding) -> Arc<Finding> {
    if let Some(x) = pool.get(&f) {
        return Arc::clone(x);
    }
    let x = Arc::new(f);
    pool.insert(Arc::clone(&x));
    x
}
