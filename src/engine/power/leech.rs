//! Leech's normal approximation of Banzhaf power for a large register.
//!
//! The `m` largest players ("majors") are enumerated exactly (subsets grouped
//! by weight, at most `2^m`); the yes-vote `X` of the many small holders,
//! each voting yes with probability 1/2, is approximated by a normal
//! variable with mean `Σw/2` and variance `Σw²/4`. `X` lives on multiples of
//! `g = gcd` of the small weights, so `P(a ≤ X < b)` is taken as
//! `Φ((b* − μ)/σ) − Φ((a* − μ)/σ)` with the continuity-corrected end points
//! `a* = g·⌈a/g⌉ − g/2`, `b* = g·⌈b/g⌉ − g/2`. A small holder `j` is a swing
//! with probability `P(q − w_j ≤ W(S) + X_{−j} < q)` where `X_{−j}` has mean
//! `μ − w_j/2` and variance `σ² − w_j²/4`. `Φ` uses `libm::erf`.
//! Results are `f64` only.

use std::collections::BTreeMap;

use num_integer::Integer;

use super::error::PowerError;
use super::game::Game;

/// Largest number of majors enumerated exactly.
pub const MAX_LEECH_MAJORS: usize = 24;

/// Banzhaf indices from Leech's approximation.
#[derive(Debug, Clone, PartialEq)]
pub struct LeechBanzhaf {
    /// Indices (into the game's players) of the majors, largest first.
    pub majors: Vec<usize>,
    /// Absolute Banzhaf index of every player, in the game's order.
    pub absolute: Vec<f64>,
    /// Normalised Banzhaf index of every player (sums to 1 unless all are 0).
    pub normalised: Vec<f64>,
}

fn normal_cdf(z: f64) -> f64 {
    0.5 * (1.0 + libm::erf(z / std::f64::consts::SQRT_2))
}

/// Approximate `P(a ≤ X < b)` for `X` on multiples of `g` with mean `mu`
/// and variance `var` (a point mass at `mu` when `var = 0`).
fn window(a: f64, b: f64, mu: f64, var: f64, g: f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    if var <= 0.0 {
        return if a <= mu && mu < b { 1.0 } else { 0.0 };
    }
    let sd = var.sqrt();
    let a_star = g * (a / g).ceil() - g / 2.0;
    let b_star = g * (b / g).ceil() - g / 2.0;
    (normal_cdf((b_star - mu) / sd) - normal_cdf((a_star - mu) / sd)).max(0.0)
}

/// Leech's approximation on a finite game whose `majors` largest players
/// are enumerated exactly and the rest approximated as a normal variable.
///
/// Errors when `majors` exceeds [`MAX_LEECH_MAJORS`] or the number of players.
pub fn leech_banzhaf(game: &Game, majors: usize) -> Result<LeechBanzhaf, PowerError> {
    let n = game.n();
    if majors > MAX_LEECH_MAJORS || majors > n {
        return Err(PowerError::TooManyMajors { majors, max: MAX_LEECH_MAJORS.min(n) });
    }
    let w = game.weights();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| w[j].cmp(&w[i]).then(i.cmp(&j)));
    let major_idx: Vec<usize> = order[..majors].to_vec();
    let small_idx: Vec<usize> = order[majors..].to_vec();
    let q = game.quota() as f64;
    let mu: f64 = small_idx.iter().map(|&i| w[i] as f64 / 2.0).sum();
    let var: f64 = small_idx.iter().map(|&i| (w[i] as f64).powi(2) / 4.0).sum();
    let g = small_idx.iter().fold(0u64, |acc, &i| acc.gcd(&w[i])).max(1) as f64;
    // Subset sums of the majors (optionally without one), grouped by weight.
    let sums = |skip: Option<usize>| -> BTreeMap<u64, f64> {
        let mut map = BTreeMap::new();
        map.insert(0u64, 1.0);
        for (k, &i) in major_idx.iter().enumerate() {
            if Some(k) == skip {
                continue;
            }
            let snap: Vec<(u64, f64)> = map.iter().map(|(&x, &c)| (x, c)).collect();
            for (x, c) in snap {
                *map.entry(x + w[i]).or_insert(0.0) += c;
            }
        }
        map
    };
    let mut absolute = vec![0.0; n];
    for (k, &i) in major_idx.iter().enumerate() {
        let groups = sums(Some(k));
        let scale = 0.5f64.powi(majors as i32 - 1);
        let wi = w[i] as f64;
        absolute[i] =
            groups.iter().map(|(&x, &c)| c * window(q - wi - x as f64, q - x as f64, mu, var, g)).sum::<f64>() * scale;
    }
    let all = sums(None);
    let scale = 0.5f64.powi(majors as i32);
    let mut cache: BTreeMap<u64, f64> = BTreeMap::new();
    for &j in &small_idx {
        let wj = w[j];
        if wj == 0 {
            continue;
        }
        let v = *cache.entry(wj).or_insert_with(|| {
            let wf = wj as f64;
            let (m2, v2) = (mu - wf / 2.0, (var - wf * wf / 4.0).max(0.0));
            all.iter().map(|(&x, &c)| c * window(q - wf - x as f64, q - x as f64, m2, v2, g)).sum::<f64>() * scale
        });
        absolute[j] = v;
    }
    let total: f64 = absolute.iter().sum();
    let normalised = if total > 0.0 { absolute.iter().map(|b| b / total).collect() } else { vec![0.0; n] };
    Ok(LeechBanzhaf { majors: major_idx, absolute, normalised })
}
