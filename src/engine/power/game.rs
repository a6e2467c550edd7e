//! The finite weighted majority game `[q; w1, ..., wn]` on `u64` weights.

use super::error::PowerError;
use crate::model::kinds::{Quota, QuotaRule};

/// Largest number of table cells any algorithm of this module allocates.
///
/// The dynamic programmes use tables indexed by weight below the quota (and
/// by coalition size for Shapley–Shubik); a game needing more cells is
/// rejected with [`PowerError::TableTooLarge`] instead of exhausting memory.
pub const MAX_TABLE_CELLS: u128 = 200_000_000;

/// The parts of a quota for the inner loops: numerator, denominator and rule. Errors when the
/// fraction exceeds 1 (no coalition could ever meet it).
pub(crate) fn quota_parts(quota: Quota) -> Result<(u64, u64, QuotaRule), PowerError> {
    let (numer, denom) = (quota.numer(), quota.denom());
    if numer > denom {
        return Err(PowerError::InvalidFraction { numer, denom });
    }
    Ok((numer, denom, quota.rule()))
}

/// The quota `numer/denom` read by `rule`, checked for the power functions: errors when `denom`
/// is 0 or the fraction exceeds 1.
pub fn checked_quota(numer: u64, denom: u64, rule: QuotaRule) -> Result<Quota, PowerError> {
    match Quota::new(numer, denom, rule) {
        Some(q) if numer <= denom => Ok(q),
        _ => Err(PowerError::InvalidFraction { numer, denom }),
    }
}

/// A weighted majority game: non-negative integer weights and a quota.
///
/// A coalition wins when its total weight is at least [`Game::quota`].
/// Invariants: at least one player, `1 <= quota <= total`, total fits `u64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Game {
    weights: Vec<u64>,
    quota: u64,
    total: u64,
}

impl Game {
    /// The game in which a coalition wins when its weight is at least `quota`.
    pub fn new(weights: Vec<u64>, quota: u64) -> Result<Self, PowerError> {
        let total = total_weight(&weights)?;
        Self::checked(weights, u128::from(quota), total)
    }

    /// The game whose quota is a fraction of the total weight.
    ///
    /// `Game::with_quota(w, Quota::MAJORITY)` is the strict majority `floor(T/2) + 1`;
    /// `Quota::TWO_THIRDS` is `ceil(2T/3)`.
    pub fn with_quota(weights: Vec<u64>, quota: Quota) -> Result<Self, PowerError> {
        let total = total_weight(&weights)?;
        quota_parts(quota)?;
        Self::checked(weights, quota.integer(total), total)
    }

    fn checked(weights: Vec<u64>, quota: u128, total: u64) -> Result<Self, PowerError> {
        if weights.is_empty() {
            return Err(PowerError::NoPlayers);
        }
        if total == 0 {
            return Err(PowerError::NoWeight);
        }
        if quota == 0 || quota > u128::from(total) {
            return Err(PowerError::QuotaOutOfRange { quota, total });
        }
        let quota = u64::try_from(quota).map_err(|_| PowerError::Internal("quota above total"))?;
        Ok(Game { weights, quota, total })
    }

    /// The players' weights, in the order given.
    pub fn weights(&self) -> &[u64] {
        &self.weights
    }

    /// The quota: a coalition wins when its weight is at least this.
    pub fn quota(&self) -> u64 {
        self.quota
    }

    /// The total weight of all players.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The number of players.
    pub fn n(&self) -> usize {
        self.weights.len()
    }

    /// Whether a coalition of total weight `weight` wins.
    pub fn is_winning(&self, weight: u64) -> bool {
        weight >= self.quota
    }

    /// The quota as a table length, checked against [`MAX_TABLE_CELLS`]
    /// after multiplying by `rows`.
    pub(crate) fn table_len(&self, rows: usize) -> Result<usize, PowerError> {
        let cells = u128::from(self.quota) * (rows.max(1) as u128);
        if cells > MAX_TABLE_CELLS {
            return Err(PowerError::TableTooLarge { cells, limit: MAX_TABLE_CELLS });
        }
        usize::try_from(self.quota).map_err(|_| PowerError::TableTooLarge { cells, limit: MAX_TABLE_CELLS })
    }
}

fn total_weight(weights: &[u64]) -> Result<u64, PowerError> {
    weights.iter().try_fold(0u64, |acc, &w| acc.checked_add(w)).ok_or(PowerError::WeightOverflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_majority_is_floor_half_plus_one() {
        let g = Game::with_quota(vec![3, 4], Quota::MAJORITY).unwrap();
        assert_eq!(g.quota(), 4);
        let g = Game::with_quota(vec![3, 5], Quota::MAJORITY).unwrap();
        assert_eq!(g.quota(), 5);
        let g = checked_quota(1, 2, QuotaRule::AtLeast).and_then(|q| Game::with_quota(vec![3, 5], q)).unwrap();
        assert_eq!(g.quota(), 4);
        let g = checked_quota(2, 3, QuotaRule::AtLeast).and_then(|q| Game::with_quota(vec![10, 0], q)).unwrap();
        assert_eq!(g.quota(), 7);
    }

    #[test]
    fn rejects_bad_quotas() {
        assert!(matches!(Game::new(vec![1, 2], 0), Err(PowerError::QuotaOutOfRange { .. })));
        assert!(matches!(Game::new(vec![0, 0], 1), Err(PowerError::NoWeight)));
        assert!(matches!(Game::new(vec![1, 2], 4), Err(PowerError::QuotaOutOfRange { .. })));
        assert!(matches!(
            checked_quota(1, 1, QuotaRule::MoreThan).and_then(|q| Game::with_quota(vec![1, 2], q)),
            Err(PowerError::QuotaOutOfRange { .. })
        ));
        assert!(matches!(
            checked_quota(0, 1, QuotaRule::AtLeast).and_then(|q| Game::with_quota(vec![1, 2], q)),
            Err(PowerError::QuotaOutOfRange { .. })
        ));
        assert!(matches!(
            checked_quota(1, 0, QuotaRule::AtLeast).and_then(|q| Game::with_quota(vec![1, 2], q)),
            Err(PowerError::InvalidFraction { .. })
        ));
        assert!(matches!(Game::new(vec![], 1), Err(PowerError::NoPlayers)));
        assert!(matches!(Game::new(vec![u64::MAX, 1], 1), Err(PowerError::WeightOverflow)));
    }
}
