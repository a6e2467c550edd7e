//! [`power_cost`]: the work each way of computing a game's indices would take, estimated from
//! the game alone, so the engine can choose before it starts.

use super::exact::{offset, size_rows};
use super::fast::shapley_shubik_f64_passes;
use super::game::Game;
use super::modular::Moduli;

/// The work one meeting's game may take, in table updates (tens of milliseconds): each float
/// model estimates the work of its methods before it starts and takes the exact one within
/// this budget, else the dynamic programme over vote units at a unit that fits it (up to eight
/// budgets at the coarsest unit), else refuses the game (`PowerError::TooManyMajors`).
pub const GAME_BUDGET: u128 = 12_000_000;

/// The work of each way of computing a game's indices, in table updates (an estimate of the
/// time they take, before they start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PowerCost {
    /// Exact swing counts ([`banzhaf_exact`]): `K·m·q` for `m` non-null players and `K` primes.
    pub banzhaf_exact: u128,
    /// Exact Shapley–Shubik ([`shapley_shubik_exact`]): `K·r²·q/2` with `r` the coalition sizes
    /// that can stay below the quota (at most `m + 1`).
    pub shapley_shubik_exact: u128,
    /// `f64` Banzhaf (`banzhaf_f64`): about `4·m·q`.
    pub banzhaf_f64: u128,
    /// `f64` Shapley–Shubik (`shapley_shubik_f64`): `p·m·L`, `L = max(q, T − q + 1)`, for its `p`
    /// passes over the tables (the quadrature nodes it keeps, at most `m/4 + 1`; 0 for a game
    /// small enough for exact counts).
    pub shapley_shubik_f64: u128,
}

/// The cost of each way of computing the indices of `game`, without computing them.
pub fn power_cost(game: &Game) -> PowerCost {
    let nonnull: Vec<u64> = game.weights().iter().copied().filter(|&w| w > 0).collect();
    let m = nonnull.len() as u128;
    let k = Moduli::count_for_bits(nonnull.len()) as u128;
    let q = u128::from(game.quota());
    let rows = size_rows(&nonnull, offset(game.quota())).len() as u128;
    let l = q.max(u128::from(game.total() - game.quota()) + 1);
    PowerCost {
        banzhaf_exact: k * m * q,
        shapley_shubik_exact: k * rows * rows * q / 2 + k * m * m,
        banzhaf_f64: 4 * m * q,
        shapley_shubik_f64: shapley_shubik_f64_passes(game) as u128 * m * l,
    }
}
