//! Fast `f64` power indices of a finite [`Game`], with forward convolutions only.
//!
//! Both indices reduce to one primitive: for a probability `t`, every player
//! `i` and independent `X_j ~ Bernoulli(t)`, the swing probability
//! `p_i(t) = P(q − w_i ≤ Σ_{j≠i} w_j X_j < q)`.
//! - absolute Banzhaf is `p_i(1/2)`;
//! - Shapley–Shubik is `∫₀¹ p_i(t) dt` (since `∫ t^s (1−t)^{n−1−s} dt =
//!   s!(n−1−s)!/n!`); `p_i` is a polynomial of degree `n − 1` in `t`, so
//!   Gauss–Legendre quadrature with `⌊n/2⌋ + 1` nodes is exact up to rounding.
//!
//! `p_i(t)` for all players is computed without deconvolution: the weight
//! distribution of players `< i` (prefix table, truncated below `q`) is
//! combined with the cumulative distribution of players `> i` (suffix
//! table, kept in reversed cumulative form so that the window sum is a
//! difference of two adjacent entries). Every table update is a convex
//! combination `a·f[k] + b·f[k−w]`, which never amplifies rounding errors.
//! Prefix tables are stored only at block checkpoints (blocks of about
//! `√n` players) and recomputed inside a block, so memory is `O(√n·q)` and
//! work is at most about `4·n·q` per value of `t`. Table entries below
//! `1e-24` are flushed to zero and every table tracks the range outside
//! which it is zero, so tails that carry no probability cost nothing (this
//! makes quadrature nodes near `t = 0` and `t = 1` cheap). Each flush
//! moves a table by at most `1e-24` and the updates never expand errors, so
//! flushing changes any result by at most `2·n·q·1e-24`, below `1e-15`
//! within [`super::game::MAX_TABLE_CELLS`].
//!
//! Accuracy: each result has an absolute error of order `(n + q)·2^−52`
//! (about `1e-12` for `n = 1000`, `q = 5000`). The normalised Banzhaf index
//! divides by the sum of absolute indices; when that sum is so small that
//! the division could lose more than `1e-12` relative accuracy, the exact
//! swing counts are used instead.

use num_traits::ToPrimitive;

use super::error::PowerError;
use super::exact::{banzhaf_exact, ss_counts_by_weight};
use super::game::Game;
use super::numeric::{gauss_legendre_unit, ratio_to_f64};
use super::swing_tables::{block_size, swing_probabilities};

/// `f64` Banzhaf results of a finite game.
#[derive(Debug, Clone, PartialEq)]
pub struct FloatBanzhaf {
    /// Absolute (Penrose) Banzhaf index: probability of being a swing when
    /// every other player votes yes with probability 1/2.
    pub absolute: Vec<f64>,
    /// Normalised Banzhaf index (sums to 1).
    pub normalised: Vec<f64>,
}

/// Absolute and normalised Banzhaf indices as `f64`.
///
/// Cost about `4·n·q` floating-point updates and `O(√n·q)` memory.
pub fn banzhaf_f64(game: &Game) -> Result<FloatBanzhaf, PowerError> {
    let (order, sorted) = sorted_nonnull(game);
    let blocks = block_size(sorted.len()) * 2 + 4;
    let q = game.table_len(blocks)?;
    let probs =
        swing_probabilities(&sorted, q, &[q], 0.5).pop().ok_or(PowerError::Internal("missing swing probabilities"))?;
    let mut absolute = vec![0.0; game.n()];
    for (pos, &idx) in order.iter().enumerate() {
        absolute[idx] = probs[pos];
    }
    let sum: f64 = absolute.iter().sum();
    let err = (4 * game.n() + 2 * q) as f64 * f64::EPSILON;
    let normalised = if sum > 0.0 && err <= 1e-12 * sum {
        absolute.iter().map(|&b| b / sum).collect()
    } else {
        banzhaf_exact(game)?.normalised.iter().map(ratio_to_f64).collect()
    };
    Ok(FloatBanzhaf { absolute, normalised })
}

