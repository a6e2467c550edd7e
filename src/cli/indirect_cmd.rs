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

use super::output::{print_err, print_out, seconds_text};

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

/// Seconds of CPU per unit of work of the exact walk (a coalition × the network's size: its
/// companies, ultimate holders and holdings) and of Monte Carlo (a coalition drawn × that size,
/// for each of the two indices): the estimate printed before a long run. Derived from the
/// `cargo bench --bench indirect` figures of docs/performance.md (2^20 coalitions over 50
/// companies, about 230 units each: 374 ms on two threads; 100,000 samples over 1,000 companies,
/// about 3,200 units: 311 ms on two threads), as CPU time; both run on two threads, so with two
/// free cores the run ends sooner than announced.
const SECONDS_PER_EXACT_STEP: f64 = 3.0e-9;
const SECONDS_PER_SAMPLE_STEP: f64 = 1.0e-9;

/// A run estimated to take longer than this is announced on standard error before it starts,
/// with the faster alternatives (as `power` does).
const LONG_RUN_SECONDS: f64 = 2.0;

/// One network to solve: its kind and quota, and its size for the estimate.
struct Job {
    kind: String,
    quota: Quota,
    net: indirect::Network,
    /// Holdings with votes in play at the meetings of that date (the network's edges, at most).
    holdings: usize,
}

impl Job {
    /// Estimated seconds of this network's indices with `opts`.
    fn seconds(&self, opts: &indirect::Options) -> f64 {
        let (m, k) = (self.net.players().len(), self.net.companies().len());
        let size = (m + k + self.holdings) as f64;
        if m <= opts.max_exact.min(indirect::MAX_EXACT_PLAYERS) {
            2f64.powi(m as i32) * size * SECONDS_PER_EXACT_STEP
        } else {
            let samples = opts.samples.div_ceil(indirect::BATCH).max(2) * indirect::BATCH;
            samples as f64 * 2.0 * size * SECONDS_PER_SAMPLE_STEP
        }
    }

    /// Whether this network is estimated by Monte Carlo.
    fn sampled(&self, opts: &indirect::Options) -> bool {
        self.net.players().len() > opts.max_exact.min(indirect::MAX_EXACT_PLAYERS)
    }
}

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
    let opts = indirect::Options {
        max_exact: if args.monte_carlo { 0 } else { indirect::MAX_EXACT_PLAYERS },
        samples: args.samples.min(MAX_SAMPLES.saturating_add(1)),
        seed: args.seed,
    };
    let ev = engine::evaluate(&s).with_context(|| format!("{file}: the scenario cannot be evaluated"))?;
    let jobs = jobs(&ev, args.date, &kinds).with_context(|| format!("{file}: the network of meetings"))?;
    let all = || jobs.iter().flat_map(|(_, group)| group);
    if args.samples > MAX_SAMPLES {
        let sampled: f64 = all().filter(|j| j.sampled(&opts)).map(|j| j.seconds(&opts)).sum();
        let cost = if sampled > 0.0 {
            format!(
                "these would take about {} here",
                seconds_text(sampled * (args.samples as f64 / opts.samples as f64))
            )
        } else {
            "this file's networks are small enough to enumerate, so none would be drawn unless --monte-carlo".into()
        };
        bail!(
            "--samples {}: at most {} coalitions are drawn for each index ({cost}); the default {} gives each value \
             with a standard error below 0.002",
            alliance_sim::model::thousands(args.samples),
            alliance_sim::model::thousands(MAX_SAMPLES),
            alliance_sim::model::thousands(indirect::DEFAULT_SAMPLES)
        );
    }
    let seconds: f64 = all().map(|j| j.seconds(&opts)).sum();
    if seconds >= LONG_RUN_SECONDS {
        print_err(&long_run_note(&jobs, &opts, args.date.is_some(), seconds));
    }
    let mut dates = Vec::with_capacity(jobs.len());
    for (date, group) in &jobs {
        let mut set = Vec::with_capacity(group.len());
        for job in group {
            let result = indirect::indirect_power(&job.net, job.quota, &opts)
                .with_context(|| format!("{file}: indirect power on {date} ({} resolutions)", job.kind))?;
            set.push(indirect::KindPower { kind: job.kind.clone(), result: Ok(result) });
        }
        dates.push(DateOut { date: date.clone(), indirect: indirect_report::indirect_by_issuer(&set) });
    }
    let out = Output { scenario: s.title.clone(), dates };
    let text = match args.format {
        IndirectFormat::Json => serde_json::to_string_pretty(&out).context("could not write the figures as JSON")?,
        IndirectFormat::Table => table(&out, &s.names()),
    };
    print_out(&text)
}

