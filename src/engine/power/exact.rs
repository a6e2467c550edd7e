//! Exact power indices of a finite [`Game`] by generating functions.
//!
//! Banzhaf: the counting polynomial `f(x) = Π (1 + x^{w_j})`, truncated to
//! degrees below the quota, is built once; removing the factor `1 + x^w` of a
//! player of weight `w` gives `g[k] = f[k] − g[k − w] = Σ_j (−1)^j f[k − j·w]`,
//! so the swings `Σ_{q−w ≤ k < q} g[k]` are an alternating sum of windows of
//! the prefix sums of `f`: `O(q/w)` per distinct weight after an `O(n·q)` build.
//!
//! Shapley–Shubik: the same with a second variable counting coalition size,
//! `F[s][k]` = number of coalitions of size `s` and weight `k < q`; removing
//! a player gives `G[s][k] = Σ_j (−1)^j F[s−j][k−j·w]`, and
//! `φ = Σ_s s!(n−1−s)!/n! · Σ_{q−w ≤ k < q} G[s][k]`. Cost `O(n²·q)` for the
//! table (rows of sizes that cannot stay below the quota are skipped).
//!
//! All counts are integers modulo a few primes below `2^62` (`u64` additions in
//! the inner loops, see `modular.rs`), as many primes as the bound `2^(m−1)` on a
//! count of `m` non-null players needs; each final count is rebuilt exactly by the
//! Chinese remainder theorem, and only then do big integers appear.
//!
//! Players of weight 0 are null players: they get 0, they double every
//! Banzhaf count, and (by the null-player-out property of the Shapley value)
//! they do not change anyone's Shapley–Shubik value, so they are left out of
//! the size table.

use std::collections::BTreeMap;

use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::error::PowerError;
use super::game::Game;
use super::modular::{Moduli, add_mod, sub_mod};
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

