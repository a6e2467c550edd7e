//! `alliance-sim power`: the power indices of one weighted majority game, optionally with an
//! oceanic float, exact wherever the maths is exact.
//!
//! The parts: `args` (the command line), `solve` (the games and their indices), `estimate`
//! (the cost of a solve, announced when long), `timing` (`--repeat`) and `output` (JSON and
//! table).

mod args;
mod estimate;
mod output;
mod solve;
#[cfg(test)]
mod tests;
mod timing;

use std::process::ExitCode;

use anyhow::{Context, Result};
use num_rational::BigRational;

pub use args::PowerArgs;
use args::PowerFormat;
use estimate::Plan;
use output::table;
use solve::{finite, finite_game, ocean, parse};
use timing::time_solves;

use super::output::print_out;

/// Runs `power`.
pub fn run(a: &PowerArgs) -> Result<ExitCode> {
    let weights: Vec<BigRational> = a.weights.iter().map(|w| parse(w, "--weights")).collect::<Result<_>>()?;
    let mut out = match &a.ocean {
        Some(f) => ocean(&weights, parse(f, "--ocean")?, a)?,
        None => {
            let game = finite_game(&weights, a)?;
            estimate::refuse_too_many_orderings(&game, a.monte_carlo.unwrap_or(0))?;
            let plan = Plan::of(&game, a);
            plan.warn_if_long(&game, a);
            finite(&game, &plan, a)?
        }
    };
    if let Some(n) = a.repeat.filter(|n| *n > 0) {
        out.timing = Some(time_solves(&weights, a, n)?);
    }
    let text = match a.format {
        PowerFormat::Json => serde_json::to_string_pretty(&out).context("could not write JSON")?,
        PowerFormat::Table => table(&out),
    };
    print_out(&text)
}
