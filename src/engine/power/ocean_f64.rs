//! Both oceanic indices in `f64` straight from vote counts ([`ocean_votes_f64`]): subsets of
//! the majors while their enumeration fits the work budget ([`ocean_enumerates`]), the dynamic
//! programme over vote units of `ocean_units.rs` above.

use super::cost::GAME_BUDGET;
use super::error::PowerError;
use super::game::quota_parts;
use super::ocean::{MAX_OCEAN_MAJORS, binom_f64, binom_tail};
use super::ocean_units::ocean_votes_units;
use super::ocean_votes::OceanVotesF64;
use crate::model::kinds::{Quota, QuotaRule};

/// Enumeration steps (a set of majors and a major outside it) worth one table update of the
/// programme: a step integrates a Beta density over an interval, `m` powers (measured: about
/// 800 ns a step against 5 ns an update, release build).
const STEP_COST: u128 = 150;

/// Whether a game of `m` majors is solved by enumerating the sets of majors (`m·2^(m−1)` steps
/// within the work budget: 13 majors at most), every pivot exact; above, by the programme.
pub fn ocean_enumerates(m: usize) -> bool {
    m <= MAX_OCEAN_MAJORS && ((m as u128) << m.saturating_sub(1)) * STEP_COST <= GAME_BUDGET
}

/// Milnor–Shapley and Dubey–Shapley for majors holding `major_votes` and an ocean holding
/// `ocean_votes`, and a quota (a fraction of the total).
///
/// Exact integer comparisons (`i128`) decide every pivot; only the Beta integrals of the
/// Shapley value are `f64`. Agrees with [`super::milnor_shapley`] and [`super::dubey_shapley`] on the same
/// game (tested). When the enumeration would not fit the work budget ([`ocean_enumerates`]) the
/// dynamic programme over vote units of [`super::ocean_votes_units`] takes over (tested against
/// this one on small games).
pub fn ocean_votes_f64(major_votes: &[u64], ocean_votes: u64, quota: Quota) -> Result<OceanVotesF64, PowerError> {
    let (numer, denom, rule) = quota_parts(quota)?;
    let m = major_votes.len();
    if !ocean_enumerates(m) {
        return ocean_votes_units(major_votes, ocean_votes, quota).map(|o| o.votes);
    }
    let total: u128 = major_votes.iter().map(|&v| u128::from(v)).sum::<u128>() + u128::from(ocean_votes);
    if total == 0 {
        return Err(PowerError::NoPlayers);
    }
    // A coalition of weight x wins when d·x ≥ n·T (or > for MoreThan).
    let (n, d, f) = (i128::from(numer), i128::from(denom), i128::from(ocean_votes));
    let target = n * total as i128;
    let wins = |twice_weight: i128| match rule {
        QuotaRule::AtLeast => d * twice_weight >= 2 * target,
        QuotaRule::MoreThan => d * twice_weight > 2 * target,
    };
    let mut shapley = vec![0.0; m];
    let mut swings = vec![0u64; m];
    for i in 0..m {
        let vi = i128::from(major_votes[i]);
        let others: Vec<i128> = (0..m).filter(|&j| j != i).map(|j| i128::from(major_votes[j])).collect();
        for mask in 0u32..(1u32 << others.len()) {
            let w: i128 = others.iter().enumerate().filter(|(k, _)| mask >> k & 1 == 1).map(|(_, v)| *v).sum();
            let size = mask.count_ones() as usize;
            // Dubey–Shapley: the ocean votes yes with half its weight.
            if wins(2 * (w + vi) + f) && !wins(2 * w + f) {
                swings[i] += 1;
            }
            shapley[i] += shapley_term(m, size, w, vi, f, target, d, &wins);
        }
    }
    let ocean_shapley = 1.0 - shapley.iter().sum::<f64>();
    let half = 2f64.powi(m.saturating_sub(1) as i32);
    let banzhaf_absolute: Vec<f64> = swings.iter().map(|&c| c as f64 / half).collect();
    let sum: u64 = swings.iter().sum();
    let banzhaf_normalised = (sum > 0).then(|| swings.iter().map(|&c| c as f64 / sum as f64).collect());
    let degenerate = ocean_votes > 0 && swings.iter().filter(|&&c| c > 0).count() == 1;
    Ok(OceanVotesF64 { shapley, ocean_shapley, banzhaf_absolute, banzhaf_normalised, degenerate })
}

