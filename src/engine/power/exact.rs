//! Exact power indices of a finite [`Game`] by generating functions.
//!
//! Banzhaf: the counting polynomial `f(x) = Π (1 + x^{w_j})`, truncated to
//! degrees below the quota, is built once; for each distinct weight `w` the
//! factor `1 + x^w` is removed by exact integer deconvolution
//! `g[k] = f[k] − g[k − w]`, and the swings of a player of weight `w` are
//! `Σ_{q−w ≤ k < q} g[k]`. Cost `O(n·q)` big-integer additions.
//!
//! Shapley–Shubik: the same with a second variable counting coalition size,
//! `F[s][k]` = number of coalitions of size `s` and weight `k < q`; removing
//! a player gives `G[s][k] = F[s][k] − G[s−1][k−w]`, and
//! `φ = Σ_s s!(n−1−s)!/n! · Σ_{q−w ≤ k < q} G[s][k]`. Cost `O(n²·q)`.
//!
//! Players of weight 0 are null players: they get 0, they double every
//! Banzhaf count, and (by the null-player-out property of the Shapley value)
//! they do not change anyone's Shapley–Shubik value, so they are left out of
//! the size table. Counts are kept in `u128` when they provably fit (at most
//! 127 non-null players), in `BigUint` otherwise.

use std::collections::BTreeMap;
use std::ops::{AddAssign, SubAssign};

use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::error::PowerError;
use super::game::Game;
use super::numeric::{factorials, ratio};

/// Exact Banzhaf results of a finite game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactBanzhaf {
    /// Swing counts: for each player, the number of coalitions of the other
    /// players that lose without it and win with it (at most `2^(n−1)`).
    pub swings: Vec<BigUint>,
    /// Absolute (Penrose) Banzhaf index: `swings / 2^(n−1)`.
    pub absolute: Vec<BigRational>,
    /// Normalised Banzhaf index: `swings / Σ swings` (sums to 1).
    pub normalised: Vec<BigRational>,
}

pub(crate) trait Count:
    Clone + Zero + One + PartialOrd + for<'a> AddAssign<&'a Self> + for<'a> SubAssign<&'a Self> + Into<BigUint>
{
}
impl Count for u128 {}
impl Count for BigUint {}

/// Swing counts of every player, exactly.
///
/// A swing of player `i` is a coalition `S` of the others with
/// `q − w_i ≤ w(S) < q`. Errors only when the table would be too large.
pub fn banzhaf_swings(game: &Game) -> Result<Vec<BigUint>, PowerError> {
    let nonnull: Vec<u64> = game.weights().iter().copied().filter(|&w| w > 0).collect();
    let zeros = game.n() - nonnull.len();
    let limb_rows = nonnull.len() / 64 + 2;
    let q = game.table_len(limb_rows)?;
    let by_weight = if nonnull.len() <= 127 {
        swings_by_weight::<u128>(&nonnull, q)?
    } else {
        swings_by_weight::<BigUint>(&nonnull, q)?
    };
    let scale = BigUint::one() << zeros;
    game.weights()
        .iter()
        .map(|&w| {
            if w == 0 {
                Ok(BigUint::zero())
            } else {
                by_weight.get(&w).map(|c| c * &scale).ok_or(PowerError::Internal("missing weight class"))
            }
        })
        .collect()
}

/// Swing counts per distinct non-zero weight, among the given non-null players.
fn swings_by_weight<T: Count>(weights: &[u64], q: usize) -> Result<BTreeMap<u64, BigUint>, PowerError> {
    let mut f = vec![T::zero(); q];
    f[0] = T::one();
    for &w in weights {
        multiply_by_factor(&mut f, w);
    }
    let mut out = BTreeMap::new();
    let mut g = f.clone();
    for &w in weights {
        if out.contains_key(&w) {
            continue;
        }
        g.clone_from(&f);
        divide_by_factor(&mut g, w)?;
        let lo = q.saturating_sub(usize::try_from(w).unwrap_or(usize::MAX));
        let mut s = T::zero();
        for v in &g[lo..] {
            s += v;
        }
        out.insert(w, s.into());
    }
    Ok(out)
}