/// Shapley–Shubik index as `f64` (sums to 1 up to rounding).
///
/// Cost at most about `n²·L` floating-point updates with
/// `L = max(q, T − q + 1)` (`n/2 + 1` quadrature nodes, handled in
/// symmetric pairs `t`, `1 − t` that share their tables because node
/// `1 − t` of the game is node `t` of its dual game) and `O(√n·L)` memory
/// per worker.
/// Nodes at which a Chernoff bound shows that no player is pivotal with
/// probability above `1e-18` (divided by the node weight) are skipped.
/// Nodes are shared among up to 4 scoped threads (the available
/// parallelism); partial sums are added in a fixed order. Players of
/// weight 0 get 0 and are left out (null-player-out property).
pub fn shapley_shubik_f64(game: &Game) -> Result<Vec<f64>, PowerError> {
    if let Some(small) = small_shapley_shubik(game)? {
        return Ok(small);
    }
    let (order, sorted) = sorted_nonnull(game);
    let blocks = block_size(sorted.len()) * 2 + 4;
    game.table_len(blocks)?;
    let q = usize::try_from(game.quota()).map_err(|_| PowerError::Internal("quota size"))?;
    // Node 1 − t of the game is node t of the dual game with quota
    // q' = T − q + 1, so both come from one set of tables of length max(q, q').
    let dual = usize::try_from(game.total() - game.quota() + 1).map_err(|_| PowerError::Internal("quota size"))?;
    let len = q.max(dual);
    let cells = (len as u128) * (blocks as u128);
    if cells > super::game::MAX_TABLE_CELLS {
        return Err(PowerError::TableTooLarge { cells, limit: super::game::MAX_TABLE_CELLS });
    }
    let tasks = quadrature_tasks(&sorted, q, dual);
    let workers =
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 4).min(tasks.len().max(1));
    let run = |k: usize| -> Vec<f64> {
        let mut acc = vec![0.0; sorted.len()];
        for &(t, wt, keep_lo, keep_hi) in tasks.iter().skip(k).step_by(workers) {
            let mut quotas = Vec::with_capacity(2);
            if keep_lo {
                quotas.push(q);
            }
            if keep_hi {
                quotas.push(dual);
            }
            for p in swing_probabilities(&sorted, len, &quotas, t) {
                for (a, v) in acc.iter_mut().zip(p) {
                    *a += wt * v;
                }
            }
        }
        acc
    };
    let partials: Vec<Vec<f64>> = if workers <= 1 {
        vec![run(0)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..workers).map(|k| scope.spawn(move || run(k))).collect();
            let mut parts = vec![run(0)];
            for h in handles {
                match h.join() {
                    Ok(v) => parts.push(v),
                    Err(_) => return Err(PowerError::Internal("worker thread panicked")),
                }
            }
            Ok(parts)
        })?
    };
    let mut out = vec![0.0; game.n()];
    for (pos, &idx) in order.iter().enumerate() {
        out[idx] = partials.iter().map(|p| p[pos]).sum();
    }
    Ok(out)
}

/// The quadrature nodes [`shapley_shubik_f64`] evaluates, as `(t, weight, at t, at 1 − t)`:
/// node `t` (< 1/2) is paired with `1 − t` (same weight; node `1 − t` of the game is node `t`
/// of the dual game with quota `dual`), and the middle node of an odd rule is alone. A node
/// whose every swing probability is provably below 1e-18/weight is dropped (total effect
/// < 1e-15). Each task is one pass over the tables.
fn quadrature_tasks(sorted: &[usize], q: usize, dual: usize) -> Vec<(f64, f64, bool, bool)> {
    let nodes = gauss_legendre_unit(sorted.len() / 2 + 1);
    let bounds = TailBounds::new(sorted, q);
    let dual_bounds = TailBounds::new(sorted, dual);
    let m = nodes.len();
    let mut tasks = Vec::new();
    for (k, &(t, wt)) in nodes.iter().enumerate().take(m.div_ceil(2)) {
        let keep_lo = wt * bounds.max_swing_probability(t) >= 1e-18;
        let paired = k != m - 1 - k;
        let keep_hi = paired && wt * dual_bounds.max_swing_probability(t) >= 1e-18;
        if keep_lo || keep_hi {
            tasks.push((t, wt, keep_lo, keep_hi));
        }
    }
    tasks
}