/// The networks to solve, date by date (every change point, or the date asked), one per kind.
fn jobs(
    ev: &engine::Evaluation,
    date: Option<NaiveDate>,
    kinds: &[(String, Quota)],
) -> Result<Vec<(String, Vec<Job>)>> {
    let points: Vec<(String, &engine::Point)> = match date {
        Some(d) => ev.at(d).map(|p| (d.to_string(), p)).into_iter().collect(),
        None => ev.points.iter().map(|p| (p.date.to_string(), p)).collect(),
    };
    let mut out = Vec::with_capacity(points.len());
    for (date, p) in points {
        let holdings = p.issuers.iter().map(|x| x.votes.holders.len()).sum();
        let mut group = Vec::with_capacity(kinds.len());
        for (kind, quota) in kinds {
            let net = indirect::Network::of_kind(p.issuers.iter().map(std::sync::Arc::as_ref), kind)
                .with_context(|| format!("no meeting game of the {kind} resolutions on {date}"))?
                .with_context(|| format!("the network of meetings on {date} is not consistent"))?;
            group.push(Job { kind: kind.clone(), quota: *quota, net, holdings });
        }
        out.push((date, group));
    }
    Ok(out)
}

/// The note printed before a run estimated at `seconds`, with what is faster (worded as
/// `power`'s).
fn long_run_note(jobs: &[(String, Vec<Job>)], opts: &indirect::Options, one_date: bool, seconds: f64) -> String {
    let all = || jobs.iter().flat_map(|(_, group)| group);
    let players = all().map(|j| j.net.players().len()).max().unwrap_or(0);
    let companies = all().map(|j| j.net.companies().len()).max().unwrap_or(0);
    let mut faster = Vec::new();
    let sampled: f64 = all().filter(|j| j.sampled(opts)).map(|j| j.seconds(opts)).sum();
    let fewer = 10_000;
    if sampled > 0.0 && opts.samples > fewer {
        let at_fewer = seconds - sampled + sampled * fewer as f64 / opts.samples as f64;
        faster.push(format!(
            "--samples {} (each value with a standard error below 0.006, about {})",
            alliance_sim::model::thousands(fewer),
            seconds_text(at_fewer)
        ));
    }
    if !one_date && jobs.len() > 1 {
        let most = jobs.iter().map(|(_, g)| g.iter().map(|j| j.seconds(opts)).sum::<f64>()).fold(0.0, f64::max);
        faster.push(format!(
            "--date YYYY-MM-DD (one date of the {}, about {} at most)",
            jobs.len(),
            seconds_text(most)
        ));
    }
    if jobs.first().is_some_and(|(_, g)| g.len() > 1) {
        faster.push("--kind ordinary (one kind of resolution)".to_string());
    }
    let alternatives = if faster.is_empty() { String::new() } else { format!(" Faster: {}.", faster.join("; or ")) };
    format!(
        "note: up to {players} ultimate holders over {companies} companies, {} dates: this will take about {} (an \
         estimate; every coalition is enumerated up to {} ultimate holders, 2^holders × the network's size, and \
         sampled beyond, samples × the network's size).{alternatives}",
        jobs.len(),
        seconds_text(seconds),
        indirect::MAX_EXACT_PLAYERS
    )
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

fn table(out: &Output, names: &alliance_sim::model::Names) -> String {
    let mut text = format!("{}\nindirect power of the ultimate holders through the network\n", out.scenario);
    for d in &out.dates {
        text.push_str(&format!("\n== {} ==\n", d.date));
        indirect_report::table(&mut text, &d.indirect, names);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded default scenario's jobs, every date and kind.
    fn default_jobs() -> Vec<(String, Vec<Job>)> {
        let s = io::default_scenario().unwrap_or_else(|e| panic!("the default loads: {e}"));
        let ev = engine::evaluate(&s).unwrap_or_else(|e| panic!("the default evaluates: {e}"));
        let kinds: Vec<(String, Quota)> = s.resolution_kinds().into_iter().map(|k| (k.id.clone(), k.quota)).collect();
        jobs(&ev, None, &kinds).unwrap_or_else(|e| panic!("the default's networks: {e}"))
    }

    #[test]
    fn a_long_run_is_announced_with_its_time_and_what_is_faster() {
        let jobs = default_jobs();
        let exact = indirect::Options::default();
        let sampled = indirect::Options { max_exact: 0, samples: 100_000_000, ..exact };
        let all = || jobs.iter().flat_map(|(_, g)| g);
        let (quick, long): (f64, f64) =
            (all().map(|j| j.seconds(&exact)).sum(), all().map(|j| j.seconds(&sampled)).sum());
        assert!(quick < LONG_RUN_SECONDS, "the default is quick: {quick} s");
        assert!(long > 100.0 * LONG_RUN_SECONDS, "10⁸ samples on every date are long: {long} s");
        let note = long_run_note(&jobs, &sampled, false, long);
        assert!(note.starts_with("note: ") && note.contains("this will take about "), "{note}");
        assert!(note.contains(&seconds_text(long)), "{note}");
        assert!(note.contains("--samples 10,000") && note.contains("--date YYYY-MM-DD"), "{note}");
    }
}
