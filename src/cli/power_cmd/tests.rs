//! Tests of the long-request note against the estimate's threshold.

use anyhow::Result;
use clap::Parser;
use num_rational::BigRational;

use alliance_sim::engine::power::{Game, PowerCost};

use super::args::PowerArgs;
use super::estimate::{
    LONG_REQUEST_SECONDS, Plan, SECONDS_PER_EXACT_BANZHAF_UPDATE, SECONDS_PER_EXACT_SHAPLEY_SHUBIK_UPDATE,
};
use super::output::Method;
use super::solve::{finite_game, parse};

/// `power`'s arguments alone, as the command line gives them.
#[derive(Debug, Parser)]
struct Cli {
    #[command(flatten)]
    power: PowerArgs,
}

/// `n` players of weights 1–60 in turn with a majority quota: the game and its arguments.
fn game_of(n: usize, extra: &[&str]) -> (Game, PowerArgs) {
    game_with((0..n).map(|k| (1 + k % 60).to_string()).collect(), extra)
}

/// The game of these weights with a majority quota, and its arguments.
fn game_with(weights: Vec<String>, extra: &[&str]) -> (Game, PowerArgs) {
    let joined = weights.join(",");
    let mut args = vec!["power", "--weights", joined.as_str(), "--quota-fraction", "1/2"];
    args.extend_from_slice(extra);
    let a = match Cli::try_parse_from(args) {
        Ok(cli) => cli.power,
        Err(e) => panic!("the test's arguments do not parse: {e}"),
    };
    let exact: Vec<BigRational> = weights.iter().map(|w| parse(w, "--weights")).collect::<Result<_>>().unwrap();
    (finite_game(&exact, &a).unwrap(), a)
}

/// A plan counting both indices exactly whose estimate is `seconds` (all of it Shapley–Shubik).
fn plan_estimated_at(seconds: f64) -> Plan {
    let updates = (seconds / SECONDS_PER_EXACT_SHAPLEY_SHUBIK_UPDATE).round() as u128;
    let cost = PowerCost { banzhaf_exact: 0, shapley_shubik_exact: updates, banzhaf_f64: 0, shapley_shubik_f64: 0 };
    Plan { banzhaf: Method::Exact, shapley_shubik: Method::Exact, cost }
}

#[test]
fn the_note_comes_above_the_threshold_and_not_below() {
    let (game, a) = game_of(150, &[]);
    let below = plan_estimated_at(LONG_REQUEST_SECONDS * 0.99);
    let above = plan_estimated_at(LONG_REQUEST_SECONDS * 1.01);
    assert_eq!(below.long_request_note(&game, &a), None);
    let note = above.long_request_note(&game, &a).unwrap_or_default();
    assert!(note.starts_with("note: 150 players"), "{note}");
    assert!(note.contains("--banzhaf-only") && note.contains("--monte-carlo 100000"), "{note}");
    // Banzhaf only and Monte Carlo estimate their own (smaller) cost: no alternative to
    // offer for an exact Banzhaf that is itself long, except coarser units.
    let mut banzhaf_long = plan_estimated_at(0.0);
    banzhaf_long.shapley_shubik = Method::Skipped;
    banzhaf_long.cost.banzhaf_exact = (LONG_REQUEST_SECONDS * 1.01 / SECONDS_PER_EXACT_BANZHAF_UPDATE) as u128;
    let note = banzhaf_long.long_request_note(&game, &a).unwrap_or_default();
    assert!(note.contains("coarser units") && !note.contains("--banzhaf-only"), "{note}");
}

#[test]
fn real_games_on_each_side_of_the_threshold() {
    // The exact path's reference size (150 players, weights 1–60): a fraction of a second, no note.
    let (game, a) = game_of(150, &[]);
    assert_eq!(Plan::of(&game, &a).long_request_note(&game, &a), None);
    // 5,000 such players: Shapley–Shubik counted exactly costs far more than the threshold.
    let (game, a) = game_of(5_000, &[]);
    let plan = Plan::of(&game, &a);
    assert!(plan.long_request_note(&game, &a).is_some_and(|n| n.contains("5000 players")));
    // The same game with Banzhaf alone is short again.
    let (game, a) = game_of(5_000, &["--banzhaf-only"]);
    assert_eq!(Plan::of(&game, &a).long_request_note(&game, &a), None);
}

#[test]
fn the_orderings_limit_itself_is_accepted_and_one_more_is_refused() -> Result<()> {
    use super::estimate::{MAX_ORDERINGS, refuse_too_many_orderings};
    let game = Game::new(vec![4, 3, 2], 5)?;
    assert!(refuse_too_many_orderings(&game, MAX_ORDERINGS).is_ok());
    let err = refuse_too_many_orderings(&game, MAX_ORDERINGS + 1).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("1,000,000,001") && err.contains("at most 1,000,000,000"), "{err}");
    Ok(())
}
