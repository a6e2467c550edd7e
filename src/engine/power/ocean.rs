//! The float as an "ocean": a continuum of infinitesimal holders.
//!
//! Majors hold vote fractions `w_1..w_m` (exact rationals, `Σw ≤ 1`), the
//! ocean holds `a = 1 − Σw`, and the quota `q` is a fraction of all votes.
//!
//! - Shapley–Shubik by Milnor–Shapley (1978): with the ocean's yes-share
//!   growing uniformly as `a·t`,
//!   `φ_i = ∫₀¹ Σ_{S ⊆ M∖{i}} t^{|S|}(1−t)^{m−1−|S|}·1[pivot at a·t] dt`.
//!   Each indicator holds on an interval of `t` with rational end points, so
//!   `φ_i` is integrated exactly: with integer weights `W`, `Q`, `A` on a
//!   common denominator and `t = u/A`, the integral is a polynomial in `u`
//!   evaluated exactly in big integers. The ocean gets `1 − Σφ_i`.
//! - Banzhaf by Dubey–Shapley (1979): the ocean's yes-vote is `a/2` almost
//!   surely, so `β_i' = 2^{−(m−1)}·#{S ⊆ M∖{i} : pivot at a/2}`.
//!
//! Subsets of the other majors are grouped by (size, weight), so work is
//! at most `m·2^{m−1}` and much less when weights repeat; at most
//! [`MAX_OCEAN_MAJORS`] majors are accepted. With `a = 0` there is no ocean
//! and the results are those of the finite game of the majors.

use std::collections::BTreeMap;

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::error::PowerError;
use super::numeric::ratio_to_f64;
use crate::model::kinds::{Quota, QuotaRule};

/// Largest number of majors accepted by the oceanic computations.
pub const MAX_OCEAN_MAJORS: usize = 20;

/// An oceanic game: majors with exact vote fractions, an ocean holding the
/// rest, and a quota fraction read by a [`QuotaRule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OceanGame {
    majors: Vec<BigRational>,
    ocean: BigRational,
    quota: BigRational,
    rule: QuotaRule,
}

/// Exact Milnor–Shapley values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OceanShapley {
    /// Shapley–Shubik value of each major.
    pub majors: Vec<BigRational>,
    /// Value of the whole ocean, `1 − Σ majors`.
    pub ocean: BigRational,
}

/// Milnor–Shapley values as `f64`.
#[derive(Debug, Clone, PartialEq)]
pub struct OceanShapleyF64 {
    /// Shapley–Shubik value of each major.
    pub majors: Vec<f64>,
    /// Value of the whole ocean, `1 − Σ majors`.
    pub ocean: f64,
}

/// Exact Dubey–Shapley Banzhaf results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OceanBanzhaf {
    /// Absolute Banzhaf index of each major: `2^{−(m−1)}·#swings` with the
    /// ocean voting yes with exactly half of its weight.
    pub absolute: Vec<BigRational>,
    /// Banzhaf index normalised among the majors only; `None` when no major
    /// has a swing (for instance when the ocean alone decides).
    pub normalised: Option<Vec<BigRational>>,
    /// Always `None`. In the oceanic limit each float holder's absolute
    /// Banzhaf power tends to 0 while their number tends to infinity, and
    /// the limit of their summed normalised share depends on how the limit
    /// is taken, so no normalised Banzhaf share of the ocean is meaningful.
    pub ocean: Option<BigRational>,
    /// True when an ocean is present (`a > 0`) and exactly one major has
    /// positive power: it then gets a normalised index of 1, which only says
    /// that the majors' power is all its own, not that it controls the vote
    /// (for example a single major facing only an ocean).
    pub degenerate: bool,
}

/// Dubey–Shapley Banzhaf results as `f64` (see [`OceanBanzhaf`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OceanBanzhafF64 {
    /// Absolute Banzhaf index of each major.
    pub absolute: Vec<f64>,
    /// Banzhaf index normalised among the majors; `None` when no major swings.
    pub normalised: Option<Vec<f64>>,
    /// Always `None`, for the reason given at [`OceanBanzhaf::ocean`].
    pub ocean: Option<f64>,
    /// See [`OceanBanzhaf::degenerate`].
    pub degenerate: bool,
}

