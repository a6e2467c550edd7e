//! The oceanic indices for any number of majors, by a dynamic programme over vote units.
//!
//! Subset enumeration (`ocean.rs`) costs `m·2^(m−1)` and stops at [`super::MAX_OCEAN_MAJORS`]
//! majors. Here the majors' weights are integers (the vote counts divided by their common
//! divisor when their sum is small enough, else units of `1/R` of all votes), and the other
//! majors' coalitions are counted by size and weight, `G_i[s][k]`, exactly modulo a few primes
//! (`modular.rs`; removing major `i` is an exact deconvolution there):
//! - Dubey–Shapley: major `i` swings when the others weigh `k` with `k + a/2` losing and
//!   `k + w_i + a/2` winning (`a` the ocean): `k ∈ [K₀ − w_i, K₀)`, a window of the counts by
//!   weight; the absolute index is that count over `2^(m−1)`.
//! - Milnor–Shapley: with the ocean voting yes with share `t`, `i` is pivotal while
//!   `τ(k + w_i) ≤ t < τ(k)`, where `τ(k) = (Q − k)/a` is the ocean share at which a coalition of
//!   weight `k` reaches the quota `Q`; so `φ_i = Σ_{s,k} G_i[s][k]·(E_s(k) − E_s(k + w_i))` with
//!   `E_s(x) = ∫₀^{clamp τ(x)} t^s (1 − t)^{m−1−s} dt = P(Bin(m, τ) ≥ s + 1)/(m·C(m−1, s))`.
//!
//! Which coalitions win is decided in exact integers when the weights are the vote counts
//! themselves (`exact_units`); the integrals are `f64`. The cost is about `K·m²·L` for weights
//! summing to `L` and `K` primes; the unit is chosen so that this stays within a budget.

use num_traits::ToPrimitive;

use super::error::PowerError;
use super::game::quota_parts;
use super::modular::{Moduli, add_mod, sub_mod};
use super::ocean_votes::OceanVotesF64;
use crate::model::kinds::{Quota, QuotaRule};

use super::cost::GAME_BUDGET as BUDGET;
/// Coarsest and finest unit: `1/R` of all votes.
const MIN_UNITS: u64 = 2_000;
const MAX_UNITS: u64 = 1_000_000;

/// The oceanic indices, and whether the weights were the exact vote counts.
#[derive(Debug, Clone, PartialEq)]
pub struct OceanUnits {
    /// The indices, as [`super::ocean_votes_f64`] gives them.
    pub votes: OceanVotesF64,
    /// True when the majors' weights were their vote counts (divided by a common divisor), so
    /// that every pivot was decided exactly; false when they were rounded to units of
    /// `1/units` of all votes.
    pub exact_units: bool,
    /// The number of units of all votes when `exact_units` is false.
    pub units: u64,
}

/// Milnor–Shapley and Dubey–Shapley for any number of majors holding `major_votes` with an ocean
/// holding `ocean_votes`, quota `numer/denom` of the total under `rule`.
pub fn ocean_votes_units(major_votes: &[u64], ocean_votes: u64, quota: Quota) -> Result<OceanUnits, PowerError> {
    let (numer, denom, rule) = quota_parts(quota)?;
    let m = major_votes.len();
    let total: u128 = major_votes.iter().map(|&v| u128::from(v)).sum::<u128>() + u128::from(ocean_votes);
    if total == 0 || m == 0 {
        return Err(PowerError::NoPlayers);
    }
    let k_primes = Moduli::count_for_bits(m) as u128;
    let per_unit = k_primes * (m as u128) * (m as u128 + 1);
    let affordable = u64::try_from(BUDGET / per_unit.max(1)).unwrap_or(u64::MAX);
    let g = major_votes.iter().fold(u128::from(ocean_votes), |g, &v| gcd(g, u128::from(v))).max(1);
    let majors_sum = (total - u128::from(ocean_votes)) / g;
    let scale = if majors_sum <= u128::from(affordable.min(MAX_UNITS)) {
        Scale::Exact { g, total, numer, denom, ocean: u128::from(ocean_votes) }
    } else {
        let units = affordable.clamp(MIN_UNITS, MAX_UNITS);
        if per_unit * u128::from(units) > BUDGET * 8 {
            return Err(PowerError::TooManyMajors { majors: m, max: max_affordable_majors() });
        }
        Scale::Units { units, total, numer, denom, ocean: ocean_votes as f64 }
    };
    let weights: Vec<usize> = major_votes.iter().map(|&v| scale.weight(v)).collect();
    let votes = solve(&weights, &scale, rule, ocean_votes > 0)?;
    let (exact_units, units) = match scale {
        Scale::Exact { .. } => (true, 0),
        Scale::Units { units, .. } => (false, units),
    };
    Ok(OceanUnits { votes, exact_units, units })
}

