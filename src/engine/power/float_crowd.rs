//! The float as N equal holders, solved on the exact vote counts with `f64` sums: what the
//! engine uses for the `EqualHolders(N)` and `Leech(N)` float models.
//!
//! Every weight is scaled by N, so each float holder weighs exactly F (the float's votes) and
//! a major v·N; no rounding to units is needed. Which coalitions win is decided in exact
//! integers; for a set S of majors, the numbers k of float holders for which a player is
//! pivotal form an interval, so each index is a sum over the sets S of a law's weight over an
//! interval of k (`crowd_law.rs`: binomial, or Leech's normal approximation, for very large
//! registers; Banzhaf in log space, since with many holders the swing probabilities fall far
//! below the smallest `f64` while their ratios do not).
//!
//! The work is estimated before it starts ([`crowd_method`]): the `2^m` sets are enumerated
//! (`crowd_enumerate.rs`) while that is cheap, and above that the sets are counted by size and
//! weight in a dynamic programme over vote units (`crowd_units.rs`), which is polynomial in the
//! number of majors; beyond what that programme does within its budget the game is refused
//! with [`PowerError::TooManyMajors`].

use super::crowd_enumerate::enumerate;
use super::crowd_law::{CrowdLaw, CrowdPower, FloatCrowd, Threshold};
use super::crowd_units::{BUDGET, CrowdGame, crowd_units, max_affordable_majors, units_cost};
use super::error::PowerError;
use super::game::quota_parts;
use crate::model::kinds::Quota;

/// The most float holders accepted.
pub const MAX_CROWD: u64 = 1_000_000;

/// Steps of the enumeration (a set of majors and a player outside it) worth one table update
/// of the programme: an enumeration step finds two pivots, adds a log-probability and looks up
/// a Shapley–Shubik prefix, a table update is a modular addition. Measured with
/// `cargo bench --bench power -- crowd`: 13 majors enumerated take about as long as 16 by the
/// programme, so the enumeration stops at 13, as the ocean's.
const STEP_COST: u128 = 150;

/// How a game with the float as N equal holders is solved, chosen from its number of majors
/// before any work starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrowdMethod {
    /// Every set of majors enumerated: `m·2^(m−1)` steps, every pivot exact.
    Enumerate,
    /// The majors' coalitions counted by size and weight over vote units: about `K·m²·L`
    /// table updates within a fixed budget.
    Units,
    /// Too many majors for either within the budget: the game is refused.
    TooMany {
        /// The most majors the programme solves.
        max: usize,
    },
}

/// The method for a game of `m` majors: enumeration while `m·2^(m−1)` steps fit the budget,
/// else the dynamic programme while it fits eight budgets at its coarsest unit.
pub fn crowd_method(m: usize) -> CrowdMethod {
    let steps = if m >= 64 { u128::MAX } else { (m as u128) << m.saturating_sub(1) };
    if steps.saturating_mul(STEP_COST) <= BUDGET {
        CrowdMethod::Enumerate
    } else if units_cost(m) <= BUDGET * 8 {
        CrowdMethod::Units
    } else {
        CrowdMethod::TooMany { max: max_affordable_majors() }
    }
}

/// Indices with the float split among `holders` equal holders, under a quota of all votes.
pub fn equal_holders_f64(
    major_votes: &[u64],
    float_votes: u64,
    holders: u64,
    quota: Quota,
    crowd: FloatCrowd,
) -> Result<CrowdPower, PowerError> {
    check_crowd(holders, float_votes)?;
    quota_parts(quota)?;
    let law = CrowdLaw::new(holders as usize, crowd);
    equal_holders_with_law(major_votes, float_votes, quota, &law)
}

