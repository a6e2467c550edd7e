//! The indices by Monte Carlo, for networks with more atomic players than can be enumerated.
//!
//! Both estimators need one evaluation of the compound game per sampled coalition, whatever
//! the number of players, and are unbiased:
//! - Banzhaf: S uniform over the subsets of A (each player in with probability 1/2), every
//!   float at half its weight; `E[2·pass(S)·(±1)]` with +1 when u ∈ S is u's absolute Banzhaf
//!   index (`E[pass(S)·1[u∈S]] = ½·E[pass(R∪u)]` and `E[pass(S)·1[u∉S]] = ½·E[pass(R)]`).
//! - Shapley–Shubik: by Owen's multilinear extension, φ_u = ∫₀¹ E_{S~Bern(t)}[pass(S∪u,t) −
//!   pass(S∖u,t)] dt with the floats at yes-fraction t (Milnor–Shapley). t is drawn from the
//!   arcsine density g(t) = 1/(π√(t(1−t))) and S with each player in with probability t; the
//!   estimate is pass(S,t)·(1[u∈S]/t − 1[u∉S]/(1−t))/g(t), whose second moment is at most π².
//!
//! Coalitions are drawn in batches of 64 sharing one t; a batch's 64 outcomes are bits of one
//! word, so each player's value at each company is two popcounts per batch. Each coalition
//! starts from the empty coalition's fixed point at the batch's t and touches only the
//! companies its members reach ([`ClockedGame`]). The standard error is computed from the
//! spread of the batch means. At t = 1/2 every comparison is exact in integers, and so are
//! the Banzhaf sums; at a random t the float's yes votes t·f(k) are `f64` (a tie has
//! probability 0).
//!
//! The generator is SplitMix64 from the seed: the same seed and number of samples give the
//! same figures on every machine.

use std::f64::consts::PI;

use super::clock::{Clock, ClockedGame};
use super::network::Network;
use crate::engine::random::SplitMix64;
use crate::model::Quota;

/// Coalitions drawn together.
pub const BATCH: u64 = 64;

/// Estimates with their standard errors: `[company][player]`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Estimates {
    pub banzhaf_absolute: Vec<Vec<f64>>,
    pub shapley_shubik: Vec<Vec<f64>>,
    pub banzhaf_stderr: Vec<Vec<f64>>,
    pub shapley_stderr: Vec<Vec<f64>>,
    /// Coalitions drawn for each index (a multiple of [`BATCH`]).
    pub samples: u64,
}

/// Per company and player, the sums over batches of one index's batch values and of their
/// squares, flat (`[j·m + u]`).
struct Moments<T> {
    m: usize,
    sum: Vec<T>,
    sq: Vec<T>,
}

impl<T: Copy + Default + std::ops::AddAssign> Moments<T> {
    fn new(k: usize, m: usize) -> Moments<T> {
        Moments { m, sum: vec![T::default(); k * m], sq: vec![T::default(); k * m] }
    }

    /// Adds the other's sums into these (the same shape).
    fn merge(&mut self, other: &Moments<T>) {
        for (x, y) in self.sum.iter_mut().zip(&other.sum) {
            *x += *y;
        }
        for (x, y) in self.sq.iter_mut().zip(&other.sq) {
            *x += *y;
        }
    }
}

/// Means and standard errors over `b` batches of values with these `sum` and `sq` (`n` is b
/// as `f64`), `[company][player]`.
fn mean_and_stderr(k: usize, m: usize, b: u64, at: impl Fn(usize) -> (f64, f64)) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let n = b as f64;
    let mut mean = vec![vec![0.0; m]; k];
    let mut se = vec![vec![0.0; m]; k];
    for j in 0..k {
        for u in 0..m {
            let (sum, sq) = at(j * m + u);
            let mu = sum / n;
            mean[j][u] = mu;
            se[j][u] = ((sq / n - mu * mu).max(0.0) / (n - 1.0)).sqrt();
        }
    }
    (mean, se)
}

/// The sums of one part of the batches.
struct Part {
    /// Banzhaf: per batch the integer 2·(passes with u) − (passes), a batch value of that over 32.
    bz: Moments<i64>,
    /// Shapley–Shubik: the batch values.
    ss: Moments<f64>,
}

/// Monte Carlo estimates from at least `samples` coalitions per index, drawn from `seed`.
///
/// The batches are cut into two fixed parts, each with its own generator (the second seeded
/// from the first's first draw), walked on two threads when a second one can be started (in
/// turn otherwise), and their sums added in a fixed order: the figures depend only on the
/// seed and the number of samples.
pub(super) fn monte_carlo(net: &Network, quota: Quota, samples: u64, seed: u64) -> Estimates {
    let (m, k) = (net.players.len(), net.companies.len());
    let batches = samples.div_ceil(BATCH).max(2);
    let reaching: Vec<Vec<usize>> = (0..k).map(|j| (0..m).filter(|&u| net.reaches(j, u)).collect()).collect();
    let first_batches = batches / 2;
    let second_seed = SplitMix64::new(seed).next_u64();
    let run = |seed: u64, batches: u64| sample_part(net, quota, &reaching, seed, batches);
    let (mut a, b) = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || run(second_seed, batches - first_batches));
        let a = run(seed, first_batches);
        let b = match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| run(second_seed, batches - first_batches)),
            Err(_) => run(second_seed, batches - first_batches),
        };
        (a, b)
    });
    a.bz.merge(&b.bz);
    a.ss.merge(&b.ss);
    // A Banzhaf batch value is its integer over 32.
    let (banzhaf_absolute, banzhaf_stderr) =
        mean_and_stderr(k, m, batches, |x| (a.bz.sum[x] as f64 / 32.0, a.bz.sq[x] as f64 / 1024.0));
    let (shapley_shubik, shapley_stderr) = mean_and_stderr(k, m, batches, |x| (a.ss.sum[x], a.ss.sq[x]));
    Estimates { banzhaf_absolute, shapley_shubik, banzhaf_stderr, shapley_stderr, samples: batches * BATCH }
}