/// `f ← f·(1 + x^w)` truncated to `f.len()` coefficients.
fn multiply_by_factor<T: Count>(f: &mut [T], w: u64) {
    let Ok(w) = usize::try_from(w) else { return };
    if w == 0 || w >= f.len() {
        return;
    }
    for k in (w..f.len()).rev() {
        let (lo, hi) = f.split_at_mut(k);
        hi[0] += &lo[k - w];
    }
}

/// `g ← g/(1 + x^w)` by exact deconvolution `g[k] −= g[k − w]` (ascending).
fn divide_by_factor<T: Count>(g: &mut [T], w: u64) -> Result<(), PowerError> {
    let Ok(w) = usize::try_from(w) else {
        return Ok(());
    };
    if w == 0 || w >= g.len() {
        return Ok(());
    }
    for k in w..g.len() {
        let (lo, hi) = g.split_at_mut(k);
        if hi[0] < lo[k - w] {
            return Err(PowerError::Internal("negative count in deconvolution"));
        }
        hi[0] -= &lo[k - w];
    }
    Ok(())
}

/// Exact absolute and normalised Banzhaf indices with the swing counts.
///
/// For a valid game (`1 ≤ q ≤ total`) some player always has a swing, so
/// the normalised index is always defined; should the swings nevertheless
/// all be zero, an internal error is returned rather than dividing by zero.
pub fn banzhaf_exact(game: &Game) -> Result<ExactBanzhaf, PowerError> {
    let swings = banzhaf_swings(game)?;
    let total: BigUint = swings.iter().sum();
    if total.is_zero() {
        return Err(PowerError::Internal("no player has a swing in a valid game"));
    }
    let half_space = BigUint::one() << (game.n() - 1);
    let absolute = swings.iter().map(|s| ratio(s.clone(), half_space.clone())).collect();
    let normalised = swings.iter().map(|s| ratio(s.clone(), total.clone())).collect();
    Ok(ExactBanzhaf { swings, absolute, normalised })
}

/// Exact Shapley–Shubik index of every player (sums to 1).
///
/// Uses counts by coalition size and weight (`O(n²·q)` operations), so it
/// is meant for tests, command-line checks and moderate games; use
/// `shapley_shubik_f64` for large ones.
pub fn shapley_shubik_exact(game: &Game) -> Result<Vec<BigRational>, PowerError> {
    let nonnull: Vec<u64> = game.weights().iter().copied().filter(|&w| w > 0).collect();
    let m = nonnull.len();
    let limb = m / 64 + 2;
    let q = game.table_len((m + 1) * limb)?;
    let counts =
        if m <= 127 { ss_counts_by_weight::<u128>(&nonnull, q)? } else { ss_counts_by_weight::<BigUint>(&nonnull, q)? };
    let fact = factorials(m);
    let denom = fact[m].clone();
    game.weights()
        .iter()
        .map(|&w| {
            if w == 0 {
                return Ok(BigRational::zero());
            }
            let by_size = counts.get(&w).ok_or(PowerError::Internal("missing weight class"))?;
            let mut num = BigUint::zero();
            for (s, c) in by_size.iter().enumerate() {
                if !c.is_zero() {
                    num += c * &fact[s] * &fact[m - 1 - s];
                }
            }
            Ok(ratio(num, denom.clone()))
        })
        .collect()
}

