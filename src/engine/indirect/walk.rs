//! The depth-first walk over coalitions behind the exact indices, and the sums it keeps.
//!
//! The walk adds one player at a time to the compound game's state ([`Compound`]) and undoes
//! it on the way back, so each coalition costs one player's propagation. At every node it
//! counts the coalition's terms for every target (see `enumerate`) and keeps subtree sums, so
//! that the sums over the coalitions containing a player are the subtree sums of the nodes
//! that add it.
//!
//! **Order of the children.** A node's subtree holds every coalition of the node's players and
//! some of its remaining candidates, whatever order the candidates are added in: the first
//! child adds the first candidate and may add all the others below it, the second adds the
//! second and may add those after it, and so on. The last candidate is added in half of the
//! subtree's nodes and the first only once, so the candidates whose joining moves the most
//! control times should come first. From [`REORDER_FROM`] candidates on, a node tries each
//! candidate once (adds it, records the changes, undoes them) and puts them in decreasing
//! order of the number of changes, ties in the order received; each child then replays its
//! candidate's recorded changes instead of propagating them again, so the trials cost little
//! more than the walk itself. On a ring of 50 companies with 20 investors this moves about
//! half as many control times as a fixed order, heaviest first. The order depends only on the
//! coalition, so every run, on any number of threads, walks the same tree.

use super::network::Network;
use super::propagate::{Compound, Undo};
use super::time::{Reach, Time};
use crate::model::Quota;

/// Candidates from which a node orders them by trial (below, they keep the order received).
pub(super) const REORDER_FROM: usize = 3;

/// Sums over coalitions, per target (`total_*`) and per player and target (`with_*`,
/// `[player · K + target]`): Σ a(S), Σ pass(S), Σ_{S∋u} (a + b), Σ_{S∋u} pass(S).
#[derive(Debug, Clone)]
pub(super) struct Sums {
    pub total_a: Vec<f64>,
    pub total_pass: Vec<u64>,
    pub with_ab: Vec<f64>,
    pub with_pass: Vec<u64>,
}

impl Sums {
    /// Zero sums for `m` players and `k` targets.
    pub fn zero(m: usize, k: usize) -> Sums {
        Sums { total_a: vec![0.0; k], total_pass: vec![0; k], with_ab: vec![0.0; m * k], with_pass: vec![0; m * k] }
    }

    /// Adds `other` into these sums.
    pub fn add(&mut self, other: &Sums) {
        add_into(&mut self.total_a, &other.total_a);
        add_into_u64(&mut self.total_pass, &other.total_pass);
        add_into(&mut self.with_ab, &other.with_ab);
        add_into_u64(&mut self.with_pass, &other.with_pass);
    }
}

/// A part of the walk: the node reached by adding `path` (in that order) to the empty
/// coalition, whose candidates are `candidates` (before the node orders them), and the
/// subtrees of its children from the `from`-th on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    pub path: Vec<usize>,
    pub candidates: Vec<usize>,
    pub from: usize,
}

impl Part {
    /// Coalitions in this part: the node and 2^(n − 1 − d) below each child d ≥ `from`.
    pub fn size(&self) -> u64 {
        1u64 << self.candidates.len().saturating_sub(self.from)
    }
}

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
    /// `tails`), computed if not held. The tails are a function of the time alone, so what the
    /// cache holds never changes a figure.
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
pub(super) struct Walk<'a> {
    c: Compound<'a>,
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
    /// Per depth: the node's candidates in the order walked (kept to save allocations).
    orders: Vec<Vec<usize>>,
    /// Per depth: the node's trials of its candidates (kept to save allocations).
    trials: Vec<Trials>,
    sums: Sums,
}

