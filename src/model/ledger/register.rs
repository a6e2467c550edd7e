//! The share register on one date: capital, holdings, caps, rules and behaviours in force,
//! and the share counts read from it.

use std::collections::BTreeMap;

use crate::model::kinds::{Behaviour, BehaviourKey};
use crate::model::{CapReading, Fraction, MARKET, Rules};

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

/// Shares of each issuer held by listed holders, in one pass over the holdings (asking
/// [`Register::holders_of`] issuer by issuer scans every holding for each issuer).
pub(super) fn held_by_issuer(r: &Register) -> BTreeMap<&str, u64> {
    let mut out: BTreeMap<&str, u64> = BTreeMap::new();
    for ((_, issuer), b) in &r.holdings {
        *out.entry(issuer.as_str()).or_default() += b.shares;
    }
    out
}
