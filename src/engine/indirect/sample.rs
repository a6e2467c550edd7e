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
//! word, so each player's estimate at each company is two popcounts per batch. The standard
//! error is computed from the spread of the batch means. At t = 1/2 every comparison is exact
//! in integers; at a random t the float's yes votes t·f(k) are `f64` (a tie has probability 0).
//!
//! The generator is SplitMix64 from the seed: the same seed and number of samples give the
//! same figures on every machine.

use super::network::Network;
use std::f64::consts::PI;

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

/// SplitMix64.
#[derive(Debug, Clone)]
pub(super) struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1).
    pub fn open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
}

/// The float's yes-fraction for one batch.
#[derive(Debug, Clone, Copy)]
enum Clock {
    /// Exactly 1/2 (Dubey–Shapley).
    Half,
    /// A drawn fraction.
    At(f64),
}

/// Running sums of batch means per company and player.
struct Moments {
    sum: Vec<Vec<f64>>,
    sq: Vec<Vec<f64>>,
}

impl Moments {
    fn new(k: usize, m: usize) -> Moments {
        Moments { sum: vec![vec![0.0; m]; k], sq: vec![vec![0.0; m]; k] }
    }

    fn add(&mut self, j: usize, u: usize, x: f64) {
        self.sum[j][u] += x;
        self.sq[j][u] += x * x;
    }

    /// Means and standard errors over `b` batches.
    fn finish(self, b: u64) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        let n = b as f64;
        let mean: Vec<Vec<f64>> = self.sum.iter().map(|r| r.iter().map(|s| s / n).collect()).collect();
        let se = self
            .sq
            .iter()
            .zip(&mean)
            .map(|(q, mu)| {
                q.iter().zip(mu).map(|(q, mu)| ((q / n - mu * mu).max(0.0) * n / (n - 1.0) / n).sqrt()).collect()
            })
            .collect();
        (mean, se)
    }
}

/// Scratch space for one evaluation of the compound game.
struct Evaluator<'a> {
    net: &'a Network,
    numer: u64,
    denom: u64,
    strict: bool,
    sum: Vec<u64>,
    controlled: Vec<bool>,
    queue: Vec<usize>,
}

impl<'a> Evaluator<'a> {
    fn new(net: &'a Network, numer: u64, denom: u64, strict: bool) -> Evaluator<'a> {
        let k = net.companies.len();
        Evaluator { net, numer, denom, strict, sum: vec![0; k], controlled: vec![false; k], queue: Vec::new() }
    }

    /// Whether `s + t·f` is more than half of `total`.
    fn majority(s: u64, f: u64, total: u64, clock: Clock) -> bool {
        match clock {
            Clock::Half => 2 * u128::from(s) + u128::from(f) > u128::from(total),
            Clock::At(t) => 2.0 * (s as f64 + t * f as f64) > total as f64,
        }
    }

    /// Whether `s + t·f` meets the quota of `total`.
    fn meets(&self, s: u64, f: u64, total: u64, clock: Clock) -> bool {
        let q = u128::from(self.numer) * u128::from(total);
        match clock {
            Clock::Half => {
                let lhs = u128::from(self.denom) * (2 * u128::from(s) + u128::from(f));
                if self.strict { lhs > 2 * q } else { lhs >= 2 * q }
            }
            Clock::At(t) => {
                let lhs = self.denom as f64 * (s as f64 + t * f as f64);
                if self.strict { lhs > q as f64 } else { lhs >= q as f64 }
            }
        }
    }

    /// The least fixed point of control for the coalition `members` at `clock`, then calls
    /// `pass(j)` for every target at which the resolution passes.
    fn run(&mut self, members: &[usize], clock: Clock, mut pass: impl FnMut(usize)) {
        let net = self.net;
        self.sum.copy_from_slice(&net.committed);
        self.controlled.fill(false);
        for &i in members {
            for &(k, v) in &net.player_holds[i] {
                self.sum[k] += v;
            }
        }
        self.queue.clear();
        for k in 0..self.sum.len() {
            if Self::majority(self.sum[k], net.float[k], net.total[k], clock) {
                self.controlled[k] = true;
                self.queue.push(k);
            }
        }
        while let Some(c) = self.queue.pop() {
            for &(d, v) in &net.company_holds[c] {
                self.sum[d] += v;
                if !self.controlled[d] && Self::majority(self.sum[d], net.float[d], net.total[d], clock) {
                    self.controlled[d] = true;
                    self.queue.push(d);
                }
            }
        }
        // sum[j] now counts every controlled company's votes (a company never holds itself).
        for j in 0..self.sum.len() {
            if self.meets(self.sum[j], net.float[j], net.total[j], clock) {
                pass(j);
            }
        }
    }
}

/// Monte Carlo estimates from at least `samples` coalitions per index, drawn from `seed`.
pub(super) fn monte_carlo(net: &Network, numer: u64, denom: u64, strict: bool, samples: u64, seed: u64) -> Estimates {
    let (m, k) = (net.players.len(), net.companies.len());
    let batches = samples.div_ceil(BATCH).max(2);
    let reaching: Vec<Vec<usize>> = (0..k).map(|j| (0..m).filter(|&u| net.reaches(j, u)).collect()).collect();
    let mut rng = SplitMix::new(seed);
    let mut eval = Evaluator::new(net, numer, denom, strict);
    let mut bz = Moments::new(k, m);
    let mut ss = Moments::new(k, m);
    let mut pass_words = vec![0u64; k];
    let mut member_words = vec![0u64; m];
    let mut members = Vec::with_capacity(m);
    for _ in 0..batches {
        for (clock, moments) in [(Clock::Half, &mut bz), (Clock::At(arcsine(&mut rng)), &mut ss)] {
            pass_words.fill(0);
            member_words.fill(0);
            for lane in 0..BATCH {
                draw(&mut rng, clock, m, &mut members);
                for &u in &members {
                    member_words[u] |= 1 << lane;
                }
                eval.run(&members, clock, |j| pass_words[j] |= 1 << lane);
            }
            let (yes, no) = match clock {
                Clock::Half => (2.0, 2.0),
                Clock::At(t) => (PI * ((1.0 - t) / t).sqrt(), PI * (t / (1.0 - t)).sqrt()),
            };
            for j in 0..k {
                let p = pass_words[j];
                if p == 0 {
                    continue;
                }
                for &u in &reaching[j] {
                    let with = (p & member_words[u]).count_ones() as f64;
                    let without = (p & !member_words[u]).count_ones() as f64;
                    moments.add(j, u, (yes * with - no * without) / BATCH as f64);
                }
            }
        }
    }
    let (banzhaf_absolute, banzhaf_stderr) = bz.finish(batches);
    let (shapley_shubik, shapley_stderr) = ss.finish(batches);
    Estimates { banzhaf_absolute, shapley_shubik, banzhaf_stderr, shapley_stderr, samples: batches * BATCH }
}

/// A t from the arcsine density: sin²(πU/2).
fn arcsine(rng: &mut SplitMix) -> f64 {
    let s = (PI * rng.open01() / 2.0).sin();
    (s * s).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON)
}

/// A coalition: each player in with probability 1/2 (at the half clock) or t.
fn draw(rng: &mut SplitMix, clock: Clock, m: usize, out: &mut Vec<usize>) {
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
