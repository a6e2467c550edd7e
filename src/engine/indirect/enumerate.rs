//! The exact indices, by enumerating every coalition of the atomic players (m ≤ 20).
//!
//! A depth-first walk (`walk`) adds one player at a time to the compound game's state
//! ([`Compound`]) and undoes it on the way back, so each of the 2^m coalitions costs one
//! player's propagation. For each coalition S and target j it reads the pass time τ_j(S)
//! (exact) and whether the resolution passes with every float at half its weight. Here the
//! walk is cut into parts for the threads, and the indices are read from its sums.
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

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::network::Network;
use super::propagate::Compound;
use super::time::Time;
use super::walk::{Part, Sums, Trials, Walk, order_by_trial, walk_order};
use crate::model::Quota;

/// Absolute Banzhaf and Shapley–Shubik of every player at every company: `[company][player]`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Indices {
    pub banzhaf_absolute: Vec<Vec<f64>>,
    pub shapley_shubik: Vec<Vec<f64>>,
}

/// Exact indices (times exact, Beta integrals in `f64`). `m` must be at most 20.
///
/// From [`SPLIT_FROM`] players on, the walk is cut into about [`PARTS`] parts ([`plan`]),
/// walked on as many threads as the machine has cores, and their sums added in the parts'
/// order: the figures do not depend on the machine or on which thread walked which part.
pub(super) fn exact(net: &Network, quota: Quota) -> Indices {
    exact_split_from(net, quota, SPLIT_FROM)
}

/// [`exact`], with the walk cut into parts from `split_from` players on (tests cut small
/// networks, which brute force can check).
pub(super) fn exact_split_from(net: &Network, quota: Quota, split_from: usize) -> Indices {
    let m = net.players.len();
    let parts = if m < split_from.max(1) {
        vec![Part { path: Vec::new(), candidates: walk_order(net), from: 0 }]
    } else {
        plan(net, quota, ((1u64 << m) / PARTS).max(1))
    };
    finish(net, &walk_parts(net, quota, &parts))
}

/// The number of players from which the walk is cut into parts.
const SPLIT_FROM: usize = 12;

/// About how many parts the walk is cut into: enough for the threads to end together.
const PARTS: u64 = 64;

/// Cuts the walk into parts of at most about `2 · grain` coalitions: a node whose subtree is
/// larger walks its largest children's subtrees as parts of their own (cut further in turn),
/// and itself with the rest of its children as one part. The children are ordered as the walk
/// orders them, from the same state, so the parts cover every coalition once.
fn plan(net: &Network, quota: Quota, grain: u64) -> Vec<Part> {
    let mut c = Compound::new(net, quota);
    let mut parts = Vec::new();
    cut(&mut c, &mut Vec::new(), walk_order(net), grain, &mut parts);
    parts
}

/// [`plan`] below the node that `c` is at, reached by `path`, with these candidates.
fn cut(c: &mut Compound<'_>, path: &mut Vec<usize>, candidates: Vec<usize>, grain: u64, parts: &mut Vec<Part>) {
    let n = candidates.len();
    let subtree = |d: usize| 1u64 << (n - 1 - d);
    let mut from = 0;
    if n > 0 && subtree(0) > grain {
        let mut order = candidates.clone();
        order_by_trial(c, &mut order, &mut Trials::default());
        while from < n && subtree(from) > grain {
            let mark = c.log.len();
            c.add(order[from]);
            path.push(order[from]);
            cut(c, path, order[from + 1..].to_vec(), grain, parts);
            path.pop();
            c.undo(mark);
            from += 1;
        }
    }
    parts.push(Part { path: path.clone(), candidates, from });
}

