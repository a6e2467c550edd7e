//! The float as `N` equal holders.
//!
//! Majors hold integer weights `m_j`, the float holds the integer weight
//! `F` split equally among `N` holders. To keep the split exact, the finite
//! game scales every major by `N` and gives each holder weight `F`, so its
//! total is `N·(Σm + F)`; the quota is a fraction of that total, read by a
//! [`QuotaRule`], which makes the game the same voting rule as the
//! oceanic game with shares `m_j/(Σm + F)` ([`FloatHolders::to_ocean`]).
//!
//! [`FloatHolders::to_game`] builds that finite [`Game`] for the general
//! algorithms. Because the holders are interchangeable, the indices also
//! have closed forms summing over subsets of the majors (grouped by size
//! and weight) and the number `k` of holders voting yes; these are exact
//! and cost `O(2^m·N)` big-integer steps, so `N = 1000` or more is cheap.
//! The float's power is the sum over its `N` holders (`N` × one holder).

use std::collections::BTreeMap;

use num_bigint::{BigInt, BigUint};
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::error::PowerError;
use super::game::{Game, quota_parts};
use super::numeric::{ratio, ratio_to_f64};
use super::ocean::OceanGame;
use crate::model::Quota;

/// Largest number of float holders accepted.
const MAX_HOLDERS: u64 = 10_000;

/// Largest number of majors accepted: the closed forms group the sets of majors by size and
/// weight, so their cost is the number of such groups (at most `2^m`), small when the majors
/// have a few distinct weights.
const MAX_MAJORS: usize = 40;

/// Majors plus a float split among `N` equal holders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloatHolders {
    majors: Vec<u64>,
    float_weight: u64,
    holders: u64,
    quota: Quota,
}

/// Exact Shapley–Shubik values with `N` float holders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloatHoldersShapley {
    /// Value of each major.
    pub majors: Vec<BigRational>,
    /// Value of one float holder.
    pub per_holder: BigRational,
    /// Value of the whole float: `N × per_holder = 1 − Σ majors`.
    pub float_total: BigRational,
}

/// Exact Banzhaf values with `N` float holders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloatHoldersBanzhaf {
    /// Absolute Banzhaf index of each major.
    pub majors_absolute: Vec<BigRational>,
    /// Absolute Banzhaf index of one float holder.
    pub per_holder_absolute: BigRational,
    /// Normalised Banzhaf index of each major (over all `m + N` players).
    pub majors_normalised: Vec<BigRational>,
    /// Normalised Banzhaf index of the whole float (sum over its holders).
    pub float_normalised: BigRational,
}

impl FloatHolders {
    /// Majors with integer weights, a float of weight `float_weight` split
    /// among `holders ≥ 1` holders, and a quota (a fraction of the total). At most 40 majors and
    /// 10,000 holders (the exact closed forms cost about `G·N` big-integer steps for `G` groups
    /// of sets of majors by size and weight, at most `2^m`).
    pub fn new(majors: Vec<u64>, float_weight: u64, holders: u64, quota: Quota) -> Result<Self, PowerError> {
        quota_parts(quota)?;
        if holders == 0 || holders > MAX_HOLDERS {
            return Err(PowerError::InvalidFloatHolders(format!(
                "{holders} holders: choose between 1 and {MAX_HOLDERS}"
            )));
        }
        if float_weight == 0 {
            return Err(PowerError::InvalidFloatHolders(
                "the float has weight 0: give it a positive weight or use a plain Game".into(),
            ));
        }
        if majors.len() > MAX_MAJORS {
            return Err(PowerError::TooManyMajors { majors: majors.len(), max: MAX_MAJORS });
        }
        let fh = FloatHolders { majors, float_weight, holders, quota };
        fh.scaled()?;
        Ok(fh)
    }

    /// Scaled major weights, holder weight and integer quota.
    fn scaled(&self) -> Result<(Vec<u64>, u64, u64), PowerError> {
        let n = self.holders;
        let majors: Vec<u64> =
            self.majors.iter().map(|&w| w.checked_mul(n)).collect::<Option<_>>().ok_or(PowerError::WeightOverflow)?;
        let total = majors
            .iter()
            .try_fold(0u64, |acc, &w| acc.checked_add(w))
            .and_then(|s| s.checked_add(self.float_weight.checked_mul(n)?))
            .ok_or(PowerError::WeightOverflow)?;
        let q = self.quota.integer(total);
        if q == 0 || q > u128::from(total) {
            return Err(PowerError::QuotaOutOfRange { quota: q, total });
        }
        let q = u64::try_from(q).map_err(|_| PowerError::WeightOverflow)?;
        Ok((majors, self.float_weight, q))
    }