/// How many passes over its tables [`shapley_shubik_f64`] makes on `game` (the quadrature
/// nodes it keeps), for its cost estimate; 0 for a game it solves by the small-game path or
/// cannot solve.
pub(super) fn shapley_shubik_f64_passes(game: &Game) -> usize {
    if small_game(game) {
        return 0;
    }
    let (_, sorted) = sorted_nonnull(game);
    let (Ok(q), Ok(dual)) =
        (usize::try_from(game.quota()), usize::try_from(game.total().saturating_sub(game.quota()) + 1))
    else {
        return 0;
    };
    quadrature_tasks(&sorted, q, dual).len()
}

/// Chernoff bounds on the tails of `S = Σ w_j X_j`, `X_j ~ Bernoulli(t)`,
/// used to skip quadrature nodes where no player can be pivotal.
struct TailBounds {
    /// Distinct weights (capped at `q`) with multiplicities.
    classes: Vec<(f64, f64)>,
    total: f64,
    wmax: f64,
    q: f64,
}

impl TailBounds {
    fn new(sorted: &[usize], q: usize) -> Self {
        let mut classes: Vec<(f64, f64)> = Vec::new();
        for &w in sorted {
            let w = w.min(q) as f64;
            match classes.last_mut() {
                Some((cw, c)) if *cw == w => *c += 1.0,
                _ => classes.push((w, 1.0)),
            }
        }
        let total = classes.iter().map(|(w, c)| w * c).sum();
        let wmax = classes.iter().map(|c| c.0).fold(0.0, f64::max);
        TailBounds { classes, total, wmax, q: q as f64 }
    }

    /// An upper bound on `max_i P(q − w_i ≤ S_{−i} < q)`: such an event
    /// implies both `S ≥ q − w_max` and `S ≤ q + w_max − 1`.
    fn max_swing_probability(&self, t: f64) -> f64 {
        let up = self.upper_tail(t, self.q - self.wmax);
        let down = self.upper_tail(1.0 - t, self.total - (self.q + self.wmax - 1.0));
        up.min(down)
    }

    /// Chernoff bound on `P(S ≥ x)` with inclusion probability `t`
    /// (any `λ > 0` gives a valid bound; bisection finds a near-optimal one).
    fn upper_tail(&self, t: f64, x: f64) -> f64 {
        if !(t > 0.0 && t < 1.0) {
            return 1.0;
        }
        if x > self.total {
            return 0.0;
        }
        if x <= t * self.total {
            return 1.0;
        }
        let logit = (t / (1.0 - t)).ln();
        let slope = |lam: f64| -> f64 {
            self.classes.iter().map(|&(w, c)| c * w / (1.0 + (-(lam * w + logit)).exp())).sum::<f64>() - x
        };
        let mut hi = 1.0 / self.wmax.max(1.0);
        let mut guard = 0;
        while slope(hi) < 0.0 && guard < 200 {
            hi *= 2.0;
            guard += 1;
        }
        let mut lo = 0.0;
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            if slope(mid) < 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let lam = 0.5 * (lo + hi);
        let log_bound: f64 = self
            .classes
            .iter()
            .map(|&(w, c)| {
                let z = lam * w;
                c * (z + (t + (1.0 - t) * (-z).exp()).ln())
            })
            .sum::<f64>()
            - lam * x;
        log_bound.exp().min(1.0)
    }
}

/// Games whose size-by-weight table has at most this many cells are solved by exact integer
/// counts (then one division each), which beats quadrature on small games.
const SMALL_GAME_CELLS: u128 = 1 << 18;

