//! Checks of the scenario's structure: the header, entities, holdings, vote caps, resolution
//! kinds and behaviours (everything but the events' own dates and amounts).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::found::{UNNAMED, too_large, unknown};
use crate::model::error::ValidationError;
use crate::model::title::with_id;
use crate::model::{BehaviourSetting, EntityKind, FloatModel, Fraction, Holding, MARKET, Scenario, VoteCap, thousands};

/// The window, the float turnout and the float model.
pub(super) fn check_header(s: &Scenario, out: &mut Vec<ValidationError>) {
    if s.start > s.end {
        out.push(ValidationError::new(
            "the scenario window",
            None,
            format!("it starts on {} after it ends on {}", s.start, s.end),
            "swap `start` and `end`",
        ));
    }
    if !s.meeting.float_turnout.is_at_most_one() {
        out.push(ValidationError::new(
            "meeting.float_turnout",
            None,
            format!("{} is more than 1", s.meeting.float_turnout),
            "give a fraction between 0 and 1, for example \"0.6\"",
        ));
    }
    if let FloatModel::EqualHolders(0) | FloatModel::Leech(0) = s.meeting.float_model {
        out.push(ValidationError::new(
            "meeting.float_model",
            None,
            "the float is split among zero holders",
            "give at least one holder, or use `Ocean`",
        ));
    }
}

/// Entities: valid, distinct, unreserved ids, sane share counts, trusts with a beneficiary.
pub(super) fn check_entities(s: &Scenario, out: &mut Vec<ValidationError>) {
    let mut seen = BTreeSet::new();
    for e in &s.entities {
        let item = format!("entity {}", with_id(&e.name, &e.id));
        let valid = !e.id.is_empty()
            && e.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            out.push(ValidationError::new(
                &item,
                None,
                "the id is empty or has characters other than a-z, 0-9, - and _",
                "rename it, for example `renault`",
            ));
        }
        if e.id == MARKET {
            out.push(ValidationError::new(
                &item,
                None,
                "`market` is reserved for the public float",
                "give the entity another id",
            ));
        }
        if !seen.insert(e.id.as_str()) {
            out.push(ValidationError::new(&item, None, "the id is used twice", "give each entity its own id"));
        }
        if let EntityKind::Company { issued_shares, theoretical_votes, .. } = &e.kind {
            too_large(&item, Some(s.start), *issued_shares, out);
            too_large(&item, Some(s.start), theoretical_votes.unwrap_or(0), out);
        }
        match &e.kind {
            EntityKind::Company { issued_shares, treasury_shares, .. } if treasury_shares > issued_shares => {
                out.push(ValidationError::new(
                    &item,
                    Some(s.start),
                    format!(
                        "{} treasury shares exceed the {} issued",
                        thousands(*treasury_shares),
                        thousands(*issued_shares)
                    ),
                    "correct the share counts",
                ));
            }
            EntityKind::Trust { beneficiary } if s.entity(beneficiary).is_none() || *beneficiary == e.id => {
                out.push(ValidationError::new(
                    &item,
                    None,
                    format!("its beneficiary `{beneficiary}` is not another entity of the scenario"),
                    "name an entity's id as the beneficiary",
                ));
            }
            _ => {}
        }
    }
}

/// One holding of the start date: its parties, its counts.
pub(super) fn check_holding(
    s: &Scenario,
    h: &Holding,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    check_pair(s, Some(s.start), &h.holder, &h.issuer, ids, companies, out);
    too_large(UNNAMED, Some(s.start), h.shares, out);
    if h.double_voting_shares > h.shares {
        out.push(ValidationError::new(
            UNNAMED,
            Some(s.start),
            format!(
                "{} double voting shares exceed the {} shares held",
                thousands(h.double_voting_shares),
                thousands(h.shares)
            ),
            "lower `double_voting_shares` to at most `shares`",
        ));
    }
}

