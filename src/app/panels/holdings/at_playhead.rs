//! The register at the playhead as the holdings panel reads it ([`AtPlayhead`]), and the
//! percentages it shows.

use chrono::NaiveDate;

use crate::model::ledger::{self, Register};
use crate::model::validate::ValidationError;
use crate::model::{MARKET, Scenario, what_if};

/// `n` as a percentage of `d` (0 when `d` is 0).
pub(super) fn pct(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 * 100.0 / d as f64 }
}

/// The register at the playhead, read once a frame: on the start date the initial holdings,
/// later the model's replay up to the playhead (an error when an earlier event cannot happen).
pub struct AtPlayhead {
    /// The playhead.
    pub(super) date: NaiveDate,
    /// Whether the playhead is on (or before) the start date.
    pub(super) initial: bool,
    /// The register in force at the playhead, or why there is none.
    register: Result<Register, ValidationError>,
}

impl AtPlayhead {
    /// The register of `s` on `date`.
    pub(super) fn read(s: &Scenario, date: NaiveDate) -> AtPlayhead {
        let initial = date <= s.start;
        AtPlayhead { date, initial, register: what_if::register_on(s, date.max(s.start)) }
    }

    /// Issued and treasury shares of `issuer` at the playhead.
    pub(super) fn capital(&self, s: &Scenario, issuer: &str) -> (u64, u64) {
        match &self.register {
            Ok(r) if !self.initial => r.capital.get(issuer).map_or((0, 0), |c| (c.issued, c.treasury)),
            _ => s.start_capital(issuer),
        }
    }

    /// Shares of `issuer` that `party` holds at the playhead (the market: the float).
    pub(super) fn held(&self, s: &Scenario, party: &str, issuer: &str) -> u64 {
        match &self.register {
            Ok(r) if !self.initial => ledger::held(r, party, issuer),
            _ if party == MARKET => s.start_float(issuer),
            _ => s.holdings.iter().find(|h| h.holder == party && h.issuer == issuer).map_or(0, |h| h.shares),
        }
    }

    /// The holders shown for `issuer`: the initial holdings, then anyone else holding at the
    /// playhead (a trust that received shares, a what-if buyer).
    pub(super) fn holders(&self, s: &Scenario, issuer: &str) -> Vec<String> {
        let mut out: Vec<String> = s.holdings.iter().filter(|h| h.issuer == issuer).map(|h| h.holder.clone()).collect();
        if let Ok(r) = &self.register
            && !self.initial
        {
            for (holder, _) in r.holders_of(issuer) {
                if !out.iter().any(|h| h == holder) {
                    out.push(holder.to_string());
                }
            }
        }
        out
    }

    /// Why the holdings at the playhead cannot be changed, if they cannot.
    pub(super) fn blocked(&self) -> Option<String> {
        match &self.register {
            Err(e) if !self.initial => Some(format!(
                "The scenario cannot be replayed to {}: {e}. Fix the conflict above the plots, or move the \
                playhead before it.",
                self.date
            )),
            _ => None,
        }
    }
}
