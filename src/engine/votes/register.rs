//! What the rules read, indexed once per date: the register by issuer and by holder
//! ([`IndexedRegister`]) and the static facts about the entities ([`Facts`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

use crate::model::ledger::{Block, CapTerms, Register};
use crate::model::{EntityKind, Jurisdiction, Scenario};

/// Static facts about the entities that the rules need.
pub(super) struct Facts<'a> {
    pub(super) jurisdiction: BTreeMap<&'a str, Jurisdiction>,
    pub(super) trusts: BTreeSet<&'a str>,
}

impl<'a> Facts<'a> {
    pub(super) fn of(s: &'a Scenario) -> Self {
        let mut jurisdiction = BTreeMap::new();
        let mut trusts = BTreeSet::new();
        for e in &s.entities {
            match &e.kind {
                EntityKind::Company { jurisdiction: j, .. } => {
                    jurisdiction.insert(e.id.as_str(), *j);
                }
                EntityKind::Trust { .. } => {
                    trusts.insert(e.id.as_str());
                }
                EntityKind::Investor => {}
            }
        }
        Facts { jurisdiction, trusts }
    }
}

/// A cap in force: its (holder, issuer) key and its terms.
pub(super) type CapAt<'a> = (&'a (String, String), &'a CapTerms);

/// The register with its holdings indexed by issuer and by holder, built once per date. The
/// rules ask for an issuer's holders, its float and a holder's stakes many times per
/// iteration; the register itself answers those by a scan of every holding, which made the
/// fixed point grow as the square of the network (or worse).
pub(super) struct IndexedRegister<'a> {
    register: &'a Register,
    /// The holders of each issuer with their blocks, ordered by holder id.
    by_issuer: BTreeMap<&'a str, Vec<(&'a str, &'a Block)>>,
    /// The issuers each holder holds shares of, ordered by issuer id.
    by_holder: BTreeMap<&'a str, Vec<&'a str>>,
    /// Float shares of each company ([`Register::float_shares`]).
    float: BTreeMap<&'a str, u64>,
    /// The caps at each issuer, ordered by holder id.
    pub(super) caps_by_issuer: BTreeMap<&'a str, Vec<CapAt<'a>>>,
}

impl<'a> IndexedRegister<'a> {
    pub(super) fn new(r: &'a Register) -> Self {
        let mut by_issuer: BTreeMap<&str, Vec<(&str, &Block)>> = BTreeMap::new();
        let mut by_holder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for ((h, i), b) in &r.holdings {
            by_issuer.entry(i.as_str()).or_default().push((h.as_str(), b));
            by_holder.entry(h.as_str()).or_default().push(i.as_str());
        }
        let float = r
            .capital
            .iter()
            .map(|(i, c)| {
                let held: u64 = by_issuer.get(i.as_str()).map_or(0, |v| v.iter().map(|(_, b)| b.shares).sum());
                (i.as_str(), c.issued.saturating_sub(c.treasury).saturating_sub(held))
            })
            .collect();
        let mut caps: BTreeMap<&str, Vec<CapAt>> = BTreeMap::new();
        for (key, terms) in &r.caps {
            caps.entry(key.1.as_str()).or_default().push((key, terms));
        }
        IndexedRegister { register: r, by_issuer, by_holder, float, caps_by_issuer: caps }
    }

    /// The holders of `issuer` with their blocks, ordered by holder id.
    pub(super) fn holders_of<'b>(&'b self, issuer: &str) -> impl Iterator<Item = (&'a str, &'a Block)> + 'b {
        self.by_issuer.get(issuer).into_iter().flatten().copied()
    }

    /// The issuers `holder` holds shares of.
    pub(super) fn issuers_of<'b>(&'b self, holder: &str) -> impl Iterator<Item = &'a str> + 'b {
        self.by_holder.get(holder).into_iter().flatten().copied()
    }

    /// Shares of `issuer` that no listed holder holds.
    pub(super) fn float_shares(&self, issuer: &str) -> u64 {
        self.float.get(issuer).copied().unwrap_or(0)
    }

    /// The block of `holder` in `issuer` (zero when none).
    pub(super) fn block(&self, holder: &str, issuer: &str) -> Block {
        let Some(v) = self.by_issuer.get(issuer) else { return Block::default() };
        v.binary_search_by(|(h, _)| (*h).cmp(holder)).map_or(Block::default(), |k| *v[k].1)
    }

    /// The caps at `issuer`.
    pub(super) fn caps_at<'b>(&'b self, issuer: &str) -> impl Iterator<Item = CapAt<'a>> + 'b {
        self.caps_by_issuer.get(issuer).into_iter().flatten().copied()
    }
}

impl Deref for IndexedRegister<'_> {
    type Target = Register;

    fn deref(&self) -> &Register {
        self.register
    }
}
