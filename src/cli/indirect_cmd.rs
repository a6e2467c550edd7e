//! `alliance-sim indirect`: indirect power of the ultimate holders through the network of
//! meetings, on every change point or one date, for every kind of resolution or one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use alliance_sim::engine::{self, indirect};
use alliance_sim::io::{self, report::indirect as indirect_report};
use alliance_sim::model::{Quota, Scenario};

use super::output::print_out;

/// Arguments of `indirect`.
#[derive(Debug, Args)]
pub struct IndirectArgs {
    /// The `.ron` scenario file.
    file: PathBuf,
    /// Only the state in force on this date (YYYY-MM-DD).
    #[arg(long, value_parser = crate::cli::dates::parse_date)]
    date: Option<NaiveDate>,
    /// Only this kind of resolution (ordinary or special).
    #[arg(long)]
    kind: Option<String>,
    /// Coalitions drawn for each index when the network has more than 20 ultimate holders
    /// (Monte Carlo); rounded up to a multiple of 64.
    #[arg(long, default_value_t = indirect::DEFAULT_SAMPLES)]
    samples: u64,
    /// The Monte Carlo generator's seed (the same seed gives the same figures).
    #[arg(long, default_value_t = indirect::DEFAULT_SEED)]
    seed: u64,
    /// Estimate by Monte Carlo even when every coalition could be enumerated.
    #[arg(long)]
    monte_carlo: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IndirectFormat::Table)]
    format: IndirectFormat,
}

/// Output formats of `indirect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum IndirectFormat {
    /// Plain text.
    Table,
    /// JSON: the `indirect` object of `report --format json` for each date.
    Json,
}

/// The JSON output.
#[derive(Debug, Serialize)]
struct Output {
    scenario: String,
    dates: Vec<DateOut>,
}

#[derive(Debug, Serialize)]
struct DateOut {
    date: String,
    indirect: indirect_report::IndirectByIssuer,
}

/// The most coalitions drawn for each index: a billion gives each value to within about ±0.00006
/// (four standard errors); near 2⁶⁴ the count would never end.
const MAX_SAMPLES: u64 = 1_000_000_000;

/// Runs `indirect`.
pub fn run(args: &IndirectArgs) -> Result<ExitCode> {
    let s = io::load(&args.file)?;
    let file = args.file.display();
    if let Some(d) = args.date.filter(|d| *d < s.start || *d > s.end) {
        bail!("{file}: --date {d} is outside the scenario's window, {} to {}; choose a date within it", s.start, s.end);
    }
    let kinds = kinds(&s, args.kind.as_deref())?;
    if args.samples == 0 {
        bail!("--samples 0 draws nothing: give at least 1 (64 or more for a standard error)");
    }
    if args.samples > MAX_SAMPLES {
        bail!(
            "--samples {}: at most {} coalitions are drawn for each index (more would run for hours); \
             the default {} gives each value with a standard error below 0.002",
            alliance_sim::model::thousands(args.samples),
            alliance_sim::model::thousands(MAX_SAMPLES),
            alliance_sim::model::thousands(indirect::DEFAULT_SAMPLES)
        );
    }
    let opts = indirect::Options {
        max_exact: if args.monte_carlo { 0 } else { indirect::MAX_EXACT_PLAYERS },
        samples: args.samples,
        seed: args.seed,
    };
    let ev = engine::evaluate(&s).with_context(|| format!("{file}: the scenario cannot be evaluated"))?;
    let points: Vec<(String, &engine::Point)> = match args.date {
        Some(d) => ev.at(d).map(|p| (d.to_string(), p)).into_iter().collect(),
        None => ev.points.iter().map(|p| (p.date.to_string(), p)).collect(),
    };
    let mut dates = Vec::with_capacity(points.len());
    for (date, p) in points {
        let mut set = Vec::new();
        for (kind, quota) in &kinds {
            let net = indirect::Network::of_kind(p.issuers.iter().map(std::sync::Arc::as_ref), kind)
                .with_context(|| format!("{file}: no meeting game of the {kind} resolutions on {date}"))?
                .with_context(|| format!("{file}: the network of meetings on {date} is not consistent"))?;
            let result = indirect::indirect_power(&net, *quota, &opts)
                .with_context(|| format!("{file}: indirect power on {date} ({kind} resolutions)"))?;
            set.push(indirect::KindPower { kind: kind.clone(), result: Ok(result) });
        }
        dates.push(DateOut { date, indirect: indirect_report::indirect_by_issuer(&set) });
    }
    let out = Output { scenario: s.title.clone(), dates };
    let text = match args.format {
        IndirectFormat::Json => serde_json::to_string_pretty(&out).context("could not write the figures as JSON")?,
        IndirectFormat::Table => table(&out),
    };
    print_out(&text)
}

/// The scenario's kinds asked for, with their quotas: one by id, or all.
fn kinds(s: &Scenario, kind: Option<&str>) -> Result<Vec<(String, Quota)>> {
    let all: Vec<(String, Quota)> = s.resolution_kinds().into_iter().map(|k| (k.id.clone(), k.quota)).collect();
    let Some(name) = kind else { return Ok(all) };
    let by_name: BTreeMap<&str, Quota> = all.iter().map(|(k, q)| (k.as_str(), *q)).collect();
    match by_name.get(name) {
        Some(q) => Ok(vec![(name.to_string(), *q)]),
        None => {
            let known: Vec<&str> = by_name.keys().copied().collect();
            bail!("--kind {name} is not a kind of resolution of this scenario; use one of: {}", known.join(", "))
        }
    }
}

fn table(out: &Output) -> String {
    let mut text = format!("{}\nindirect power of the ultimate holders through the network\n", out.scenario);
    for d in &out.dates {
        text.push_str(&format!("\n== {} ==\n", d.date));
        indirect_report::table(&mut text, &d.indirect);
    }
    text
}