impl OceanGame {
    /// An oceanic game from the majors' vote fractions and a quota fraction.
    ///
    /// Requires every fraction `≥ 0`, `Σ majors ≤ 1`, at most
    /// [`MAX_OCEAN_MAJORS`] majors, and a reachable, non-trivial quota:
    /// `0 < q ≤ 1` for [`QuotaRule::AtLeast`], `0 ≤ q < 1` for
    /// [`QuotaRule::MoreThan`].
    pub fn new(majors: Vec<BigRational>, quota: BigRational, rule: QuotaRule) -> Result<Self, PowerError> {
        if majors.len() > MAX_OCEAN_MAJORS {
            return Err(PowerError::TooManyMajors { majors: majors.len(), max: MAX_OCEAN_MAJORS });
        }
        if let Some(w) = majors.iter().find(|w| w.is_negative()) {
            return Err(PowerError::InvalidOcean(format!(
                "major fraction {w} is negative; give each major's share of all votes (at least 0)"
            )));
        }
        let sum: BigRational = majors.iter().sum();
        let one = BigRational::one();
        if sum > one {
            return Err(PowerError::InvalidOcean(format!(
                "the majors hold {sum} of the votes, more than 1; give shares of the same total"
            )));
        }
        let ok = match rule {
            QuotaRule::AtLeast => quota.is_positive() && quota <= one,
            QuotaRule::MoreThan => !quota.is_negative() && quota < one,
        };
        if !ok {
            return Err(PowerError::InvalidOcean(format!(
                "quota {quota} ({rule:?}) can never or always be met; use 0 < q <= 1 for AtLeast and 0 <= q < 1 \
                for MoreThan"
            )));
        }
        let ocean = one - sum;
        if majors.is_empty() && ocean.is_zero() {
            return Err(PowerError::NoPlayers);
        }
        Ok(OceanGame { majors, ocean, quota, rule })
    }

    /// An oceanic game from the majors' vote counts out of `total_votes`
    /// (the rest is the ocean) and the quota.
    pub fn from_votes(major_votes: &[u64], total_votes: u64, quota: Quota) -> Result<Self, PowerError> {
        if total_votes == 0 {
            return Err(PowerError::InvalidOcean(
                "total votes is 0; give the total number of votes cast or held".into(),
            ));
        }
        let t = BigInt::from(total_votes);
        let majors = major_votes.iter().map(|&v| BigRational::new(BigInt::from(v), t.clone())).collect();
        let fraction = BigRational::new(BigInt::from(quota.numer()), BigInt::from(quota.denom()));
        Self::new(majors, fraction, quota.rule())
    }

    /// The majors' vote fractions.
    pub fn majors(&self) -> &[BigRational] {
        &self.majors
    }

    /// The ocean's vote fraction `a = 1 − Σ majors`.
    pub fn ocean(&self) -> &BigRational {
        &self.ocean
    }

    /// The quota fraction.
    pub fn quota(&self) -> &BigRational {
        &self.quota
    }

    /// How the quota is read.
    pub fn rule(&self) -> QuotaRule {
        self.rule
    }

    /// Majors, quota and ocean as integers over a common denominator.
    fn integers(&self) -> (Vec<BigInt>, BigInt, BigInt) {
        let mut d = self.quota.denom().clone();
        for w in &self.majors {
            d = d.lcm(w.denom());
        }
        let scale = |r: &BigRational| r.numer() * (&d / r.denom());
        let w = self.majors.iter().map(scale).collect();
        let q = scale(&self.quota);
        let a = scale(&self.ocean);
        (w, q, a)
    }

    /// Whether a total yes-weight `x` (integer units) wins.
    fn wins(&self, x: &BigInt, q: &BigInt) -> bool {
        match self.rule {
            QuotaRule::AtLeast => x >= q,
            QuotaRule::MoreThan => x > q,
        }
    }
}

