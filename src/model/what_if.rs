//! What-if adjustments and the fixes offered for an event that cannot happen.
//!
//! A holding is changed at a date: on the start date that is the initial holding; later it
//! is one dated transfer marked `what_if`, with the market (or a counterparty the user picks),
//! that brings the holding to the value asked on that date. Changing it again updates the same
//! transfer, and bringing it back removes it, so a drag leaves at most one adjustment.
//!
//! When an edit makes a later event impossible ([`super::ledger::Conflict`]), the fixes here
//! rewrite that event: reduce it to what is held, or state it as `down_to` the stake it left
//! before the edit.

use chrono::NaiveDate;

use super::error::ValidationError;
use super::ledger::{self, ConflictKind, Register};
use super::{Amount, Event, Fraction, Holding, MARKET, Scenario};

/// The register in force on `date` (after that date's events). Fails when the scenario
/// cannot be replayed through that date.
pub fn register_on(s: &Scenario, date: NaiveDate) -> Result<Register, ValidationError> {
    let replay = ledger::replay_until(s, Some(date))?;
    if let Some(c) = replay.conflict {
        return Err(c.error);
    }
    replay
        .entries
        .iter()
        .rev()
        .find(|e| e.date <= date)
        .or(replay.entries.first())
        .map(|e| e.register.clone())
        .ok_or_else(|| {
            ValidationError::new("the scenario", Some(date), "nothing is known on that date", "check the dates")
        })
}

/// Index of the what-if adjustment of `holder`'s holding in `issuer` on `date`, if any.
pub fn adjustment(s: &Scenario, holder: &str, issuer: &str, date: NaiveDate) -> Option<usize> {
    s.events.iter().position(|e| {
        matches!(e, Event::Transfer { what_if: true, date: d, issuer: i, from, to, .. }
            if *d == date && i == issuer && (from == holder || to == holder))
    })
}

/// The party on the other side of an adjustment.
pub fn counterparty(e: &Event, holder: &str) -> Option<String> {
    match e {
        Event::Transfer { from, to, .. } if from == holder => Some(to.clone()),
        Event::Transfer { from, .. } => Some(from.clone()),
        _ => None,
    }
}

/// The holding on `date` and the most it can become there by buying from `counterparty`
/// (its holding, or the float), without any adjustment of this holding on that date.
pub fn holding_range(
    s: &Scenario,
    holder: &str,
    issuer: &str,
    date: NaiveDate,
    counterparty: &str,
) -> Result<(u64, u64), ValidationError> {
    let base = without_adjustment(s, holder, issuer, date);
    let r = register_on(&base, date)?;
    let now = ledger::held(&r, holder, issuer);
    let other = ledger::held(&r, counterparty, issuer);
    Ok((now, now + other))
}

fn without_adjustment(s: &Scenario, holder: &str, issuer: &str, date: NaiveDate) -> Scenario {
    let mut base = s.clone();
    if let Some(k) = adjustment(s, holder, issuer, date) {
        base.events.remove(k);
    }
    base
}

/// Sets `holder`'s holding in `issuer` to `shares` on `date`. On or before the start date it
/// edits the initial holding (created if missing); later it creates, updates or removes the
/// one what-if transfer of that holding on that date, with `counterparty` (the existing
/// adjustment's counterparty when `None`, else the market).
pub fn set_holding_on(
    s: &mut Scenario,
    holder: &str,
    issuer: &str,
    date: NaiveDate,
    shares: u64,
    counterparty: Option<&str>,
) -> Result<(), ValidationError> {
    if date <= s.start {
        set_initial(s, holder, issuer, shares);
        return Ok(());
    }
    let existing = adjustment(s, holder, issuer, date);
    let other = counterparty
        .map(str::to_string)
        .or_else(|| existing.and_then(|k| self::counterparty(&s.events[k], holder)))
        .unwrap_or_else(|| MARKET.to_string());
    let base = without_adjustment(s, holder, issuer, date);
    let now = ledger::held(&register_on(&base, date)?, holder, issuer);
    let (from, to, n) =
        if shares >= now { (other.as_str(), holder, shares - now) } else { (holder, other.as_str(), now - shares) };
    if n == 0 {
        if let Some(k) = existing {
            s.events.remove(k);
        }
        return Ok(());
    }
    let mut e = Event::transfer(date, issuer, from, to, Amount::Shares(n));
    if let Event::Transfer { what_if, caption, .. } = &mut e {
        *what_if = true;
        *caption =
            format!("What-if: {} holds {} {} shares", s.name_of(holder), super::thousands(shares), s.name_of(issuer));
    }
    match existing {
        Some(k) => s.events[k] = e,
        None => s.events.push(e),
    }
    Ok(())
}

fn set_initial(s: &mut Scenario, holder: &str, issuer: &str, shares: u64) {
    match s.holdings.iter_mut().find(|h| h.holder == holder && h.issuer == issuer) {
        Some(h) => {
            h.shares = shares;
            h.double_voting_shares = h.double_voting_shares.min(shares);
        }
        None => s.holdings.push(Holding {
            holder: holder.to_string(),
            issuer: issuer.to_string(),
            shares,
            double_voting_shares: 0,
            source: None,
        }),
    }
}

