//! Events expanded into atomic, dated steps (a phased sale into its tranches, apportioned
//! exactly by its profile).

use chrono::NaiveDate;

use super::register::CapTerms;
use crate::model::kinds::{Behaviour, BehaviourKey};
use crate::model::{Amount, Event, RuleName, SaleProfile, Scenario};

/// One atomic change, dated, with the event it comes from.
#[derive(Debug, Clone)]
pub(super) struct Step {
    /// The date it takes effect.
    pub(super) date: NaiveDate,
    /// Index of its event in `Scenario::events`.
    pub(super) event: usize,
    /// What it does.
    pub(super) action: Action,
}

/// What a step does to the register.
#[derive(Debug, Clone)]
pub(super) enum Action {
    Move { issuer: String, from: String, to: String, shares: u64 },
    Sell { issuer: String, from: String, to: String, amount: Amount, schedule: Option<Schedule> },
    Cancel { issuer: String, shares: u64 },
    Create { issuer: String, to: String, shares: u64 },
    Cap { holder: String, issuer: String, terms: Option<CapTerms> },
    Rule { rule: RuleName, on: bool },
    Behave { key: BehaviourKey, behaviour: Behaviour },
    Count { issuer: String, votes: u64 },
    Nothing,
}

/// A phased sale's window and tranches, applied to its total once that is resolved.
#[derive(Debug, Clone, Copy)]
pub(super) struct Schedule {
    /// Date of the last tranche.
    pub(super) end: NaiveDate,
    /// Number of tranches.
    pub(super) tranches: u32,
    /// How the total is spread.
    pub(super) profile: SaleProfile,
}

/// Expands events into atomic steps sorted by date (stable: file order within a date). A
/// transfer or phased sale is one `Sell` step on its date, resolved when the replay gets there.
pub(super) fn expand(s: &Scenario) -> Vec<Step> {
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
