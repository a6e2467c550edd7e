//! The float as N equal holders for many majors, by a dynamic programme over vote units: the
//! other majors' coalitions counted by size and weight, `G_i[s][k]`, exactly modulo a few primes
//! (as in `ocean_units.rs`), instead of enumerating the `2^m` sets of majors.
//!
//! With `first(x)` the least number of float holders that makes `x` units of majors win
//! (decided in exact integers on the units' scale):
//! - Shapley–Shubik: `φ_i = Σ_{s,k} G_i[s][k]·(E_s(k) − E_s(k + w_i))`, with `E_s(x)` the weight
//!   of the orderings in which `i` follows a given set of `s` majors and fewer than `first(x)`
//!   holders (`crowd_law::shapley_column`, one hypergeometric column per value of `first`);
//! - Banzhaf: `β_i ∝ Σ_k G_i[k]·P(first(k + w_i) ≤ K < first(k))` and one holder's
//!   `Σ_k G[k]·P(K' = first(k) − 1)`, summed in log space.
//!
//! The weights are the vote counts divided by their common divisor when that keeps the table
//! within the budget (every pivot then as in the enumeration), else the votes rounded to units
//! of `1/R` of all votes, `R` between [`MIN_UNITS`] and [`MAX_UNITS`] chosen to fit the budget.
//! The cost is about `K·m²·L` for weights summing to `L` and `K` primes ([`units_cost`]).

use std::collections::HashMap;

use super::crowd_law::{CrowdLaw, CrowdPower, Threshold, ln_add, normalise_ln, shapley_column};
use super::error::PowerError;
use super::modular::{Moduli, add_mod, sub_mod};
use super::ocean_units::{gcd, size_weight_full};
use crate::model::kinds::QuotaRule;

pub(super) use super::cost::GAME_BUDGET as BUDGET;
/// Coarsest and finest unit: `1/R` of all votes.
pub(super) const MIN_UNITS: u64 = 2_000;
/// See [`MIN_UNITS`].
pub(super) const MAX_UNITS: u64 = 1_000_000;

/// The quota and the float of a crowd game on its exact vote counts.
#[derive(Debug, Clone, Copy)]
pub(super) struct CrowdGame {
    /// Quota numerator and denominator, and how it is met.
    pub(super) numer: u64,
    pub(super) denom: u64,
    pub(super) rule: QuotaRule,
    /// The float's votes.
    pub(super) float: u64,
}

/// How the majors' votes become integer weights, and the exact test of who wins on that scale.
struct UnitScale {
    weights: Vec<usize>,
    threshold: Threshold,
    /// A coalition of `k` units weighs `k·unit` on the threshold's scale.
    unit: i128,
}

/// The table updates per unit of the majors' total weight (`K·m·(m + 1)`).
fn per_unit(m: usize) -> u128 {
    Moduli::count_for_bits(m) as u128 * m as u128 * (m as u128 + 1)
}

/// The work of the programme for `m` majors at the coarsest unit, to compare with [`BUDGET`]:
/// beyond eight times the budget the game is refused.
pub(super) fn units_cost(m: usize) -> u128 {
    per_unit(m) * u128::from(MIN_UNITS)
}

/// The largest number of majors solved within eight budgets at the coarsest unit.
pub(super) fn max_affordable_majors() -> usize {
    let mut m = 1usize;
    while units_cost(m + 1) <= BUDGET * 8 {
        m += 1;
    }
    m
}

/// Chooses the scale: exact vote counts over their divisor when affordable, else units.
fn scale(major_votes: &[u64], game: CrowdGame, holders: u64) -> Result<UnitScale, PowerError> {
    let m = major_votes.len();
    let total: u128 = major_votes.iter().map(|&v| u128::from(v)).sum::<u128>() + u128::from(game.float);
    let (t, n) = (total as i128, i128::from(holders));
    let affordable = u64::try_from(BUDGET / per_unit(m).max(1)).unwrap_or(u64::MAX);
    let g = major_votes.iter().fold(0u128, |g, &v| gcd(g, u128::from(v))).max(1);
    let majors_sum = (total - u128::from(game.float)) / g;
    if majors_sum <= u128::from(affordable.min(MAX_UNITS)) {
        // Weights v/g; a float holder weighs F and a major v·N on the threshold's scale.
        let weights = major_votes.iter().map(|&v| (u128::from(v) / g) as usize).collect();
        let threshold = Threshold {
            target: i128::from(game.numer) * t * n,
            d: i128::from(game.denom),
            f: i128::from(game.float),
            rule: game.rule,
        };
        return Ok(UnitScale { weights, threshold, unit: g as i128 * n });
    }
    let units = affordable.clamp(MIN_UNITS, MAX_UNITS);
    if per_unit(m) * u128::from(units) > BUDGET * 8 {
        return Err(PowerError::TooManyMajors { majors: m, max: max_affordable_majors() });
    }
    // k units weigh k·T/R votes; everything times R·N: a unit T·N, a float holder F·R.
    let r = i128::from(units);
    let weights =
        major_votes.iter().map(|&v| ((u128::from(v) * u128::from(units) * 2 + total) / (2 * total)) as usize).collect();
    let threshold = Threshold {
        target: i128::from(game.numer) * t * n * r,
        d: i128::from(game.denom),
        f: i128::from(game.float) * r,
        rule: game.rule,
    };
    Ok(UnitScale { weights, threshold, unit: t * n })
}