/// Subsets of the majors other than `skip`, grouped by (size, weight).
fn subset_groups(w: &[BigInt], skip: usize) -> Vec<(usize, BigInt, u64)> {
    let mut map: BTreeMap<(usize, BigInt), u64> = BTreeMap::new();
    map.insert((0, BigInt::zero()), 1);
    for (j, wj) in w.iter().enumerate() {
        if j == skip {
            continue;
        }
        let snapshot: Vec<((usize, BigInt), u64)> = map.iter().map(|(k, &c)| (k.clone(), c)).collect();
        for ((s, x), c) in snapshot {
            *map.entry((s + 1, x + wj)).or_insert(0) += c;
        }
    }
    map.into_iter().map(|((s, x), c)| (s, x, c)).collect()
}

/// The interval of ocean yes-weight `u ∈ [0, A]` on which major `i` is
/// pivotal after coalition weight `x`, as clamped end points `(lo, hi)`
/// (end-point inclusion does not matter for the integral when `A > 0`).
fn pivot_interval(x: &BigInt, wi: &BigInt, q: &BigInt, a: &BigInt) -> (BigInt, BigInt) {
    let clamp = |v: BigInt| -> BigInt {
        if v.is_negative() {
            BigInt::zero()
        } else if &v > a {
            a.clone()
        } else {
            v
        }
    };
    (clamp(q - wi - x), clamp(q - x))
}

/// Exact Milnor–Shapley values of the majors and of the ocean.
pub fn milnor_shapley(game: &OceanGame) -> Result<OceanShapley, PowerError> {
    let m = game.majors.len();
    let (w, q, a) = game.integers();
    let mut values = Vec::with_capacity(m);
    if m == 0 {
        return Ok(OceanShapley { majors: values, ocean: BigRational::one() });
    }
    // ∫ t^s (1−t)^r dt over [u_lo/A, u_hi/A] = (H_s(u_hi) − H_s(u_lo)) / (L·A^m),
    // H_s(u) = Σ_j C(r,j)(−1)^j A^{r−j} u^{s+j+1}·L/(s+j+1), L = lcm(1..=m).
    let mut l = BigInt::one();
    for k in 1..=m {
        l = l.lcm(&BigInt::from(k));
    }
    let binom = binomial_rows(m);
    let fact = super::numeric::factorials(m);
    let a_pows: Vec<BigInt> = (0..=m).map(|k| num_traits::pow(a.clone(), k)).collect();
    for i in 0..m {
        let mut num = BigInt::zero();
        let mut fin = BigUint::zero();
        for (s, x, c) in subset_groups(&w, i) {
            let r = m - 1 - s;
            if a.is_zero() {
                let without = game.wins(&x, &q);
                let with = game.wins(&(&x + &w[i]), &q);
                if with && !without {
                    fin += BigUint::from(c) * &fact[s] * &fact[r];
                }
                continue;
            }
            let (lo, hi) = pivot_interval(&x, &w[i], &q, &a);
            if hi <= lo {
                continue;
            }
            let h = |u: &BigInt| -> BigInt {
                let mut acc = BigInt::zero();
                let mut upow = num_traits::pow(u.clone(), s + 1);
                for j in 0..=r {
                    let term = &binom[r][j] * &a_pows[r - j] * &upow * (&l / BigInt::from(s + j + 1));
                    if j % 2 == 0 {
                        acc += term;
                    } else {
                        acc -= term;
                    }
                    upow *= u;
                }
                acc
            };
            num += BigInt::from(c) * (h(&hi) - h(&lo));
        }
        let v = if a.is_zero() {
            BigRational::new(BigInt::from(fin), BigInt::from(fact[m].clone()))
        } else {
            BigRational::new(num, &l * &a_pows[m])
        };
        values.push(v);
    }
    let sum: BigRational = values.iter().sum();
    Ok(OceanShapley { ocean: BigRational::one() - sum, majors: values })
}

/// Rows `0..=m` of Pascal's triangle.
fn binomial_rows(m: usize) -> Vec<Vec<BigInt>> {
    let mut rows: Vec<Vec<BigInt>> = Vec::with_capacity(m + 1);
    for r in 0..=m {
        let mut row = vec![BigInt::one(); r + 1];
        for j in 1..r {
            row[j] = &rows[r - 1][j - 1] + &rows[r - 1][j];
        }
        rows.push(row);
    }
    rows
}