/// A holder and an issuer: both exist, the issuer is a company, and they differ.
pub(super) fn check_pair(
    s: &Scenario,
    date: Option<NaiveDate>,
    holder: &str,
    issuer: &str,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    if !ids.contains(holder) {
        out.push(unknown(UNNAMED, date, "holder", holder));
    }
    if !companies.contains(issuer) {
        out.push(ValidationError::new(
            UNNAMED,
            date,
            format!("{} is not a company of the scenario", s.party_with_id(issuer)),
            "name the id of a company as the issuer",
        ));
    }
    if holder == issuer {
        out.push(ValidationError::new(
            UNNAMED,
            date,
            "a company cannot be listed as its own holder",
            "use treasury_shares for shares a company holds itself",
        ));
    }
}

/// A cap strictly between 0 and 1.
pub(super) fn check_cap(date: Option<NaiveDate>, cap: Fraction, out: &mut Vec<ValidationError>) {
    if cap.numer() == 0 || cap.numer() >= cap.denom() {
        out.push(ValidationError::new(
            UNNAMED,
            date,
            format!("a cap of {cap} is not strictly between 0 and 1"),
            "give a cap such as \"15%\"",
        ));
    }
}

/// The holder whose exercisable votes make a cap lapse exists and is not the capped holder.
pub(super) fn check_lapse(date: Option<NaiveDate>, c: &VoteCap, ids: &BTreeSet<&str>, out: &mut Vec<ValidationError>) {
    if let Some(other) = &c.lapses_when_exercisable {
        if !ids.contains(other.as_str()) {
            out.push(unknown(UNNAMED, date, "holder named in lapses_when_exercisable,", other));
        } else if *other == c.holder {
            out.push(ValidationError::new(
                UNNAMED,
                date,
                "the cap would lapse on the capped holder's own votes",
                "name another holder in lapses_when_exercisable",
            ));
        }
    }
}

/// Kinds: valid and distinct ids, a name, a quota between 0 and 1 that can be met.
pub(super) fn check_kinds(s: &Scenario, out: &mut Vec<ValidationError>) {
    let mut seen = BTreeSet::new();
    for k in &s.kinds {
        let item = format!("resolution kind `{}`", k.id);
        let valid = !k.id.is_empty()
            && k.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            out.push(ValidationError::new(
                &item,
                None,
                "the id is empty or has characters other than a-z, 0-9, - and _",
                "rename it, for example `director_election`",
            ));
        }
        if !seen.insert(k.id.as_str()) {
            out.push(ValidationError::new(&item, None, "the id is used twice", "give each kind its own id"));
        }
        let f = k.quota.fraction();
        if f.numer() == 0 || f.numer() > f.denom() || (k.quota.is_strict() && f.numer() == f.denom()) {
            out.push(ValidationError::new(
                &item,
                None,
                format!("a quota of {} can never be met or is always met", k.quota.label()),
                "give a quota such as MoreThan(\"1/2\") or AtLeast(\"2/3\")",
            ));
        }
    }
}

/// A behaviour setting names a holder, and an issuer, a kind and a leader that exist.
pub(super) fn check_behaviour(
    s: &Scenario,
    date: Option<NaiveDate>,
    b: &BehaviourSetting,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    kinds: &BTreeSet<String>,
    out: &mut Vec<ValidationError>,
) {
    if !ids.contains(b.holder.as_str()) {
        out.push(unknown(UNNAMED, date, "holder", &b.holder));
    }
    if let Some(issuer) = &b.issuer
        && !companies.contains(issuer.as_str())
    {
        out.push(ValidationError::new(
            UNNAMED,
            date,
            format!("{} is not a company of the scenario", s.party_with_id(issuer)),
            "name a company as the issuer, or leave the issuer out for every issuer",
        ));
    }
    if let Some(kind) = &b.kind
        && !kinds.contains(kind)
    {
        let known: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
        out.push(ValidationError::new(
            UNNAMED,
            date,
            format!("`{kind}` is not a resolution kind of the scenario (kinds: {})", known.join(", ")),
            "name one of the kinds, or add it under `kinds`",
        ));
    }
    if let crate::model::Behaviour::Follows(leader) = &b.behaviour {
        if !ids.contains(leader.as_str()) {
            out.push(unknown(UNNAMED, date, "holder it follows,", leader));
        }
        if *leader == b.holder {
            out.push(ValidationError::new(UNNAMED, date, "a holder cannot follow itself", "name another holder"));
        }
    }
}
