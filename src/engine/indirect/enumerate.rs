//! The exact indices, by enumerating every coalition of the atomic players (m ≤ 20).
//!
//! A depth-first walk adds one player at a time to the compound game's state
//! ([`Compound`]) and undoes it on the way back, so each of the 2^m coalitions costs one
//! player's propagation. For each coalition S and target j it reads the pass time τ_j(S)
//! (exact) and whether the resolution passes with every float at half its weight.
//!
//! - Banzhaf: the swings of u are Σ_{S∌u} [pass(S∪u) − pass(S)] = 2·Σ_{S∋u} pass(S) − Σ_S pass(S)
//!   (passing is monotone in S).
//! - Shapley–Shubik: the resolution passes for t after τ(S), so u's term for S is
//!   I_s(τ(S)) − I_s(τ(S∪u)) with I_s(x) = ∫₀ˣ t^s (1−t)^(m−1−s) dt, s = |S|, and
//!   φ_u = Σ_S a(S) − Σ_{S∋u} (a(S) + b(S)) with a(S) = I_{|S|}(τ(S)), b(S) = I_{|S|−1}(τ(S)).
//!
//! Sums over the coalitions containing u are subtree sums of the walk: the coalitions whose
//! last-added player is u root subtrees that hold every coalition containing u exactly once.
//! Times are exact; I_s(x) = P(Bin(m, x) ≥ s+1) / (m·C(m−1, s)) is evaluated in `f64` from a
//! binomial tail kept per target and recomputed only when τ_j changes. [`exact_rational`]
//! does the same sums in exact fractions (for small m, and for the tests).

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::network::Network;
use super::propagate::{Compound, Undo};
use super::time::{Reach, Time};

/// Absolute Banzhaf and Shapley–Shubik of every player at every company: `[company][player]`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Indices {
    pub banzhaf_absolute: Vec<Vec<f64>>,
    pub shapley_shubik: Vec<Vec<f64>>,
}

/// Exact indices (times exact, Beta integrals in `f64`). `m` must be at most 20.
///
/// From [`SPLIT_FROM`] players on, the walk is cut in two fixed halves (the coalitions with
/// the walk's first player, the heaviest, and the others), walked on two threads when a
/// second one can be started (in turn otherwise), and their sums added in a fixed order: the
/// figures do not depend on the machine.
pub(super) fn exact(net: &Network, numer: u64, denom: u64, strict: bool) -> Indices {
    exact_split_from(net, numer, denom, strict, SPLIT_FROM)
}

/// [`exact`], with the walk split in two halves from `split_from` players on (tests split
/// small networks, which brute force can check).
pub(super) fn exact_split_from(net: &Network, numer: u64, denom: u64, strict: bool, split_from: usize) -> Indices {
    let m = net.players.len();
    if m < split_from.max(1) {
        let mut w = Walk::new(net, numer, denom, strict);
        w.node(0, 0);
        return w.finish(None);
    }
    let with_first = || {
        let mut w = Walk::new(net, numer, denom, strict);
        w.children(0, 0, 1);
        w
    };
    let without_first = || {
        let mut w = Walk::new(net, numer, denom, strict);
        w.visit(0);
        w.children(0, 1, m);
        w
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, with_first);
        let rest = without_first();
        let first = match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| with_first()),
            Err(_) => with_first(),
        };
        first.finish(Some(&rest))
    })
}

/// The number of players from which the walk is split in two halves.
const SPLIT_FROM: usize = 12;

/// Binomial tails of recent pass times, per target: most coalitions move a target's pass time
/// back to a time it has had before (the times are crossings of a few sums of votes), so a
/// small direct-mapped table per target saves recomputing the tails.
struct TailCache {
    /// Entries per target (a power of 2).
    slots: usize,
    width: usize,
    /// Per target and slot: the time's parts, `(0, 0)` when empty.
    keys: Vec<(i64, i64)>,
    /// Per target and slot: P(Bin(m, x) ≥ r) for r in 0..=m.
    tails: Vec<f64>,
}

impl TailCache {
    fn new(targets: usize, m: usize) -> TailCache {
        let slots = 64;
        TailCache {
            slots,
            width: m + 1,
            keys: vec![(0, 0); targets * slots],
            tails: vec![0.0; targets * slots * (m + 1)],
        }
    }

    /// Whether `slot` holds the tails of `reach`.
    fn holds(&self, slot: usize, reach: Reach) -> bool {
        self.keys.get(slot) == Some(&reach.time.raw())
    }

