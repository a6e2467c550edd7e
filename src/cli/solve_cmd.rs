//! `alliance-sim solve`: the stake of one holding on one date that brings a balance or a vote
//! share to a target (goal seek), printed for people or as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use alliance_sim::engine::goal_seek::{self, Answer, Method, Question, Target};
use alliance_sim::io;
use alliance_sim::model::{Fraction, thousands};

use super::output::print_out;

/// Arguments of `solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The `.ron` scenario file.
    file: PathBuf,
    /// The holding whose stake varies, as HOLDER:ISSUER (entity ids), e.g. renault:nissan.
    #[arg(long)]
    holding: String,
    /// The date on which the stake is set and the measure read (YYYY-MM-DD).
    #[arg(long, value_parser = crate::cli::dates::parse_date)]
    date: NaiveDate,
    /// What to reach: balance-power=V, balance-votes=V, balance-capital=V (V a signed decimal
    /// or percentage; 0 is the perfect balance), or vote-share=ISSUER:F (F such as 25%, 1/4).
    #[arg(long)]
    target: String,
    /// The balance pair A:B to read (default: the pair of the holder and the issuer).
    #[arg(long)]
    pair: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SolveFormat::Table)]
    format: SolveFormat,
}

/// Output formats of `solve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SolveFormat {
    /// Sentences for people.
    Table,
    /// JSON, documented in docs/json.md.
    Json,
}

/// Runs `solve`.
pub fn run(args: &SolveArgs) -> Result<ExitCode> {
    let s = io::load(&args.file)?;
    let (holder, issuer) = two_ids(&args.holding, "--holding", "HOLDER:ISSUER")?;
    let pair = args.pair.as_deref().map(|p| two_ids(p, "--pair", "A:B")).transpose()?;
    let target = parse_target(&args.target)?;
    let q = Question { holder, issuer, date: args.date, target, pair };
    let answer = goal_seek::solve(&s, &q).with_context(|| format!("{}: cannot solve", args.file.display()))?;
    let text = match args.format {
        SolveFormat::Table => to_text(&s, &answer),
        SolveFormat::Json => serde_json::to_string_pretty(&to_json(&answer)).context("could not write JSON")?,
    };
    print_out(&text)
}

fn two_ids(text: &str, flag: &str, form: &str) -> Result<(String, String)> {
    match text.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a.trim().into(), b.trim().into())),
        _ => bail!("{flag} `{text}` is not {form}; give two entity ids separated by a colon, e.g. renault:nissan"),
    }
}

/// Parses `balance-power=0`, `balance-votes=-5%`, `vote-share=renault:1/4`.
fn parse_target(text: &str) -> Result<Target> {
    let (kind, value) = text.split_once('=').ok_or_else(|| {
        anyhow!(
            "--target `{text}` has no `=`; write balance-power=0, balance-votes=V, balance-capital=C or \
            vote-share=ISSUER:F"
        )
    })?;
    let signed = |v: &str| -> Result<f64> {
        let (sign, rest) = v.trim().strip_prefix('-').map_or((1.0, v.trim()), |r| (-1.0, r));
        let f: Fraction = rest.parse().map_err(|e| anyhow!("--target `{text}`: {e}"))?;
        Ok(sign * f.to_f64())
    };
    match kind.trim() {
        "balance-power" => Ok(Target::BalancePower(signed(value)?)),
        "balance-votes" => Ok(Target::BalanceVotes(signed(value)?)),
        "balance-capital" => Ok(Target::BalanceCapital(signed(value)?)),
        "vote-share" => {
            let (issuer, f) = value.split_once(':').ok_or_else(|| {
                anyhow!("--target `{text}`: write vote-share=ISSUER:F, for example vote-share=nissan:25%")
            })?;
            let share: Fraction = f.parse().map_err(|e| anyhow!("--target `{text}`: {e}"))?;
            if !share.is_at_most_one() {
                bail!("--target `{text}`: a vote share of {share} is more than the whole; give a fraction up to 1");
            }
            Ok(Target::VoteShare { issuer: issuer.trim().to_string(), share })
        }
        other => bail!(
            "--target `{text}`: `{other}` is not a measure; use balance-power, balance-votes, balance-capital \
            or vote-share"
        ),
    }
}

/// The answer in sentences.
fn to_text(s: &alliance_sim::model::Scenario, a: &Answer) -> String {
    let q = &a.question;
    let who = format!("{} in {}", s.name_of(&q.holder), s.name_of(&q.issuer));
    let names = s.names();
    let (t, target) = (&q.target, q.target.target_words());
    let measure = t.measure_words(&names, &q.holder, a.pair.as_ref());
    let mut out = vec![format!(
        "{who} on {}: now {} shares ({:.4}% of issued); {measure}: {}",
        q.date,
        thousands(a.current.shares),
        a.current.capital * 100.0,
        t.value_words(a.current.value)
    )];
    if a.crossings.is_empty() {
        out.push(format!(
            "no stake in [0, {}] (from none to the holding plus the float) brings {measure} to {target}",
            thousands(a.max_shares)
        ));
    }
    for c in &a.crossings {
        let below = c.below.map_or_else(String::new, |b| format!("; one share fewer: {}", t.value_words(b)));
        out.push(format!(
            "to reach {target}: {} shares ({:.4}% of issued), where it is {}{below}",
            thousands(c.at.shares),
            c.at.capital * 100.0,
            t.value_words(c.at.value)
        ));
    }
    out.push(format!("method: {}, {} evaluations", method_label(a.method), a.evaluations));
    out.join("\n")
}

fn method_label(m: Method) -> String {
    match m {
        Method::Bisection => "bisection (the measure is monotone in the stake)".into(),
        Method::Scan(n) => format!("scan of {n} stakes, each crossing refined by bisection to one share"),
    }
}

fn to_json(a: &Answer) -> Value {
    let q = &a.question;
    let stake = |st: &goal_seek::Stake| json!({"shares": st.shares, "capital": st.capital, "value": st.value});
    json!({
        "holding": {"holder": q.holder, "issuer": q.issuer},
        "date": q.date.to_string(),
        "target": q.target.label(),
        "pair": a.pair.as_ref().map(|(x, y)| json!([x, y])),
        "current": stake(&a.current),
        "range": [0, a.max_shares],
        "solutions": a.crossings.iter().map(|c| {
            let mut v = stake(&c.at);
            v["value_one_share_below"] = json!(c.below);
            v
        }).collect::<Vec<_>>(),
        "reached": !a.crossings.is_empty(),
        "method": match a.method { Method::Bisection => "bisection", Method::Scan(_) => "scan" },
        "evaluations": a.evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_with_signs_and_fractions() {
        assert!(matches!(parse_target("balance-power=0"), Ok(Target::BalancePower(v)) if v == 0.0));
        assert!(matches!(parse_target("balance-votes=-5%"), Ok(Target::BalanceVotes(v)) if (v + 0.05).abs() < 1e-15));
        let share = parse_target("vote-share=nissan:1/4");
        assert!(matches!(share, Ok(Target::VoteShare { ref issuer, .. }) if issuer == "nissan"));
        assert!(parse_target("power=0").is_err());
        assert!(parse_target("vote-share=nissan").is_err());
        assert!(parse_target("vote-share=nissan:3/2").is_err());
    }
}
