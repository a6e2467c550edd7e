//! `alliance-sim check FILE` and `alliance-sim report FILE [--date D] [--format …]`: a
//! scenario validated, and its state at every change point.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;

use alliance_sim::engine;
use alliance_sim::io::{self, report};

use super::csv_args::CsvArgs;
use super::output::{print_err, print_out, write_out};

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text for people.
    Table,
    /// JSON, documented in docs/json.md.
    Json,
    /// CSV, one figure a row.
    Csv,
}

/// `check`: loads and evaluates the file, and says what it holds.
pub fn check(file: &Path) -> Result<ExitCode> {
    match io::load(file) {
        Ok(s) => {
            let points = engine::evaluate(&s).map(|e| e.points.len()).unwrap_or(0);
            print_out(&format!(
                "{}: ok — \"{}\", {} entities, {} events, {} change points",
                file.display(),
                s.title,
                s.entities.len(),
                s.events.len(),
                points
            ))
        }
        Err(e) => {
            print_err(&format!("error: {e}"));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `report`: the state at every change point, or on one date, as a table, JSON or CSV.
pub fn run(
    file: &Path,
    date: Option<NaiveDate>,
    format: Format,
    sections: &[report::Section],
    csv: CsvArgs,
) -> Result<ExitCode> {
    let name = format!("{format:?}").to_lowercase();
    let csv = csv.options(format == Format::Csv, &name)?;
    let s = io::load(file)?;
    if let Some(d) = date.filter(|d| *d < s.start || *d > s.end) {
        anyhow::bail!(
            "{}: --date {d} is outside the scenario's window, {} to {}; choose a date within it",
            file.display(),
            s.start,
            s.end
        );
    }
    let ev = engine::evaluate(&s).with_context(|| format!("{}: the scenario cannot be evaluated", file.display()))?;
    let (kinds, names) = (report::kind_reports(&s), s.names());
    // Each date's records are built, written and dropped in turn: a report of every change point
    // can be a gigabyte of text, far more than the evaluation it is made from.
    let dates = report::date_reports(&ev, date).map(|mut d| {
        if !sections.is_empty() {
            d.keep_sections(sections);
        }
        d
    });
    write_out(|out| match format {
        Format::Table => report::write_table(out, &s.title, &kinds, &names, dates),
        Format::Json => report::write_json(out, &s.title, &kinds, dates),
        Format::Csv => report::write_csv(out, dates, &csv, &names),
    })
}
