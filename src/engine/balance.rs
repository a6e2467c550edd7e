//! The balance between two companies that hold each other: A at B's meeting minus B at A's
//! meeting, in power, in votes and in capital. Zero is the "perfect balance".

use super::IssuerResult;
use crate::model::Scenario;

/// The balance of one pair on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    /// Company A.
    pub a: String,
    /// Company B.
    pub b: String,
    /// Shapley–Shubik power (the headline kind: ordinary resolutions) of A at B minus B at A.
    pub power: f64,
    /// The same for every kind of resolution, as (kind id, A at B minus B at A), in the
    /// scenario's order.
    pub power_by_kind: Vec<(String, f64)>,
    /// Share of the votes in the game of A at B minus B at A.
    pub votes: f64,
    /// Share of issued capital of A in B minus B in A.
    pub capital: f64,
}

/// The pairs whose balance is reported: the scenario's `balance_pairs`, or else every pair
/// of companies that hold each other at some point of the scenario, in id order.
pub fn pairs<'a>(s: &Scenario, points: impl Iterator<Item = &'a [IssuerResult]>) -> Vec<(String, String)> {
    if !s.balance_pairs.is_empty() {
        return s.balance_pairs.clone();
    }
    let mut out = Vec::new();
    for issuers in points {
        for x in issuers {
            for h in &x.votes.holders {
                let mutual =
                    issuers.iter().any(|y| y.votes.issuer == h.holder && y.votes.holder(&x.votes.issuer).is_some());
                if mutual {
                    let (a, b) = if h.holder < x.votes.issuer {
                        (h.holder.clone(), x.votes.issuer.clone())
                    } else {
                        (x.votes.issuer.clone(), h.holder.clone())
                    };
                    if !out.contains(&(a.clone(), b.clone())) {
                        out.push((a, b));
                    }
                }
            }
        }
    }
    out.sort();
    out
}

/// The balance of each pair on one date.
pub fn balances(s: &Scenario, pairs: &[(String, String)], issuers: &[IssuerResult]) -> Vec<Balance> {
    let headline = s.headline_kind();
    let kinds: Vec<String> = s.resolution_kinds().into_iter().map(|k| k.id).collect();
    pairs
        .iter()
        .map(|(a, b)| {
            let power = |holder: &str, issuer: &str, kind: &str| -> f64 {
                issuers
                    .iter()
                    .find(|x| x.votes.issuer == issuer)
                    .and_then(|x| x.power_of(holder, kind))
                    .map_or(0.0, |p| p.shapley_shubik)
            };
            let side = |holder: &str, issuer: &str| -> (f64, f64) {
                issuers.iter().find(|x| x.votes.issuer == issuer).map_or((0.0, 0.0), |x| {
                    let v = x.votes.holder(holder);
                    let votes = v.map_or(0.0, |h| ratio(h.game_votes, x.votes.game_total));
                    let capital = v.map_or(0.0, |h| ratio(h.shares, x.votes.issued_shares));
                    (votes, capital)
                })
            };
            let (va, ca) = side(a, b);
            let (vb, cb) = side(b, a);
            let by_kind = |k: &str| power(a, b, k) - power(b, a, k);
            Balance {
                a: a.clone(),
                b: b.clone(),
                power: by_kind(&headline),
                power_by_kind: kinds.iter().map(|k| (k.clone(), by_kind(k))).collect(),
                votes: va - vb,
                capital: ca - cb,
            }
        })
        .collect()
}

/// n / d as f64 (0 when d is 0).
pub fn ratio(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}
