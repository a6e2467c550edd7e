//! What a `power` solve will cost, estimated before it starts: which method each index uses,
//! and a note on standard error, with faster alternatives, when it will take long.

use alliance_sim::engine::power::{Game, PowerCost, power_cost};

use super::args::PowerArgs;
use super::output::Method;
use crate::cli::output::seconds_text;

/// Above this many table updates an index is not counted exactly but computed on its `f64`
/// path (a few seconds of work on one core; the JSON's `method` says which was used).
pub(super) const EXACT_UPDATES: u128 = 3_000_000_000;

/// Seconds per table update of each path ([`PowerCost`]) and per step of a Monte Carlo
/// ordering: the warning's estimate. Calibrated on 2026-12-01 by timing the release
/// `alliance-sim power --format json` (whole process) on games of 300 to 5,000 players with
/// weights 1–60 and a majority quota, against the estimate the warning printed. CPU time (user
/// and system) was used, because the shared 2-core machine's load made wall time 2–3× longer.
/// The previous single constants were scaled by the measured ratio: exact Banzhaf × 0.56
/// (1,500 and 2,000 players), exact Shapley–Shubik × 1.4 (300–380 players), `f64` Banzhaf
/// × 0.12 (3,000–5,000 players), Monte Carlo × 0.78 (1,000–5,000 players, 100,000
/// orderings). The `f64` Shapley–Shubik cost now counts the quadrature passes it makes; with
/// it the old constant held (0.53–0.75 ns per update from 1,000 to 5,000 players). That path
/// runs on up to 4 threads, so on an idle machine with more cores it ends sooner than
/// announced.
pub(super) const SECONDS_PER_EXACT_BANZHAF_UPDATE: f64 = 0.68e-9;
pub(super) const SECONDS_PER_EXACT_SHAPLEY_SHUBIK_UPDATE: f64 = 1.7e-9;
pub(super) const SECONDS_PER_F64_BANZHAF_UPDATE: f64 = 0.07e-9;
pub(super) const SECONDS_PER_F64_SHAPLEY_SHUBIK_UPDATE: f64 = 0.6e-9;
pub(super) const SECONDS_PER_ORDERING_STEP: f64 = 3.1e-9;

/// A request estimated to take longer than this is announced on standard error before it
/// starts, with the faster alternatives.
pub(super) const LONG_REQUEST_SECONDS: f64 = 2.0;

/// The most random orderings `--monte-carlo` takes: a billion already gives each value to within
/// about ±0.00006 (four standard errors), and more would run for hours or, near 2⁶⁴, for ever.
pub(super) const MAX_ORDERINGS: u64 = 1_000_000_000;

/// What the finite game's solve will compute, decided from its cost before it starts.
pub(super) struct Plan {
    /// How Banzhaf is computed.
    pub(super) banzhaf: Method,
    /// How Shapley–Shubik is computed.
    pub(super) shapley_shubik: Method,
    /// What each path costs, in table updates.
    pub(super) cost: PowerCost,
}

impl Plan {
    /// The plan for `game`: exact where the count is small enough, else the fast path.
    pub(super) fn of(game: &Game, a: &PowerArgs) -> Plan {
        let cost = power_cost(game);
        let banzhaf = if cost.banzhaf_exact <= EXACT_UPDATES { Method::Exact } else { Method::F64 };
        let shapley_shubik = if a.banzhaf_only {
            Method::Skipped
        } else if a.monte_carlo.is_some() {
            Method::MonteCarlo
        } else if cost.shapley_shubik_exact <= EXACT_UPDATES {
            Method::Exact
        } else {
            Method::F64
        };
        Plan { banzhaf, shapley_shubik, cost }
    }

    /// Estimated seconds of the Banzhaf solve.
    fn banzhaf_seconds(&self) -> f64 {
        match self.banzhaf {
            Method::Exact => self.cost.banzhaf_exact as f64 * SECONDS_PER_EXACT_BANZHAF_UPDATE,
            _ => self.cost.banzhaf_f64 as f64 * SECONDS_PER_F64_BANZHAF_UPDATE,
        }
    }

    /// Estimated seconds of the Shapley–Shubik solve.
    fn shapley_shubik_seconds(&self, game: &Game, a: &PowerArgs) -> f64 {
        match self.shapley_shubik {
            Method::Exact => self.cost.shapley_shubik_exact as f64 * SECONDS_PER_EXACT_SHAPLEY_SHUBIK_UPDATE,
            Method::F64 => self.cost.shapley_shubik_f64 as f64 * SECONDS_PER_F64_SHAPLEY_SHUBIK_UPDATE,
            Method::MonteCarlo => monte_carlo_seconds(game, a.monte_carlo.unwrap_or(0)),
            Method::Skipped => 0.0,
        }
    }

    /// Says on standard error, before the work starts, when it will take long, and what is faster.
    pub(super) fn warn_if_long(&self, game: &Game, a: &PowerArgs) {
        if let Some(note) = self.long_request_note(game, a) {
            crate::cli::print_err(&note);
        }
    }

    /// The note of [`Plan::warn_if_long`]: `None` when the estimate is under
    /// [`LONG_REQUEST_SECONDS`].
    pub(super) fn long_request_note(&self, game: &Game, a: &PowerArgs) -> Option<String> {
        let bz = self.banzhaf_seconds();
        let ss = self.shapley_shubik_seconds(game, a);
        if bz + ss < LONG_REQUEST_SECONDS {
            return None;
        }
        let mut faster = Vec::new();
        if self.shapley_shubik != Method::Skipped && ss > bz {
            faster.push(format!("--banzhaf-only (Banzhaf alone, about {})", seconds_text(bz)));
        }
        if matches!(self.shapley_shubik, Method::Exact | Method::F64) {
            let orderings = 100_000;
            faster.push(format!(
                "--monte-carlo {orderings} (Shapley–Shubik estimated from {orderings} random orderings, each value \
                 with its standard error, about {})",
                seconds_text(bz + monte_carlo_seconds(game, orderings))
            ));
        }
        let alternatives = if faster.is_empty() {
            "Give the weights in coarser units to make the quota smaller.".to_string()
        } else {
            format!("Faster: {}.", faster.join("; or "))
        };
        Some(format!(
            "note: {} players with a quota of {}: this will take about {} (an estimate; Shapley–Shubik costs \
             players² × quota). {alternatives}",
            game.n(),
            game.quota(),
            seconds_text(bz + ss)
        ))
    }
}

/// Refuses more random orderings than [`MAX_ORDERINGS`], saying how long they would take.
pub(super) fn refuse_too_many_orderings(game: &Game, orderings: u64) -> anyhow::Result<()> {
    if orderings <= MAX_ORDERINGS {
        return Ok(());
    }
    anyhow::bail!(
        "--monte-carlo {}: at most {} random orderings are drawn (these would take about {}); \
         100,000 already give each value with a standard error below 0.002",
        alliance_sim::model::thousands(orderings),
        alliance_sim::model::thousands(MAX_ORDERINGS),
        seconds_text(monte_carlo_seconds(game, orderings))
    )
}

/// Estimated seconds of `orderings` Monte Carlo orderings.
fn monte_carlo_seconds(game: &Game, orderings: u64) -> f64 {
    orderings as f64 * game.n() as f64 * SECONDS_PER_ORDERING_STEP
}