/// The event a conflict's fixes act on: the first culprit that moves shares by an amount.
pub fn culprit(s: &Scenario, events: &[usize]) -> Option<usize> {
    events.iter().copied().find(|&k| s.events.get(k).is_some_and(|e| e.amount().is_some() || e.share_count().is_some()))
}

/// "Reduce the event to what is held": the largest share count for event `k` with which it
/// can happen (the scenario's first conflict, if any, is then about another event). `None`
/// when even zero shares fail, or the event moves no share count.
pub fn fit_to_holding(s: &Scenario, k: usize) -> Option<u64> {
    let current = ledger::replay_partial(s).ok()?;
    let top = current.resolved.get(&k).copied().or_else(|| s.events.get(k)?.share_count())?;
    let fits = |n: u64| -> bool {
        let mut t = s.clone();
        t.events[k].set_share_count(n);
        ledger::replay_partial(&t).is_ok_and(|r| r.conflict.is_none_or(|c| !c.events.contains(&k)))
    };
    if fits(top) {
        return Some(top);
    }
    if !fits(0) {
        return None;
    }
    let (mut lo, mut hi) = (0, top);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) { lo = mid } else { hi = mid }
    }
    Some(lo)
}

/// "Turn its amount into `down_to`": the stake event `k` leaves its seller in `before` (the
/// last scenario in which it could happen), to 0.01%. `None` when the event is not a
/// transfer or phased sale there, or cannot be replayed.
pub fn stake_left(before: &Scenario, k: usize) -> Option<Fraction> {
    let e = before.events.get(k)?;
    let (issuer, seller) = match e {
        Event::Transfer { issuer, from, .. } => (issuer, from),
        Event::PhasedSale { issuer, seller, .. } => (issuer, seller),
        _ => return None,
    };
    let replay = ledger::replay_partial(before).ok()?;
    let sold = *replay.resolved.get(&k)?;
    let date = e.date();
    let prior = replay.entries.iter().rev().find(|x| x.date < date).or(replay.entries.first())?;
    let held = ledger::held(&prior.register, seller, issuer);
    let issued = prior.register.capital.get(issuer)?.issued;
    if issued == 0 {
        return None;
    }
    let left = held.saturating_sub(sold) as f64 / issued as f64;
    Some(Fraction::from_f64_basis_points(left))
}

/// Whether a conflict can be fixed by reducing its event to what is held.
pub fn can_reduce(kind: &ConflictKind) -> bool {
    matches!(kind, ConflictKind::Oversold { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default() -> Scenario {
        crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn a_later_holding_is_one_adjustment_updated_in_place_and_removed_when_back() {
        let mut s = default();
        let n0 = s.events.len();
        let date = d("2025-01-15");
        let (now, max) = holding_range(&s, "renault", "nissan", date, MARKET).unwrap_or_else(|e| panic!("{e}"));
        assert!(max > now);
        for target in [now / 2, now / 3, now + 1000] {
            set_holding_on(&mut s, "renault", "nissan", date, target, None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(s.events.len(), n0 + 1);
            let r = register_on(&s, date).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(r.block("renault", "nissan").shares, target);
        }
        assert!(s.events[n0].is_what_if());
        set_holding_on(&mut s, "renault", "nissan", date, now, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.events.len(), n0);
    }

    #[test]
    fn on_the_start_date_the_initial_holding_changes() {
        let mut s = default();
        let start = s.start;
        set_holding_on(&mut s, "renault", "nissan", start, 1_000, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.holdings.iter().any(|h| h.holder == "renault" && h.issuer == "nissan" && h.shares == 1_000));
        assert!(!s.events.iter().any(Event::is_what_if));
    }

    #[test]
    fn a_conflict_is_fixed_by_reducing_the_event_or_stating_its_intent() {
        // The 2023 transfer as a share count, as files of version 1 give it.
        let mut before = default();
        let k0 = before.events.iter().position(|e| e.date() == d("2023-11-08") && e.amount().is_some());
        let k0 = k0.unwrap_or_else(|| panic!("the 2023 transfer"));
        before.events[k0].set_amount(Amount::Shares(1_198_729_733));
        let mut s = before.clone();
        let issued = 4_220_715_112u64;
        // Renault at 20% of Nissan: the 2023 transfer of 28.4% cannot happen.
        let start = s.start;
        set_holding_on(&mut s, "renault", "nissan", start, issued / 5, None).unwrap_or_else(|e| panic!("{e}"));
        let r = ledger::replay_partial(&s).unwrap_or_else(|e| panic!("{e}"));
        let c = r.conflict.unwrap_or_else(|| panic!("a conflict"));
        assert_eq!(c.date, d("2023-11-08"));
        let k = culprit(&s, &c.events).unwrap_or_else(|| panic!("a culprit"));
        assert_eq!(k, k0);
        assert!(can_reduce(&c.kind));
        assert_eq!(fit_to_holding(&s, k), Some(issued / 5));
        assert_eq!(stake_left(&before, k), Fraction::new(15, 100));
        let mut fixed = s.clone();
        fixed.events[k].set_amount(Amount::DownTo(Fraction::new(15, 100).unwrap_or(Fraction::ZERO)));
        let r = ledger::replay_partial(&fixed).unwrap_or_else(|e| panic!("{e}"));
        let after = r.entries.iter().find(|x| x.date == d("2023-11-08")).map(|x| x.register.block("renault", "nissan"));
        assert_eq!(after.map(|b| b.shares), Some(633_107_267));
    }
}
