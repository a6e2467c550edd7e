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
use super::output::{print_err, print_out};

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
    let mut r = report::report(&s, &ev, date);
    if !sections.is_empty() {
        r.keep_sections(sections);
    }
    let text = match format {
        Format::Table => report::to_table(&r),
        Format::Json => report::to_json(&r).context("could not write the report as JSON")?,
        Format::Csv => report::to_csv_with(&r, &csv),
    };
    print_out(&text)
}
