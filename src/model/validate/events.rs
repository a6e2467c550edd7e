//! Checks of each event on its own: its parties, its dates inside the scenario's window, its
//! amount and, for a phased sale, its tranches and window. What an event does to the register
//! on its date is the ledger's to check.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::found::{UNNAMED, too_large, unknown};
use super::structure::{check_cap, check_lapse, check_pair};
use crate::model::error::ValidationError;
use crate::model::{Amount, AmountProblem, Event, Fraction, MARKET, Scenario, thousands};

/// What an event's checks need: the scenario, its ids and companies, and the event's date.
struct EventCheck<'a> {
    /// The scenario.
    scenario: &'a Scenario,
    /// Ids of every entity.
    ids: &'a BTreeSet<&'a str>,
    /// Ids of the companies.
    companies: &'a BTreeSet<&'a str>,
    /// The event's date (a phased sale's first tranche).
    date: Option<NaiveDate>,
}

impl EventCheck<'_> {
    /// A party (an entity or the market) exists.
    fn party(&self, role: &str, id: &str, out: &mut Vec<ValidationError>) {
        if id != MARKET && !self.ids.contains(id) {
            out.push(unknown(UNNAMED, self.date, role, id));
        }
    }

    /// The issuer is a company of the scenario.
    fn issuer(&self, issuer: &str, out: &mut Vec<ValidationError>) {
        if !self.companies.contains(issuer) {
            out.push(ValidationError::new(
                UNNAMED,
                self.date,
                format!("{} is not a company of the scenario", self.scenario.party_with_id(issuer)),
                "name a company as the issuer",
            ));
        }
    }

    /// A share count is positive and not too large.
    fn positive(&self, shares: u64, out: &mut Vec<ValidationError>) {
        too_large(UNNAMED, self.date, shares, out);
        if shares == 0 {
            out.push(ValidationError::new(
                UNNAMED,
                self.date,
                "it moves zero shares",
                "give a positive number of shares, or delete the event",
            ));
        }
    }

    /// Seller and buyer differ.
    fn two_parties(&self, seller: &str, buyer: &str, out: &mut Vec<ValidationError>) {
        if seller == buyer {
            out.push(ValidationError::new(
                UNNAMED,
                self.date,
                "seller and buyer are the same",
                "name two different parties",
            ));
        }
    }
}

/// One event's parties, dates and amount; its errors are named by the caller.
pub(super) fn check_event(
    s: &Scenario,
    e: &Event,
    ids: &BTreeSet<&str>,
    companies: &BTreeSet<&str>,
    out: &mut Vec<ValidationError>,
) {
    let check = EventCheck { scenario: s, ids, companies, date: Some(e.date()) };
    check_window(s, e, out);
    match e {
        Event::Transfer { issuer, from, to, .. } => {
            check.issuer(issuer, out);
            check.party("seller", from, out);
            check.party("buyer", to, out);
            check_amount(&check, e, out);
            check.two_parties(from, to, out);
        }
        Event::Buyback { issuer, from, shares, .. } => {
            check.issuer(issuer, out);
            check.party("seller", from, out);
            check.positive(*shares, out);
        }
        Event::Cancellation { issuer, shares, .. } | Event::VoteCount { issuer, theoretical_votes: shares, .. } => {
            check.issuer(issuer, out);
            check.positive(*shares, out);
        }
        Event::Issue { issuer, to, shares, .. } => {
            check.issuer(issuer, out);
            check.party("receiver", to, out);
            check.positive(*shares, out);
        }
        Event::PhasedSale { issuer, seller, buyer, .. } => {
            check.issuer(issuer, out);
            check.party("seller", seller, out);
            check.party("buyer", buyer, out);
            check_amount(&check, e, out);
            check_phased_sale(&check, e, out);
            check.two_parties(seller, buyer, out);
        }
        Event::SetVoteCap { cap, .. } => {
            check_pair(s, check.date, &cap.holder, &cap.issuer, ids, companies, out);
            check_cap(check.date, cap.cap, out);
            check_lapse(check.date, cap, ids, out);
        }
        Event::LiftVoteCap { holder, issuer, .. } => check_pair(s, check.date, holder, issuer, ids, companies, out),
        Event::SetRule { .. } | Event::SetBehaviour { .. } | Event::Milestone { .. } => {}
    }
}

/// The event's dates (both ends of a phased sale's window) are inside the scenario's window.
fn check_window(scenario: &Scenario, event: &Event, out: &mut Vec<ValidationError>) {
    let dates: Vec<NaiveDate> = match event {
        Event::PhasedSale { start, end, .. } => vec![*start, *end],
        _ => vec![event.date()],
    };
    for date in dates {
        if date < scenario.start || date > scenario.end {
            out.push(ValidationError::new(
                UNNAMED,
                Some(date),
                format!("the date is outside the scenario'scenario window {} to {}", scenario.start, scenario.end),
                "move the event inside the window, or widen the window",
            ));
        }
    }
}

/// A phased sale has at least one tranche, no empty tranche, and a window in order.
fn check_phased_sale(check: &EventCheck<'_>, event: &Event, out: &mut Vec<ValidationError>) {
    let Event::PhasedSale { start, end, tranches, .. } = event else { return };
    let date = check.date;
    let shares = event.share_count().unwrap_or(u64::MAX);
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
}

/// A fraction named `what` is at most the whole.
fn check_whole(date: Option<NaiveDate>, what: &str, fraction: Fraction, out: &mut Vec<ValidationError>) {
    if !fraction.is_at_most_one() {
        out.push(ValidationError::new(
            UNNAMED,
            date,
            format!("`{what}` of {fraction} is more than the whole"),
            "give a fraction between 0 and 1, for example \"15%\" or \"1/2\"",
        ));
    }
}

/// The amount of a transfer or phased sale: exactly one of `shares`, `down_to` and `part`,
/// a positive share count, fractions at most one (and a part above zero).
fn check_amount(check: &EventCheck<'_>, event: &Event, out: &mut Vec<ValidationError>) {
    let date = check.date;
    match event.amount() {
        Some(Ok(Amount::Shares(shares))) => check.positive(shares, out),
        Some(Ok(Amount::DownTo(fraction))) => check_whole(date, "down_to", fraction, out),
        Some(Ok(Amount::Part(fraction))) => {
            check_whole(date, "part", fraction, out);
            if fraction == Fraction::ZERO {
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
