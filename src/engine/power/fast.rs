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
use super::exact::banzhaf_exact;
use super::game::Game;
use super::numeric::{gauss_legendre_unit, ratio_to_f64};

/// Values below this are set to zero during table updates.
const FLUSH: f64 = 1e-24;

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
pub(crate) fn shapley_shubik_f64_passes(game: &Game) -> usize {
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

/// Indices of non-null players sorted by weight, and their weights.
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
    let counts = super::exact::ss_counts_by_weight(&nonnull, q);
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

fn sorted_nonnull(game: &Game) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..game.n()).filter(|&i| game.weights()[i] > 0).collect();
    order.sort_by_key(|&i| game.weights()[i]);
    let sorted = order.iter().map(|&i| usize::try_from(game.weights()[i]).unwrap_or(usize::MAX)).collect();
    (order, sorted)
}

fn block_size(n: usize) -> usize {
    let mut b = 1;
    while b * b < n {
        b += 1;
    }
    b
}

/// A table truncated to `q` entries whose entries outside `lo..hi` are zero
/// (entries there may hold stale values and are never read).
struct Table {
    v: Vec<f64>,
    lo: usize,
    hi: usize,
}

impl Table {
    fn new(q: usize) -> Self {
        Table { v: vec![0.0; q], lo: 0, hi: 0 }
    }

    fn copy_from(&mut self, other: &Table) {
        self.lo = other.lo;
        self.hi = other.hi;
        self.v[other.lo..other.hi].copy_from_slice(&other.v[other.lo..other.hi]);
    }

    /// Shrinks `lo..hi` past exact zeros at both ends.
    fn trim(&mut self) {
        while self.lo < self.hi && self.v[self.lo] == 0.0 {
            self.lo += 1;
        }
        while self.hi > self.lo && self.v[self.hi - 1] == 0.0 {
            self.hi -= 1;
        }
    }
}

#[inline]
fn flush(v: f64) -> f64 {
    if v < FLUSH { 0.0 } else { v }
}

/// `out ← (a + b·x^w)·inp`, truncated to `q` entries (forward convolution).
fn apply_forward(inp: &Table, out: &mut Table, w: usize, a: f64, b: f64) {
    let q = inp.v.len();
    let (lo, hi) = (inp.lo, inp.hi);
    if lo >= hi {
        out.lo = 0;
        out.hi = 0;
        return;
    }
    let new_hi = q.min(hi.saturating_add(w));
    let shifted_lo = lo.saturating_add(w).min(new_hi);
    // Only the unshifted term: k in lo..min(hi, lo + w).
    let e1 = hi.min(shifted_lo);
    for (o, &x) in out.v[lo..e1].iter_mut().zip(&inp.v[lo..e1]) {
        *o = flush(a * x);
    }
    // Gap of zeros between hi and lo + w (when w > hi − lo).
    for o in &mut out.v[e1..shifted_lo] {
        *o = 0.0;
    }
    // Both terms: k in lo + w..hi.
    if shifted_lo < hi {
        let len = hi - shifted_lo;
        for (o, (&x, &y)) in
            out.v[shifted_lo..hi].iter_mut().zip(inp.v[shifted_lo..hi].iter().zip(&inp.v[lo..lo + len]))
        {
            *o = flush(a * x + b * y);
        }
    }
    // Only the shifted term: k in max(hi, lo + w)..new_hi.
    let s3 = hi.max(shifted_lo);
    if s3 < new_hi {
        let off = s3 - w;
        let len = new_hi - s3;
        for (o, &y) in out.v[s3..new_hi].iter_mut().zip(&inp.v[off..off + len]) {
            *o = flush(b * y);
        }
    }
    out.lo = lo;
    out.hi = new_hi;
    out.trim();
}

/// The same update on a reversed cumulative table `r[j] = C[q−1−j]`:
/// `C'[k] = a·C[k] + b·C[k−w]` becomes `r'[j] = a·r[j] + b·r[j+w]`
/// (with `r[≥ hi] = 0`). Its support always starts at 0.
fn apply_reversed(inp: &Table, out: &mut Table, w: usize, a: f64, b: f64) {
    let hi = inp.hi;
    let split = hi.saturating_sub(w);
    for (o, (&x, &y)) in out.v[..split].iter_mut().zip(inp.v[..split].iter().zip(&inp.v[w.min(hi)..hi])) {
        *o = flush(a * x + b * y);
    }
    for (o, &x) in out.v[split..hi].iter_mut().zip(&inp.v[split..hi]) {
        *o = flush(a * x);
    }
    out.lo = 0;
    out.hi = hi;
    while out.hi > 0 && out.v[out.hi - 1] == 0.0 {
        out.hi -= 1;
    }
}