/// Draws `batches` batches for each index from `seed` and sums their values.
fn sample_part(net: &Network, quota: Quota, reaching: &[Vec<usize>], seed: u64, batches: u64) -> Part {
    let (m, k) = (net.players.len(), net.companies.len());
    let mut rng = SplitMix64::new(seed);
    let mut half = ClockedGame::new(net, quota, Clock::Half);
    let mut drawn = ClockedGame::new(net, quota, Clock::Half);
    let mut part = Part { bz: Moments::new(k, m), ss: Moments::new(k, m) };
    let mut pass_words = vec![0u64; k];
    let mut member_words = vec![0u64; m];
    let mut members = Vec::with_capacity(m);
    for _ in 0..batches {
        draw_batch(&mut half, &mut rng, Clock::Half, &mut members, &mut member_words, &mut pass_words);
        add_banzhaf(&mut part.bz, reaching, &member_words, &pass_words);
        let t = arcsine(&mut rng);
        drawn.set_clock(Clock::At(t));
        draw_batch(&mut drawn, &mut rng, Clock::At(t), &mut members, &mut member_words, &mut pass_words);
        add_shapley(&mut part.ss, reaching, &member_words, &pass_words, t);
    }
    part
}

/// Draws one batch of coalitions at `clock`: bit `lane` of `member_words[u]` says whether u is
/// in coalition `lane`, and of `pass_words[j]` whether the resolution passes at j for it.
fn draw_batch(
    game: &mut ClockedGame<'_>,
    rng: &mut SplitMix64,
    clock: Clock,
    members: &mut Vec<usize>,
    member_words: &mut [u64],
    pass_words: &mut [u64],
) {
    for (j, w) in pass_words.iter_mut().enumerate() {
        *w = if game.empty_passes(j) { u64::MAX } else { 0 };
    }
    member_words.fill(0);
    for lane in 0..BATCH {
        draw(rng, clock, member_words.len(), members);
        for &u in members.iter() {
            member_words[u] |= 1 << lane;
        }
        game.run(members, |j| pass_words[j] |= 1 << lane);
    }
}

/// Adds one batch's Banzhaf values: 2·pass·(±1) per coalition, summed as 2·(passes with u) −
/// (passes), kept as integers (the batch value is that over 32).
fn add_banzhaf(bz: &mut Moments<i64>, reaching: &[Vec<usize>], member_words: &[u64], pass_words: &[u64]) {
    let m = bz.m;
    for (j, &p) in pass_words.iter().enumerate() {
        if p == 0 {
            continue;
        }
        let passes = i64::from(p.count_ones());
        for &u in &reaching[j] {
            let n = 2 * i64::from((p & member_words[u]).count_ones()) - passes;
            bz.sum[j * m + u] += n;
            bz.sq[j * m + u] += n * n;
        }
    }
}

/// Adds one batch's Shapley–Shubik values at clock `t`: pass·(1[u∈S]/t − 1[u∉S]/(1−t))/g(t)
/// per coalition, averaged over the batch.
fn add_shapley(ss: &mut Moments<f64>, reaching: &[Vec<usize>], member_words: &[u64], pass_words: &[u64], t: f64) {
    let m = ss.m;
    let (yes, no) = (PI * ((1.0 - t) / t).sqrt(), PI * (t / (1.0 - t)).sqrt());
    let per = 1.0 / BATCH as f64;
    for (j, &p) in pass_words.iter().enumerate() {
        if p == 0 {
            continue;
        }
        // yes·with − no·(passes − with) = (yes + no)·with − no·passes.
        let (a, b) = ((yes + no) * per, no * f64::from(p.count_ones()) * per);
        for &u in &reaching[j] {
            let x = a * f64::from((p & member_words[u]).count_ones()) - b;
            ss.sum[j * m + u] += x;
            ss.sq[j * m + u] += x * x;
        }
    }
}

/// A t from the arcsine density: sin²(πU/2).
fn arcsine(rng: &mut SplitMix64) -> f64 {
    let s = (PI * rng.open01() / 2.0).sin();
    (s * s).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON)
}

/// A coalition: each player in with probability 1/2 (at the half clock) or t.
fn draw(rng: &mut SplitMix64, clock: Clock, m: usize, out: &mut Vec<usize>) {
    out.clear();
    match clock {
        Clock::Half => {
            let mut bits = 0;
            for u in 0..m {
                if u % 64 == 0 {
                    bits = rng.next_u64();
                }
                if bits >> (u % 64) & 1 == 1 {
                    out.push(u);
                }
            }
        }
        Clock::At(t) => out.extend((0..m).filter(|_| rng.open01() < t)),
    }
}
