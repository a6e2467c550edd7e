//! The share register through time: replays a scenario's events on share counts.
//!
//! Events are expanded into atomic moves (a phased sale into its tranches), grouped by date
//! and applied one date at a time. Within a date, moves are netted before anything is
//! checked, so the order of events that share a date never changes the result. A register
//! that cannot exist (a holder selling shares it does not hold, a negative float, a published
//! vote count that the holdings contradict) is an error that names the item and the date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::kinds::BehaviourKey;
use super::validate::ValidationError;
use super::{
    Amount, Behaviour, CapReading, EntityKind, Event, Fraction, MARKET, Rules, SaleProfile, Scenario, thousands,
};

/// Shares of one issuer held by one holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Block {
    /// Number of shares.
    pub shares: u64,
    /// How many of them carry double votes.
    pub double_voting: u64,
}

impl Block {
    /// Theoretical votes of the block.
    pub fn votes(&self) -> u64 {
        self.shares + self.double_voting
    }
}

/// The capital of one company on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capital {
    /// Issued shares.
    pub issued: u64,
    /// Treasury shares.
    pub treasury: u64,
    /// Double votes carried by shares in the float (calibrated to published vote counts).
    pub float_double_voting: u64,
}

/// A vote cap in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapTerms {
    /// The cap.
    pub cap: Fraction,
    /// Its reading.
    pub reading: CapReading,
    /// It applies only while this holder's votes at the issuer are switched off.
    pub lapses_when_exercisable: Option<String>,
}

/// The register on one date: capital, holdings, caps and rules in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// Capital per company id.
    pub capital: BTreeMap<String, Capital>,
    /// Holdings keyed by (holder id, issuer id); blocks of zero shares are removed.
    pub holdings: BTreeMap<(String, String), Block>,
    /// Caps keyed by (holder id, issuer id).
    pub caps: BTreeMap<(String, String), CapTerms>,
    /// Rules in force.
    pub rules: Rules,
    /// Behaviours in force, keyed by (holder, issuer or every, kind or every).
    pub behaviours: BTreeMap<BehaviourKey, Behaviour>,
}

impl Register {
    /// Shares of `issuer` that no listed holder holds (never negative once validated).
    pub fn float_shares(&self, issuer: &str) -> u64 {
        let Some(c) = self.capital.get(issuer) else { return 0 };
        let held: u64 = self.holders_of(issuer).map(|(_, b)| b.shares).sum();
        c.issued.saturating_sub(c.treasury).saturating_sub(held)
    }

    /// The holders of `issuer` with their blocks, ordered by holder id.
    pub fn holders_of<'a>(&'a self, issuer: &'a str) -> impl Iterator<Item = (&'a str, &'a Block)> + 'a {
        self.holdings.iter().filter(move |((_, i), _)| i == issuer).map(|((h, _), b)| (h.as_str(), b))
    }

    /// The block of `holder` in `issuer` (zero when none).
    pub fn block(&self, holder: &str, issuer: &str) -> Block {
        self.holdings.get(&(holder.to_string(), issuer.to_string())).copied().unwrap_or_default()
    }
}

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

/// One atomic change, dated, with the event it comes from.
#[derive(Debug, Clone)]
struct Step {
    date: NaiveDate,
    event: usize,
    action: Action,
}

#[derive(Debug, Clone)]
enum Action {
    Move { issuer: String, from: String, to: String, shares: u64 },
    Sell { issuer: String, from: String, to: String, amount: Amount, schedule: Option<Schedule> },
    Cancel { issuer: String, shares: u64 },
    Create { issuer: String, to: String, shares: u64 },
    Cap { holder: String, issuer: String, terms: Option<CapTerms> },
    Rule { rule: super::RuleName, on: bool },
    Behave { key: BehaviourKey, behaviour: Behaviour },
    Count { issuer: String, votes: u64 },
    Nothing,
}