    /// The finite game: majors (scaled by `N`) first, then the `N` holders.
    pub fn to_game(&self) -> Result<Game, PowerError> {
        let (mut w, f, q) = self.scaled()?;
        let n = usize::try_from(self.holders).map_err(|_| PowerError::WeightOverflow)?;
        w.extend(std::iter::repeat_n(f, n));
        Game::new(w, q)
    }

    /// The oceanic game with the same shares and quota (the limit `N → ∞`).
    pub fn to_ocean(&self) -> Result<OceanGame, PowerError> {
        let total = self
            .majors
            .iter()
            .try_fold(self.float_weight, |acc, &w| acc.checked_add(w))
            .ok_or(PowerError::WeightOverflow)?;
        OceanGame::from_votes(&self.majors, total, self.quota)
    }

    /// For a pivotal player of (scaled) weight `wi` after the majors'
    /// coalition weight `x`: the range `k_lo..=k_hi` of yes-voting holders,
    /// among `kmax`, for which `q − wi ≤ x + k·f < q`.
    fn k_range(x: u64, wi: u64, f: u64, q: u64, kmax: u64) -> Option<(u64, u64)> {
        if x >= q {
            return None;
        }
        let lo_w = q.saturating_sub(wi).saturating_sub(x);
        let k_lo = lo_w.div_ceil(f);
        let k_hi = (q - x).div_ceil(f) - 1;
        let k_hi = k_hi.min(kmax);
        (k_lo <= k_hi).then_some((k_lo, k_hi))
    }

    /// Groups of subsets of the scaled majors (excluding `skip`) by (size, weight).
    fn groups(majors: &[u64], skip: Option<usize>) -> Vec<(usize, u64, u64)> {
        let mut map: BTreeMap<(usize, u64), u64> = BTreeMap::new();
        map.insert((0, 0), 1);
        for (j, &w) in majors.iter().enumerate() {
            if Some(j) == skip {
                continue;
            }
            let snap: Vec<((usize, u64), u64)> = map.iter().map(|(&k, &c)| (k, c)).collect();
            for ((s, x), c) in snap {
                *map.entry((s + 1, x.saturating_add(w))).or_insert(0) += c;
            }
        }
        map.into_iter().map(|((s, x), c)| (s, x, c)).collect()
    }

    /// Exact Shapley–Shubik values of the majors, one holder and the float.
    pub fn shapley_shubik_exact(&self) -> Result<FloatHoldersShapley, PowerError> {
        let (majors, f, q) = self.scaled()?;
        let m = majors.len();
        let nh = self.holders;
        let n = m + usize::try_from(nh).map_err(|_| PowerError::WeightOverflow)?;
        // Only s! (s ≤ m), r! (N − 1 ≤ r ≤ n − 1) and n! are needed.
        let fact = SparseFactorials::new(m, nh as usize - 1, n);
        // Σ_{k=lo..=hi} C(K,k)(s+k)!(R−k)!, by the exact recurrence
        // U(k+1) = U(k)·(K−k)(s+k+1) / ((k+1)(R−k)).
        let sum_u = |kk: u64, s: usize, rr: usize, lo: u64, hi: u64| -> BigUint {
            let mut u = fact.get(s) * fact.get(rr);
            let mut acc = BigUint::zero();
            for k in 0..=hi {
                if k >= lo {
                    acc += &u;
                }
                if k < hi {
                    let ku = k as usize;
                    u = u * BigUint::from((kk - k) as u128 * (s + ku + 1) as u128)
                        / BigUint::from((k + 1) as u128 * (rr - ku) as u128);
                }
            }
            acc
        };
        let mut values = Vec::with_capacity(m);
        for i in 0..m {
            let mut num = BigUint::zero();
            for (s, x, c) in Self::groups(&majors, Some(i)) {
                if let Some((lo, hi)) = Self::k_range(x, majors[i], f, q, nh) {
                    num += BigUint::from(c) * sum_u(nh, s, n - 1 - s, lo, hi);
                }
            }
            values.push(ratio(num, fact.get(n).clone()));
        }
        let mut num = BigUint::zero();
        for (s, x, c) in Self::groups(&majors, None) {
            if let Some((lo, hi)) = Self::k_range(x, f, f, q, nh - 1) {
                num += BigUint::from(c) * sum_u(nh - 1, s, n - 1 - s, lo, hi);
            }
        }
        let per_holder = ratio(num, fact.get(n).clone());
        let float_total = &per_holder * BigRational::from_integer(BigInt::from(nh));
        Ok(FloatHoldersShapley { majors: values, per_holder, float_total })
    }