    /// The slot of target `j`'s tails at `reach` (its tails start at `slot · width` in
    /// `tails`), computed if not held.
    fn slot(&mut self, j: usize, reach: Reach, ratios: &[f64]) -> usize {
        let key = reach.time.raw();
        let h = (key.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (key.1 as u64).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
        let slot = j * self.slots + ((h >> 32) as usize & (self.slots - 1));
        let at = slot * self.width;
        if self.keys[slot] != key {
            self.keys[slot] = key;
            binomial_tails(self.width - 1, reach, ratios, &mut self.tails[at..at + self.width]);
        }
        slot
    }
}

/// The state of the walk.
struct Walk<'a> {
    c: Compound<'a>,
    /// The players in the order the walk adds them: the d-th is added 2^d times.
    order: Vec<usize>,
    m: usize,
    k: usize,
    /// 1/(m·C(m−1, s)) for s in 0..m.
    inv_weight: Vec<f64>,
    /// (m − r)/(r + 1) for r in 0..m, for [`binomial_tails`].
    ratios: Vec<f64>,
    cache: TailCache,
    /// Per target, the cache slot of its tails P(Bin(m, τ_j) ≥ r).
    slot: Vec<usize>,
    /// Per target, 1 when the resolution passes with every float at half its weight.
    half: Vec<u64>,
    /// Targets whose pass time changed, with their pass at half and tails slot before, to
    /// undo.
    saved: Vec<(usize, u64, usize)>,
    /// Per depth and target: subtree sums of a + b and of passes.
    level_ab: Vec<f64>,
    level_pass: Vec<u64>,
    total_a: Vec<f64>,
    total_pass: Vec<u64>,
    /// Per player and target: Σ_{S∋u} (a + b) and Σ_{S∋u} pass.
    with_ab: Vec<f64>,
    with_pass: Vec<u64>,
}