/// [`equal_holders_f64`] with the law of the float's holders built once for many games (it
/// costs O(N)).
pub fn equal_holders_with_law(
    major_votes: &[u64],
    float_votes: u64,
    quota: Quota,
    law: &CrowdLaw,
) -> Result<CrowdPower, PowerError> {
    let holders = law.holders() as u64;
    check_crowd(holders, float_votes)?;
    let (numer, denom, rule) = quota_parts(quota)?;
    let m = major_votes.len();
    let game = CrowdGame { numer, denom, rule, float: float_votes };
    match crowd_method(m) {
        CrowdMethod::Enumerate => {
            let scale = i128::from(holders);
            let total = (major_votes.iter().map(|&v| i128::from(v)).sum::<i128>() + i128::from(float_votes)) * scale;
            let threshold =
                Threshold { target: i128::from(numer) * total, d: i128::from(denom), f: i128::from(float_votes), rule };
            let weights: Vec<i128> = major_votes.iter().map(|&v| i128::from(v) * scale).collect();
            Ok(enumerate(&weights, &threshold, law))
        }
        CrowdMethod::Units => crowd_units(major_votes, game, law),
        CrowdMethod::TooMany { max } => Err(PowerError::TooManyMajors { majors: m, max }),
    }
}

/// Between 1 and [`MAX_CROWD`] holders of a positive float.
fn check_crowd(holders: u64, float_votes: u64) -> Result<(), PowerError> {
    if holders == 0 || holders > MAX_CROWD || float_votes == 0 {
        return Err(PowerError::InvalidFloatHolders(format!(
            "{holders} holders of {float_votes} votes: give between 1 and {MAX_CROWD} holders of a positive float"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use num_traits::ToPrimitive;

    use super::*;
    use crate::engine::power::checked_quota;
    use crate::engine::power::oracles::FloatHolders;
    use crate::model::kinds::QuotaRule;

    use crate::engine::power::numeric::test_rng as next;

    #[test]
    fn agrees_with_the_exact_closed_forms() {
        let mut seed = 0xfeed_u64;
        for _ in 0..150 {
            let m = (next(&mut seed) % 4) as usize;
            let majors: Vec<u64> = (0..m).map(|_| next(&mut seed) % 40 + 1).collect();
            let float = next(&mut seed) % 60 + 1;
            let holders = next(&mut seed) % 12 + 1;
            let (rule, q, d) = if next(&mut seed).is_multiple_of(2) {
                (QuotaRule::MoreThan, 1, 2)
            } else {
                (QuotaRule::AtLeast, 2, 3)
            };
            let Ok(fh) = checked_quota(q, d, rule).and_then(|q| FloatHolders::new(majors.clone(), float, holders, q))
            else {
                continue;
            };
            let (Ok(ss), Ok(bz)) = (fh.shapley_shubik_exact(), fh.banzhaf_exact()) else { continue };
            let fast = checked_quota(q, d, rule)
                .and_then(|q| equal_holders_f64(&majors, float, holders, q, FloatCrowd::Binomial))
                .map_err(|e| e.to_string());
            let Ok(fast) = fast else { panic!("{fast:?}") };
            for i in 0..m {
                let want = ss.majors[i].to_f64().unwrap_or(f64::NAN);
                assert!(
                    (fast.majors_shapley[i] - want).abs() < 1e-12,
                    "{majors:?}+{float}/{holders}: SS {} vs {want}",
                    fast.majors_shapley[i]
                );
                let want = bz.majors_normalised[i].to_f64().unwrap_or(f64::NAN);
                assert!(
                    (fast.majors_banzhaf[i] - want).abs() < 1e-12,
                    "{majors:?}+{float}/{holders}: BZ {} vs {want}",
                    fast.majors_banzhaf[i]
                );
            }
            let want = bz.float_normalised.to_f64().unwrap_or(f64::NAN);
            assert!((fast.float_banzhaf - want).abs() < 1e-12);
            let want = ss.float_total.to_f64().unwrap_or(f64::NAN);
            assert!((fast.float_shapley - want).abs() < 1e-12);
        }
    }

    #[test]
    fn the_normal_approximation_is_close_for_a_large_crowd() {
        let exact = equal_holders_f64(&[350, 200], 450, 4000, Quota::MAJORITY, FloatCrowd::Binomial);
        let leech = equal_holders_f64(&[350, 200], 450, 4000, Quota::MAJORITY, FloatCrowd::Normal);
        let (Ok(exact), Ok(leech)) = (exact, leech) else { panic!("both solve") };
        for (a, b) in exact.majors_banzhaf.iter().zip(&leech.majors_banzhaf) {
            assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        }
    }

    /// Both ways of one game, by the enumeration and by the programme.
    fn both_ways(majors: &[u64], float: u64, quota: Quota, law: &CrowdLaw) -> (CrowdPower, CrowdPower) {
        let (numer, denom, rule) = quota_parts(quota).unwrap();
        let game = CrowdGame { numer, denom, rule, float };
        let n = law.holders() as i128;
        let total = (majors.iter().sum::<u64>() + float) as i128 * n;
        let threshold = Threshold { target: numer as i128 * total, d: denom as i128, f: float as i128, rule };
        let weights: Vec<i128> = majors.iter().map(|&v| v as i128 * n).collect();
        (enumerate(&weights, &threshold, law), crowd_units(majors, game, law).unwrap())
    }

    fn assert_close(a: &CrowdPower, b: &CrowdPower, tolerance: f64, what: &str) {
        let pairs =
            a.majors_shapley.iter().zip(&b.majors_shapley).chain(a.majors_banzhaf.iter().zip(&b.majors_banzhaf));
        for (x, y) in pairs.chain([(&a.float_shapley, &b.float_shapley), (&a.float_banzhaf, &b.float_banzhaf)]) {
            assert!((x - y).abs() < tolerance, "{what}: {x} vs {y}\n{a:?}\n{b:?}");
        }
    }

    #[test]
    fn the_programme_agrees_with_the_enumeration_on_exact_weights() {
        let mut seed = 0xc0de_u64;
        for case in 0..120 {
            let m = 1 + (next(&mut seed) % 9) as usize;
            let unit = next(&mut seed) % 1_000 + 1;
            let majors: Vec<u64> = (0..m).map(|_| (next(&mut seed) % 300 + 1) * unit).collect();
            let float = next(&mut seed) % 5_000 + 1;
            let holders = [1, 2, 7, 150, 4_000][case % 5];
            let crowd = if case % 3 == 0 { FloatCrowd::Normal } else { FloatCrowd::Binomial };
            let quota = if case % 2 == 0 { Quota::MAJORITY } else { Quota::TWO_THIRDS };
            let law = CrowdLaw::new(holders, crowd);
            let (a, b) = both_ways(&majors, float, quota, &law);
            assert_close(&a, &b, 1e-12, &format!("{majors:?} + {float} / {holders} {crowd:?}"));
        }
    }

    #[test]
    fn the_programme_on_rounded_units_stays_close_to_the_enumeration() {
        // Vote counts with no common divisor, too many units for exact weights: rounded to 1/R.
        let mut seed = 0xfade_u64;
        for case in 0..12 {
            let m = 8 + (next(&mut seed) % 4) as usize;
            let majors: Vec<u64> = (0..m).map(|_| next(&mut seed) % 30_000_000 + 10_000_000).collect();
            let float = next(&mut seed) % 400_000_000 + 100_000_000;
            let quota = if case % 2 == 0 { Quota::MAJORITY } else { Quota::TWO_THIRDS };
            let law = CrowdLaw::new(1_000, FloatCrowd::Binomial);
            let (a, b) = both_ways(&majors, float, quota, &law);
            assert_close(&a, &b, 2e-3, &format!("{majors:?} + {float}"));
        }
    }

    #[test]
    fn the_method_follows_the_work() {
        assert_eq!(crowd_method(1), CrowdMethod::Enumerate);
        assert_eq!(crowd_method(12), CrowdMethod::Enumerate);
        assert_eq!(crowd_method(20), CrowdMethod::Units);
        assert_eq!(crowd_method(100), CrowdMethod::Units);
        assert!(matches!(crowd_method(1_000), CrowdMethod::TooMany { max } if (100..1_000).contains(&max)));
    }
}