/// Whether [`shapley_shubik_f64`] takes the small-game path (exact counts by size, at most
/// 100 non-null players and a small table).
fn small_game(game: &Game) -> bool {
    let m = game.weights().iter().filter(|&&w| w > 0).count();
    m > 0 && m <= 100 && (m as u128 + 1) * u128::from(game.quota()) <= SMALL_GAME_CELLS
}

/// Shapley–Shubik of a small game from exact `u128` counts of pivotal coalitions by size:
/// φ_i = Σ_s c_s / (m · C(m − 1, s)). `None` when the game is not small.
fn small_shapley_shubik(game: &Game) -> Result<Option<Vec<f64>>, PowerError> {
    if !small_game(game) {
        return Ok(None);
    }
    let nonnull: Vec<u64> = game.weights().iter().copied().filter(|&w| w > 0).collect();
    let m = nonnull.len();
    let q = game.table_len(m + 1)?;
    let counts = ss_counts_by_weight(&nonnull, q);
    // 1 / (m · C(m − 1, s)) for every size s.
    let mut weight = Vec::with_capacity(m);
    let mut binom = 1.0_f64;
    for s in 0..m {
        weight.push(1.0 / (m as f64 * binom));
        binom = binom * (m - 1 - s) as f64 / (s + 1) as f64;
    }
    let values = game
        .weights()
        .iter()
        .map(|w| {
            counts.get(w).map_or(0.0, |by_size| {
                by_size.iter().zip(&weight).map(|(c, f)| c.to_f64().unwrap_or(f64::NAN) * f).sum()
            })
        })
        .collect();
    Ok(Some(values))
}

/// Indices of non-null players sorted by weight, and their weights.
fn sorted_nonnull(game: &Game) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..game.n()).filter(|&i| game.weights()[i] > 0).collect();
    order.sort_by_key(|&i| game.weights()[i]);
    let sorted = order.iter().map(|&i| usize::try_from(game.weights()[i]).unwrap_or(usize::MAX)).collect();
    (order, sorted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::power::{banzhaf_exact, shapley_shubik_exact};

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
    }

    #[test]
    fn un_security_council_matches_exact() {
        let mut w = vec![7u64; 5];
        w.extend(std::iter::repeat_n(1u64, 10));
        let g = Game::new(w, 39).unwrap();
        let ex = banzhaf_exact(&g).unwrap();
        let fb = banzhaf_f64(&g).unwrap();
        let ea: Vec<f64> = ex.absolute.iter().map(ratio_to_f64).collect();
        let en: Vec<f64> = ex.normalised.iter().map(ratio_to_f64).collect();
        assert!(close(&fb.absolute, &ea, 1e-14));
        assert!(close(&fb.normalised, &en, 1e-14));
        let ss = shapley_shubik_f64(&g).unwrap();
        let es: Vec<f64> = shapley_shubik_exact(&g).unwrap().iter().map(ratio_to_f64).collect();
        assert!(close(&ss, &es, 1e-13), "{ss:?} {es:?}");
    }

    #[test]
    fn larger_random_game_matches_exact() {
        // Deterministic pseudo-random weights (LCG), 60 players, several blocks.
        let mut x: u64 = 12345;
        let w: Vec<u64> = (0..60)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (x >> 33) % 40
            })
            .collect();
        let g = Game::with_quota(w, crate::engine::power::Quota::MAJORITY).unwrap();
        let ex = banzhaf_exact(&g).unwrap();
        let fb = banzhaf_f64(&g).unwrap();
        let ea: Vec<f64> = ex.absolute.iter().map(ratio_to_f64).collect();
        assert!(close(&fb.absolute, &ea, 1e-13));
        let ss = shapley_shubik_f64(&g).unwrap();
        let es: Vec<f64> = shapley_shubik_exact(&g).unwrap().iter().map(ratio_to_f64).collect();
        assert!(close(&ss, &es, 1e-12));
        assert!((ss.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
