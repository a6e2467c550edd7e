//! Solving the game of `power`: its numbers read exactly, the finite game (exact, floating
//! point or Monte Carlo, as the plan says) and the game with an oceanic float.

use anyhow::{Context, Result, bail};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive};

use alliance_sim::engine::power::{
    Game, OceanGame, Quota, QuotaRule, banzhaf_exact, banzhaf_f64, checked_quota, dubey_shapley, milnor_shapley,
    ratio_to_f64, shapley_shubik_exact, shapley_shubik_f64, shapley_shubik_monte_carlo,
};
use alliance_sim::model::exact_number;

use super::args::PowerArgs;
use super::estimate::Plan;
use super::output::{Method, MethodOut, OceanOut, PlayerOut, PowerOut};

/// The oceanic game as integer counts on a common denominator, for the fast path.
pub(super) fn ocean_counts(
    weights: &[BigRational],
    float: BigRational,
    a: &PowerArgs,
) -> Result<(Vec<u64>, u64, Quota)> {
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
/// (`0.6666666666666666`), a percentage (`50%`) or a ratio (`2/3`), by the model's grammar
/// ([`exact_number`]).
pub(super) fn parse(text: &str, flag: &str) -> Result<BigRational> {
    exact_number(text.trim())
        .with_context(|| format!("{flag}: `{text}` is not a non-negative number; write it as 4, 0.15, 15% or 3/20"))
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

/// An exact ratio as `p/q`.
fn ratio_text(r: &BigRational) -> String {
    format!("{}/{}", r.numer(), r.denom())
}

/// The finite game of the arguments, weights scaled to whole numbers; a quota fraction gives
/// the integer quota exactly (`ceil(F·T)`, or `floor(F·T) + 1` with --strict).
pub(super) fn finite_game(weights: &[BigRational], a: &PowerArgs) -> Result<Game> {
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

/// Solves the finite game as the plan says.
pub(super) fn finite(game: &Game, plan: &Plan, a: &PowerArgs) -> Result<PowerOut> {
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

/// Solves the game with an oceanic float, exactly.
pub(super) fn ocean(weights: &[BigRational], float: BigRational, a: &PowerArgs) -> Result<PowerOut> {
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