impl<'a> Walk<'a> {
    fn new(net: &'a Network, numer: u64, denom: u64, strict: bool) -> Walk<'a> {
        let (m, k) = (net.players.len(), net.companies.len());
        let c = Compound::new(net, numer, denom, strict);
        let ratios = pmf_ratios(m);
        let mut cache = TailCache::new(k, m);
        let slot = (0..k).map(|j| cache.slot(j, c.pass[j], &ratios)).collect();
        let inv_weight = (0..m).map(|s| 1.0 / (m as f64 * binomial_f64(m - 1, s))).collect();
        let half = (0..k).map(|j| u64::from(c.passes_at_half(j))).collect();
        Walk {
            c,
            order: walk_order(net),
            m,
            k,
            inv_weight,
            ratios,
            cache,
            slot,
            half,
            saved: Vec::new(),
            level_ab: vec![0.0; (m + 2) * k],
            level_pass: vec![0; (m + 2) * k],
            total_a: vec![0.0; k],
            total_pass: vec![0; k],
            with_ab: vec![0.0; m * k],
            with_pass: vec![0; m * k],
        }
    }

    /// Visits the current coalition (of `size` players, the next candidates from `next`) and
    /// its subtree, leaving the subtree sums at depth `size`.
    fn node(&mut self, size: usize, next: usize) {
        self.visit(size);
        self.children(size, next, self.m);
    }

    /// Counts the current coalition, of `size` players: its a(S) in the totals, and a + b
    /// and its pass as the start of its subtree sums at depth `size`.
    fn visit(&mut self, size: usize) {
        let (m, k) = (self.m, self.k);
        let here = size * k;
        // a(S) reads the tail at size + 1 and b(S) the one at size; either weight is 0 where
        // its term does not exist (no a for the grand coalition, no b for the empty one).
        let wa = if size < m { self.inv_weight[size] } else { 0.0 };
        let wb = if size >= 1 { self.inv_weight[size - 1] } else { 0.0 };
        let (tails, width) = (&self.cache.tails, self.cache.width);
        let read = |slot: usize, r: usize| tails.get(slot * width + r).copied().unwrap_or(0.0);
        let level_ab = &mut self.level_ab[here..here + k];
        for ((ab, total), &slot) in level_ab.iter_mut().zip(&mut self.total_a).zip(&self.slot) {
            let a = read(slot, size + 1) * wa;
            *total += a;
            *ab = a + read(slot, size) * wb;
        }
        add_into_u64(&mut self.total_pass, &self.half);
        self.level_pass[here..here + k].copy_from_slice(&self.half);
    }

    /// Walks the subtrees of the current coalition (of `size` players) that add player `d`
    /// for `d` in `from..to`, adding their sums into depth `size` and into the sums of `d`.
    fn children(&mut self, size: usize, from: usize, to: usize) {
        let k = self.k;
        let here = size * k;
        for d in from..to {
            let mark = self.c.log.len();
            let saved = self.saved.len();
            let p = self.order[d];
            self.c.add(p);
            self.refresh(mark);
            self.node(size + 1, d + 1);
            let child = (size + 1) * k;
            let (parent, below) = self.level_ab.split_at_mut(child);
            let (parent, below) = (&mut parent[here..here + k], &below[..k]);
            add_into(parent, below);
            add_into(&mut self.with_ab[p * k..p * k + k], below);
            let (parent, below) = self.level_pass.split_at_mut(child);
            let (parent, below) = (&mut parent[here..here + k], &below[..k]);
            add_into_u64(parent, below);
            add_into_u64(&mut self.with_pass[p * k..p * k + k], below);
            self.c.undo(mark);
            self.restore(saved);
        }
    }

    /// Points the targets whose pass time changed since `mark` at their new tails and pass.
    fn refresh(&mut self, mark: usize) {
        for e in mark..self.c.log.len() {
            if let Undo::Pass(j, ..) = self.c.log[e] {
                self.saved.push((j, self.half[j], self.slot[j]));
                self.half[j] = u64::from(self.c.passes_at_half(j));
                self.slot[j] = self.cache.slot(j, self.c.pass[j], &self.ratios);
            }
        }
    }

    /// After the compound state was undone, points the targets saved after `saved`
    /// back at their tails and pass (the pass times are back in the state): at the tails
    /// they had, unless the cache has reused that slot since.
    fn restore(&mut self, saved: usize) {
        while self.saved.len() > saved {
            let Some((j, half, slot)) = self.saved.pop() else { break };
            self.half[j] = half;
            let reach = self.c.pass[j];
            self.slot[j] = if self.cache.holds(slot, reach) { slot } else { self.cache.slot(j, reach, &self.ratios) };
        }
    }

    /// The indices from the sums of this walk and, for a split walk, of the other half.
    fn finish(mut self, other: Option<&Walk<'_>>) -> Indices {
        let (m, k) = (self.m, self.k);
        if let Some(o) = other {
            add_into(&mut self.total_a, &o.total_a);
            add_into(&mut self.with_ab, &o.with_ab);
            add_into_u64(&mut self.total_pass, &o.total_pass);
            add_into_u64(&mut self.with_pass, &o.with_pass);
        }
        let half = 2f64.powi(m.saturating_sub(1) as i32);
        let net = self.c.net();
        let mut out = Indices { banzhaf_absolute: vec![vec![0.0; m]; k], shapley_shubik: vec![vec![0.0; m]; k] };
        for j in 0..k {
            for u in (0..m).filter(|&u| net.reaches(j, u)) {
                let swings = 2 * i128::from(self.with_pass[u * k + j]) - i128::from(self.total_pass[j]);
                out.banzhaf_absolute[j][u] = swings as f64 / half;
                out.shapley_shubik[j][u] = self.total_a[j] - self.with_ab[u * k + j];
            }
        }
        out
    }
}

/// The order in which the walk adds the players. The d-th player is added (and its effects
/// propagated) 2^d times, so the players whose joining moves the most come first.
fn walk_order(net: &Network) -> Vec<usize> {
    let weight = |i: usize| -> u128 { net.player_holds[i].iter().map(|&(_, v)| u128::from(v)).sum() };
    let mut order: Vec<usize> = (0..net.players.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(weight(i)), i));
    order
}

/// Adds `from` into `into`, element by element.
fn add_into(into: &mut [f64], from: &[f64]) {
    for (x, y) in into.iter_mut().zip(from) {
        *x += y;
    }
}

/// Adds `from` into `into`, element by element.
fn add_into_u64(into: &mut [u64], from: &[u64]) {
    for (x, y) in into.iter_mut().zip(from) {
        *x += y;
    }
}

