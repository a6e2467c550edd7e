//! [`IndirectError`]: what prevents the indirect indices of a network from being computed.

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndirectError {
    /// Two meetings of the same company.
    #[error("the same company appears twice among the meetings: give each company's meeting once")]
    DuplicateCompany,
    /// The holders and the float have more votes in play than the total.
    #[error(
        "at {company}'s meeting the holders and the float have more votes in play than the total: the total \
        must include every vote in play"
    )]
    VotesAboveTotal {
        /// The company.
        company: String,
    },
    /// Vote counts too large for exact times.
    #[error(
        "at {company}'s meeting the votes in play times the quota's denominator exceed 2^62, too large for \
        exact times: use a quota with a smaller denominator"
    )]
    TooManyVotes {
        /// The company.
        company: String,
    },
    /// A quota that is not a fraction between 0 and 1.
    #[error(
        "the quota {numer}/{denom} is not a fraction between 0 and 1: give a positive denominator and numerator \
        at most the denominator"
    )]
    InvalidQuota {
        /// Numerator.
        numer: u64,
        /// Denominator.
        denom: u64,
    },
    /// A meeting has no game of the kind asked for.
    #[error(
        "a meeting has no game of the {kind} resolutions: every company's meeting plays every kind of the scenario"
    )]
    KindMissing {
        /// The kind's id.
        kind: String,
    },
    /// Too many players for exact fractions.
    #[error("{players} atomic players are too many for exact fractions (at most {max})")]
    TooManyForFractions {
        /// Atomic players in the network.
        players: usize,
        /// The limit.
        max: usize,
    },
}
