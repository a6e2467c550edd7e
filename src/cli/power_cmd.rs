//! `alliance-sim power`: the power indices of one weighted majority game, optionally with an
//! oceanic float, exact wherever the maths is exact.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};
use serde::Serialize;

use alliance_sim::engine::power::{
    Game, OceanGame, PowerCost, Quota, QuotaRule, banzhaf_exact, banzhaf_f64, checked_quota, dubey_shapley,
    milnor_shapley, ocean_votes_f64, power_cost, ratio_to_f64, shapley_shubik_exact, shapley_shubik_f64,
    shapley_shubik_monte_carlo,
};

/// Arguments of `power`.
#[derive(Debug, Args)]
pub struct PowerArgs {
    /// The players' weights, comma-separated: integers or decimals of any length (exact), e.g.
    /// 4,4,4,2,2,1. With --ocean, the majors' fractions of all votes, e.g. 0.3,0.2.
    #[arg(long, value_delimiter = ',', required = true)]
    weights: Vec<String>,
    /// Absolute quota: a coalition wins with at least this weight (integer or decimal).
    #[arg(long, conflicts_with = "quota_fraction")]
    quota: Option<String>,
    /// Quota as a fraction of the total weight ("0.5", "2/3", "50%", any number of decimals):
    /// at least this much, or more than this much with --strict.
    #[arg(long)]
    quota_fraction: Option<String>,
    /// With --quota-fraction: a coalition must have more than the fraction, not just reach it.
    #[arg(long, requires = "quota_fraction")]
    strict: bool,
    /// Add an oceanic float holding this fraction of all votes; the weights are then the
    /// majors' fractions and must sum with it to 1.
    #[arg(long, requires = "quota_fraction")]
    ocean: Option<String>,
    /// Banzhaf indices only (cost n·q): skip Shapley–Shubik, whose exact count costs n²·q.
    #[arg(long, conflicts_with = "monte_carlo")]
    banzhaf_only: bool,
    /// Estimate Shapley–Shubik from this many random orderings of the players (cost n per
    /// ordering), each value with its standard error, instead of counting exactly.
    #[arg(long, value_name = "ORDERINGS", conflicts_with = "ocean", value_parser = clap::value_parser!(u64).range(1..))]
    monte_carlo: Option<u64>,
    /// Seed of the random orderings of --monte-carlo (the same seed gives the same estimate).
    #[arg(long, default_value_t = 1, requires = "monte_carlo")]
    seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PowerFormat::Table)]
    format: PowerFormat,
    /// Solve the game this many times and report the mean time per solve (for benchmarks).
    #[arg(long, hide_short_help = true)]
    repeat: Option<u32>,
}

/// Output formats of `power`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PowerFormat {
    /// Plain text.
    Table,
    /// JSON, documented in the README.
    Json,
}

/// One player in the JSON.
#[derive(Debug, Serialize)]
struct PlayerOut {
    weight: String,
    swings: Option<String>,
    banzhaf: Option<f64>,
    banzhaf_absolute: Option<f64>,
    shapley_shubik: Option<f64>,
    shapley_shubik_standard_error: Option<f64>,
    banzhaf_exact: Option<String>,
    shapley_shubik_exact: Option<String>,
}

/// The ocean in the JSON.
#[derive(Debug, Serialize)]
struct OceanOut {
    shapley_shubik: f64,
    banzhaf: Option<f64>,
}

/// How each index was computed.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Method {
    /// Exact counts, exact fractions.
    Exact,
    /// Floating point (the fast path), accurate to about 1e-12.
    F64,
    /// Estimated from random orderings, with a standard error.
    MonteCarlo,
    /// Not computed (--banzhaf-only).
    Skipped,
}

/// The methods in the JSON.
#[derive(Debug, Serialize)]
struct MethodOut {
    banzhaf: Method,
    shapley_shubik: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    monte_carlo_orderings: Option<u64>,
}

/// The JSON document.
#[derive(Debug, Serialize)]
struct PowerOut {
    players: Vec<PlayerOut>,
    ocean: Option<OceanOut>,
    method: MethodOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    timing: Option<Timing>,
}

