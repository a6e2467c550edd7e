//! The balance between two companies that hold each other: A at B's meeting minus B at A's
//! meeting, in power, in votes and in capital. Zero is the "perfect balance".

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::ToPrimitive;

use super::IssuerResult;
use super::votes::IssuerVotes;
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
    pairs_of_votes(s, points.map(|issuers| issuers.iter().map(|x| &x.votes).collect()))
}

/// [`pairs`] from the votes alone (each point's issuers' votes): the companies that hold each
/// other do not depend on power. The points are not read when the scenario lists its pairs.
pub fn pairs_of_votes<'a>(s: &Scenario, points: impl Iterator<Item = Vec<&'a IssuerVotes>>) -> Vec<(String, String)> {
    if !s.balance_pairs.is_empty() {
        return s.balance_pairs.clone();
    }
    let mut out = std::collections::BTreeSet::new();
    for issuers in points {
        let mut by_issuer: BTreeMap<&str, Vec<&IssuerVotes>> = BTreeMap::new();
        for x in &issuers {
            by_issuer.entry(x.issuer.as_str()).or_default().push(x);
        }
        for x in &issuers {
            for h in &x.holders {
                let mutual =
                    by_issuer.get(h.holder.as_str()).is_some_and(|y| y.iter().any(|y| y.holder(&x.issuer).is_some()));
                if mutual {
                    let (a, b) = if h.holder < x.issuer {
                        (h.holder.clone(), x.issuer.clone())
                    } else {
                        (x.issuer.clone(), h.holder.clone())
                    };
                    out.insert((a, b));
                }
            }
        }
    }
    out.into_iter().collect()
}

/// The results of each issuer by id (in order, for the rare issuer listed twice).
fn by_issuer(issuers: &[IssuerResult]) -> BTreeMap<&str, Vec<&IssuerResult>> {
    let mut out: BTreeMap<&str, Vec<&IssuerResult>> = BTreeMap::new();
    for x in issuers {
        out.entry(x.votes.issuer.as_str()).or_default().push(x);
    }
    out
}

/// The balance of each pair on one date. Votes and capital are differences of two exact
/// fractions of share or vote counts, computed exactly and rounded once: subtracting the two
/// rounded shares would leave float noise in the last digits when they nearly cancel (the
/// 2023 "15% each way" is 1.305235085e-9, not 1.305235087e-9).
pub fn balances(s: &Scenario, pairs: &[(String, String)], issuers: &[IssuerResult]) -> Vec<Balance> {
    let headline = s.headline_kind();
    let kinds: Vec<String> = s.resolution_kinds().into_iter().map(|k| k.id).collect();
    let by_issuer = by_issuer(issuers);
    let find = |issuer: &str| by_issuer.get(issuer).and_then(|v| v.first().copied());
    pairs
        .iter()
        .map(|(a, b)| {
            let power = |holder: &str, issuer: &str, kind: &str| -> f64 {
                find(issuer).and_then(|x| x.power_of(holder, kind)).map_or(0.0, |p| p.shapley_shubik)
            };
            let side = |holder: &str, issuer: &str| -> ((u64, u64), (u64, u64)) {
                find(issuer).map_or(((0, 0), (0, 0)), |x| {
                    let v = x.votes.holder(holder);
                    let votes = v.map_or((0, 0), |h| (h.game_votes, x.votes.game_total));
                    let capital = v.map_or((0, 0), |h| (h.shares, x.votes.issued_shares));
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
                votes: ratio_difference(va, vb),
                capital: ratio_difference(ca, cb),
            }
        })
        .collect()
}

/// n / d as f64 (0 when d is 0).
pub fn ratio(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// n1/d1 − n2/d2 computed exactly and rounded once to the nearest `f64` (a fraction over 0
/// counts as 0, as in [`ratio`]).
pub fn ratio_difference((n1, d1): (u64, u64), (n2, d2): (u64, u64)) -> f64 {
    let exact = |n: u64, d: u64| {
        if d == 0 { BigRational::from_integer(0.into()) } else { BigRational::new(BigInt::from(n), BigInt::from(d)) }
    };
    (exact(n1, d1) - exact(n2, d2)).to_f64().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_of_shares_are_exact_then_rounded_once() {
        // Renault's 15% of Nissan minus Nissan's 15% of Renault on 2023-11-08.
        let d = ratio_difference((633_107_267, 4_220_715_112), (44_358_343, 295_722_284));
        assert_eq!(d, -1.3052350849291485e-9);
        assert_ne!(d, ratio(633_107_267, 4_220_715_112) - ratio(44_358_343, 295_722_284));
        assert_eq!(ratio_difference((1, 3), (1, 3)), 0.0);
        assert_eq!(ratio_difference((1, 2), (5, 0)), 0.5);
        assert_eq!(ratio_difference((0, 0), (1, 4)), -0.25);
        assert_eq!(ratio_difference((u64::MAX, u64::MAX - 1), (1, 1)), 1.0 / (u64::MAX - 1) as f64);
    }
}
