//! The timing harness of `power --repeat N`: mean seconds of each index on its fast path, and
//! of the whole default solve (for benchmarks).

use std::time::Instant;

use anyhow::Result;
use num_rational::BigRational;

use alliance_sim::engine::power::{banzhaf_f64, ocean_votes_f64, shapley_shubik_f64};

use super::args::PowerArgs;
use super::estimate::Plan;
use super::output::Timing;
use super::solve::{finite, finite_game, ocean, ocean_counts, parse};

/// Mean seconds of `f` over `n` runs.
fn mean_seconds<T>(n: u32, mut f: impl FnMut() -> Result<T>) -> Result<f64> {
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f()?);
    }
    Ok(t.elapsed().as_secs_f64() / f64::from(n))
}

/// Times each index on its fast path, and the whole default solve, `n` times each.
pub(super) fn time_solves(weights: &[BigRational], a: &PowerArgs, n: u32) -> Result<Timing> {
    let exact_seconds = mean_seconds(n, || match &a.ocean {
        Some(f) => ocean(weights, parse(f, "--ocean")?, a),
        None => {
            let game = finite_game(weights, a)?;
            finite(&game, &Plan::of(&game, a), a)
        }
    })?;
    let (banzhaf_seconds, shapley_shubik_seconds) = match &a.ocean {
        Some(f) => {
            let (majors, float, quota) = ocean_counts(weights, parse(f, "--ocean")?, a)?;
            let both = mean_seconds(n, || Ok(ocean_votes_f64(&majors, float, quota)?))?;
            (both / 2.0, both / 2.0)
        }
        None => {
            let game = finite_game(weights, a)?;
            (mean_seconds(n, || Ok(banzhaf_f64(&game)?))?, mean_seconds(n, || Ok(shapley_shubik_f64(&game)?))?)
        }
    };
    Ok(Timing {
        repeat: n,
        seconds_per_solve: banzhaf_seconds + shapley_shubik_seconds,
        banzhaf_seconds,
        shapley_shubik_seconds,
        exact_seconds,
    })
}