/// The largest number of majors solved within the budget at the coarsest unit.
pub(super) fn max_affordable_majors() -> usize {
    let mut m = 1usize;
    while (Moduli::count_for_bits(m + 1) as u128) * (m as u128 + 1) * (m as u128 + 2) * u128::from(MIN_UNITS)
        <= BUDGET * 8
    {
        m += 1;
    }
    m
}

/// The greatest common divisor.
pub(super) fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// How vote counts become integer weights, and where the quota and the ocean fall on that scale.
enum Scale {
    /// Weights are votes / `g`: every comparison exact.
    Exact { g: u128, total: u128, numer: u64, denom: u64, ocean: u128 },
    /// Weights are votes rounded to units of `total / units`.
    Units { units: u64, total: u128, numer: u64, denom: u64, ocean: f64 },
}

impl Scale {
    fn weight(&self, v: u64) -> usize {
        match self {
            Scale::Exact { g, .. } => (u128::from(v) / g) as usize,
            Scale::Units { units, total, .. } => {
                ((u128::from(v) * u128::from(*units) * 2 + total) / (2 * total)) as usize
            }
        }
    }

    /// Whether a coalition of majors weighing `k` units plus the ocean voting yes with half its
    /// weight wins.
    fn wins_with_half_ocean(&self, k: usize, rule: QuotaRule) -> bool {
        match self {
            Scale::Exact { g, total, numer, denom, ocean } => {
                // d·(2·k·g + A) against 2·n·T, all exact.
                let lhs = u128::from(*denom) * (2 * k as u128 * g + ocean);
                let rhs = 2 * u128::from(*numer) * total;
                match rule {
                    QuotaRule::AtLeast => lhs >= rhs,
                    QuotaRule::MoreThan => lhs > rhs,
                }
            }
            Scale::Units { .. } => {
                let x = k as f64 + self.ocean_units() / 2.0;
                let q = self.quota_units();
                match rule {
                    QuotaRule::AtLeast => x >= q,
                    QuotaRule::MoreThan => x > q,
                }
            }
        }
    }

    /// The ocean in units.
    fn ocean_units(&self) -> f64 {
        match self {
            Scale::Exact { g, ocean, .. } => *ocean as f64 / *g as f64,
            Scale::Units { units, total, ocean, .. } => ocean * *units as f64 / *total as f64,
        }
    }

    /// The quota in units.
    fn quota_units(&self) -> f64 {
        match self {
            Scale::Exact { g, total, numer, denom, .. } => {
                (u128::from(*numer) * total) as f64 / (u128::from(*denom) * g) as f64
            }
            Scale::Units { units, numer, denom, .. } => *numer as f64 * *units as f64 / *denom as f64,
        }
    }

    /// `τ(k)`: the ocean's yes-share at which `k` units of majors reach the quota (unclamped),
    /// as `f64`; exact inputs to one rounding when the scale is exact.
    fn ocean_share_at_quota(&self, k: usize) -> f64 {
        match self {
            Scale::Exact { g, total, numer, denom, ocean } => {
                let num = i128::try_from(u128::from(*numer) * total).unwrap_or(i128::MAX)
                    - i128::try_from(u128::from(*denom) * k as u128 * g).unwrap_or(i128::MAX);
                num as f64 / (u128::from(*denom) * ocean) as f64
            }
            Scale::Units { .. } => (self.quota_units() - k as f64) / self.ocean_units(),
        }
    }

    /// Whether `k` units of majors win without the ocean (only used when there is no ocean).
    fn wins_alone(&self, k: usize, rule: QuotaRule) -> bool {
        self.wins_with_half_ocean(k, rule)
    }
}