/// `Σ_{k < quota} p[k]·(r[k+off] − r[k+off+w])` with `r[≥ r.hi] = 0` and
/// `off = len − quota`: the probability that the prefix and suffix weights
/// add up to a value in `[quota − w, quota)`.
fn window_dot(p: &Table, r: &Table, w: usize, quota: usize) -> f64 {
    let len = p.v.len();
    let off = len - quota;
    let lo = p.lo;
    let hi = p.hi.min(quota).min(r.hi.saturating_sub(off));
    if lo >= hi {
        return 0.0;
    }
    // Below `split`, k + off + w < r.hi and the subtracted term is live.
    let split = r.hi.saturating_sub(off + w).clamp(lo, hi);
    let mut s0 = 0.0;
    let mut s1 = 0.0;
    let n0 = split - lo;
    if n0 > 0 {
        let a = lo + off;
        for (&x, (&y, &z)) in p.v[lo..split].iter().zip(r.v[a..a + n0].iter().zip(&r.v[a + w..a + w + n0])) {
            s0 += x * (y - z);
        }
    }
    let n1 = hi - split;
    if n1 > 0 {
        let a = split + off;
        for (&x, &y) in p.v[split..hi].iter().zip(&r.v[a..a + n1]) {
            s1 += x * y;
        }
    }
    s0 + s1
}

/// Swing probabilities `p_i(t)` of every player (weights sorted ascending,
/// all `≥ 1`) for each quota in `quotas` (each in `1..=q`), from tables
/// truncated to `q` entries: `out[j][i]` is for `quotas[j]`.
pub(crate) fn swing_probabilities(w: &[usize], q: usize, quotas: &[usize], t: f64) -> Vec<Vec<f64>> {
    let n = w.len();
    let mut out = vec![vec![0.0; n]; quotas.len()];
    if n == 0 || q == 0 || quotas.iter().any(|&qq| qq == 0 || qq > q) {
        return out;
    }
    let w: Vec<usize> = w.iter().map(|&x| x.min(q)).collect();
    let (a, b) = (1.0 - t, t);
    let bsz = block_size(n);
    let nblocks = n.div_ceil(bsz);
    // Prefix checkpoints: cps[bi] = distribution of players < bi·bsz.
    let mut cps: Vec<Table> = Vec::with_capacity(nblocks);
    let mut cur = Table::new(q);
    cur.v[0] = 1.0;
    cur.hi = 1;
    let mut tmp = Table::new(q);
    for bi in 0..nblocks {
        let mut cp = Table::new(q);
        cp.copy_from(&cur);
        cps.push(cp);
        if bi + 1 < nblocks {
            for &wj in &w[bi * bsz..(bi + 1) * bsz] {
                apply_forward(&cur, &mut tmp, wj, a, b);
                std::mem::swap(&mut cur, &mut tmp);
            }
        }
    }
    drop(cur);
    // Suffix in reversed cumulative form: the empty suffix has C ≡ 1.
    let mut r = Table::new(q);
    r.v.fill(1.0);
    r.hi = q;
    let mut rtmp = tmp;
    let mut block: Vec<Table> = (0..bsz.min(n)).map(|_| Table::new(q)).collect();
    for bi in (0..nblocks).rev() {
        let start = bi * bsz;
        let end = (start + bsz).min(n);
        block[0].copy_from(&cps[bi]);
        for j in start..end - 1 {
            let (lo, hi) = block.split_at_mut(j - start + 1);
            apply_forward(&lo[j - start], &mut hi[0], w[j], a, b);
        }
        for i in (start..end).rev() {
            for (o, &qq) in out.iter_mut().zip(quotas) {
                o[i] =
                    if i + 1 < n && w[i] == w[i + 1] { o[i + 1] } else { window_dot(&block[i - start], &r, w[i], qq) };
            }
            apply_reversed(&r, &mut rtmp, w[i], a, b);
            std::mem::swap(&mut r, &mut rtmp);
        }
    }
    out
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
