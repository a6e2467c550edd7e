//! Differences between two evaluated scenarios at one date: per issuer and holder, capital,
//! share of the votes in play and Shapley–Shubik power (ordinary resolutions), and the
//! findings that only one of them has.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Evaluation, Point, ratio};

/// One holder at one issuer in both scenarios (zero where it holds nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct HolderDiff {
    /// Issuer id.
    pub issuer: String,
    /// Holder id (`"market"` for the float).
    pub holder: String,
    /// Capital share in A and in B.
    pub capital: (f64, f64),
    /// Share of the votes in play in A and in B.
    pub votes: (f64, f64),
    /// Shapley–Shubik power (ordinary) in A and in B.
    pub power: (f64, f64),
}

impl HolderDiff {
    /// Whether anything differs by more than `eps`.
    pub fn differs(&self, eps: f64) -> bool {
        [self.capital, self.votes, self.power].iter().any(|(a, b)| (a - b).abs() > eps)
    }
}

/// The differences at one date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Differences {
    /// Every holder and the float of every issuer present in either scenario.
    pub holders: Vec<HolderDiff>,
    /// Findings only in A.
    pub only_in_a: Vec<String>,
    /// Findings only in B.
    pub only_in_b: Vec<String>,
}

/// Tolerance under which two figures of A and B count as equal (they are exact fractions
/// shown as floating point).
pub const SAME: f64 = 1e-9;

impl Differences {
    /// Whether A and B differ at all: a figure or a finding.
    pub fn any(&self) -> bool {
        self.holders.iter().any(|h| h.differs(SAME)) || !self.only_in_a.is_empty() || !self.only_in_b.is_empty()
    }
}

/// The first change date (of A or B) after `after` on which A and B differ and their
/// differences are not those in force on `after`: where a comparison has something new to
/// show. `None` when nothing changes until the end of both.
pub fn next_difference(a: &Evaluation, b: &Evaluation, after: NaiveDate) -> Option<NaiveDate> {
    let at = |d: NaiveDate| -> Option<Differences> { Some(differences(a.at(d)?, b.at(d)?)) };
    let now = at(after);
    let mut dates: Vec<NaiveDate> = a.points.iter().chain(&b.points).map(|p| p.date).filter(|d| *d > after).collect();
    dates.sort();
    dates.dedup();
    dates.into_iter().find(|d| at(*d).is_some_and(|x| x.any() && Some(&x) != now.as_ref()))
}

/// The differences between the points in force in A and in B.
pub fn differences(a: &Point, b: &Point) -> Differences {
    let mut keys: BTreeSet<(String, String)> = BTreeSet::new();
    for p in [a, b] {
        for x in &p.issuers {
            keys.insert((x.votes.issuer.clone(), "market".into()));
            for h in &x.votes.holders {
                keys.insert((x.votes.issuer.clone(), h.holder.clone()));
            }
        }
    }
    let figures = |p: &Point, issuer: &str, holder: &str| -> (f64, f64, f64) {
        let Some(x) = p.issuer(issuer) else { return (0.0, 0.0, 0.0) };
        if holder == "market" {
            return (
                ratio(x.votes.float_shares, x.votes.issued_shares),
                ratio(x.votes.float_votes_cast, x.votes.game_total),
                x.headline().map_or(0.0, |k| k.power.float.shapley_shubik),
            );
        }
        match x.votes.holder(holder) {
            Some(h) => (
                ratio(h.shares, x.votes.issued_shares),
                ratio(h.game_votes, x.votes.game_total),
                x.headline()
                    .and_then(|k| {
                        x.votes.holders.iter().position(|h| h.holder == holder).and_then(|i| k.power.holders.get(i))
                    })
                    .map_or(0.0, |p| p.shapley_shubik),
            ),
            None => (0.0, 0.0, 0.0),
        }
    };
    let holders = keys
        .into_iter()
        .map(|(issuer, holder)| {
            let (ca, va, pa) = figures(a, &issuer, &holder);
            let (cb, vb, pb) = figures(b, &issuer, &holder);
            HolderDiff { issuer, holder, capital: (ca, cb), votes: (va, vb), power: (pa, pb) }
        })
        .collect();
    let details = |p: &Point| -> BTreeSet<String> { p.findings.iter().map(|f| f.detail.clone()).collect() };
    let (fa, fb) = (details(a), details(b));
    Differences {
        holders,
        only_in_a: fa.difference(&fb).cloned().collect(),
        only_in_b: fb.difference(&fa).cloned().collect(),
    }
}