/// The indices of the majors and of the float as N equal holders, by the programme.
pub(super) fn crowd_units(major_votes: &[u64], game: CrowdGame, law: &CrowdLaw) -> Result<CrowdPower, PowerError> {
    let m = major_votes.len();
    if m == 0 {
        return Err(PowerError::NoPlayers);
    }
    let holders = law.holders();
    let scale = scale(major_votes, game, holders as u64)?;
    let weights = &scale.weights;
    let sum: usize = weights.iter().sum();
    let wmax = weights.iter().copied().max().unwrap_or(0);
    let (len, width) = (sum + 1, sum + 1 + wmax);
    // first(x), clamped to 0..=N + 1.
    let first: Vec<usize> = (0..width)
        .map(|x| scale.threshold.first_win(x as i128 * scale.unit).clamp(0, holders as i128 + 1) as usize)
        .collect();
    let e = shapley_table(m, holders, &first);
    let moduli = Moduli::for_bits(m);
    let primes = moduli.primes().to_vec();
    let tables: Vec<Vec<u64>> = primes.iter().map(|&p| size_weight_full(weights, len, p)).collect();
    let mut classes = weights.clone();
    classes.sort_unstable();
    classes.dedup();
    let mut by_class = Vec::with_capacity(classes.len());
    for &w in &classes {
        by_class.push(one_class(w, &tables, &moduli, &e, &first, law, len));
    }
    // One float holder: the coalitions of all majors by weight.
    let mut float_ln = f64::NEG_INFINITY;
    let mut residues = vec![0u64; primes.len()];
    for k in 0..len {
        let Some(pivot) = first[k].checked_sub(1) else { continue };
        for (j, r) in residues.iter_mut().enumerate() {
            *r = (0..=m).fold(0, |a, s| add_mod(a, tables[j][s * len + k], primes[j]));
        }
        let count = moduli.rebuild_f64(&residues);
        if count > 0.0 {
            float_ln = ln_add(float_ln, count.ln() + law.ln_pmf_but_one(pivot));
        }
    }
    let ln2 = std::f64::consts::LN_2;
    let float_ln = float_ln - m as f64 * ln2 + (holders as f64).ln();
    let class_of = |w: usize| classes.binary_search(&w).map_err(|_| PowerError::Internal("missing weight class"));
    let mut majors_shapley = Vec::with_capacity(m);
    let mut majors_ln = Vec::with_capacity(m);
    for &w in weights {
        let (phi, ln_swings) = by_class[class_of(w)?];
        majors_shapley.push(phi);
        majors_ln.push(ln_swings - (m as f64 - 1.0) * ln2);
    }
    let float_shapley = 1.0 - majors_shapley.iter().sum::<f64>();
    let (majors_banzhaf, float_banzhaf) = normalise_ln(&majors_ln, float_ln);
    Ok(CrowdPower { majors_shapley, float_shapley, majors_banzhaf, float_banzhaf })
}

/// `E_s(x)` for `s = 0..m` (rows) and `x` in `first`'s range (columns), one hypergeometric
/// column per distinct value of `first`.
fn shapley_table(m: usize, holders: usize, first: &[usize]) -> Vec<f64> {
    let width = first.len();
    let mut e = vec![0.0; m * width];
    let mut columns: HashMap<usize, Vec<f64>> = HashMap::new();
    for (x, &f) in first.iter().enumerate() {
        let column = columns.entry(f).or_insert_with(|| shapley_column(m, holders, f as i128 - 1));
        for (s, &v) in column.iter().enumerate() {
            e[s * width + x] = v;
        }
    }
    e
}

/// Shapley–Shubik and `ln` of the Banzhaf swing weight of a major of weight `w`.
fn one_class(
    w: usize,
    tables: &[Vec<u64>],
    moduli: &Moduli,
    e: &[f64],
    first: &[usize],
    law: &CrowdLaw,
    len: usize,
) -> (f64, f64) {
    let primes = moduli.primes();
    let kp = primes.len();
    let m = tables[0].len() / len - 1;
    let width = first.len();
    let mut prev: Vec<Vec<u64>> = vec![vec![0; len]; kp];
    let mut cur: Vec<Vec<u64>> = vec![vec![0; len]; kp];
    let mut by_weight: Vec<Vec<u64>> = vec![vec![0; len]; kp];
    let mut residues = vec![0u64; kp];
    let mut phi = 0.0;
    for s in 0..m {
        // G_i[s][k] = F[s][k] − G_i[s − 1][k − w]: the coalitions of the others.
        for (j, &p) in primes.iter().enumerate() {
            let c = &mut cur[j];
            c.copy_from_slice(&tables[j][s * len..(s + 1) * len]);
            if s > 0 {
                for k in w..len {
                    c[k] = sub_mod(c[k], prev[j][k - w], p);
                }
            }
            for (acc, &x) in by_weight[j].iter_mut().zip(c.iter()) {
                *acc = add_mod(*acc, x, p);
            }
        }
        let row = &e[s * width..(s + 1) * width];
        for k in 0..len {
            let d = row[k] - row[k + w];
            if d != 0.0 {
                for (j, r) in residues.iter_mut().enumerate() {
                    *r = cur[j][k];
                }
                phi += moduli.rebuild_f64(&residues) * d;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut ln_swings = f64::NEG_INFINITY;
    for k in 0..len {
        let (lo, top) = (first[k + w], first[k]);
        if top == 0 || lo > top - 1 {
            continue;
        }
        for (j, r) in residues.iter_mut().enumerate() {
            *r = by_weight[j][k];
        }
        let count = moduli.rebuild_f64(&residues);
        if count > 0.0 {
            ln_swings = ln_add(ln_swings, count.ln() + law.ln_range(lo, top - 1));
        }
    }
    (phi, ln_swings)
}