/// The indices on integer weights.
fn solve(weights: &[usize], scale: &Scale, rule: QuotaRule, has_ocean: bool) -> Result<OceanVotesF64, PowerError> {
    let m = weights.len();
    let sum: usize = weights.iter().sum();
    let wmax = weights.iter().copied().max().unwrap_or(0);
    let len = sum + 1;
    // K₀: the least weight of majors that wins with half the ocean.
    let k0 = (0..=sum + 1).find(|&k| scale.wins_with_half_ocean(k, rule)).unwrap_or(sum + 1);
    // E_s(x) for x = 0..len + wmax, row by row of s.
    let e = beta_table(m, len + wmax, |x| {
        if has_ocean {
            scale.ocean_share_at_quota(x)
        } else if scale.wins_alone(x, rule) {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }
    });
    let moduli = Moduli::for_bits(m);
    let primes = moduli.primes().to_vec();
    let kp = primes.len();
    // F tables per prime: counts of coalitions of all majors by size (0..=m) and weight (0..len).
    let stride = len;
    let mut tables: Vec<Vec<u64>> = primes.iter().map(|&p| size_weight_full(weights, len, p)).collect();
    let mut classes: Vec<usize> = weights.to_vec();
    classes.sort_unstable();
    classes.dedup();
    let mut shapley_by_class = Vec::with_capacity(classes.len());
    let mut swings_by_class = Vec::with_capacity(classes.len());
    let mut prev: Vec<Vec<u64>> = vec![vec![0; stride]; kp];
    let mut cur: Vec<Vec<u64>> = vec![vec![0; stride]; kp];
    let mut by_weight: Vec<Vec<u64>> = vec![vec![0; stride]; kp];
    let mut residues = vec![0u64; kp];
    for &w in &classes {
        let mut phi = 0.0;
        for b in by_weight.iter_mut() {
            b.fill(0);
        }
        for s in 0..m {
            for (j, &p) in primes.iter().enumerate() {
                let f = &tables[j][s * stride..(s + 1) * stride];
                let c = &mut cur[j];
                c.copy_from_slice(f);
                if s > 0 {
                    for k in w..stride {
                        c[k] = sub_mod(c[k], prev[j][k - w], p);
                    }
                }
                for (acc, &x) in by_weight[j].iter_mut().zip(c.iter()) {
                    *acc = add_mod(*acc, x, p);
                }
            }
            let row = &e[s * (len + wmax)..(s + 1) * (len + wmax)];
            let mut sum_s = 0.0;
            for k in 0..stride {
                for (j, r) in residues.iter_mut().enumerate() {
                    *r = cur[j][k];
                }
                let d = row[k] - row[k + w];
                if d != 0.0 {
                    let count = if kp == 1 { residues[0] as f64 } else { moduli.rebuild_f64(&residues) };
                    sum_s += count * d;
                }
            }
            phi += sum_s;
            std::mem::swap(&mut prev, &mut cur);
        }
        shapley_by_class.push(phi);
        // Swings: Σ over k in [K₀ − w, K₀) of the counts by weight (all sizes).
        let lo = k0.saturating_sub(w);
        for (j, r) in residues.iter_mut().enumerate() {
            *r = by_weight[j][lo.min(stride)..k0.min(stride)].iter().fold(0, |a, &x| add_mod(a, x, primes[j]));
        }
        swings_by_class.push(moduli.rebuild(&residues));
    }
    tables.clear();
    indices_from_classes(weights, &classes, &shapley_by_class, &swings_by_class, has_ocean)
}

/// The indices of every major from those of its weight class (`classes` sorted): Shapley values
/// as they are, swing counts turned into absolute and normalised Banzhaf.
fn indices_from_classes(
    weights: &[usize],
    classes: &[usize],
    shapley_by_class: &[f64],
    swings_by_class: &[num_bigint::BigUint],
    has_ocean: bool,
) -> Result<OceanVotesF64, PowerError> {
    let m = weights.len();
    let class_of = |w: usize| classes.binary_search(&w).map_err(|_| PowerError::Internal("missing weight class"));
    let mut shapley = Vec::with_capacity(m);
    let mut swings = Vec::with_capacity(m);
    for &w in weights {
        let c = class_of(w)?;
        shapley.push(shapley_by_class[c]);
        swings.push(swings_by_class[c].clone());
    }
    let ocean_shapley = if has_ocean { 1.0 - shapley.iter().sum::<f64>() } else { 0.0 };
    let half = 2f64.powi(i32::try_from(m.saturating_sub(1)).unwrap_or(i32::MAX));
    let banzhaf_absolute: Vec<f64> = swings.iter().map(|c| c.to_f64().unwrap_or(f64::NAN) / half).collect();
    let total: num_bigint::BigUint = swings.iter().sum();
    let banzhaf_normalised = (total > num_bigint::BigUint::default()).then(|| {
        swings.iter().map(|c| super::numeric::ratio_to_f64(&super::numeric::ratio(c.clone(), total.clone()))).collect()
    });
    let positive = swings.iter().filter(|c| **c > num_bigint::BigUint::default()).count();
    let degenerate = has_ocean && positive == 1;
    Ok(OceanVotesF64 { shapley, ocean_shapley, banzhaf_absolute, banzhaf_normalised, degenerate })
}