/// Milnor–Shapley values as `f64`: the same subset groups, each integral
/// evaluated as a difference of binomial tail probabilities,
/// `∫_lo^hi t^s(1−t)^r dt = [P(Bin(m,hi) > s) − P(Bin(m,lo) > s)] / (m·C(m−1,s))`.
pub fn milnor_shapley_f64(game: &OceanGame) -> Result<OceanShapleyF64, PowerError> {
    let m = game.majors.len();
    let (w, q, a) = game.integers();
    let af = a.to_f64().unwrap_or(f64::INFINITY);
    let mut values = Vec::with_capacity(m);
    for i in 0..m {
        let mut v = 0.0;
        for (s, x, c) in subset_groups(&w, i) {
            let beta = 1.0 / (m as f64 * binom_f64(m - 1, s));
            if a.is_zero() {
                if game.wins(&(&x + &w[i]), &q) && !game.wins(&x, &q) {
                    v += c as f64 * beta;
                }
                continue;
            }
            let (lo, hi) = pivot_interval(&x, &w[i], &q, &a);
            if hi <= lo {
                continue;
            }
            let tl = ratio_to_f64(&BigRational::new(lo, BigInt::one())) / af;
            let th = ratio_to_f64(&BigRational::new(hi, BigInt::one())) / af;
            let diff = binom_tail(m, s + 1, th.min(1.0)) - binom_tail(m, s + 1, tl.max(0.0));
            v += c as f64 * beta * diff;
        }
        values.push(v);
    }
    let sum: f64 = values.iter().sum();
    Ok(OceanShapleyF64 { ocean: 1.0 - sum, majors: values })
}

pub(super) fn binom_f64(n: usize, k: usize) -> f64 {
    let mut c = 1.0;
    for j in 0..k {
        c = c * (n - j) as f64 / (j + 1) as f64;
    }
    c
}

/// `P(Bin(m, x) ≥ k)` by direct summation of positive terms.
pub(super) fn binom_tail(m: usize, k: usize, x: f64) -> f64 {
    if x <= 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    if x >= 1.0 {
        return if k <= m { 1.0 } else { 0.0 };
    }
    (k..=m).map(|j| binom_f64(m, j) * x.powi(j as i32) * (1.0 - x).powi((m - j) as i32)).sum()
}

/// Swing counts of the majors with the ocean voting yes with `a/2`.
fn dubey_shapley_counts(game: &OceanGame) -> Vec<u64> {
    let m = game.majors.len();
    let (w, q, a) = game.integers();
    // Work in half units so that a/2 is an integer: compare 2x + a with 2q.
    let q2 = &q * 2;
    (0..m)
        .map(|i| {
            subset_groups(&w, i)
                .into_iter()
                .filter(|(_, x, _)| {
                    let without = &(x * 2) + &a;
                    let with = &without + &w[i] * 2;
                    game.wins(&with, &q2) && !game.wins(&without, &q2)
                })
                .map(|(_, _, c)| c)
                .sum()
        })
        .collect()
}

/// Exact Dubey–Shapley Banzhaf indices of the majors (see [`OceanBanzhaf`]).
pub fn dubey_shapley(game: &OceanGame) -> Result<OceanBanzhaf, PowerError> {
    let m = game.majors.len();
    let counts = dubey_shapley_counts(game);
    let den = BigInt::one() << m.saturating_sub(1);
    let absolute: Vec<BigRational> = counts.iter().map(|&c| BigRational::new(BigInt::from(c), den.clone())).collect();
    let total: u64 = counts.iter().sum();
    let normalised =
        (total > 0).then(|| counts.iter().map(|&c| BigRational::new(BigInt::from(c), BigInt::from(total))).collect());
    let positive = counts.iter().filter(|&&c| c > 0).count();
    Ok(OceanBanzhaf { absolute, normalised, ocean: None, degenerate: game.ocean.is_positive() && positive == 1 })
}

