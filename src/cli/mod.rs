//! The subcommands of the `alliance-sim` binary.

mod export_cmd;
mod fmt_cmd;
mod power_cmd;
mod sensitivity_cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use alliance_sim::app::Launch;
use alliance_sim::engine;
use alliance_sim::io::{self, report};

/// Cross-shareholdings between allied companies and the voting power that results, date by
/// date. Without a subcommand, opens the app on the last scenario or the embedded default.
#[derive(Debug, Parser)]
#[command(name = "alliance-sim", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open a scenario file in the app.
    Open {
        /// The `.ron` scenario file.
        file: PathBuf,
        /// Start in presenter mode (full screen, steps through the captioned events).
        #[arg(long)]
        present: bool,
        /// Overlay a second scenario (dashed) and show the differences.
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// Validate a scenario file: exit 0, or 1 with the error on stderr.
    Check {
        /// The `.ron` scenario file.
        file: PathBuf,
    },
    /// Print the state of every holding, vote and power index at every change point.
    Report {
        /// The `.ron` scenario file.
        file: PathBuf,
        /// Only the state in force on this date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Power indices of a weighted majority game (optionally with an oceanic float).
    Power(power_cmd::PowerArgs),
    /// Export a chart as PNG or SVG, or the data behind it as CSV, without a window.
    Export(export_cmd::ExportArgs),
    /// Rewrite scenario files in the canonical layout, comments kept (`--check`: only say
    /// which would change, and how).
    Fmt(fmt_cmd::FmtArgs),
    /// The headline balance on a date under a low and a high value of every modelling choice
    /// (turnout, float model, readings, behaviours, covenants), widest swing first.
    Sensitivity(sensitivity_cmd::SensitivityArgs),
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Plain text for people.
    Table,
    /// JSON, documented in the README.
    Json,
    /// CSV, one figure a row.
    Csv,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => alliance_sim::app::run(Launch::default()).map(|_| ExitCode::SUCCESS),
        Some(Command::Open { file, present, compare }) => {
            alliance_sim::app::run(Launch { file: Some(file), present, compare }).map(|_| ExitCode::SUCCESS)
        }
        Some(Command::Check { file }) => check(&file),
        Some(Command::Report { file, date, format }) => report_cmd(&file, date, format),
        Some(Command::Power(args)) => power_cmd::run(&args),
        Some(Command::Export(args)) => export_cmd::run(&args),
        Some(Command::Fmt(args)) => fmt_cmd::run(&args),
        Some(Command::Sensitivity(args)) => sensitivity_cmd::run(&args),
    }
}

fn check(file: &Path) -> Result<ExitCode> {
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
            eprintln!("error: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn report_cmd(file: &Path, date: Option<NaiveDate>, format: Format) -> Result<ExitCode> {
    let s = io::load(file)?;
    if let Some(d) = date.filter(|d| *d < s.start) {
        anyhow::bail!(
            "{}: --date {d} is before the scenario starts on {}; give a date from {} on",
            file.display(),
            s.start,
            s.start
        );
    }
    let ev = engine::evaluate(&s).with_context(|| format!("{}: the scenario cannot be evaluated", file.display()))?;
    let r = report::report(&s, &ev, date);
    let text = match format {
        Format::Table => report::to_table(&r),
        Format::Json => report::to_json(&r).context("could not write the report as JSON")?,
        Format::Csv => report::to_csv(&r),
    };
    print_out(&text)
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly instead of panicking.
pub fn print_out(text: &str) -> Result<ExitCode> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("could not write to standard output"),
    }
}