/// Mean times with --repeat: the fast `f64` indices (what the app uses; `seconds_per_solve`
/// is their sum) and, apart, the whole default solve that prints the exact fractions.
#[derive(Debug, Serialize)]
struct Timing {
    repeat: u32,
    seconds_per_solve: f64,
    banzhaf_seconds: f64,
    shapley_shubik_seconds: f64,
    exact_seconds: f64,
}

/// Above this many table updates an index is not counted exactly but computed on its `f64`
/// path (a few seconds of work on one core; the JSON's `method` says which was used).
const EXACT_UPDATES: u128 = 3_000_000_000;

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
const SECONDS_PER_EXACT_BANZHAF_UPDATE: f64 = 0.68e-9;
const SECONDS_PER_EXACT_SHAPLEY_SHUBIK_UPDATE: f64 = 1.7e-9;
const SECONDS_PER_F64_BANZHAF_UPDATE: f64 = 0.07e-9;
const SECONDS_PER_F64_SHAPLEY_SHUBIK_UPDATE: f64 = 0.6e-9;
const SECONDS_PER_ORDERING_STEP: f64 = 3.1e-9;

/// A request estimated to take longer than this is announced on standard error before it
/// starts, with the faster alternatives.
const LONG_REQUEST_SECONDS: f64 = 2.0;

