//! `alliance-sim power`: the power indices of one weighted majority game, optionally with an
//! oceanic float, exact wherever the maths is exact.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::ToPrimitive;
use serde::Serialize;

use alliance_sim::engine::power::{
    Game, OceanGame, QuotaRule, banzhaf_exact, banzhaf_f64, dubey_shapley, milnor_shapley, ocean_votes_f64,
    shapley_shubik_exact, shapley_shubik_f64,
};
use alliance_sim::model::Fraction;

/// Arguments of `power`.
#[derive(Debug, Args)]
pub struct PowerArgs {
    /// The players' weights, comma-separated: integers or decimals (exact), e.g. 4,4,4,2,2,1.
    /// With --ocean, the majors' fractions of all votes, e.g. 0.3,0.2.
    #[arg(long, value_delimiter = ',', required = true)]
    weights: Vec<String>,
    /// Absolute quota: a coalition wins with at least this weight (integer or decimal).
    #[arg(long, conflicts_with = "quota_fraction")]
    quota: Option<String>,
    /// Quota as a fraction of the total weight ("0.5", "2/3", "50%"): at least this much, or
    /// more than this much with --strict.
    #[arg(long)]
    quota_fraction: Option<String>,
    /// With --quota-fraction: a coalition must have more than the fraction, not just reach it.
    #[arg(long, requires = "quota_fraction")]
    strict: bool,
    /// Add an oceanic float holding this fraction of all votes; the weights are then the
    /// majors' fractions and must sum with it to 1.
    #[arg(long, requires = "quota_fraction")]
    ocean: Option<String>,
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
    shapley_shubik: f64,
    banzhaf_exact: Option<String>,
    shapley_shubik_exact: Option<String>,
}

/// The ocean in the JSON.
#[derive(Debug, Serialize)]
struct OceanOut {
    shapley_shubik: f64,
    banzhaf: Option<f64>,
}

/// The JSON document.
#[derive(Debug, Serialize)]
struct PowerOut {
    players: Vec<PlayerOut>,
    ocean: Option<OceanOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timing: Option<Timing>,
}

/// Mean times with --repeat: the fast `f64` indices (what the app uses; `seconds_per_solve`
/// is their sum) and, apart, the exact path that prints the fractions.
#[derive(Debug, Serialize)]
struct Timing {
    repeat: u32,
    seconds_per_solve: f64,
    banzhaf_seconds: f64,
    shapley_shubik_seconds: f64,
    exact_seconds: f64,
}

/// Above this many table cells (n² · q) the exact Shapley–Shubik path is skipped (it would
/// take seconds); the f64 result is still given and `shapley_shubik_exact` is null.
const EXACT_SS_CELLS: u128 = 50_000_000;

/// Runs `power`.
pub fn run(a: &PowerArgs) -> Result<ExitCode> {
    let weights: Vec<Fraction> = a.weights.iter().map(|w| parse(w, "--weights")).collect::<Result<_>>()?;
    let mut out = match &a.ocean {
        Some(f) => ocean(&weights, parse(f, "--ocean")?, a)?,
        None => finite(&weights, a)?,
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

/// Mean seconds of `f` over `n` runs.
fn mean_seconds<T>(n: u32, mut f: impl FnMut() -> Result<T>) -> Result<f64> {
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f()?);
    }
    Ok(t.elapsed().as_secs_f64() / f64::from(n))
}

