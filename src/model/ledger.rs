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
use super::{Behaviour, CapReading, EntityKind, Event, Fraction, MARKET, Rules, SaleProfile, Scenario};

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
    Cancel { issuer: String, shares: u64 },
    Create { issuer: String, to: String, shares: u64 },
    Cap { holder: String, issuer: String, terms: Option<CapTerms> },
    Rule { rule: super::RuleName, on: bool },
    Behave { key: BehaviourKey, behaviour: Behaviour },
    Count { issuer: String, votes: u64 },
    Nothing,
}

/// Replays the scenario: the register on its start date and on every later date on which
/// an event takes effect, in date order.
pub fn replay(s: &Scenario) -> Result<Vec<Entry>, ValidationError> {
    let mut register = initial_register(s)?;
    let steps = expand(s);
    let mut entries = Vec::new();
    let mut i = 0;
    let start_events: Vec<usize> = Vec::new();
    if steps.first().is_none_or(|st| st.date > s.start) {
        entries.push(Entry { date: s.start, events: start_events, register: register.clone() });
    }
    while i < steps.len() {
        let date = steps[i].date;
        let j = steps[i..].iter().position(|st| st.date != date).map_or(steps.len(), |k| i + k);
        apply_date(s, &mut register, &steps[i..j], date)?;
        let mut events: Vec<usize> = steps[i..j].iter().map(|st| st.event).collect();
        events.dedup();
        events.sort_unstable();
        events.dedup();
        entries.push(Entry { date, events, register: register.clone() });
        i = j;
    }
    Ok(entries)
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
    check_floats(&register, s.start, "the holdings on the start date")?;
    for (issuer, votes) in published {
        calibrate(&mut register, &issuer, votes, s.start, &format!("company `{issuer}`"))?;
    }
    Ok(register)
}

/// Expands events into atomic steps sorted by date (stable: file order within a date).
fn expand(s: &Scenario) -> Vec<Step> {
    let mut steps = Vec::new();
    for (k, e) in s.events.iter().enumerate() {
        match e {
            Event::PhasedSale { start, end, issuer, seller, buyer, shares, tranches, profile, .. } => {
                for (date, amount) in tranche_schedule(*start, *end, *shares, *tranches, *profile) {
                    steps.push(Step {
                        date,
                        event: k,
                        action: Action::Move {
                            issuer: issuer.clone(),
                            from: seller.clone(),
                            to: buyer.clone(),
                            shares: amount,
                        },
                    });
                }
            }
            other => steps.extend(single_step(k, other)),
        }
    }
    steps.sort_by_key(|st| st.date);
    steps
}

fn single_step(k: usize, e: &Event) -> Vec<Step> {
    let date = e.date();
    let step = |action| Step { date, event: k, action };
    match e {
        Event::Transfer { issuer, from, to, shares, .. } => {
            vec![step(Action::Move { issuer: issuer.clone(), from: from.clone(), to: to.clone(), shares: *shares })]
        }
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
        Event::PhasedSale { .. } => Vec::new(),
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
fn apply_date(s: &Scenario, r: &mut Register, steps: &[Step], date: NaiveDate) -> Result<(), ValidationError> {
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
            Action::Nothing => {}
        }
    }
    let culprit = |pred: &dyn Fn(&Action) -> bool| -> String {
        let names: Vec<String> = steps
            .iter()
            .filter(|st| pred(&st.action))
            .map(|st| format!("event {} ({})", st.event + 1, s.events[st.event].summary()))
            .collect();
        names.join(", ")
    };
    for ((holder, issuer), d) in holding_delta {
        let block = r.holdings.entry((holder.clone(), issuer.clone())).or_default();
        let now = i128::from(block.shares) + d;
        if now < 0 {
            let by = culprit(&|a| matches!(a, Action::Move { issuer: i, from, .. } if *i == issuer && *from == holder));
            return Err(ValidationError::new(
                by,
                Some(date),
                format!("`{holder}` would sell {} shares of `{issuer}` but holds only {}", -d, block.shares),
                "reduce the amount sold, or move the sale after the shares are bought",
            ));
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
            return Err(ValidationError::new(
                by,
                Some(date),
                format!("`{issuer}` would cancel or sell {} treasury shares but holds only {}", -d, c.treasury),
                "buy the shares back first, or reduce the number cancelled",
            ));
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
    check_floats(r, date, &culprit(&|a| matches!(a, Action::Move { .. } | Action::Cancel { .. })))?;
    for (issuer, (votes, k)) in counts {
        let item = format!("event {} ({})", k + 1, s.events[k].summary());
        calibrate(r, &issuer, votes, date, &item)?;
    }
    for (issuer, c) in r.capital.iter_mut() {
        let float = {
            let held: u64 = r.holdings.iter().filter(|((_, i), _)| i == issuer).map(|(_, b)| b.shares).sum();
            c.issued.saturating_sub(c.treasury).saturating_sub(held)
        };
        c.float_double_voting = c.float_double_voting.min(float);
    }
    Ok(())
}

fn conflict(s: &Scenario, a: usize, b: usize, date: NaiveDate, what: &str) -> ValidationError {
    ValidationError::new(
        format!("events {} and {}", a + 1, b + 1),
        Some(date),
        format!(
            "they set {what} to two different values on the same date ({}; {})",
            s.events[a].summary(),
            s.events[b].summary()
        ),
        "keep one of them, or move one to another date",
    )
}

/// Every float must be non-negative.
fn check_floats(r: &Register, date: NaiveDate, item: &str) -> Result<(), ValidationError> {
    for (issuer, c) in &r.capital {
        let held: u64 = r.holders_of(issuer).map(|(_, b)| b.shares).sum();
        let outstanding = c.issued.checked_sub(c.treasury);
        if outstanding.is_none_or(|o| held > o) {
            return Err(ValidationError::new(
                if item.is_empty() { format!("company `{issuer}`") } else { item.to_string() },
                Some(date),
                format!(
                    "the float of `{issuer}` would be negative: {} shares issued, {} in treasury, {held} held by listed holders",
                    c.issued, c.treasury
                ),
                "reduce the holdings or the treasury shares, or issue more shares",
            ));
        }
    }
    Ok(())
}

/// Sets the float's double votes so that the issuer's theoretical votes equal `votes`.
fn calibrate(r: &mut Register, issuer: &str, votes: u64, date: NaiveDate, item: &str) -> Result<(), ValidationError> {
    let float = r.float_shares(issuer);
    let Some(c) = r.capital.get(issuer).copied() else {
        return Err(ValidationError::new(item, Some(date), format!("`{issuer}` is not a company"), "name a company"));
    };
    let listed: u64 = r.holders_of(issuer).map(|(_, b)| b.votes()).sum();
    let single = c.treasury + listed + float;
    if votes < single || votes - single > float {
        return Err(ValidationError::new(
            item,
            Some(date),
            format!(
                "the published count of {votes} theoretical votes for `{issuer}` is impossible: \
                 treasury, holders and float give at least {single} and at most {} votes",
                single + float
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
        s.parse().unwrap_or_default()
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