/// Dubey–Shapley Banzhaf indices as `f64` (exact counts, then divided).
pub fn dubey_shapley_f64(game: &OceanGame) -> Result<OceanBanzhafF64, PowerError> {
    let exact = dubey_shapley(game)?;
    Ok(OceanBanzhafF64 {
        absolute: exact.absolute.iter().map(ratio_to_f64).collect(),
        normalised: exact.normalised.as_ref().map(|v| v.iter().map(ratio_to_f64).collect()),
        ocean: None,
        degenerate: exact.degenerate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::power::checked_quota;

    fn r(a: i64, b: i64) -> BigRational {
        BigRational::new(BigInt::from(a), BigInt::from(b))
    }

    #[test]
    fn single_major_milnor_shapley_is_w_over_one_minus_w() {
        let g = OceanGame::new(vec![r(2, 5)], r(1, 2), QuotaRule::AtLeast).unwrap();
        let v = milnor_shapley(&g).unwrap();
        assert_eq!(v.majors, vec![r(2, 3)]);
        assert_eq!(v.ocean, r(1, 3));
        let f = milnor_shapley_f64(&g).unwrap();
        assert!((f.majors[0] - 2.0 / 3.0).abs() < 1e-15);
        // Other w ≤ q ≤ 1 − w: w/(1 − w).
        let g = OceanGame::new(vec![r(1, 5)], r(3, 5), QuotaRule::MoreThan).unwrap();
        assert_eq!(milnor_shapley(&g).unwrap().majors, vec![r(1, 4)]);
    }

    #[test]
    fn single_major_banzhaf_is_degenerate() {
        let g = OceanGame::new(vec![r(2, 5)], r(1, 2), QuotaRule::AtLeast).unwrap();
        let b = dubey_shapley(&g).unwrap();
        assert_eq!(b.absolute, vec![r(1, 1)]);
        assert_eq!(b.normalised, Some(vec![r(1, 1)]));
        assert!(b.degenerate);
        assert_eq!(b.ocean, None);
        // The ocean alone decides: its half, 0.45, is already more than 0.4.
        let g = OceanGame::new(vec![r(1, 10)], r(2, 5), QuotaRule::MoreThan).unwrap();
        let b = dubey_shapley(&g).unwrap();
        assert_eq!(b.absolute, vec![r(0, 1)]);
        assert_eq!(b.normalised, None);
        assert!(!b.degenerate);
    }

    #[test]
    fn no_ocean_is_the_finite_game() {
        // [4; 3,2,1,1] as fractions of 7, quota 4/7.
        let g =
            checked_quota(4, 7, QuotaRule::AtLeast).and_then(|q| OceanGame::from_votes(&[3, 2, 1, 1], 7, q)).unwrap();
        assert!(g.ocean().is_zero());
        let v = milnor_shapley(&g).unwrap();
        assert_eq!(v.majors, vec![r(1, 2), r(1, 6), r(1, 6), r(1, 6)]);
        assert_eq!(v.ocean, r(0, 1));
        let f = milnor_shapley_f64(&g).unwrap();
        assert!((f.majors[0] - 0.5).abs() < 1e-15);
        let b = dubey_shapley(&g).unwrap();
        // Swings 6,2,2,2 over 2^3.
        assert_eq!(b.absolute, vec![r(3, 4), r(1, 4), r(1, 4), r(1, 4)]);
        assert!(!b.degenerate);
    }

    #[test]
    fn rejects_invalid_oceans() {
        assert!(OceanGame::new(vec![r(3, 5), r(3, 5)], r(1, 2), QuotaRule::AtLeast).is_err());
        assert!(OceanGame::new(vec![r(-1, 5)], r(1, 2), QuotaRule::AtLeast).is_err());
        assert!(OceanGame::new(vec![r(1, 5)], r(0, 1), QuotaRule::AtLeast).is_err());
        assert!(OceanGame::new(vec![r(1, 5)], r(1, 1), QuotaRule::MoreThan).is_err());
        assert!(matches!(
            OceanGame::new(vec![r(1, 100); 21], r(1, 2), QuotaRule::AtLeast),
            Err(PowerError::TooManyMajors { .. })
        ));
    }

    #[test]
    fn exact_and_f64_agree_on_several_majors() {
        let g = OceanGame::from_votes(&[27, 16, 9, 9, 5], 100, Quota::MAJORITY).unwrap();
        let e = milnor_shapley(&g).unwrap();
        let f = milnor_shapley_f64(&g).unwrap();
        for (x, y) in e.majors.iter().zip(&f.majors) {
            assert!((ratio_to_f64(x) - y).abs() < 1e-14);
        }
        assert!(e.majors[2] == e.majors[3]);
        assert!(e.ocean.is_positive());
    }
}
