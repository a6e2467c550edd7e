//! The finite weighted majority game `[q; w1, ..., wn]` on `u64` weights.

use super::error::PowerError;

/// Largest number of table cells any algorithm of this module allocates.
///
/// The dynamic programmes use tables indexed by weight below the quota (and
/// by coalition size for Shapley–Shubik); a game needing more cells is
/// rejected with [`PowerError::TableTooLarge`] instead of exhausting memory.
pub const MAX_TABLE_CELLS: u128 = 200_000_000;

/// How a quota given as a fraction `F` of the total weight `T` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotaRule {
    /// A coalition wins when its weight is at least `F·T`: `q = ceil(F·T)`.
    AtLeast,
    /// A coalition wins when its weight is more than `F·T`:
    /// `q = floor(F·T) + 1` (for `F = 1/2` this is the strict majority).
    MoreThan,
}

impl QuotaRule {
    /// The integer quota of this rule for the fraction `numer/denom` of `total`.
    ///
    /// Errors when `denom` is 0 or the fraction exceeds 1; the result may be
    /// 0 or exceed `total` (checked by [`Game::new`]).
    pub fn integer_quota(self, total: u64, numer: u64, denom: u64) -> Result<u128, PowerError> {
        if denom == 0 || numer > denom {
            return Err(PowerError::InvalidFraction { numer, denom });
        }
        let prod = u128::from(total) * u128::from(numer);
        let d = u128::from(denom);
        Ok(match self {
            QuotaRule::AtLeast => prod.div_ceil(d),
            QuotaRule::MoreThan => prod / d + 1,
        })
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

    /// The game whose quota is the fraction `numer/denom` of the total weight,
    /// read by `rule` ("at least" or "more than" that fraction).
    ///
    /// `Game::with_fraction(w, 1, 2, QuotaRule::MoreThan)` is the strict
    /// majority `floor(T/2) + 1`; `(2, 3, AtLeast)` is `ceil(2T/3)`.
    pub fn with_fraction(weights: Vec<u64>, numer: u64, denom: u64, rule: QuotaRule) -> Result<Self, PowerError> {
        let total = total_weight(&weights)?;
        let quota = rule.integer_quota(total, numer, denom)?;
        Self::checked(weights, quota, total)
    }

    fn checked(weights: Vec<u64>, quota: u128, total: u64) -> Result<Self, PowerError> {
        if weights.is_empty() {
            return Err(PowerError::NoPlayers);
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
        let g = Game::with_fraction(vec![3, 4], 1, 2, QuotaRule::MoreThan).unwrap();
        assert_eq!(g.quota(), 4);
        let g = Game::with_fraction(vec![3, 5], 1, 2, QuotaRule::MoreThan).unwrap();
        assert_eq!(g.quota(), 5);
        let g = Game::with_fraction(vec![3, 5], 1, 2, QuotaRule::AtLeast).unwrap();
        assert_eq!(g.quota(), 4);
        let g = Game::with_fraction(vec![10, 0], 2, 3, QuotaRule::AtLeast).unwrap();
        assert_eq!(g.quota(), 7);
    }

    #[test]
    fn rejects_bad_quotas() {
        assert!(matches!(Game::new(vec![1, 2], 0), Err(PowerError::QuotaOutOfRange { .. })));
        assert!(matches!(Game::new(vec![1, 2], 4), Err(PowerError::QuotaOutOfRange { .. })));
        assert!(matches!(
            Game::with_fraction(vec![1, 2], 1, 1, QuotaRule::MoreThan),
            Err(PowerError::QuotaOutOfRange { .. })
        ));
        assert!(matches!(
            Game::with_fraction(vec![1, 2], 0, 1, QuotaRule::AtLeast),
            Err(PowerError::QuotaOutOfRange { .. })
        ));
        assert!(matches!(
            Game::with_fraction(vec![1, 2], 1, 0, QuotaRule::AtLeast),
            Err(PowerError::InvalidFraction { .. })
        ));
        assert!(matches!(Game::new(vec![], 1), Err(PowerError::NoPlayers)));
        assert!(matches!(Game::new(vec![u64::MAX, 1], 1), Err(PowerError::WeightOverflow)));
    }
}