/// Runs `power`.
pub fn run(a: &PowerArgs) -> Result<ExitCode> {
    let weights: Vec<BigRational> = a.weights.iter().map(|w| parse(w, "--weights")).collect::<Result<_>>()?;
    let mut out = match &a.ocean {
        Some(f) => ocean(&weights, parse(f, "--ocean")?, a)?,
        None => {
            let game = finite_game(&weights, a)?;
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
    super::print_out(&text)
}

/// What the finite game's solve will compute, decided from its cost before it starts.
struct Plan {
    banzhaf: Method,
    shapley_shubik: Method,
    cost: PowerCost,
}

impl Plan {
    fn of(game: &Game, a: &PowerArgs) -> Plan {
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

    fn banzhaf_seconds(&self) -> f64 {
        match self.banzhaf {
            Method::Exact => self.cost.banzhaf_exact as f64 * SECONDS_PER_EXACT_BANZHAF_UPDATE,
            _ => self.cost.banzhaf_f64 as f64 * SECONDS_PER_F64_BANZHAF_UPDATE,
        }
    }

    fn shapley_shubik_seconds(&self, game: &Game, a: &PowerArgs) -> f64 {
        match self.shapley_shubik {
            Method::Exact => self.cost.shapley_shubik_exact as f64 * SECONDS_PER_EXACT_SHAPLEY_SHUBIK_UPDATE,
            Method::F64 => self.cost.shapley_shubik_f64 as f64 * SECONDS_PER_F64_SHAPLEY_SHUBIK_UPDATE,
            Method::MonteCarlo => monte_carlo_seconds(game, a.monte_carlo.unwrap_or(0)),
            Method::Skipped => 0.0,
        }
    }

    /// Says on standard error, before the work starts, when it will take long, and what is faster.
    fn warn_if_long(&self, game: &Game, a: &PowerArgs) {
        if let Some(note) = self.long_request_note(game, a) {
            eprintln!("{note}");
        }
    }

    /// The note of [`Plan::warn_if_long`]: `None` when the estimate is under
    /// [`LONG_REQUEST_SECONDS`].
    fn long_request_note(&self, game: &Game, a: &PowerArgs) -> Option<String> {
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

fn monte_carlo_seconds(game: &Game, orderings: u64) -> f64 {
    orderings as f64 * game.n() as f64 * SECONDS_PER_ORDERING_STEP
}

fn seconds_text(s: f64) -> String {
    if s >= 120.0 {
        format!("{:.0} minutes", s / 60.0)
    } else if s >= 1.0 {
        format!("{s:.0} s")
    } else {
        format!("{:.0} ms", (s * 1e3).max(1.0))
    }
}

/// Mean seconds of `f` over `n` runs.
fn mean_seconds<T>(n: u32, mut f: impl FnMut() -> Result<T>) -> Result<f64> {
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f()?);
    }
    Ok(t.elapsed().as_secs_f64() / f64::from(n))
}

/// Times each index on its fast path, and the whole default solve, `n` times each.
fn time_solves(weights: &[BigRational], a: &PowerArgs, n: u32) -> Result<Timing> {
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

/// The oceanic game as integer counts on a common denominator, for the fast path.
fn ocean_counts(weights: &[BigRational], float: BigRational, a: &PowerArgs) -> Result<(Vec<u64>, u64, Quota)> {
    let mut all = weights.to_vec();
    all.push(float);
    let (w, _) = integer_weights(&all, None)?;
    let (float, majors) = w.split_last().map_or((0, &[][..]), |(f, m)| (*f, m));
    let Some(q) = &a.quota_fraction else { bail!("with --ocean give the quota as --quota-fraction F") };
    let f = parse(q, "--quota-fraction")?;
    let (Some(qn), Some(qd)) = (f.numer().to_u64(), f.denom().to_u64()) else {
        bail!("--repeat with --ocean times the fast path, which needs a quota fraction of at most 19 digits")
    };
    let quota = checked_quota(qn, qd, quota_rule(a))
        .with_context(|| format!("--quota-fraction {q}: give a fraction between 0 and 1 (`0.5`, `2/3`, `50%`)"))?;
    Ok((majors.to_vec(), float, quota))
}

/// Reads a non-negative number exactly: a whole number, a decimal with any number of digits
/// (`0.6666666666666666`), a percentage (`50%`) or a ratio (`2/3`).
fn parse(text: &str, flag: &str) -> Result<BigRational> {
    exact_number(text.trim())
        .with_context(|| format!("{flag}: `{text}` is not a non-negative number; write it as 4, 0.15, 15% or 3/20"))
}

fn exact_number(t: &str) -> Option<BigRational> {
    if let Some(pct) = t.strip_suffix('%') {
        return exact_decimal(pct.trim()).map(|x| x / BigRational::from_integer(BigInt::from(100)));
    }
    if let Some((p, q)) = t.split_once('/') {
        let (p, q) = (exact_decimal(p.trim())?, exact_decimal(q.trim())?);
        return (!q.is_zero()).then(|| p / q);
    }
    exact_decimal(t)
}

/// `12`, `0.15`, `.5` or `3.` as an exact rational, whatever the number of digits.
fn exact_decimal(t: &str) -> Option<BigRational> {
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    let numer: BigInt = format!("{whole}{frac}").parse().ok()?;
    let denom = num_traits::pow(BigInt::from(10), frac.len());
    Some(BigRational::new(numer, denom))
}

/// How `--quota-fraction` is read: "more than" with `--strict`, "at least" otherwise.
fn quota_rule(a: &PowerArgs) -> QuotaRule {
    if a.strict { QuotaRule::MoreThan } else { QuotaRule::AtLeast }
}

/// Exact weights (and an absolute quota) scaled to whole numbers by their common denominator.
fn integer_weights(weights: &[BigRational], quota: Option<&BigRational>) -> Result<(Vec<u64>, Option<u64>)> {
    let lcm = weights.iter().chain(quota).fold(BigInt::one(), |l, f| l.lcm(f.denom()));
    let scale = |f: &BigRational| {
        (f.numer() * (&lcm / f.denom())).to_u64().context(
            "once the decimals are scaled to whole numbers a weight or the quota exceeds 18,446,744,073,709,551,615: \
             give fewer decimals or smaller numbers",
        )
    };
    let w = weights.iter().map(scale).collect::<Result<Vec<u64>>>()?;
    let q = quota.map(scale).transpose()?;
    Ok((w, q))
}

fn ratio_text(r: &BigRational) -> String {
    format!("{}/{}", r.numer(), r.denom())
}

/// The finite game of the arguments, weights scaled to whole numbers; a quota fraction gives
/// the integer quota exactly (`ceil(F·T)`, or `floor(F·T) + 1` with --strict).
fn finite_game(weights: &[BigRational], a: &PowerArgs) -> Result<Game> {
    let quota = a.quota.as_deref().map(|q| parse(q, "--quota")).transpose()?;
    let (w, q) = integer_weights(weights, quota.as_ref())?;
    Ok(match (q, &a.quota_fraction) {
        (Some(q), _) => Game::new(w, q)?,
        (None, Some(f)) => {
            let f = parse(f, "--quota-fraction")?;
            if f > BigRational::one() {
                bail!(
                    "--quota-fraction: `{}` is more than 1; give a fraction of the total weight from 0 to 1",
                    a.quota_fraction.as_deref().unwrap_or_default()
                );
            }
            let total: u128 = w.iter().map(|&x| u128::from(x)).sum();
            let share = f * BigRational::from_integer(BigInt::from(total));
            let q = match quota_rule(a) {
                QuotaRule::AtLeast => share.ceil().to_integer(),
                QuotaRule::MoreThan => share.floor().to_integer() + 1,
            };
            Game::new(w, q.to_u64().unwrap_or(u64::MAX))?
        }
        (None, None) => bail!("give a quota: --quota Q (absolute) or --quota-fraction F [--strict]"),
    })
}

fn finite(game: &Game, plan: &Plan, a: &PowerArgs) -> Result<PowerOut> {
    let n = game.n();
    type Column<T> = Vec<Option<T>>;
    let (swings, bz_exact, bz_norm, bz_abs): (Column<String>, Column<String>, Column<f64>, Column<f64>) =
        match plan.banzhaf {
            Method::Exact => {
                let bz = banzhaf_exact(game)?;
                let norm = bz.normalised.iter().map(ratio_to_f64).map(Some).collect();
                let abs = bz.absolute.iter().map(ratio_to_f64).map(Some).collect();
                let swings = bz.swings.iter().map(|s| Some(s.to_string())).collect();
                (swings, bz.normalised.iter().map(|r| Some(ratio_text(r))).collect(), norm, abs)
            }
            _ => {
                let bz = banzhaf_f64(game)?;
                (
                    vec![None; n],
                    vec![None; n],
                    bz.normalised.into_iter().map(Some).collect(),
                    bz.absolute.into_iter().map(Some).collect(),
                )
            }
        };
    let (ss, ss_se, ss_exact): (Column<f64>, Column<f64>, Column<String>) = match plan.shapley_shubik {
        Method::Exact => {
            let v = shapley_shubik_exact(game)?;
            (
                v.iter().map(|r| Some(ratio_to_f64(r))).collect(),
                vec![None; n],
                v.iter().map(|r| Some(ratio_text(r))).collect(),
            )
        }
        Method::F64 => (shapley_shubik_f64(game)?.into_iter().map(Some).collect(), vec![None; n], vec![None; n]),
        Method::MonteCarlo => {
            let mc = shapley_shubik_monte_carlo(game, a.monte_carlo.unwrap_or(0), a.seed)?;
            (
                mc.estimate.into_iter().map(Some).collect(),
                mc.standard_error.into_iter().map(Some).collect(),
                vec![None; n],
            )
        }
        Method::Skipped => (vec![None; n], vec![None; n], vec![None; n]),
    };
    let players = (0..n)
        .map(|k| PlayerOut {
            weight: a.weights[k].trim().to_string(),
            swings: swings[k].clone(),
            banzhaf: bz_norm[k],
            banzhaf_absolute: bz_abs[k],
            shapley_shubik: ss[k],
            shapley_shubik_standard_error: ss_se[k],
            banzhaf_exact: bz_exact[k].clone(),
            shapley_shubik_exact: ss_exact[k].clone(),
        })
        .collect();
    let method = MethodOut {
        banzhaf: plan.banzhaf,
        shapley_shubik: plan.shapley_shubik,
        monte_carlo_orderings: a.monte_carlo.filter(|_| plan.shapley_shubik == Method::MonteCarlo),
    };
    Ok(PowerOut { players, ocean: None, method, timing: None })
}

fn ocean(weights: &[BigRational], float: BigRational, a: &PowerArgs) -> Result<PowerOut> {
    let total: BigRational = weights.iter().sum::<BigRational>() + &float;
    if !total.is_one() {
        bail!("with --ocean the majors' fractions and the ocean must sum to 1; they sum to {}", ratio_text(&total));
    }
    let Some(f) = &a.quota_fraction else { bail!("with --ocean give the quota as --quota-fraction F") };
    let f = parse(f, "--quota-fraction")?;
    let game = OceanGame::new(weights.to_vec(), f, quota_rule(a))?;
    let ss = (!a.banzhaf_only).then(|| milnor_shapley(&game)).transpose()?;
    let bz = dubey_shapley(&game)?;
    let players = (0..weights.len())
        .map(|k| PlayerOut {
            weight: a.weights[k].trim().to_string(),
            swings: None,
            banzhaf: bz.normalised.as_ref().map(|v| ratio_to_f64(&v[k])),
            banzhaf_absolute: Some(ratio_to_f64(&bz.absolute[k])),
            shapley_shubik: ss.as_ref().map(|s| ratio_to_f64(&s.majors[k])),
            shapley_shubik_standard_error: None,
            banzhaf_exact: bz.normalised.as_ref().map(|v| ratio_text(&v[k])),
            shapley_shubik_exact: ss.as_ref().map(|s| ratio_text(&s.majors[k])),
        })
        .collect();
    let ocean = ss.as_ref().map(|s| OceanOut { shapley_shubik: ratio_to_f64(&s.ocean), banzhaf: None });
    let method = MethodOut {
        banzhaf: Method::Exact,
        shapley_shubik: if a.banzhaf_only { Method::Skipped } else { Method::Exact },
        monte_carlo_orderings: None,
    };
    Ok(PowerOut { players, ocean, method, timing: None })
}

fn table(out: &PowerOut) -> String {
    let mut s = format!(
        "{:>10} {:>22} {:>10} {:>10} {:>10}  {:<16} {:<16}\n",
        "weight", "swings", "Banzhaf", "absolute", "S-S", "Banzhaf exact", "S-S exact"
    );
    let f = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.6}"));
    for p in &out.players {
        let ss = match (p.shapley_shubik, p.shapley_shubik_standard_error) {
            (Some(v), Some(se)) => format!("{v:.4}±{se:.4}"),
            (v, _) => f(v),
        };
        s.push_str(&format!(
            "{:>10} {:>22} {:>10} {:>10} {:>10}  {:<16} {:<16}\n",
            p.weight,
            p.swings.as_deref().unwrap_or("—"),
            f(p.banzhaf),
            f(p.banzhaf_absolute),
            ss,
            p.banzhaf_exact.as_deref().unwrap_or("—"),
            p.shapley_shubik_exact.as_deref().unwrap_or("—")
        ));
    }
    if let Some(o) = &out.ocean {
        s.push_str(&format!("ocean: Shapley–Shubik {:.6}; Banzhaf undefined in the oceanic limit\n", o.shapley_shubik));
    }
    match out.method.shapley_shubik {
        Method::MonteCarlo => s.push_str(&format!(
            "Shapley–Shubik estimated from {} random orderings (± one standard error)\n",
            out.method.monte_carlo_orderings.unwrap_or(0)
        )),
        Method::F64 => s.push_str("Shapley–Shubik in floating point (too large to count exactly in reasonable time)\n"),
        Method::Skipped => s.push_str("Shapley–Shubik not computed (--banzhaf-only)\n"),
        Method::Exact => {}
    }
    if out.method.banzhaf == Method::F64 {
        s.push_str("Banzhaf in floating point (too large to count exactly in reasonable time)\n");
    }
    if let Some(t) = &out.timing {
        s.push_str(&format!(
            "{} solves: Banzhaf {:.3e} s, Shapley–Shubik {:.3e} s (f64); exact solve {:.3e} s\n",
            t.repeat, t.banzhaf_seconds, t.shapley_shubik_seconds, t.exact_seconds
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

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
        // Issue 8's size (150 players, weights 1–60): a fraction of a second, no note.
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
}