/// For each distinct weight, the number of pivotal coalitions by size.
pub(crate) fn ss_counts_by_weight<T: Count>(
    weights: &[u64],
    q: usize,
) -> Result<BTreeMap<u64, Vec<BigUint>>, PowerError> {
    let m = weights.len();
    let rows = m + 1;
    let mut f = vec![T::zero(); rows * q];
    f[0] = T::one();
    for (j, &w) in weights.iter().enumerate() {
        let Ok(wu) = usize::try_from(w) else { continue };
        if wu >= q {
            continue;
        }
        for s in (1..=j + 1).rev() {
            for k in (wu..q).rev() {
                let (lo, hi) = f.split_at_mut(s * q);
                hi[k] += &lo[(s - 1) * q + k - wu];
            }
        }
    }
    let mut out = BTreeMap::new();
    let mut prev = vec![T::zero(); q];
    let mut cur = vec![T::zero(); q];
    for &w in weights {
        if out.contains_key(&w) {
            continue;
        }
        let wu = usize::try_from(w).unwrap_or(usize::MAX);
        let lo = q.saturating_sub(wu);
        let mut by_size = Vec::with_capacity(m);
        for s in 0..m {
            cur.clone_from_slice(&f[s * q..(s + 1) * q]);
            if s > 0 && wu < q {
                for k in wu..q {
                    if cur[k] < prev[k - wu] {
                        return Err(PowerError::Internal("negative count in deconvolution"));
                    }
                    cur[k] -= &prev[k - wu];
                }
            }
            let mut c = T::zero();
            for v in &cur[lo..] {
                c += v;
            }
            by_size.push(c.into());
            std::mem::swap(&mut prev, &mut cur);
        }
        out.insert(w, by_size);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    fn r(a: i64, b: i64) -> BigRational {
        BigRational::new(BigInt::from(a), BigInt::from(b))
    }

    #[test]
    fn eec_1958() {
        let g = Game::new(vec![4, 4, 4, 2, 2, 1], 12).unwrap();
        let b = banzhaf_exact(&g).unwrap();
        let sw: Vec<u64> = vec![10, 10, 10, 6, 6, 0];
        assert_eq!(b.swings, sw.iter().map(|&x| BigUint::from(x)).collect::<Vec<_>>());
        assert_eq!(b.absolute, vec![r(5, 16), r(5, 16), r(5, 16), r(3, 16), r(3, 16), r(0, 1)]);
        assert_eq!(b.normalised, vec![r(5, 21), r(5, 21), r(5, 21), r(1, 7), r(1, 7), r(0, 1)]);
        let ss = shapley_shubik_exact(&g).unwrap();
        assert_eq!(ss, vec![r(7, 30), r(7, 30), r(7, 30), r(3, 20), r(3, 20), r(0, 1)]);
    }

    #[test]
    fn zero_weights_double_swings_and_keep_shapley() {
        let g = Game::new(vec![3, 2, 1, 1], 4).unwrap();
        let g0 = Game::new(vec![3, 0, 2, 1, 1, 0], 4).unwrap();
        let b = banzhaf_swings(&g).unwrap();
        let b0 = banzhaf_swings(&g0).unwrap();
        assert_eq!(b0[0], &b[0] * 4u32);
        assert_eq!(b0[1], BigUint::zero());
        let ss = shapley_shubik_exact(&g).unwrap();
        assert_eq!(ss, vec![r(1, 2), r(1, 6), r(1, 6), r(1, 6)]);
        let ss0 = shapley_shubik_exact(&g0).unwrap();
        assert_eq!(ss0[0], ss[0]);
        assert_eq!(ss0[5], r(0, 1));
    }

    #[test]
    fn big_integer_path_matches_closed_form() {
        // 130 equal players, quota 66: each has C(129, 65) swings.
        let g = Game::new(vec![1; 130], 66).unwrap();
        let sw = banzhaf_swings(&g).unwrap();
        let mut c = BigUint::one();
        for k in 0..65u32 {
            c = c * BigUint::from(129 - k) / BigUint::from(k + 1);
        }
        assert!(sw.iter().all(|s| *s == c));
        let ss = shapley_shubik_exact(&Game::new(vec![1; 130], 66).unwrap()).unwrap();
        assert!(ss.iter().all(|x| *x == r(1, 130)));
    }
}
