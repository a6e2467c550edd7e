//! Indirect voting power of the ultimate holders through the network of meetings.
//!
//! At company j's meeting each holder i has votes in play v(i, j) (after the rules, caps and
//! neutral votes), the float casts f(j) votes and T(j) votes are in play. The ultimate players
//! are the atomic players A (holders that are not companies with a meeting: investors, and
//! trusts or others when their votes are in play), m of them, plus every company's float as an
//! ocean. For a coalition S ⊆ A and a float yes-fraction t (the same for every float), the
//! companies controlled C(S, t) are the least fixed point of
//! `C ← { k : Σ_{i∈S} v(i,k) + Σ_{c∈C} v(c,k) + t·f(k) > T(k)/2 }`, and the resolution passes
//! at target j when `Σ_{i∈S} v(i,j) + Σ_{c∈C, c≠j} v(c,j) + t·f(j)` meets the kind's quota.
//!
//! - Banzhaf (absolute) of u at j: the share of S ⊆ A∖{u} with pass(S∪{u}, ½) and not
//!   pass(S, ½) (Dubey–Shapley: each float votes yes with half its weight); normalised by the
//!   sum over A, `None` when that sum is 0.
//! - Shapley–Shubik of u at j: ∫₀¹ Σ_{S⊆A∖{u}} t^|S|(1−t)^(m−1−|S|)·[pass(S∪{u},t) − pass(S,t)] dt
//!   (Milnor–Shapley); the floats together get 1 minus the sum over A.
//!
//! With at most [`MAX_EXACT_PLAYERS`] atomic players every coalition is enumerated and the
//! times at which anything changes are exact fractions (`enumerate`); beyond, the indices are
//! estimated by Monte Carlo with standard errors (`sample`). For a company held only by atomic
//! players both reduce to the direct oceanic indices (tested).
//!
//! Files: `error.rs` ([`IndirectError`]), `results.rs` (the indices as read elsewhere),
//! `time.rs` (exact times and levels), `network.rs` (the meetings as indexed data),
//! `propagate.rs` (control and pass times of a coalition, kept up to date), `walk.rs` (the
//! depth-first walk over coalitions and its sums), `enumerate.rs` (exact: the walk cut into
//! parts for the threads, and the indices from its sums), `clock.rs` (the game at one float
//! yes-fraction, for sampling), `sample.rs` (Monte Carlo), `robust.rs` (the exact range of float
//! splits over which a holder decides on the votes it commands outright, for the findings).

mod clock;
mod enumerate;
mod error;
mod findings;
mod network;
mod propagate;
mod results;
mod robust;
mod sample;
mod time;
mod walk;

#[cfg(test)]
mod tests;

pub use enumerate::ExactIndices;
pub use error::IndirectError;
pub use findings::{crossings, state_findings};
pub use network::{Meeting, Network};
pub use results::{CompanyPower, HolderPower, IndirectPower, KindPower, Method, StdErr};
pub use robust::{DecisiveRange, ROBUST_BAND};
pub use sample::BATCH;

use crate::model::Quota;

/// The most atomic players for which every coalition is enumerated.
pub const MAX_EXACT_PLAYERS: usize = 20;

/// The most atomic players of [`exact_fractions`].
pub const MAX_FRACTION_PLAYERS: usize = 16;

/// Samples drawn by default when the network is too large to enumerate.
pub const DEFAULT_SAMPLES: u64 = 100_000;

/// The seed used by default (fixed, so that every run gives the same figures).
pub const DEFAULT_SEED: u64 = 0x1d1e_c7ed;

/// How the indices are computed when the network is too large to enumerate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Enumerate every coalition up to this many atomic players (at most
    /// [`MAX_EXACT_PLAYERS`]); estimate beyond.
    pub max_exact: usize,
    /// Coalitions drawn for each index by Monte Carlo (rounded up to a multiple of [`BATCH`]).
    pub samples: u64,
    /// The generator's seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_exact: MAX_EXACT_PLAYERS, samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED }
    }
}

