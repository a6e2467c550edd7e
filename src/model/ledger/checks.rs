//! The register's invariants: the start-date register built from the file, floats that never
//! go negative, and the float's double votes calibrated to published vote counts.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::register::{Block, CapTerms, Capital, Register, held_by_issuer};
use crate::model::error::ValidationError;
use crate::model::{EntityKind, Scenario, thousands};

/// The register on the start date, before any event.
pub(super) fn initial_register(s: &Scenario) -> Result<Register, ValidationError> {
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

/// Every float must be non-negative.
pub(super) fn check_floats(s: &Scenario, r: &Register, date: NaiveDate, item: &str) -> Result<(), ValidationError> {
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

/// Sets the float's double votes so that the issuer's theoretical votes equal `votes`. An
/// error has no item: the caller names the event or the company that published the count.
pub(super) fn calibrate(
    s: &Scenario,
    r: &mut Register,
    issuer: &str,
    votes: u64,
    date: NaiveDate,
) -> Result<(), ValidationError> {
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