/// Counts of coalitions of all the players by size `0..=m` and weight `0..len`, modulo `p`.
pub(super) fn size_weight_full(weights: &[usize], len: usize, p: u64) -> Vec<u64> {
    let m = weights.len();
    let mut t = vec![0u64; (m + 1) * len];
    t[0] = 1;
    for (j, &w) in weights.iter().enumerate() {
        if w >= len {
            continue;
        }
        for s in (1..=j + 1).rev() {
            let (below, here) = t.split_at_mut(s * len);
            let prev = &below[(s - 1) * len..s * len - w];
            for (c, &x) in here[w..len].iter_mut().zip(prev) {
                *c = add_mod(*c, x, p);
            }
        }
    }
    t
}

/// `E_s(x) = P(Bin(m, clamp τ(x)) ≥ s + 1)/(m·C(m−1, s))` for `s = 0..m` (rows) and
/// `x = 0..width` (columns); `τ = ±∞` stands for a coalition that loses (`+∞`) or wins (`−∞`)
/// whatever the ocean does.
fn beta_table(m: usize, width: usize, tau: impl Fn(usize) -> f64) -> Vec<f64> {
    let mut e = vec![0.0; m * width];
    // 1/(m·C(m−1, s)) in log space.
    let ln_fact: Vec<f64> = std::iter::once(0.0)
        .chain((1..=m).scan(0.0, |acc, k| {
            *acc += (k as f64).ln();
            Some(*acc)
        }))
        .collect();
    let ln_binom = |n: usize, k: usize| ln_fact[n] - ln_fact[k] - ln_fact[n - k];
    let weight: Vec<f64> = (0..m).map(|s| (-(m as f64).ln() - ln_binom(m - 1, s)).exp()).collect();
    let mut pmf = vec![0.0; m + 1];
    for x in 0..width {
        let t = tau(x).clamp(0.0, 1.0);
        // P(Bin(m, t) = j) for every j.
        if t <= 0.0 {
            pmf.fill(0.0);
            pmf[0] = 1.0;
        } else if t >= 1.0 {
            pmf.fill(0.0);
            pmf[m] = 1.0;
        } else {
            let (lt, lu) = (t.ln(), (1.0 - t).ln());
            for (j, v) in pmf.iter_mut().enumerate() {
                *v = (ln_binom(m, j) + j as f64 * lt + (m - j) as f64 * lu).exp();
            }
        }
        // Tails from the top: P(≥ s + 1).
        let mut tail = 0.0;
        for s in (0..m).rev() {
            tail += pmf[s + 1];
            e[s * width + x] = tail * weight[s];
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::power::numeric::test_rng as next;
    use crate::engine::power::ocean_votes_f64;

    #[test]
    fn agrees_with_subset_enumeration_on_small_games() {
        let mut seed = 0x0cea_u64;
        for case in 0..300 {
            let m = 1 + (next(&mut seed) % 7) as usize;
            let majors: Vec<u64> = (0..m).map(|_| next(&mut seed) % 5_000 + 1).collect();
            let ocean = if case % 9 == 0 { 0 } else { next(&mut seed) % 20_000 + 1 };
            let quota = if case % 2 == 0 { Quota::MAJORITY } else { Quota::TWO_THIRDS };
            let a = ocean_votes_f64(&majors, ocean, quota).unwrap();
            let b = ocean_votes_units(&majors, ocean, quota).unwrap();
            assert!(b.exact_units);
            let b = b.votes;
            for i in 0..m {
                assert!((a.shapley[i] - b.shapley[i]).abs() < 1e-12, "{majors:?}+{ocean}: {a:?} vs {b:?}");
                assert!((a.banzhaf_absolute[i] - b.banzhaf_absolute[i]).abs() < 1e-15);
            }
            assert!((a.ocean_shapley - b.ocean_shapley).abs() < 1e-12);
            assert_eq!(a.banzhaf_normalised.is_some(), b.banzhaf_normalised.is_some());
            if let (Some(x), Some(y)) = (&a.banzhaf_normalised, &b.banzhaf_normalised) {
                assert!(x.iter().zip(y).all(|(p, q)| (p - q).abs() < 1e-15));
            }
            assert_eq!(a.degenerate, b.degenerate);
        }
    }
}