/// Indirect power in the network for a resolution passing with `quota`: exact when the
/// network has at most `opts.max_exact` atomic players, by Monte Carlo beyond.
pub fn indirect_power(net: &Network, quota: Quota, opts: &Options) -> Result<IndirectPower, IndirectError> {
    check(net, quota)?;
    let m = net.players.len();
    let (method, bz, ss, se) = if m <= opts.max_exact.min(MAX_EXACT_PLAYERS) {
        let e = enumerate::exact(net, quota);
        (Method::Exact, e.banzhaf_absolute, e.shapley_shubik, None)
    } else {
        let e = sample::monte_carlo(net, quota, opts.samples, opts.seed);
        let se = (e.banzhaf_stderr, e.shapley_stderr);
        (Method::MonteCarlo { samples: e.samples, seed: opts.seed }, e.banzhaf_absolute, e.shapley_shubik, Some(se))
    };
    let decisive = robust::decisive_ranges(net, quota);
    let companies = net
        .companies
        .iter()
        .enumerate()
        .map(|(j, id)| {
            let sum: f64 = bz[j].iter().sum();
            let holders = (0..m)
                .map(|u| HolderPower {
                    banzhaf_absolute: bz[j][u],
                    banzhaf: (sum != 0.0).then(|| bz[j][u] / sum),
                    shapley_shubik: ss[j][u],
                    stderr: se.as_ref().map(|(b, s)| StdErr { banzhaf_absolute: b[j][u], shapley_shubik: s[j][u] }),
                    decisive: decisive[j][u].decisive,
                    votes_through_companies: decisive[j][u].votes,
                })
                .collect();
            CompanyPower { company: id.clone(), holders, float_shapley_shubik: 1.0 - ss[j].iter().sum::<f64>() }
        })
        .collect();
    Ok(IndirectPower { method, players: net.players.clone(), companies })
}

/// The indices in exact fractions, coalition by coalition: for small networks (at most
/// [`MAX_FRACTION_PLAYERS`] atomic players) and for checking.
pub fn exact_fractions(net: &Network, quota: Quota) -> Result<ExactIndices, IndirectError> {
    check(net, quota)?;
    if net.players.len() > MAX_FRACTION_PLAYERS {
        return Err(IndirectError::TooManyForFractions { players: net.players.len(), max: MAX_FRACTION_PLAYERS });
    }
    Ok(enumerate::exact_rational(net, quota))
}

/// Checks the quota, and that the vote counts are small enough for exact times.
fn check(net: &Network, quota: Quota) -> Result<(), IndirectError> {
    let (numer, denom) = (quota.numer(), quota.denom());
    if numer > denom {
        return Err(IndirectError::InvalidQuota { numer, denom });
    }
    let scale = u128::from(denom.max(2));
    if let Some(k) = net.total.iter().position(|&t| u128::from(t) * scale >= time::MAX_SCALE) {
        return Err(IndirectError::TooManyVotes { company: net.companies[k].clone() });
    }
    Ok(())
}

/// Indirect power on one date for every kind of resolution of the scenario, each on its own
/// network ([`Network::of_kind`]): at every meeting, that kind's votes in play after the rules,
/// caps and behaviours (a follower's votes with its leader's, committed votes yes or no), and
/// its quota at the target.
pub fn on_date(issuers: &[super::IssuerResult], opts: &Options) -> Vec<KindPower> {
    let kinds: Vec<(String, Quota)> = issuers
        .first()
        .map(|x| x.kinds.iter().map(|k| (k.game.kind.clone(), k.game.quota)).collect())
        .unwrap_or_default();
    kinds
        .into_iter()
        .map(|(kind, quota)| {
            let result = match Network::of_kind(issuers, &kind) {
                Some(net) => net.and_then(|n| indirect_power(&n, quota, opts)),
                None => Err(IndirectError::KindMissing { kind: kind.clone() }),
            };
            KindPower { kind, result }
        })
        .collect()
}

/// Indirect power for one kind among a date's results.
pub fn of_kind<'a>(set: &'a [KindPower], kind: &str) -> Option<&'a IndirectPower> {
    set.iter().find(|k| k.kind == kind).and_then(KindPower::power)
}
