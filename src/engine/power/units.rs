//! Reduction of raw vote counts to integer weights at a chosen resolution.
//!
//! `resolution = R` means units of `1/R` of the total votes (`R = 10_000`:
//! units of 0.01%). Holder `i` with `v_i` of `T` votes gets the weight
//! `round(v_i·R/T)`, rounding half up (computed exactly in `u128` as
//! `⌊(2·v_i·R + T) / (2T)⌋`). Each weight is within half a unit of the exact
//! share, so the scaled total is within `n/2` units of `R`, and a coalition
//! `S` is within `|S|/2` units of its exact share. The quota is computed
//! from the scaled total by the same [`QuotaRule`] as for any [`Game`]
//! (e.g. "more than 1/2": `⌊T'/2⌋ + 1`; "at least 2/3": `⌈2T'/3⌉`).
//! Consequently a coalition's win/lose status can differ from the one on
//! raw votes only if its exact share is within `δ = (n/2 + F·n/2 + 1)/R` of
//! the quota fraction `F` (the coalition's rounding, the rounding of the
//! total times `F`, and the rounding of the quota to an integer). Refining
//! `R` shrinks that band, and each power index changes by at most the
//! index-weighted share of coalitions `S` (of the others) for which `S` or
//! `S ∪ {i}` lies inside it; for realistic registers this is 0 at
//! `R = 10^6` (see the oracle tests).

use super::error::PowerError;
use super::game::Game;
use crate::model::Quota;

/// Vote counts scaled to integer units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaledVotes {
    /// Weight of each holder in units of `1/resolution` of the total.
    pub weights: Vec<u64>,
    /// Sum of the scaled weights (within `n/2` of `resolution`).
    pub total_units: u64,
    /// The resolution used.
    pub resolution: u64,
}

/// Scales `votes` to weights in units of `1/resolution` of their total,
/// rounding each to the nearest unit (half up).
///
/// Errors when `resolution` is 0, the votes are all 0, or their total
/// overflows `u64`.
pub fn scale_votes(votes: &[u64], resolution: u64) -> Result<ScaledVotes, PowerError> {
    if resolution == 0 {
        return Err(PowerError::InvalidScaling(
            "resolution 0: choose the number of units in the total, e.g. 10000 for 0.01%".into(),
        ));
    }
    let total = votes.iter().try_fold(0u64, |acc, &v| acc.checked_add(v)).ok_or(PowerError::WeightOverflow)?;
    if total == 0 {
        return Err(PowerError::InvalidScaling(
            "all vote counts are 0: give at least one holder a positive count".into(),
        ));
    }
    let t = u128::from(total);
    let r = u128::from(resolution);
    let weights: Vec<u64> = votes
        .iter()
        .map(|&v| {
            let w = (2 * u128::from(v) * r + t) / (2 * t);
            u64::try_from(w).map_err(|_| PowerError::WeightOverflow)
        })
        .collect::<Result<_, _>>()?;
    let total_units = weights.iter().try_fold(0u64, |acc, &w| acc.checked_add(w)).ok_or(PowerError::WeightOverflow)?;
    Ok(ScaledVotes { weights, total_units, resolution })
}

impl ScaledVotes {
    /// The game on the scaled weights with a quota of the scaled total (e.g.
    /// [`Quota::MAJORITY`], [`Quota::TWO_THIRDS`]).
    pub fn game(&self, quota: Quota) -> Result<Game, PowerError> {
        Game::with_quota(self.weights.clone(), quota)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_nearest_half_up() {
        let s = scale_votes(&[1, 1, 1], 10).unwrap();
        // 10/3 = 3.33 -> 3 each
        assert_eq!(s.weights, vec![3, 3, 3]);
        let s = scale_votes(&[1, 3], 10).unwrap();
        // 2.5 -> 3 (half up), 7.5 -> 8
        assert_eq!(s.weights, vec![3, 8]);
        assert_eq!(s.total_units, 11);
        let s = scale_votes(&[9_999_999_999, 1], 10_000).unwrap();
        assert_eq!(s.weights, vec![10_000, 0]);
        assert!(scale_votes(&[0, 0], 10).is_err());
        assert!(scale_votes(&[1], 0).is_err());
        let g = scale_votes(&[40, 35, 25], 100).unwrap().game(Quota::TWO_THIRDS).unwrap();
        assert_eq!(g.quota(), 67);
    }
}
