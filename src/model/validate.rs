//! Checks a scenario before it is evaluated, and the error type that names what is wrong.
//!
//! Static checks (ids, references, dates inside the window, amounts) come first; then the
//! events are replayed on the share register ([`super::ledger`]), which catches what can only
//! be seen on a date (selling shares not held, a float going negative).

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;

use super::{Amount, AmountProblem, EntityKind, Event, FloatModel, Fraction, MARKET, Scenario};

/// A semantic error: the item, the date if any, what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// The item at fault ("holding renault→nissan", "event 4 (transfer …)").
    pub item: String,
    /// The date on which the problem arises.
    pub date: Option<NaiveDate>,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

impl ValidationError {
    /// A new error.
    pub fn new(
        item: impl Into<String>,
        date: Option<NaiveDate>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        ValidationError { item: item.into(), date, problem: problem.into(), fix: fix.into() }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.item)?;
        if let Some(d) = self.date {
            write!(f, " on {d}")?;
        }
        write!(f, ": {}; {}", self.problem, self.fix)
    }
}

/// The largest share or vote count accepted anywhere (10^15, above any listed company's
/// share count); sums of such counts stay far inside 64 bits.
pub const MAX_COUNT: u64 = 1_000_000_000_000_000;

fn too_large(item: &str, date: Option<NaiveDate>, n: u64, out: &mut Vec<ValidationError>) {
    if n > MAX_COUNT {
        out.push(ValidationError::new(
            item,
            date,
            format!("{n} is above the largest count supported ({MAX_COUNT})"),
            "check the figure: no listed company has that many shares",
        ));
    }
}

/// Every static problem of the scenario, in file order (empty when there is none).
pub fn problems(s: &Scenario) -> Vec<ValidationError> {
    let mut out = Vec::new();
    check_header(s, &mut out);
    check_entities(s, &mut out);
    let ids: BTreeSet<&str> = s.entities.iter().map(|e| e.id.as_str()).collect();
    let companies: BTreeSet<&str> = s.company_ids().into_iter().collect();
    check_holdings(s, &ids, &companies, &mut out);
    for (k, c) in s.vote_caps.iter().enumerate() {
        let item = format!("vote cap {} ({} at {})", k + 1, c.holder, c.issuer);
        check_pair(&item, None, &c.holder, &c.issuer, &ids, &companies, &mut out);
        check_cap(&item, None, c.cap, &mut out);
        check_lapse(&item, None, c, &ids, &mut out);
    }
    check_kinds(s, &mut out);
    let kinds: BTreeSet<String> = s.resolution_kinds().into_iter().map(|k| k.id).collect();
    for (k, b) in s.behaviours.iter().enumerate() {
        let item = format!("behaviour {} ({} votes {})", k + 1, b.holder, b.behaviour.label());
        check_behaviour(&item, None, b, &ids, &companies, &kinds, &mut out);
    }
    for (k, e) in s.events.iter().enumerate() {
        check_event(s, k, e, &ids, &companies, &mut out);
        if let Event::SetBehaviour { setting, .. } = e {
            let item = s.event_item(k);
            check_behaviour(&item, Some(e.date()), setting, &ids, &companies, &kinds, &mut out);
        }
    }
    out
}

