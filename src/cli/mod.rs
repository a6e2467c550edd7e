//! The subcommands of the `alliance-sim` binary.

mod export_cmd;
mod fmt_cmd;
mod indirect_cmd;
mod power_cmd;
mod sensitivity_cmd;
mod solve_cmd;

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
        /// The parts of each date to print, comma-separated (default: all). Leave out
        /// `ownership` on large networks: its two matrices can grow as the square of the
        /// number of companies.
        #[arg(long, value_enum, value_delimiter = ',')]
        sections: Vec<report::Section>,
        /// How CSV writes numbers (with --format csv).
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Power indices of a weighted majority game (optionally with an oceanic float).
    Power(power_cmd::PowerArgs),
    /// Export a chart as PNG or SVG, or the data behind it as CSV, without a window.
    Export(export_cmd::ExportArgs),
    /// Rewrite scenario files in the canonical layout, comments, byte-order mark and CRLF line
    /// endings kept (`--check`: only say which would change, and how).
    Fmt(fmt_cmd::FmtArgs),
    /// Goal seek: the stake of a holding on a date that brings a balance or a vote share to a target.
    Solve(solve_cmd::SolveArgs),
    /// Indirect power of the ultimate holders (investors, the State, the floats) through the
    /// network of meetings.
    Indirect(indirect_cmd::IndirectArgs),
    /// The headline balance on a date under a low and a high value of every modelling choice
    /// (turnout, float model, readings, behaviours, covenants), widest swing first.
    Sensitivity(sensitivity_cmd::SensitivityArgs),
}

/// The options of CSV output, shared by `report` and `export`.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct CsvArgs {
    /// CSV: shares as percentages (15 for 15%) instead of fractions (0.15); their columns
    /// (or fields) are marked as percentages.
    #[arg(long)]
    percent: bool,
    /// CSV: round every share to N decimals (0 to 20; of the percentage with --percent).
    /// Default: every digit, as in `report --format json`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=20))]
    digits: Option<u8>,
    /// CSV: begin with a UTF-8 byte-order mark, so that Excel shows accented names correctly
    /// when it opens the file.
    #[arg(long)]
    excel: bool,
}

impl CsvArgs {
    /// The options, or an error naming the format they do not apply to.
    fn options(self, csv: bool, format: &str) -> Result<io::export::csv::CsvOptions> {
        let options = io::export::csv::CsvOptions {
            percent: self.percent,
            digits: self.digits.map(usize::from),
            bom: self.excel,
        };
        if !csv && options != io::export::csv::CsvOptions::default() {
            anyhow::bail!(
                "--percent, --digits and --excel apply to CSV only, not to {format}; drop them or use --format csv"
            );
        }
        Ok(options)
    }
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
        Some(Command::Report { file, date, format, sections, csv }) => report_cmd(&file, date, format, &sections, csv),
        Some(Command::Power(args)) => power_cmd::run(&args),
        Some(Command::Export(args)) => export_cmd::run(&args),
        Some(Command::Fmt(args)) => fmt_cmd::run(&args),
        Some(Command::Solve(args)) => solve_cmd::run(&args),
        Some(Command::Indirect(args)) => indirect_cmd::run(&args),
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

fn report_cmd(
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

/// Writes a line to standard output. Every command prints through here (never `println!`,
/// which panics on a closed pipe); a failed write is an error, and `main` ends quietly when the
/// reader has gone (`| head`).
pub fn print_out(text: &str) -> Result<ExitCode> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").and_then(|()| out.flush()).context("could not write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Whether an error comes from writing to a pipe whose reader has closed it.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