/// Walks the parts, the largest first, on as many threads as the machine has cores (each
/// with its own walk), and adds their sums in the parts' order as soon as the parts before
/// are in (so few parts' sums are held at once). A part that a thread could not walk (it
/// could not start, or stopped) is walked here.
fn walk_parts(net: &Network, quota: Quota, parts: &[Part]) -> Sums {
    let (m, k) = (net.players.len(), net.companies.len());
    if let [part] = parts {
        return Walk::new(net, quota).run(part);
    }
    let threads = cores().clamp(1, parts.len().max(1));
    let mut schedule: Vec<usize> = (0..parts.len()).collect();
    schedule.sort_by_key(|&i| std::cmp::Reverse(parts[i].size()));
    let next = AtomicUsize::new(0);
    let merge = Mutex::new(Merge { waiting: vec![None; parts.len()], merged: 0, total: Sums::zero(m, k) });
    let work = || {
        let mut walk = Walk::new(net, quota);
        while let Some(&i) = schedule.get(next.fetch_add(1, Ordering::Relaxed)) {
            let sums = walk.run(&parts[i]);
            merge.lock().unwrap_or_else(PoisonError::into_inner).take(i, sums);
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> =
            (1..threads).filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok()).collect();
        work();
        for helper in helpers {
            // A helper that stopped leaves its part undone: walked below.
            let _ = helper.join();
        }
    });
    let mut merge = merge.into_inner().unwrap_or_else(PoisonError::into_inner);
    let mut spare: Option<Walk<'_>> = None;
    for (i, part) in parts.iter().enumerate() {
        // Not yet added, and not waiting: never walked.
        if i >= merge.merged && merge.waiting[i].is_none() {
            let sums = spare.get_or_insert_with(|| Walk::new(net, quota)).run(part);
            merge.take(i, sums);
        }
    }
    merge.total
}

/// The parts' sums, added in the parts' order.
struct Merge {
    /// Sums of parts walked before every part ahead of them was.
    waiting: Vec<Option<Sums>>,
    /// Parts added into `total` so far (the first ones).
    merged: usize,
    total: Sums,
}

impl Merge {
    /// Takes part `i`'s sums, and adds every part now in, in order, into the total.
    fn take(&mut self, i: usize, sums: Sums) {
        if let Some(slot) = self.waiting.get_mut(i) {
            *slot = Some(sums);
        }
        while let Some(sums) = self.waiting.get_mut(self.merged).and_then(Option::take) {
            self.total.add(&sums);
            self.merged += 1;
        }
    }
}

/// The machine's cores, asked once: the answer reads the system's files (tens of
/// microseconds), and small networks are solved thousands of times.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The indices from the walk's sums.
fn finish(net: &Network, sums: &Sums) -> Indices {
    let (m, k) = (net.players.len(), net.companies.len());
    let half = 2f64.powi(m.saturating_sub(1) as i32);
    let mut out = Indices { banzhaf_absolute: vec![vec![0.0; m]; k], shapley_shubik: vec![vec![0.0; m]; k] };
    for j in 0..k {
        for u in (0..m).filter(|&u| net.reaches(j, u)) {
            let swings = 2 * i128::from(sums.with_pass[u * k + j]) - i128::from(sums.total_pass[j]);
            out.banzhaf_absolute[j][u] = swings as f64 / half;
            out.shapley_shubik[j][u] = sums.total_a[j] - sums.with_ab[u * k + j];
        }
    }
    out
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
pub(super) fn exact_rational(net: &Network, quota: Quota) -> ExactIndices {
    let (m, k) = (net.players.len(), net.companies.len());
    let zero = || vec![vec![BigRational::zero(); m]; k];
    let mut out = ExactIndices { banzhaf_absolute: zero(), shapley_shubik: zero() };
    let mut total_a = vec![BigRational::zero(); k];
    let mut swings = vec![vec![0i64; m]; k];
    let mut passes = vec![0i64; k];
    let empty = Compound::new(net, quota);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Sums of one player at one target holding `x` everywhere.
    fn sums(x: f64) -> Sums {
        let mut s = Sums::zero(1, 1);
        s.total_a[0] = x;
        s.with_ab[0] = x;
        s.total_pass[0] = 1;
        s
    }

    #[test]
    fn parts_finished_in_any_order_are_added_in_the_parts_order() {
        // In the parts' order, 1e16 + 1 rounds back to 1e16 and the total is 0; added in the
        // order they finish (2, then 0, then 1) it would be 1.
        let mut merge = Merge { waiting: vec![None; 3], merged: 0, total: Sums::zero(1, 1) };
        merge.take(2, sums(-1e16));
        assert_eq!((merge.merged, merge.total.total_pass[0]), (0, 0), "part 2 waits for parts 0 and 1");
        merge.take(0, sums(1e16));
        assert_eq!(merge.merged, 1);
        merge.take(1, sums(1.0));
        assert_eq!(merge.merged, 3);
        assert_eq!(merge.total.total_a[0], 0.0);
        assert_eq!(merge.total.total_pass[0], 3);
        assert!(merge.waiting.iter().all(Option::is_none), "nothing held once added");
    }
}