/// Kinds: valid and distinct ids, a name, a quota between 0 and 1 that can be met.
fn check_kinds(s: &Scenario, out: &mut Vec<ValidationError>) {
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
fn check_behaviour(
    item: &str,
    date: Option<NaiveDate>,
    b: &super::BehaviourSetting,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    kinds: &BTreeSet<String>,
    out: &mut Vec<ValidationError>,
) {
    if !ids.contains(b.holder.as_str()) {
        out.push(unknown(item, date, "holder", &b.holder));
    }
    if let Some(issuer) = &b.issuer
        && !companies.contains(issuer.as_str())
    {
        out.push(ValidationError::new(
            item,
            date,
            format!("`{issuer}` is not a company of the scenario"),
            "name a company as the issuer, or leave the issuer out for every issuer",
        ));
    }
    if let Some(kind) = &b.kind
        && !kinds.contains(kind)
    {
        let known: Vec<&str> = kinds.iter().map(String::as_str).collect();
        out.push(ValidationError::new(
            item,
            date,
            format!("`{kind}` is not a resolution kind of the scenario (kinds: {})", known.join(", ")),
            "name one of the kinds, or add it under `kinds`",
        ));
    }
    if let super::Behaviour::Follows(leader) = &b.behaviour {
        if !ids.contains(leader.as_str()) {
            out.push(unknown(item, date, "holder it follows,", leader));
        }
        if *leader == b.holder {
            out.push(ValidationError::new(item, date, "a holder cannot follow itself", "name another holder"));
        }
    }
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

fn check_header(s: &Scenario, out: &mut Vec<ValidationError>) {
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

fn check_entities(s: &Scenario, out: &mut Vec<ValidationError>) {
    let mut seen = BTreeSet::new();
    for e in &s.entities {
        let item = format!("entity `{}`", e.id);
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
                    format!("{treasury_shares} treasury shares exceed the {issued_shares} issued"),
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

fn check_holdings(s: &Scenario, ids: &BTreeSet<&str>, companies: &BTreeSet<&str>, out: &mut Vec<ValidationError>) {
    let mut seen = BTreeSet::new();
    for h in &s.holdings {
        let item = format!("holding of `{}` in `{}`", h.holder, h.issuer);
        check_pair(&item, Some(s.start), &h.holder, &h.issuer, ids, companies, out);
        too_large(&item, Some(s.start), h.shares, out);
        if h.double_voting_shares > h.shares {
            out.push(ValidationError::new(
                &item,
                Some(s.start),
                format!("{} double voting shares exceed the {} shares held", h.double_voting_shares, h.shares),
                "lower double_voting_shares to at most shares",
            ));
        }
        if !seen.insert((h.holder.as_str(), h.issuer.as_str())) {
            out.push(ValidationError::new(
                &item,
                Some(s.start),
                "the same holder and issuer appear twice",
                "merge the two holdings",
            ));
        }
    }
}

fn check_pair(
    item: &str,
    date: Option<NaiveDate>,
    holder: &str,
    issuer: &str,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    if !ids.contains(holder) {
        out.push(unknown(item, date, "holder", holder));
    }
    if !companies.contains(issuer) {
        out.push(ValidationError::new(
            item,
            date,
            format!("`{issuer}` is not a company of the scenario"),
            "name the id of a company as the issuer",
        ));
    }
    if holder == issuer {
        out.push(ValidationError::new(
            item,
            date,
            "a company cannot be listed as its own holder",
            "use treasury_shares for shares a company holds itself",
        ));
    }
}

fn check_cap(item: &str, date: Option<NaiveDate>, cap: super::Fraction, out: &mut Vec<ValidationError>) {
    if cap.numer() == 0 || cap.numer() >= cap.denom() {
        out.push(ValidationError::new(
            item,
            date,
            format!("a cap of {cap} is not strictly between 0 and 1"),
            "give a cap such as \"15%\"",
        ));
    }
}

/// The holder whose exercisable votes make a cap lapse exists and is not the capped holder.
fn check_lapse(
    item: &str,
    date: Option<NaiveDate>,
    c: &super::VoteCap,
    ids: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    if let Some(other) = &c.lapses_when_exercisable {
        if !ids.contains(other.as_str()) {
            out.push(unknown(item, date, "holder named in lapses_when_exercisable,", other));
        } else if *other == c.holder {
            out.push(ValidationError::new(
                item,
                date,
                "the cap would lapse on the capped holder's own votes",
                "name another holder in lapses_when_exercisable",
            ));
        }
    }
}

fn unknown(item: &str, date: Option<NaiveDate>, role: &str, id: &str) -> ValidationError {
    ValidationError::new(
        item,
        date,
        format!("the {role} `{id}` is not an entity of the scenario"),
        "use the id of an entity listed under `entities`, or `market`",
    )
}

fn check_event(
    s: &Scenario,
    k: usize,
    e: &Event,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    let item = s.event_item(k);
    let date = Some(e.date());
    let in_window = |d: NaiveDate| d >= s.start && d <= s.end;
    let party = |role: &str, id: &str, out: &mut Vec<ValidationError>| {
        if id != MARKET && !ids.contains(id) {
            out.push(unknown(&item, date, role, id));
        }
    };
    let issuer_ok = |issuer: &str, out: &mut Vec<ValidationError>| {
        if !companies.contains(issuer) {
            out.push(ValidationError::new(
                &item,
                date,
                format!("`{issuer}` is not a company of the scenario"),
                "name a company as the issuer",
            ));
        }
    };
    let dates: Vec<NaiveDate> = match e {
        Event::PhasedSale { start, end, .. } => vec![*start, *end],
        _ => vec![e.date()],
    };
    for d in dates {
        if !in_window(d) {
            out.push(ValidationError::new(
                &item,
                Some(d),
                format!("the date is outside the scenario's window {} to {}", s.start, s.end),
                "move the event inside the window, or widen the window",
            ));
        }
    }
    let positive = |n: u64, out: &mut Vec<ValidationError>| {
        too_large(&item, date, n, out);
        if n == 0 {
            out.push(ValidationError::new(
                &item,
                date,
                "it moves zero shares",
                "give a positive number of shares, or delete the event",
            ));
        }
    };
    match e {
        Event::Transfer { issuer, from, to, .. } => {
            issuer_ok(issuer, out);
            party("seller", from, out);
            party("buyer", to, out);
            check_amount(&item, date, e, &positive, out);
            if from == to {
                out.push(ValidationError::new(
                    &item,
                    date,
                    "seller and buyer are the same",
                    "name two different parties",
                ));
            }
        }
        Event::Buyback { issuer, from, shares, .. } => {
            issuer_ok(issuer, out);
            party("seller", from, out);
            positive(*shares, out);
        }
        Event::Cancellation { issuer, shares, .. } | Event::VoteCount { issuer, theoretical_votes: shares, .. } => {
            issuer_ok(issuer, out);
            positive(*shares, out);
        }
        Event::Issue { issuer, to, shares, .. } => {
            issuer_ok(issuer, out);
            party("receiver", to, out);
            positive(*shares, out);
        }
        Event::PhasedSale { start, end, issuer, seller, buyer, tranches, .. } => {
            issuer_ok(issuer, out);
            party("seller", seller, out);
            party("buyer", buyer, out);
            check_amount(&item, date, e, &positive, out);
            let shares = e.share_count().unwrap_or(u64::MAX);
            if *tranches == 0 {
                out.push(ValidationError::new(&item, date, "it has zero tranches", "give at least one tranche"));
            } else if u64::from(*tranches) > shares {
                out.push(ValidationError::new(
                    &item,
                    date,
                    format!("{tranches} tranches for only {shares} shares leave empty tranches"),
                    "use fewer tranches",
                ));
            }
            if start > end {
                out.push(ValidationError::new(
                    &item,
                    date,
                    format!("its window ends on {end}, before it starts"),
                    "swap start and end",
                ));
            }
            if seller == buyer {
                out.push(ValidationError::new(
                    &item,
                    date,
                    "seller and buyer are the same",
                    "name two different parties",
                ));
            }
        }
        Event::SetVoteCap { cap, .. } => {
            check_pair(&item, date, &cap.holder, &cap.issuer, ids, companies, out);
            check_cap(&item, date, cap.cap, out);
            check_lapse(&item, date, cap, ids, out);
        }
        Event::LiftVoteCap { holder, issuer, .. } => check_pair(&item, date, holder, issuer, ids, companies, out),
        Event::SetRule { .. } | Event::SetBehaviour { .. } | Event::Milestone { .. } => {}
    }
}

/// The amount of a transfer or phased sale: exactly one of `shares`, `down_to` and `part`,
/// a positive share count, fractions at most one (and a part above zero).
fn check_amount(
    item: &str,
    date: Option<NaiveDate>,
    e: &Event,
    positive: &dyn Fn(u64, &mut Vec<ValidationError>),
    out: &mut Vec<ValidationError>,
) {
    let whole = |what: &str, f: Fraction, out: &mut Vec<ValidationError>| {
        if !f.is_at_most_one() {
            out.push(ValidationError::new(
                item,
                date,
                format!("{what} of {f} is more than the whole"),
                "give a fraction between 0 and 1, for example \"15%\" or \"1/2\"",
            ));
        }
    };
    match e.amount() {
        Some(Ok(Amount::Shares(n))) => positive(n, out),
        Some(Ok(Amount::DownTo(f))) => whole("down_to", f, out),
        Some(Ok(Amount::Part(f))) => {
            whole("part", f, out);
            if f == Fraction::ZERO {
                out.push(ValidationError::new(
                    item,
                    date,
                    "part is zero: it sells nothing",
                    "give a part above 0, or delete the event",
                ));
            }
        }
        Some(Err(AmountProblem::Missing)) => out.push(ValidationError::new(
            item,
            date,
            "it gives no amount",
            "give one of `shares: N`, `down_to: \"15%\"` (what the seller keeps) or `part: \"1/2\"` (of its holding)",
        )),
        Some(Err(AmountProblem::Several)) => out.push(ValidationError::new(
            item,
            date,
            "it gives more than one of `shares`, `down_to` and `part`",
            "keep exactly one of them",
        )),
        None => {}
    }
}