/// The Milnor–Shapley contribution of one coalition S (weight `w`, `size` majors) to major
/// i of weight `vi`: ∫ t^s (1 − t)^(m−1−s) over the ocean yes-shares t at which i is pivotal.
#[allow(clippy::too_many_arguments)]
fn shapley_term(
    m: usize,
    size: usize,
    w: i128,
    vi: i128,
    f: i128,
    target: i128,
    d: i128,
    wins: &dyn Fn(i128) -> bool,
) -> f64 {
    let beta = 1.0 / (m as f64 * binom_f64(m - 1, size));
    if f == 0 {
        return if wins(2 * (w + vi)) && !wins(2 * w) { beta } else { 0.0 };
    }
    // i is pivotal while (target/d − w − vi)/f ≤ t < (target/d − w)/f.
    let lo = (target - d * (w + vi)) as f64 / (d * f) as f64;
    let hi = (target - d * w) as f64 / (d * f) as f64;
    let (lo, hi) = (lo.clamp(0.0, 1.0), hi.clamp(0.0, 1.0));
    if hi <= lo {
        return 0.0;
    }
    beta * (binom_tail(m, size + 1, hi) - binom_tail(m, size + 1, lo))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::power::ocean::{OceanGame, dubey_shapley, milnor_shapley};
    use num_traits::ToPrimitive;

    use crate::engine::power::checked_quota;
    use crate::engine::power::numeric::test_rng as next;

    #[test]
    fn the_vote_count_path_agrees_with_the_exact_one() {
        let mut seed = 0x5eed_u64;
        for _ in 0..400 {
            let m = (next(&mut seed) % 5) as usize;
            let majors: Vec<u64> = (0..m).map(|_| next(&mut seed) % 1_000_000_000).collect();
            let ocean = if next(&mut seed).is_multiple_of(7) { 0 } else { next(&mut seed) % 3_000_000_000 + 1 };
            let (rule, n, d) = if next(&mut seed).is_multiple_of(2) {
                (QuotaRule::MoreThan, 1, 2)
            } else {
                (QuotaRule::AtLeast, 2, 3)
            };
            let total: u64 = majors.iter().sum::<u64>() + ocean;
            if total == 0 {
                continue;
            }
            let Ok(game) = checked_quota(n, d, rule).and_then(|q| OceanGame::from_votes(&majors, total, q)) else {
                continue;
            };
            let (Ok(ss), Ok(bz), Ok(fast)) = (
                milnor_shapley(&game),
                dubey_shapley(&game),
                checked_quota(n, d, rule).and_then(|q| ocean_votes_f64(&majors, ocean, q)),
            ) else {
                panic!("both paths solve {majors:?} + {ocean}");
            };
            for i in 0..m {
                let exact = ss.majors[i].to_f64().unwrap_or(f64::NAN);
                assert!((fast.shapley[i] - exact).abs() < 1e-12, "{majors:?} {ocean}: {} vs {exact}", fast.shapley[i]);
                let abs = bz.absolute[i].to_f64().unwrap_or(f64::NAN);
                assert!((fast.banzhaf_absolute[i] - abs).abs() < 1e-15);
            }
            assert_eq!(fast.degenerate, bz.degenerate, "{majors:?} {ocean}");
            assert_eq!(fast.banzhaf_normalised.is_some(), bz.normalised.is_some());
        }
    }
}
