//! Voting power in weighted majority games and their oceanic limits.
//!
//! Notation: `[q; w1, ..., wn]` is the weighted majority game in which a
//! coalition wins when its total weight is at least `q`.
//!
//! Files of this module:
//! - `error.rs`: [`PowerError`], the single error type of the module.
//! - `game.rs`: [`Game`], a finite game on `u64` weights with an integer quota, and
//!   [`checked_quota`]. Quotas are the scenario's own [`Quota`] (a fraction with "more than" or
//!   "at least", [`QuotaRule`]), re-exported here: one quota type from file to power index.
//! - `exact.rs`: exact swing counts, Banzhaf and Shapley–Shubik indices as
//!   `BigUint` / `BigRational`, by generating functions with exact integer
//!   deconvolution.
//! - `fast.rs`: the same indices as `f64`, computed with forward convolutions
//!   only (prefix/suffix tables with checkpoints, Gauss–Legendre quadrature
//!   for Shapley–Shubik), for large games; `swing_tables.rs` holds those tables.
//! - `cost.rs`: [`power_cost`], the work of each way before it starts.
//! - `ocean.rs`: the float as an "ocean" of infinitesimal holders:
//!   Milnor–Shapley (Shapley–Shubik) and Dubey–Shapley (Banzhaf).
//! - `ocean_f64.rs`: both oceanic indices in `f64` straight from vote counts, by subsets of the
//!   majors while that fits [`GAME_BUDGET`] (and by `ocean_units.rs` above); `ocean_votes.rs`
//!   holds their result, [`OceanVotesF64`].
//! - `ocean_units.rs`: the same oceanic indices for any number of majors, by a dynamic
//!   programme over vote units with exact counts (what the engine uses above 20 majors).
//! - `float_holders.rs`: the float as `N` equal holders, either as a finite
//!   [`Game`] or by a closed-form sum that is fast for large `N`.
//! - `float_crowd.rs`: the float as N equal holders on exact vote counts, with `f64`
//!   binomial (or normal) sums, fast for any N: what the engine uses. It chooses by the work
//!   ahead between `crowd_enumerate.rs` (every set of majors) and `crowd_units.rs` (a dynamic
//!   programme over vote units); `crowd_law.rs` holds the laws both sum.
//! - `leech.rs`: Leech's normal approximation of Banzhaf power for a large
//!   register (majors enumerated, small holders as a normal variable).
//! - `modular.rs`: exact counting modulo several primes below `2^62`, rebuilt by the
//!   Chinese remainder theorem (Garner), so no big integer enters an inner loop.
//! - `units.rs`: reduction of raw vote counts to integer weights at a given
//!   resolution, with the quota scaled consistently.
//! - `monte_carlo.rs`: Shapley–Shubik estimated from random orderings, with standard errors,
//!   for games too large to count.
//! - `numeric.rs`: small shared helpers (rational to `f64`, Gauss–Legendre
//!   nodes, binomial and factorial tables).

mod cost;
mod crowd_enumerate;
mod crowd_law;
mod crowd_units;
mod error;
mod exact;
mod fast;
mod float_crowd;
mod float_holders;
mod game;
mod leech;
mod modular;
mod monte_carlo;
mod numeric;
mod ocean;
mod ocean_f64;
mod ocean_units;
mod ocean_votes;
mod swing_tables;
mod units;

pub use self::cost::{GAME_BUDGET, PowerCost, power_cost};
pub use self::crowd_law::{CrowdLaw, CrowdPower, FloatCrowd};
pub use self::error::PowerError;
pub use self::exact::{ExactBanzhaf, banzhaf_exact, banzhaf_swings, shapley_shubik_exact};
pub use self::fast::{FloatBanzhaf, banzhaf_f64, shapley_shubik_f64};
pub use self::float_crowd::{CrowdMethod, MAX_CROWD, crowd_method, equal_holders_f64, equal_holders_with_law};
pub use self::game::{Game, MAX_TABLE_CELLS, checked_quota};
pub use self::monte_carlo::{MonteCarloShapley, shapley_shubik_monte_carlo};
pub use self::numeric::ratio_to_f64;
pub use self::ocean::{
    MAX_OCEAN_MAJORS, OceanBanzhaf, OceanBanzhafF64, OceanGame, OceanShapley, OceanShapleyF64, dubey_shapley,
    dubey_shapley_f64, milnor_shapley, milnor_shapley_f64,
};
pub use self::ocean_f64::{ocean_enumerates, ocean_votes_f64};
pub use self::ocean_units::{OceanUnits, ocean_votes_units};
pub use self::ocean_votes::OceanVotesF64;
pub use self::units::{ScaledVotes, scale_votes};
pub use crate::model::kinds::{Quota, QuotaRule};

/// Test oracles: independent computations that check the live path and that the engine does
/// not run (the float as `N` equal holders in exact closed forms, and Leech's approximation
/// with its majors enumerated). The engine's float models are [`ocean_votes_f64`] and
/// [`equal_holders_f64`].
pub mod oracles {
    pub use super::float_holders::{FloatHolders, FloatHoldersBanzhaf, FloatHoldersShapley};
    pub use super::leech::{LeechBanzhaf, MAX_LEECH_MAJORS, leech_banzhaf};
}