/// A phased sale's window and tranches, applied to its total once that is resolved.
#[derive(Debug, Clone, Copy)]
struct Schedule {
    end: NaiveDate,
    tranches: u32,
    profile: SaleProfile,
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

/// Shares of `issuer` that `party` holds: the float for the market, treasury for the issuer.
pub fn held(r: &Register, party: &str, issuer: &str) -> u64 {
    if party == MARKET {
        r.float_shares(issuer)
    } else if party == issuer {
        r.capital.get(issuer).map_or(0, |c| c.treasury)
    } else {
        r.block(party, issuer).shares
    }
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
                        super::percent(f),
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

/// The register on the start date, before any event.
fn initial_register(s: &Scenario) -> Result<Register, ValidationError> {
    let mut capital = BTreeMap::new();
    let mut published = BTreeMap::new();
    for e in &s.entities {
        if let EntityKind::Company { issued_shares, treasury_shares, theoretical_votes, .. } = &e.kind {
            capital.insert(
                e.id.clone(),
                Capital { issued: *issued_shares, treasury: *treasury_shares, float_double_voting: 0 },
            );
            if let Some(v) = theoretical_votes {
                published.insert(e.id.clone(), *v);
            }
        }
    }
    let mut holdings = BTreeMap::new();
    for h in &s.holdings {
        let block = holdings.entry((h.holder.clone(), h.issuer.clone())).or_insert_with(Block::default);
        block.shares += h.shares;
        block.double_voting += h.double_voting_shares;
    }
    let caps = s
        .vote_caps
        .iter()
        .map(|c| {
            (
                (c.holder.clone(), c.issuer.clone()),
                CapTerms { cap: c.cap, reading: c.reading, lapses_when_exercisable: c.lapses_when_exercisable.clone() },
            )
        })
        .collect();
    let behaviours = s.behaviours.iter().map(|b| (b.key(), b.behaviour.clone())).collect();
    let mut register = Register { capital, holdings, caps, rules: s.rules.clone(), behaviours };
    check_floats(s, &register, s.start, "the holdings")?;
    for (issuer, votes) in published {
        calibrate(s, &mut register, &issuer, votes, s.start)
            .map_err(|e| ValidationError { item: format!("company {}", s.party_with_id(&issuer)), ..e })?;
    }
    Ok(register)
}

/// Expands events into atomic steps sorted by date (stable: file order within a date). A
/// transfer or phased sale is one `Sell` step on its date, resolved when the replay gets there.
fn expand(s: &Scenario) -> Vec<Step> {
    let mut steps = Vec::new();
    for (k, e) in s.events.iter().enumerate() {
        steps.extend(single_step(k, e));
    }
    steps.sort_by_key(|st| st.date);
    steps
}

fn single_step(k: usize, e: &Event) -> Vec<Step> {
    let date = e.date();
    let step = |action| Step { date, event: k, action };
    match e {
        Event::Transfer { issuer, from, to, .. } => match e.amount() {
            Some(Ok(amount)) => {
                vec![step(Action::Sell {
                    issuer: issuer.clone(),
                    from: from.clone(),
                    to: to.clone(),
                    amount,
                    schedule: None,
                })]
            }
            _ => Vec::new(),
        },
        Event::PhasedSale { end, issuer, seller, buyer, tranches, profile, .. } => match e.amount() {
            Some(Ok(amount)) => vec![step(Action::Sell {
                issuer: issuer.clone(),
                from: seller.clone(),
                to: buyer.clone(),
                amount,
                schedule: Some(Schedule { end: *end, tranches: *tranches, profile: *profile }),
            })],
            _ => Vec::new(),
        },
        Event::Buyback { issuer, from, shares, cancel, .. } => {
            let mut v = vec![step(Action::Move {
                issuer: issuer.clone(),
                from: from.clone(),
                to: issuer.clone(),
                shares: *shares,
            })];
            if *cancel {
                v.push(step(Action::Cancel { issuer: issuer.clone(), shares: *shares }));
            }
            v
        }
        Event::Cancellation { issuer, shares, .. } => {
            vec![step(Action::Cancel { issuer: issuer.clone(), shares: *shares })]
        }
        Event::Issue { issuer, to, shares, .. } => {
            vec![step(Action::Create { issuer: issuer.clone(), to: to.clone(), shares: *shares })]
        }
        Event::SetVoteCap { cap, .. } => vec![step(Action::Cap {
            holder: cap.holder.clone(),
            issuer: cap.issuer.clone(),
            terms: Some(CapTerms {
                cap: cap.cap,
                reading: cap.reading,
                lapses_when_exercisable: cap.lapses_when_exercisable.clone(),
            }),
        })],
        Event::LiftVoteCap { holder, issuer, .. } => {
            vec![step(Action::Cap { holder: holder.clone(), issuer: issuer.clone(), terms: None })]
        }
        Event::SetRule { rule, on, .. } => vec![step(Action::Rule { rule: *rule, on: *on })],
        Event::SetBehaviour { setting, .. } => {
            vec![step(Action::Behave { key: setting.key(), behaviour: setting.behaviour.clone() })]
        }
        Event::VoteCount { issuer, theoretical_votes, .. } => {
            vec![step(Action::Count { issuer: issuer.clone(), votes: *theoretical_votes })]
        }
        Event::Milestone { .. } => vec![step(Action::Nothing)],
    }
}

/// The dates and amounts of a phased sale's tranches. Dates are spread evenly over the
/// window (rounded to whole days); amounts follow the profile, apportioned exactly by
/// largest remainder so that they add up to `shares`.
pub fn tranche_schedule(
    start: NaiveDate,
    end: NaiveDate,
    shares: u64,
    tranches: u32,
    profile: SaleProfile,
) -> Vec<(NaiveDate, u64)> {
    let n = u64::from(tranches.max(1));
    let days = (end - start).num_days().max(0) as u64;
    let weights: Vec<u64> = (0..n)
        .map(|k| match profile {
            SaleProfile::Even => 1,
            SaleProfile::FrontLoaded => n - k,
            SaleProfile::BackLoaded => k + 1,
        })
        .collect();
    let amounts = apportion(shares, &weights);
    (0..n)
        .map(|k| {
            let offset = if n == 1 { 0 } else { (days * k * 2 + (n - 1)) / (2 * (n - 1)) };
            (start + chrono::Days::new(offset), amounts[k as usize])
        })
        .collect()
}

/// Splits `total` in proportion to `weights` by largest remainder (ties to the earlier).
fn apportion(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum::<u128>().max(1);
    let exact: Vec<(u64, u128)> = weights
        .iter()
        .map(|&w| {
            let p = u128::from(total) * u128::from(w);
            ((p / sum) as u64, p % sum)
        })
        .collect();
    let mut out: Vec<u64> = exact.iter().map(|&(q, _)| q).collect();
    let mut left = total - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for k in order {
        if left == 0 {
            break;
        }
        out[k] += 1;
        left -= 1;
    }
    out
}

/// Applies every step of one date, netted, then checks the register.
fn apply_date(s: &Scenario, r: &mut Register, steps: &[Step], date: NaiveDate) -> Result<(), Box<Conflict>> {
    let mut holding_delta: BTreeMap<(String, String), i128> = BTreeMap::new();
    let mut treasury_delta: BTreeMap<String, i128> = BTreeMap::new();
    let mut issued_delta: BTreeMap<String, i128> = BTreeMap::new();
    let mut counts: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    let mut caps: BTreeMap<(String, String), (Option<CapTerms>, usize)> = BTreeMap::new();
    let mut rules: BTreeMap<super::RuleName, (bool, usize)> = BTreeMap::new();
    let mut behaviours: BTreeMap<BehaviourKey, (Behaviour, usize)> = BTreeMap::new();
    let touch = |party: &str,
                 issuer: &str,
                 d: i128,
                 hd: &mut BTreeMap<(String, String), i128>,
                 td: &mut BTreeMap<String, i128>| {
        if party == MARKET {
        } else if party == issuer {
            *td.entry(issuer.to_string()).or_default() += d;
        } else {
            *hd.entry((party.to_string(), issuer.to_string())).or_default() += d;
        }
    };
    for st in steps {
        match &st.action {
            Action::Move { issuer, from, to, shares } => {
                let n = i128::from(*shares);
                touch(from, issuer, -n, &mut holding_delta, &mut treasury_delta);
                touch(to, issuer, n, &mut holding_delta, &mut treasury_delta);
            }
            Action::Cancel { issuer, shares } => {
                let n = i128::from(*shares);
                *treasury_delta.entry(issuer.clone()).or_default() -= n;
                *issued_delta.entry(issuer.clone()).or_default() -= n;
            }
            Action::Create { issuer, to, shares } => {
                let n = i128::from(*shares);
                *issued_delta.entry(issuer.clone()).or_default() += n;
                touch(to, issuer, n, &mut holding_delta, &mut treasury_delta);
            }
            Action::Cap { holder, issuer, terms } => {
                let key = (holder.clone(), issuer.clone());
                if let Some((prev, k)) = caps.get(&key)
                    && *prev != *terms
                {
                    return Err(conflict(s, *k, st.event, date, "the vote cap"));
                }
                caps.insert(key, (terms.clone(), st.event));
            }
            Action::Rule { rule, on } => {
                if let Some((prev, k)) = rules.get(rule)
                    && prev != on
                {
                    return Err(conflict(s, *k, st.event, date, rule.label()));
                }
                rules.insert(*rule, (*on, st.event));
            }
            Action::Behave { key, behaviour } => {
                if let Some((prev, k)) = behaviours.get(key)
                    && prev != behaviour
                {
                    return Err(conflict(s, *k, st.event, date, "a holder's behaviour"));
                }
                behaviours.insert(key.clone(), (behaviour.clone(), st.event));
            }
            Action::Count { issuer, votes } => {
                if let Some((prev, k)) = counts.get(issuer)
                    && prev != votes
                {
                    return Err(conflict(s, *k, st.event, date, "the published vote count"));
                }
                counts.insert(issuer.clone(), (*votes, st.event));
            }
            Action::Nothing | Action::Sell { .. } => {}
        }
    }
    let culprit = |pred: &dyn Fn(&Action) -> bool| -> (String, Vec<usize>) {
        let mut events: Vec<usize> = steps.iter().filter(|st| pred(&st.action)).map(|st| st.event).collect();
        events.dedup();
        let names: Vec<String> = events.iter().map(|&k| s.event_item(k)).collect();
        (names.join(", "), events)
    };
    // The item of an error found below is the events at fault, named only once there is an
    // error (naming an event looks its parties up); the error's own item when there are none.
    let other = |(by, events): (String, Vec<usize>), error: ValidationError| {
        let item = if by.is_empty() { error.item.clone() } else { by };
        Box::new(Conflict { date, events, kind: ConflictKind::Other, error: ValidationError { item, ..error } })
    };
    for ((holder, issuer), d) in holding_delta {
        let block = r.holdings.entry((holder.clone(), issuer.clone())).or_default();
        let now = i128::from(block.shares) + d;
        if now < 0 {
            let (by, events) =
                culprit(&|a| matches!(a, Action::Move { issuer: i, from, .. } if *i == issuer && *from == holder));
            let sold = (-d) as u64;
            let error = ValidationError::new(
                by,
                Some(date),
                format!(
                    "{} would sell {} shares of {} but holds only {}",
                    s.party_with_id(&holder),
                    thousands(sold),
                    s.party_with_id(&issuer),
                    thousands(block.shares)
                ),
                "reduce the amount sold, or move the sale after the shares are bought",
            );
            let kind = ConflictKind::Oversold { holder, issuer, held: block.shares, sold };
            return Err(Box::new(Conflict { date, events, kind, error }));
        }
        if d < 0 {
            let out = (-d) as u64;
            let single = block.shares - block.double_voting;
            block.double_voting -= out.saturating_sub(single);
        }
        block.shares = now as u64;
    }
    r.holdings.retain(|_, b| b.shares > 0);
    for (issuer, d) in treasury_delta {
        let c = r.capital.entry(issuer.clone()).or_default();
        let now = i128::from(c.treasury) + d;
        if now < 0 {
            let by = culprit(&|a| match a {
                Action::Move { issuer: i, from, .. } => *i == issuer && *from == issuer,
                Action::Cancel { issuer: i, .. } => *i == issuer,
                _ => false,
            });
            let error = ValidationError::new(
                "",
                Some(date),
                format!(
                    "{} would cancel or sell {} treasury shares but holds only {}",
                    s.party_with_id(&issuer),
                    thousands((-d) as u64),
                    thousands(c.treasury)
                ),
                "buy the shares back first, or reduce the number cancelled",
            );
            return Err(other(by, error));
        }
        c.treasury = now as u64;
    }
    for (issuer, d) in issued_delta {
        let c = r.capital.entry(issuer.clone()).or_default();
        c.issued = (i128::from(c.issued) + d).max(0) as u64;
    }
    for ((holder, issuer), (terms, _)) in caps {
        match terms {
            Some(t) => r.caps.insert((holder, issuer), t),
            None => r.caps.remove(&(holder, issuer)),
        };
    }
    for (rule, (on, _)) in rules {
        r.rules.set(rule, on);
    }
    for (key, (behaviour, _)) in behaviours {
        r.behaviours.insert(key, behaviour);
    }
    check_floats(s, r, date, "")
        .map_err(|e| other(culprit(&|a| matches!(a, Action::Move { .. } | Action::Cancel { .. })), e))?;
    for (issuer, (votes, k)) in counts {
        calibrate(s, r, &issuer, votes, date).map_err(|e| other((s.event_item(k), vec![k]), e))?;
    }
    let held: Vec<u64> = {
        let by_issuer = held_by_issuer(r);
        r.capital.keys().map(|i| by_issuer.get(i.as_str()).copied().unwrap_or(0)).collect()
    };
    for ((_, c), held) in r.capital.iter_mut().zip(held) {
        let float = c.issued.saturating_sub(c.treasury).saturating_sub(held);
        c.float_double_voting = c.float_double_voting.min(float);
    }
    Ok(())
}

fn conflict(s: &Scenario, a: usize, b: usize, date: NaiveDate, what: &str) -> Box<Conflict> {
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

/// Every float must be non-negative.
fn check_floats(s: &Scenario, r: &Register, date: NaiveDate, item: &str) -> Result<(), ValidationError> {
    let held_by = held_by_issuer(r);
    for (issuer, c) in &r.capital {
        let held = held_by.get(issuer.as_str()).copied().unwrap_or(0);
        let outstanding = c.issued.checked_sub(c.treasury);
        if outstanding.is_none_or(|o| held > o) {
            return Err(ValidationError::new(
                if item.is_empty() { format!("company {}", s.party_with_id(issuer)) } else { item.to_string() },
                Some(date),
                format!(
                    "the float of {} would be negative: {} shares issued, {} in treasury, {} held by listed holders",
                    s.party_with_id(issuer),
                    thousands(c.issued),
                    thousands(c.treasury),
                    thousands(held)
                ),
                "reduce the holdings or the treasury shares, or issue more shares",
            ));
        }
    }
    Ok(())
}

/// Shares of each issuer held by listed holders, in one pass over the holdings (asking
/// [`Register::holders_of`] issuer by issuer scans every holding for each issuer).
fn held_by_issuer(r: &Register) -> BTreeMap<&str, u64> {
    let mut out: BTreeMap<&str, u64> = BTreeMap::new();
    for ((_, issuer), b) in &r.holdings {
        *out.entry(issuer.as_str()).or_default() += b.shares;
    }
    out
}

/// Sets the float's double votes so that the issuer's theoretical votes equal `votes`. An
/// error has no item: the caller names the event or the company that published the count.
fn calibrate(s: &Scenario, r: &mut Register, issuer: &str, votes: u64, date: NaiveDate) -> Result<(), ValidationError> {
    let float = r.float_shares(issuer);
    let Some(c) = r.capital.get(issuer).copied() else {
        return Err(ValidationError::new(
            "",
            Some(date),
            format!("{} is not a company of the scenario", s.party_with_id(issuer)),
            "name a company as the issuer of the vote count",
        ));
    };
    let listed: u64 = r.holders_of(issuer).map(|(_, b)| b.votes()).sum();
    let single = c.treasury + listed + float;
    if votes < single || votes - single > float {
        return Err(ValidationError::new(
            "",
            Some(date),
            format!(
                "the published count of {} theoretical votes for {} is impossible: treasury, holders and float \
                 give at least {} and at most {} votes",
                thousands(votes),
                s.party_with_id(issuer),
                thousands(single),
                thousands(single + float)
            ),
            "check the published figure and the holdings' double voting shares on that date",
        ));
    }
    if let Some(c) = r.capital.get_mut(issuer) {
        c.float_double_voting = votes - single;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("test date {s:?} is not YYYY-MM-DD: {e}"))
    }

    #[test]
    fn apportions_exactly_by_profile() {
        let even = tranche_schedule(d("2026-01-01"), d("2026-12-31"), 10, 3, SaleProfile::Even);
        assert_eq!(even.iter().map(|t| t.1).collect::<Vec<_>>(), vec![4, 3, 3]);
        assert_eq!(even[0].0, d("2026-01-01"));
        assert_eq!(even[2].0, d("2026-12-31"));
        let front = tranche_schedule(d("2026-01-01"), d("2026-12-31"), 600, 3, SaleProfile::FrontLoaded);
        assert_eq!(front.iter().map(|t| t.1).collect::<Vec<_>>(), vec![300, 200, 100]);
        let back = tranche_schedule(d("2026-01-01"), d("2026-01-01"), 7, 2, SaleProfile::BackLoaded);
        assert_eq!(back.iter().map(|t| t.1).sum::<u64>(), 7);
        assert!(back[0].1 < back[1].1);
    }
}