impl<'a> Walk<'a> {
    /// A walk at the empty coalition.
    pub fn new(net: &'a Network, quota: Quota) -> Walk<'a> {
        let (m, k) = (net.players.len(), net.companies.len());
        let c = Compound::new(net, quota);
        let ratios = pmf_ratios(m);
        let mut cache = TailCache::new(k, m);
        let slot = (0..k).map(|j| cache.slot(j, c.pass[j], &ratios)).collect();
        let inv_weight = (0..m).map(|s| 1.0 / (m as f64 * binomial_f64(m - 1, s))).collect();
        let half = (0..k).map(|j| u64::from(c.passes_at_half(j))).collect();
        Walk {
            c,
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
            orders: vec![Vec::new(); m + 2],
            trials: vec![Trials::default(); m + 2],
            sums: Sums::zero(m, k),
        }
    }

    /// Walks one part and returns its sums (the walk is left ready for another part).
    pub fn run(&mut self, part: &Part) -> Sums {
        let (m, k) = (self.m, self.k);
        self.c.undo(0);
        self.restore(0);
        for &p in &part.path {
            let mark = self.c.log.len();
            self.c.add(p);
            self.refresh(mark);
        }
        let size = part.path.len();
        let here = size * k;
        self.visit(size);
        self.children(size, &part.candidates, part.from);
        for &p in &part.path {
            add_into(&mut self.sums.with_ab[p * k..p * k + k], &self.level_ab[here..here + k]);
            add_into_u64(&mut self.sums.with_pass[p * k..p * k + k], &self.level_pass[here..here + k]);
        }
        std::mem::replace(&mut self.sums, Sums::zero(m, k))
    }

    /// Visits the current coalition (of `size` players, with these candidates) and its
    /// subtree, leaving the subtree sums at depth `size`.
    fn node(&mut self, size: usize, candidates: &[usize]) {
        self.visit(size);
        self.children(size, candidates, 0);
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
        for ((ab, total), &slot) in level_ab.iter_mut().zip(&mut self.sums.total_a).zip(&self.slot) {
            let a = read(slot, size + 1) * wa;
            *total += a;
            *ab = a + read(slot, size) * wb;
        }
        add_into_u64(&mut self.sums.total_pass, &self.half);
        self.level_pass[here..here + k].copy_from_slice(&self.half);
    }

    /// Orders the current coalition's candidates (of `size` players) and walks the subtrees of
    /// its children from the `from`-th on, adding their sums into depth `size` and into the
    /// sums of the player each adds.
    fn children(&mut self, size: usize, candidates: &[usize], from: usize) {
        let k = self.k;
        let here = size * k;
        let mut order = std::mem::take(&mut self.orders[size]);
        let mut trials = std::mem::take(&mut self.trials[size]);
        order.clear();
        order.extend_from_slice(candidates);
        order_by_trial(&mut self.c, &mut order, &mut trials);
        for d in from..order.len() {
            let mark = self.c.log.len();
            let saved = self.saved.len();
            let p = order[d];
            if trials.any() {
                self.c.replay(trials.of(d));
            } else {
                self.c.add(p);
            }
            self.refresh(mark);
            self.node(size + 1, &order[d + 1..]);
            let child = (size + 1) * k;
            let (parent, below) = self.level_ab.split_at_mut(child);
            let (parent, below) = (&mut parent[here..here + k], &below[..k]);
            add_into(parent, below);
            add_into(&mut self.sums.with_ab[p * k..p * k + k], below);
            let (parent, below) = self.level_pass.split_at_mut(child);
            let (parent, below) = (&mut parent[here..here + k], &below[..k]);
            add_into_u64(parent, below);
            add_into_u64(&mut self.sums.with_pass[p * k..p * k + k], below);
            self.c.undo(mark);
            self.restore(saved);
        }
        self.orders[size] = order;
        self.trials[size] = trials;
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
}

/// A node's trials of its candidates: per candidate, in the order found, the changes its
/// joining made and where they are in `changes`, to be replayed rather than propagated again.
#[derive(Debug, Clone, Default)]
pub(super) struct Trials {
    /// (changes made, candidate, start and end in `changes`).
    tried: Vec<(usize, usize, usize, usize)>,
    changes: Vec<Undo>,
}

impl Trials {
    /// Whether the candidates were tried (there were at least [`REORDER_FROM`]).
    fn any(&self) -> bool {
        !self.tried.is_empty()
    }

    /// The changes the `d`-th candidate (in the order found) made.
    fn of(&self, d: usize) -> &[Undo] {
        self.tried.get(d).and_then(|&(_, _, start, end)| self.changes.get(start..end)).unwrap_or(&[])
    }
}

/// Puts a node's candidates in the order its children add them (see the module comment):
/// from [`REORDER_FROM`] candidates on, by decreasing number of changes each one's joining
/// makes to the state `c` is in, ties in the order given, and keeps each one's changes in
/// `trials`; fewer keep their order and leave `trials` empty. `c` is left as it was.
pub(super) fn order_by_trial(c: &mut Compound<'_>, order: &mut [usize], trials: &mut Trials) {
    trials.tried.clear();
    trials.changes.clear();
    if order.len() < REORDER_FROM {
        return;
    }
    for &p in order.iter() {
        let mark = c.log.len();
        c.add(p);
        let start = trials.changes.len();
        c.changed_since(mark, &mut trials.changes);
        trials.tried.push((c.log.len() - mark, p, start, trials.changes.len()));
        c.undo(mark);
    }
    // Stable: equal counts keep the order given.
    trials.tried.sort_by_key(|&(changes, ..)| std::cmp::Reverse(changes));
    for (slot, &(_, p, ..)) in order.iter_mut().zip(trials.tried.iter()) {
        *slot = p;
    }
}

/// The order in which the root receives the players: heaviest first (the nodes with fewer
/// candidates than [`REORDER_FROM`] keep it).
pub(super) fn walk_order(net: &Network) -> Vec<usize> {
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
/// to a time the cache does not hold, so it multiplies by precomputed ratios and writes into
/// `out` with no allocation.
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
fn binomial_f64(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}
