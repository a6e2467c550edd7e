//! Checks a scenario before it is evaluated, and the error type that names what is wrong.
//!
//! Static checks (ids, references, dates inside the window, amounts) come first; then the
//! events are replayed on the share register ([`super::ledger`]), which catches what can only
//! be seen on a date (selling shares not held, a float going negative).

use std::collections::BTreeSet;

use chrono::NaiveDate;

pub use super::error::ValidationError;
use super::{Amount, AmountProblem, EntityKind, Event, FloatModel, Fraction, MARKET, Scenario, thousands};

/// The largest share or vote count accepted anywhere (10^15, above any listed company's
/// share count); sums of such counts stay far inside 64 bits.
pub const MAX_COUNT: u64 = 1_000_000_000_000_000;

fn too_large(item: &str, date: Option<NaiveDate>, n: u64, out: &mut Vec<ValidationError>) {
    if n > MAX_COUNT {
        out.push(ValidationError::new(
            item,
            date,
            format!("{} is above the largest count supported ({})", thousands(n), thousands(MAX_COUNT)),
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
    let mut seen = BTreeSet::new();
    for h in &s.holdings {
        let from = out.len();
        check_holding(s, h, &ids, &companies, &mut out);
        if !seen.insert((h.holder.as_str(), h.issuer.as_str())) {
            out.push(ValidationError::new(
                UNNAMED,
                Some(s.start),
                "the same holder and issuer appear twice",
                "merge the two holdings",
            ));
        }
        name(&mut out, from, || format!("holding of {} in {}", s.party_with_id(&h.holder), s.party_with_id(&h.issuer)));
    }
    for (k, c) in s.vote_caps.iter().enumerate() {
        let from = out.len();
        check_pair(s, None, &c.holder, &c.issuer, &ids, &companies, &mut out);
        check_cap(None, c.cap, &mut out);
        check_lapse(None, c, &ids, &mut out);
        name(&mut out, from, || s.vote_cap_item(k));
    }
    check_kinds(s, &mut out);
    let kinds: BTreeSet<String> = s.resolution_kinds().into_iter().map(|k| k.id).collect();
    for (k, b) in s.behaviours.iter().enumerate() {
        let from = out.len();
        check_behaviour(s, None, b, &ids, &companies, &kinds, &mut out);
        name(&mut out, from, || s.behaviour_item(k));
    }
    for (k, e) in s.events.iter().enumerate() {
        let from = out.len();
        check_event(s, e, &ids, &companies, &mut out);
        if let Event::SetBehaviour { setting, .. } = e {
            check_behaviour(s, Some(e.date()), setting, &ids, &companies, &kinds, &mut out);
        }
        name(&mut out, from, || s.event_item(k));
    }
    out
}

/// The item of an error whose item is named once the item's checks are done, by [`name`].
const UNNAMED: &str = "";

/// Names the errors found since `from` (pushed with the item [`UNNAMED`]) by `item`, which is
/// worked out only when there is one: naming an item looks each of its parties up by id,
/// which on the largest file accepted (100,000 events among 10,000 entities) would cost
/// seconds where the checks cost milliseconds.
fn name(out: &mut [ValidationError], from: usize, item: impl FnOnce() -> String) {
    if let Some(found) = out.get_mut(from..).filter(|found| !found.is_empty()) {
        let item = item();
        for e in found {
            e.item.clone_from(&item);
        }
    }
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
    s: &Scenario,
    date: Option<NaiveDate>,
    b: &super::BehaviourSetting,
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
    if let super::Behaviour::Follows(leader) = &b.behaviour {
        if !ids.contains(leader.as_str()) {
            out.push(unknown(UNNAMED, date, "holder it follows,", leader));
        }
        if *leader == b.holder {
            out.push(ValidationError::new(UNNAMED, date, "a holder cannot follow itself", "name another holder"));
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
        let item = format!("entity {}", super::title::with_id(&e.name, &e.id));
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
fn check_holding(
    s: &Scenario,
    h: &super::Holding,
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

fn check_pair(
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

fn check_cap(date: Option<NaiveDate>, cap: super::Fraction, out: &mut Vec<ValidationError>) {
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
fn check_lapse(date: Option<NaiveDate>, c: &super::VoteCap, ids: &BTreeSet<&str>, out: &mut Vec<ValidationError>) {
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

fn unknown(item: &str, date: Option<NaiveDate>, role: &str, id: &str) -> ValidationError {
    ValidationError::new(
        item,
        date,
        format!("the {role} `{id}` is not an entity of the scenario"),
        "use the id of an entity listed under `entities`, or `market`",
    )
}

/// One event's parties, dates and amount; its errors are named by [`name`].
fn check_event(
    s: &Scenario,
    e: &Event,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    let date = Some(e.date());
    let in_window = |d: NaiveDate| d >= s.start && d <= s.end;
    let party = |role: &str, id: &str, out: &mut Vec<ValidationError>| {
        if id != MARKET && !ids.contains(id) {
            out.push(unknown(UNNAMED, date, role, id));
        }
    };
    let issuer_ok = |issuer: &str, out: &mut Vec<ValidationError>| {
        if !companies.contains(issuer) {
            out.push(ValidationError::new(
                UNNAMED,
                date,
                format!("{} is not a company of the scenario", s.party_with_id(issuer)),
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
                UNNAMED,
                Some(d),
                format!("the date is outside the scenario's window {} to {}", s.start, s.end),
                "move the event inside the window, or widen the window",
            ));
        }
    }
    let positive = |n: u64, out: &mut Vec<ValidationError>| {
        too_large(UNNAMED, date, n, out);
        if n == 0 {
            out.push(ValidationError::new(
                UNNAMED,
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
            check_amount(date, e, &positive, out);
            if from == to {
                out.push(ValidationError::new(
                    UNNAMED,
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
            check_amount(date, e, &positive, out);
            let shares = e.share_count().unwrap_or(u64::MAX);
            if *tranches == 0 {
                out.push(ValidationError::new(UNNAMED, date, "it has zero tranches", "give at least one tranche"));
            } else if u64::from(*tranches) > shares {
                out.push(ValidationError::new(
                    UNNAMED,
                    date,
                    format!(
                        "{} tranches for only {} shares leave empty tranches",
                        thousands(u64::from(*tranches)),
                        thousands(shares)
                    ),
                    "use fewer tranches",
                ));
            }
            if start > end {
                out.push(ValidationError::new(
                    UNNAMED,
                    date,
                    format!("its window ends on {end}, before it starts"),
                    "swap start and end",
                ));
            }
            if seller == buyer {
                out.push(ValidationError::new(
                    UNNAMED,
                    date,
                    "seller and buyer are the same",
                    "name two different parties",
                ));
            }
        }
        Event::SetVoteCap { cap, .. } => {
            check_pair(s, date, &cap.holder, &cap.issuer, ids, companies, out);
            check_cap(date, cap.cap, out);
            check_lapse(date, cap, ids, out);
        }
        Event::LiftVoteCap { holder, issuer, .. } => check_pair(s, date, holder, issuer, ids, companies, out),
        Event::SetRule { .. } | Event::SetBehaviour { .. } | Event::Milestone { .. } => {}
    }
}

/// The amount of a transfer or phased sale: exactly one of `shares`, `down_to` and `part`,
/// a positive share count, fractions at most one (and a part above zero).
fn check_amount(
    date: Option<NaiveDate>,
    e: &Event,
    positive: &dyn Fn(u64, &mut Vec<ValidationError>),
    out: &mut Vec<ValidationError>,
) {
    let whole = |what: &str, f: Fraction, out: &mut Vec<ValidationError>| {
        if !f.is_at_most_one() {
            out.push(ValidationError::new(
                UNNAMED,
                date,
                format!("`{what}` of {f} is more than the whole"),
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
                    UNNAMED,
                    date,
                    "part is zero: it sells nothing",
                    "give a part above 0, or delete the event",
                ));
            }
        }
        Some(Err(AmountProblem::Missing)) => out.push(ValidationError::new(
            UNNAMED,
            date,
            "it gives no amount",
            "give one of `shares: N`, `down_to: \"15%\"` (what the seller keeps) or `part: \"1/2\"` (of its holding)",
        )),
        Some(Err(AmountProblem::Several)) => out.push(ValidationError::new(
            UNNAMED,
            date,
            "it gives more than one of `shares`, `down_to` and `part`",
            "keep exactly one of them",
        )),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    /// The first problem `check` finds, as a user reads it.
    fn first(s: &Scenario) -> String {
        check(s).err().map(|e| e.to_string()).unwrap_or_else(|| panic!("no problem found"))
    }

    #[test]
    fn replay_errors_group_digits_and_name_each_party_with_its_id() {
        // Renault holds 1,831,837,000 Nissan shares before the closing.
        let mut s = scenario();
        s.events[1].set_amount(Amount::Shares(2_000_000_000));
        assert_eq!(
            first(&s),
            "event 2 (transfer of 2,000,000,000 Nissan (`nissan`) shares from Renault (`renault`) to French trust \
             (Natixis) (`trust`)) on 2023-11-08: Renault (`renault`) would sell 2,000,000,000 shares of Nissan \
             (`nissan`) but holds only 1,831,837,000; reduce the amount sold, or move the sale after the shares are \
             bought"
        );
        let mut s = scenario();
        s.events[1].set_amount(Amount::DownTo(Fraction::HALF));
        assert_eq!(
            first(&s),
            "event 2 (transfer of Nissan (`nissan`) shares from Renault (`renault`), down to 50% of issued \
             (`down_to: \"50%\"`), to French trust (Natixis) (`trust`)) on 2023-11-08: Renault (`renault`) should \
             keep 50% of Nissan (`nissan`), that is 2,110,357,556 shares, but holds only 1,831,837,000 (43.40%): that \
             would be a purchase; lower `down_to` to at most the holding, give a share count, or remove the event"
        );
        let mut s = scenario();
        let Some(Event::Cancellation { shares, .. }) = s.events.get_mut(6) else {
            panic!("event 7 of the default scenario is a cancellation")
        };
        *shares = 300_000_000;
        assert!(
            first(&s).ends_with(
                "Nissan (`nissan`) would cancel or sell 300,000,000 treasury shares but holds only 239,868,430; buy \
                 the shares back first, or reduce the number cancelled"
            ),
            "{}",
            first(&s)
        );
        let mut s = scenario();
        let Some(Event::VoteCount { theoretical_votes, .. }) = s.events.get_mut(14) else {
            panic!("event 15 of the default scenario is a vote count")
        };
        *theoretical_votes = 1_000_000;
        assert!(
            first(&s).ends_with(
                "the published count of 1,000,000 theoretical votes for Renault (`renault`) is impossible: treasury, \
                 holders and float give at least 384,468,542 and at most 583,677,695 votes; check the published \
                 figure and the holdings' double voting shares on that date"
            ),
            "{}",
            first(&s)
        );
        let mut s = scenario();
        s.holdings[0].shares = 300_000_000;
        s.holdings[0].double_voting_shares = 0;
        assert_eq!(
            first(&s),
            "the holdings on 2022-10-31: the float of Renault (`renault`) would be negative: \
             295,722,284 shares issued, 4,562,561 in treasury, 344,358,343 held by listed holders; reduce the \
             holdings or the treasury shares, or issue more shares"
        );
    }

    #[test]
    fn static_errors_label_items_by_name_and_id_and_group_digits() {
        let mut s = scenario();
        s.holdings[0].shares = 5_000_000_000;
        s.holdings[0].double_voting_shares = 6_000_000_000;
        s.vote_caps[0].issuer = "trust".into();
        s.behaviours[0].issuer = Some("trust".into());
        s.behaviours[1].kind = Some("nope".into());
        if let Some(EntityKind::Company { treasury_shares, .. }) = s.entities.get_mut(0).map(|e| &mut e.kind) {
            *treasury_shares = 5_000_000_000;
        }
        let big = MAX_COUNT + 1;
        let (start, caption) = (s.start, String::new());
        s.events.push(Event::Issue {
            date: start,
            issuer: "nissan".into(),
            to: MARKET.into(),
            shares: big,
            caption,
            source: None,
        });
        let said: Vec<String> = problems(&s).iter().map(ToString::to_string).collect();
        for expected in [
            "entity Renault (`renault`) on 2022-10-31: 5,000,000,000 treasury shares exceed the 295,722,284 issued; \
             correct the share counts",
            "holding of French State (`french-state`) in Renault (`renault`) on 2022-10-31: 6,000,000,000 double \
             voting shares exceed the 5,000,000,000 shares held; lower `double_voting_shares` to at most `shares`",
            "vote cap 1 (17.9% on French State (`french-state`) at French trust (Natixis) (`trust`)): French trust \
             (Natixis) (`trust`) is not a company of the scenario; name the id of a company as the issuer",
            "behaviour 1 (French trust (Natixis) (`trust`) votes with Renault (`renault`) on resolutions of kind \
             \u{201c}Election of a Renault-nominated Nissan director\u{201d} (`director_renault_nominee`) at French \
             trust (Natixis) (`trust`)): French trust (Natixis) (`trust`) is not a company of the scenario; name a \
             company as the issuer, or leave the issuer out for every issuer",
            "event 22 (issue of 1,000,000,000,000,001 Nissan (`nissan`) shares to the public float (`market`)) on \
             2022-10-31: 1,000,000,000,000,001 is above the largest count supported (1,000,000,000,000,000); check \
             the figure: no listed company has that many shares",
        ] {
            assert!(said.iter().any(|x| x == expected), "{expected:?} not in {said:#?}");
        }
        let kind = said.iter().find(|x| x.starts_with("behaviour 2 (")).map_or("", String::as_str);
        assert!(kind.contains("votes for resolutions of kind `nope` at Nissan (`nissan`)): `nope` is not"), "{kind}");
        assert!(
            kind.contains("(kinds: `director_committee_nominee`, `director_renault_nominee`, `ordinary`"),
            "{kind}"
        );
        // Every error says where and what to do.
        assert!(problems(&s).iter().all(|e| !e.item.is_empty() && !e.problem.is_empty() && !e.fix.is_empty()));
    }

    #[test]
    fn an_unnamed_or_unknown_party_is_its_id_alone() {
        let mut s = scenario();
        s.holdings[0].holder = "etat".into();
        if let Some(e) = s.entities.iter_mut().find(|e| e.id == "renault") {
            e.name = String::new();
        }
        let said: Vec<String> = problems(&s).iter().map(ToString::to_string).collect();
        assert!(
            said.iter()
                .any(|x| x.starts_with("holding of `etat` in `renault` on 2022-10-31: the holder `etat` is not")),
            "{said:#?}"
        );
        s.events.push(Event::Issue {
            date: s.start,
            issuer: "renault".into(),
            to: "etat".into(),
            shares: 1_000,
            caption: String::new(),
            source: None,
        });
        let item = s.event_item(s.events.len() - 1);
        assert!(item.ends_with("(issue of 1,000 `renault` shares to `etat`)"), "{item}");
    }
}