/// Times each index on its fast path, and the whole exact solve, `n` times each.
fn time_solves(weights: &[Fraction], a: &PowerArgs, n: u32) -> Result<Timing> {
    let exact_seconds = mean_seconds(n, || match &a.ocean {
        Some(f) => ocean(weights, parse(f, "--ocean")?, a),
        None => finite(weights, a),
    })?;
    let (banzhaf_seconds, shapley_shubik_seconds) = match &a.ocean {
        Some(f) => {
            let (majors, float, q, rule) = ocean_counts(weights, parse(f, "--ocean")?, a)?;
            let both = mean_seconds(n, || Ok(ocean_votes_f64(&majors, float, q.numer(), q.denom(), rule)?))?;
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
fn ocean_counts(weights: &[Fraction], float: Fraction, a: &PowerArgs) -> Result<(Vec<u64>, u64, Fraction, QuotaRule)> {
    let mut all = weights.to_vec();
    all.push(float);
    let (w, _) = integer_weights(&all, None)?;
    let (float, majors) = w.split_last().map_or((0, &[][..]), |(f, m)| (*f, m));
    let Some(q) = &a.quota_fraction else { bail!("with --ocean give the quota as --quota-fraction F") };
    Ok((majors.to_vec(), float, parse(q, "--quota-fraction")?, quota_rule(a)))
}

fn parse(text: &str, flag: &str) -> Result<Fraction> {
    text.parse::<Fraction>().with_context(|| format!("{flag}: `{text}` is not a non-negative number"))
}

fn quota_rule(a: &PowerArgs) -> QuotaRule {
    if a.strict { QuotaRule::MoreThan } else { QuotaRule::AtLeast }
}

/// Exact decimal weights scaled to integers by their common denominator.
fn integer_weights(weights: &[Fraction], quota: Option<Fraction>) -> Result<(Vec<u64>, Option<u64>)> {
    let lcm = weights.iter().chain(quota.iter()).try_fold(1u64, |l, f| {
        let g = num_integer::gcd(l, f.denom());
        (l / g).checked_mul(f.denom())
    });
    let lcm = lcm.context("the weights have too many decimals to scale to whole numbers; round them")?;
    let scale = |f: &Fraction| {
        f.numer()
            .checked_mul(lcm / f.denom())
            .context("a weight is too large once decimals are scaled to whole numbers")
    };
    let w = weights.iter().map(scale).collect::<Result<Vec<u64>>>()?;
    let q = quota.as_ref().map(scale).transpose()?;
    Ok((w, q))
}

fn ratio_text(r: &BigRational) -> String {
    format!("{}/{}", r.numer(), r.denom())
}

/// The finite game of the arguments, weights scaled to whole numbers.
fn finite_game(weights: &[Fraction], a: &PowerArgs) -> Result<Game> {
    let quota = a.quota.as_deref().map(|q| parse(q, "--quota")).transpose()?;
    let (w, q) = integer_weights(weights, quota)?;
    Ok(match (q, &a.quota_fraction) {
        (Some(q), _) => Game::new(w, q)?,
        (None, Some(f)) => {
            let f = parse(f, "--quota-fraction")?;
            Game::with_fraction(w, f.numer(), f.denom(), quota_rule(a))?
        }
        (None, None) => bail!("give a quota: --quota Q (absolute) or --quota-fraction F [--strict]"),
    })
}

fn finite(weights: &[Fraction], a: &PowerArgs) -> Result<PowerOut> {
    let game = finite_game(weights, a)?;
    let n = game.n() as u128;
    let bz = banzhaf_exact(&game)?;
    let ss_exact =
        if n * n * u128::from(game.quota()) <= EXACT_SS_CELLS { Some(shapley_shubik_exact(&game)?) } else { None };
    let ss = match &ss_exact {
        Some(v) => v.iter().map(|r| r.to_f64().unwrap_or(f64::NAN)).collect(),
        None => shapley_shubik_f64(&game)?,
    };
    let fast = banzhaf_f64(&game)?;
    let players = (0..game.n())
        .map(|k| PlayerOut {
            weight: weights[k].to_string(),
            swings: Some(bz.swings[k].to_string()),
            banzhaf: Some(bz.normalised[k].to_f64().unwrap_or(fast.normalised[k])),
            banzhaf_absolute: Some(bz.absolute[k].to_f64().unwrap_or(fast.absolute[k])),
            shapley_shubik: ss[k],
            banzhaf_exact: Some(ratio_text(&bz.normalised[k])),
            shapley_shubik_exact: ss_exact.as_ref().map(|v| ratio_text(&v[k])),
        })
        .collect();
    Ok(PowerOut { players, ocean: None, timing: None })
}

fn big(f: Fraction) -> BigRational {
    BigRational::new(BigInt::from(f.numer()), BigInt::from(f.denom()))
}

fn ocean(weights: &[Fraction], float: Fraction, a: &PowerArgs) -> Result<PowerOut> {
    let majors: Vec<BigRational> = weights.iter().map(|w| big(*w)).collect();
    let total: BigRational = majors.iter().sum::<BigRational>() + big(float);
    if total != BigRational::from_integer(BigInt::from(1)) {
        bail!("with --ocean the majors' fractions and the ocean must sum to 1; they sum to {}", ratio_text(&total));
    }
    let Some(f) = &a.quota_fraction else { bail!("with --ocean give the quota as --quota-fraction F") };
    let f = parse(f, "--quota-fraction")?;
    let game = OceanGame::new(majors, big(f), quota_rule(a))?;
    let ss = milnor_shapley(&game)?;
    let bz = dubey_shapley(&game)?;
    let players = (0..weights.len())
        .map(|k| PlayerOut {
            weight: weights[k].to_string(),
            swings: None,
            banzhaf: bz.normalised.as_ref().and_then(|v| v[k].to_f64()),
            banzhaf_absolute: bz.absolute[k].to_f64(),
            shapley_shubik: ss.majors[k].to_f64().unwrap_or(f64::NAN),
            banzhaf_exact: bz.normalised.as_ref().map(|v| ratio_text(&v[k])),
            shapley_shubik_exact: Some(ratio_text(&ss.majors[k])),
        })
        .collect();
    let ocean = OceanOut { shapley_shubik: ss.ocean.to_f64().unwrap_or(f64::NAN), banzhaf: None };
    Ok(PowerOut { players, ocean: Some(ocean), timing: None })
}

fn table(out: &PowerOut) -> String {
    let mut s = format!(
        "{:>10} {:>22} {:>10} {:>10} {:>10}  {:<16} {:<16}\n",
        "weight", "swings", "Banzhaf", "absolute", "S-S", "Banzhaf exact", "S-S exact"
    );
    let f = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.6}"));
    for p in &out.players {
        s.push_str(&format!(
            "{:>10} {:>22} {:>10} {:>10} {:>10.6}  {:<16} {:<16}\n",
            p.weight,
            p.swings.as_deref().unwrap_or("—"),
            f(p.banzhaf),
            f(p.banzhaf_absolute),
            p.shapley_shubik,
            p.banzhaf_exact.as_deref().unwrap_or("—"),
            p.shapley_shubik_exact.as_deref().unwrap_or("—")
        ));
    }
    if let Some(o) = &out.ocean {
        s.push_str(&format!("ocean: Shapley–Shubik {:.6}; Banzhaf undefined in the oceanic limit\n", o.shapley_shubik));
    }
    if let Some(t) = &out.timing {
        s.push_str(&format!(
            "{} solves: Banzhaf {:.3e} s, Shapley–Shubik {:.3e} s (f64); exact solve {:.3e} s\n",
            t.repeat, t.banzhaf_seconds, t.shapley_shubik_seconds, t.exact_seconds
        ));
    }
    s
}