/// P(Bin(m, x) ≥ r) for r in 0..=m, with x the pass time (0 at time 0, 1 at or after 1).
/// `ratios[r]` is (m − r)/(r + 1) ([`pmf_ratios`]): this runs every time a pass time changes
/// in the walk (most of the exact path's time), so it multiplies by precomputed ratios and
/// writes into `out` with no allocation.
fn binomial_tails(m: usize, reach: Reach, ratios: &[f64], out: &mut [f64]) {
    let x = reach.time.to_f64();
    if reach.time == Time::ZERO {
        out.fill(0.0);
        out[0] = 1.0;
        return;
    }
    if !reach.time.before_one() {
        out.fill(1.0);
        return;
    }
    // Probabilities of exactly r successes, from the side of the smaller success rate.
    let (p, flip) = if x > 0.5 { (1.0 - x, true) } else { (x, false) };
    let odds = p / (1.0 - p);
    let mut pmf = (1.0 - p).powi(m as i32);
    for (r, slot) in out.iter_mut().enumerate().take(m + 1) {
        *slot = pmf;
        pmf *= ratios.get(r).copied().unwrap_or(0.0) * odds;
    }
    if flip {
        out[..=m].reverse();
    }
    let mut acc = 0.0;
    for r in (0..=m).rev() {
        acc += out[r];
        out[r] = acc;
    }
    out[0] = 1.0;
}

/// (m − r)/(r + 1) for r in 0..m: the ratios of consecutive binomial coefficients C(m, r).
fn pmf_ratios(m: usize) -> Vec<f64> {
    (0..m).map(|r| (m - r) as f64 / (r + 1) as f64).collect()
}

/// C(n, k) as `f64` (exact for the sizes used here).
pub(super) fn binomial_f64(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// Exact indices in fractions: `[company][player]` absolute Banzhaf and Shapley–Shubik.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactIndices {
    /// Absolute Banzhaf: swings / 2^(m−1).
    pub banzhaf_absolute: Vec<Vec<BigRational>>,
    /// Shapley–Shubik (Milnor–Shapley with every float as an ocean).
    pub shapley_shubik: Vec<Vec<BigRational>>,
}

/// The indices in exact fractions, coalition by coalition from scratch: slow, for small
/// networks (at most 16 atomic players).
pub(super) fn exact_rational(net: &Network, numer: u64, denom: u64, strict: bool) -> ExactIndices {
    let (m, k) = (net.players.len(), net.companies.len());
    let zero = || vec![vec![BigRational::zero(); m]; k];
    let mut out = ExactIndices { banzhaf_absolute: zero(), shapley_shubik: zero() };
    let mut total_a = vec![BigRational::zero(); k];
    let mut swings = vec![vec![0i64; m]; k];
    let mut passes = vec![0i64; k];
    let empty = Compound::new(net, numer, denom, strict);
    for mask in 0u64..(1u64 << m) {
        let mut c = empty.clone();
        let members: Vec<usize> = (0..m).filter(|&u| mask >> u & 1 == 1).collect();
        for &u in &members {
            c.add(u);
        }
        let s = members.len();
        for j in 0..k {
            let x = time_ratio(c.pass[j].time);
            let a = if s < m { integral(s, m - 1 - s, &x) } else { BigRational::zero() };
            let b = if s >= 1 { integral(s - 1, m - s, &x) } else { BigRational::zero() };
            total_a[j] += &a;
            let pass = i64::from(c.passes_at_half(j));
            passes[j] += pass;
            for &u in &members {
                out.shapley_shubik[j][u] -= &a + &b;
                swings[j][u] += 2 * pass;
            }
        }
    }
    let half = BigInt::one() << m.saturating_sub(1);
    for (j, row) in swings.iter().enumerate() {
        for (u, &with) in row.iter().enumerate() {
            out.shapley_shubik[j][u] += &total_a[j];
            out.banzhaf_absolute[j][u] = BigRational::new(BigInt::from(with - passes[j]), half.clone());
        }
    }
    out
}

/// A time as a fraction, never read as 1.
fn time_ratio(t: Time) -> BigRational {
    match t.parts() {
        (_, 0) => BigRational::one(),
        (n, d) => BigRational::new(BigInt::from(n), BigInt::from(d)),
    }
}

/// ∫₀ˣ t^s (1−t)^n dt = Σ_{k=0}^{n} C(n,k) (−1)^k x^{s+k+1}/(s+k+1), exactly.
fn integral(s: usize, n: usize, x: &BigRational) -> BigRational {
    let mut sum = BigRational::zero();
    let mut binom = BigInt::one();
    for k in 0..=n {
        let e = s + k + 1;
        let term = BigRational::from_integer(binom.clone()) * pow(x, e) / BigRational::from_integer(BigInt::from(e));
        if k % 2 == 0 {
            sum += term;
        } else {
            sum -= term;
        }
        binom = binom * BigInt::from(n - k) / BigInt::from(k + 1);
    }
    sum
}

fn pow(x: &BigRational, e: usize) -> BigRational {
    (0..e).fold(BigRational::one(), |acc, _| acc * x)
}