/// Swing counts of every player, exactly.
///
/// A swing of player `i` is a coalition `S` of the others with
/// `q − w_i ≤ w(S) < q`. Errors only when the table would be too large.
pub fn banzhaf_swings(game: &Game) -> Result<Vec<BigUint>, PowerError> {
    let nonnull: Vec<u64> = game.weights().iter().copied().filter(|&w| w > 0).collect();
    let zeros = game.n() - nonnull.len();
    let q = game.table_len(1)?;
    let by_weight = swings_by_weight(&nonnull, q);
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

/// The distinct weights of `weights`, ascending.
fn classes(weights: &[u64]) -> Vec<u64> {
    let mut c = weights.to_vec();
    c.sort_unstable();
    c.dedup();
    c
}

/// A weight as a table offset (weights beyond the table behave alike).
pub(super) fn offset(w: u64) -> usize {
    usize::try_from(w).unwrap_or(usize::MAX)
}

/// `Σ_{q−w ≤ k < q} g[k]` modulo `p` for `g = f/(1 + x^w)`, from the prefix sums `pre` of `f`
/// (`pre[k] = Σ_{i<k} f[i]`, `k = 0..=q`): `Σ_j (−1)^j (pre[q − j·w] − pre[q − (j+1)·w])`,
/// indices clamped at 0, over the `j` with `j·w < q`.
fn window_of_quotient(pre: &[u64], q: usize, w: usize, p: u64) -> u64 {
    let mut acc = 0;
    let mut top = q;
    let mut negative = false;
    loop {
        let bottom = top.saturating_sub(w);
        let term = sub_mod(pre[top], pre[bottom], p);
        acc = if negative { sub_mod(acc, term, p) } else { add_mod(acc, term, p) };
        if bottom == 0 {
            return acc;
        }
        top = bottom;
        negative = !negative;
    }
}

/// `row[k] ← Σ_{i<k} row[i]` for `k = 0..row.len()` (the last entry is the total of all but
/// itself, so a row of `q + 1` cells holding `q` counts becomes their `q + 1` prefix sums).
fn prefix_sums(row: &mut [u64], p: u64) {
    let mut acc = 0;
    for v in row.iter_mut() {
        let x = *v;
        *v = acc;
        acc = add_mod(acc, x, p);
    }
}

/// Swing counts per distinct non-zero weight, among the given non-null players.
fn swings_by_weight(weights: &[u64], q: usize) -> BTreeMap<u64, BigUint> {
    let moduli = Moduli::for_bits(weights.len());
    let classes = classes(weights);
    let mut residues = vec![Vec::with_capacity(moduli.primes().len()); classes.len()];
    let mut f = vec![0u64; q + 1];
    for &p in moduli.primes() {
        f.fill(0);
        f[0] = 1;
        for &w in weights {
            let w = offset(w);
            if w < q {
                for k in (w..q).rev() {
                    f[k] = add_mod(f[k], f[k - w], p);
                }
            }
        }
        prefix_sums(&mut f, p);
        for (c, &w) in classes.iter().enumerate() {
            residues[c].push(window_of_quotient(&f, q, offset(w), p));
        }
    }
    classes.iter().zip(&residues).map(|(&w, r)| (w, moduli.rebuild(r))).collect()
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
    let q = game.table_len(m + 1)?;
    let counts = ss_counts_by_weight(&nonnull, q);
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

/// For each distinct weight, the number of pivotal coalitions by size (`0..m` for `m` players):
/// coalitions `S` of the other players with `|S| = s` and `q − w ≤ w(S) < q`.
pub(super) fn ss_counts_by_weight(weights: &[u64], q: usize) -> BTreeMap<u64, Vec<BigUint>> {
    let m = weights.len();
    let moduli = Moduli::for_bits(m);
    let classes = classes(weights);
    let rows = size_rows(weights, q);
    let stride = q + 1;
    // residues[class][size][prime]
    let mut residues = vec![vec![Vec::with_capacity(moduli.primes().len()); m]; classes.len()];
    let mut table = vec![0u64; rows.len() * stride];
    for &p in moduli.primes() {
        size_weight_table(weights, q, &rows, p, &mut table);
        for row in table.chunks_mut(stride) {
            prefix_sums(row, p);
        }
        for (c, &w) in classes.iter().enumerate() {
            let w = offset(w);
            for (s, out) in residues[c].iter_mut().enumerate() {
                out.push(size_window_of_quotient(&table, stride, rows.len(), s, q, w, p));
            }
        }
    }
    classes
        .iter()
        .zip(&residues)
        .map(|(&w, by_size)| (w, by_size.iter().map(|r| moduli.rebuild(r)).collect()))
        .collect()
}

/// For each coalition size `s` that can weigh less than `q`, the least weight of `s` players
/// (sum of the `s` smallest weights): entries of row `s` below it are zero.
pub(super) fn size_rows(weights: &[u64], q: usize) -> Vec<usize> {
    let mut sorted = weights.to_vec();
    sorted.sort_unstable();
    let mut rows = vec![0usize];
    let mut least = 0usize;
    for &w in &sorted {
        least = least.saturating_add(offset(w));
        if least >= q {
            break;
        }
        rows.push(least);
    }
    rows
}

/// `table[s·stride + k]` = number of coalitions of size `s` and weight `k < q`, modulo `p`,
/// for the sizes of `rows` (whose entries are the least weight of each size).
fn size_weight_table(weights: &[u64], q: usize, rows: &[usize], p: u64, table: &mut [u64]) {
    let stride = q + 1;
    table.fill(0);
    table[0] = 1;
    for (j, &w) in weights.iter().enumerate() {
        let w = offset(w);
        if w >= q {
            continue;
        }
        for s in (1..rows.len().min(j + 2)).rev() {
            let start = rows[s].max(w);
            if start >= q {
                continue;
            }
            let (below, here) = table.split_at_mut(s * stride);
            let prev = &below[(s - 1) * stride + start - w..(s - 1) * stride + q - w];
            for (c, &x) in here[start..q].iter_mut().zip(prev) {
                *c = add_mod(*c, x, p);
            }
        }
    }
}

/// `Σ_{q−w ≤ k < q} G[s][k]` modulo `p` for `G = F/(1 + y·x^w)`, from the prefix sums of the rows
/// of `F`: `Σ_j (−1)^j (P_{s−j}[q − j·w] − P_{s−j}[q − (j+1)·w])` (indices clamped at 0, rows
/// beyond the table being zero).
fn size_window_of_quotient(pre: &[u64], stride: usize, rows: usize, s: usize, q: usize, w: usize, p: u64) -> u64 {
    let mut acc = 0;
    let mut top = q;
    for j in 0..=s {
        let bottom = top.saturating_sub(w);
        let r = s - j;
        if r < rows {
            let row = &pre[r * stride..(r + 1) * stride];
            let term = sub_mod(row[top], row[bottom], p);
            acc = if j % 2 == 1 { sub_mod(acc, term, p) } else { add_mod(acc, term, p) };
        }
        if bottom == 0 {
            break;
        }
        top = bottom;
    }
    acc
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
    fn counts_beyond_several_primes_are_exact() {
        // 200 players of weight 1 at quota 101 need 4 primes: C(199, 100) swings each, and
        // Shapley–Shubik 1/200 each.
        let g = Game::new(vec![1; 200], 101).unwrap();
        let mut c = BigUint::one();
        for k in 0..100u32 {
            c = c * BigUint::from(199 - k) / BigUint::from(k + 1);
        }
        assert!(banzhaf_swings(&g).unwrap().iter().all(|s| *s == c));
        assert!(shapley_shubik_exact(&g).unwrap().iter().all(|x| *x == r(1, 200)));
        let cost = crate::engine::power::power_cost(&g);
        assert_eq!(cost.banzhaf_exact, 4 * 200 * 101);
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
