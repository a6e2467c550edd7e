//! `alliance-sim assumptions FILE [--date D] [--kind K] [--format table|json|csv]`: the headline
//! balance under a low and a high value of every modelling choice, widest swing first (`sensitivity` is
//! kept as an alias).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use alliance_sim::engine::assumptions::{BalanceSwings, Swing, balance_swings};
use alliance_sim::io::{self, csv_format::csv_field};
use alliance_sim::model::Names;

use super::output::print_out;
use super::report_cmd::Format;

/// Arguments of `assumptions` (alias `sensitivity`).
#[derive(Debug, Args)]
pub struct AssumptionsArgs {
    /// The `.ron` scenario file.
    file: PathBuf,
    /// The date (YYYY-MM-DD); the scenario's last date when omitted.
    #[arg(long, value_parser = crate::cli::dates::parse_date)]
    date: Option<NaiveDate>,
    /// The resolution kind whose balance is tested (default: ordinary, or the first kind).
    #[arg(long)]
    kind: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Serialize)]
struct SwingJson<'a> {
    key: &'a str,
    assumption: &'a str,
    value: &'a str,
    source: &'a str,
    low: SideJson<'a>,
    high: SideJson<'a>,
    swing: f64,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    label: &'a str,
    balance: Option<f64>,
}

#[derive(Serialize)]
struct BalanceSwingsJson<'a> {
    date: String,
    a: &'a str,
    b: &'a str,
    kind: &'a str,
    balance: f64,
    swings: Vec<SwingJson<'a>>,
}

fn json(t: &BalanceSwings) -> BalanceSwingsJson<'_> {
    BalanceSwingsJson {
        date: t.date.to_string(),
        a: &t.pair.0,
        b: &t.pair.1,
        kind: &t.kind,
        balance: t.base,
        swings: t
            .swings
            .iter()
            .map(|s| SwingJson {
                key: &s.key,
                assumption: &s.label,
                value: &s.value,
                source: &s.source,
                low: SideJson { label: &s.low.0, balance: s.low.1 },
                high: SideJson { label: &s.high.0, balance: s.high.1 },
                swing: s.width(),
                note: s.note.as_deref(),
            })
            .collect(),
    }
}

fn table(t: &BalanceSwings, names: &Names) -> String {
    let (a, b) = (names.entity(&t.pair.0), names.entity(&t.pair.1));
    let mut out = format!(
        "Balance {a} at {b}'s meeting minus {b} at {a}'s, {} resolutions, on {}: {:+.4}\n\n",
        names.kind_in_text(&t.kind),
        t.date,
        t.base
    );
    let width = |f: fn(&Swing) -> &str, least: usize| {
        t.swings.iter().map(|s| f(s).chars().count()).max().unwrap_or(0).max(least)
    };
    let (w1, w2) = (width(|s| &s.label, 44), width(|s| &s.value, 34));
    let w3 = width(|s| &s.low.0, 28).max(width(|s| &s.high.0, 28));
    out.push_str(&format!(
        "{:<w1$} {:<w2$} {:<w3$} {:>9}  {:<w3$} {:>9} {:>8}\n",
        "assumption", "value", "low", "balance", "high", "balance", "swing"
    ));
    let num = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:+.4}"));
    for s in &t.swings {
        out.push_str(&format!(
            "{:<w1$} {:<w2$} {:<w3$} {:>9}  {:<w3$} {:>9} {:>8.4}\n",
            s.label,
            s.value,
            s.low.0,
            num(s.low.1),
            s.high.0,
            num(s.high.1),
            s.width()
        ));
        if let Some(n) = &s.note {
            out.push_str(&format!("    (a variant cannot be evaluated: {n})\n"));
        }
    }
    out.push_str("\nsources and reasons:\n");
    for s in &t.swings {
        out.push_str(&format!("  {}: {}\n", s.label, s.source));
    }
    out
}

fn csv(t: &BalanceSwings) -> String {
    let mut out = String::from("date,a,b,kind,key,assumption,value,low,low_balance,high,high_balance,swing\n");
    let num = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    out.push_str(&format!(
        "{},{},{},{},base,as given,,,{},,,0\n",
        t.date,
        csv_field(&t.pair.0),
        csv_field(&t.pair.1),
        csv_field(&t.kind),
        t.base
    ));
    for s in &t.swings {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n",
            t.date,
            csv_field(&t.pair.0),
            csv_field(&t.pair.1),
            csv_field(&t.kind),
            csv_field(&s.key),
            csv_field(&s.label),
            csv_field(&s.value),
            csv_field(&s.low.0),
            num(s.low.1),
            csv_field(&s.high.0),
            num(s.high.1),
            s.width()
        ));
    }
    out
}

/// Runs `assumptions`.
pub fn run(a: &AssumptionsArgs) -> Result<ExitCode> {
    let s = io::load(&a.file)?;
    let date = a.date.unwrap_or(s.end);
    if date < s.start || date > s.end {
        anyhow::bail!(
            "{}: --date {date} is outside the scenario's window {} to {}; give a date inside it",
            a.file.display(),
            s.start,
            s.end
        );
    }
    let t = balance_swings(&s, date, a.kind.as_deref()).with_context(|| format!("{}", a.file.display()))?;
    let text = match a.format {
        Format::Table => table(&t, &s.names()),
        Format::Json => serde_json::to_string_pretty(&json(&t)).context("could not write the result as JSON")?,
        Format::Csv => csv(&t),
    };
    print_out(&text)
}