    /// Exact Banzhaf values of the majors, one holder and the float.
    pub fn banzhaf_exact(&self) -> Result<FloatHoldersBanzhaf, PowerError> {
        let (majors, f, q) = self.scaled()?;
        let m = majors.len();
        let nh = self.holders;
        let sum_c = |kk: u64, lo: u64, hi: u64| -> BigUint {
            let mut c = BigUint::one();
            let mut acc = BigUint::zero();
            for k in 0..=hi {
                if k >= lo {
                    acc += &c;
                }
                if k < hi {
                    c = c * BigUint::from(kk - k) / BigUint::from(k + 1);
                }
            }
            acc
        };
        let mut swings = Vec::with_capacity(m);
        for i in 0..m {
            let mut sw = BigUint::zero();
            for (_, x, c) in Self::groups(&majors, Some(i)) {
                if let Some((lo, hi)) = Self::k_range(x, majors[i], f, q, nh) {
                    sw += BigUint::from(c) * sum_c(nh, lo, hi);
                }
            }
            swings.push(sw);
        }
        let mut holder = BigUint::zero();
        for (_, x, c) in Self::groups(&majors, None) {
            if let Some((lo, hi)) = Self::k_range(x, f, f, q, nh - 1) {
                holder += BigUint::from(c) * sum_c(nh - 1, lo, hi);
            }
        }
        let n = m as u64 + nh;
        let half = BigUint::one() << (n - 1);
        let float_swings = &holder * BigUint::from(nh);
        let total: BigUint = swings.iter().sum::<BigUint>() + &float_swings;
        if total.is_zero() {
            return Err(PowerError::Internal("no player has a swing in a valid game"));
        }
        Ok(FloatHoldersBanzhaf {
            majors_absolute: swings.iter().map(|s| ratio(s.clone(), half.clone())).collect(),
            per_holder_absolute: ratio(holder, half),
            majors_normalised: swings.iter().map(|s| ratio(s.clone(), total.clone())).collect(),
            float_normalised: ratio(float_swings, total),
        })
    }

    /// [`Self::shapley_shubik_exact`] converted to `f64`: majors, then the float.
    pub fn shapley_shubik_f64(&self) -> Result<(Vec<f64>, f64), PowerError> {
        let e = self.shapley_shubik_exact()?;
        Ok((e.majors.iter().map(ratio_to_f64).collect(), ratio_to_f64(&e.float_total)))
    }

    /// Absolute Banzhaf of the majors as `f64` (from the exact counts).
    pub fn majors_absolute_banzhaf_f64(&self) -> Result<Vec<f64>, PowerError> {
        let e = self.banzhaf_exact()?;
        Ok(e.majors_absolute.iter().map(ratio_to_f64).collect())
    }
}

/// The factorials `0..=small` and `from..=n`, computed in one sweep.
struct SparseFactorials {
    small: Vec<BigUint>,
    from: usize,
    large: Vec<BigUint>,
}

impl SparseFactorials {
    fn new(small: usize, from: usize, n: usize) -> Self {
        let mut f = BigUint::one();
        let mut lo = vec![f.clone()];
        let mut hi = Vec::new();
        for k in 1..=n {
            f *= BigUint::from(k);
            if k <= small {
                lo.push(f.clone());
            }
            if k >= from {
                hi.push(f.clone());
            }
        }
        if from == 0 {
            hi.insert(0, BigUint::one());
        }
        SparseFactorials { small: lo, from, large: hi }
    }

    /// `k!` for a stored `k` (callers only ask for those; others give 1).
    fn get(&self, k: usize) -> &BigUint {
        if k < self.small.len() {
            &self.small[k]
        } else {
            self.large.get(k.wrapping_sub(self.from)).unwrap_or(&self.small[0])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::power::{QuotaRule, banzhaf_exact, checked_quota, shapley_shubik_exact};

    #[test]
    fn closed_form_matches_the_finite_game() {
        for (majors, fw, n, rule) in [
            (vec![5u64, 3, 2], 10u64, 7u64, QuotaRule::MoreThan),
            (vec![4, 4, 1], 3, 5, QuotaRule::AtLeast),
            (vec![6], 4, 9, QuotaRule::MoreThan),
        ] {
            let fh = checked_quota(1, 2, rule).and_then(|q| FloatHolders::new(majors.clone(), fw, n, q)).unwrap();
            let g = fh.to_game().unwrap();
            let ss = shapley_shubik_exact(&g).unwrap();
            let b = banzhaf_exact(&g).unwrap();
            let m = majors.len();
            let c = fh.shapley_shubik_exact().unwrap();
            assert_eq!(c.majors[..], ss[..m]);
            assert_eq!(c.per_holder, ss[m]);
            assert_eq!(&c.float_total + c.majors.iter().sum::<BigRational>(), BigRational::one());
            let cb = fh.banzhaf_exact().unwrap();
            assert_eq!(cb.majors_absolute[..], b.absolute[..m]);
            assert_eq!(cb.per_holder_absolute, b.absolute[m]);
            assert_eq!(cb.majors_normalised[..], b.normalised[..m]);
            let fl: BigRational = b.normalised[m..].iter().sum();
            assert_eq!(cb.float_normalised, fl);
        }
    }
}
