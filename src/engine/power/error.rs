//! The error type shared by every function of the power module.

use thiserror::Error;

/// Everything that can go wrong when building a game or computing power.
///
/// Every message says what was wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PowerError {
    /// A game needs at least one player.
    #[error("the game has no players: supply at least one weight")]
    NoPlayers,
    /// Every weight is 0: no coalition can reach any quota.
    #[error("every weight is 0, so no coalition can reach a quota: give at least one player a positive weight")]
    NoWeight,
    /// The quota is 0 or larger than the total weight.
    #[error(
        "quota {quota} is outside 1 to {total}, the total weight: choose a quota of at least 1 and at most the \
        total weight"
    )]
    QuotaOutOfRange {
        /// The quota that was asked for.
        quota: u128,
        /// The total weight of all players.
        total: u64,
    },
    /// The sum of the weights does not fit in a `u64`.
    #[error(
        "the weights add up to more than 18,446,744,073,709,551,615: give them in coarser units (for example \
        percentages instead of vote counts)"
    )]
    WeightOverflow,
    /// A quota fraction was malformed.
    #[error("quota fraction {numer}/{denom} is invalid: the denominator must be positive and the fraction at most 1")]
    InvalidFraction {
        /// Numerator of the fraction.
        numer: u64,
        /// Denominator of the fraction.
        denom: u64,
    },
    /// The dynamic-programming table would be too large.
    #[error(
        "the computation needs a table of {cells} cells, above the limit of {limit}: give the weights in \
        coarser units (for example percentages instead of vote counts) so that the quota is smaller"
    )]
    TableTooLarge {
        /// Cells that the table would need.
        cells: u128,
        /// The limit.
        limit: u128,
    },
    /// Too many majors for subset enumeration.
    #[error(
        "{majors} blockholders is more than the {max} whose power can be computed in reasonable time with this \
        model of the float: choose the float as an ocean, or count the smaller holders in the float"
    )]
    TooManyMajors {
        /// Number of majors given.
        majors: usize,
        /// The largest number supported.
        max: usize,
    },
    /// An oceanic game was malformed.
    #[error("invalid oceanic game: {0}")]
    InvalidOcean(String),
    /// A real-valued input was negative, NaN or infinite.
    #[error(
        "invalid input {what}: {value} is not a finite non-negative number; pass finite non-negative weights and quota"
    )]
    InvalidNumber {
        /// Which input was wrong.
        what: &'static str,
        /// Its value.
        value: f64,
    },
    /// The resolution for vote scaling was zero or the votes were all zero.
    #[error("cannot scale votes: {0}")]
    InvalidScaling(String),
    /// The float-holder construction was malformed.
    #[error("invalid float holders: {0}")]
    InvalidFloatHolders(String),
    /// An internal invariant failed; this is a bug.
    #[error("a power computation failed a consistency check ({0}); this is a bug in alliance-sim, please report it")]
    Internal(&'static str),
}
